/**
 * `serve --proxy` and `--record` (README "Proxy and record") as a front end meets them: a stand-in ServiceStack
 * backend started here answers a few bookings operations (test/fixtures/schemas/bookings); the mock forwards calls
 * to it, checks its answers against the schemas, records them as a scenario, and that scenario replays offline.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonApiClient } from '@servicestack/client';
import type { MockServer, MockServerOptions } from '../src/server/start.js';
import { rejection, startTestServer } from './helpers.js';

const SCHEMAS = path.resolve('test/fixtures/schemas');

type Dto = Record<string, unknown>;
const requestClass = (name: string, method: string) =>
  class {
    constructor(init?: Dto) {
      Object.assign(this, init);
    }
    getTypeName() {
      return name;
    }
    getMethod() {
      return method;
    }
    createResponse() {
      return {};
    }
  };
const QueryBookings = requestClass('QueryBookings', 'GET');
const CreateBooking = requestClass('CreateBooking', 'POST');
const CreateCoupon = requestClass('CreateCoupon', 'POST');
const QueryCoupons = requestClass('QueryCoupons', 'GET');
const Authenticate = requestClass('Authenticate', 'POST');

const BOOKINGS = [
  { id: 1, name: 'Ann Lee', roomType: 'Single', roomNumber: 101, cost: 120, bookingStartDate: '2026-02-01T00:00:00Z' },
  {
    id: 2,
    name: 'Bob Stone',
    roomType: 'Double',
    roomNumber: 202,
    cost: 180,
    bookingStartDate: '2026-02-10T00:00:00Z',
  },
].map((b) => ({ ...b, createdDate: '2026-01-01T00:00:00Z' }));
const NAME_MISSING = {
  responseStatus: {
    errorCode: 'NotEmpty',
    message: "'Name' must not be empty (said the backend).",
    errors: [{ errorCode: 'NotEmpty', fieldName: 'Name', message: "'Name' must not be empty (said the backend)." }],
  },
};
const COUPON = { description: 'Spring', discount: 10, expiryDate: '2026-12-31T00:00:00Z', organisationId: 'org-1' };
const TOKEN = 'backend-bearer-token-123';
const SESSION_COOKIE = 'ss-id=backend-session-456';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A ServiceStack-shaped backend: bookings, coupons behind a bearer token, a sign-in that sets a cookie. */
const startBackend = async (): Promise<{ url: string; seen: Seen[]; server: Server }> => {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const json = (
        status: number,
        value: unknown,
        reason?: string,
        headers: Record<string, string | string[]> = {},
      ) => {
        res.writeHead(status, reason, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(value));
      };
      const op = (req.url ?? '').split('?')[0];
      const dto = body ? (JSON.parse(body) as Dto) : {};
      switch (op) {
        case '/api/QueryBookings':
          return json(200, { offset: 0, total: 2, results: BOOKINGS }, 'OK', { ETag: '"v1"', Server: 'Kestrel' });
        case '/api/CreateBooking':
          return dto['name'] ? json(200, { id: '3' }) : json(400, NAME_MISSING, 'NotEmpty');
        case '/api/Authenticate':
          return json(
            200,
            {
              userId: '1',
              sessionId: 'backend-session-456',
              userName: dto['userName'],
              bearerToken: TOKEN,
              refreshToken: 'refresh-789',
            },
            'OK',
            { 'Set-Cookie': [`${SESSION_COOKIE}; Domain=backend.example; Path=/; HttpOnly`] },
          );
        case '/api/CreateCoupon':
          if (req.headers.authorization !== `Bearer ${TOKEN}`)
            return json(
              401,
              { responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated' } },
              'Unauthorized',
            );
          return json(200, { id: 'c-1', ...dto });
        case '/api/QueryCoupons':
          // Drifted: `discount` is an int in the contract.
          return json(200, { offset: 0, results: [{ id: 'c-1', discount: 'lots' }] });
        default:
          return json(404, { responseStatus: { errorCode: 'NotFound', message: `no ${op}` } }, 'NotFound');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
};

const stop = (server: Server): Promise<void> =>
  new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });

