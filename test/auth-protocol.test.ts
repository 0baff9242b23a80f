/**
 * The auth protocol as `@servicestack/client` meets it (README, Auth):
 * - refusals answered per marking: `[Authenticate]`/`[RequiredRole]`/`[RequiredPermission]` short-circuit with
 *   an empty 401/403 (the client builds errorCode "401"/"403" and the reason phrase as message, as against
 *   ServiceStack), `[ValidateIsAuthenticated]`/`[ValidateHasRole]` answer a ResponseStatus;
 * - Basic credentials on `GET /auth` start a session with bearer and refresh tokens, so the client's
 *   refresh-on-401 flow works;
 * - every refresh-token failure JwtAuthProvider distinguishes, with its code and message.
 * The API is derived here from a C# DTO file; tokens expire through the server's clock, never by waiting.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonServiceClient } from '@servicestack/client';
import { createTokenService, type AuthenticateResponse } from '../src/auth/index.js';
import { deriveSchemas } from '../src/derive/index.js';
import { startMockServer, type MockServer } from '../src/index.js';

const SECRET = 'auth-protocol-test-secret';
const PASSWORD = 'p@ssw0rd';

const DTOS = `
using ServiceStack;
namespace Guarded.ServiceModel
{
    [Route("/attr/signed-in", "GET")] [Authenticate]
    public partial class AttrSignedIn : IReturn<GuardedResponse>, IGet { }

    [Route("/attr/managers", "GET")] [RequiredRole("manager")]
    public partial class AttrManagers : IReturn<GuardedResponse>, IGet { }

    [Route("/attr/any-role", "GET")] [RequiresAnyRole("manager", "auditor")]
    public partial class AttrAnyRole : IReturn<GuardedResponse>, IGet { }

    [Route("/attr/approvers", "GET")] [RequiredPermission("approve")]
    public partial class AttrApprovers : IReturn<GuardedResponse>, IGet { }

    [Route("/valid/signed-in", "GET")] [ValidateIsAuthenticated]
    public partial class ValidSignedIn : IReturn<GuardedResponse>, IGet { }

    [Route("/valid/managers", "GET")] [ValidateHasRole("manager")]
    public partial class ValidManagers : IReturn<GuardedResponse>, IGet { }

    [Route("/valid/script", "GET")] [ValidateRequest("IsAuthenticated")]
    public partial class ValidScript : IReturn<GuardedResponse>, IGet { }

    public partial class GuardedResponse
    {
        public virtual string Result { get; set; }
        public virtual ResponseStatus ResponseStatus { get; set; }
    }
}
`;

/** The server's token clock: tests move it instead of sleeping. */
let now = Date.now();
let mock: MockServer;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-auth-protocol-'));
  const docs = path.join(tmp, 'docs');
  mkdirSync(docs);
  writeFileSync(path.join(docs, 'dtos.cs'), DTOS);
  deriveSchemas({ inputs: [docs], out: path.join(tmp, 'schemas'), api: 'guarded' });
  mock = await startMockServer({
    port: 0,
    db: 'memory',
    seed: 42,
    selfCheck: 'fail',
    schemas: path.join(tmp, 'schemas'),
    api: 'guarded',
    jwtSecret: SECRET,
    accessTokenTtl: 60,
    clock: () => now,
  });
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

const basic = (userName: string, password = PASSWORD): string =>
  `Basic ${Buffer.from(`${userName}:${password}`).toString('base64')}`;

/** A client's rejection (the error DTO it builds). */
const failureOf = async (p: Promise<unknown>): Promise<{ responseStatus: { errorCode: string; message: string } }> => {
  try {
    await p;
  } catch (error) {
    return error as { responseStatus: { errorCode: string; message: string } };
  }
  throw new Error('expected the call to fail');
};

