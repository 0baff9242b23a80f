/**
 * The admin endpoints the QA dashboard uses (README "QA dashboard"), over HTTP against a started server:
 * the page itself, operations, users and a sign-in as one, one state record read / replaced / deleted
 * (checked against its DTO schema, each mistake with its path) and the scenarios' details.
 */
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

type Json = Record<string, unknown>;
interface ErrorBody {
  responseStatus?: { errorCode: string; message: string; errors: { fieldName: string; message: string }[] };
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startTestServer({ scenario: 'happy-path' });
});
afterAll(() => mock.close());

const call = async (session: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${mock.url}/__ssmock${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Ssmock-Session': session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    text,
    json: () => JSON.parse(text) as Json & ErrorBody,
  };
};

const homeCustomer = (session: string, id: number) =>
  fetch(`${mock.url}/servicestack-home/Customer/${id}`, {
    headers: { Accept: 'application/json', 'X-Ssmock-Session': session },
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));

describe('the page and its files', () => {
  it.each([
    ['/', 'text/html', '<title>ssmock · QA dashboard</title>'],
    ['/ui/app.js', 'javascript', "from 'preact'"],
    ['/ui/style.css', 'text/css', ':root'],
    ['/ui/vendor/preact.js', 'javascript', 'useState'],
  ])('GET /__ssmock%s answers %s', async (path, type, contains) => {
    const res = await call('page', 'GET', path);
    expect(res.status).toBe(200);
    expect(res.type).toContain(type);
    expect(res.text).toContain(contains);
  });

  it('the landing page links the dashboard; GET /__ssmock without the slash is the page too', async () => {
    const landing = await fetch(`${mock.url}/`, { headers: { Accept: 'text/html' } }).then((r) => r.text());
    expect(landing).toContain('<a href="/__ssmock/">QA dashboard</a>');
    const bare = await fetch(`${mock.url}/__ssmock`);
    expect(bare.headers.get('content-type')).toContain('text/html');
  });

  it.each(['/ui/missing.js', '/ui/../../package.json', '/ui/%2e%2e/%2e%2e/package.json'])(
    'GET /__ssmock%s is the admin 404, never a file outside the page',
    async (path) => {
      const res = await call('page', 'GET', path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('"dependencies"');
    },
  );
});

describe('operations and users', () => {
  it('GET /operations lists each API with its base, operations (routes, verbs, auth, request schema) and resources', async () => {
    const { apis } = (await call('ops', 'GET', '/operations')).json() as unknown as {
      apis: { id: string; base: string; operations: Json[]; resources: Json }[];
    };
    const billiecart = apis.find((a) => a.id === 'billiecart')!;
    expect(billiecart.base).toBe('/billiecart');
    expect(billiecart.operations.find((o) => o['name'] === 'CreateCustomerRequest')).toMatchObject({
      request: 'CreateCustomerRequest',
      routes: [{ path: '/customers', verbs: ['POST'] }],
      verb: 'POST',
      auth: { required: true },
      tenantProperty: 'organisationId',
      requestSchema: { title: 'CreateCustomerRequest', properties: { email: { type: 'string' } } },
    });
    const home = apis.find((a) => a.id === 'servicestack-home')!;
    expect(home.operations[0]!['routes']).toEqual([
      { path: '/Customer', verbs: ['ANY'] },
      { path: '/Customer/{Id}', verbs: ['ANY'] },
    ]);
    expect(home.resources).toEqual({ Customer: { idProperty: 'id', idType: 'integer', tenanted: false } });
  });

  it('GET /users names each user and their roles, never a password or API key', async () => {
    const res = await call('users', 'GET', '/users');
    const { users } = res.json() as unknown as { users: Json[] };
    expect(users).toContainEqual({
      userName: 'manager',
      displayName: 'Morgan Manager',
      roles: ['manager'],
      permissions: [],
    });
    expect(res.text).not.toContain('p@ssw0rd');
    expect(res.text).not.toContain('ak-manager');
  });

  it('POST /users/{name}/sign-in signs in as that user: its bearer token calls a manager-only operation', async () => {
    const { bearerToken, userName, roles } = (await call('users', 'POST', '/users/manager/sign-in')).json();
    expect({ userName, roles }).toEqual({ userName: 'manager', roles: ['manager'] });
    const created = await fetch(`${mock.url}/billiecart/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${String(bearerToken)}` },
      body: JSON.stringify({ email: 'signed@example.com', organisationId: 'org-1' }),
    });
    expect(created.status).toBe(200);
  });

  it('POST /users/{name}/sign-in for an unknown user is a 404', async () => {
    const res = await call('users', 'POST', '/users/nobody/sign-in');
    expect(res.status).toBe(404);
    expect(res.json().responseStatus).toMatchObject({ errorCode: 'NotFound', message: "No user 'nobody'" });
  });
});

