/**
 * The auth routes through HTTP: supertest for the wire details, then the real
 * `@servicestack/client` against a listening server. The tiny responder and
 * error handler below stand in for the real ones (http/respond.ts,
 * http/error-handler.ts) so this router is tested exactly as it is mounted.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { JsonServiceClient } from '@servicestack/client';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import type { AuthRequirement } from '../schema/manifest.js';
import { MockError } from '../errors.js';
import { REPLY_LOCAL, type Reply } from '../http/reply.js';
import { createAuthenticator } from './authenticator.js';
import type { AuthenticateResponse } from './principal.js';
import { createAuthRouter } from './routes.js';
import { createSessionStore } from './sessions.js';
import { createTokenService } from './tokens.js';
import type { User } from './users.js';

const SECRET = 'routes-test-secret-never-on-the-wire';
const PASSWORD = 'p@ssw0rd';
const USERS: User[] = [
  { userId: '1', userName: 'manager', password: PASSWORD, displayName: 'Morgan', roles: ['manager'], apiKey: 'ak-m' },
  { userId: '2', userName: 'clerk', password: PASSWORD, displayName: 'Casey', roles: ['clerk'] },
];
const MANAGER_ONLY: AuthRequirement = {
  required: true,
  roles: ['manager'],
  anyRoles: [],
  permissions: [],
  anyPermissions: [],
};

function respond(_req: Request, res: Response, next: NextFunction): void {
  const reply = res.locals[REPLY_LOCAL] as Reply | undefined;
  if (reply === undefined) return next();
  // Max-Age and never Expires: the Node JS client splits Set-Cookie on commas.
  const cookies = (reply.cookies ?? []).map(
    (c) =>
      `${c.name}=${encodeURIComponent(c.value)}; Path=/${c.maxAge === undefined ? '' : `; Max-Age=${c.maxAge}`}` +
      `${c.httpOnly === true ? '; HttpOnly' : ''}; SameSite=Lax`,
  );
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.status(reply.status).set(reply.headers ?? {});
  if (reply.body === undefined) res.end();
  else res.json(reply.body);
}

function renderError(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof MockError) {
    res.status(err.status).set(err.headers).json({ responseStatus: err.toResponseStatus() });
    return;
  }
  res.status(500).json({ responseStatus: { errorCode: 'Exception', message: String(err), errors: [] } });
}

function createTestApp(options: { accessTtlSeconds?: number } = {}) {
  const tokens = createTokenService({ secret: SECRET, ...options });
  const sessions = createSessionStore();
  const auth = createAuthenticator({ users: () => USERS, tokens, sessions });
  const seen: string[] = [];
  const app = express();
  app.use((req, _res, next) => {
    seen.push(`${req.method} ${req.path}`);
    next();
  });
  app.use(express.json({ type: () => true }));
  app.use(createAuthRouter(auth));
  // A protected operation, guarded the way the real pipeline will guard one.
  app.all('/api/ManagerOnly', async (req, res, next) => {
    const principal = await auth.identify(req);
    auth.authorize(principal, MANAGER_ONLY);
    res.locals[REPLY_LOCAL] = { status: 200, body: { userName: principal?.userName }, typeName: 'ManagerOnlyResponse' };
    next();
  });
  app.use(respond);
  app.use(renderError);
  return { app, tokens, sessions, seen };
}

/** `Set-Cookie` lines → a `Cookie` header, skipping deletions. */
function cookieJar(setCookie: string[] | string | undefined): string {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie];
  return lines
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

const credentials = { userName: 'manager', password: PASSWORD };