const signedInClient = async (userName: string): Promise<JsonServiceClient> => {
  const client = new JsonServiceClient(mock.url);
  client.setCredentials(userName, PASSWORD);
  const session = await client.get<AuthenticateResponse>('/auth');
  const tokenClient = new JsonServiceClient(mock.url);
  tokenClient.bearerToken = session.bearerToken ?? '';
  return tokenClient;
};

describe('refusals answered per marking', () => {
  it.each([
    ['/attr/signed-in', null, 401, 'Unauthorized'],
    ['/attr/managers', null, 401, 'Unauthorized'],
    ['/attr/managers', 'clerk', 403, 'Invalid Role'],
    ['/attr/any-role', 'clerk', 403, 'Invalid Role'],
    ['/attr/approvers', 'clerk', 403, 'Invalid Permission'],
  ] as const)('%s as %s: an empty %i whose status line says "%s"', async (route, user, status, reason) => {
    const headers: Record<string, string> = user === null ? {} : { Authorization: basic(user) };
    const res = await fetch(`${mock.url}${route}`, { headers });
    expect([res.status, res.statusText, await res.text()]).toEqual([status, reason, '']);
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('www-authenticate')).toBe(status === 401 ? 'credentials realm="/auth/credentials"' : null);
  });

  it('@servicestack/client reports them as against ServiceStack: errorCode "401"/"403", the reason phrase as message', async () => {
    const anonymous = new JsonServiceClient(mock.url);
    expect((await failureOf(anonymous.get('/attr/signed-in'))).responseStatus).toMatchObject({
      errorCode: '401',
      message: 'Unauthorized',
    });
    const clerk = await signedInClient('clerk');
    expect((await failureOf(clerk.get('/attr/managers'))).responseStatus).toMatchObject({
      errorCode: '403',
      message: 'Invalid Role',
    });
    expect((await failureOf(clerk.get('/attr/approvers'))).responseStatus).toMatchObject({
      errorCode: '403',
      message: 'Invalid Permission',
    });
    const manager = await signedInClient('manager');
    await expect(manager.get('/attr/managers')).resolves.toEqual(expect.any(Object));
  });

  it.each([
    ['/valid/signed-in', null, 401, 'Unauthorized', 'Not Authenticated'],
    ['/valid/script', null, 401, 'Unauthorized', 'Not Authenticated'],
    ['/valid/managers', null, 401, 'Unauthorized', 'Not Authenticated'],
    ['/valid/managers', 'clerk', 403, 'Forbidden', 'manager Role Required'],
  ] as const)('%s as %s: %i %s "%s" in a ResponseStatus', async (route, user, status, errorCode, message) => {
    const client = user === null ? new JsonServiceClient(mock.url) : await signedInClient(user);
    const error = await failureOf(client.get(route));
    expect(error.responseStatus).toMatchObject({ errorCode, message });
    const headers: Record<string, string> = user === null ? {} : { Authorization: basic(user) };
    const res = await fetch(`${mock.url}${route}`, { headers });
    expect([res.status, res.statusText]).toEqual([status, errorCode]);
    expect(((await res.json()) as { responseStatus: unknown }).responseStatus).toMatchObject({ errorCode, message });
  });

  it('the manifest records each style', () => {
    const manifest = JSON.parse(readFileSync(path.join(tmp, 'schemas', 'guarded', 'manifest.json'), 'utf8')) as {
      operations: { name: string; auth: { style?: string } }[];
    };
    const styles = Object.fromEntries(manifest.operations.map((o) => [o.name, o.auth.style]));
    expect(styles).toMatchObject({
      AttrSignedIn: 'attribute',
      AttrManagers: 'attribute',
      AttrApprovers: 'attribute',
      ValidSignedIn: 'validator',
      ValidManagers: 'validator',
      ValidScript: 'validator',
    });
  });
});

