import { parseCookies } from './cookies.js';

describe('parseCookies', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['ss-id=abc', { 'ss-id': 'abc' }],
    ['a=1;b=2;  c = 3 ', { a: '1', b: '2', c: '3' }],
    ['a="quoted"; b=x%3Dy', { a: 'quoted', b: 'x=y' }],
    ['a=first; a=second', { a: 'first' }],
    ['ss-tok=; ss-id=kept; junk; =novalue', { 'ss-id': 'kept' }],
    ['bad=%E0%A4%A', { bad: '%E0%A4%A' }],
    [['a=1', 'b=2'], { a: '1', b: '2' }],
  ])('%j → %j', (header, expected) => {
    expect(parseCookies(header)).toEqual(expected);
  });
});
