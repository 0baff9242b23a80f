import fc from 'fast-check';
import { parseGoDtos } from '../derive/dto/go.js';
import type { TypeRef } from '../derive/model.js';
import { loadApi } from '../schema/registry.js';
import { dtoOptions, parseTypeExpr, type TypeExpr } from './dto-options.js';
import { buildGoDtos, goFormat, goType, type GoUses } from './go-dtos.js';

const uses = (): GoUses => ({ library: new Set(['QueryResponse', 'QueryDb', 'ResponseStatus']) });

describe('goType: a .NET type as GoGenerator names it', () => {
  it.each<[string, string]>([
    ['String', 'string'],
    ['Int32', 'int'],
    ['Int64', 'int64'],
    ['Decimal', 'float64'],
    ['Boolean', 'bool'],
    ['Guid', 'string'],
    ['Object', 'interface{}'],
    ['Byte[]', '[]byte'],
    ['Int32[]', '[]int'],
    ['DateTime', 'time.Time'],
    ['TimeSpan', 'time.Duration'],
    ['Nullable<Int32>', '*int'],
    ['List<Order>', '[]Order'],
    ['List<Nullable<Int32>>', '[]int'],
    ['Dictionary<String,Order>', 'map[string]Order'],
    ['Dictionary<String,Dictionary<Order,Int32>>', 'map[string]map[string]int'],
    ['QueryResponse<Booking>', 'ss.QueryResponse[Booking]'],
    ['QueryDb<Booking,Summary>', 'ss.QueryDb'],
    ['ResponseStatus', 'ss.ResponseStatus'],
    ['KeyValuePair<String,Int32>', 'KeyValuePair[string, int]'],
  ])('%s → %s', (dotnet, go) => {
    expect(goType(parseTypeExpr(dotnet), uses())).toBe(go);
  });

  it('notes what the imports need: time, and the ss library', () => {
    const u = uses();
    goType(parseTypeExpr('List<DateTime>'), u);
    expect([u.time, u.ss]).toEqual([true, undefined]);
    goType(parseTypeExpr('ResponseStatus'), u);
    expect(u.ss).toBe(true);
  });
});

describe("goFormat: gofmt's layout", () => {
  it('turns 4-space indents into tabs, drops repeated blank lines, aligns the fields of a run', () => {
    const text = [
      'type A struct {',
      '    Id int `json:"id,omitempty"`',
      '    LongerName *string `json:"longerName,omitempty"`',
      '    // @Validate(Validator="NotEmpty")',
      '    X bool `json:"x"`',
      '}',
      '',
      '',
      'type B []A',
    ].join('\n');
    expect(goFormat(text)).toBe(
      [
        'type A struct {',
        '\tId         int     `json:"id,omitempty"`',
        '\tLongerName *string `json:"longerName,omitempty"`',
        '\t// @Validate(Validator="NotEmpty")',
        '\tX bool `json:"x"`',
        '}',
        '',
        'type B []A',
        '',
      ].join('\n'),
    );
  });
});

describe('buildGoDtos', () => {
  const billiecart = loadApi('schemas', 'billiecart');
  const text = buildGoDtos(billiecart, 'http://localhost:5050/billiecart', dtoOptions({}), new Date(0));

  it('prints the header without trailing spaces, the package, and the imports its types use', () => {
    expect(text.split('\n').slice(0, 6)).toEqual([
      '/* Options:',
      'Date: 1970-01-01 00:00:00',
      'Version: 8.80',
      'Tip: To override a DTO option, remove "//" prefix before updating',
      'BaseUrl: http://localhost:5050/billiecart',
      '',
    ]);
    expect(text).not.toMatch(/ +$/m);
    expect(text).toContain(
      '*/\n\npackage dtos\n\nimport (\n\tss "github.com/ServiceStack/servicestack-go"\n\t"time"\n)\n',
    );
  });

  it("prints a request's routes, auth, fields and its CreateResponse / HttpMethod methods", () => {
    expect(text).toContain(
      [
        '// @Route("/customers", "POST")',
        '// @ValidateHasRole("manager")',
        'type CreateCustomerRequest struct {',
        '\tEmail          *string `json:"email,omitempty"`',
        '\tOrganisationId *string `json:"organisationId,omitempty"`',
        '}',
        '',
        'func (CreateCustomerRequest) CreateResponse() (r CreateCustomerResponse) { return }',
        'func (CreateCustomerRequest) HttpMethod() string                         { return "POST" }',
      ].join('\n'),
    );
    // A required property is neither a pointer nor omitempty.
    expect(text).toMatch(/^\tId +string +`json:"id"`$/m);
  });

  it('leaves CreateResponse off a request returning itself, and prints string enums as consts', () => {
    const home = buildGoDtos(loadApi('schemas', 'servicestack-home'), 'http://x', dtoOptions({}));
    expect(home).toContain('func (Customer) HttpMethod() string { return "POST" }');
    expect(home).not.toContain('CreateResponse()');
    expect(home).toContain(
      'type SkuType string\n\nconst (\n\tSkuTypeProduct  SkuType = "Product"\n\tSkuTypePerDev           = "PerDev"',
    );
  });
});

/** A type's structure as derive reads it: lists and maps kept, every leaf alike. */
const shape = (t: TypeRef | undefined): string =>
  t?.kind === 'list' ? `L(${shape(t.of)})` : t?.kind === 'map' ? `M(${shape(t.value)})` : 'T';
const expectedShape = (t: TypeExpr): string =>
  t.name === 'List'
    ? `L(${expectedShape(t.args[0]!)})`
    : t.name === 'Dictionary'
      ? `M(${expectedShape(t.args[1]!)})`
      : 'T';
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
  it('keeps its lists and maps (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(dotnetType, (t) => {
        const parsed = parseGoDtos(`type X struct {\n\tP ${goType(t, uses())} \`json:"p,omitempty"\`\n}\n`, 'x.go', 1);
        expect(parsed.diagnostics).toEqual([]);
        expect(shape(parsed.types[0]?.properties[0]?.type)).toBe(expectedShape(t));
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
