import { JSONP_HEADERS, wrapJsonp } from './jsonp.js';

describe('JSONP', () => {
  it.each([
    ['cb', '{"a":1}', `/**/ typeof cb === 'function' && cb({"a":1});`],
    ['jQuery_123.done', '[]', `/**/ typeof jQuery_123.done === 'function' && jQuery_123.done([]);`],
    ['handlers[0]', '1', `/**/ typeof handlers[0] === 'function' && handlers[0](1);`],
    ['$', '"x"', `/**/ typeof $ === 'function' && $("x");`],
    ['cb', '"a\u2028b\u2029c"', `/**/ typeof cb === 'function' && cb("a\\u2028b\\u2029c");`],
  ])('wraps for callback %j', (callback, json, expected) => {
    expect(wrapJsonp(callback, json)).toBe(expected);
  });

  it.each(['', 'alert(1)', 'cb;evil', 'a b', 'cb\n', '<script>', 'x=1', "cb'"])('refuses callback %j', (callback) => {
    expect(wrapJsonp(callback, '{}')).toBeNull();
  });

  it('says which headers to send', () => {
    expect(JSONP_HEADERS).toEqual({
      'Content-Type': 'text/javascript; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    });
  });
});
