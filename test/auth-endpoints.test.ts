/**
 * ServiceStack's auth endpoints as built-in operations of a real Billiecart server
 * (src/schema/builtin-operations.ts, src/handlers/auth.ts): `Authenticate` and `GetAccessToken`
 * are bound, guarded, scripted, journalled and answered by the same lifecycle as every operation
 * (docs/architecture.md). Supertest for the wire details, then `@servicestack/client`.
 *
 * The protected operation is Billiecart's CreateCustomerRequest (`POST /customers`, role `manager`).
 * Tokens expire through the server's injected clock, never by waiting.
 */
import { JsonServiceClient } from '@servicestack/client';
import request from 'supertest';
import { createTokenService, type AuthenticateResponse, type User } from '../src/auth/index.js';
import { startMockServer, type JournalEntry, type MockServer } from '../src/index.js';
import { Authenticate, CreateCustomerRequest } from './dtos.js';

const SECRET = 'auth-endpoints-test-secret-never-on-the-wire';
const PASSWORD = 'p@ssw0rd';
const MANAGER_KEY = 'ak-manager-3f6b1c2a9d8e4f7a0b5c6d7e8f9a0b1c';
/** fixtures/users.json's manager, as the server numbers it (first user → userId 1). */
const MANAGER: User = {
  userId: '1',
  userName: 'manager',
  password: PASSWORD,
  displayName: 'Morgan Manager',
  roles: ['manager'],
};
const credentials = { userName: 'manager', password: PASSWORD };
const customer = { email: 'auth@example.com', organisationId: 'org-auth' };
const TWENTY_YEARS = 20 * 365 * 24 * 3600;

/** The server's token and session clock: a test moves it past a token's lifetime instead of sleeping. */
let now = Date.now();
let mock: MockServer;
let http: ReturnType<typeof request>;
beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    db: 'memory',
    api: 'billiecart',
    jwtSecret: SECRET,
    accessTokenTtl: 60,
    selfCheck: 'fail',
    clock: () => now,
  });
  http = request(mock.url);
});
afterAll(() => mock.close());

/** Verifies tokens as the server does: same secret, same clock. */
const serverTokens = () => createTokenService({ secret: SECRET, clock: () => now });
/** An access token for the manager that expired long ago (signed with the right secret). */
const expiredAccessToken = () => createTokenService({ secret: SECRET, clock: () => 0 }).issueAccess(MANAGER, 'gone');

const setCookies = (res: request.Response): string[] => {
  const header = res.headers['set-cookie'] as unknown as string[] | string | undefined;
  return Array.isArray(header) ? header : header === undefined ? [] : [header];
};

/** `name=value; Path=/; HttpOnly` → name, value and attributes (lower-cased names), whatever their order. */
const parseSetCookie = (line: string) => {
  const [pair = '', ...rest] = line.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const attribute of rest) {
    const at = attribute.indexOf('=');
    if (at < 0) attributes[attribute.toLowerCase()] = true;
    else attributes[attribute.slice(0, at).toLowerCase()] = attribute.slice(at + 1);
  }
  return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes };
};

/** `Set-Cookie` lines → a `Cookie` header, skipping deletions. */
const cookieJar = (res: request.Response): string =>
  setCookies(res)
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');

const signIn = (userName = 'manager') =>
  http.post('/auth/credentials').send({ userName, password: PASSWORD }).expect(200);

const errorCodeOf = (res: request.Response): string | undefined =>
  (res.body as { responseStatus?: { errorCode?: string } }).responseStatus?.errorCode;

/** The journal entries written while `run` ran, as `METHOD path operation status`. */
const journalled = async (run: () => Promise<unknown>): Promise<string[]> => {
  const before = mock.requests().length;
  await run();
  return mock
    .requests()
    .slice(before)
    .map((e: JournalEntry) => `${e.method} ${e.path} ${e.operation ?? '-'} ${e.status}`);
};

