/**
 * Every shipped QA scenario as a front end meets it: @servicestack/client's
 * JsonServiceClient, unchanged, pointed at `${server.url}/billiecart`, each
 * scenario activated in a session of its own on one shared server.
 */
import { JsonServiceClient } from '@servicestack/client';
import { loadApis } from '../src/schema/registry.js';
import type { MockServer } from '../src/server/start.js';
import { rejection, startTestServer } from './helpers.js';
import {
  CreateCustomerRequest,
  AssociateUserAccountToCustomerRequest,
  CreatePersonRequest,
  Customer,
  Authenticate,
} from './dtos.js';

let mock: MockServer;
const apis = loadApis('schemas');
const billiecart = apis.find((a) => a.id === 'billiecart')!;
const validAs = (type: string, value: unknown) => billiecart.validator(type)!(value);

beforeAll(async () => {
  mock = await startTestServer();
});
afterAll(() => mock.close());

const admin = (session: string, method: string, path: string) =>
  fetch(`${mock.url}/__ssmock${path}`, { method, headers: { 'X-Ssmock-Session': session } });

/** A client in its own session with the scenario active, signed in (bearer token only) unless `user` is null. */
const clientFor = async (scenario: string, user: string | null = 'manager', api = 'billiecart') => {
  const session = `client-${scenario}`;
  expect((await admin(session, 'POST', `/scenarios/${scenario}`)).status).toBe(200);
  const client = new JsonServiceClient(`${mock.url}/${api}`);
  client.headers.set('X-Ssmock-Session', session);
  if (user) {
    const auth = await client.post(new Authenticate({ provider: 'credentials', userName: user, password: 'p@ssw0rd' }));
    client.bearerToken = auth.bearerToken!;
  }
  return { client, session };
};

describe('happy-path', () => {
  it('lets the scenario user sign in and work with the seeded customers of org-1', async () => {
    const { client } = await clientFor('happy-path', 'qa-manager');
    const res = await client.put(
      new AssociateUserAccountToCustomerRequest({
        id: '7d4f0a52-3c1e-4b8e-9a6d-1f2e3c4b5a61',
        userAccountId: 'ua-42',
        organisationId: 'org-1',
      }),
    );
    expect(validAs('AssociateUserAccountToCustomerResponse', res)).toBeNull();
    expect(res.customer).toMatchObject({
      firstName: 'Charlotte',
      lastName: 'Nguyen',
      userAccountId: 'ua-42',
      bankAccount: { bsbNumber: '062-000' },
    });
    const created = await client.post(
      new CreateCustomerRequest({ email: 'new.customer@example.com', organisationId: 'org-2' }),
    );
    expect(validAs('CreateCustomerResponse', created)).toBeNull();
    expect(created.customer).toMatchObject({ email: 'new.customer@example.com' });
  });

  it('keeps the two tenants apart: org-2 cannot see an org-1 customer', async () => {
    const { client } = await clientFor('happy-path');
    const err = await rejection(
      client.put(
        new AssociateUserAccountToCustomerRequest({
          id: '7d4f0a52-3c1e-4b8e-9a6d-1f2e3c4b5a61',
          userAccountId: 'x',
          organisationId: 'org-2',
        }),
      ),
    );
    expect(err.responseStatus.errorCode).toBe('NotFound');
  });

  it('serves the seeded ServiceStack Home customers by integer id', async () => {
    const { client } = await clientFor('happy-path', null, 'servicestack-home');
    const ada = await client.get(new Customer({ id: 1 }));
    expect(ada).toMatchObject({ id: 1, firstName: 'Ada', company: 'Analytical Engines Ltd' });
    expect((await rejection(client.get(new Customer({ id: 99 })))).responseStatus.errorCode).toBe('NotFound');
  });
});

