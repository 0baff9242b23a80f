/**
 * The admin API (`/__ssmock`, README, Admin API) over HTTP: each endpoint, its
 * input checks (400 ResponseStatus naming each mistake), session isolation and
 * reset back to the start-up scenario.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScenarioError } from '../src/scenarios/catalog.js';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

type Json = Record<string, unknown>;
interface ErrorBody {
  responseStatus: {
    errorCode: string;
    message: string;
    errors: { errorCode: string; fieldName: string; message: string }[];
  };
}

/** The server starts with email-already-registered, so reset has something to go back to. */
const START = 'email-already-registered';

let mock: MockServer;
let token: string;

beforeAll(async () => {
  mock = await startTestServer({ scenario: START });
  token = await signIn(`${mock.url}/billiecart`);
});
afterAll(() => mock.close());

const call = async (session: string, method: string, path: string, body?: unknown, raw?: string) => {
  const res = await fetch(`${mock.url}/__ssmock${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Ssmock-Session': session },
    ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json & ErrorBody };
};

const createCustomer = (session: string, email: string, organisationId = 'org-1') =>
  fetch(`${mock.url}/billiecart/customers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Ssmock-Session': session },
    body: JSON.stringify({ email, organisationId }),
  });

const customersOf = async (session: string) => {
  const state = (await call(session, 'GET', '/state')).body as unknown as { billiecart?: { Customer?: Json[] } };
  return (state.billiecart?.Customer ?? []).map((c) => c['email']);
};

describe('health and scenarios', () => {
  it('GET /health says ok, which APIs are served and the start-up scenario', async () => {
    const { status, body } = await call('h', 'GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      scenario: START,
      session: 'h',
      apis: [
        { id: 'billiecart', operations: 3 },
        { id: 'servicestack-home', operations: 1 },
      ],
    });
  });

  it('GET /scenarios lists every shipped scenario with its description', async () => {
    const { body } = await call('h', 'GET', '/scenarios');
    const names = (body['scenarios'] as { name: string; description: string }[]).map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'happy-path',
        'email-already-registered',
        'customer-not-found',
        'manager-session-expired',
        'person-validation-errors',
        'slow-network',
        'flaky-backend',
      ]),
    );
    expect(body['startup']).toBe(START);
  });

  it('POST /scenarios/{name} activates data, rules and users for the session only', async () => {
    expect(
      (
        await fetch(`${mock.url}/billiecart/auth/credentials`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ userName: 'qa-manager', password: 'p@ssw0rd' }),
        })
      ).status,
    ).toBe(401);
    const { status, body } = await call('act', 'POST', '/scenarios/happy-path');
    expect([status, body]).toEqual([200, { activated: 'happy-path', session: 'act', rules: 0, users: ['qa-manager'] }]);
    await expect(signIn(`${mock.url}/billiecart`, 'qa-manager')).resolves.toEqual(expect.any(String));
    expect(await customersOf('act')).toEqual([
      'charlotte.nguyen@example.com',
      'oliver.smith@example.com',
      'mia.williams@example.com',
    ]);
    expect((await call('act', 'GET', '/rules')).body['rules']).toEqual([]);
    expect(await customersOf('act-other')).toEqual(['taken@example.com']);
  });

  it('answers an unknown scenario with 404 naming the ones there are, and a path with 400', async () => {
    const unknown = await call('h', 'POST', '/scenarios/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.responseStatus.message).toMatch(/no scenario 'no-such-thing'.*happy-path/);
    const traversal = await call('h', 'POST', `/scenarios/${encodeURIComponent('../package')}`);
    expect(traversal.status).toBe(400);
  });
});