describe('one state record', () => {
  it('GET reads one record (per tenant), PUT replaces it and the API answers the new one, DELETE removes it', async () => {
    const got = await call('rec', 'GET', '/state/servicestack-home/Customer/1');
    expect(got.json()).toMatchObject({ id: 1, firstName: 'Ada' });
    const tenanted = await call(
      'rec',
      'GET',
      '/state/billiecart/Customer/7d4f0a52-3c1e-4b8e-9a6d-1f2e3c4b5a61?tenant=org-1',
    );
    expect(tenanted.json()).toMatchObject({ firstName: 'Charlotte' });

    const put = await call('rec', 'PUT', '/state/servicestack-home/Customer/1', {
      id: 1,
      firstName: 'Augusta',
      plan: 'Indie',
    });
    expect(put.status).toBe(200);
    expect(put.json()).toEqual({ id: 1, firstName: 'Augusta', plan: 'Indie' });
    expect((await homeCustomer('rec', 1)).body).toEqual({ id: 1, firstName: 'Augusta', plan: 'Indie' });
    // Other sessions keep the start-up record.
    expect((await homeCustomer('other', 1)).body).toMatchObject({ firstName: 'Ada' });

    expect((await call('rec', 'DELETE', '/state/servicestack-home/Customer/1')).json()).toEqual({ deleted: '1' });
    expect((await homeCustomer('rec', 1)).status).toBe(404);
  });

  it('PUT checks the record against its DTO schema: each mistake with its path, nothing saved', async () => {
    const res = await call('bad', 'PUT', '/state/servicestack-home/Customer/2', {
      id: 3,
      firstName: 7,
      isReferrer: 'yes',
      nickname: 'Amazing Grace',
    });
    expect(res.status).toBe(400);
    const { errorCode, errors } = res.json().responseStatus!;
    expect(errorCode).toBe('BadRequest');
    expect(errors.map((e) => e.fieldName).sort()).toEqual(['firstName', 'id', 'isReferrer', 'nickname']);
    expect(errors.find((e) => e.fieldName === 'firstName')!.message).toBe('must be string, not number');
    expect(errors.find((e) => e.fieldName === 'id')!.message).toMatch(/cannot change/);
    expect((await homeCustomer('bad', 2)).body).toMatchObject({ firstName: 'Grace' });
  });

  it.each([
    ['GET', '/state/nope/Customer/1', "No API 'nope'"],
    ['GET', '/state/billiecart/Order/1', 'No operation of billiecart stores Order records'],
    ['GET', '/state/servicestack-home/Customer/99', "No Customer '99' in servicestack-home"],
    ['PUT', '/state/servicestack-home/Customer/99', "No Customer '99' in servicestack-home"],
    ['DELETE', '/state/billiecart/Customer/7d4f0a52-3c1e-4b8e-9a6d-1f2e3c4b5a61', "No Customer '7d4f0a52"],
  ])('%s %s is a 404 naming what is missing', async (method, path, message) => {
    const res = await call('missing', method, path, method === 'PUT' ? {} : undefined);
    expect(res.status).toBe(404);
    expect(res.json().responseStatus!.message).toContain(message);
  });
});

describe('the journal', () => {
  it('keeps each answer beside the request DTO; sign-in tokens are masked like the password', async () => {
    await fetch(`${mock.url}/billiecart/auth/credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Ssmock-Session': 'journal' },
      body: JSON.stringify({ userName: 'manager', password: 'p@ssw0rd' }),
    });
    await homeCustomer('journal', 2);
    await homeCustomer('journal', 99);
    const { requests } = (await call('journal', 'GET', '/requests')).json() as unknown as { requests: Json[] };
    expect(requests.map((r) => [r['operation'], r['status']])).toEqual([
      ['Authenticate', 200],
      ['Customer', 200],
      ['Customer', 404],
    ]);
    expect(requests[0]!['response']).toMatchObject({ userName: 'manager', bearerToken: '***', refreshToken: '***' });
    expect(requests[1]!['response']).toMatchObject({ id: 2, firstName: 'Grace' });
    expect(requests[2]!['response']).toMatchObject({ responseStatus: { errorCode: 'NotFound' } });
  });
});

describe('scenarios in detail', () => {
  it('GET /scenarios gives each scenario its data counts, rules and users', async () => {
    const { scenarios } = (await call('sc', 'GET', '/scenarios')).json() as unknown as { scenarios: Json[] };
    expect(scenarios.find((s) => s['name'] === 'happy-path')).toMatchObject({
      counts: { billiecart: { Customer: 3, Person: 2 }, 'servicestack-home': { Customer: 2 } },
      rules: [],
      users: ['qa-manager'],
    });
    const flaky = scenarios.find((s) => s['name'] === 'flaky-backend')!;
    expect((flaky['rules'] as Json[]).length).toBe(5);
  });
});
