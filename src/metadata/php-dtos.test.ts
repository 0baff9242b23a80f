import fc from 'fast-check';
import { parseCSharpDtos } from '../derive/dto/csharp.js';
import { parsePhpDtos } from '../derive/dto/php.js';
import type { DtoParseResult } from '../derive/model.js';
import { compileApi, loadApi } from '../schema/registry.js';
import { buildCSharpDtos } from './csharp-dtos.js';
import { dtoOptions, parseTypeExpr } from './dto-options.js';
import type { MetadataProperty } from './metadata-types.js';
import { buildPhpDtos, phpProperty, phpType } from './php-dtos.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const APIS = [
  ['schemas', 'billiecart'],
  ['schemas', 'servicestack-home'],
  ['test/fixtures/schemas', 'bookings'],
] as const;

describe('phpType: .NET types as PhpGenerator prints them in @var docblocks', () => {
  it.each([
    ['String', 'string'],
    ['Int32', 'int'],
    ['Int64', 'int'],
    ['Boolean', 'bool'],
    ['Decimal', 'float'],
    ['Double', 'float'],
    ['Guid', 'string'],
    ['DateTime', 'DateTime'],
    ['TimeSpan', 'DateInterval'],
    ['Byte[]', 'ByteArray'],
    ['Order[]', 'Order[]'],
    ['Nullable<Int32>', 'int'],
    ['List<Order>', 'array<Order>'],
    ['List<Nullable<Int32>>', 'array<int>'],
    ['List<List<String>>', 'array<string[]>'],
    ['Dictionary<String,Order>', 'array<string,Order>'],
    // An array's key is a string for PHP whatever .NET's key type.
    ['Dictionary<Int32,String>', 'array<string,string>'],
    ['Dictionary<String,List<Order>>', 'array<string,Order[]>'],
    ['QueryResponse<Booking>', 'QueryResponse<Booking>'],
    ['KeyValuePair<String,Int32>', 'KeyValuePair<string, int>'],
  ])('%s → %s', (dotnet, php) => {
    expect(phpType(parseTypeExpr(dotnet))).toBe(php);
  });
});

describe('phpProperty: the promoted parameter of a property', () => {
  const p = (over: Partial<MetadataProperty>): MetadataProperty => ({ name: 'Total', type: 'String', ...over });
  it.each<[string, MetadataProperty, boolean, { name: string; native: string; doc: string; value: string }]>([
    ['an optional string', p({}), true, { name: 'total', native: '?string', doc: 'string|null', value: 'null' }],
    [
      'a required string',
      p({ isRequired: true }),
      true,
      { name: 'total', native: 'string', doc: 'string', value: "''" },
    ],
    [
      'an int (a value type)',
      p({ type: 'Int32', isValueType: true }),
      true,
      { name: 'total', native: 'int', doc: 'int', value: '0' },
    ],
    [
      'a nullable int',
      p({ type: 'Nullable`1', genericArgs: ['Int32'], isValueType: true }),
      true,
      { name: 'total', native: '?int', doc: 'int|null', value: 'null' },
    ],
    // PHP's default table has `Boolean`, not `bool`: a required bool starts null, as ServiceStack prints it.
    [
      'a bool',
      p({ type: 'Boolean', isValueType: true }),
      true,
      { name: 'total', native: '?bool', doc: 'bool|null', value: 'null' },
    ],
    [
      'a date',
      p({ type: 'DateTime', isValueType: true }),
      true,
      { name: 'total', native: 'DateTime', doc: 'DateTime', value: 'new DateTime()' },
    ],
    [
      'a list',
      p({ type: 'List`1', genericArgs: ['Order'] }),
      true,
      { name: 'total', native: '?array', doc: 'array<Order>|null', value: 'null' },
    ],
    [
      'a generic type',
      p({ type: 'KeyValuePair`2', genericArgs: ['String', 'Int32'] }),
      true,
      { name: 'total', native: '?KeyValuePair2', doc: 'KeyValuePair2<string, int>|null', value: 'null' },
    ],
    ['PascalCase names', p({}), false, { name: 'Total', native: '?string', doc: 'string|null', value: 'null' }],
    [
      'a [DataMember(Name)] alias',
      p({ dataMember: { name: 'grand_total' } }),
      true,
      { name: 'grand_total', native: '?string', doc: 'string|null', value: 'null' },
    ],
  ])('%s', (_what, prop, camel, expected) => {
    expect(phpProperty(prop, camel)).toEqual(expected);
  });
});

