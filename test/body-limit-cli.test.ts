/**
 * `serve --body-limit` as users meet it (README, "Configuration"): the built CLI started with a 1 KiB limit answers
 * a 2 KB body, alone or as a batch, with a 413 ResponseStatus and lets a 500-byte one through; `--print-config`
 * shows the limit in bytes and where it came from, and a size it cannot read is one line and exit 2.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli/index.js');
/** The environment without the SSMOCK_* variables of whoever runs the tests. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SSMOCK_')));
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--quiet', '--db', 'memory', '--api', 'servicestack-home', '--body-limit', '1kb'],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
});

afterAll(async () => {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
});

/** A Customer of exactly `bytes` bytes of JSON (an unknown property pads it; without --strict it is ignored). */
const customerOf = (bytes: number, email = 'ann@example.com'): Record<string, string> => {
  const bare = JSON.stringify({ email, notes: '' }).length;
  return { email, notes: 'x'.repeat(bytes - bare) };
};

const post = (route: string, body: unknown) =>
  fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });

it.each([
  ['a 2 KB body', '/Customer', customerOf(2048)],
  ['a 2 KB batch', '/api/Customer[]', [customerOf(700, 'a@example.com'), customerOf(700, 'b@example.com')]],
])('answers %s with 413 RequestEntityTooLarge', async (_what, route, body) => {
  expect(JSON.stringify(body).length).toBeGreaterThan(1024);
  const res = await post(route, body);
  expect(res.status).toBe(413);
  expect(((await res.json()) as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe(
    'RequestEntityTooLarge',
  );
});

it('lets a 500-byte body through', async () => {
  const body = customerOf(500);
  expect(JSON.stringify(body)).toHaveLength(500);
  const res = await post('/Customer', body);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ email: 'ann@example.com' });
});

describe('where the limit comes from', () => {
  // A folder without an ssmock.config.json, so only the flag, the variable and the default count.
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'ssmock-body-limit-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const serveNow = (args: string[], more: Record<string, string> = {}) =>
    spawnSync(process.execPath, [CLI, 'serve', '--db', 'memory', '--port', '0', ...args], {
      cwd: dir,
      env: { ...env, ...more },
      encoding: 'utf8',
    });

  it.each([
    [[], {}, { value: 1048576, from: 'default' }],
    [['--body-limit', '512KB'], { SSMOCK_BODY_LIMIT: '2mb' }, { value: 524288, from: '--body-limit' }],
    [[], { SSMOCK_BODY_LIMIT: '2mb' }, { value: 2097152, from: 'SSMOCK_BODY_LIMIT' }],
  ])('--print-config with %j and %j shows %j', (args, more, shown) => {
    const { status, stdout } = serveNow(['--print-config', ...args], more);
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as Record<string, unknown>)['body-limit']).toEqual(shown);
  });

  it.each([
    [['--body-limit', '1m'], {}, '--body-limit must be SIZE, got "1m"'],
    [[], { SSMOCK_BODY_LIMIT: '1.5mb' }, 'SSMOCK_BODY_LIMIT=1.5mb: expected SIZE'],
  ])('refuses %j %j in one line, exit 2', (args, more, message) => {
    const size = 'a size from 1 B to 256 MiB: a number of bytes, or with a unit (512kb, 1mb, 2MiB)';
    const { status, stdout, stderr } = serveNow(args, more);
    expect({ status, stdout, stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `ssmock: ${message.replace('SIZE', size)}\n`,
    });
  });
});
