/**
 * `ssmock serve --proxy URL --proxy-ops … --record FILE` as users run it (the built CLI, README "Proxy and record"):
 * a stand-in backend answers the proxied operation, the mock the others, and the recording is on disk once the
 * server stops. The options are settings like any other: `SSMOCK_*` variables and `ssmock.config.json` keys.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli/index.js');
const SCHEMAS = path.resolve('test/fixtures/schemas');
const BOOKING = {
  id: 7,
  name: 'Ann Lee',
  roomType: 'Single',
  roomNumber: 101,
  cost: 120,
  bookingStartDate: '2026-02-01T00:00:00Z',
  createdDate: '2026-01-01T00:00:00Z',
};

let dir: string;
let backend: Server;
let backendUrl: string;

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
});
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-cli-proxy-'));
  backend = createServer((req, res) => {
    const ok = req.url?.startsWith('/api/QueryBookings');
    res.writeHead(ok ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(ok ? { offset: 0, results: [BOOKING] } : { responseStatus: { errorCode: 'NotFound' } }));
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((r) => backend.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const serve = (args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--quiet', '--db', 'memory', '--schemas', SCHEMAS, '--api', 'bookings', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((r) => child.once('exit', (code) => r(code)));

it('serve --proxy --proxy-ops --record: the backend answers its operation, the mock the rest, the answers are recorded', async () => {
  const file = path.join(dir, 'recorded.json');
  const { child, url, output } = await serve(['--proxy', backendUrl, '--proxy-ops', 'QueryBookings', '--record', file]);
  expect(output()).toContain(`proxying QueryBookings to ${backendUrl}, recording to ${file}`);
  const listed = (await (await fetch(`${url}/api/QueryBookings`)).json()) as { results: unknown[] };
  expect(listed.results).toEqual([BOOKING]);
  const mocked = await fetch(`${url}/api/CreateBooking`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: 'Bob',
      roomType: 'Double',
      roomNumber: 2,
      cost: 1,
      bookingStartDate: '2026-02-01T00:00:00Z',
    }),
  });
  expect(await mocked.json()).toEqual({ id: '1' });
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as { data: unknown; rules: unknown[] };
  expect(recorded.data).toEqual({ bookings: { Booking: [BOOKING] } });
  expect(recorded.rules).toEqual([]);
});

it('takes the proxy settings from SSMOCK_* variables and ssmock.config.json too', () => {
  writeFileSync(path.join(dir, 'ssmock.config.json'), JSON.stringify({ record: 'recordings/staging.json' }));
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    [CLI, 'serve', '--print-config', '--proxy', backendUrl],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SSMOCK_PROXY_OPS: 'QueryBookings,CreateBooking', SSMOCK_PROXY_TIMEOUT: '5' },
    },
  );
  expect(stderr).toBe('');
  expect(status).toBe(0);
  const settings = JSON.parse(stdout) as Record<string, { value: unknown; from: string }>;
  expect(settings['proxy']).toEqual({ value: backendUrl, from: '--proxy' });
  expect(settings['proxy-ops']).toEqual({ value: ['QueryBookings', 'CreateBooking'], from: 'SSMOCK_PROXY_OPS' });
  expect(settings['proxy-timeout']).toEqual({ value: 5, from: 'SSMOCK_PROXY_TIMEOUT' });
  expect(settings['record']).toEqual({
    value: path.join(dir, 'recordings', 'staging.json'),
    from: 'ssmock.config.json',
  });
});

it('refuses --record without --proxy in one line', () => {
  const { status, stderr } = spawnSync(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--db', 'memory', '--record', path.join(dir, 'x.json')],
    { cwd: dir, encoding: 'utf8' },
  );
  expect(status).toBe(1);
  expect(stderr.trim()).toMatch(/--record needs --proxy URL/);
});
