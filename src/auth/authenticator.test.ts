import { UnsecuredJWT } from 'jose';
import { MockError } from '../errors.js';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import type { AuthRequest } from './identify.js';
import type { Principal } from './principal.js';
import { createSessionStore, type SessionStore } from './sessions.js';
import { createTokenService, type TokenService } from './tokens.js';
import type { User } from './users.js';

const SECRET = 'authenticator-test-secret';
const PASSWORD = 'p@ssw0rd';
const baseUsers = (): User[] => [
  {
    userId: '1',
    userName: 'manager',
    password: PASSWORD,
    displayName: 'Morgan',
    roles: ['manager'],
    apiKey: 'ak-manager-1',
  },
  { userId: '2', userName: 'clerk', password: PASSWORD, displayName: 'Casey', roles: ['clerk'], apiKey: 'ak-clerk-2' },
  { userId: '3', userName: 'admin', password: PASSWORD, displayName: 'Alex', roles: ['Admin'], permissions: ['all'] },
];

let users: User[];
let tokens: TokenService;
let sessions: SessionStore;
let auth: Authenticator;

beforeEach(() => {
  users = baseUsers();
  tokens = createTokenService({ secret: SECRET });
  sessions = createSessionStore();
  auth = createAuthenticator({ users: () => users, tokens, sessions });
});

const req = (headers: Record<string, string> = {}, query: Record<string, unknown> = {}): AuthRequest => ({
  headers,
  query,
});
const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const userNamed = (name: string): User => users.find((u) => u.userName === name) as User;

async function rejection(promise: Promise<unknown>): Promise<MockError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(error instanceof MockError)) throw error;
  return error;
}
const summary = (error: MockError): [number, string, string] => [error.status, error.errorCode, error.message];

async function signedIn(name: string, rememberMe = false) {
  const result = await auth.signIn({ userName: name, password: PASSWORD, rememberMe });
  const cookie = (cookieName: string): string => result.cookies.find((c) => c.name === cookieName)?.value ?? '';
  return { ...result, cookie };
}

