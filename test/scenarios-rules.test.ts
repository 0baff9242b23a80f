/**
 * Scripted outcomes over real HTTP: rules added through the admin API (order,
 * `times`, `when`), delays measured, each fault as a client meets it, the
 * per-request override headers, and the journal that records it all.
 */
import { JsonServiceClient } from '@servicestack/client';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

let mock: MockServer;
let billie: string;
let token: string;
let sessionNo = 0;
/** Each test gets a fresh session, so its rules and journal start empty. */
let session: string;

beforeAll(async () => {
  mock = await startTestServer();
  billie = `${mock.url}/billiecart`;
  token = await signIn(billie);
});
afterAll(() => mock.close());
beforeEach(() => {
  session = `rules-${++sessionNo}`;
});

const headers = (extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  'X-Ssmock-Session': session,
  ...extra,
});

const addRule = async (rule: unknown): Promise<string> => {
  const res = await fetch(`${mock.url}/__ssmock/rules`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify(rule),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};

const createPerson = (
  person: Record<string, unknown> = { phoneNumber: '+61400000000' },
  extra: Record<string, string> = {},
  init: RequestInit = {},
) => fetch(`${billie}/persons`, { method: 'POST', headers: headers(extra), body: JSON.stringify(person), ...init });

const createCustomer = (email = 'c@example.com', organisationId = 'org-1') =>
  fetch(`${billie}/customers`, {
    method: 'POST',
    headers: headers({ Authorization: `Bearer ${token}` }),
    body: JSON.stringify({ email, organisationId }),
  });

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await work();
  return [value, performance.now() - t0];
};

interface Journal {
  requests: {
    time: string;
    api: string | null;
    operation: string | null;
    method: string;
    path: string;
    status: number;
    problems: string[];
    durationMs: number;
  }[];
}
const journal = async (query = ''): Promise<Journal['requests']> =>
  ((await (await fetch(`${mock.url}/__ssmock/requests${query}`, { headers: headers() })).json()) as Journal).requests;

describe('rules in order, with times', () => {
  it('fails twice then succeeds with three rules for one operation', async () => {
    await addRule({ operation: 'CreatePersonRequest', status: 503, times: 1 });
    await addRule({
      operation: 'CreatePersonRequest',
      status: 500,
      responseStatus: { errorCode: 'InvalidOperationException', message: 'boom' },
      times: 1,
    });
    await addRule({ operation: 'CreatePersonRequest' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await createPerson()).status);
    expect(statuses).toEqual([503, 500, 200, 200]);
  });

  it('answers a scripted error in ServiceStack shape with the errorCode as reason phrase', async () => {
    await addRule({
      operation: 'createpersonrequest',
      status: 409,
      responseStatus: {
        errorCode: 'Conflict',
        message: 'Already there',
        errors: [{ fieldName: 'PhoneNumber', message: 'taken' }],
      },
    });
    const res = await createPerson();
    expect([res.status, res.statusText]).toEqual([409, 'Conflict']);
    expect(await res.json()).toEqual({
      responseStatus: {
        errorCode: 'Conflict',
        message: 'Already there',
        errors: [{ errorCode: 'Conflict', fieldName: 'PhoneNumber', message: 'taken' }],
      },
    });
  });

  it('matches when on exact values, regexes and presence', async () => {
    await addRule({ operation: 'CreatePersonRequest', when: { TIMEZONE: 'Australia/Perth' }, status: 410 });
    await addRule({ operation: 'CreatePersonRequest', when: { phoneNumber: { regex: '^\\+64' } }, status: 411 });
    await addRule({ operation: 'CreatePersonRequest', when: { userAccountId: { exists: false } }, status: 412 });
    const statuses = [];
    for (const p of [
      { timezone: 'Australia/Perth', userAccountId: 'u' },
      { phoneNumber: '+6421000000', userAccountId: 'u' },
      { phoneNumber: '+61400000000' },
      { userAccountId: 'u' },
    ]) {
      statuses.push((await createPerson(p)).status);
    }
    expect(statuses).toEqual([410, 411, 412, 200]);
  });

  it('scripts every operation with "*"', async () => {
    await addRule({ operation: '*', status: 503, times: 2 });
    expect([(await createPerson()).status, (await createCustomer()).status, (await createPerson()).status]).toEqual([
      503, 503, 200,
    ]);
  });

  it('checks authentication before scripted outcomes, so a refused call does not use up a rule', async () => {
    await addRule({ operation: 'CreateCustomerRequest', status: 503, times: 1 });
    const anonymous = await fetch(`${billie}/customers`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ email: 'x@example.com' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await createCustomer()).status).toBe(503);
  });
});

