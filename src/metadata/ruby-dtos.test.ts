import fc from 'fast-check';
import { parseCSharpDtos } from '../derive/dto/csharp.js';
import { parseRubyDtos } from '../derive/dto/ruby.js';
import type { DtoParseResult } from '../derive/model.js';
import { compileApi, loadApi } from '../schema/registry.js';
import { buildCSharpDtos } from './csharp-dtos.js';
import { dtoOptions, parseTypeExpr } from './dto-options.js';
import type { MetadataProperty, MetadataType } from './metadata-types.js';
import { buildRubyDtos, propertyTypeExpression, rubyType, type Scope } from './ruby-dtos.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const APIS = [
  ['schemas', 'billiecart'],
  ['schemas', 'servicestack-home'],
  ['test/fixtures/schemas', 'bookings'],
] as const;
const LIBRARY = new Set(['ResponseStatus', 'QueryResponse', 'QueryDb']);

describe('rubyType: .NET types as RubyGenerator prints them in # @return [...]', () => {
  it.each([
    ['String', 'String'],
    ['Int32', 'Integer'],
    ['Int64', 'Integer'],
    ['Boolean', 'TrueClass'],
    ['Decimal', 'BigDecimal'],
    ['Double', 'Float'],
    ['Guid', 'String'],
    ['DateTime', 'DateTime'],
    ['TimeSpan', 'Time'],
    ['Byte[]', 'String'],
    ['Order[]', 'Array'],
    ['Nullable<Int32>', 'Integer'],
    // Generic types keep their bare name: `TypeAliases` is keyed by `List`, not `List`1`.
    ['List<Order>', 'List'],
    ['Dictionary<String,Order>', 'Dictionary'],
    ['Order', 'Order'],
    ['ResponseStatus', 'ServiceStack::ResponseStatus'],
    ['QueryDb<Booking>', 'ServiceStack::QueryDb'],
    ['QueryResponse<Booking>', 'ServiceStack::QueryResponse.of(Booking)'],
  ])('%s → %s', (dotnet, ruby) => {
    expect(rubyType(parseTypeExpr(dotnet), { library: LIBRARY })).toBe(ruby);
  });
});

describe("propertyTypeExpression: the type a property's JSON converts into (def self.properties)", () => {
  const scope: Scope = {
    printed: new Map<string, MetadataType>([
      ['Order', { name: 'Order' }],
      ['RoomType', { name: 'RoomType', isEnum: true }],
    ]),
    library: LIBRARY,
  };
  const p = (type: string, genericArgs?: string[]): MetadataProperty => ({
    name: 'X',
    type,
    ...(genericArgs ? { genericArgs } : {}),
  });
  it.each<[string, MetadataProperty, string | undefined]>([
    ['a string, as it is', p('String'), undefined],
    ['an int, as it is', p('Int32'), undefined],
    ['an enum, by its string', p('RoomType'), undefined],
    ['a date', p('DateTime'), 'DateTime'],
    ['a nullable date', p('Nullable`1', ['DateTimeOffset']), 'DateTime'],
    ['a DTO', p('Order'), 'Order'],
    ["the gem's type", p('ResponseStatus'), 'ServiceStack::ResponseStatus'],
    ['a list of DTOs', p('List`1', ['Order']), '[Order]'],
    ['a list of strings, as it is', p('List`1', ['String']), undefined],
    ['an array of DTOs', p('Order[]'), '[Order]'],
    ['a map of DTOs', p('Dictionary`2', ['String', 'Order']), '{ String => Order }'],
    ['a map of strings, as it is', p('Dictionary`2', ['String', 'String']), undefined],
  ])('%s', (_what, prop, expected) => {
    expect(propertyTypeExpression(prop, scope)).toBe(expected);
  });
});

const propertyNames = (r: DtoParseResult) =>
  Object.fromEntries(r.types.map((t) => [t.name, t.properties.map((p) => p.name)] as const));