describe('identify: credential sources', () => {
  it('is null for an anonymous request', async () => {
    expect(await auth.identify(req())).toBeNull();
  });

  it('accepts a bearer JWT (scheme in any case) and reads roles and session from its claims', async () => {
    const { response } = await signedIn('manager');
    const principal = await auth.identify(req({ authorization: `bearer ${response.bearerToken ?? ''}` }));
    expect(principal).toEqual<Principal>({
      userId: '1',
      userName: 'manager',
      displayName: 'Morgan',
      roles: ['manager'],
      permissions: [],
      sessionId: response.sessionId as string,
      authProvider: 'jwt',
    });
  });

  it('keeps a verified bearer JWT until its exp: the same principal again, then TokenException once expired', async () => {
    let now = Date.now();
    const clocked = createTokenService({ secret: SECRET, clock: () => now, accessTtlSeconds: 60 });
    const clockedAuth = createAuthenticator({ users: () => users, tokens: clocked, sessions });
    const token = await clocked.issueAccess(userNamed('manager'), 's');
    const bearer = req({ authorization: `Bearer ${token}` });
    const first = await clockedAuth.identify(bearer);
    expect(await clockedAuth.identify(bearer)).toEqual(first);
    expect(first?.userName).toBe('manager');
    now += 61_000;
    expect(summary(await rejection(clockedAuth.identify(bearer)))).toEqual([
      401,
      'TokenException',
      'Token has expired',
    ]);
    // A tampered copy of a cached token is not the cached token: still nobody.
    now -= 61_000;
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(await clockedAuth.identify(req({ authorization: `Bearer ${tampered}` }))).toBeNull();
  });

  it('answers an expired bearer JWT with TokenException, ignores a tampered one, refuses an unsigned one', async () => {
    const old = createTokenService({ secret: SECRET, clock: () => Date.now() - 86_400_000, accessTtlSeconds: 60 });
    const expired = await old.issueAccess(userNamed('clerk'), 's');
    const error = await rejection(auth.identify(req({ Authorization: `Bearer ${expired}` })));
    expect(summary(error)).toEqual([401, 'TokenException', 'Token has expired']);
    expect(error.headers['WWW-Authenticate']).toMatch(/^Bearer /);

    const good = await tokens.issueAccess(userNamed('clerk'), 's');
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    expect(await auth.identify(req({ Authorization: `Bearer ${tampered}` }))).toBeNull();
    const none = new UnsecuredJWT({ preferred_username: 'admin', roles: ['Admin'], jid: 's' })
      .setSubject('3')
      .setIssuer('ssjwt')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    expect(summary(await rejection(auth.identify(req({ Authorization: `Bearer ${none}` }))))).toEqual([
      405,
      'NotSupportedException',
      "Invalid algorithm 'none', expected 'HS256'",
    ]);
  });

  it('treats a bearer value that is not a JWT as an API key', async () => {
    expect(await auth.identify(req({ Authorization: 'Bearer ak-clerk-2' }))).toMatchObject({
      userName: 'clerk',
      roles: ['clerk'],
      authProvider: 'apikey',
    });
    expect(summary(await rejection(auth.identify(req({ Authorization: 'Bearer ak-nope' }))))).toEqual([
      401,
      'Unauthorized',
      'API Key does not exist',
    ]);
  });

  it('accepts Basic user:password, or an API key as user with an empty password', async () => {
    expect(await auth.identify(req({ authorization: basic('Manager', PASSWORD) }))).toMatchObject({
      userName: 'manager',
      authProvider: 'basic',
    });
    expect(await auth.identify(req({ authorization: basic('ak-manager-1', '') }))).toMatchObject({
      userName: 'manager',
      authProvider: 'apikey',
    });
  });

  it.each([basic('manager', 'wrong'), basic('nobody', PASSWORD), 'Basic not-base64-and-no-colon'])(
    'answers 401 Invalid Username or Password for %s',
    async (authorization) => {
      const error = await rejection(auth.identify(req({ authorization })));
      expect(summary(error)).toEqual([401, 'Unauthorized', 'Invalid Username or Password']);
      expect(error.headers['WWW-Authenticate']).toBe('credentials realm="/auth/credentials"');
    },
  );

  it('accepts X-Api-Key (any header case) and ?apikey= (any case), and rejects unknown keys with 401', async () => {
    expect(await auth.identify(req({ 'X-API-KEY': 'ak-clerk-2' }))).toMatchObject({ userName: 'clerk' });
    expect(await auth.identify(req({}, { apikey: 'ak-manager-1' }))).toMatchObject({ userName: 'manager' });
    expect(await auth.identify(req({}, { ApiKey: ['ak-clerk-2', 'x'] }))).toMatchObject({ userName: 'clerk' });
    expect(summary(await rejection(auth.identify(req({ 'x-api-key': 'nope' }))))[2]).toBe('API Key does not exist');
    expect(summary(await rejection(auth.identify(req({}, { apikey: 'nope' }))))[0]).toBe(401);
  });

  it('accepts the ss-tok cookie; an expired one is 401, a forged one is ignored', async () => {
    const { response, cookie } = await signedIn('manager');
    expect(await auth.identify(req({ cookie: `a=b; ss-tok=${response.bearerToken ?? ''}` }))).toMatchObject({
      userName: 'manager',
      authProvider: 'jwt',
    });
    const old = createTokenService({ secret: SECRET, clock: () => 0 });
    const expired = await old.issueAccess(userNamed('manager'), 's');
    expect(summary(await rejection(auth.identify(req({ cookie: `ss-tok=${expired}` }))))[2]).toBe('Token has expired');
    const foreign = await createTokenService().issueAccess(userNamed('admin'), 's');
    expect(await auth.identify(req({ cookie: `ss-tok=${foreign}` }))).toBeNull();
    expect(await auth.identify(req({ cookie: `ss-tok=${foreign}; ss-id=${cookie('ss-id')}` }))).toMatchObject({
      userName: 'manager',
      authProvider: 'credentials',
    });
  });

  it('accepts the session cookies ss-id, ss-pid (with ss-opt=perm) and the X-ss-id header', async () => {
    const temp = await signedIn('clerk');
    expect(await auth.identify(req({ cookie: `ss-id=${temp.cookie('ss-id')}` }))).toMatchObject({
      userName: 'clerk',
      sessionId: temp.cookie('ss-id'),
      authProvider: 'credentials',
    });
    expect(await auth.identify(req({ 'X-ss-id': temp.cookie('ss-id') }))).toMatchObject({ userName: 'clerk' });
    const perm = await signedIn('manager', true);
    const permCookies = `ss-id=${perm.cookie('ss-id')}; ss-pid=${perm.cookie('ss-pid')}; ss-opt=perm`;
    expect(await auth.identify(req({ cookie: permCookies }))).toMatchObject({
      userName: 'manager',
      sessionId: perm.cookie('ss-pid'),
    });
    expect(await auth.identify(req({ cookie: 'ss-id=unknownunknownunkn' }))).toBeNull();
  });

  it('sees users added at run time through the users getter', async () => {
    users.push({ userId: '9', userName: 'temp', password: 'pw', displayName: 'Temp', roles: [], apiKey: 'ak-temp' });
    expect(await auth.identify(req({ 'x-api-key': 'ak-temp' }))).toMatchObject({ userName: 'temp' });
    expect((await auth.signIn({ userName: 'temp', password: 'pw' })).response.userId).toBe('9');
  });
});