describe('rules', () => {
  it('adds a rule (201 + id), lists it with how often it fired, deletes it by id', async () => {
    const added = await call('r1', 'POST', '/rules', { operation: 'CreateCustomerRequest', status: 503 });
    expect(added.status).toBe(201);
    const id = added.body['id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await createCustomer('r1', 'x@example.com')).status).toBe(503);
    const listed = (await call('r1', 'GET', '/rules')).body['rules'] as Json[];
    expect(listed.map((r) => [r['operation'], r['fired']])).toEqual([
      ['CreateCustomerRequest', 0],
      ['CreateCustomerRequest', 1],
    ]);
    expect((await call('r1', 'DELETE', `/rules/${id}`)).status).toBe(200);
    expect((await call('r1', 'DELETE', `/rules/${id}`)).status).toBe(404);
    expect((await createCustomer('r1', 'x@example.com')).status).toBe(200);
  });

  it('DELETE /rules removes every rule of the session, start-up ones included', async () => {
    expect((await createCustomer('r2', 'taken@example.com')).status).toBe(409);
    expect((await call('r2', 'DELETE', '/rules')).status).toBe(200);
    expect((await call('r2', 'GET', '/rules')).body['rules']).toEqual([]);
    expect((await createCustomer('r2', 'taken@example.com')).status).toBe(200);
  });

  it('keeps a rule added to a new session before its first API call', async () => {
    await call('r3', 'POST', '/rules', { operation: 'CreateCustomerRequest', status: 418 });
    expect((await createCustomer('r3', 'y@example.com')).status).toBe(418);
  });

  it.each<[string, unknown, string[]]>([
    [
      'a rule with several mistakes',
      { operation: 'Nope', status: 200, times: 0 },
      ['rule.status', 'rule.times', 'rule.operation'],
    ],
    ['a rule that is not an object', [1], ['rule']],
    [
      'a misspelt field and a bad regex',
      { operation: 'CreatePersonRequest', when: { phoneNumber: { regex: '[' } }, staus: 500 },
      ['rule.staus', 'rule.when.phoneNumber.regex'],
    ],
  ])('answers %s with 400 listing each mistake by path', async (_what, rule, paths) => {
    const { status, body } = await call('r4', 'POST', '/rules', rule);
    expect(status).toBe(400);
    expect(body.responseStatus.errorCode).toBe('BadRequest');
    expect(body.responseStatus.errors.map((e) => e.fieldName)).toEqual(paths);
  });

  it('answers a body that is not JSON with 400', async () => {
    const { status, body } = await call('r4', 'POST', '/rules', undefined, '{"operation": ');
    expect(status).toBe(400);
    expect(body.responseStatus.errorCode).toBe('SerializationException');
  });
});

describe('state', () => {
  it('PUT /state replaces the session state (ids assigned where missing); GET returns it', async () => {
    const snapshot = {
      billiecart: {
        Customer: [{ $tenant: 'org-1', email: 'put@example.com' }],
        Person: [{ id: 'p-1', displayName: 'Put Person' }],
      },
      'servicestack-home': { Customer: [{ id: 7, email: 'seven@example.org' }, { email: 'next@example.org' }] },
    };
    const put = await call('s1', 'PUT', '/state', snapshot);
    expect(put.status).toBe(200);
    const got = (await call('s1', 'GET', '/state')).body as unknown as {
      billiecart: { Customer: Json[]; Person: Json[] };
      'servicestack-home': { Customer: Json[] };
    };
    expect(got.billiecart.Customer).toEqual([{ $tenant: 'org-1', email: 'put@example.com', id: expect.any(String) }]);
    expect(got.billiecart.Person).toEqual([{ id: 'p-1', displayName: 'Put Person' }]);
    expect(got['servicestack-home'].Customer.map((c) => c['id'])).toEqual([7, expect.any(Number)]);
    expect((await createCustomer('s1', 'later@example.com')).status).toBe(200);
    expect(await customersOf('s1')).toEqual(['put@example.com', 'later@example.com']);
  });

  it.each<[string, unknown, RegExp]>([
    ['a body that is not an object', [1, 2], /expects a JSON object/],
    [
      'a record that does not match its DTO',
      { billiecart: { Customer: [{ email: 5, emial: 'x' }] } },
      /billiecart\.Customer\[0\]\.email: must be string, not number/,
    ],
    ['an unknown resource', { billiecart: { Order: [] } }, /billiecart\.Order: no DTO type 'Order'/],
    [
      'records that are not an array',
      { billiecart: { Customer: { id: 1 } } },
      /billiecart\.Customer: must be array, not object/,
    ],
    [
      'a repeated id',
      { billiecart: { Person: [{ id: 'a' }, { id: 'a' }] } },
      /billiecart\.Person\[1\]\.id: repeats the id/,
    ],
  ])('answers %s with 400 and the path of the mistake', async (_what, body, message) => {
    const before = await customersOf('s2');
    const res = await call('s2', 'PUT', '/state', body);
    expect(res.status).toBe(400);
    expect(res.body.responseStatus.message).toMatch(message);
    expect(await customersOf('s2')).toEqual(before);
  });
});

describe('session isolation and reset', () => {
  it('gives two sessions their own state, rules and journal', async () => {
    await call('iso-a', 'POST', '/scenarios/customer-not-found');
    await call('iso-b', 'POST', '/rules', { operation: 'CreateCustomerRequest', status: 503 });
    expect((await createCustomer('iso-a', 'a@example.com')).status).toBe(200);
    expect((await createCustomer('iso-b', 'b@example.com')).status).toBe(503);
    expect(await customersOf('iso-a')).toEqual(['noah.jones@example.com', 'a@example.com']);
    expect(await customersOf('iso-b')).toEqual(['taken@example.com']);
    const journalOf = async (s: string) =>
      ((await call(s, 'GET', '/requests')).body['requests'] as Json[]).map((e) => [e['session'], e['status']]);
    expect(await journalOf('iso-a')).toEqual([['iso-a', 200]]);
    expect(await journalOf('iso-b')).toEqual([['iso-b', 503]]);
    expect(((await call('iso-a', 'GET', '/rules')).body['rules'] as Json[]).length).toBe(0);
    expect(((await call('iso-b', 'GET', '/rules')).body['rules'] as Json[]).length).toBe(2);
  });

  it('starts a new session from the start-up scenario', async () => {
    expect(await customersOf('fresh')).toEqual(['taken@example.com']);
    expect((await createCustomer('fresh', 'taken@example.com')).status).toBe(409);
  });

  it('POST /reset puts state, rules and journal back to the start-up scenario, for that session only', async () => {
    await call('rs', 'POST', '/scenarios/happy-path');
    await call('rs', 'POST', '/rules', { operation: '*', status: 500 });
    await createCustomer('rs', 'z@example.com');
    await createCustomer('rs-keep', 'keep@example.com');
    const reset = await call('rs', 'POST', '/reset');
    expect(reset.body).toEqual({ reset: true, session: 'rs', scenario: START });
    expect(await customersOf('rs')).toEqual(['taken@example.com']);
    expect((await call('rs', 'GET', '/rules')).body['rules']).toEqual([
      expect.objectContaining({ operation: 'CreateCustomerRequest', status: 409, fired: 0 }),
    ]);
    expect((await call('rs', 'GET', '/requests')).body['requests']).toEqual([]);
    expect(await customersOf('rs-keep')).toEqual(['taken@example.com', 'keep@example.com']);
  });

  it('answers unknown admin endpoints with 404', async () => {
    expect((await call('h', 'GET', '/nothing')).status).toBe(404);
  });
});

describe('bad scenario files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-admin-'));
    cpSync(path.resolve('fixtures/users.json'), path.join(dir, 'users.json'));
    const bad = {
      description: 'broken on purpose',
      data: { billiecart: { Customer: [{ $tenant: 'org-1', email: 42 }], Person: [{ $tenant: 'org-1' }] } },
      users: [{ userName: 'qa' }],
      rules: [
        { operation: 'CreateCustomer', status: 409 },
        { operation: 'CreatePersonRequest', status: '503', fault: 'sometimes' },
      ],
    };
    mkdirSync(path.join(dir, 'scenarios'));
    cpSync(path.resolve('fixtures/scenarios/happy-path.json'), path.join(dir, 'scenarios', 'ok.json'));
    writeFileSync(path.join(dir, 'scenarios', 'bad.json'), JSON.stringify(bad));
    writeFileSync(path.join(dir, 'scenarios', 'not-json.json'), '{ "description": ');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const expected = [
    'users[0].password: is required',
    "rules[0].operation: no operation 'CreateCustomer'",
    'rules[1].status: must be integer, not string',
    'rules[1].fault: must be one of: reset, timeout, malformed',
    'rules[1].status: cannot be combined with "fault"',
    'data.billiecart.Customer[0].email: must be string, not number',
    'data.billiecart.Person[0].$tenant: Person is not tenanted',
  ];

  it('refuses to start with a bad scenario, listing each mistake with its path', async () => {
    const err = (await startTestServer({ fixtures: dir, scenario: 'bad' }).catch((e: unknown) => e)) as ScenarioError;
    expect(err).toBeInstanceOf(ScenarioError);
    for (const line of expected) expect(err.problems).toContainEqual(expect.stringContaining(line));
    expect(err.problems).toHaveLength(expected.length);
  });

  it('answers activation of a bad scenario with 400, one error per mistake, and of unparseable JSON with 400', async () => {
    const server = await startTestServer({ fixtures: dir });
    try {
      const res = await fetch(`${server.url}/__ssmock/scenarios/bad`, { method: 'POST' });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.responseStatus.errors.map((e) => `${e.fieldName}: ${e.message}`)).toEqual(
        expected.map((line) => expect.stringContaining(line)),
      );
      const notJson = await fetch(`${server.url}/__ssmock/scenarios/not-json`, { method: 'POST' });
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as ErrorBody).responseStatus.message).toMatch(/not valid JSON/);
      expect((await fetch(`${server.url}/__ssmock/scenarios/ok`, { method: 'POST' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('scenarios at runtime', () => {
  let dir: string;
  let fixtures: string;
  let elsewhere: string;
  let server: MockServer;
  const post = (route: string, session = 'rt') =>
    fetch(`${server.url}/__ssmock${route}`, { method: 'POST', headers: { 'X-Ssmock-Session': session } });
  const homeEmails = async (session: string) => {
    const res = await fetch(`${server.url}/__ssmock/state`, { headers: { 'X-Ssmock-Session': session } });
    const state = (await res.json()) as { 'servicestack-home'?: { Customer?: Json[] } };
    return (state['servicestack-home']?.Customer ?? []).map((c) => c['email']);
  };
  const scenarioWith = (emails: string[]) =>
    JSON.stringify({ data: { 'servicestack-home': { Customer: emails.map((email, i) => ({ id: i + 1, email })) } } });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-admin-runtime-'));
    fixtures = path.join(dir, 'fixtures');
    mkdirSync(path.join(fixtures, 'scenarios'), { recursive: true });
    cpSync(path.resolve('fixtures/users.json'), path.join(fixtures, 'users.json'));
    writeFileSync(path.join(fixtures, 'scenarios', 'named.json'), scenarioWith(['named@example.org']));
    elsewhere = path.join(dir, 'elsewhere', 'my.json');
    mkdirSync(path.dirname(elsewhere));
    writeFileSync(elsewhere, scenarioWith(['first@example.org']));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    writeFileSync(elsewhere, scenarioWith(['first@example.org']));
    // Started by a relative path, as `serve --scenario ./my/file.json` would be.
    server = await startTestServer({ fixtures, scenario: path.relative(process.cwd(), elsewhere) });
  });
  afterEach(() => server.close());

  it('POST /reset re-reads the start-up scenario file: an edit is picked up without a restart', async () => {
    expect(await homeEmails('rt')).toEqual(['first@example.org']);
    writeFileSync(elsewhere, scenarioWith(['edited@example.org', 'added@example.org']));
    expect(await homeEmails('rt')).toEqual(['first@example.org']);
    expect((await post('/reset')).status).toBe(200);
    expect(await homeEmails('rt')).toEqual(['edited@example.org', 'added@example.org']);
  });

  it('POST /reset answers a start-up scenario broken since with 400 naming the mistake, and keeps the state', async () => {
    writeFileSync(elsewhere, JSON.stringify({ data: { 'servicestack-home': { Customer: [{ id: 'x' }] } } }));
    const res = await post('/reset');
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.responseStatus.errors.map((e) => e.fieldName)).toEqual([expect.stringMatching(/Customer\[0\]\.id$/)]);
    expect(await homeEmails('rt')).toEqual(['first@example.org']);
  });

  it('activates the scenario again by the path the server started with, relative or absolute (URL-encoded)', async () => {
    for (const started of [path.relative(process.cwd(), elsewhere), elsewhere]) {
      await post('/scenarios/named');
      const res = await post(`/scenarios/${encodeURIComponent(started)}`);
      expect(res.status).toBe(200);
      expect(await homeEmails('rt')).toEqual(['first@example.org']);
    }
  });

  it('activates a file under the fixtures folder by path', async () => {
    const file = path.join(fixtures, 'scenarios', 'named.json');
    expect((await post(`/scenarios/${encodeURIComponent(file)}`)).status).toBe(200);
    expect(await homeEmails('rt')).toEqual(['named@example.org']);
  });

  it.each([
    ['another file on the machine', () => path.resolve('package.json')],
    ['a file next to the start-up one', () => path.join(path.dirname(elsewhere), 'missing.json')],
    ['a way out of the fixtures folder', () => path.join(fixtures, '..', 'elsewhere', 'my2.json')],
  ])('refuses %s with 400, whether or not it exists', async (_what, file) => {
    const res = await post(`/scenarios/${encodeURIComponent(file())}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).responseStatus.message).toMatch(/is not a scenario name/);
  });

  it('answers a missing name with 404 that offers exactly what may be activated', async () => {
    const res = await post('/scenarios/nope');
    expect(res.status).toBe(404);
    const { message } = ((await res.json()) as ErrorBody).responseStatus;
    expect(message).toContain('(named)');
    expect(message).toContain(`the path the server started with (${path.relative(process.cwd(), elsewhere)})`);
    expect(message).toContain(`a path to a .json file under ${fixtures}`);
  });

  it("GET /health shows the session's scenario once activated at runtime, and the start-up one after reset", async () => {
    const health = async (session: string) =>
      (
        (await (
          await fetch(`${server.url}/__ssmock/health`, { headers: { 'X-Ssmock-Session': session } })
        ).json()) as Json
      )['scenario'];
    const startup = path.relative(process.cwd(), elsewhere);
    expect(await health('rt')).toBe(startup);
    await post('/scenarios/named');
    expect(await health('rt')).toBe('named');
    expect(await health('other')).toBe(startup);
    await post('/reset');
    expect(await health('rt')).toBe(startup);
  });
});