describe('auth routes over HTTP', () => {
  let ctx: ReturnType<typeof createTestApp>;
  beforeEach(() => {
    ctx = createTestApp();
  });

  it('POST /auth/credentials signs in: AuthenticateResponse, X-Cookies and clean Max-Age cookies', async () => {
    const res = await request(ctx.app).post('/auth/credentials').send(credentials).expect(200);
    const body = res.body as AuthenticateResponse;
    expect(body).toMatchObject({ userId: '1', userName: 'manager', displayName: 'Morgan', roles: ['manager'] });
    expect(body.authProvider).toBe('credentials');
    expect(typeof body.bearerToken).toBe('string');
    expect(res.headers['x-cookies']).toBe('ss-tok,ss-reftok');
    const setCookie = res.headers['set-cookie'] as unknown as string[];
    expect(setCookie.map((c) => c.split('=')[0])).toEqual(['ss-id', 'ss-pid', 'ss-opt', 'ss-tok', 'ss-reftok']);
    for (const line of setCookie) {
      expect(line).not.toMatch(/expires=/i);
      expect(line.includes(',')).toBe(false);
    }
    expect(setCookie[0]).toBe(`ss-id=${body.sessionId ?? ''}; Path=/; HttpOnly; SameSite=Lax`);
    expect(setCookie[1]).toContain(`Max-Age=${20 * 365 * 24 * 3600}`);
  });

  it.each([
    ['/auth/login', credentials],
    ['/auth', { provider: 'credentials', ...credentials }],
    ['/AUTH/Credentials', credentials],
    ['/api/Authenticate', { Provider: 'credentials', UserName: 'manager', PASSWORD }],
    ['/api/authenticate', { provider: 'login', username: 'manager', password: PASSWORD, rememberMe: true }],
    ['/json/reply/Authenticate', { provider: 'credentials', ...credentials }],
    ['/api/Authenticate', { ...credentials }],
  ])('POST %s with %j signs in', async (path, body) => {
    const res = await request(ctx.app).post(path).send(body).expect(200);
    expect((res.body as AuthenticateResponse).userName).toBe('manager');
  });

  it('binds Authenticate from the query string too, the body winning', async () => {
    await request(ctx.app)
      .post(`/json/reply/Authenticate?provider=credentials&userName=manager&password=${encodeURIComponent(PASSWORD)}`)
      .expect(200);
    await request(ctx.app)
      .post('/api/Authenticate?userName=clerk&password=wrong')
      .send({ provider: 'credentials', ...credentials })
      .expect(200)
      .expect((res) => expect((res.body as AuthenticateResponse).userName).toBe('manager'));
  });

  it('rememberMe=true makes the permanent id the session', async () => {
    const res = await request(ctx.app)
      .post('/auth/credentials')
      .send({ ...credentials, rememberMe: 'true' })
      .expect(200);
    const setCookie = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(setCookie).toContain(`ss-pid=${(res.body as AuthenticateResponse).sessionId ?? ''};`);
    expect(setCookie).toContain('ss-opt=perm;');
  });

  it('answers 400 ValidationException for empty credentials and 401 for wrong ones', async () => {
    const empty = await request(ctx.app).post('/auth/credentials').send({}).expect(400);
    expect(empty.body).toEqual({
      responseStatus: {
        errorCode: 'ValidationException',
        message: expect.stringContaining("'User Name' must not be empty.") as string,
        errors: [
          { errorCode: 'NotEmpty', fieldName: 'UserName', message: "'User Name' must not be empty." },
          { errorCode: 'NotEmpty', fieldName: 'Password', message: "'Password' must not be empty." },
        ],
      },
    });
    const wrong = await request(ctx.app).post('/auth/credentials').send({ userName: 'manager', password: 'hunter2' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      responseStatus: { errorCode: 'Unauthorized', message: 'Invalid Username or Password', errors: [] },
    });
    expect(wrong.headers['www-authenticate']).toBe('credentials realm="/auth/credentials"');
    expect(wrong.text).not.toContain('hunter2');
  });

  it('GET /auth returns the current session or 401 Not Authenticated', async () => {
    const anonymous = await request(ctx.app).get('/auth').expect(401);
    expect(anonymous.body).toEqual({
      responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated', errors: [] },
    });
    expect(anonymous.headers['www-authenticate']).toBe('credentials realm="/auth/credentials"');
    const signIn = await request(ctx.app).post('/auth/credentials').send(credentials);
    const { bearerToken, sessionId } = signIn.body as AuthenticateResponse;
    const viaBearer = await request(ctx.app)
      .get('/auth')
      .set('Authorization', `Bearer ${bearerToken ?? ''}`);
    expect(viaBearer.body).toEqual({
      userId: '1',
      sessionId,
      userName: 'manager',
      displayName: 'Morgan',
      roles: ['manager'],
      permissions: [],
      authProvider: 'jwt',
    });
    const viaCookie = await request(ctx.app)
      .get('/api/Authenticate')
      .set('Cookie', `ss-id=${sessionId ?? ''}`);
    expect((viaCookie.body as AuthenticateResponse).authProvider).toBe('credentials');
    const forged = await request(ctx.app)
      .get('/auth')
      .set('Authorization', `Bearer ${(bearerToken ?? '') + 'x'}`);
    expect([
      forged.status,
      (forged.body as { responseStatus: { errorCode: string } }).responseStatus.errorCode,
    ]).toEqual([401, 'TokenException']);
  });

  it.each(['/auth/credentials', '/auth/login', '/api/Authenticate?provider=credentials', '/auth?userName=manager'])(
    'GET %s is refused with 405 NotSupportedException',
    async (path) => {
      const res = await request(ctx.app).get(path).expect(405);
      expect(res.body).toEqual({
        responseStatus: {
          errorCode: 'NotSupportedException',
          message:
            'GET Authenticate requests are disabled, to enable set AuthFeature.AllowGetAuthenticateRequests = req => true',
          errors: [],
        },
      });
    },
  );

  it.each([
    ['post', '/auth/facebook', {}, 'facebook'],
    ['get', '/auth/GitHub', {}, 'GitHub'],
    ['post', '/api/Authenticate', { provider: 'twitter', ...credentials }, 'twitter'],
  ] as const)('%s %s names the unknown provider with 404', async (method, path, body, provider) => {
    const res = await request(ctx.app)[method](path).send(body).expect(404);
    expect(res.body).toEqual({
      responseStatus: {
        errorCode: 'NotFound',
        message: `No configuration was added for OAuth provider '${provider}'`,
        errors: [],
      },
    });
  });

  it.each([
    ['get', '/auth/logout', undefined],
    ['post', '/auth/logout', undefined],
    ['post', '/api/Authenticate', { provider: 'logout' }],
    ['delete', '/auth', undefined],
  ] as const)('%s %s logs out: {} and deleted cookies; the session is gone', async (method, path, body) => {
    const signIn = await request(ctx.app).post('/auth/credentials').send(credentials);
    const jar = cookieJar(signIn.headers['set-cookie']);
    const out = await request(ctx.app)[method](path).set('Cookie', jar).send(body).expect(200);
    expect(out.body).toEqual({});
    const deleted = out.headers['set-cookie'] as unknown as string[];
    expect(deleted.map((c) => c.split(';')[0])).toEqual(['ss-id=', 'ss-pid=', 'ss-tok=', 'ss-reftok=']);
    for (const line of deleted) expect(line).toContain('Max-Age=0');
    expect(ctx.sessions.size).toBe(0);
    const sessionOnly = jar
      .split('; ')
      .filter((c) => c.startsWith('ss-id='))
      .join('; ');
    await request(ctx.app).get('/auth').set('Cookie', sessionOnly).expect(401);
  });

  it('logs out even when the bearer token has expired', async () => {
    const old = createTokenService({ secret: SECRET, clock: () => 0 });
    const expired = await old.issueAccess(USERS[0] as User, 'gone');
    await request(ctx.app).post('/auth/logout').set('Authorization', `Bearer ${expired}`).expect(200);
  });

  it('GetAccessToken refreshes from the body or the ss-reftok cookie, ignoring an expired bearer', async () => {
    const signIn = await request(ctx.app).post('/auth/credentials').send(credentials);
    const { refreshToken } = signIn.body as AuthenticateResponse;
    const old = createTokenService({ secret: SECRET, clock: () => 0 });
    const expired = await old.issueAccess(USERS[0] as User, 'gone');
    for (const path of ['/api/GetAccessToken', '/json/reply/GetAccessToken', '/access-token']) {
      const res = await request(ctx.app)
        .post(path)
        .set('Authorization', `Bearer ${expired}`)
        .send({ refreshToken, useTokenCookie: false })
        .expect(200);
      const { accessToken } = res.body as { accessToken: string };
      expect(Object.keys(res.body as object)).toEqual(['accessToken']);
      expect((await ctx.tokens.verifyAccess(accessToken)).ok).toBe(true);
      expect(res.headers['set-cookie']).toEqual([`ss-tok=${accessToken}; Path=/; HttpOnly; SameSite=Lax`]);
    }
    const viaCookie = await request(ctx.app)
      .post('/access-token')
      .set('Cookie', `ss-reftok=${refreshToken ?? ''}`)
      .expect(200);
    expect(typeof (viaCookie.body as { accessToken: string }).accessToken).toBe('string');
  });

  it('GetAccessToken: 400 without a refresh token, 401 TokenException for a bad or access token', async () => {
    const missing = await request(ctx.app).post('/api/GetAccessToken').send({}).expect(400);
    expect((missing.body as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe(
      'ArgumentNullException',
    );
    const signIn = await request(ctx.app).post('/auth/credentials').send(credentials);
    const { bearerToken } = signIn.body as AuthenticateResponse;
    for (const refreshToken of ['garbage', bearerToken]) {
      const res = await request(ctx.app).post('/access-token').send({ refreshToken }).expect(401);
      expect(res.body).toEqual({
        responseStatus: { errorCode: 'TokenException', message: 'Token is invalid', errors: [] },
      });
    }
  });

  it('guards an operation: 401 anonymous, 403 "manager Role Required" for the clerk, 200 for the manager', async () => {
    await request(ctx.app).get('/api/ManagerOnly').expect(401);
    const clerk = await request(ctx.app).post('/auth/credentials').send({ userName: 'clerk', password: PASSWORD });
    const forbidden = await request(ctx.app)
      .get('/api/ManagerOnly')
      .set('Cookie', cookieJar(clerk.headers['set-cookie']))
      .expect(403);
    expect(forbidden.body).toEqual({
      responseStatus: { errorCode: 'Forbidden', message: 'manager Role Required', errors: [] },
    });
    await request(ctx.app).get('/api/ManagerOnly?apikey=ak-m').expect(200, { userName: 'manager' });
  });

  it('never puts a password or the signing secret in any response', async () => {
    const texts: string[] = [];
    const record = (res: request.Response) => texts.push(res.text, JSON.stringify(res.headers));
    const signIn = await request(ctx.app).post('/auth/credentials').send(credentials);
    record(signIn);
    const { bearerToken, refreshToken } = signIn.body as AuthenticateResponse;
    record(
      await request(ctx.app)
        .get('/auth')
        .set('Authorization', `Bearer ${bearerToken ?? ''}`),
    );
    record(await request(ctx.app).post('/access-token').send({ refreshToken }));
    record(await request(ctx.app).post('/auth/credentials').send({ userName: 'manager', password: 'wrong-one' }));
    record(await request(ctx.app).post('/auth/credentials').send({ userName: '', password: 'only-password' }));
    record(await request(ctx.app).post('/auth/logout'));
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('wrong-one');
      expect(text).not.toContain('only-password');
      expect(text).not.toContain(SECRET);
    }
    for (const token of [bearerToken, refreshToken]) {
      const payload = Buffer.from((token ?? '').split('.')[1] ?? '', 'base64url').toString();
      expect(payload).not.toContain(PASSWORD);
    }
  });
});

/** Minimal generated-DTO look-alikes: what `@servicestack/client` needs to route a request. */
class Authenticate {
  provider?: string;
  userName?: string;
  password?: string;
  rememberMe?: boolean;
  constructor(init: Partial<Authenticate> = {}) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'Authenticate';
  }
  getMethod() {
    return 'POST';
  }
  createResponse(): AuthenticateResponse {
    return {};
  }
}

