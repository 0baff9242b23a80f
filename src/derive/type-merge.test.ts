/**
 * Merging pages: the more specific type wins silently, only a contradiction is a warning
 * (README, "What derive reads" → "When pages disagree").
 */
import fc from 'fast-check';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { addDerivedFileToDraft } from './dto-file.js';
import type { Diagnostic, Primitive, TypeRef } from './model.js';
import { PRIMITIVES } from './model.js';
import { mergeTypeRefs, typeText } from './type-merge.js';

const p = (name: Primitive): TypeRef => ({ kind: 'primitive', name });
const list = (of: TypeRef): TypeRef => ({ kind: 'list', of });
const map = (value: TypeRef): TypeRef => ({ kind: 'map', key: p('string'), value });
const named = (name: string, ...args: TypeRef[]): TypeRef =>
  args.length ? { kind: 'named', name, args } : { kind: 'named', name };

describe('mergeTypeRefs', () => {
  it.each<[string, TypeRef, TypeRef, TypeRef]>([
    ['int over number (double)', p('double'), p('int'), p('int')],
    ['int over number, whichever comes first', p('int'), p('double'), p('int')],
    ['decimal over double', p('double'), p('decimal'), p('decimal')],
    ['long over double', p('double'), p('long'), p('long')],
    ['the first of two integers', p('int'), p('long'), p('int')],
    ['DateTime over string', p('string'), p('datetime'), p('datetime')],
    ['Guid over string', p('guid'), p('string'), p('guid')],
    ['TimeSpan over string', p('string'), p('timespan'), p('timespan')],
    ['byte[] over string', p('string'), p('bytes'), p('bytes')],
    ['the first of two dates', p('datetimeoffset'), p('datetime'), p('datetimeoffset')],
    ['anything over object', p('object'), named('Order'), named('Order')],
    ['list items', list(p('double')), list(p('int')), list(p('int'))],
    ['map values', map(p('double')), map(p('long')), map(p('long'))],
    [
      'generic arguments',
      named('QueryResponse', p('double')),
      named('QueryResponse', p('int')),
      named('QueryResponse', p('int')),
    ],
    [
      'nullable items stay nullable',
      list(p('double')),
      list({ kind: 'primitive', name: 'int', nullable: true }),
      list({ kind: 'primitive', name: 'int', nullable: true }),
    ],
    [
      'a closed generic over its bare name',
      named('QueryResponse'),
      named('QueryResponse', named('Order')),
      named('QueryResponse', named('Order')),
    ],
  ])('%s', (_why, a, b, expected) => {
    expect(mergeTypeRefs(a, b)).toEqual({ type: expected, conflict: false });
  });

  it.each<[string, TypeRef, TypeRef]>([
    ['string against int', p('string'), p('int')],
    ['bool against string', p('bool'), p('string')],
    ['two DTOs', named('Order'), named('Customer')],
    ['a list against a map', list(p('string')), map(p('string'))],
    ['a list of strings against a list of ints', list(p('string')), list(p('int'))],
    ['a DTO against a string', named('Order'), p('string')],
  ])('%s contradict: the first is kept', (_why, a, b) => {
    expect(mergeTypeRefs(a, b)).toEqual({ type: a, conflict: true });
  });

  it.each<[TypeRef, string]>([
    [map(list({ kind: 'primitive', name: 'int', nullable: true })), 'Dictionary<string, List<int?>>'],
    [named('QueryResponse', named('Order')), 'QueryResponse<Order>'],
  ])('typeText %#', (t, text) => {
    expect(typeText(t)).toBe(text);
  });
});

describe('mergeTypeRefs (properties)', () => {
  const { tree } = fc.letrec<{ tree: TypeRef }>((tie) => ({
    tree: fc.oneof(
      { maxDepth: 3, depthSize: 'small' },
      fc.constantFrom(...PRIMITIVES).map(p),
      fc.constantFrom('Order', 'Customer').map((name) => named(name)),
      tie('tree').map(list),
      tie('tree').map(map),
      fc.array(tie('tree'), { minLength: 1, maxLength: 2 }).map((args) => named('QueryResponse', ...args)),
    ),
  }));

  it('a type merged with itself is itself; whether two types contradict does not depend on their order', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        expect(mergeTypeRefs(a, a)).toEqual({ type: a, conflict: false });
        expect(mergeTypeRefs(a, b).conflict).toBe(mergeTypeRefs(b, a).conflict);
      }),
    );
  });

  it('the winner merged again with either side stays the winner', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const { type, conflict } = mergeTypeRefs(a, b);
        fc.pre(!conflict);
        expect(mergeTypeRefs(type, a).type).toEqual(type);
        expect(mergeTypeRefs(type, b).type).toEqual(type);
      }),
    );
  });
});

const csharp = `namespace MyApp.ServiceModel
{
    [Route("/bookings/{Id}", "GET")]
    public class GetBooking : IReturn<GetBooking>
    {
        public int Id { get; set; }
        public DateTime BookingStartDate { get; set; }
        public decimal Cost { get; set; }
        public string Notes { get; set; }
        public string UpdatedOn { get; set; }
    }
}`;
const typescript = `export class GetBooking implements IReturn<GetBooking>
{
    public id: number;
    public bookingStartDate: string;
    public cost: number;
    public notes: number;
    public updatedOn: string;
    public constructor(init?: Partial<GetBooking>) { (Object as any).assign(this, init); }
}
export interface IReturn<T> { createResponse(): T; }`;

describe('a TypeScript file and a C# file of one API', () => {
  const derive = (...files: [string, string][]) => {
    const draft = newDraft('t', 't');
    const diagnostics: Diagnostic[] = [];
    for (const [name, text] of files) addDerivedFileToDraft(draft, text, `docs/${name}`, name, diagnostics);
    const out = buildApi(draft);
    return { ...out, diagnostics: [...diagnostics, ...out.diagnostics] };
  };

  it.each([
    ['TypeScript first', [['dtos.ts', typescript] as [string, string], ['dtos.cs', csharp] as [string, string]]],
    ['C# first', [['dtos.cs', csharp] as [string, string], ['dtos.ts', typescript] as [string, string]]],
  ])('%s: C#’s precise types win silently; string against number is the only warning', (_order, files) => {
    const out = derive(...files);
    const props = out.schemas.get('GetBooking')!.properties!;
    expect(props['id']).toMatchObject({ type: 'integer', 'x-dotnet-type': 'int' });
    expect(props['bookingStartDate']).toMatchObject({ format: 'date-time', 'x-dotnet-type': 'DateTime' });
    expect(props['cost']).toMatchObject({ 'x-dotnet-type': 'decimal' });
    // A contradiction keeps C#'s declaration: TypeScript's cannot be more right.
    expect(props['notes']).toMatchObject({ type: 'string', 'x-dotnet-type': 'string' });
    // C# declares UpdatedOn a string: no convention overrides a precise declaration.
    expect(props['updatedOn']).toMatchObject({ type: 'string', 'x-dotnet-type': 'string' });
    expect(out.inferred).toEqual([]);
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/^GetBooking\.Notes: /),
    });
    expect(out.diagnostics[0]!.message).toMatch(/'string'/);
    expect(out.diagnostics[0]!.message).toMatch(/'double'/);
  });
});
