import fc from 'fast-check';
import { parseZigDtos } from '../derive/dto/zig.js';
import type { TypeRef } from '../derive/model.js';
import { loadApi } from '../schema/registry.js';
import { dtoOptions, parseTypeExpr, type TypeExpr } from './dto-options.js';
import { buildZigDtos, zigIdentifier, zigType, type ZigUses } from './zig-dtos.js';

const uses = (): ZigUses => ({ library: new Set(['QueryResponse', 'ResponseStatus']) });

describe('zigType: a .NET type as ZigGenerator names it', () => {
  it.each<[string, string]>([
    ['String', '[]const u8'],
    ['Int32', 'i32'],
    ['Int64', 'i64'],
    ['Decimal', 'f64'],
    ['Boolean', 'bool'],
    ['Guid', '[]const u8'],
    ['DateTime', '[]const u8'],
    ['Object', 'std.json.Value'],
    ['Byte[]', '[]const u8'],
    ['Int32[]', '[]i32'],
    ['Nullable<Int32>', '?i32'],
    ['List<Order>', '[]Order'],
    ['List<Nullable<Int32>>', '[]?i32'],
    ['Dictionary<String,Order>', 'std.json.Value'],
    ['QueryResponse<Booking>', 'ss.QueryResponse(Booking)'],
    ['ResponseStatus', 'ss.ResponseStatus'],
    ['KeyValuePair<String,Int32>', 'KeyValuePair'],
    ['List<KeyValuePair<String,Int32>>', '[]KeyValuePair([]const u8, i32)'],
  ])('%s → %s', (dotnet, zig) => {
    expect(zigType(parseTypeExpr(dotnet), uses())).toBe(zig);
  });

  it.each<[string, string]>([
    ['firstName', 'firstName'],
    ['type', 'type'],
    ['error', '@"error"'],
    ['1st', '@"1st"'],
    ['Not-Set', '@"Not-Set"'],
  ])('identifier %s is %s', (name, id) => {
    expect(zigIdentifier(name)).toBe(id);
  });
});

describe('buildZigDtos', () => {
  const text = buildZigDtos(loadApi('schemas', 'billiecart'), 'http://x/billiecart', dtoOptions({}), new Date(0));

  it('prints the options as one doc-comment block, then the imports', () => {
    expect(text.split('\n').slice(0, 8)).toEqual([
      '/// Options:',
      '/// Date: 1970-01-01 00:00:00',
      '/// Version: 8.80',
      '/// Tip: To override a DTO option, remove "/" prefix before updating',
      '/// BaseUrl: http://x/billiecart',
      '//GlobalNamespace:',
      '//MakePropertiesOptional: False',
      '//AddServiceStackTypes: True',
    ]);
    expect(text).toContain(
      '//DefaultImports: const std = @import("std");\n///\nconst std = @import("std");\nconst ss = @import("servicestack");\n\n',
    );
  });

  it('a caller-set option is the line get-dtos sends back (`/// `), its value as the mock used it', () => {
    const set = buildZigDtos(
      loadApi('schemas', 'billiecart'),
      'http://x',
      dtoOptions({ IncludeTypes: 'Customer', GlobalNamespace: 'acme' }),
    );
    expect(set).toContain('\n/// GlobalNamespace: acme\n');
    expect(set).toContain('\n/// IncludeTypes: Customer\n');
    expect(set).toContain('\n//ExcludeTypes:\n');
  });

  it("prints a request's routes, auth, its ss_name / ss_verb / Response declarations and defaulted fields", () => {
    expect(text).toContain(
      [
        '// @Route("/customers", "POST")',
        '// @ValidateHasRole("manager")',
        'pub const CreateCustomerRequest = struct {',
        '    pub const ss_name = "CreateCustomerRequest";',
        '    pub const ss_verb = "POST";',
        '    pub const Response = CreateCustomerResponse;',
        '',
        '    email: ?[]const u8 = null,',
        '    organisationId: ?[]const u8 = null,',
        '};',
      ].join('\n'),
    );
    expect(text).toContain('    responseStatus: ?ss.ResponseStatus = null,\n');
  });

  it('names fields snake_case unless the API is camelCase, and keeps value-type defaults', () => {
    const home = loadApi('schemas', 'servicestack-home');
    const snake = buildZigDtos(
      { ...home, manifest: { ...home.manifest, textCase: 'pascal' } },
      'http://x',
      dtoOptions({}),
    );
    expect(snake).toContain('    address_line1: ?[]const u8 = null,\n');
    expect(snake).toContain('    is_referrer: bool = false,\n');
    expect(snake).toContain('    id: i32 = 0,\n');
    expect(snake).toContain('    @"error": ?[]const u8 = null,\n');
    expect(snake).toContain('    sku_type: ?SkuType = null,\n');
  });
});

const shape = (t: TypeRef | undefined): string => (t?.kind === 'list' ? `L(${shape(t.of)})` : 'T');
// Zig prints every map as `std.json.Value`: derive reads an object.
const expectedShape = (t: TypeExpr): string => (t.name === 'List' ? `L(${expectedShape(t.args[0]!)})` : 'T');
const dotnetType: fc.Arbitrary<TypeExpr> = fc.letrec<{ t: TypeExpr }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('String', 'Int32', 'Int64', 'Boolean', 'Decimal', 'DateTime', 'Guid', 'Order', 'Object')
      .map((name): TypeExpr => ({ name, args: [] })),
    fc
      .constantFrom('Int32', 'DateTime', 'Double')
      .map((n): TypeExpr => ({ name: 'Nullable', args: [{ name: n, args: [] }] })),
    tie('t').map((a): TypeExpr => ({ name: 'List', args: [a] })),
    tie('t').map((a): TypeExpr => ({ name: 'Dictionary', args: [{ name: 'String', args: [] }, a] })),
  ),
})).t;

describe('a property type read back by ssmock derive', () => {
  it('keeps its lists (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(dotnetType, (t) => {
        const parsed = parseZigDtos(`pub const X = struct {\n    p: ?${zigType(t, uses())} = null,\n};\n`, 'x.zig', 1);
        expect(parsed.diagnostics).toEqual([]);
        expect(shape(parsed.types[0]?.properties[0]?.type)).toBe(expectedShape(t));
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
