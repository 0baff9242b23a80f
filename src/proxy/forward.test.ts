import { backendName, forwardedHeaders, localCookie, unreachableReason } from './forward.js';

describe('forwardedHeaders', () => {
  it('passes the request and its credentials on, without connection, encoding or ssmock headers', () => {
    const sent = forwardedHeaders({
      host: 'localhost:5050',
      connection: 'keep-alive',
      'content-length': '12',
      'content-encoding': 'gzip',
      'accept-encoding': 'br',
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: 'Bearer abc',
      cookie: 'ss-id=1; ss-pid=2',
      'x-ssmock-session': 'qa',
      'x-ssmock-delay': '100',
      'x-custom': ['a', 'b'],
    });
    expect([...sent.entries()]).toEqual([
      ['accept', 'application/json'],
      ['authorization', 'Bearer abc'],
      ['content-type', 'application/json'],
      ['cookie', 'ss-id=1; ss-pid=2'],
      ['x-custom', 'a, b'],
    ]);
  });
});

describe('localCookie', () => {
  it.each([
    ['ss-id=1; Domain=api.example.com; Path=/; HttpOnly', 'ss-id=1; Path=/; HttpOnly'],
    ['ss-id=1;domain=.example.com;Secure', 'ss-id=1;Secure'],
    [
      'ss-pid=2; Path=/; Expires=Thu, 01 Jan 2037 00:00:00 GMT',
      'ss-pid=2; Path=/; Expires=Thu, 01 Jan 2037 00:00:00 GMT',
    ],
    ['domain=x; Path=/', 'domain=x; Path=/'],
  ])('%s → %s', (given, kept) => {
    expect(localCookie(given)).toBe(kept);
  });
});

describe('backendName', () => {
  it.each([
    ['http://127.0.0.1:5001', 'http://127.0.0.1:5001'],
    ['https://user:pw@staging.example.com/api/', 'https://staging.example.com/api'],
    ['https://staging.example.com/base?x=1', 'https://staging.example.com/base'],
  ])('%s is named %s', (url, name) => {
    expect(backendName(new URL(url))).toBe(name);
  });
});

describe('unreachableReason', () => {
  const failed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
  it.each([
    [failed('ECONNREFUSED'), 'connection refused'],
    [failed('ENOTFOUND'), 'unknown host'],
    [failed('EAI_AGAIN'), 'unknown host'],
    [failed('ECONNRESET'), 'the connection closed before an answer'],
    [failed('UND_ERR_CONNECT_TIMEOUT'), 'no connection within 500 ms'],
    [failed('EHOSTUNREACH'), 'EHOSTUNREACH'],
    [
      Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
      'no answer within 500 ms',
    ],
    [new TypeError('fetch failed'), 'fetch failed'],
  ])('%s → %s', (err, why) => {
    expect(unreachableReason(err, 500)).toBe(why);
  });
});
