import { parseCookies } from './cookies.js';
import { booleanField, readFields, stringField } from './request-fields.js';

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

describe('request fields', () => {
  it('matches names case-insensitively, lets the body win and skips empty values', () => {
    const fields = readFields(
      { UserName: 'body', password: '', rememberMe: true },
      { username: 'query', PASSWORD: 'q' },
    );
    expect(stringField(fields, 'userName')).toBe('body');
    expect(stringField(fields, 'Password')).toBe('q');
    expect(booleanField(fields, 'RememberMe')).toBe(true);
  });

  it.each([
    ['true', true],
    ['On', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['nope', false],
  ])('reads the boolean %s as %s', (value, expected) => {
    expect(booleanField(readFields(undefined, { rememberMe: value }), 'rememberMe')).toBe(expected);
  });

  it('ignores objects where a string is expected and a body that is not an object', () => {
    expect(stringField(readFields({ userName: { $ne: '' } }, {}), 'userName')).toBeUndefined();
    expect(stringField(readFields('raw text', { userName: ['a', 'b'] }), 'userName')).toBe('a');
  });
});
