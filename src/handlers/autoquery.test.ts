import fc from 'fast-check';
import { rawQuery } from './autoquery.js';

describe('rawQuery: the query string as ServiceStack reads it (untyped AutoQuery filters)', () => {
  it.each<[string, Record<string, string | string[]>]>([
    ['/bookings', {}],
    ['/bookings?', {}],
    ['/bookings?RoomType=Suite&take=50', { RoomType: 'Suite', take: '50' }],
    ['/bookings?NameStartsWith=a%20b', { NameStartsWith: 'a b' }],
    ['/bookings?Ids[]=1&Ids[]=2', { 'Ids[]': ['1', '2'] }],
    ['/bookings?CostAbove=1&CostAbove=2&CostAbove=3', { CostAbove: ['1', '2', '3'] }],
    ['/bookings?NotesIsNull', { NotesIsNull: '' }],
    ['/bookings?a=1+2&b=%2C', { a: '1 2', b: ',' }],
    ['/bookings?constructor=1&toString=2', { constructor: '1', toString: '2' }],
  ])('%s', (url, expected) => {
    expect(rawQuery(url)).toEqual(expected);
  });

  it('keeps every value of every name, in order', () => {
    const pair = fc.tuple(fc.string({ minLength: 1 }), fc.string());
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), (pairs) => {
        const parsed = rawQuery(`/x?${new URLSearchParams(pairs).toString()}`);
        const own = (k: string) => (Object.hasOwn(parsed, k) ? parsed[k] : undefined);
        const grouped = new Map<string, string[]>();
        for (const [k, v] of pairs) grouped.set(k, [...(grouped.get(k) ?? []), v]);
        for (const [k, values] of grouped) expect(own(k)).toEqual(values.length === 1 ? values[0] : values);
        expect(Object.keys(parsed).sort()).toEqual([...grouped.keys()].sort());
      }),
    );
  });
});
