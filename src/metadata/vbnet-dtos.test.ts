import fc from 'fast-check';
import { parseCSharpDtos } from '../derive/dto/csharp.js';
import { parseVbNetDtos } from '../derive/dto/vbnet.js';
import type { DtoParseResult } from '../derive/model.js';
import { loadApi } from '../schema/registry.js';
import { buildCSharpDtos, csType } from './csharp-dtos.js';
import { dtoOptions, parseTypeExpr, type TypeExpr } from './dto-options.js';
import { buildVbNetDtos, escapeKeyword, vbType } from './vbnet-dtos.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const APIS = [
  ['schemas', 'billiecart'],
  ['schemas', 'servicestack-home'],
  ['test/fixtures/schemas', 'bookings'],
] as const;

describe('vbType: .NET type names as VbNetGenerator prints them', () => {
  it.each([
    ['Int32', 'Integer'],
    ['Int64', 'Long'],
    ['Int16', 'Short'],
    ['DateTime', 'Date'],
    ['String', 'String'],
    ['Boolean', 'Boolean'],
    ['Nullable<Int32>', 'Integer?'],
    ['Nullable<DateTime>', 'Date?'],
    ['Byte[]', 'Byte()'],
    ['List<Order>', 'List(Of Order)'],
    ['List<Int32>', 'List(Of Integer)'],
    ['Dictionary<String,Object>', 'Dictionary(Of String, Object)'],
    // Aliases reach a type's arguments, not deeper, as `VbNetGenerator.TypeAlias` sees those as text.
    ['Dictionary<String,List<Int32>>', 'Dictionary(Of String, List(Of Int32))'],
    ['List<Nullable<Int32>>', 'List(Of Nullable(Of Int32))'],
    ['QueryResponse<Booking>', 'QueryResponse(Of Booking)'],
  ])('%s → %s', (dotnet, vb) => {
    expect(vbType(parseTypeExpr(dotnet))).toBe(vb);
  });

  it.each([
    ['Error', '[Error]'],
    ['Date', '[Date]'],
    ['Single', '[Single]'],
    ['Name', 'Name'],
    ['Id', 'Id'],
  ])('name %s → %s', (name, escaped) => {
    expect(escapeKeyword(name)).toBe(escaped);
  });
});

const shape = (r: DtoParseResult) =>
  Object.fromEntries(
    r.types.map((t) => [t.name, { kind: t.kind, props: t.properties.map((p) => [p.name, p.type]) }] as const),
  );

describe('buildVbNetDtos', () => {
  it.each(APIS)('%s/%s: derive reads the same types and properties as from the C# file', (root, id) => {
    const api = loadApi(root, id);
    const vb = parseVbNetDtos(buildVbNetDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.vb', 1);
    const cs = parseCSharpDtos(buildCSharpDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.cs', 1);
    expect(vb.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(shape(vb)).toEqual(shape(cs));
  });

  it("prints VbNetGenerator's header: every line a ' comment, defaults ''' , a caller's option with one '", () => {
    const options = dtoOptions({ IncludeTypes: 'A,B', MakePartial: 'False' });
    const text = buildVbNetDtos(loadApi('schemas', 'billiecart'), 'http://h/b', options, NOW);
    expect(text.slice(0, text.indexOf('\nImports '))).toBe(
      [
        "' Options:",
        "'Date: 2026-01-02 03:04:05",
        "'Version: 8.80",
        `'Tip: To override a DTO option, remove "''" prefix before updating`,
        "'BaseUrl: http://h/b",
        "'",
        "'''GlobalNamespace: ",
        "'MakePartial: False",
        "'''MakeVirtual: True",
        "'''MakeDataContractsExtensible: False",
        "'''AddReturnMarker: True",
        "'''AddDescriptionAsComments: True",
        "'''AddDataContractAttributes: False",
        "'''AddIndexesToDataMembers: False",
        "'''AddGeneratedCodeAttributes: False",
        "'''AddResponseStatus: False",
        "'''AddImplicitVersion: ",
        "'''InitializeCollections: False",
        "'''ExportValueTypes: False",
        // VbNetGenerator joins the names with ", ".
        "'IncludeTypes: A, B",
        "'''ExcludeTypes: ",
        "'''AddNamespaces: ",
        "'''AddDefaultXmlNamespace: http://schemas.servicestack.net/types",
        '',
      ].join('\n'),
    );
  });

  it('an AutoQuery request Inherits QueryDb(Of T) and Implements IReturn and every interface; enums escape keywords', () => {
    const text = buildVbNetDtos(loadApi('test/fixtures/schemas', 'bookings'), 'http://h', dtoOptions({}), NOW);
    expect(text).toContain(
      [
        '        <Route("/bookings/{Id}", "DELETE")>',
        '        Public Partial Class DeleteBooking',
        '            Implements IReturnVoid',
        '            Implements IDeleteDb(Of Booking)',
        '            Public Overridable Property Id As Integer?',
      ].join('\n'),
    );
    expect(text).toContain('            Inherits QueryDb(Of Booking, BookingView)\n');
    expect(text).toContain(
      '        Public Enum RoomType\n            [Single]\n            [Double]\n            Queen\n',
    );
  });
});

const dotnetType: fc.Arbitrary<TypeExpr> = fc.letrec<{ t: TypeExpr }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('String', 'Int16', 'Int32', 'Int64', 'Boolean', 'Decimal', 'DateTime', 'Guid', 'Order')
      .map((name): TypeExpr => ({ name, args: [] })),
    fc
      .constantFrom('Int32', 'DateTime', 'Double')
      .map((n): TypeExpr => ({ name: 'Nullable', args: [{ name: n, args: [] }] })),
    tie('t').map((a): TypeExpr => ({ name: 'List', args: [a] })),
    tie('t').map((a): TypeExpr => ({ name: 'Dictionary', args: [{ name: 'String', args: [] }, a] })),
  ),
})).t;

describe('a property type read back', () => {
  it('VB.NET prints what derive reads as the type C# prints (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(dotnetType, (t) => {
        const vb = parseVbNetDtos(
          `Namespace A\n    Public Partial Class X\n        Public Overridable Property P As ${vbType(t)}\n    End Class\nEnd Namespace\n`,
          'x.vb',
          1,
        );
        const cs = parseCSharpDtos(
          `namespace A\n{\n    public class X\n    {\n        public ${csType(t)} P { get; set; }\n    }\n}\n`,
          'x.cs',
          1,
        );
        expect(vb.diagnostics).toEqual([]);
        expect(vb.types[0]?.properties[0]?.type).toEqual(cs.types[0]?.properties[0]?.type);
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