describe('Authenticate and GetAccessToken over HTTP', () => {
  it('POST /auth/credentials signs in: AuthenticateResponse, X-Cookies and clean Max-Age cookies', async () => {
    const res = await signIn();
    const body = res.body as AuthenticateResponse;
    expect(body).toMatchObject({ userId: '1', userName: 'manager', displayName: 'Morgan Manager', roles: ['manager'] });
    expect(body.authProvider).toBe('credentials');
    expect(typeof body.bearerToken).toBe('string');
    expect(res.headers['x-cookies']).toBe('ss-tok,ss-reftok');
    const lines = setCookies(res);
    expect(lines.map((c) => c.split('=')[0])).toEqual(['ss-id', 'ss-pid', 'ss-opt', 'ss-tok', 'ss-reftok']);
    for (const line of lines) {
      // Max-Age, never Expires: @servicestack/client splits Set-Cookie on commas (README, Auth).
      expect(line).not.toMatch(/expires=/i);
      expect(line.includes(',')).toBe(false);
    }
    // ss-id is a browser-session cookie: no Max-Age at all.
    expect(parseSetCookie(lines[0]!)).toEqual({
      name: 'ss-id',
      value: body.sessionId,
      attributes: { path: '/', httponly: true, samesite: 'Lax' },
    });
    expect(parseSetCookie(lines[1]!).attributes['max-age']).toBe(String(TWENTY_YEARS));
  });

  it.each([
    ['/auth/login', credentials],
    ['/auth', { provider: 'credentials', ...credentials }],
    ['/AUTH/Credentials', credentials],
    ['/api/Authenticate', { Provider: 'credentials', UserName: 'manager', PASSWORD }],
    ['/api/authenticate', { provider: 'login', username: 'manager', password: PASSWORD, rememberMe: true }],
    ['/json/reply/Authenticate', { provider: 'credentials', ...credentials }],
    // No provider but a user name: the first provider (credentials), as ServiceStack's AuthenticateService.
    ['/api/Authenticate', { ...credentials }],
  ])('POST %s with %j signs in', async (path, body) => {
    const res = await http.post(path).send(body).expect(200);
    expect((res.body as AuthenticateResponse).userName).toBe('manager');
  });

  it('binds Authenticate from the query string too: on predefined routes the body wins', async () => {
    await http
      .post(`/json/reply/Authenticate?provider=credentials&userName=manager&password=${encodeURIComponent(PASSWORD)}`)
      .expect(200);
    // Predefined route (/api/Authenticate): the query only fills what the body left empty (README, Binding).
    const predefined = await http
      .post('/api/Authenticate?userName=clerk&password=wrong')
      .send({ provider: 'credentials', ...credentials })
      .expect(200);
    expect((predefined.body as AuthenticateResponse).userName).toBe('manager');
  });

  it('on a user route (/auth/{provider}) the query beats the body and the path beats the body', async () => {
    // Changed by the generic binder, as ServiceStack binds user routes: body < path < query < form
    // (README, Binding). The old auth router let the body win here too.
    const byQuery = await http.post('/auth/credentials?userName=clerk').send(credentials).expect(200);
    expect((byQuery.body as AuthenticateResponse).userName).toBe('clerk');
    // The path's {provider} beats the body's: this is a credentials sign-in, not an unknown provider.
    const byPath = await http
      .post('/auth/credentials')
      .send({ provider: 'twitter', ...credentials })
      .expect(200);
    expect((byPath.body as AuthenticateResponse).authProvider).toBe('credentials');
  });

  it('rememberMe=true makes the permanent id the session', async () => {
    const res = await http
      .post('/auth/credentials')
      .send({ ...credentials, rememberMe: 'true' })
      .expect(200);
    const cookies = Object.fromEntries(setCookies(res).map((line) => [parseSetCookie(line).name, line]));
    expect(parseSetCookie(cookies['ss-pid']!).value).toBe((res.body as AuthenticateResponse).sessionId);
    expect(parseSetCookie(cookies['ss-opt']!).value).toBe('perm');
  });

  it('answers 400 ValidationException for empty credentials and 401 for wrong ones', async () => {
    const empty = await http.post('/auth/credentials').send({}).expect(400);
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
    const wrong = await http.post('/auth/credentials').send({ userName: 'manager', password: 'hunter2' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      responseStatus: { errorCode: 'Unauthorized', message: 'Invalid Username or Password', errors: [] },
    });
    expect(wrong.headers['www-authenticate']).toBe('credentials realm="/auth/credentials"');
    expect(wrong.text).not.toContain('hunter2');
  });

  it('GET /auth returns the current session or 401 Not Authenticated', async () => {
    const anonymous = await http.get('/auth').expect(401);
    expect(anonymous.body).toEqual({
      responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated', errors: [] },
    });
    expect(anonymous.headers['www-authenticate']).toBe('credentials realm="/auth/credentials"');
    const { bearerToken, sessionId } = (await signIn()).body as AuthenticateResponse;
    const viaBearer = await http
      .get('/auth')
      .set('Authorization', `Bearer ${bearerToken ?? ''}`)
      .expect(200);
    expect(viaBearer.body).toEqual({
      userId: '1',
      sessionId,
      userName: 'manager',
      displayName: 'Morgan Manager',
      roles: ['manager'],
      permissions: [],
      authProvider: 'jwt',
    });
    const viaCookie = await http
      .get('/api/Authenticate')
      .set('Cookie', `ss-id=${sessionId ?? ''}`)
      .expect(200);
    expect((viaCookie.body as AuthenticateResponse).authProvider).toBe('credentials');
    const forged = await http.get('/auth').set('Authorization', `Bearer ${(bearerToken ?? '') + 'x'}`);
    // A bad signature authenticates nobody (JwtAuthProviderReader), so GET /auth is "Not Authenticated".
    expect([forged.status, errorCodeOf(forged)]).toEqual([401, 'Unauthorized']);
  });

  it.each(['/auth/credentials', '/auth/login', '/api/Authenticate?provider=credentials', '/auth?userName=manager'])(
    'GET %s is refused with 405 NotSupportedException',
    async (path) => {
      const res = await http.get(path).expect(405);
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
    const res = await http[method](path).send(body).expect(404);
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
    const jar = cookieJar(await signIn());
    const sessionOnly = jar
      .split('; ')
      .filter((c) => c.startsWith('ss-id='))
      .join('; ');
    await http.get('/auth').set('Cookie', sessionOnly).expect(200);
    const out = await http[method](path).set('Cookie', jar).send(body).expect(200);
    expect(out.body).toEqual({});
    const deleted = setCookies(out);
    expect(deleted.map((c) => c.split(';')[0])).toEqual(['ss-id=', 'ss-pid=', 'ss-tok=', 'ss-reftok=']);
    for (const line of deleted) expect(parseSetCookie(line).attributes['max-age']).toBe('0');
    // The server forgot the session: the same ss-id cookie no longer authenticates.
    await http.get('/auth').set('Cookie', sessionOnly).expect(401);
  });

  it('logs out even when the bearer token has expired', async () => {
    const expired = await expiredAccessToken();
    await http.post('/auth/logout').set('Authorization', `Bearer ${expired}`).expect(200);
  });

  it('GetAccessToken refreshes from the body or the ss-reftok cookie, ignoring an expired bearer', async () => {
    const { refreshToken } = (await signIn()).body as AuthenticateResponse;
    const expired = await expiredAccessToken();
    for (const path of ['/api/GetAccessToken', '/json/reply/GetAccessToken', '/access-token']) {
      const res = await http
        .post(path)
        .set('Authorization', `Bearer ${expired}`)
        .send({ refreshToken, useTokenCookie: false })
        .expect(200);
      const { accessToken } = res.body as { accessToken: string };
      expect(Object.keys(res.body as object)).toEqual(['accessToken']);
      expect((await serverTokens().verifyAccess(accessToken)).ok).toBe(true);
      expect(setCookies(res).map(parseSetCookie)).toEqual([
        { name: 'ss-tok', value: accessToken, attributes: { path: '/', httponly: true, samesite: 'Lax' } },
      ]);
    }
    const viaCookie = await http
      .post('/access-token')
      .set('Cookie', `ss-reftok=${refreshToken ?? ''}`)
      .expect(200);
    expect(typeof (viaCookie.body as { accessToken: string }).accessToken).toBe('string');
  });

  it('GetAccessToken: 400 without a refresh token or with a malformed one (test/auth-protocol.test.ts has every case)', async () => {
    const missing = await http.post('/api/GetAccessToken').send({}).expect(400);
    expect(errorCodeOf(missing)).toBe('ArgumentNullException');
    const res = await http.post('/access-token').send({ refreshToken: 'garbage' }).expect(400);
    expect(res.body).toEqual({
      responseStatus: { errorCode: 'ArgumentException', message: 'Token is invalid', errors: [] },
    });
  });

  it('guards an operation: 401 anonymous, 403 "manager Role Required" for the clerk, 200 for the manager', async () => {
    await http.post('/customers').send(customer).expect(401);
    const forbidden = await http
      .post('/customers')
      .set('Cookie', cookieJar(await signIn('clerk')))
      .send(customer)
      .expect(403);
    expect(forbidden.body).toEqual({
      responseStatus: { errorCode: 'Forbidden', message: 'manager Role Required', errors: [] },
    });
    const allowed = await http.post(`/customers?apikey=${MANAGER_KEY}`).send(customer).expect(200);
    expect((allowed.body as { customer: { email: string } }).customer.email).toBe(customer.email);
  });

  it('never puts a password or the signing secret in any response', async () => {
    const texts: string[] = [];
    const record = (res: request.Response) => texts.push(res.text, JSON.stringify(res.headers));
    const signedIn = await signIn();
    record(signedIn);
    const { bearerToken, refreshToken } = signedIn.body as AuthenticateResponse;
    record(await http.get('/auth').set('Authorization', `Bearer ${bearerToken ?? ''}`));
    record(await http.post('/access-token').send({ refreshToken }));
    record(await http.post('/auth/credentials').send({ userName: 'manager', password: 'wrong-one' }));
    record(await http.post('/auth/credentials').send({ userName: '', password: 'only-password' }));
    record(await http.post('/auth/logout'));
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

describe('Authenticate as an operation like any other', () => {
  it('a sign-in and a refresh appear in the journal as operations Authenticate and GetAccessToken', async () => {
    let refreshToken = '';
    const entries = await journalled(async () => {
      refreshToken = ((await signIn()).body as AuthenticateResponse).refreshToken ?? '';
      await http.post('/auth/credentials').send({ userName: 'manager', password: 'wrong' }).expect(401);
      await http.post('/access-token').send({ refreshToken }).expect(200);
    });
    expect(entries).toEqual([
      'POST /auth/credentials Authenticate 200',
      'POST /auth/credentials Authenticate 401',
      'POST /access-token GetAccessToken 200',
    ]);
  });

  it.each([
    ['Accept: application/xml', '/auth/credentials', { Accept: 'application/xml' }],
    ['?format=xml', '/auth/credentials?format=xml', {}],
  ])('answers Authenticate in XML (%s)', async (_how, path, headers) => {
    const res = await http.post(path).set(headers).send(credentials).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.text).toMatch(/<AuthenticateResponse\b[^>]*xmlns="http:\/\/schemas\.servicestack\.net\/types"/);
    expect(res.text).toContain('<UserName>manager</UserName>');
    expect(res.text).toContain('<AuthProvider>credentials</AuthProvider>');
    expect(res.text).not.toContain(PASSWORD);
  });

  it('reads an XML Authenticate on /xml/reply/Authenticate and answers errors in XML too', async () => {
    const xml = (password: string) =>
      `<Authenticate xmlns="http://schemas.servicestack.net/types"><Password>${password}</Password>` +
      '<Provider>credentials</Provider><UserName>manager</UserName></Authenticate>';
    const ok = await http
      .post('/xml/reply/Authenticate')
      .set('Content-Type', 'application/xml')
      .send(xml(PASSWORD))
      .expect(200);
    expect(ok.headers['content-type']).toMatch(/^application\/xml/);
    expect(ok.text).toContain('<UserName>manager</UserName>');
    const wrong = await http
      .post('/xml/reply/Authenticate')
      .set('Content-Type', 'application/xml')
      .send(xml('wrong'))
      .expect(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/xml/);
    expect(wrong.text).toContain('<ErrorCode>Unauthorized</ErrorCode>');
    expect(wrong.text).toContain('<Message>Invalid Username or Password</Message>');
  });

  it('reads and answers Authenticate in JSV (/jsv/reply/Authenticate)', async () => {
    const res = await http
      .post('/jsv/reply/Authenticate')
      .set('Content-Type', 'application/jsv')
      .send(`{provider:credentials,userName:manager,password:${PASSWORD}}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/jsv/);
    expect(res.text).toMatch(/^\{userId:1,/);
    expect(res.text).toContain('userName:manager');
    expect(res.text).toContain('authProvider:credentials');
    expect(res.text).not.toContain(PASSWORD);
  });

  it('a rule for any operation (*) reaches Authenticate too', async () => {
    const id = mock.addRule({ operation: '*', status: 503, times: 1 });
    try {
      const entries = await journalled(async () => {
        const scripted = await http.post('/auth/credentials').send(credentials).expect(503);
        expect(setCookies(scripted)).toEqual([]);
        await signIn();
      });
      expect(entries).toEqual(['POST /auth/credentials Authenticate 503', 'POST /auth/credentials Authenticate 200']);
    } finally {
      await request(mock.url).delete(`/__ssmock/rules/${id}`);
    }
  });

  it('a rule naming Authenticate scripts the sign-in; one naming GetAccessToken scripts the refresh', async () => {
    const signInRule = mock.addRule({
      operation: 'Authenticate',
      when: { userName: 'clerk' },
      status: 401,
      responseStatus: { errorCode: 'Unauthorized', message: 'Account locked' },
    });
    const refreshRule = mock.addRule({ operation: 'GetAccessToken', status: 503, times: 1 });
    try {
      const locked = await http.post('/auth/credentials').send({ userName: 'clerk', password: PASSWORD }).expect(401);
      expect((locked.body as { responseStatus: { message: string } }).responseStatus.message).toBe('Account locked');
      const { refreshToken } = (await signIn()).body as AuthenticateResponse;
      await http.post('/access-token').send({ refreshToken }).expect(503);
      await http.post('/access-token').send({ refreshToken }).expect(200);
    } finally {
      for (const id of [signInRule, refreshRule]) await request(mock.url).delete(`/__ssmock/rules/${id}`);
    }
  });

  it('the journal masks credentials: a sign-in keeps its user name, never its password', async () => {
    await signIn();
    const { refreshToken } = (await signIn()).body as AuthenticateResponse;
    await http.post('/access-token').send({ refreshToken }).expect(200);
    const entries = (await http.get('/__ssmock/requests').expect(200)).body as { requests: JournalEntry[] };
    const text = JSON.stringify(entries);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(refreshToken);
    const signInEntry = entries.requests.find((e) => e.operation === 'Authenticate' && e.status === 200);
    expect(signInEntry?.request).toMatchObject({ userName: 'manager', password: '***' });
  });
});

interface ClientError {
  responseStatus: { errorCode: string; message: string };
  type?: string;
}

describe('auth endpoints through @servicestack/client', () => {
  const signInWith = (client: JsonServiceClient, userName = 'manager') =>
    client.post(
      new Authenticate({ provider: 'credentials', userName, password: PASSWORD }),
    ) as Promise<AuthenticateResponse>;
  const createCustomer = (client: JsonServiceClient) => client.post(new CreateCustomerRequest(customer));

  it('signs in with client.post(new Authenticate(...)) and reuses the bearer token', async () => {
    let response: AuthenticateResponse = {};
    const entries = await journalled(async () => {
      response = await signInWith(new JsonServiceClient(mock.url));
    });
    expect(response).toMatchObject({ userName: 'manager', roles: ['manager'], authProvider: 'credentials' });
    expect(entries).toEqual(['POST /api/Authenticate Authenticate 200']);
    const client = new JsonServiceClient(mock.url);
    client.bearerToken = response.bearerToken ?? '';
    expect((await createCustomer(client)).customer).toMatchObject({ email: customer.email });
  });

  it('sends Basic credentials with setCredentials, and surfaces a bad password as ResponseStatus', async () => {
    const client = new JsonServiceClient(mock.url);
    client.setCredentials('manager', PASSWORD);
    expect((await createCustomer(client)).customer).toMatchObject({ email: customer.email });
    client.setCredentials('manager', 'wrong');
    const error = (await createCustomer(client).catch((e: unknown) => e)) as ClientError;
    expect(error.responseStatus).toMatchObject({ errorCode: 'Unauthorized', message: 'Invalid Username or Password' });
  });

  it('keeps clean cookies in the Node cookie jar and authenticates with them', async () => {
    const client = new JsonServiceClient(mock.url);
    await signInWith(client);
    expect(Object.keys(client.cookies).sort()).toEqual(['ss-id', 'ss-opt', 'ss-pid', 'ss-reftok', 'ss-tok']);
    expect(client.useTokenCookie).toBe(true);
    expect(client.bearerToken).toBeUndefined();
    expect((await createCustomer(client)).customer).toMatchObject({ email: customer.email });
  });

  it('reports 403 and validation errors through client.api()', async () => {
    const client = new JsonServiceClient(mock.url);
    await signInWith(client, 'clerk');
    const forbidden = await client.api(new CreateCustomerRequest(customer));
    expect(forbidden.failed).toBe(true);
    expect([forbidden.errorCode, forbidden.errorMessage]).toEqual(['Forbidden', 'manager Role Required']);
    const invalid = await new JsonServiceClient(mock.url).api(new Authenticate({ provider: 'credentials' }));
    expect(invalid.errorCode).toBe('ValidationException');
    expect(invalid.fieldErrorMessage('userName')).toBe("'User Name' must not be empty.");
  });

  it.each([
    ['/api/GetAccessToken', undefined],
    ['/access-token', 'access-token'],
  ])('auto-refreshes an expired bearer token via %s and retries', async (path, refreshTokenUri) => {
    const response = await signInWith(new JsonServiceClient(mock.url));
    const client = new JsonServiceClient(mock.url); // no cookies: only the tokens
    client.bearerToken = response.bearerToken ?? '';
    client.refreshToken = response.refreshToken ?? '';
    if (refreshTokenUri !== undefined) client.refreshTokenUri = `${mock.url}/${refreshTokenUri}`;
    now += 61_000; // past the 60 s access token lifetime, on the server's clock
    const entries = await journalled(async () => {
      expect((await createCustomer(client)).customer).toMatchObject({ email: customer.email });
    });
    expect(entries).toEqual([
      'POST /api/CreateCustomerRequest CreateCustomerRequest 401',
      `POST ${path} GetAccessToken 200`,
      'POST /api/CreateCustomerRequest CreateCustomerRequest 200',
    ]);
    expect(client.bearerToken).not.toBe(response.bearerToken);
    expect((await serverTokens().verifyAccess(client.bearerToken)).ok).toBe(true);
  });

  it('logs out with Authenticate { provider: logout }, after which the session no longer works', async () => {
    const client = new JsonServiceClient(mock.url);
    await signInWith(client);
    const sessionId = client.cookies['ss-id']?.value ?? '';
    await http.get('/auth').set('Cookie', `ss-id=${sessionId}`).expect(200);
    expect(await client.post(new Authenticate({ provider: 'logout' }))).toEqual({});
    await http.get('/auth').set('Cookie', `ss-id=${sessionId}`).expect(401);
    let error: ClientError | undefined;
    const entries = await journalled(async () => {
      error = (await createCustomer(client).catch((e: unknown) => e)) as ClientError;
    });
    // The client tries a refresh from its (now deleted) ss-reftok cookie first, as it does against ServiceStack.
    expect(error?.type).toBe('RefreshTokenException');
    expect(entries.map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual([
      'POST /api/CreateCustomerRequest',
      'POST /api/GetAccessToken',
    ]);
  });
});
