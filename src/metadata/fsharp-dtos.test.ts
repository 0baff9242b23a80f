import fc from 'fast-check';
import { parseCSharpDtos } from '../derive/dto/csharp.js';
import { parseFSharpDtos } from '../derive/dto/fsharp.js';
import type { DtoParseResult } from '../derive/model.js';
import { loadApi } from '../schema/registry.js';
import { buildCSharpDtos, csType } from './csharp-dtos.js';
import { dtoOptions, parseTypeExpr, type TypeExpr } from './dto-options.js';
import { buildFSharpDtos, fsType } from './fsharp-dtos.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const APIS = [
  ['schemas', 'billiecart'],
  ['schemas', 'servicestack-home'],
  ['test/fixtures/schemas', 'bookings'],
] as const;

describe('fsType: .NET type names as FSharpGenerator prints them', () => {
  it.each([
    ['Int32', 'Int32'],
    ['String', 'String'],
    ['Nullable<DateTime>', 'Nullable<DateTime>'],
    ['Byte[]', 'Byte[]'],
    ['List<Order>', 'ResizeArray<Order>'],
    // Only the outer type is aliased, as `FSharpGenerator.TypeAlias` sees the arguments as text.
    ['List<List<String>>', 'ResizeArray<List<String>>'],
    ['Dictionary<String,Object>', 'Dictionary<String, Object>'],
    ['Dictionary<String,List<Nullable<Int32>>>', 'Dictionary<String, List<Nullable<Int32>>>'],
    ['QueryResponse<Booking>', 'QueryResponse<Booking>'],
  ])('%s → %s', (dotnet, fsharp) => {
    expect(fsType(parseTypeExpr(dotnet))).toBe(fsharp);
  });
});

/** Each type's kind and its properties' names and types, as ssmock's derive reads them. */
const shape = (r: DtoParseResult) =>
  Object.fromEntries(
    r.types.map((t) => [t.name, { kind: t.kind, props: t.properties.map((p) => [p.name, p.type]) }] as const),
  );

describe('buildFSharpDtos', () => {
  it.each(APIS)('%s/%s: derive reads the same types and properties as from the C# file', (root, id) => {
    const api = loadApi(root, id);
    const fs = parseFSharpDtos(buildFSharpDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.fs', 1);
    const cs = parseCSharpDtos(buildCSharpDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.cs', 1);
    expect(fs.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(shape(fs)).toEqual(shape(cs));
  });

  it("prints FSharpGenerator's header: its option lines, a caller's option without the // prefix", () => {
    const text = buildFSharpDtos(
      loadApi('schemas', 'billiecart'),
      'http://h/b',
      dtoOptions({ ExcludeTypes: 'X' }),
      NOW,
    );
    expect(text.slice(0, text.indexOf('\nnamespace '))).toBe(
      [
        '(* Options:',
        'Date: 2026-01-02 03:04:05',
        'Version: 8.80',
        'Tip: To override a DTO option, remove "//" prefix before updating',
        'BaseUrl: http://h/b',
        '',
        '//GlobalNamespace: ',
        '//MakeDataContractsExtensible: False',
        '//AddReturnMarker: True',
        '//AddDescriptionAsComments: True',
        '//AddDataContractAttributes: False',
        '//AddIndexesToDataMembers: False',
        '//AddGeneratedCodeAttributes: False',
        '//AddResponseStatus: False',
        '//AddImplicitVersion: ',
        '//ExportValueTypes: False',
        '//IncludeTypes: ',
        'ExcludeTypes: X',
        '//InitializeCollections: False',
        '//AddNamespaces: ',
        '*)',
        '',
      ].join('\n'),
    );
  });

  it('an AutoQuery request inherits QueryDb<T>() and implements IReturn<QueryResponse<T>>; CRUD interfaces are not printed', () => {
    const text = buildFSharpDtos(loadApi('test/fixtures/schemas', 'bookings'), 'http://h', dtoOptions({}), NOW);
    expect(text).toContain(
      [
        '    [<Route("/bookings", "GET")>]',
        '    [<Route("/bookings/{Id}", "GET")>]',
        '    [<AllowNullLiteral>]',
        '    type QueryBookings() = ',
        '        inherit QueryDb<Booking>()',
        '        interface IReturn<QueryResponse<Booking>>',
        '        member val Id:Nullable<Int32> = new Nullable<Int32>() with get,set',
        '        member val Ids:ResizeArray<Int32> = null with get,set',
      ].join('\n'),
    );
    expect(text).toContain('    type DeleteBooking() = \n        interface IReturnVoid\n');
    expect(text).not.toMatch(/ICreateDb|IQueryDb/);
    expect(text).toContain('    type RoomType =\n        | Single = 0\n        | Double = 1\n');
  });
});

/** A .NET type expression as `MetadataTypes` names property types. */
const dotnetType: fc.Arbitrary<TypeExpr> = fc.letrec<{ t: TypeExpr }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('String', 'Int32', 'Int64', 'Boolean', 'Decimal', 'DateTime', 'Guid', 'Order')
      .map((name): TypeExpr => ({ name, args: [] })),
    fc
      .constantFrom('Int32', 'DateTime', 'Double')
      .map((n): TypeExpr => ({ name: 'Nullable', args: [{ name: n, args: [] }] })),
    tie('t').map((a): TypeExpr => ({ name: 'List', args: [a] })),
    tie('t').map((a): TypeExpr => ({ name: 'Dictionary', args: [{ name: 'String', args: [] }, a] })),
  ),
})).t;

describe('a property type read back', () => {
  it('F# prints what derive reads as the type C# prints (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(dotnetType, (t) => {
        const fs = parseFSharpDtos(
          `namespace A\n\n    type X() = \n        member val P:${fsType(t)} = null with get,set\n`,
          'x.fs',
          1,
        );
        const cs = parseCSharpDtos(
          `namespace A\n{\n    public class X\n    {\n        public ${csType(t)} P { get; set; }\n    }\n}\n`,
          'x.cs',
          1,
        );
        expect(fs.diagnostics).toEqual([]);
        expect(fs.types[0]?.properties[0]?.type).toEqual(cs.types[0]?.properties[0]?.type);
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
