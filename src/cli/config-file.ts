/**
 * Where each `ssmock serve` setting comes from: a flag, then an `SSMOCK_*` variable, then `ssmock.config.json`
 * (in the current directory, or `--config FILE`), then the default (README, "Configuration").
 *
 * ssmock layers them itself rather than with yargs' `.env()` and `.config()`: yargs reports a bad value from the
 * environment or a config file as if it were a flag (or, for a file, only "Invalid JSON config file"), and accepts
 * unknown keys in both; here every mistake is one line that names the variable or the file and key.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MEMORY_DB } from '../config.js';
import { closest } from '../schema/did-you-mean.js';
import { UserError } from '../user-error.js';
import {
  SERVE_SETTINGS,
  SETTING_KEYS,
  checkEnvValue,
  checkJsonValue,
  envName,
  type Setting,
  type SettingKey,
  type SettingValue,
} from './serve-settings.js';

/** Looked up in the current directory when no `--config` is given; its absence is fine. */
export const CONFIG_FILE = 'ssmock.config.json';

/** A mistake in the file or a variable is a usage mistake, as a bad flag is (exit 2). */
const USAGE = 2;

export type Settings = Partial<Record<SettingKey, SettingValue>>;

export interface ResolvedSettings {
  /** Every setting that has a value (given, or its default); settings without a default and not given are absent. */
  values: Settings;
  /** Where each value came from: `--port`, `SSMOCK_PORT`, `ssmock.config.json`, `default`. */
  from: Partial<Record<SettingKey, string>>;
  /** The config file read, if any. */
  file?: string;
}

/** `line 3, column 5`, as an editor counts, from the offset V8's JSON.parse reports. */
const whereInText = (text: string, message: string): string => {
  const offset = Number(/ at position (\d+)/.exec(message)?.[1] ?? text.length);
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
};

/** Paths in the file are relative to the file's folder (as tsconfig.json's are), wherever ssmock starts. */
const relativeToFile = (key: SettingKey, value: SettingValue, dir: string): SettingValue => {
  if (typeof value !== 'string') return value;
  const { kind } = SERVE_SETTINGS[key] as Setting;
  const isPath =
    (kind.type === 'path' && !(key === 'db' && value === MEMORY_DB)) ||
    (key === 'scenario' && /[/\\]|\.json$/i.test(value));
  return isPath ? path.resolve(dir, value) : value;
};

/** Reads and checks the config file; `explicit` (`--config FILE`) makes a missing file a mistake. */
export const readConfigFile = (file: string, explicit: boolean): Settings => {
  if (!existsSync(file)) {
    if (explicit) throw new UserError(`--config ${file}: no such file`, USAGE);
    return {};
  }
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const what = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    throw new UserError(`${file}: ${whereInText(text, message)}: not valid JSON (${what})`, USAGE);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UserError(`${file}: expected a JSON object of serve options, e.g. { "port": 5050 }`, USAGE);
  const settings: Settings = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '$schema') continue;
    if (!Object.hasOwn(SERVE_SETTINGS, key)) {
      const near = closest(key, SETTING_KEYS);
      throw new UserError(
        `${file}: unknown key "${key}"${near ? `: did you mean "${near}"?` : ` (known: ${SETTING_KEYS.join(', ')})`}`,
        USAGE,
      );
    }
    const checked = checkJsonValue(key as SettingKey, value);
    if (!checked.ok) throw new UserError(`${file}: ${key}: ${checked.problem}, got ${JSON.stringify(value)}`, USAGE);
    settings[key as SettingKey] = relativeToFile(key as SettingKey, checked.value, path.dirname(path.resolve(file)));
  }
  return settings;
};

/** The `SSMOCK_*` settings of an environment; a misspelt variable close to a known one is refused, not ignored. */
export const readEnvironment = (env: NodeJS.ProcessEnv): Settings => {
  const known = new Map(SETTING_KEYS.map((key) => [envName(key), key]));
  const settings: Settings = {};
  for (const [name, text] of Object.entries(env)) {
    if (!name.startsWith('SSMOCK_') || text === undefined || text === '') continue;
    const key = known.get(name);
    if (!key) {
      const near = closest(name, known.keys());
      if (near) throw new UserError(`${name}: not an ssmock variable: did you mean ${near}?`, USAGE);
      continue;
    }
    const checked = checkEnvValue(key, text);
    if (!checked.ok) throw new UserError(`${name}=${text}: ${checked.problem}`, USAGE);
    settings[key] = checked.value;
  }
  return settings;
};

/**
 * Flags (values yargs parsed; undefined when not given), then the environment, then the file, then the defaults.
 * `configFile` is `--config`'s value; without it `./ssmock.config.json` is read when it exists.
 */
export const resolveSettings = (
  flags: Partial<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  configFile?: string,
): ResolvedSettings => {
  const file = configFile ?? CONFIG_FILE;
  const fromFile = readConfigFile(file, configFile !== undefined);
  const fromEnv = readEnvironment(env);
  const resolved: ResolvedSettings = { values: {}, from: {}, ...(existsSync(file) ? { file } : {}) };
  for (const key of SETTING_KEYS) {
    const flag = flags[key];
    const layers: [SettingValue | undefined, string][] = [
      [flag === undefined ? undefined : (flag as SettingValue), `--${key}`],
      [fromEnv[key], envName(key)],
      [fromFile[key], file],
      [(SERVE_SETTINGS[key] as Setting).default, 'default'],
    ];
    const found = layers.find(([value]) => value !== undefined);
    if (found) {
      resolved.values[key] = found[0]!;
      resolved.from[key] = found[1];
    }
  }
  return resolved;
};
