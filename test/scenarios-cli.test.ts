/**
 * `ssmock seed <scenario> --db FILE` through the built CLI, then
 * `ssmock serve --db FILE` serving what was seeded; and the one-line errors a
 * bad scenario gives on the command line.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = path.resolve('dist/cli/index.js');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

const ssmock = (...args: string[]): Promise<Outcome> =>
  run(process.execPath, [CLI, ...args], { cwd: path.resolve('.') }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      stdout: err.stdout,
      stderr: err.stderr,
    }),
  );

/** Starts `ssmock serve` and resolves with its URL once it prints "listening on". */
const serve = (...args: string[]): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', ...args], {
      cwd: path.resolve('.'),
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${String(code)}: ${out}`)));
  });

const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI))
    await run(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-seed-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ssmock seed', () => {
  it('loads a scenario into a db file, and serve --db sees the data', async () => {
    const db = path.join(dir, 'seeded.json');
    const seeded = await ssmock('seed', 'happy-path', '--db', db);
    expect(seeded).toMatchObject({ code: 0, stderr: '' });
    expect(seeded.stdout).toMatch(/billiecart\.Customer: 3, billiecart\.Person: 2, servicestack-home\.Customer: 2/);
    expect(() => JSON.parse(readFileSync(db, 'utf8')) as unknown).not.toThrow();

    const { child, url } = await serve('--db', db);
    try {
      const state = (await (await fetch(`${url}/__ssmock/state`)).json()) as {
        billiecart: { Customer: { email: string; $tenant: string }[] };
      };
      expect(state.billiecart.Customer.map((c) => [c.$tenant, c.email])).toEqual([
        ['org-1', 'charlotte.nguyen@example.com'],
        ['org-1', 'oliver.smith@example.com'],
        ['org-2', 'mia.williams@example.com'],
      ]);
      const ada = await fetch(`${url}/servicestack-home/Customer/1`);
      expect(ada.status).toBe(200);
      expect(await ada.json()).toMatchObject({ id: 1, firstName: 'Ada' });
    } finally {
      expect(await stop(child)).toBe(0);
    }
  }, 60_000);

  it('also takes a path to a scenario file', async () => {
    const db = path.join(dir, 'by-path.json');
    const seeded = await ssmock('seed', path.resolve('fixtures/scenarios/customer-not-found.json'), '--db', db);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/billiecart\.Customer: 1/);
  });

  it('says which scenarios exist when the name is unknown, in one line, exit 1', async () => {
    const res = await ssmock('seed', 'no-such-scenario', '--db', path.join(dir, 'none.json'));
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/no scenario 'no-such-scenario'.*happy-path/);
    expect(existsSync(path.join(dir, 'none.json'))).toBe(false);
  });

  it('lists each mistake of a bad scenario with its path, in one line, and writes nothing', async () => {
    const fixtures = path.join(dir, 'fixtures');
    mkdirSync(path.join(fixtures, 'scenarios'), { recursive: true });
    cpSync(path.resolve('fixtures/users.json'), path.join(fixtures, 'users.json'));
    writeFileSync(
      path.join(fixtures, 'scenarios', 'bad.json'),
      JSON.stringify({
        data: { billiecart: { Customer: [{ email: 1 }] } },
        rules: [{ operation: 'CreatePersonRequest', times: 'twice' }],
      }),
    );
    const db = path.join(dir, 'bad.json');
    const res = await ssmock('seed', 'bad', '--db', db, '--fixtures', fixtures);
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('rules[0].times: must be integer, not string');
    expect(res.stderr).toContain('data.billiecart.Customer[0].email: must be string, not number');
    expect(res.stderr).not.toMatch(/\s+at .+:\d+:\d+/);
    expect(existsSync(db)).toBe(false);

    const served = await ssmock('serve', '--port', '0', '--db', 'memory', '--fixtures', fixtures, '--scenario', 'bad');
    expect(served.code).not.toBe(0);
    expect(served.stderr).toContain('rules[0].times: must be integer, not string');
  });
});