/** Each type's kind and its properties' names and types, as ssmock's derive reads them. */
const shape = (r: DtoParseResult) =>
  Object.fromEntries(
    r.types.map((t) => [t.name, { kind: t.kind, props: t.properties.map((p) => [p.name, p.type]) }] as const),
  );

describe('buildPhpDtos', () => {
  it.each(APIS)("%s/%s: derive reads the C# file's types and properties (less the client package's)", (root, id) => {
    const api = loadApi(root, id);
    const php = parsePhpDtos(buildPhpDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.php', 1);
    const cs = parseCSharpDtos(buildCSharpDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.cs', 1);
    expect(php.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const names = (r: DtoParseResult) =>
      Object.fromEntries(Object.entries(shape(r)).map(([n, s]) => [n, s.props.map((p) => p[0])]));
    // The client package ships ResponseStatus, QueryResponse, …; ErrorResponse is not one of them, so PHP prints it.
    const library = ['ResponseStatus', 'ResponseError', 'QueryResponse', 'IdResponse'];
    const expected = Object.fromEntries(Object.entries(names(cs)).filter(([n]) => !library.includes(n)));
    expect(names(php)).toEqual({ ...expected, ErrorResponse: ['ResponseStatus'] });
  });

  it("prints PhpGenerator's header: <?php namespace dtos;, its option lines, a caller's option without //", () => {
    const text = buildPhpDtos(loadApi('schemas', 'billiecart'), 'http://h/b', dtoOptions({ ExcludeTypes: 'X' }), NOW);
    expect(text.slice(0, text.indexOf('\nuse DateTime;'))).toBe(
      [
        '<?php namespace dtos;',
        '/* Options:',
        'Date: 2026-01-02 03:04:05',
        'Version: 8.80',
        'Tip: To override a DTO option, remove "//" prefix before updating',
        'BaseUrl: http://h/b',
        '',
        '//GlobalNamespace: dtos',
        '//MakePropertiesOptional: False',
        '//AddServiceStackTypes: True',
        '//AddResponseStatus: False',
        '//AddImplicitVersion: ',
        '//AddDescriptionAsComments: True',
        '//IncludeTypes: ',
        'ExcludeTypes: X',
        '//DefaultImports: ',
        '*/',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints a request as PhpGenerator does: attributes, #[Returns], templates, promoted constructor, methods', () => {
    const text = buildPhpDtos(loadApi('test/fixtures/schemas', 'bookings'), 'http://h', dtoOptions({}), NOW);
    expect(text).toContain(
      [
        "#[Returns('QueryResponse')]",
        '/**',
        ' * @template QueryDb2 of Booking',
        ' * @template QueryDb21 of BookingView',
        ' */',
        'class QueryBookingViews extends QueryDb2 implements IReturn, IQueryDb, JsonSerializable',
      ].join('\n'),
    );
    expect(text).toContain(
      "    public function createResponse(): mixed { return QueryResponse::create(genericArgs:['BookingView']); }",
    );
    expect(text).toContain("enum RoomType : string\n{\n    case Single = 'Single';");
    expect(text).toContain('    public function createResponse(): void {}');
  });
});

describe('text from the contract cannot break the file', () => {
  const billiecart = loadApi('schemas', 'billiecart');
  /** Billiecart with an enum of the given member names and the given description on a request. */
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

  it('derive reads the enum values and the descriptions back whatever they hold (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.string({ maxLength: 30 }),
        (members, description) => {
          const parsed = parsePhpDtos(
            buildPhpDtos(withText(members, description), 'http://h', dtoOptions({}), NOW),
            'dtos.php',
            1,
          );
          expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect(parsed.types.find((t) => t.name === 'Colour')?.enumValues).toEqual(members);
          expect(parsed.types.map((t) => t.name)).toContain('CreateCustomerRequest');
        },
      ),
      { numRuns: 100 },
    );
  });
});
