/**
 * `ssmock verify` and `ssmock openapi` as CI runs them: the built CLI in a child process, its
 * stdout, stderr and exit status (0 all pass, 1 a violation, 2 unreachable).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startMockServer, type MockServer } from '../src/server/start.js';
import { closedPort, driftedBackend, listen } from './drifted-backend.js';

const CLI = path.resolve('dist/cli/index.js');
const inDir = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`);
const SOURCES = [
  'src/cli/index.ts',
  'src/cli/commands/verify.ts',
  'src/cli/commands/openapi.ts',
  ...inDir('src/verify'),
  ...inDir('src/openapi'),
];

/** dist/ is built by `npm test`'s pretest; when jest runs alone, build it if it is missing or older than these sources. */
const distIsStale = (): boolean =>
  SOURCES.some((src) => {
    const out = path.resolve(src.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs;
  });

const run = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    // Async, not spawnSync: the mock answering the child runs in this very process.
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });

let mock: MockServer;
let drifted: { url: string; server: Server };
let dir: string;

beforeAll(async () => {
  if (distIsStale()) {
    // Others' files may not type-check mid-change; tsc still emits, and the checks below say if it did not.
    await new Promise<void>((resolve) =>
      execFile(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], () =>
        resolve(),
      ),
    );
  }
  if (!existsSync(CLI)) throw new Error('dist/cli/index.js is missing: run npm run build');
  mock = await startMockServer({ port: 0, db: 'memory', api: 'billiecart', seed: 1 });
  drifted = await listen(driftedBackend());
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-cli-'));
}, 120_000);

afterAll(async () => {
  await mock.close();
  await new Promise<void>((resolve) => drifted.server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('ssmock openapi', () => {
  it('prints a valid OpenAPI 3.1 document of the API asked for', async () => {
    const { code, stdout } = await run('openapi', '--api', 'billiecart');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as Record<string, unknown> & { info: { title: string } };
    expect(doc.info.title).toBe('Billiecart API');
    expect((await new Validator().validate(doc)).valid).toBe(true);
  });

  it('asks for --api in one line when there are several APIs', async () => {
    const { code, stdout, stderr } = await run('openapi');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^ssmock: 2 APIs in .* \(billiecart, servicestack-home\): pass --api\n$/);
  });
});

describe('ssmock verify', () => {
  it('exits 0 when the target keeps the contract', async () => {
    const { code, stdout } = await run(
      'verify',
      '--target',
      mock.url,
      '--api',
      'billiecart',
      '--user',
      'manager:p@ssw0rd',
      '--seed',
      '1',
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('5 passed, 0 failed');
    expect(stdout).toMatch(
      /^PASS CreateCustomerRequest POST \/api\/CreateCustomerRequest 401 \(without credentials\)$/m,
    );
    expect(code).toBe(0);
  });

  it('exits 1 on drift, with a JSON report on stdout and JUnit XML in a file', async () => {
    const junit = path.join(dir, 'verify.xml');
    const { code, stdout } = await run(
      'verify',
      '--target',
      drifted.url,
      '--api',
      'billiecart',
      '--user',
      'manager:p@ssw0rd',
      '--format',
      'json',
      '--junit',
      junit,
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      passed: number;
      failed: number;
      results: { violations: { path?: string }[] }[];
    };
    expect(report).toMatchObject({ passed: 1, failed: 4 });
    expect(report.results.flatMap((r) => r.violations.map((v) => v.path))).toContain('$.customer.id');
    expect(readFileSync(junit, 'utf8')).toContain('failures="4"');
  });

  it('exits 2 with a one-line reason when the target is unreachable', async () => {
    const target = `http://127.0.0.1:${await closedPort()}`;
    const { code, stdout, stderr } = await run('verify', '--target', target, '--api', 'billiecart');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^ssmock: cannot reach ${target}: ECONNREFUSED.*\\n$`));
  });

  it('sends an interactions file, and rejects a bad one with every mistake in one line', async () => {
    const good = path.join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify([
        { operation: 'CreatePersonRequest', request: { timezone: 'Australia/Perth' } },
        { operation: 'CreateCustomerRequest', expect: { status: 401 } },
      ]),
    );
    const ok = await run('verify', '--target', mock.url, '--api', 'billiecart', '--interactions', good);
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
    expect(ok.code).toBe(0);

    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([{ operation: 'Nope' }, { operation: 'CreatePersonRequest', expect: { status: 'ok' } }]),
    );
    const failed = await run('verify', '--target', mock.url, '--api', 'billiecart', '--interactions', bad);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/\[0\]\.operation: no operation 'Nope'.*\[1\]\.expect: expected an object like/),
    ]);
  });

  it("replays a scenario's data records as creates, then the operations that need them", async () => {
    const scenario = path.join(dir, 'two-customers.json');
    const customers = [
      { id: 'c-1', email: 'ann@example.com', $tenant: 'org-1' },
      { id: 'c-2', email: 'bo@example.com', $tenant: 'org-1' },
    ];
    writeFileSync(
      scenario,
      JSON.stringify({ description: 'two customers', data: { billiecart: { Customer: customers } } }),
    );
    const { code, stdout } = await run(
      'verify',
      '--target',
      mock.url,
      '--api',
      'billiecart',
      '--user',
      'manager:p@ssw0rd',
      '--scenario',
      scenario,
    );
    expect(stdout).toMatch(/^PASS CreateCustomerRequest POST \/api\/CreateCustomerRequest 200 \(Customer record 2\)$/m);
    expect(code).toBe(0);
  });

  it('rejects a malformed --user in one line', async () => {
    const { code, stderr } = await run('verify', '--target', mock.url, '--api', 'billiecart', '--user', 'manager');
    expect(code).toBe(1);
    expect(stderr).toBe("ssmock: --user must be NAME:PASSWORD, got 'manager'\n");
  });
});
