import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { UserError } from '../user-error.js';
import { readConfigFile, readEnvironment, resolveSettings } from './config-file.js';
import {
  checkEnvValue,
  checkJsonValue,
  configFileSchema,
  envName,
  SERVE_SETTINGS,
  SETTING_KEYS,
} from './serve-settings.js';

/** What a size setting (body-limit) expects, as its messages say. */
const SIZE = 'a size from 1 B to 256 MiB: a number of bytes, or with a unit (512kb, 1mb, 2MiB)';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const configFile = (content: unknown): string => {
  const file = path.join(dir, 'ssmock.config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

const mistake = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error('expected a UserError');
};

describe('precedence: flag, then SSMOCK_* variable, then config file, then default', () => {
  const cases: { flag?: number; env?: string; file?: number; port: number; from: string }[] = [
    { port: 5050, from: 'default' },
    { file: 7001, port: 7001, from: 'FILE' },
    { env: '7002', file: 7001, port: 7002, from: 'SSMOCK_PORT' },
    { flag: 7003, env: '7002', file: 7001, port: 7003, from: '--port' },
    { flag: 7003, file: 7001, port: 7003, from: '--port' },
    { flag: 7003, env: '7002', port: 7003, from: '--port' },
    { env: '7002', port: 7002, from: 'SSMOCK_PORT' },
  ];
  it.each(cases)('flag $flag, variable $env, file $file → $port from $from', ({ flag, env, file, port, from }) => {
    const config = file === undefined ? path.join(dir, 'absent.json') : configFile({ port: file });
    const resolved = resolveSettings(
      { port: flag },
      env === undefined ? {} : { SSMOCK_PORT: env },
      file === undefined ? undefined : config,
    );
    expect(resolved.values.port).toBe(port);
    expect(resolved.from.port).toBe(from === 'FILE' ? config : from);
  });

  it('layers each setting on its own', () => {
    const config = configFile({ dates: 'wcf', quiet: true, delay: 5 });
    const { values, from } = resolveSettings({ delay: 9 }, { SSMOCK_QUIET: 'false' }, config);
    expect(values).toMatchObject({ dates: 'wcf', quiet: false, delay: 9, auth: 'on' });
    expect(from).toMatchObject({ dates: config, quiet: 'SSMOCK_QUIET', delay: '--delay', auth: 'default' });
    // No default and not given: absent, so serve picks its own (./schemas, a random JWT secret…).
    expect(values).not.toHaveProperty('schemas');
  });
});

describe('the config file', () => {
  it('resolves paths against its own folder, and keeps memory and scenario names as they are', () => {
    const file = configFile({ schemas: 'api-schemas', db: 'memory', scenario: 'happy-path', fixtures: '../fx' });
    expect(readConfigFile(file, true)).toEqual({
      schemas: path.join(dir, 'api-schemas'),
      db: 'memory',
      scenario: 'happy-path',
      fixtures: path.resolve(dir, '../fx'),
    });
    const other = configFile({ db: 'state/db.json', scenario: 'qa/broken.json' });
    expect(readConfigFile(other, true)).toEqual({
      db: path.join(dir, 'state/db.json'),
      scenario: path.join(dir, 'qa/broken.json'),
    });
  });

  it('is optional in the current directory but not when --config names it', () => {
    expect(readConfigFile(path.join(dir, 'ssmock.config.json'), false)).toEqual({});
    expect(mistake(() => readConfigFile(path.join(dir, 'nope.json'), true))).toBe(
      `--config ${path.join(dir, 'nope.json')}: no such file`,
    );
  });

  it.each([
    [{ ports: 5050 }, 'unknown key "ports": did you mean "port"?'],
    [{ sessionIdle: 5 }, 'unknown key "sessionIdle": did you mean "session-idle"?'],
    [{ colour: 'red' }, `unknown key "colour" (known: ${SETTING_KEYS.join(', ')})`],
    [{ port: 'abc' }, 'port: expected a whole number from 0 to 65535, got "abc"'],
    [{ port: 70000 }, 'port: expected a whole number from 0 to 65535, got 70000'],
    [{ 'session-idle': 0 }, 'session-idle: expected a whole number of 1 or more, got 0'],
    [{ auth: 'maybe' }, 'auth: expected one of on, off, got "maybe"'],
    [{ strict: 'yes' }, 'strict: expected true or false, got "yes"'],
    [{ api: [] }, 'api: expected a list of names (an array of strings), got []'],
    [{ 'body-limit': '1m' }, `body-limit: expected ${SIZE}, got "1m"`],
    [{ 'body-limit': 0 }, `body-limit: expected ${SIZE}, got 0`],
    [{ 'body-limit': '1gb' }, `body-limit: expected ${SIZE}, got "1gb"`],
    [{ 'body-limit': 1.5 }, `body-limit: expected ${SIZE}, got 1.5`],
    [[1, 2], 'expected a JSON object of serve options, e.g. { "port": 5050 }'],
  ])('refuses %j in one line naming the file and key', (content, message) => {
    const file = configFile(content);
    expect(mistake(() => readConfigFile(file, true))).toBe(`${file}: ${message}`);
  });

  it('says where its JSON breaks', () => {
    const file = configFile('{\n  "port": 5050,\n}\n');
    expect(mistake(() => readConfigFile(file, true))).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 3, column 1: not valid JSON`),
    );
  });

  it.each([
    [2048, 2048],
    ['2048', 2048],
    ['512kb', 512 * 1024],
    ['2MiB', 2 * 1024 * 1024],
    ['1 MB', 1024 * 1024],
  ])('reads body-limit %j as %d bytes', (value, bytes) => {
    expect(readConfigFile(configFile({ 'body-limit': value }), true)).toEqual({ 'body-limit': bytes });
  });

  it('accepts "$schema" and an api name as a string', () => {
    const file = configFile({
      $schema: './node_modules/ssmock/schemas/meta/ssmock.config.schema.json',
      api: 'billiecart',
    });
    expect(readConfigFile(file, true)).toEqual({ api: ['billiecart'] });
  });
});

describe('SSMOCK_* variables', () => {
  it.each([
    ['SSMOCK_PORT', '8080', { port: 8080 }],
    ['SSMOCK_DB', 'memory', { db: 'memory' }],
    ['SSMOCK_API', 'billiecart, servicestack-home', { api: ['billiecart', 'servicestack-home'] }],
    ['SSMOCK_STRICT', '1', { strict: true }],
    ['SSMOCK_WATCH', 'on', { watch: true }],
    ['SSMOCK_QUIET', 'No', { quiet: false }],
    ['SSMOCK_SESSION_IDLE', '45', { 'session-idle': 45 }],
    ['SSMOCK_JWT_SECRET', 's3cret', { 'jwt-secret': 's3cret' }],
    ['SSMOCK_DATES', 'wcf', { dates: 'wcf' }],
    ['SSMOCK_BODY_LIMIT', '4096', { 'body-limit': 4096 }],
    ['SSMOCK_BODY_LIMIT', ' 512KB ', { 'body-limit': 512 * 1024 }],
    ['SSMOCK_BODY_LIMIT', '2MiB', { 'body-limit': 2 * 1024 * 1024 }],
    ['SSMOCK_OTHER_TOOL', 'x', {}],
    ['SSMOCK_PORT', '', {}],
  ])('%s=%s → %j', (name, value, settings) => {
    expect(readEnvironment({ [name]: value, PATH: '/bin' })).toEqual(settings);
  });

  it.each([
    ['SSMOCK_PORT', 'abc', 'SSMOCK_PORT=abc: expected a whole number from 0 to 65535'],
    ['SSMOCK_PORT', '-1', 'SSMOCK_PORT=-1: expected a whole number from 0 to 65535'],
    ['SSMOCK_PORT', '1.5', 'SSMOCK_PORT=1.5: expected a whole number from 0 to 65535'],
    ['SSMOCK_PORT', '99999', 'SSMOCK_PORT=99999: expected a whole number from 0 to 65535'],
    ['SSMOCK_STRICT', 'maybe', 'SSMOCK_STRICT=maybe: expected true or false (also 1/0, yes/no, on/off)'],
    ['SSMOCK_AUTH', 'of', 'SSMOCK_AUTH=of: expected one of on, off'],
    ['SSMOCK_API', 'a,,b', 'SSMOCK_API=a,,b: expected names separated by commas'],
    ['SSMOCK_BODY_LIMIT', '1.5mb', `SSMOCK_BODY_LIMIT=1.5mb: expected ${SIZE}`],
    ['SSMOCK_BODY_LIMIT', '300mb', `SSMOCK_BODY_LIMIT=300mb: expected ${SIZE}`],
    ['SSMOCK_PROT', '1', 'SSMOCK_PROT: not an ssmock variable: did you mean SSMOCK_PORT?'],
  ])('refuses %s=%s in one line', (name, value, message) => {
    expect(mistake(() => readEnvironment({ [name]: value }))).toBe(message);
  });

  it('are each listed in the README', () => {
    const readme = readFileSync(path.resolve('README.md'), 'utf8');
    expect(SETTING_KEYS.map(envName).filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('names each variable after its flag', () => {
    expect(SETTING_KEYS.map(envName)).toContain('SSMOCK_MAX_SESSIONS');
    expect(envName('jwt-secret')).toBe('SSMOCK_JWT_SECRET');
  });
});

describe('each setting checks values the same way from the file and the environment', () => {
  it.each(SETTING_KEYS)('%s', (key) => {
    const fallback = (SERVE_SETTINGS[key] as { default?: unknown }).default;
    if (fallback === undefined) return;
    expect(checkJsonValue(key, fallback)).toEqual({ ok: true, value: fallback });
    expect(checkEnvValue(key, String(fallback))).toEqual({ ok: true, value: fallback });
  });
});

describe('schemas/meta/ssmock.config.schema.json', () => {
  const committed = JSON.parse(readFileSync(path.resolve('schemas/meta/ssmock.config.schema.json'), 'utf8')) as Record<
    string,
    unknown
  >;

  it('is the schema the settings table gives (regenerate it from configFileSchema() when a setting changes)', () => {
    expect(committed).toEqual(configFileSchema());
  });

  it('accepts what the file reader accepts and refuses an unknown key', () => {
    const validate = new Ajv2020({ strict: true }).compile(committed);
    expect(validate({ $schema: 'x', port: 0, api: ['a'], auth: 'off', watch: true, 'session-idle': 5 })).toBe(true);
    expect(validate({ prot: 1 })).toBe(false);
    expect(validate({ port: 65536 })).toBe(false);
    expect(validate({ 'body-limit': '512kb' })).toBe(true);
    expect(validate({ 'body-limit': 2048 })).toBe(true);
    expect(validate({ 'body-limit': '1.5mb' })).toBe(false);
    expect(validate({ 'body-limit': 0 })).toBe(false);
  });
});
