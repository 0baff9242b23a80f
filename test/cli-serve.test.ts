/**
 * The built CLI as users run it: serve prints its URLs, keeps state across a
 * restart and a SIGKILL, refuses a corrupt db and a second owner, exits 0 on
 * SIGTERM; derive and fake report what they do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli/index.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const serve = (args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

const createHomeCustomer = async (url: string, email: string): Promise<number> => {
  const res = await fetch(`${url}/servicestack-home/Customer`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return ((await res.json()) as { id: number }).id;
};

it('prints each API with its operations and the listening line', async () => {
  const { child, output } = await serve(['--db', 'memory']);
  expect(output()).toMatch(/billiecart: http:\/\/localhost:\d+\/billiecart\n {2}AssociateUserAccountToCustomerRequest/);
  expect(output()).toMatch(/servicestack-home: http:\/\/localhost:\d+\/servicestack-home\n {2}Customer/);
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
});

it('keeps state across a restart, and integer ids are never reused', async () => {
  const db = path.join(dir, 'db.json');
  const first = await serve(['--db', db]);
  const a = await createHomeCustomer(first.url, 'a@example.com');
  first.child.kill('SIGTERM');
  expect(await exited(first.child)).toBe(0);
  const second = await serve(['--db', db]);
  const read = await fetch(`${second.url}/servicestack-home/Customer/${a}`);
  expect(await read.json()).toMatchObject({ id: a, email: 'a@example.com' });
  const b = await createHomeCustomer(second.url, 'b@example.com');
  expect(b).toBeGreaterThan(a);
  second.child.kill('SIGTERM');
  await exited(second.child);
});

it('has every answered write on disk after a SIGKILL under load, and the file parses', async () => {
  const db = path.join(dir, 'db.json');
  const { child, url } = await serve(['--db', db]);
  const answered: number[] = [];
  let stop = false;
  const workers = Array.from({ length: 8 }, async () => {
    while (!stop) {
      try {
        answered.push(await createHomeCustomer(url, `k${answered.length}@example.com`));
      } catch {
        return; // the server is gone
      }
    }
  });
  // Kill mid-load once some writes were answered (a busy CI machine may need longer than a quiet one).
  for (let waited = 0; answered.length < 20 && waited < 10_000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  const gone = exited(child); // listen before killing: 'exit' may fire while the workers are still winding down
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await gone;
  expect(answered.length).toBeGreaterThanOrEqual(20);
  const restarted = await serve(['--db', db]);
  const all = (await (await fetch(`${restarted.url}/servicestack-home/Customer`)).json()) as { id: number }[];
  const stored = new Set(all.map((c) => c.id));
  expect(answered.filter((id) => !stored.has(id))).toEqual([]);
  restarted.child.kill('SIGTERM');
  await exited(restarted.child);
  expect(() => JSON.parse(readFileSync(db, 'utf8')) as unknown).not.toThrow();
});

it('refuses a db file that does not parse, naming it, and never overwrites it', () => {
  const db = path.join(dir, 'db.json');
  writeFileSync(db, '{"version": 1, "sessions": {');
  const run = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain(db);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(readFileSync(db, 'utf8')).toBe('{"version": 1, "sessions": {');
});

it('refuses a second server on the same db file', async () => {
  const db = path.join(dir, 'db.json');
  const first = await serve(['--db', db]);
  const second = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(second.status).not.toBe(0);
  expect(second.stderr).toMatch(/db\.json/);
  first.child.kill('SIGTERM');
  await exited(first.child);
});

it('answers a used port with a one-line message', async () => {
  const first = await serve(['--db', 'memory']);
  const port = new URL(first.url).port;
  const second = spawnSync(process.execPath, [CLI, 'serve', '--port', port, '--db', 'memory'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(second.status).toBe(1);
  expect(second.stderr.trim().split('\n')).toEqual([
    `ssmock: port ${port} is in use: pick another with --port (0 = any free port)`,
  ]);
  first.child.kill('SIGTERM');
  await exited(first.child);
});

it('derive reports a bad page as file:line and exits 1', () => {
  const bad = path.join(dir, 'bad.txt');
  writeFileSync(bad, 'Billiecart API\n\nnot a page\n');
  const run = spawnSync(process.execPath, [CLI, 'derive', bad, '--out', path.join(dir, 'out'), '--api', 'x'], {
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
});

it('fake prints one valid instance of a type, the same for the same seed', () => {
  const run = (seed: string) =>
    spawnSync(process.execPath, [CLI, 'fake', 'Customer', '--api', 'billiecart', '--seed', seed], { encoding: 'utf8' });
  const one = run('7');
  expect(one.status).toBe(0);
  const customer = JSON.parse(one.stdout) as Record<string, unknown>;
  expect(String(customer['email'])).toMatch(/@/);
  expect(run('7').stdout).toBe(one.stdout);
  const ambiguous = spawnSync(process.execPath, [CLI, 'fake', 'Customer'], { encoding: 'utf8' });
  expect(ambiguous.status).toBe(1);
  expect(ambiguous.stderr).toMatch(/--api/);
});
