/**
 * Sessions (`X-Ssmock-Session`) over HTTP: a session that only reads shares
 * the start-up data and writes nothing to the db file; sessions are evicted
 * past the maximum count and after the idle time-out (on the server's injected
 * clock: no waiting), and listed and deleted through the admin API; the
 * limits come from `serve --session-idle MIN --max-sessions N`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MockServer, MockServerOptions } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

type Json = Record<string, unknown>;
interface SessionRow {
  id: string;
  lastUsed: string;
  state: boolean;
  scenario: string | null;
}

const admin = async (mock: MockServer, session: string, method: string, route: string, body?: unknown) => {
  const res = await fetch(`${mock.url}/__ssmock${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Ssmock-Session': session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

/** A read through the API (anonymous: ServiceStack Home's Customer). */
const readCustomer = (mock: MockServer, session: string, id = 1) =>
  fetch(`${mock.url}/servicestack-home/Customer/${id}`, { headers: { 'X-Ssmock-Session': session } });

const createCustomer = (mock: MockServer, session: string, email: string) =>
  fetch(`${mock.url}/servicestack-home/Customer`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ssmock-Session': session },
    body: JSON.stringify({ email }),
  });

const sessionsOf = async (mock: MockServer) =>
  (await admin(mock, 'default', 'GET', '/sessions')).body['sessions'] as SessionRow[];

const emailsOf = async (mock: MockServer, session: string) => {
  const state = (await admin(mock, session, 'GET', '/state')).body as { 'servicestack-home'?: { Customer?: Json[] } };
  return (state['servicestack-home']?.Customer ?? []).map((c) => c['email']);
};

const START_EMAILS = ['ada@example.org', 'grace@example.org'];

describe('sessions that only read', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-sessions-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('share the start-up data and write nothing to the db file; a session that writes is kept there', async () => {
    const db = path.join(dir, 'db.json');
    const mock = await startTestServer({ db, scenario: 'happy-path' });
    try {
      const before = readFileSync(db, 'utf8');
      for (const session of ['reader-1', 'reader-2']) {
        expect((await readCustomer(mock, session)).status).toBe(200);
        expect(await emailsOf(mock, session)).toEqual(START_EMAILS);
      }
      expect(readFileSync(db, 'utf8')).toBe(before);

      expect((await createCustomer(mock, 'writer', 'new@example.org')).status).toBe(200);
      expect(await emailsOf(mock, 'writer')).toEqual([...START_EMAILS, 'new@example.org']);
      expect(await emailsOf(mock, 'reader-1')).toEqual(START_EMAILS);
      const rows = await sessionsOf(mock);
      expect(rows.map((s) => [s.id, s.state])).toEqual([
        ['default', true],
        ['reader-1', false],
        ['writer', true],
        ['reader-2', false],
      ]);
    } finally {
      await mock.close();
    }
    const onDisk = JSON.parse(readFileSync(db, 'utf8')) as { sessions: Json };
    expect(Object.keys(onDisk.sessions).sort()).toEqual(['default', 'writer']);
  });
});