describe('buildRubyDtos', () => {
  it.each(APIS)("%s/%s: derive reads the C# file's types and properties (less the gem's)", (root, id) => {
    const api = loadApi(root, id);
    const rb = parseRubyDtos(buildRubyDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.rb', 1);
    const cs = parseCSharpDtos(buildCSharpDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.cs', 1);
    expect(rb.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The gem has ResponseStatus, QueryResponse, …; ErrorResponse is not one of them, so Ruby prints it.
    const gem = ['ResponseStatus', 'ResponseError', 'QueryResponse', 'IdResponse'];
    const expected = Object.fromEntries(Object.entries(propertyNames(cs)).filter(([n]) => !gem.includes(n)));
    expect(propertyNames(rb)).toEqual({ ...expected, ErrorResponse: ['ResponseStatus'] });
  });

  it("prints RubyGenerator's header: its option lines, a caller's option without #, the tip naming //", () => {
    const text = buildRubyDtos(loadApi('schemas', 'billiecart'), 'http://h/b', dtoOptions({ ExcludeTypes: 'X' }), NOW);
    expect(text.slice(0, text.indexOf('\n\n\n'))).toBe(
      [
        '# frozen_string_literal: true',
        '# encoding: utf-8',
        '',
        '# Options:',
        '=begin',
        'Date: 2026-01-02 03:04:05',
        'Version: 8.80',
        'Tip: To override a DTO option, remove "//" prefix before updating',
        'BaseUrl: http://h/b',
        '',
        '#MakePartial: True',
        '#MakeVirtual: True',
        '#MakeInternal: False',
        '#MakeDataContractsExtensible: False',
        '#AddReturnMarker: True',
        '#AddDescriptionAsComments: True',
        '#AddDataContractAttributes: False',
        '#AddIndexesToDataMembers: False',
        '#AddGeneratedCodeAttributes: False',
        '#AddResponseStatus: False',
        '#AddImplicitVersion: ',
        '#InitializeCollections: False',
        '#ExportValueTypes: False',
        '#IncludeTypes: ',
        'ExcludeTypes: X',
        '#AddNamespaces: ',
        '#AddDefaultXmlNamespace: http://schemas.servicestack.net/types',
        '=end',
        '',
        "require 'json'",
        "require 'servicestack'",
      ].join('\n'),
    );
  });

  it('prints a request as RubyGenerator does: its first route, the gem base, properties, response_type', () => {
    const home = buildRubyDtos(loadApi('schemas', 'servicestack-home'), 'http://h', dtoOptions({}), NOW);
    expect(home).toContain('# @Route("/Customer")\nclass Customer\n    include ServiceStack::DTO\n\n');
    expect(home).toContain("    def response_type() = Customer\n    def get_type_name() = 'Customer'\n");
    expect(home).toContain("module SkuType\n    PRODUCT = 'Product'\n    PER_DEV = 'PerDev'\n");
    const bookings = buildRubyDtos(loadApi('test/fixtures/schemas', 'bookings'), 'http://h', dtoOptions({}), NOW);
    expect(bookings).toMatch(/^class QueryBookings < ServiceStack::QueryDb$/m);
    expect(bookings).toContain('    def response_type() = ServiceStack::QueryResponse.of(Booking)\n');
    expect(bookings).toContain("            booking_start_date: { name: 'bookingStartDate', type: DateTime },\n");
  });
});

describe('text from the contract cannot break the file', () => {
  const billiecart = loadApi('schemas', 'billiecart');
  const withText = (members: string[], description: string) => {
    const schemas = new Map(billiecart.schemas);
    schemas.set('Colour', { $id: 'https://schemas.ssmock.dev/billiecart/Colour.json', type: 'string', enum: members });
    const request = schemas.get('CreateCustomerRequest')!;
    schemas.set('CreateCustomerRequest', {
      ...request,
      description,
      properties: { ...request.properties, colour: { $ref: 'Colour.json', description } },
    });
    return compileApi({ ...billiecart.manifest, types: [...billiecart.manifest.types, 'Colour'] }, schemas);
  };

  it('derive reads the enum values and the types back whatever the names and descriptions hold (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.string({ maxLength: 30 }),
        (members, description) => {
          const text = buildRubyDtos(withText(members, description), 'http://h', dtoOptions({}), NOW);
          const parsed = parseRubyDtos(text, 'dtos.rb', 1);
          expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          // A quote or a backslash is escaped (`'it\\'s'`), which derive's Ruby reader keeps as written.
          const values = parsed.types.find((t) => t.name === 'Colour')?.enumValues ?? [];
          expect(values.map((v) => v.replace(/\\(['\\])/g, '$1'))).toEqual(members);
          expect(parsed.types.find((t) => t.name === 'CreateCustomerRequest')?.properties.map((p) => p.name)).toEqual([
            'Email',
            'OrganisationId',
            'Colour',
          ]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
