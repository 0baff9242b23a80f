/**
 * Every `ssmock serve` option as a setting: its flag, its `SSMOCK_*` variable, its key in `ssmock.config.json`
 * and how a value is checked. One table, so a new option is a flag, a variable and a config key at once, and the
 * committed JSON Schema (schemas/meta/ssmock.config.schema.json) is generated from it (a test compares them).
 */
import { DEFAULTS, MEMORY_DB } from '../config.js';
import { SIZE_PATTERN, expectedSize, parseByteSize } from './byte-size.js';

type Kind =
  | { type: 'whole'; min: number; max: number }
  /** Bytes: a whole number, or a string with a unit (`512kb`, `2MiB`; byte-size.ts), always held as bytes. */
  | { type: 'size'; min: number; max: number }
  | { type: 'string' }
  | { type: 'path' }
  | { type: 'strings' }
  | { type: 'boolean' }
  | { type: 'choice'; choices: readonly string[] };

export interface Setting {
  kind: Kind;
  /** Absent: the option has no default of its own (ssmock picks one at start, as its description says). */
  default?: string | number | boolean;
  describe: string;
}

const whole = (min = 0, max = Number.MAX_SAFE_INTEGER): Kind => ({ type: 'whole', min, max });

/** Keys are the flag names (`session-idle` is `--session-idle`, `SSMOCK_SESSION_IDLE`, `"session-idle"`). */
export const SERVE_SETTINGS = {
  port: { kind: whole(0, 65535), default: DEFAULTS.port, describe: 'port; 0 picks a free one' },
  host: {
    kind: { type: 'string' },
    default: DEFAULTS.host,
    describe: 'localhost = both 127.0.0.1 and ::1; any other address binds only that one',
  },
  schemas: { kind: { type: 'path' }, describe: 'schemas root (default: ./schemas)' },
  api: {
    kind: { type: 'strings' },
    describe: 'serve only these APIs (repeat the flag or separate with commas); one API is served at /',
  },
  db: { kind: { type: 'path' }, default: DEFAULTS.db, describe: `state file, or '${MEMORY_DB}'` },
  fixtures: { kind: { type: 'path' }, describe: 'users.json and scenarios/ (default: ./fixtures)' },
  scenario: {
    kind: { type: 'string' },
    describe: 'scenario name in <fixtures>/scenarios/, or a path; a db file that holds data is copied first',
  },
  seed: { kind: whole(), describe: 'seed for fake data: same requests, byte-identical answers' },
  auth: {
    kind: { type: 'choice', choices: ['on', 'off'] },
    default: 'on',
    describe: 'enforce Requires Authentication / roles',
  },
  delay: { kind: whole(), default: 0, describe: 'milliseconds added to every API answer' },
  // Every body reader honours it: API calls and batches, Server Events' services, the admin API (README, Errors).
  'body-limit': {
    // 256 MiB at most: a JSON body is decoded into one string, and V8's strings end short of 512 MiB.
    kind: { type: 'size', min: 1, max: 256 * 1024 * 1024 },
    default: DEFAULTS.bodyLimit,
    describe: 'largest request body (after inflation), in bytes or with a unit (512kb, 2mb); a bigger one is 413',
  },
  strict: { kind: { type: 'boolean' }, default: false, describe: 'also reject properties the schema does not know' },
  'jwt-secret': { kind: { type: 'string' }, describe: 'HS256 secret for tokens (default: random per start)' },
  dates: {
    kind: { type: 'choice', choices: ['iso', 'wcf'] },
    default: 'iso',
    describe: "JSON dates: ISO-8601, or ServiceStack's classic /Date(ms)/",
  },
  'session-idle': {
    kind: whole(1),
    default: DEFAULTS.sessionIdleMinutes,
    describe: 'minutes an X-Ssmock-Session may go unused before it is forgotten',
  },
  'max-sessions': {
    kind: whole(1),
    default: DEFAULTS.maxSessions,
    describe: 'sessions kept besides the default one; the least recently used goes first',
  },
  fill: { kind: whole(), default: 0, describe: 'N realistic, seeded rows in each empty AutoQuery table at start-up' },
  quiet: { kind: { type: 'boolean' }, default: false, describe: 'no request log lines' },
  watch: {
    kind: { type: 'boolean' },
    default: false,
    describe: 'derive changed pages again and reload schemas, users.json and scenarios without a restart',
  },
  // README "Proxy and record" (src/proxy/).
  proxy: {
    kind: { type: 'string' },
    describe: 'a real ServiceStack backend (URL) that answers every call no scripted rule answers, or --proxy-ops',
  },
  'proxy-ops': { kind: { type: 'strings' }, describe: 'with --proxy: only these operations go to the backend' },
  record: {
    kind: { type: 'path' },
    describe: "with --proxy: write the backend's answers to this scenario file (records, error rules; no secrets)",
  },
  'proxy-timeout': {
    kind: whole(1, 600),
    default: 30,
    describe: 'with --proxy: seconds to wait for the backend before answering 502',
  },
} satisfies Record<string, Setting>;