describe('identify: precedence', () => {
  it('lets the first source present decide: Bearer > Basic > X-Api-Key > ?apikey > ss-tok > ss-id', async () => {
    const admin = await signedIn('admin');
    const manager = await signedIn('manager');
    const clerkSession = (await signedIn('clerk')).cookie('ss-id');
    const cookie = `ss-tok=${manager.response.bearerToken ?? ''}; ss-id=${clerkSession}`;
    const all = { cookie, 'x-api-key': 'ak-clerk-2', authorization: `Bearer ${admin.response.bearerToken ?? ''}` };
    const who = async (headers: Record<string, string>, query: Record<string, unknown> = {}) =>
      (await auth.identify(req(headers, query)))?.authProvider;
    expect(await who(all, { apikey: 'ak-manager-1' })).toBe('jwt');
    expect((await auth.identify(req(all)))?.userName).toBe('admin');
    expect(await who({ ...all, authorization: basic('clerk', PASSWORD) })).toBe('basic');
    const { authorization: _, ...noAuthorization } = all;
    expect((await auth.identify(req(noAuthorization, { apikey: 'ak-manager-1' })))?.userName).toBe('clerk');
    expect((await auth.identify(req({ cookie }, { apikey: 'ak-manager-1' })))?.authProvider).toBe('apikey');
    expect((await auth.identify(req({ cookie })))?.userName).toBe('manager');
    expect((await auth.identify(req({ cookie: `ss-id=${clerkSession}` })))?.userName).toBe('clerk');
  });

  it('never rescues a bad bearer token with a valid cookie or API key', async () => {
    const { cookie } = await signedIn('manager');
    const error = await rejection(
      auth.identify(
        req({ authorization: 'Bearer ak-wrong', cookie: `ss-id=${cookie('ss-id')}`, 'x-api-key': 'ak-clerk-2' }),
      ),
    );
    expect(error.status).toBe(401);
  });

  it('ignores other Authorization schemes and an empty Bearer', async () => {
    expect(await auth.identify(req({ authorization: 'Digest abc', 'x-api-key': 'ak-clerk-2' }))).toMatchObject({
      userName: 'clerk',
    });
    expect(await auth.identify(req({ authorization: 'Bearer ' }))).toBeNull();
  });
});

describe('authorize through the authenticator', () => {
  const requirement = { required: true, roles: ['manager'], anyRoles: [], permissions: [], anyPermissions: [] };

  it('gives 401 to nobody, 403 "manager Role Required" to the clerk, and passes manager and Admin', async () => {
    expect(() => auth.authorize(null, requirement)).toThrow('Not Authenticated');
    const clerk = await auth.identify(req({ 'x-api-key': 'ak-clerk-2' }));
    try {
      auth.authorize(clerk, requirement);
      throw new Error('expected 403');
    } catch (error) {
      expect(summary(error as MockError)).toEqual([403, 'Forbidden', 'manager Role Required']);
    }
    const manager = await auth.identify(req({ 'x-api-key': 'ak-manager-1' }));
    expect(() => auth.authorize(manager, requirement)).not.toThrow();
    const admin = await auth.identify(req({ authorization: basic('admin', PASSWORD) }));
    expect(() => auth.authorize(admin, { ...requirement, permissions: ['whatever'] })).not.toThrow();
  });
});