describe('eviction', () => {
  let mock: MockServer;
  let now = Date.parse('2026-01-01T00:00:00Z');
  const start = (options: MockServerOptions) =>
    startTestServer({ scenario: 'happy-path', clock: () => now, ...options });
  afterEach(() => mock.close());

  it('drops the least recently used session past --max-sessions: its rules, journal and state go', async () => {
    mock = await start({ maxSessions: 2 });
    await admin(mock, 'a', 'POST', '/rules', { operation: '*', status: 503 });
    expect((await createCustomer(mock, 'a', 'a@example.org')).status).toBe(503);
    await admin(mock, 'a', 'PUT', '/state', { 'servicestack-home': { Customer: [{ id: 9, email: 'a@example.org' }] } });
    await readCustomer(mock, 'b');
    await readCustomer(mock, 'a'); // a is used again: b is now the least recently used
    await readCustomer(mock, 'c');
    expect((await sessionsOf(mock)).map((s) => s.id)).toEqual(['default', 'c', 'a']);
    await readCustomer(mock, 'd');
    expect((await sessionsOf(mock)).map((s) => s.id)).toEqual(['default', 'd', 'c']);
    // Back again, a starts from the start-up scenario: no rule, the start-up data, an empty journal.
    expect((await admin(mock, 'a', 'GET', '/rules')).body['rules']).toEqual([]);
    expect(await emailsOf(mock, 'a')).toEqual(START_EMAILS);
    expect((await admin(mock, 'a', 'GET', '/requests')).body['requests']).toEqual([]);
  });

  it('drops a session idle longer than the time-out at the next call, and never the default session', async () => {
    mock = await start({ sessionIdleMinutes: 10 });
    await readCustomer(mock, 'idle');
    await readCustomer(mock, 'default');
    now += 10 * 60_000;
    await readCustomer(mock, 'busy');
    expect((await sessionsOf(mock)).map((s) => s.id)).toEqual(['default', 'busy', 'idle']);
    now += 1;
    await readCustomer(mock, 'busy');
    const rows = await sessionsOf(mock);
    expect(rows.map((s) => s.id)).toEqual(['default', 'busy']);
    expect(rows[1]).toEqual({
      id: 'busy',
      lastUsed: new Date(now).toISOString(),
      state: false,
      scenario: 'happy-path',
    });
    now += 60 * 60_000;
    expect((await admin(mock, 'default', 'GET', '/sessions')).body).toMatchObject({
      sessions: [{ id: 'default' }],
      idleMinutes: 10,
      maxSessions: 1000,
    });
  });
});

describe('GET and DELETE /__ssmock/sessions', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startTestServer({ scenario: 'happy-path' });
  });
  afterAll(() => mock.close());

  it('lists each session with when it was last used, whether it holds state and its scenario', async () => {
    await readCustomer(mock, 'listed-reader');
    await admin(mock, 'listed-activated', 'POST', '/scenarios/customer-not-found');
    const rows = await sessionsOf(mock);
    expect(rows.find((s) => s.id === 'listed-reader')).toEqual({
      id: 'listed-reader',
      lastUsed: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      state: false,
      scenario: 'happy-path',
    });
    expect(rows.find((s) => s.id === 'listed-activated')).toMatchObject({
      state: true,
      scenario: 'customer-not-found',
    });
  });

  it('DELETE forgets a session now; again it is 404; the default session is refused with 400', async () => {
    await createCustomer(mock, 'doomed', 'doomed@example.org');
    await admin(mock, 'doomed', 'POST', '/rules', { operation: '*', status: 418 });
    const deleted = await admin(mock, 'default', 'DELETE', '/sessions/doomed');
    expect(deleted).toEqual({ status: 200, body: { deleted: 'doomed' } });
    expect((await sessionsOf(mock)).map((s) => s.id)).not.toContain('doomed');
    const again = await admin(mock, 'default', 'DELETE', '/sessions/doomed');
    expect(again.status).toBe(404);
    expect(again.body['responseStatus']).toMatchObject({ errorCode: 'NotFound', message: "No session 'doomed'" });
    const refused = await admin(mock, 'default', 'DELETE', '/sessions/default');
    expect(refused.status).toBe(400);
    expect(refused.body['responseStatus']).toMatchObject({ errorCode: 'BadRequest' });
    expect(await emailsOf(mock, 'doomed')).toEqual(START_EMAILS);
    expect((await createCustomer(mock, 'doomed', 'back@example.org')).status).toBe(200);
  });
});

describe('serve --session-idle and --max-sessions', () => {
  const CLI = path.resolve('dist/cli/index.js');
  beforeAll(() => {
    if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  });

  it('sets the limits GET /__ssmock/sessions reports', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--quiet', '--db', 'memory', '--session-idle', '5', '--max-sessions', '2'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const body = (await (await fetch(`${url}/__ssmock/sessions`)).json()) as Json;
      expect(body).toMatchObject({ idleMinutes: 5, maxSessions: 2 });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it.each([
    [['--max-sessions', '0'], '--max-sessions must be a whole number of 1 or more, got 0'],
    [
      ['--session-idle', 'soon'],
      '--session-idle must be a whole number of 1 or more, got something that is not a number',
    ],
  ])('refuses %j with one line', (args, line) => {
    const run = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--db', 'memory', ...args], {
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(line)]);
  });
});
