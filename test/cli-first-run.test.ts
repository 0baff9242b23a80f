/**
 * The command line as a new user first meets it: the built CLI in a child process. `--version`; flags that are
 * not whole numbers; an `--api` typo that lists the APIs there are; `openapi`, `fake` and `verify` without `--api`
 * when it is obvious; the printed base URL on both loopback addresses; `seed --db memory` refused; a db file that
 * holds data copied before a scenario replaces it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMockServer, type MockServer } from '../src/server/start.js';

const CLI = path.resolve('dist/cli/index.js');
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end; async, because the mock a `verify` talks to runs in this process. */
const run = (args: string[], cwd = process.cwd()): Promise<Run> =>
  new Promise((resolve) => {
    // The time-out kills a command that should have ended (a refused flag) instead of leaving it serving.
    const options = { cwd, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } };
    execFile(process.execPath, [CLI, ...args], options, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });

/** Starts `ssmock serve` and resolves once it prints its listening line. */
const serve = (args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const seen = (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url, output: () => out });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });

const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

/** One line on stderr, no stack trace. */
const oneLine = (stderr: string): string => {
  expect(stderr.endsWith('\n')).toBe(true);
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
};

let dir: string;
/** A schemas root that holds one API only (billiecart). */
let oneApi: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli/index.js is missing: run npm run build');
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-first-run-'));
  oneApi = path.join(dir, 'schemas');
  cpSync('schemas/billiecart', path.join(oneApi, 'billiecart'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('--version prints the version of package.json', async () => {
  for (const flag of ['--version', '-v'])
    expect(await run([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
});

describe('numeric flags', () => {
  it.each([
    [['serve', '--seed', 'abc'], '--seed must be a whole number of 0 or more, got something that is not a number'],
    [['serve', '--seed', '1.5'], '--seed must be a whole number of 0 or more, got 1.5'],
    [['serve', '--seed', '-1'], '--seed must be a whole number of 0 or more, got -1'],
    [
      ['fake', 'Customer', '--seed', 'abc'],
      '--seed must be a whole number of 0 or more, got something that is not a number',
    ],
    [
      ['verify', '--target', 'http://localhost:9/', '--seed', 'x'],
      '--seed must be a whole number of 0 or more, got something that is not a number',
    ],
    [['serve', '--port', '70000'], '--port must be a whole number from 0 to 65535, got 70000'],
    [['serve', '--delay', 'soon'], '--delay must be a whole number of 0 or more, got something that is not a number'],
  ])('ssmock %j is refused in one line', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(oneLine(stderr)).toBe(`ssmock: ${message}`);
  });
});

describe('choosing the API', () => {
  it.each([
    [['openapi', '--api', 'billicart']],
    [['fake', 'Customer', '--api', 'billicart']],
    [['serve', '--api', 'billicart', '--db', 'memory']],
    [['verify', '--target', 'http://localhost:9/', '--api', 'billicart']],
  ])('ssmock %j: a typo lists the APIs there are', async (args) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(1);
    expect(oneLine(stderr)).toBe("ssmock: no API 'billicart' in schemas; APIs: billiecart, servicestack-home");
  });

  it('openapi and fake need no --api when the schemas hold one API', async () => {
    const openapi = await run(['openapi', '--schemas', oneApi]);
    expect(openapi.code).toBe(0);
    expect((JSON.parse(openapi.stdout) as { info: { title: string } }).info.title).toBe('Billiecart API');
    // With both APIs, Customer is ambiguous (cli-serve.test.ts); with one, there is nothing to choose.
    const fake = await run(['fake', 'Customer', '--schemas', oneApi, '--seed', '1']);
    expect(fake.code).toBe(0);
    expect(JSON.parse(fake.stdout)).toHaveProperty('email');
  });

  it('asks for --api, or a --target that names the API, when there are several', async () => {
    const { code, stderr } = await run(['verify', '--target', 'http://localhost:9/']);
    expect(code).toBe(1);
    expect(oneLine(stderr)).toBe(
      "ssmock: 2 APIs in schemas (billiecart, servicestack-home): pass --api, or a --target that ends in the API's base path (http://host/billiecart)",
    );
  });

  describe('verify against a running mock', () => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await startMockServer({ port: 0, db: 'memory', seed: 1 });
    });
    afterAll(() => mock.close());

    it.each([
      ['the target URL ends in the base path of one of several APIs', (url: string) => [`${url}/billiecart`]],
      ['the schemas hold one API', (url: string) => [`${url}/billiecart`, '--schemas', '{oneApi}']],
    ])('needs no --api when %s', async (_, target) => {
      const [url, ...rest] = target(mock.url);
      const args = [
        'verify',
        '--target',
        url!,
        '--user',
        'manager:p@ssw0rd',
        ...rest.map((a) => a.replace('{oneApi}', oneApi)),
      ];
      const { code, stdout, stderr } = await run(args);
      expect(stderr).toBe('');
      expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
      expect(code).toBe(0);
    });
  });
});

