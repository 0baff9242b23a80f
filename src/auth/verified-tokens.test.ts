import type { AccessClaims } from './tokens.js';
import { VerifiedTokens } from './verified-tokens.js';

const claims = (sub: string, exp: number): AccessClaims => ({
  sub,
  name: sub,
  preferred_username: sub,
  roles: [],
  perms: [],
  jid: 's',
  iat: 0,
  exp,
  iss: 'ssjwt',
});

describe('VerifiedTokens', () => {
  it.each([
    ['before exp', 99, 'a'],
    ['at exp (expired, as jose and ServiceStack judge now >= exp)', 100, undefined],
    ['after exp', 101, undefined],
  ])('a token verified earlier, looked up %s', (_when, now, expected) => {
    const cache = new VerifiedTokens();
    cache.add('token-a', claims('a', 100));
    expect(cache.get('token-a', now)?.sub).toBe(expected);
  });

  it('forgets an expired token, and knows no token it was not given', () => {
    const cache = new VerifiedTokens();
    cache.add('token-a', claims('a', 100));
    expect(cache.get('token-b', 0)).toBeUndefined();
    expect(cache.get('token-a', 100)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most max tokens, dropping the oldest', () => {
    const cache = new VerifiedTokens(2);
    cache.add('t1', claims('1', 100));
    cache.add('t2', claims('2', 100));
    cache.add('t2', claims('2', 100)); // again: no eviction
    cache.add('t3', claims('3', 100));
    expect([cache.get('t1', 0), cache.get('t2', 0)?.sub, cache.get('t3', 0)?.sub]).toEqual([undefined, '2', '3']);
    expect(cache.size).toBe(2);
  });
});
