import { SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { createTokenService, looksLikeJwt } from './tokens.js';
import type { User } from './users.js';

const manager: User = {
  userId: '1',
  userName: 'manager',
  password: 'p@ssw0rd',
  displayName: 'Morgan Manager',
  roles: ['manager'],
  permissions: ['approve'],
};
const SECRET = 'test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);

describe('createTokenService', () => {
  it('issues an HS256 access token with ServiceStack claims that verifies', async () => {
    const tokens = createTokenService({ secret: SECRET });
    const token = await tokens.issueAccess(manager, 'sess1');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const result = await tokens.verifyAccess(token);
    expect(result).toEqual({
      ok: true,
      claims: {
        sub: '1',
        name: 'Morgan Manager',
        preferred_username: 'manager',
        roles: ['manager'],
        perms: ['approve'],
        jid: 'sess1',
        iss: 'ssjwt',
        iat: expect.any(Number) as number,
        exp: expect.any(Number) as number,
      },
    });
    const claims = decodeJwt(token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(14 * 24 * 3600);
    expect(JSON.stringify(claims)).not.toContain('p@ssw0rd');
  });

  it('judges expiry by its clock: valid through the lifetime, expired once it has passed', async () => {
    let now = Date.UTC(2026, 0, 1);
    const tokens = createTokenService({
      secret: SECRET,
      clock: () => now,
      accessTtlSeconds: 60,
      refreshTtlSeconds: 120,
    });
    const access = await tokens.issueAccess(manager, 's');
    const refresh = await tokens.issueRefresh(manager);
    expect(decodeJwt(access)).toMatchObject({ iat: now / 1000, exp: now / 1000 + 60 });
    now += 59_000;
    expect((await tokens.verifyAccess(access)).ok).toBe(true);
    now += 2_000;
    expect(await tokens.verifyAccess(access)).toEqual({ ok: false, reason: 'expired' });
    expect((await tokens.verifyRefresh(refresh)).ok).toBe(true);
    now += 60_000;
    expect(await tokens.verifyRefresh(refresh)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects an expired access token as expired', async () => {
    const past = createTokenService({ secret: SECRET, clock: () => Date.now() - 3600_000, accessTtlSeconds: 60 });
    const now = createTokenService({ secret: SECRET });
    expect(await now.verifyAccess(await past.issueAccess(manager, 's'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token with a tampered payload or signature', async () => {
    const tokens = createTokenService({ secret: SECRET });
    const [header, payload, signature] = (await tokens.issueAccess(manager, 's')).split('.') as [
      string,
      string,
      string,
    ];
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(`${header}.${payload}.${signature}`), roles: ['Admin'] }));
    expect(await tokens.verifyAccess(`${header}.${forged.toString('base64url')}.${signature}`)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
    expect(await tokens.verifyAccess(`${header}.${payload}.${flipped}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a token signed with another secret, including the random default', async () => {
    const a = createTokenService();
    const b = createTokenService();
    expect(await b.verifyAccess(await a.issueAccess(manager, 's'))).toEqual({ ok: false, reason: 'invalid' });
    expect((await a.verifyAccess(await a.issueAccess(manager, 's'))).ok).toBe(true);
  });

  it('rejects alg none', async () => {
    const tokens = createTokenService({ secret: SECRET });
    const unsecured = new UnsecuredJWT({ preferred_username: 'manager', roles: ['Admin'], jid: 's' })
      .setSubject('1')
      .setIssuer('ssjwt')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    expect(looksLikeJwt(unsecured)).toBe(true);
    expect(await tokens.verifyAccess(unsecured)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects another alg even with the right secret, and an expired token with a bad signature as invalid', async () => {
    const tokens = createTokenService({ secret: SECRET });
    const hs512 = await new SignJWT({ preferred_username: 'manager', jid: 's' })
      .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
      .setSubject('1')
      .setIssuer('ssjwt')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    expect(await tokens.verifyAccess(hs512)).toEqual({ ok: false, reason: 'invalid' });
    const expiredForeign = await createTokenService({ clock: () => 0 }).issueAccess(manager, 's');
    expect(await tokens.verifyAccess(expiredForeign)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an empty configured secret', () => {
    expect(() => createTokenService({ secret: '' })).toThrow('The JWT secret is empty');
  });

  it('rejects a wrong issuer', async () => {
    const other = createTokenService({ secret: SECRET, issuer: 'elsewhere' });
    const tokens = createTokenService({ secret: SECRET });
    expect(await tokens.verifyAccess(await other.issueAccess(manager, 's'))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps refresh and access tokens apart', async () => {
    const tokens = createTokenService({ secret: SECRET });
    const access = await tokens.issueAccess(manager, 's');
    const refresh = await tokens.issueRefresh(manager);
    expect(decodeProtectedHeader(refresh).typ).toBe('JWTR');
    expect(decodeJwt(refresh)).not.toHaveProperty('roles');
    expect(await tokens.verifyRefresh(refresh)).toMatchObject({
      ok: true,
      claims: { sub: '1', preferred_username: 'manager' },
    });
    expect(await tokens.verifyAccess(refresh)).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verifyRefresh(access)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('gives refresh tokens their own lifetime (365 days by default)', async () => {
    const tokens = createTokenService({ secret: SECRET });
    const claims = decodeJwt(await tokens.issueRefresh(manager));
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(365 * 24 * 3600);
    const past = createTokenService({ secret: SECRET, clock: () => Date.now() - 7200_000, refreshTtlSeconds: 60 });
    expect(await tokens.verifyRefresh(await past.issueRefresh(manager))).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('looksLikeJwt', () => {
  it.each([
    ['ak-manager-3f6b1c2a', false],
    ['a.b.c', false],
    ['', false],
    [`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.e30.sig`, true],
  ])('%s → %s', (token, expected) => {
    expect(looksLikeJwt(token)).toBe(expected);
  });
});