describe('serve', () => {
  it('a users.json with a mistake is one line naming the file, not a stack trace', async () => {
    const fixtures = path.join(dir, 'fixtures');
    mkdirSync(fixtures);
    writeFileSync(path.join(fixtures, 'users.json'), '[{ "userName": 3 }]');
    const { code, stderr } = await run(['serve', '--port', '0', '--db', 'memory', '--fixtures', fixtures]);
    expect(code).toBe(1);
    expect(oneLine(stderr)).toBe(
      `ssmock: ${path.join(fixtures, 'users.json')}: user #1: "userName" must be a non-empty string`,
    );
  });

  it('prints http://localhost:PORT and answers on 127.0.0.1, ::1 and localhost', async () => {
    const { child, url } = await serve(['--db', 'memory']);
    try {
      expect(url).toMatch(/^http:\/\/localhost:\d+$/);
      const { port } = new URL(url);
      for (const host of ['127.0.0.1', '[::1]', 'localhost'])
        expect((await fetch(`http://${host}:${port}/__ssmock/health`)).status).toBe(200);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('--host 127.0.0.1 prints and binds that address only', async () => {
    const { child, url } = await serve(['--db', 'memory', '--host', '127.0.0.1']);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/__ssmock/health`)).status).toBe(200);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });
});

describe('a scenario loaded into a db file', () => {
  const backups = () =>
    readdirSync(dir).filter((f) => /^db\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d+)?\.bak\.json$/.test(f));

  it('seed refuses --db memory in one line and writes no file', async () => {
    const { code, stderr } = await run(['seed', 'happy-path', '--db', 'memory'], dir);
    expect(code).toBe(1);
    expect(oneLine(stderr)).toMatch(/^ssmock: seed writes a db file, and --db memory keeps nothing: pass a file/);
    expect(existsSync(path.join(dir, 'memory'))).toBe(false);
  });

  it('an empty or missing db file is not copied', async () => {
    const db = path.join(dir, 'db.json');
    const seeded = await run(['seed', 'happy-path', '--db', db]);
    expect(seeded).toMatchObject({ code: 0, stderr: '' });
    expect(seeded.stdout).not.toMatch(/kept a copy/);
    expect(backups()).toEqual([]);
  });

  it('seed and serve --scenario copy a db file that holds data, say where, then load the scenario', async () => {
    const db = path.join(dir, 'db.json');
    await run(['seed', 'happy-path', '--db', db]);
    const before = readFileSync(db, 'utf8');

    const seeded = await run(['seed', 'customer-not-found', '--db', db]);
    expect(seeded.code).toBe(0);
    const [first] = backups();
    expect(seeded.stdout).toContain(
      `${db} held 7 record(s): kept a copy in ${path.join(dir, first!)} before loading the scenario\n`,
    );
    expect(readFileSync(path.join(dir, first!), 'utf8')).toBe(before);

    const served = await serve(['--db', db, '--scenario', 'happy-path']);
    try {
      expect(served.output()).toMatch(
        new RegExp(
          `${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} held \\d+ record\\(s\\): kept a copy in \\S+\\.bak\\.json before loading the scenario\\n`,
        ),
      );
      expect(backups()).toHaveLength(2);
      const res = await fetch(`${served.url}/__ssmock/health`);
      expect(res.status).toBe(200);
    } finally {
      expect(await stop(served.child)).toBe(0);
    }
  });
});