export type SettingKey = keyof typeof SERVE_SETTINGS;
export type SettingValue = string | number | boolean | string[];

export const SETTING_KEYS = Object.keys(SERVE_SETTINGS) as SettingKey[];

/** `session-idle` → `SSMOCK_SESSION_IDLE`. */
export const envName = (key: SettingKey): string => `SSMOCK_${key.toUpperCase().replace(/-/g, '_')}`;

/** `from 0 to 65535`, `of 1 or more`. */
export const range = (min: number, max: number): string =>
  max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;

/** What a setting expects, for messages. */
const expected = (kind: Kind): string => {
  switch (kind.type) {
    case 'whole':
      return `a whole number ${range(kind.min, kind.max)}`;
    case 'size':
      return expectedSize(kind.min, kind.max);
    case 'string':
    case 'path':
      return 'a non-empty string';
    case 'strings':
      return 'a list of names (an array of strings)';
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${kind.choices.join(', ')}`;
  }
};

export type Checked = { ok: true; value: SettingValue } | { ok: false; problem: string };

const fail = (kind: Kind): Checked => ({ ok: false, problem: `expected ${expected(kind)}` });

const inRange = (value: unknown, { min, max }: { min: number; max: number }): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** A size as a whole number of bytes, or as text with a unit (`512kb`): held as bytes either way. */
const checkSize = (kind: Kind & { type: 'size' }, value: unknown): Checked => {
  const bytes = typeof value === 'string' ? parseByteSize(value) : value;
  return inRange(bytes, kind) ? { ok: true, value: bytes } : fail(kind);
};

/** A value from the config file, already JSON: checked, never converted (`"5050"` is not a port there). */
export const checkJsonValue = (key: SettingKey, value: unknown): Checked => {
  const { kind } = SERVE_SETTINGS[key] as Setting;
  switch (kind.type) {
    case 'whole':
      return inRange(value, kind) ? { ok: true, value } : fail(kind);
    case 'size':
      return checkSize(kind, value);
    case 'string':
    case 'path':
      return typeof value === 'string' && value !== '' ? { ok: true, value } : fail(kind);
    case 'strings': {
      const list = typeof value === 'string' ? [value] : value;
      return Array.isArray(list) && list.length > 0 && list.every((v) => typeof v === 'string' && v !== '')
        ? { ok: true, value: list as string[] }
        : fail(kind);
    }
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : fail(kind);
    case 'choice':
      return typeof value === 'string' && kind.choices.includes(value) ? { ok: true, value } : fail(kind);
  }
};

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** A value from an environment variable, always a string: converted to the setting's type, then checked. */
export const checkEnvValue = (key: SettingKey, text: string): Checked => {
  const { kind } = SERVE_SETTINGS[key] as Setting;
  const trimmed = text.trim();
  switch (kind.type) {
    case 'whole':
      return /^\d+$/.test(trimmed) ? checkJsonValue(key, Number(trimmed)) : fail(kind);
    case 'strings': {
      const names = trimmed.split(',').map((s) => s.trim());
      return names.every(Boolean)
        ? { ok: true, value: names }
        : { ok: false, problem: 'expected names separated by commas' };
    }
    case 'boolean':
      if (TRUE.has(trimmed.toLowerCase())) return { ok: true, value: true };
      if (FALSE.has(trimmed.toLowerCase())) return { ok: true, value: false };
      return { ok: false, problem: 'expected true or false (also 1/0, yes/no, on/off)' };
    default:
      return checkJsonValue(key, trimmed);
  }
};

const kindSchema = (kind: Kind): Record<string, unknown> => {
  switch (kind.type) {
    case 'whole':
      return {
        type: 'integer',
        minimum: kind.min,
        ...(kind.max === Number.MAX_SAFE_INTEGER ? {} : { maximum: kind.max }),
      };
    case 'size':
      return {
        oneOf: [
          { type: 'integer', minimum: kind.min, maximum: kind.max },
          { type: 'string', pattern: SIZE_PATTERN },
        ],
      };
    case 'string':
    case 'path':
      return { type: 'string', minLength: 1 };
    case 'strings':
      return {
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        ],
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'choice':
      return { enum: [...kind.choices] };
  }
};

/** The JSON Schema of `ssmock.config.json`, as committed in schemas/meta/ssmock.config.schema.json. */
export const configFileSchema = (): Record<string, unknown> => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://schemas.ssmock.dev/meta/ssmock.config.schema.json',
  title: 'ssmock configuration',
  description:
    "Options of 'ssmock serve' (README, Configuration). A flag beats an SSMOCK_* variable, which beats this file, which beats the defaults; relative paths are relative to this file's folder.",
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { description: 'Path or URL of this schema, for editor completion.', type: 'string' },
    ...Object.fromEntries(
      SETTING_KEYS.map((key) => {
        const setting = SERVE_SETTINGS[key] as Setting;
        return [
          key,
          {
            description: `${setting.describe} (--${key}, ${envName(key)})`,
            ...kindSchema(setting.kind),
            ...(setting.default === undefined ? {} : { default: setting.default }),
          },
        ];
      }),
    ),
  },
});