describe('delays', () => {
  it('waits delayMs, then answers normally', async () => {
    await addRule({ operation: 'CreatePersonRequest', delayMs: 200 });
    const [res, ms] = await timed(() => createPerson());
    expect(res.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(195);
  });

  it('waits, then fails, when a rule has a delay and a status', async () => {
    await addRule({ operation: 'CreatePersonRequest', delayMs: 200, status: 504 });
    const [res, ms] = await timed(() => createPerson());
    expect([res.status, res.statusText]).toEqual([504, 'GatewayTimeout']);
    expect(ms).toBeGreaterThanOrEqual(195);
  });

  it('combines a delay-only rule with a later error rule', async () => {
    await addRule({ operation: '*', delayMs: 200 });
    await addRule({ operation: 'CreatePersonRequest', status: 503 });
    const [res, ms] = await timed(() => createPerson());
    expect(res.status).toBe(503);
    expect(ms).toBeGreaterThanOrEqual(195);
  });
});

describe('faults', () => {
  it('reset: the connection is dropped, the client sees a network error', async () => {
    await addRule({ operation: 'CreatePersonRequest', fault: 'reset', times: 1 });
    const err = (await createPerson().catch((e: unknown) => e)) as Error;
    expect(err.name).toBe('TypeError');
    expect(err.message).toBe('fetch failed');
    expect((await createPerson()).status).toBe(200);
  });

  it('timeout: no answer ever comes; the caller gives up after its own ~300 ms', async () => {
    await addRule({ operation: 'CreatePersonRequest', fault: 'timeout' });
    const [err, ms] = await timed(() =>
      createPerson(undefined, {}, { signal: AbortSignal.timeout(300) }).catch((e: unknown) => e as Error),
    );
    expect((err as Error).name).toBe('TimeoutError');
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(ms).toBeLessThan(2000);
  });

  it('timeout through JsonServiceClient: aborted by the request filter’s AbortSignal', async () => {
    await addRule({ operation: 'CreatePersonRequest', fault: 'timeout' });
    const client = new JsonServiceClient(billie);
    client.headers.set('X-Ssmock-Session', session);
    client.requestFilter = (init) => {
      (init as RequestInit).signal = AbortSignal.timeout(300);
    };
    const request = {
      phoneNumber: '+61400000000',
      getTypeName: () => 'CreatePersonRequest',
      getMethod: () => 'POST',
      createResponse: () => ({}),
    };
    const [err, ms] = await timed(() => client.post(request).catch((e: unknown) => e));
    expect(err).not.toHaveProperty('responseStatus');
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(ms).toBeLessThan(2000);
  });

  it('malformed: a 200 whose JSON body does not parse', async () => {
    await addRule({ operation: 'CreatePersonRequest', fault: 'malformed' });
    const res = await createPerson();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    // Matched by message: Jest's VM realm has its own SyntaxError class.
    await expect(res.json()).rejects.toThrow(/JSON/);
    const client = new JsonServiceClient(billie);
    client.headers.set('X-Ssmock-Session', session);
    const request = {
      phoneNumber: '+61400000000',
      getTypeName: () => 'CreatePersonRequest',
      getMethod: () => 'POST',
      createResponse: () => ({}),
    };
    await expect(client.post(request)).rejects.toThrow(/JSON/);
  });
});

describe('per-request overrides', () => {
  it('X-Ssmock-Status answers that status with its canonical ResponseStatus', async () => {
    const res = await createPerson(undefined, { 'X-Ssmock-Status': '503' });
    expect([res.status, res.statusText]).toEqual([503, 'ServiceUnavailable']);
    expect(await res.json()).toEqual({
      responseStatus: { errorCode: 'ServiceUnavailable', message: 'Service Unavailable', errors: [] },
    });
  });

  it('X-Ssmock-Status reaches JsonServiceClient as a ResponseStatus', async () => {
    const client = new JsonServiceClient(billie);
    client.headers.set('X-Ssmock-Status', '404');
    const request = {
      phoneNumber: '+61400000000',
      getTypeName: () => 'CreatePersonRequest',
      getMethod: () => 'POST',
      createResponse: () => ({}),
    };
    const err = (await client.post(request).catch((e: unknown) => e)) as { responseStatus: { errorCode: string } };
    expect(err.responseStatus.errorCode).toBe('NotFound');
  });

  it('X-Ssmock-Delay delays the answer', async () => {
    const [res, ms] = await timed(() => createPerson(undefined, { 'X-Ssmock-Delay': '200' }));
    expect(res.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(195);
  });

  it('rejects override values that are not numbers with 400', async () => {
    expect((await createPerson(undefined, { 'X-Ssmock-Status': 'teapot' })).status).toBe(400);
    expect((await createPerson(undefined, { 'X-Ssmock-Delay': '-5' })).status).toBe(400);
  });
});

describe('journal', () => {
  it('records each call, newest last: time, api, operation, method, path, status, validation problems', async () => {
    await addRule({ operation: 'CreatePersonRequest', status: 503, times: 1 });
    await createPerson();
    await createPerson({ phoneNumber: ['+61400000000'] });
    await createCustomer('j@example.com');
    await createPerson({ phoneNumber: '+61400000000', nickname: 'Jo' });
    const entries = await journal();
    expect(entries.map((e) => [e.operation, e.method, e.path, e.status])).toEqual([
      ['CreatePersonRequest', 'POST', '/billiecart/persons', 503],
      ['CreatePersonRequest', 'POST', '/billiecart/persons', 400],
      ['CreateCustomerRequest', 'POST', '/billiecart/customers', 200],
      ['CreatePersonRequest', 'POST', '/billiecart/persons', 200],
    ]);
    expect(entries.every((e) => e.api === 'billiecart' && !Number.isNaN(Date.parse(e.time)) && e.durationMs >= 0)).toBe(
      true,
    );
    expect(entries[1]!.problems).toEqual([expect.stringMatching(/^PhoneNumber: /)]);
    expect(entries[3]!.problems).toEqual(["unknown property 'nickname'"]);
    expect(Date.parse(entries[0]!.time)).toBeLessThanOrEqual(Date.parse(entries[2]!.time));
  });

  it('filters by operation, keeps the last N, and clears', async () => {
    await createPerson();
    await createCustomer();
    await createPerson({ phoneNumber: '+61411111111' });
    expect((await journal('?operation=createpersonrequest')).length).toBe(2);
    const last = await journal('?limit=1');
    expect(last.map((e) => e.operation)).toEqual(['CreatePersonRequest']);
    expect((await fetch(`${mock.url}/__ssmock/requests`, { method: 'DELETE', headers: headers() })).status).toBe(200);
    expect(await journal()).toEqual([]);
  });

  // Faulted calls never finish: they are journalled when the connection closes.
  it('records calls that ended in a fault', async () => {
    await addRule({ operation: 'CreatePersonRequest', fault: 'reset', times: 1 });
    await createPerson().catch(() => undefined);
    expect((await journal()).map((e) => e.operation)).toEqual(['CreatePersonRequest']);
  });
});

describe('startMockServer().addRule', () => {
  it('scripts the default session', async () => {
    const id = mock.addRule({ operation: 'CreatePersonRequest', status: 503, times: 1 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const res = await fetch(`${billie}/persons`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(503);
  });

  // addRule prepares the session first, so its first API call does not replace the rule with the start-up rules.
  it('keeps a rule added for a session that has not made a call yet', async () => {
    mock.addRule({ operation: 'CreatePersonRequest', status: 503 }, session);
    expect((await createPerson()).status).toBe(503);
  });
});
