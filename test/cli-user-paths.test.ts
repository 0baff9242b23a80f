/**
 * Paths and lists the user gives the built CLI, as they meet them: a place ssmock cannot write, a fixtures folder
 * that is not there, an `--api` list. Each mistake is one line on stderr and a non-zero exit, never a stack trace
 * (README, "Command line").
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli/index.js');
const PAGES = path.resolve('schemas/billiecart/docs');

/** The environment without SSMOCK_* variables, so the runner's own settings cannot leak in. */
const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SSMOCK_'))),
  ...extra,
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const run = (args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: cleanEnv(options.env),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: status, stdout, stderr };
};

/** One line, `ssmock: …`, and no trace. */
const expectOneLine = ({ stderr }: Run, message: string | RegExp): void => {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
};

let dir: string;
let afile: string;
beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-paths-'));
  afile = path.join(dir, 'afile');
  writeFileSync(afile, 'not a folder');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('derive --out where nothing can be written', () => {
  it.each([
    ['a file', () => afile, () => path.join(afile, 'billiecart', 'types')],
    ['a folder under a file', () => path.join(afile, 'sub'), () => path.join(afile, 'sub', 'billiecart', 'types')],
  ])('%s: one line naming the path, exit 1', (_, out, folder) => {
    const result = run(['derive', PAGES, '--out', out()]);
    expect(result.code).toBe(1);
    expectOneLine(result, `ssmock: cannot write ${folder()}: ${afile} is a file, not a folder`);
  });

  // /proc takes no new folders: Node's recursive mkdir looped there forever (Linux only).
  (existsSync('/proc/self') ? it : it.skip)('a folder under /proc fails at once', () => {
    const result = run(['derive', PAGES, '--out', '/proc/ssmock-nope']);
    expect(result.code).toBe(1);
    expectOneLine(result, 'ssmock: cannot write /proc/ssmock-nope/billiecart/types: /proc does not take new folders');
  });
});

// The same loop held `serve --db` under /proc forever.
(existsSync('/proc/self') ? it : it.skip)('serve --db under /proc fails at once', () => {
  const result = run(['serve', '--port', '0', '--db', '/proc/ssmock-nope/db.json']);
  expect(result.code).toBe(1);
  expectOneLine(result, 'ssmock: cannot write /proc/ssmock-nope/db.json: /proc does not take new folders');
});

// And `serve --record`, whose scenario file is written before the mock listens.
(existsSync('/proc/self') ? it : it.skip)('serve --record under /proc fails at once', () => {
  const result = run([
    'serve',
    '--port',
    '0',
    '--db',
    'memory',
    '--proxy',
    'http://127.0.0.1:9',
    '--record',
    '/proc/ssmock-nope/recorded.json',
  ]);
  expect(result.code).toBe(1);
  expectOneLine(
    result,
    'ssmock: --record: cannot write /proc/ssmock-nope/recorded.json: /proc does not take new folders',
  );
});

// A page the system will not read (as root, EACCES never happens; /proc/self/mem answers EIO): one error at its
// name, the other inputs still derived, exit 1.
(existsSync('/proc/self') ? it : it.skip)(
  'derive of a page that cannot be read reports it and derives the rest',
  () => {
    const result = run(['derive', '/proc/self/mem', PAGES, '--out', path.join(dir, 'out')]);
    expect(result.code).toBe(1);
    expectOneLine(result, /^\/proc\/self\/mem:1: cannot read: /);
    expect(result.stdout).toMatch(/^billiecart: 3 operations/);
  },
);

describe('derive with no inputs', () => {
  it('derives the pages of ./schemas into --out when --out holds none', () => {
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'schemas', 'billiecart'), { recursive: true });
    cpSync(PAGES, path.join(project, 'schemas', 'billiecart', 'docs'), { recursive: true });
    const result = run(['derive', '--out', 'preview'], { cwd: project });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^billiecart: \d+ operations/);
    expect(readdirSync(path.join(project, 'preview', 'billiecart'))).toEqual(['manifest.json', 'types']);
    expect(readdirSync(path.join(project, 'schemas', 'billiecart'))).toEqual(['docs']);
  });

  it("derives --out's own pages when it holds some", () => {
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'preview', 'own'), { recursive: true });
    cpSync(PAGES, path.join(project, 'preview', 'own', 'docs'), { recursive: true });
    mkdirSync(path.join(project, 'schemas', 'billiecart'), { recursive: true });
    cpSync(PAGES, path.join(project, 'schemas', 'billiecart', 'docs'), { recursive: true });
    const result = run(['derive', '--out', 'preview'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^own: /);
    expect(existsSync(path.join(project, 'preview', 'billiecart'))).toBe(false);
  });

  it('names both places it looked when neither holds pages', () => {
    const result = run(['derive', '--out', 'preview'], { cwd: dir });
    expect(result.code).toBe(1);
    expectOneLine(
      result,
      'ssmock: no inputs: pass metadata pages or put them in preview/<api>/docs/ or schemas/<api>/docs/',
    );
  });
});

it('verify --junit under a file fails before sending anything, naming the report', () => {
  const junit = path.join(afile, 'report.xml');
  const result = run(['verify', '--target', 'http://127.0.0.1:9', '--api', 'billiecart', '--junit', junit]);
  expect(result.code).toBe(1);
  expectOneLine(result, `ssmock: cannot write ${junit}: ${afile} is a file, not a folder`);
});

describe('serve with a fixtures folder that is not there', () => {
  it.each<[string, string[], Record<string, string>, string]>([
    ['--fixtures', ['--fixtures', '/nonexistent-ssmock'], {}, 'ssmock: --fixtures /nonexistent-ssmock: no such folder'],
    [
      'SSMOCK_FIXTURES',
      [],
      { SSMOCK_FIXTURES: '/nonexistent-ssmock' },
      'ssmock: SSMOCK_FIXTURES=/nonexistent-ssmock: no such folder',
    ],
    ['a file given as --fixtures', ['--fixtures', 'package.json'], {}, 'ssmock: --fixtures package.json: not a folder'],
  ])('%s: one line, exit 2', (_, args, env, message) => {
    const result = run(['serve', '--port', '0', '--db', 'memory', ...args], { env });
    expect(result.code).toBe(2);
    expectOneLine(result, message);
  });

  it('the config file: names the file and its key', () => {
    const config = path.join(dir, 'ssmock.config.json');
    writeFileSync(config, JSON.stringify({ fixtures: 'gone' }));
    const result = run(['serve', '--port', '0', '--db', 'memory', '--config', config]);
    expect(result.code).toBe(2);
    expectOneLine(result, `ssmock: ${config}: fixtures ${path.join(dir, 'gone')}: no such folder`);
  });
});

it('serve --api takes a comma-separated list, as SSMOCK_API does', async () => {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--db', 'memory', '--quiet', '--api', 'billiecart,servicestack-home'],
    {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  try {
    await listening;
    expect(out).toMatch(/^billiecart: http:\/\/\S+\/billiecart$/m);
    expect(out).toMatch(/^servicestack-home: http:\/\/\S+\/servicestack-home$/m);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});