class ManagerOnly {
  getTypeName() {
    return 'ManagerOnly';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): { userName?: string } {
    return {};
  }
}

interface ClientError {
  responseStatus: { errorCode: string; message: string };
  type?: string;
}

describe('auth routes through @servicestack/client', () => {
  let ctx: ReturnType<typeof createTestApp>;
  let server: Server;
  let baseUrl: string;

  beforeEach(async () => {
    ctx = createTestApp({ accessTtlSeconds: 60 });
    server = await new Promise<Server>((resolve) => {
      const listening = ctx.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const signIn = (client: JsonServiceClient, userName = 'manager') =>
    client.post(new Authenticate({ provider: 'credentials', userName, password: PASSWORD }));

  it('signs in with client.post(new Authenticate(...)) and reuses the bearer token', async () => {
    const response = await signIn(new JsonServiceClient(baseUrl));
    expect(response).toMatchObject({ userName: 'manager', roles: ['manager'], authProvider: 'credentials' });
    expect(ctx.seen).toContain('POST /api/Authenticate');
    const client = new JsonServiceClient(baseUrl);
    client.bearerToken = response.bearerToken ?? '';
    expect(await client.get(new ManagerOnly())).toEqual({ userName: 'manager' });
  });

  it('sends Basic credentials with setCredentials, and surfaces a bad password as ResponseStatus', async () => {
    const client = new JsonServiceClient(baseUrl);
    client.setCredentials('manager', PASSWORD);
    expect(await client.get(new ManagerOnly())).toEqual({ userName: 'manager' });
    client.setCredentials('manager', 'wrong');
    const error = (await client.get(new ManagerOnly()).catch((e: unknown) => e)) as ClientError;
    expect(error.responseStatus).toMatchObject({ errorCode: 'Unauthorized', message: 'Invalid Username or Password' });
  });

  it('keeps clean cookies in the Node cookie jar and authenticates with them', async () => {
    const client = new JsonServiceClient(baseUrl);
    await signIn(client);
    expect(Object.keys(client.cookies).sort()).toEqual(['ss-id', 'ss-opt', 'ss-pid', 'ss-reftok', 'ss-tok']);
    expect(client.useTokenCookie).toBe(true);
    expect(client.bearerToken).toBeUndefined();
    expect(await client.get(new ManagerOnly())).toEqual({ userName: 'manager' });
  });

  it('reports 403 and validation errors through client.api()', async () => {
    const client = new JsonServiceClient(baseUrl);
    await signIn(client, 'clerk');
    const forbidden = await client.api(new ManagerOnly());
    expect(forbidden.failed).toBe(true);
    expect([forbidden.errorCode, forbidden.errorMessage]).toEqual(['Forbidden', 'manager Role Required']);
    const invalid = await new JsonServiceClient(baseUrl).api(new Authenticate({ provider: 'credentials' }));
    expect(invalid.errorCode).toBe('ValidationException');
    expect(invalid.fieldErrorMessage('userName')).toBe("'User Name' must not be empty.");
  });

  it.each([
    ['/api/GetAccessToken', undefined],
    ['/access-token', 'access-token'],
  ])('auto-refreshes an expired bearer token via %s and retries', async (path, refreshTokenUri) => {
    const response = await signIn(new JsonServiceClient(baseUrl));
    const past = createTokenService({ secret: SECRET, clock: () => Date.now() - 3600_000, accessTtlSeconds: 60 });
    const client = new JsonServiceClient(baseUrl);
    client.bearerToken = await past.issueAccess(USERS[0] as User, response.sessionId ?? '');
    client.refreshToken = response.refreshToken ?? '';
    if (refreshTokenUri !== undefined) client.refreshTokenUri = baseUrl + refreshTokenUri;
    ctx.seen.length = 0;
    expect(await client.get(new ManagerOnly())).toEqual({ userName: 'manager' });
    expect(ctx.seen).toEqual(['GET /api/ManagerOnly', `POST ${path}`, 'GET /api/ManagerOnly']);
    expect((await ctx.tokens.verifyAccess(client.bearerToken)).ok).toBe(true);
  });

  it('logs out with Authenticate { provider: logout }, after which the session no longer works', async () => {
    const client = new JsonServiceClient(baseUrl);
    await signIn(client);
    expect(await client.post(new Authenticate({ provider: 'logout' }))).toEqual({});
    expect(ctx.sessions.size).toBe(0);
    const error = (await client.get(new ManagerOnly()).catch((e: unknown) => e)) as ClientError;
    // The client tries a refresh from its (now deleted) ss-reftok cookie first, as it does against ServiceStack.
    expect(error.type).toBe('RefreshTokenException');
    expect(ctx.seen.slice(-2)).toEqual(['GET /api/ManagerOnly', 'POST /api/GetAccessToken']);
  });
});
