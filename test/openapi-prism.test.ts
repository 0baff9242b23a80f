/**
 * The OpenAPI documents checked by a validating proxy: Stoplight Prism (`prism proxy --errors`) stands in front of
 * the mock with the document the mock serves at `<base>/openapi.json`, and every (path, verb) of both APIs is sent
 * through it with a valid request. Prism answers 422 when a request breaks the document and lists request and
 * response violations in `sl-violations`; neither may happen. One deliberately invalid request shows Prism does
 * check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenApiDocument } from '../src/openapi/index.js';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

const PRISM = path.resolve('node_modules/.bin/prism');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Proxy {
  url: string;
  stop(): Promise<void>;
}

/** Starts `prism proxy <document> <upstream> --errors` and resolves once it listens (bounded). */
const startPrism = async (document: string, upstream: string): Promise<Proxy> => {
  const port = await freePort();
  const child: ChildProcess = spawn(
    PRISM,
    ['proxy', document, upstream, '--errors', '--port', String(port), '--host', '127.0.0.1', '-v', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // Bounded: a proxy that ignores SIGTERM is killed after 5 s.
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(force);
  };
  const url = `http://127.0.0.1:${port}`;
  // Prism prints little at -v warn, so readiness is the port answering.
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) break;
    try {
      await fetch(`${url}/__prism_ready`);
      return { url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`prism did not start:\n${output}`);
};

interface Outcome {
  status: number;
  violations: string | null;
  body: unknown;
}

let mock: MockServer;
let dir: string;
const proxies = new Map<string, Proxy>();
const documents = new Map<string, OpenApiDocument>();
let token: string;

beforeAll(async () => {
  mock = await startTestServer({ host: '127.0.0.1' });
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-prism-'));
  // One proxy per API, started side by side (each takes a few seconds).
  await Promise.all(
    mock.apis.map(async (api) => {
      const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as OpenApiDocument;
      documents.set(api.id, doc);
      const file = path.join(dir, `${api.id}.openapi.json`);
      writeFileSync(file, JSON.stringify(doc));
      proxies.set(api.id, await startPrism(file, api.url));
    }),
  );
  token = await signIn(mock.apis.find((a) => a.id === 'billiecart')!.url);
}, 60_000);

afterAll(async () => {
  await Promise.all([...proxies.values()].map((p) => p.stop()));
  await mock?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One call through the API's proxy (JSON in, JSON out, the manager's bearer token). */
const call = async (api: string, method: string, url: string, body?: unknown): Promise<Outcome> => {
  const res = await fetch(`${proxies.get(api)!.url}${url}`, {
    method,
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, violations: res.headers.get('sl-violations'), body: text ? JSON.parse(text) : null };
};

const created = async (api: string, url: string, body: unknown): Promise<Record<string, unknown>> => {
  const outcome = await call(api, 'POST', url, body);
  expect(outcome).toMatchObject({ status: 200, violations: null });
  return outcome.body as Record<string, unknown>;
};

describe('the served OpenAPI documents behind Prism’s validating proxy', () => {
  it('Billiecart: every operation’s valid request passes, request and response', async () => {
    const customer = (await created('billiecart', '/customers', { email: 'ann@example.com', organisationId: 'org-1' }))[
      'customer'
    ] as { id: string };
    const requests: [string, string, unknown][] = [
      ['POST', '/persons', { timezone: 'Australia/Perth', phoneNumber: '+61 8 9000 0000' }],
      ['POST', '/customers', { email: 'bob@example.com', organisationId: 'org-1' }],
      // The body leaves out `id`: the route binds it from the path.
      [
        'PUT',
        `/customers/${customer.id}/associate-to-user-account`,
        { userAccountId: 'user-7', organisationId: 'org-1' },
      ],
    ];
    const documented = Object.entries(documents.get('billiecart')!.paths).flatMap(([p, item]) =>
      Object.keys(item).map((verb) => `${verb.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(
      ['POST /customers', 'POST /persons', 'PUT /customers/{Id}/associate-to-user-account'].sort(),
    );
    for (const [method, url, body] of requests) {
      const outcome = await call('billiecart', method, url, body);
      expect({ method, url, status: outcome.status, violations: outcome.violations }).toEqual({
        method,
        url,
        status: 200,
        violations: null,
      });
    }
  }, 30_000);

  it('ServiceStack Home: every route and verb of Customer passes, request and response', async () => {
    const customer = (await created('servicestack-home', '/Customer', {
      email: 'cy@example.com',
      firstName: 'Cy',
    })) as {
      id: number;
    };
    const other = (await created('servicestack-home', '/Customer', { email: 'di@example.com' })) as { id: number };
    const requests: [string, string, unknown?][] = [
      ['GET', '/Customer'],
      ['GET', `/Customer?id=${customer.id}`],
      ['POST', '/Customer', { email: 'ed@example.com', isReferrer: true }],
      ['PUT', '/Customer', { id: customer.id, email: 'cy@example.org' }],
      ['PATCH', '/Customer', { id: customer.id, company: 'Cy Pty Ltd' }],
      ['GET', `/Customer/${customer.id}`],
      ['POST', `/Customer/${customer.id + 1000}`, { email: 'fay@example.com' }],
      ['PUT', `/Customer/${customer.id}`, { firstName: 'Cyrus' }],
      ['PATCH', `/Customer/${customer.id}`, { lastName: 'Young' }],
      ['DELETE', `/Customer/${other.id}`],
      ['DELETE', `/Customer?id=${customer.id}`],
    ];
    const verbs = new Set(requests.map(([m, u]) => `${m} ${u.replace(/\/\d+$/, '/{Id}').replace(/\?.*$/, '')}`));
    const documented = Object.entries(documents.get('servicestack-home')!.paths).flatMap(([p, item]) =>
      Object.keys(item).map((verb) => `${verb.toUpperCase()} ${p}`),
    );
    expect([...verbs].sort()).toEqual(documented.sort());
    for (const [method, url, body] of requests) {
      const outcome = await call('servicestack-home', method, url, body);
      expect({ method, url, status: outcome.status, violations: outcome.violations }).toEqual({
        method,
        url,
        status: 200,
        violations: null,
      });
    }
  }, 30_000);

  it('rejects a request that breaks the document (so the cases above can fail)', async () => {
    const outcome = await call('billiecart', 'POST', '/customers', { email: 42, nickname: 'not a property' });
    expect(outcome.status).toBe(422);
    expect(JSON.stringify(outcome.body)).toMatch(/email|nickname|additional/i);
  }, 15_000);
});
