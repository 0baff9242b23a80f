import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

let mock: MockServer;
let billie: string;
let home: string;
let token: string;

beforeAll(async () => {
  mock = await startTestServer();
  billie = `${mock.url}/billiecart`;
  home = `${mock.url}/servicestack-home`;
  token = await signIn(billie);
});
afterAll(() => mock.close());

const json = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('routing and responses', () => {
  it('creates a customer on the user route and returns the CreateCustomerResponse', async () => {
    const res = await json('POST', `${billie}/customers`, { email: 'ann@example.com', organisationId: 'org-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { customer: Record<string, unknown> };
    expect(body.customer.email).toBe('ann@example.com');
    expect(typeof body.customer.id).toBe('string');
    expect(body).not.toHaveProperty('responseStatus');
  });

  it('serves the same operation on /api/{Op} and /json/reply/{Op}', async () => {
    for (const path of ['/api/CreatePersonRequest', '/json/reply/createpersonrequest']) {
      const res = await json('POST', `${billie}${path}`, { phoneNumber: '+61 400 000 000' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { person: { phoneNumber: string } };
      expect(body.person.phoneNumber).toBe('+61 400 000 000');
    }
  });

  it('answers an unknown operation on a predefined route with 405 NotImplementedException', async () => {
    const res = await json('POST', `${billie}/api/NoSuchThing`, {});
    expect(res.status).toBe(405);
    expect(res.statusText).toBe('NotImplementedException');
    expect(await res.json()).toEqual({
      responseStatus: {
        errorCode: 'NotImplementedException',
        message: 'The operation does not exist for this service',
        errors: [],
      },
    });
  });

  it('answers an unknown path with 404', async () => {
    const res = await json('GET', `${billie}/nothing/here`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe('NotFound');
  });

  it('routes All Verbs with path variables and integer ids (ServiceStack Home Customer)', async () => {
    const created = await json('POST', `${home}/Customer`, { email: 'x@example.com', firstName: 'Xi' });
    expect(created.status).toBe(200);
    const customer = (await created.json()) as { id: number; email: string };
    expect(Number.isInteger(customer.id)).toBe(true);
    const read = await json('GET', `${home}/customer/${customer.id}`);
    expect(await read.json()).toMatchObject({ id: customer.id, email: 'x@example.com' });
    const missing = await json('GET', `${home}/Customer/999999`);
    expect(missing.status).toBe(404);
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const res = await json('POST', `${billie}/persons`, { timezone: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe(
      'RequestEntityTooLarge',
    );
  });
});

describe('binding and validation', () => {
  it('reports a value of the wrong type as SerializationException with the field', async () => {
    const res = await json('POST', `${home}/Customer`, { id: 'abc', email: 'y@example.com' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { responseStatus: { errorCode: string; errors: { fieldName: string }[] } };
    expect(body.responseStatus.errorCode).toBe('SerializationException');
    expect(body.responseStatus.errors[0]?.fieldName).toBe('Id');
  });

  it('reports a missing route variable as NotEmpty on the PascalCase field', async () => {
    const res = await json('PUT', `${billie}/api/AssociateUserAccountToCustomerRequest`, { userAccountId: 'u1' });
    expect(res.status).toBe(400);
    expect(res.statusText).toBe('NotEmpty');
    const body = (await res.json()) as {
      responseStatus: { errorCode: string; message: string; errors: { fieldName: string; errorCode: string }[] };
    };
    expect(body.responseStatus).toMatchObject({ errorCode: 'NotEmpty', message: "'Id' must not be empty." });
    expect(body.responseStatus.errors).toEqual([expect.objectContaining({ errorCode: 'NotEmpty', fieldName: 'Id' })]);
  });

  it('binds names case-insensitively and coerces query strings', async () => {
    const created = (await (await json('POST', `${home}/Customer`, { EMAIL: 'z@example.com' })).json()) as {
      id: number;
      email: string;
    };
    expect(created.email).toBe('z@example.com');
    const res = await json('GET', `${home}/api/Customer?ID=${created.id}`);
    expect(((await res.json()) as { id: number }).id).toBe(created.id);
  });

  it('parses a JSON body on /api whatever the Content-Type says', async () => {
    const res = await fetch(`${billie}/api/CreatePersonRequest`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ timezone: 'Australia/Perth' }),
    });
    expect(((await res.json()) as { person: { timezone: string } }).person.timezone).toBe('Australia/Perth');
  });

  it('answers a body that does not parse with 400 SerializationException', async () => {
    const res = await fetch(`${billie}/api/CreatePersonRequest`, { method: 'POST', body: '{"timezone":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe(
      'SerializationException',
    );
  });

  it('rejects an unsupported Content-Type on a user route with 415', async () => {
    const res = await fetch(`${billie}/persons`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: 'xx',
    });
    expect(res.status).toBe(415);
  });
});

describe('auth', () => {
  it('answers 401 with WWW-Authenticate when not signed in', async () => {
    const res = await fetch(`${billie}/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/credentials/);
    expect(((await res.json()) as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe(
      'Unauthorized',
    );
  });

  it('answers 403 naming the role for a user without it', async () => {
    const clerk = await signIn(billie, 'clerk');
    const res = await json('POST', `${billie}/customers`, {}, { Authorization: `Bearer ${clerk}` });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { responseStatus: { message: string } }).responseStatus.message).toMatch(/manager/);
  });
});

describe('contract documents', () => {
  it('serves the OpenAPI document of each API at <base>/openapi.json', async () => {
    const res = await fetch(`${billie}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/customers', '/customers/{Id}/associate-to-user-account', '/persons']),
    );
  });
});

describe('--dates wcf', () => {
  it("writes JSON dates as ServiceStack's classic /Date(ms)/ and still accepts them", async () => {
    const wcf = await startTestServer({ dates: 'wcf' });
    try {
      const res = await fetch(`${wcf.url}/servicestack-home/Customer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'd@example.com', createdDate: '/Date(1705314600000)/' }),
      });
      const body = (await res.json()) as { createdDate: string };
      expect(body.createdDate).toBe('/Date(1705314600000)/');
    } finally {
      await wcf.close();
    }
  });
});

describe('--strict', () => {
  it('rejects properties the schema does not know, naming them, and the journal flags lenient passes', async () => {
    const strict = await startTestServer({ strict: true, api: 'billiecart' });
    try {
      const res = await fetch(`${strict.url}/persons`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ timezone: 'Australia/Perth', nickName: 'x' }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { responseStatus: { errorCode: string; errors: { fieldName: string }[] } };
      expect(body.responseStatus.errorCode).toBe('UnknownProperty');
      expect(body.responseStatus.errors.map((e) => e.fieldName)).toEqual(['NickName']);
    } finally {
      await strict.close();
    }
    // Without --strict the same request passes, and the journal says why it only passed by leniency.
    const lenient = await fetch(`${billie}/persons`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ TimeZone: 'Australia/Perth', nickName: 'x' }),
    });
    expect(lenient.status).toBe(200);
    const entry = mock.requests().at(-1);
    expect(entry?.problems).toEqual(["unknown property 'nickName'", "wrong-case property 'TimeZone'"]);
  });
});