describe('signIn', () => {
  it('returns an AuthenticateResponse with tokens and ServiceStack cookies, never the password', async () => {
    const { response, cookies } = await auth.signIn({ userName: 'MANAGER', password: PASSWORD });
    expect(response).toEqual({
      userId: '1',
      sessionId: expect.stringMatching(/^[A-Za-z0-9]{20}$/) as string,
      userName: 'manager',
      displayName: 'Morgan',
      bearerToken: expect.any(String) as string,
      refreshToken: expect.any(String) as string,
      roles: ['manager'],
      permissions: [],
      authProvider: 'credentials',
    });
    expect(Object.keys(response)).toEqual([
      'userId',
      'sessionId',
      'userName',
      'displayName',
      'bearerToken',
      'refreshToken',
      'roles',
      'permissions',
      'authProvider',
    ]);
    const byName = new Map(cookies.map((c) => [c.name, c]));
    expect([...byName.keys()]).toEqual(['ss-id', 'ss-pid', 'ss-opt', 'ss-tok', 'ss-reftok']);
    expect(byName.get('ss-id')).toEqual({ name: 'ss-id', value: response.sessionId, httpOnly: true });
    expect(byName.get('ss-pid')?.maxAge).toBe(20 * 365 * 24 * 3600);
    expect(byName.get('ss-opt')?.value).toBe('temp');
    expect(byName.get('ss-tok')).toMatchObject({ value: response.bearerToken, httpOnly: true });
    expect(byName.get('ss-reftok')).toMatchObject({ value: response.refreshToken, httpOnly: true });
    expect(JSON.stringify({ response, cookies })).not.toContain(PASSWORD);
    expect(JSON.stringify({ response, cookies })).not.toContain(SECRET);
  });

  it('makes ss-pid the session when rememberMe is set', async () => {
    const { response, cookies } = await auth.signIn({ userName: 'clerk', password: PASSWORD, rememberMe: true });
    expect(cookies.find((c) => c.name === 'ss-opt')?.value).toBe('perm');
    expect(cookies.find((c) => c.name === 'ss-pid')?.value).toBe(response.sessionId);
    expect(sessions.get(response.sessionId as string)?.user.userName).toBe('clerk');
  });

  it('answers 400 ValidationException with a NotEmpty field error per missing field', async () => {
    const error = await rejection(auth.signIn({ userName: ' ', password: '' }));
    expect([error.status, error.errorCode]).toEqual([400, 'ValidationException']);
    expect(error.errors).toEqual([
      { errorCode: 'NotEmpty', fieldName: 'UserName', message: "'User Name' must not be empty." },
      { errorCode: 'NotEmpty', fieldName: 'Password', message: "'Password' must not be empty." },
    ]);
    const onlyPassword = await rejection(auth.signIn({ userName: 'clerk' }));
    expect(onlyPassword.errors.map((e) => e.fieldName)).toEqual(['Password']);
  });

  it.each([
    ['manager', 'wrong-password'],
    ['nobody', PASSWORD],
    ['manager', PASSWORD.toUpperCase()],
  ])('answers 401 Invalid Username or Password for %s / %s without echoing it', async (userName, password) => {
    const error = await rejection(auth.signIn({ userName, password }));
    expect(summary(error)).toEqual([401, 'Unauthorized', 'Invalid Username or Password']);
    expect(JSON.stringify(error.toResponseStatus())).not.toContain(password);
  });
});

describe('signOut and refresh', () => {
  it('signOut ends the session and returns the auth cookies to delete', async () => {
    const { response, cookie } = await signedIn('clerk');
    const principal = await auth.identify(req({ cookie: `ss-id=${cookie('ss-id')}` }));
    const deleted = auth.signOut(principal);
    expect(deleted.map((c) => [c.name, c.value, c.maxAge])).toEqual([
      ['ss-id', '', 0],
      ['ss-pid', '', 0],
      ['ss-tok', '', 0],
      ['ss-reftok', '', 0],
    ]);
    expect(await auth.identify(req({ cookie: `ss-id=${cookie('ss-id')}` }))).toBeNull();
    expect(sessions.get(response.sessionId as string)).toBeUndefined();
    const other = await signedIn('manager');
    auth.signOut(other.cookie('ss-id'));
    expect(sessions.size).toBe(0);
    expect(auth.signOut(null)).toHaveLength(4);
  });

  it('refresh mints an access token carrying the user as they are now', async () => {
    const { response } = await signedIn('clerk');
    userNamed('clerk').roles = ['clerk', 'manager'];
    const accessToken = await auth.refresh(response.refreshToken as string);
    const principal = await auth.identify(req({ authorization: `Bearer ${accessToken}` }));
    expect(principal).toMatchObject({ userName: 'clerk', roles: ['clerk', 'manager'], authProvider: 'jwt' });
  });

  it('refresh rejects an expired token with 401 TokenException, a forged one with 400, and a deleted user with 404', async () => {
    const old = createTokenService({ secret: SECRET, clock: () => 0 });
    const expired = await old.issueRefresh(userNamed('clerk'));
    expect(summary(await rejection(auth.refresh(expired)))).toEqual([401, 'TokenException', 'Token has expired']);
    const { response } = await signedIn('clerk');
    // Like ServiceStack, any token this server signed refreshes, whatever its `typ`.
    await expect(auth.refresh(response.bearerToken as string)).resolves.toEqual(expect.any(String));
    const forged = await createTokenService({ secret: 'another' }).issueRefresh(userNamed('clerk'));
    expect(summary(await rejection(auth.refresh(forged)))).toEqual([400, 'ArgumentException', 'Token is invalid']);
    users = users.filter((u) => u.userName !== 'clerk');
    expect(summary(await rejection(auth.refresh(response.refreshToken as string)))[0]).toBe(404);
  });
});
