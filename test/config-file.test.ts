/**
 * `ssmock.config.json` and `SSMOCK_*` variables as users meet them (README, "Configuration"): the built CLI run
 * in a project folder; `serve --print-config` says where each setting came from, a real start listens where the
 * file says, and a bad value is one line naming the variable or the file and key.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli/index.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-config-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The environment without the SSMOCK_* variables of whoever runs the tests. */
const cleanEnv = (more: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SSMOCK_'))),
  ...more,
});

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, 'serve', ...args], { cwd: dir, env: cleanEnv(env), encoding: 'utf8' });

const printed = (args: string[], env: Record<string, string> = {}) => {
  const { status, stdout, stderr } = run(['--print-config', ...args], env);
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(stdout) as Record<string, { value: unknown; from: string }>;
};

const writeConfig = (content: unknown, name = 'ssmock.config.json') =>
  writeFileSync(path.join(dir, name), JSON.stringify(content));

describe('precedence: a flag, then SSMOCK_*, then ssmock.config.json, then the default', () => {
  it.each([
    { flag: false, env: false, file: false, port: 5050, from: 'default' },
    { flag: false, env: false, file: true, port: 7001, from: 'ssmock.config.json' },
    { flag: false, env: true, file: true, port: 7002, from: 'SSMOCK_PORT' },
    { flag: true, env: true, file: true, port: 7003, from: '--port' },
    { flag: true, env: false, file: true, port: 7003, from: '--port' },
    { flag: false, env: true, file: false, port: 7002, from: 'SSMOCK_PORT' },
  ])('flag $flag, variable $env, file $file → port $port from $from', ({ flag, env, file, port, from }) => {
    if (file) writeConfig({ port: 7001, dates: 'wcf' });
    const settings = printed(flag ? ['--port', '7003'] : [], env ? { SSMOCK_PORT: '7002' } : {});
    expect(settings['port']).toEqual({ value: port, from });
    // The other settings keep their own sources.
    expect(settings['dates']).toEqual(
      file ? { value: 'wcf', from: 'ssmock.config.json' } : { value: 'iso', from: 'default' },
    );
  });

  it('reads --config FILE instead, with its paths relative to its folder', () => {
    mkdirSync(path.join(dir, 'conf'));
    writeConfig({ db: 'state/db.json', quiet: true }, 'conf/mock.json');
    const settings = printed(['--config', 'conf/mock.json'], { SSMOCK_STRICT: 'true' });
    expect(settings['db']).toEqual({ value: path.join(dir, 'conf', 'state', 'db.json'), from: 'conf/mock.json' });
    expect(settings['quiet']).toEqual({ value: true, from: 'conf/mock.json' });
    expect(settings['strict']).toEqual({ value: true, from: 'SSMOCK_STRICT' });
  });

  it('lets a flag switch off what the file switches on', () => {
    writeConfig({ quiet: true, watch: true });
    const settings = printed(['--no-quiet'], { SSMOCK_WATCH: '0' });
    expect(settings['quiet']).toEqual({ value: false, from: '--quiet' });
    expect(settings['watch']).toEqual({ value: false, from: 'SSMOCK_WATCH' });
  });
});

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

it('starts with the settings of the file: it listens on the port the file names', async () => {
  const port = await freePort();
  writeConfig({ $schema: '../node_modules/ssmock/schemas/meta/ssmock.config.schema.json', port, db: 'memory' });
  const child = spawn(process.execPath, [CLI, 'serve', '--quiet'], {
    cwd: dir,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listening = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  expect(listening).toBe(`http://localhost:${port}`);
  expect((await fetch(`${listening}/__ssmock/health`)).status).toBe(200);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

describe('a bad value is one line naming its source, and exit 2', () => {
  it.each([
    [{}, { SSMOCK_PORT: 'abc' }, 'SSMOCK_PORT=abc: expected a whole number from 0 to 65535'],
    [{}, { SSMOCK_DATES: 'json' }, 'SSMOCK_DATES=json: expected one of iso, wcf'],
    [{}, { SSMOCK_QIUET: '1' }, 'SSMOCK_QIUET: not an ssmock variable: did you mean SSMOCK_QUIET?'],
    [{ port: 'abc' }, {}, 'ssmock.config.json: port: expected a whole number from 0 to 65535, got "abc"'],
    [{ ports: 5050 }, {}, 'ssmock.config.json: unknown key "ports": did you mean "port"?'],
    [{ 'max-sessions': 0 }, {}, 'ssmock.config.json: max-sessions: expected a whole number of 1 or more, got 0'],
  ])('file %j, variables %j', (file, env, message) => {
    writeConfig(file);
    const { status, stdout, stderr } = run(['--db', 'memory', '--port', '0'], env);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: '', stderr: `ssmock: ${message}\n` });
  });

  it('a --config file that is not there', () => {
    const { status, stderr } = run(['--config', 'missing.json']);
    expect({ status, stderr }).toEqual({ status: 2, stderr: 'ssmock: --config missing.json: no such file\n' });
  });
});
