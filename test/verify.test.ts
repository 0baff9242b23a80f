/**
 * `verify` against three backends: ssmock itself (the contract holds), a drifted Express app
 * (every drift reported with its path), and nothing at all (unreachable).
 */
import type { Server } from 'node:http';
import { closedPort, driftedBackend, listen } from './drifted-backend.js';
import { loadApi } from '../src/schema/registry.js';
import { startMockServer, type MockServer } from '../src/server/start.js';
import { formatJunit, formatText, planInteractions, verifyProvider, type VerifyReport } from '../src/verify/index.js';
import { parseInteractions } from '../src/verify/interactions-file.js';

const billiecart = loadApi('schemas', 'billiecart');
const home = loadApi('schemas', 'servicestack-home');
const manager = { userName: 'manager', password: 'p@ssw0rd' };

const lines = (report: VerifyReport) => formatText(report).trimEnd().split('\n');

describe('verify against ssmock itself', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, db: 'memory', api: 'billiecart', seed: 1 });
  });
  afterAll(() => mock.close());

  it('passes every generated interaction, chaining the created customer into the association', async () => {
    const report = await verifyProvider({ target: mock.url, api: billiecart, user: manager, seed: 1 });
    expect(report.unreachable).toBeUndefined();
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(report.results.length);
    expect(lines(report)).toEqual([
      'PASS CreateCustomerRequest POST /api/CreateCustomerRequest 401 (without credentials)',
      'PASS CreateCustomerRequest POST /api/CreateCustomerRequest 200',
      'PASS CreatePersonRequest POST /api/CreatePersonRequest 200',
      'PASS AssociateUserAccountToCustomerRequest PUT /api/AssociateUserAccountToCustomerRequest 401 (without credentials)',
      'PASS AssociateUserAccountToCustomerRequest PUT /api/AssociateUserAccountToCustomerRequest 200',
      '5 passed, 0 failed',
    ]);
    const associated = mock
      .requests()
      .filter((r) => r.operation === 'AssociateUserAccountToCustomerRequest' && r.status === 200);
    expect(associated).toHaveLength(1);
  });

  it('accepts a bearer token given directly', async () => {
    const signIn = await fetch(`${mock.url}/auth/credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(manager),
    });
    const { bearerToken } = (await signIn.json()) as { bearerToken: string };
    const report = await verifyProvider({ target: mock.url, api: billiecart, token: bearerToken, seed: 2 });
    expect(report.failed).toBe(0);
  });

  it('fails the authenticated interactions when no credentials are given', async () => {
    const report = await verifyProvider({ target: mock.url, api: billiecart, seed: 1 });
    const failed = report.results.filter((r) => !r.passed).map((r) => `${r.operation} ${r.status}`);
    expect(failed).toEqual(['CreateCustomerRequest 401', 'AssociateUserAccountToCustomerRequest 401']);
    expect(report.results.find((r) => !r.passed)?.violations[0]?.message).toMatch(/^status: expected 2xx, got 401/);
  });

  it('reports a failed sign-in as its own failed line and carries on', async () => {
    const report = await verifyProvider({
      target: mock.url,
      api: billiecart,
      user: { userName: 'manager', password: 'wrong' },
      seed: 1,
    });
    expect(lines(report).slice(0, 2)).toEqual([
      'FAIL Authenticate POST /auth/credentials 401 (sign in as manager)',
      '  sign-in as manager failed: got 401',
    ]);
    expect(report.failed).toBeGreaterThan(1);
  });

  it('runs an interactions file, with expected error statuses and {{Resource.id}} chaining', async () => {
    const interactions = parseInteractions(
      [
        { operation: 'CreateCustomerRequest', request: { email: 'ann@example.com', organisationId: 'org-1' } },
        {
          operation: 'AssociateUserAccountToCustomerRequest',
          request: { id: '{{Customer.id}}', userAccountId: 'u-1', organisationId: 'org-1' },
        },
        {
          operation: 'AssociateUserAccountToCustomerRequest',
          request: { id: 'no-such-customer', organisationId: 'org-1' },
          expect: { status: 404 },
          description: 'unknown customer',
        },
        { operation: 'CreateCustomerRequest', request: { email: { not: 'a string' } }, expect: { status: 400 } },
      ],
      billiecart,
    );
    const report = await verifyProvider({ target: mock.url, api: billiecart, user: manager, interactions });
    expect(lines(report)).toEqual([
      'PASS CreateCustomerRequest POST /api/CreateCustomerRequest 200',
      'PASS AssociateUserAccountToCustomerRequest PUT /api/AssociateUserAccountToCustomerRequest 200',
      'PASS AssociateUserAccountToCustomerRequest PUT /api/AssociateUserAccountToCustomerRequest 404 (unknown customer)',
      'PASS CreateCustomerRequest POST /api/CreateCustomerRequest 400',
      '4 passed, 0 failed',
    ]);
  });

  it('uses scenario-style records as the requests of the create operations', () => {
    const plan = planInteractions(billiecart, {
      seed: 1,
      records: { Customer: [{ id: 'c-1', email: 'a@example.com', firstName: 'Ann', $tenant: 'org-9' }] },
    });
    const creates = plan.filter((i) => i.operation === 'CreateCustomerRequest' && !i.anonymous);
    expect(creates).toEqual([
      {
        operation: 'CreateCustomerRequest',
        method: 'POST',
        request: { email: 'a@example.com', organisationId: 'org-9' },
        description: 'Customer record 1',
      },
    ]);
  });
});

describe('verify against ServiceStack Home on ssmock', () => {
  it('creates a Customer and reads it back by the created id', async () => {
    const mock = await startMockServer({ port: 0, db: 'memory', api: 'servicestack-home', seed: 1 });
    try {
      const report = await verifyProvider({ target: mock.url, api: home, seed: 3 });
      expect(lines(report)).toEqual([
        'PASS Customer POST /api/Customer 200',
        'PASS Customer GET /api/Customer 200 (read the created Customer)',
        '2 passed, 0 failed',
      ]);
      const read = mock.requests().find((r) => r.method === 'GET');
      expect(read?.path).toMatch(/^\/api\/Customer\?id=\d+$/);
    } finally {
      await mock.close();
    }
  });
});

describe('verify against a drifted backend', () => {
  let drifted: { url: string; server: Server };
  let report: VerifyReport;
  beforeAll(async () => {
    drifted = await listen(driftedBackend());
    report = await verifyProvider({ target: drifted.url, api: billiecart, user: manager, seed: 1 });
  });
  afterAll(() => new Promise<void>((resolve) => drifted.server.close(() => resolve())));

  it('reports every drift with its JSON path, expected against actual', () => {
    expect(lines(report)).toEqual([
      'FAIL CreateCustomerRequest POST /api/CreateCustomerRequest 200 (without credentials)',
      '  status: expected 401, got 200',
      '  at $.customer.first_name: unexpected property (the schema does not define it)',
      '  at $.customer.id: expected string, got number',
      'FAIL CreateCustomerRequest POST /api/CreateCustomerRequest 200',
      '  at $.customer.first_name: unexpected property (the schema does not define it)',
      '  at $.customer.id: expected string, got number',
      'FAIL CreatePersonRequest POST /api/CreatePersonRequest 200',
      '  at $.person: missing: the Person the operation returns',
      'PASS AssociateUserAccountToCustomerRequest PUT /api/AssociateUserAccountToCustomerRequest 401 (without credentials)',
      'FAIL AssociateUserAccountToCustomerRequest PUT /api/AssociateUserAccountToCustomerRequest 500',
      '  status: expected 2xx, got 500',
      '  Content-Type: expected application/json, got text/html; charset=utf-8',
      '1 passed, 4 failed',
    ]);
  });

  it('accepts an empty 401 body as ServiceStack behaviour, and says so', () => {
    const anonymous = report.results.find((r) => r.status === 401);
    expect(anonymous?.passed).toBe(true);
    expect(anonymous?.notes).toEqual(["empty 401 body accepted: ServiceStack's auth filters answer this way"]);
  });

  it('keeps expected and actual on each violation for the JSON report', () => {
    const create = report.results[1]!;
    expect(create.violations).toEqual([
      {
        path: '$.customer.first_name',
        message: 'unexpected property (the schema does not define it)',
        expected: 'absent',
        actual: '"Ann"',
      },
      { path: '$.customer.id', message: 'expected string, got number', expected: 'string', actual: 'number' },
    ]);
  });

  it('fails error bodies without a ResponseStatus, and survives a dropped connection', async () => {
    const api = {
      ...billiecart,
      operation: (name: string) =>
        billiecart.operation(name) ??
        (['GetNothing', 'Hangup'].includes(name)
          ? { ...billiecart.operation('CreatePersonRequest')!, name }
          : undefined),
    };
    const result = await verifyProvider({
      target: drifted.url,
      api,
      interactions: [
        { operation: 'GetNothing', expect: { status: 404 } },
        { operation: 'Hangup' },
        { operation: 'NoSuchOperation' },
      ],
    });
    expect(result.unreachable).toBeUndefined();
    expect(lines(result)).toEqual([
      'FAIL GetNothing POST /api/GetNothing 404',
      '  at $.responseStatus: expected object, got missing',
      'FAIL Hangup POST /api/Hangup -',
      expect.stringMatching(/^ {2}no answer: /),
      'FAIL NoSuchOperation POST /api/NoSuchOperation -',
      "  no operation 'NoSuchOperation' in API 'billiecart'",
      '0 passed, 3 failed',
    ]);
  });

  it('writes a JUnit report with one failing testcase per failed interaction', () => {
    const xml = formatJunit(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<testsuite name="ssmock verify billiecart" tests="5" failures="4" errors="0"');
    expect(xml.match(/<failure /g)).toHaveLength(4);
    expect(xml).toContain('at $.customer.id: expected string, got number');
    expect(xml).toContain('got text/html; charset=utf-8');
  });
});

describe('verify against nothing', () => {
  it('reports a refused connection as unreachable instead of failing interactions', async () => {
    const target = `http://127.0.0.1:${await closedPort()}`;
    const report = await verifyProvider({ target, api: billiecart, user: manager });
    expect(report.unreachable).toMatch(/ECONNREFUSED/);
    expect(report.results).toEqual([]);
    expect(formatText(report)).toBe(`${target} is unreachable: ${report.unreachable}\n`);
  });

  it('reports a port fetch refuses (http://127.0.0.1:9) as unreachable', async () => {
    const report = await verifyProvider({ target: 'http://127.0.0.1:9', api: billiecart, seed: 1 });
    expect(report.unreachable).toMatch(/bad port/);
  });

  it('reports an unknown host as unreachable too', async () => {
    const report = await verifyProvider({ target: 'http://ssmock-no-such-host.invalid', api: billiecart, seed: 1 });
    expect(report.unreachable).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});