describe('Basic sign-in issues a session', () => {
  it('GET /auth with Basic answers sessionId, bearerToken and refreshToken, and sets the session cookies', async () => {
    const res = await fetch(`${mock.url}/api/Authenticate`, { headers: { Authorization: basic('manager') } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AuthenticateResponse;
    expect(body).toMatchObject({
      userName: 'manager',
      authProvider: 'basic',
      sessionId: expect.any(String),
      bearerToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    const cookies = res.headers.getSetCookie().map((line) => line.split('=')[0]);
    expect(cookies).toEqual(expect.arrayContaining(['ss-id', 'ss-pid', 'ss-tok', 'ss-reftok']));
    // The session is real: its id alone authenticates.
    const viaCookie = await fetch(`${mock.url}/auth`, { headers: { Cookie: `ss-id=${body.sessionId ?? ''}` } });
    expect(viaCookie.status).toBe(200);
  });

  it('setCredentials → GET /auth → a protected call; an expired token is refreshed by the client and retried', async () => {
    const basicClient = new JsonServiceClient(mock.url);
    basicClient.setCredentials('manager', PASSWORD);
    const session = await basicClient.get<AuthenticateResponse>('/auth');
    const client = new JsonServiceClient(mock.url);
    client.bearerToken = session.bearerToken ?? '';
    client.refreshToken = session.refreshToken ?? '';
    await expect(client.get('/attr/managers')).resolves.toEqual(expect.any(Object));
    now += 61_000; // past the 60 s access-token lifetime, on the server's clock
    await expect(client.get('/attr/managers')).resolves.toEqual(expect.any(Object));
    expect(client.bearerToken).not.toBe(session.bearerToken);
  });
});

describe('refresh-token failures, as JwtAuthProvider.CreateAccessTokenFromRefreshToken answers them', () => {
  const refresh = async (refreshToken: unknown) => {
    const res = await fetch(`${mock.url}/access-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    return { status: res.status, reason: res.statusText, body: (await res.json()) as { responseStatus?: unknown } };
  };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const validRefresh = () => createTokenService({ secret: SECRET, clock: () => now }).issueRefresh(MANAGER);
  const MANAGER = { userId: '1', userName: 'manager', password: PASSWORD, displayName: 'M', roles: ['manager'] };

  it.each<[string, () => Promise<string> | string, number, string, string]>([
    ['not three parts', () => 'garbage', 400, 'ArgumentException', 'Token is invalid'],
    ['a part of length 4n+1', () => 'abcde.abcd.abcd', 400, 'ArgumentException', 'Illegal base64url string!'],
    [
      'a character outside base64url',
      () => 'ab*d.abcd.abcd',
      400,
      'ArgumentException',
      'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.',
    ],
    [
      'a header without alg',
      () => `${b64({ typ: 'JWTR' })}.${b64({ sub: '1' })}.abcd`,
      400,
      'ArgumentException',
      "The given key 'alg' was not present in the dictionary.",
    ],
    [
      'another algorithm',
      () => `${b64({ alg: 'none', typ: 'JWTR' })}.${b64({ sub: '1' })}.`,
      400,
      'ArgumentException',
      "Invalid algorithm 'none', expected 'HS256'",
    ],
    [
      'a bad signature',
      async () => `${(await validRefresh()).slice(0, -4)}AAAA`,
      400,
      'ArgumentException',
      'Token is invalid',
    ],
    [
      'another secret',
      () => createTokenService({ secret: 'not-ours' }).issueRefresh(MANAGER),
      400,
      'ArgumentException',
      'Token is invalid',
    ],
    [
      'an expired token',
      () => createTokenService({ secret: SECRET, clock: () => 0 }).issueRefresh(MANAGER),
      401,
      'TokenException',
      'Token has expired',
    ],
    [
      'a user who is gone',
      () => createTokenService({ secret: SECRET, clock: () => now }).issueRefresh({ ...MANAGER, userId: '999' }),
      404,
      'NotFound',
      'User does not exist',
    ],
  ])('%s: %i %s "%s"', async (_, token, status, errorCode, message) => {
    const res = await refresh(await token());
    expect([res.status, res.reason]).toEqual([status, errorCode]);
    expect(res.body.responseStatus).toMatchObject({ errorCode, message });
  });

  it('a missing one is ArgumentNullException naming refreshToken', async () => {
    const res = await refresh(undefined);
    expect([res.status, res.body.responseStatus]).toEqual([
      400,
      {
        errorCode: 'ArgumentNullException',
        message: "Value cannot be null. (Parameter 'refreshToken')",
        errors: [{ errorCode: 'ArgumentNullException', fieldName: 'refreshToken', message: 'Value cannot be null.' }],
      },
    ]);
  });

  it('like ServiceStack, any token this server signed refreshes (an access token too)', async () => {
    const access = await createTokenService({ secret: SECRET, clock: () => now }).issueAccess(MANAGER, 'sid');
    const res = await refresh(access);
    expect(res.status).toBe(200);
  });

  it('the client surfaces a refresh failure as RefreshTokenException with the server’s message', async () => {
    const client = new JsonServiceClient(mock.url);
    client.bearerToken = await createTokenService({ secret: SECRET, clock: () => 0 }).issueAccess(MANAGER, 'old');
    client.refreshToken = 'garbage';
    const error = (await failureOf(client.get('/attr/managers'))) as unknown as {
      type?: string;
      responseStatus: { errorCode: string; message: string };
    };
    expect(error.type).toBe('RefreshTokenException');
    expect(error.responseStatus).toMatchObject({ errorCode: 'ArgumentException', message: 'Token is invalid' });
  });
});

describe('bearer-token failures, as JwtAuthProviderReader answers them', () => {
  const MANAGER = { userId: '1', userName: 'manager', password: PASSWORD, displayName: 'M', roles: ['manager'] };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const call = async (route: string, bearer: string, cookie?: string) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer}` };
    if (cookie !== undefined) headers['Cookie'] = cookie;
    const res = await fetch(`${mock.url}${route}`, { headers });
    const text = await res.text();
    return { status: res.status, reason: res.statusText, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };

  it.each<[string, () => Promise<string> | string, number, string, string]>([
    // ServiceStack answers 500 here; the mock never answers 500 for the client's mistake (400, same code and message)
    ['a part of length 4n+1', () => 'abcde.abcd.abcd', 400, 'Exception', 'Illegal base64url string!'],
    [
      'a character outside base64url',
      () => 'ab*d.abcd.abcd',
      400,
      'FormatException',
      'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.',
    ],
    [
      'a header without alg',
      () => `${b64({ typ: 'JWT' })}.${b64({ sub: '1' })}.abcd`,
      400,
      'KeyNotFoundException',
      "The given key 'alg' was not present in the dictionary.",
    ],
    [
      'alg none',
      () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: '1' })}.`,
      405,
      'NotSupportedException',
      "Invalid algorithm 'none', expected 'HS256'",
    ],
    [
      'an expired token',
      () => createTokenService({ secret: SECRET, clock: () => 0 }).issueAccess(MANAGER, 'old'),
      401,
      'TokenException',
      'Token has expired',
    ],
  ])('%s: answered with its status, errorCode and message', async (_, token, status, errorCode, message) => {
    const res = await call('/valid/signed-in', await token());
    expect([res.status, res.reason, res.body]).toEqual([
      status,
      errorCode,
      { responseStatus: { errorCode, message, errors: [] } },
    ]);
  });

  it('a bad signature authenticates nobody: the operation’s own 401, or the session cookie that is also there', async () => {
    const forged = await createTokenService({ secret: 'not-ours', clock: () => now }).issueAccess(MANAGER, 'x');
    expect(await call('/attr/signed-in', forged)).toEqual({ status: 401, reason: 'Unauthorized', body: null });
    const signedIn = await fetch(`${mock.url}/auth/credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userName: 'manager', password: PASSWORD }),
    });
    const { sessionId } = (await signedIn.json()) as AuthenticateResponse;
    expect((await call('/attr/signed-in', forged, `ss-id=${sessionId ?? ''}`)).status).toBe(200);
  });
});