let backend: Awaited<ReturnType<typeof startBackend>>;
let dir: string;
const mocks: MockServer[] = [];
const logs: string[] = [];

const startMock = async (options: MockServerOptions) => {
  const m = await startTestServer({ schemas: SCHEMAS, api: ['bookings'], log: (l) => logs.push(l), ...options });
  mocks.push(m);
  return { mock: m, client: JsonApiClient.create(m.url) };
};

beforeEach(async () => {
  backend = await startBackend();
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-proxy-'));
  logs.length = 0;
});
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
  await stop(backend.server);
  rmSync(dir, { recursive: true, force: true });
});

describe('serve --proxy', () => {
  it("answers with the backend's answer: its body, status, errorCode and the headers that matter", async () => {
    const { mock, client } = await startMock({ proxy: backend.url });
    const list = (await client.get(new QueryBookings({ take: 2 }))) as { results: Dto[] };
    expect(list.results).toEqual(BOOKINGS);
    expect(backend.seen.at(-1)!.url).toBe('/api/QueryBookings?take=2');

    const failed = await rejection(client.post(new CreateBooking({ roomNumber: 5 })));
    expect(failed.responseStatus).toEqual(NAME_MISSING.responseStatus);

    const raw = await fetch(`${mock.url}/api/QueryBookings`);
    expect(raw.headers.get('etag')).toBe('"v1"');
    expect(raw.headers.get('server')).toBeNull();
    expect(mock.requests().map((e) => [e.operation, e.status, e.problems])).toEqual([
      ['QueryBookings', 200, []],
      ['CreateBooking', 400, []],
      ['QueryBookings', 200, []],
    ]);
  });

  it("sends the client's raw body, format and credentials on; the backend's cookie comes back for the mock's host", async () => {
    const { mock } = await startMock({ proxy: backend.url });
    const body = '{"userName":"ann","password":"s3cret!","provider":"credentials","extra":1}';
    const signIn = await fetch(`${mock.url}/api/Authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Ssmock-Session': 'qa-1' },
      body,
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.getSetCookie()).toEqual([`${SESSION_COOKIE}; Path=/; HttpOnly`]);
    const received = backend.seen.at(-1)!;
    expect(received.body).toBe(body);
    expect(received.headers['x-ssmock-session']).toBeUndefined();

    const coupon = await fetch(`${mock.url}/api/CreateCoupon`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, Cookie: SESSION_COOKIE },
      body: JSON.stringify({ description: 'Spring', discount: 10 }),
    });
    expect(await coupon.json()).toEqual({ id: 'c-1', description: 'Spring', discount: 10 });
    expect(backend.seen.at(-1)!.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, cookie: SESSION_COOKIE });
  });

  it('--proxy-ops: only the operations named go to the backend; the mock answers the rest', async () => {
    const { client } = await startMock({ proxy: backend.url, proxyOps: ['querybookings'] });
    expect(((await client.get(new QueryBookings())) as { results: Dto[] }).results).toEqual(BOOKINGS);
    const created = (await client.post(
      new CreateBooking({
        name: 'Cara Wu',
        roomType: 'Suite',
        roomNumber: 303,
        cost: 450,
        bookingStartDate: '2026-03-05T00:00:00Z',
      }),
    )) as { id: string };
    expect(created.id).toBe('1');
    expect(backend.seen.map((s) => s.url)).toEqual(['/api/QueryBookings']);
  });

  it('a scripted rule answers before the backend is asked', async () => {
    const { mock, client } = await startMock({ proxy: backend.url });
    mock.addRule({ operation: 'QueryBookings', status: 503 });
    const failed = await rejection(client.get(new QueryBookings()));
    expect(failed.responseStatus.errorCode).toBe('ServiceUnavailable');
    expect(backend.seen).toEqual([]);
  });

  it('journals and logs a backend answer that breaks its response schema, and still passes it on', async () => {
    const { mock, client } = await startMock({ proxy: backend.url });
    const got = (await client.get(new QueryCoupons())) as { results: Dto[] };
    expect(got.results).toEqual([{ id: 'c-1', discount: 'lots' }]);
    const [entry] = mock.requests();
    expect(entry!.problems).toEqual([
      expect.stringMatching(/^backend answer to GET \/api\/QueryCoupons violates QueryResponseOfCoupon: .*discount/),
    ]);
    expect(logs).toEqual([expect.stringMatching(/^\[ssmock\] backend answer to GET \/api\/QueryCoupons violates/)]);
  });

  it('an unreachable backend: 502 naming it for each proxied call, while the mock answers the others', async () => {
    const gone = await startBackend();
    await stop(gone.server);
    const { client } = await startMock({ proxy: `${gone.url}/base/`, proxyOps: ['QueryBookings'] });
    const failed = await rejection(client.get(new QueryBookings()));
    expect(failed.responseStatus).toMatchObject({
      errorCode: 'BadGateway',
      message: `The backend ${gone.url}/base could not be reached: connection refused`,
    });
    const created = (await client.post(
      new CreateBooking({
        name: 'Dan',
        roomType: 'Queen',
        roomNumber: 204,
        cost: 220,
        bookingStartDate: '2026-01-20T00:00:00Z',
      }),
    )) as { id: string };
    expect(created.id).toBe('1');
  });

  it('a backend that does not answer in time: 502 once the bound passes', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const { mock } = await startMock({ proxy: url, proxyTimeoutMs: 50 });
      const res = await fetch(`${mock.url}/api/QueryBookings`);
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({
        responseStatus: {
          errorCode: 'BadGateway',
          message: `The backend ${url} could not be reached: no answer within 50 ms`,
        },
      });
    } finally {
      await stop(silent);
    }
  });

  it('refuses --proxy-ops naming no operation, and --record without --proxy', async () => {
    await expect(startMock({ proxy: backend.url, proxyOps: ['QueryBokings'] })).rejects.toThrow(
      "--proxy-ops: no operation 'QueryBokings' in bookings",
    );
    await expect(startMock({ record: path.join(dir, 'x.json') })).rejects.toThrow('--record needs --proxy URL');
  });
});

describe('serve --record', () => {
  it('writes the records and error rules, never a secret, and the scenario replays offline', async () => {
    const file = path.join(dir, 'recorded.json');
    const { mock, client } = await startMock({ proxy: backend.url, record: file });
    await client.post(new Authenticate({ provider: 'credentials', userName: 'ann', password: 's3cret!' }));
    const bookings = (await client.get(new QueryBookings())) as { results: Dto[] };
    client.bearerToken = TOKEN;
    await client.post(new CreateCoupon(COUPON));
    const failed = await rejection(client.post(new CreateBooking({ roomNumber: 5, cost: 10 })));
    await mock.close();

    const text = readFileSync(file, 'utf8');
    for (const secret of [TOKEN, 'backend-session-456', 'refresh-789', 's3cret!']) expect(text).not.toContain(secret);
    const recorded = JSON.parse(text) as { data: unknown; rules: unknown };
    expect(recorded.data).toEqual({
      bookings: {
        Booking: BOOKINGS,
        Coupon: [{ $tenant: 'org-1', id: 'c-1', ...COUPON }],
      },
    });
    expect(recorded.rules).toEqual([
      {
        operation: 'CreateBooking',
        when: { roomNumber: 5, cost: 10 },
        status: 400,
        responseStatus: NAME_MISSING.responseStatus,
      },
    ]);

    await stop(backend.server);
    const replay = await startMock({ scenario: file });
    expect(((await replay.client.get(new QueryBookings())) as { results: Dto[] }).results).toEqual(bookings.results);
    expect(
      (await rejection(replay.client.post(new CreateBooking({ roomNumber: 5, cost: 10 })))).responseStatus,
    ).toEqual(failed.responseStatus);
    const coupons = (await replay.client.get(new QueryCoupons({ organisationId: 'org-1' }))) as { results: Dto[] };
    expect(coupons.results).toEqual([{ id: 'c-1', ...COUPON }]);
  });
});