describe('email-already-registered', () => {
  it('answers 409 Conflict with a field error on Email, whatever the case of the address', async () => {
    const { client } = await clientFor('email-already-registered');
    const err = await rejection(
      client.post(new CreateCustomerRequest({ email: 'Taken@Example.com', organisationId: 'org-1' })),
    );
    expect(err.responseStatus).toEqual({
      errorCode: 'Conflict',
      message: "The email address 'taken@example.com' is already registered",
      errors: [
        {
          errorCode: 'AlreadyRegistered',
          fieldName: 'Email',
          message: "'Email' taken@example.com is already registered.",
        },
      ],
    });
    const result = await client.api(new CreateCustomerRequest({ email: 'taken@example.com', organisationId: 'org-1' }));
    expect(result.failed).toBe(true);
    expect(result.fieldErrorMessage('email')).toMatch(/already registered/);
  });

  it('lets the same email through in another organisation, and other emails in org-1', async () => {
    const { client } = await clientFor('email-already-registered');
    await expect(
      client.post(new CreateCustomerRequest({ email: 'taken@example.com', organisationId: 'org-2' })),
    ).resolves.toMatchObject({ customer: { email: 'taken@example.com' } });
    await expect(
      client.post(new CreateCustomerRequest({ email: 'free@example.com', organisationId: 'org-1' })),
    ).resolves.toMatchObject({ customer: { email: 'free@example.com' } });
  });

  it('sends the 409 with the reason phrase Conflict', async () => {
    const { session } = await clientFor('email-already-registered', null);
    const token = (
      (await (
        await fetch(`${mock.url}/billiecart/auth/credentials`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ userName: 'manager', password: 'p@ssw0rd' }),
        })
      ).json()) as { bearerToken: string }
    ).bearerToken;
    const res = await fetch(`${mock.url}/billiecart/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Ssmock-Session': session },
      body: JSON.stringify({ email: 'taken@example.com', organisationId: 'org-1' }),
    });
    expect([res.status, res.statusText]).toEqual([409, 'Conflict']);
  });
});

describe('customer-not-found', () => {
  it('answers 404 NotFound for an unknown id and for the known id in another organisation', async () => {
    const { client } = await clientFor('customer-not-found');
    const unknown = await rejection(
      client.put(
        new AssociateUserAccountToCustomerRequest({
          id: '00000000-0000-4000-8000-000000000000',
          userAccountId: 'ua-1',
          organisationId: 'org-1',
        }),
      ),
    );
    expect(unknown.responseStatus.errorCode).toBe('NotFound');
    const elsewhere = await rejection(
      client.put(
        new AssociateUserAccountToCustomerRequest({
          id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b01',
          userAccountId: 'ua-1',
          organisationId: 'org-2',
        }),
      ),
    );
    expect(elsewhere.responseStatus.errorCode).toBe('NotFound');
    const known = await client.put(
      new AssociateUserAccountToCustomerRequest({
        id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b01',
        userAccountId: 'ua-1',
        organisationId: 'org-1',
      }),
    );
    expect(known.customer).toMatchObject({ firstName: 'Noah', userAccountId: 'ua-1' });
  });
});

describe('manager-session-expired', () => {
  it('signs in, then every manager-only call is 401 TokenException "Token has expired"', async () => {
    const { client } = await clientFor('manager-session-expired');
    const create = await rejection(
      client.post(new CreateCustomerRequest({ email: 'a@example.com', organisationId: 'org-1' })),
    );
    expect(create.responseStatus).toEqual({ errorCode: 'TokenException', message: 'Token has expired', errors: [] });
    const associate = await rejection(
      client.put(new AssociateUserAccountToCustomerRequest({ id: 'x', userAccountId: 'y', organisationId: 'org-1' })),
    );
    expect(associate.responseStatus.errorCode).toBe('TokenException');
    await expect(client.post(new CreatePersonRequest({ phoneNumber: '+61400000000' }))).resolves.toHaveProperty(
      'person',
    );
  });

  it('still fails after the client refreshes its token and retries once', async () => {
    const { client, session } = await clientFor('manager-session-expired', null);
    const auth = await client.post(
      new Authenticate({ provider: 'credentials', userName: 'manager', password: 'p@ssw0rd' }),
    );
    client.bearerToken = auth.bearerToken!;
    client.refreshToken = auth.refreshToken!;
    const err = await rejection(
      client.post(new CreateCustomerRequest({ email: 'a@example.com', organisationId: 'org-1' })),
    );
    expect(err.responseStatus.errorCode).toBe('TokenException');
    const journal = (await (await admin(session, 'GET', '/requests?operation=CreateCustomerRequest')).json()) as {
      requests: { status: number }[];
    };
    expect(journal.requests.map((r) => r.status)).toEqual([401, 401]);
  });
});

describe('person-validation-errors', () => {
  it('reports both fields when both are wrong, as ServiceStack validation does', async () => {
    const { client } = await clientFor('person-validation-errors', null);
    const result = await client.api(new CreatePersonRequest({ phoneNumber: '12345', timezone: 'Sydney time' }));
    expect(result.errorCode).toBe('RegularExpression');
    expect(result.errors.map((e) => e.fieldName)).toEqual(['PhoneNumber', 'Timezone']);
    expect(result.fieldErrorMessage('phoneNumber')).toBe("'Phone Number' is not in the correct format.");
    expect(result.fieldErrorMessage('timezone')).toMatch(/IANA time zone/);
  });

  it.each([
    [{ phoneNumber: '0400 000 000', timezone: 'Australia/Sydney' }, ['PhoneNumber']],
    [{ phoneNumber: '+61 400 000 000', timezone: 'AEST' }, ['Timezone']],
  ])('reports only the wrong field of %j', async (person, fields) => {
    const { client } = await clientFor('person-validation-errors', null);
    const err = await rejection(client.post(new CreatePersonRequest(person)));
    expect(err.responseStatus.errors!.map((e) => e.fieldName)).toEqual(fields);
  });

  it('creates the person when both are valid', async () => {
    const { client } = await clientFor('person-validation-errors', null);
    const res = await client.post(
      new CreatePersonRequest({ phoneNumber: '+61400000000', timezone: 'Australia/Melbourne' }),
    );
    expect(validAs('CreatePersonResponse', res)).toBeNull();
    expect(res.person).toMatchObject({ phoneNumber: '+61400000000', timezone: 'Australia/Melbourne' });
  });
});

describe('slow-network', () => {
  it('answers every operation a second late, sign-in included (Authenticate is an operation too)', async () => {
    const started = performance.now();
    const { client } = await clientFor('slow-network');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    const t0 = performance.now();
    await client.post(new CreatePersonRequest({ phoneNumber: '+61400000000' }));
    await client.put(
      new AssociateUserAccountToCustomerRequest({
        id: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a01',
        userAccountId: 'u',
        organisationId: 'org-1',
      }),
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2000);
  });
});

describe('flaky-backend', () => {
  it('fails CreateCustomerRequest twice with 503, then succeeds', async () => {
    const { client } = await clientFor('flaky-backend');
    const req = new CreateCustomerRequest({ email: 'retry@example.com', organisationId: 'org-1' });
    const first = await rejection(client.post(req));
    const second = await rejection(client.post(req));
    expect([first.responseStatus.errorCode, first.responseStatus.message]).toEqual([
      'ServiceUnavailable',
      'Service Unavailable',
    ]);
    expect([second.responseStatus.errorCode, second.responseStatus.message]).toEqual([
      'ServiceUnavailable',
      'The service is temporarily unavailable, try again',
    ]);
    await expect(client.post(req)).resolves.toMatchObject({ customer: { email: 'retry@example.com' } });
    await expect(client.post(req)).resolves.toHaveProperty('customer');
  });

  it('fails CreatePersonRequest twice (one rule, times 2), then succeeds', async () => {
    const { client } = await clientFor('flaky-backend', null);
    const outcomes = [];
    for (let i = 0; i < 3; i++)
      outcomes.push((await client.api(new CreatePersonRequest({ phoneNumber: '+61400000000' }))).errorCode ?? 'ok');
    expect(outcomes).toEqual(['ServiceUnavailable', 'ServiceUnavailable', 'ok']);
  });

  it('drops the first AssociateUserAccountToCustomerRequest connection: the client sees a network error', async () => {
    const { client } = await clientFor('flaky-backend');
    const req = new AssociateUserAccountToCustomerRequest({
      id: '6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2f01',
      userAccountId: 'u',
      organisationId: 'org-1',
    });
    // A network error, not an answer: no ResponseStatus. (Under Jest's VM realm fetch's TypeError
    // fails the client's `instanceof Error`, so it surfaces as a TypeError of the client's own making.)
    const dropped: unknown = await client.put(req).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(Object);
    expect(dropped).not.toHaveProperty('responseStatus');
    expect(String(dropped)).toMatch(/TypeError/);
    await expect(client.put(req)).resolves.toMatchObject({ customer: { firstName: 'Amelia' } });
  });
});
