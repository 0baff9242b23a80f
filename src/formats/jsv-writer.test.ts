import { encodeJsvString, writeJsv } from './jsv-writer.js';
import { SHOP, contextFor } from './__fixtures__/schemas.js';

describe('JSV writer', () => {
  it.each([
    ['Acme', 'Acme'],
    ['', '""'],
    ['Me, Junior', '"Me, Junior"'],
    ['2" x 1"', '"2"" x 1"""'],
    ['eu:west', '"eu:west"'],
    ['{x}', '"{x}"'],
    ['[x]', '"[x]"'],
    ['a\nb', '"a\nb"'],
    ['a\rb', '"a\rb"'],
    [' lead', '" lead"'],
    ['trail ', '"trail "'],
    ['\ttab', '"\ttab"'],
    ['in ner', 'in ner'],
    ['True', 'True'],
    ['héllo 😀', 'héllo 😀'],
  ])('encodes string %j as %j', (text, expected) => {
    expect(encodeJsvString(text)).toBe(expected);
  });

  it.each([
    [{ id: 1, name: 'Acme', tags: ['a', 'b'], active: true }, '{id:1,name:Acme,tags:[a,b],active:True}'],
    [{ a: null, b: undefined, c: false }, '{c:False}'],
    [[{ id: 1 }, { id: 2 }], '[{id:1},{id:2}]'],
    [{ meta: { tier: 'gold', region: 'eu:west' } }, '{meta:{tier:gold,region:"eu:west"}}'],
    [{ empty: [], none: {} }, '{empty:[],none:{}}'],
    [['a', null, 'b'], '[a,,b]'],
    [{ small: 1e-7, big: 1e21, neg: -2.5 }, '{small:0.0000001,big:1000000000000000000000,neg:-2.5}'],
    [{ 'odd key': 1, 'k:v': 2 }, '{odd key:1,"k:v":2}'],
    ['2024-01-15T00:00:00.000Z', '"2024-01-15T00:00:00.000Z"'],
    [null, ''],
  ])('writes %j as %j', (value, expected) => {
    expect(writeJsv(value)).toBe(expected);
  });

  it('writes dates in the shortest XSD form and members in declaration order when given the schema', () => {
    const ctx = contextFor(SHOP, 'Order');
    const value = { name: 'x', createdAt: '2024-01-15T00:00:00.000Z', id: 7, extra: 'kept' };
    expect(writeJsv(value, ctx)).toBe('{id:7,name:x,createdAt:2024-01-15,extra:kept}');
    expect(writeJsv({ createdAt: '2024-01-15T10:30:00.000Z' }, ctx)).toBe('{createdAt:2024-01-15T10:30:00Z}');
  });

  it('refuses cyclic values instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => writeJsv(cyclic)).toThrow(RangeError);
  });
});
