import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CommandModule, Options } from 'yargs';
import { defaultSchemasRoot } from '../../config.js';
import { backendName } from '../../proxy/forward.js';
import { startMockServer, type MockServerOptions } from '../../server/start.js';
import { asUserMistake, UserError } from '../../user-error.js';
import { pickApiIds } from '../apis.js';
import { CONFIG_FILE, resolveSettings, type ResolvedSettings } from '../config-file.js';
import { formatByteSize } from '../byte-size.js';
import { byteSize, wholeNumber } from '../flags.js';
import { keepCopyOfDbFile } from '../keep-db-copy.js';
import { SERVE_SETTINGS, SETTING_KEYS, envName, type Setting } from '../serve-settings.js';

interface Args {
  config?: string;
  'print-config'?: boolean;
  [setting: string]: unknown;
}

/** The values `serve` runs with, typed (resolveSettings has checked each against its setting). */
interface Serve {
  port: number;
  host: string;
  schemas?: string;
  api?: string[];
  db: string;
  fixtures?: string;
  scenario?: string;
  seed?: number;
  auth: 'on' | 'off';
  delay: number;
  'body-limit': number;
  strict: boolean;
  'jwt-secret'?: string;
  quiet: boolean;
  dates: 'iso' | 'wcf';
  'session-idle': number;
  'max-sessions': number;
  fill: number;
  watch: boolean;
  proxy?: string;
  'proxy-ops'?: string[];
  record?: string;
  'proxy-timeout': number;
}

/** A folder as the user would type it: relative to the current directory when inside it. */
const shown = (dir: string): string => {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir;
};

/** Listening failures the user can fix, in their words; anything else as `asUserMistake` judges it. */
const startFailure = (err: unknown, { port, host }: Serve): unknown => {
  const { code, syscall } = err as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE')
    return new UserError(`port ${port} is in use: pick another with --port (0 = any free port)`);
  if (syscall === 'listen' && code === 'EACCES')
    return new UserError(`port ${port} needs privileges here: pick one above 1023 with --port`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new UserError(`cannot listen on --host ${host}: not an address of this machine (${code})`);
  return asUserMistake(err);
};

/**
 * The yargs option of a setting. No yargs defaults: an absent flag must stay undefined, or it would hide the
 * variable and the config file beneath it (config-file.ts layers them); `--help` still shows each default.
 */
const flagOf = (key: string, { kind, default: fallback, describe }: Setting): Options => {
  const shown = fallback === undefined ? {} : { defaultDescription: JSON.stringify(fallback) };
  const text = `${describe} [${envName(key as never)}]`;
  switch (kind.type) {
    case 'whole':
      return { type: 'number', coerce: wholeNumber(key, kind.min, kind.max), describe: text, ...shown };
    case 'size': {
      const size = typeof fallback === 'number' ? { defaultDescription: formatByteSize(fallback) } : shown;
      return { type: 'string', coerce: byteSize(key, kind.min, kind.max), describe: text, ...size };
    }
    case 'strings':
      return { type: 'string', array: true, describe: text, ...shown };
    case 'boolean':
      return { type: 'boolean', describe: text, ...shown };
    case 'choice':
      return { type: 'string', choices: [...kind.choices], describe: text, ...shown };
    default:
      return { type: 'string', describe: text, ...shown };
  }
};

const optionsOf = (s: Serve): MockServerOptions => ({
  port: s.port,
  host: s.host,
  db: s.db,
  auth: s.auth === 'on',
  delay: s.delay,
  bodyLimit: s['body-limit'],
  strict: s.strict,
  requestLog: !s.quiet,
  dates: s.dates,
  sessionIdleMinutes: s['session-idle'],
  maxSessions: s['max-sessions'],
  fill: s.fill,
  watch: s.watch,
  log: (line) => process.stdout.write(`${line}\n`),
  warn: (line) => process.stderr.write(`${line}\n`),
  ...(s.schemas ? { schemas: s.schemas } : {}),
  ...(s.fixtures ? { fixtures: s.fixtures } : {}),
  ...(s.scenario ? { scenario: s.scenario } : {}),
  ...(s.seed !== undefined ? { seed: s.seed } : {}),
  ...(s['jwt-secret'] ? { jwtSecret: s['jwt-secret'] } : {}),
  ...(s.proxy ? { proxy: s.proxy, proxyTimeoutMs: s['proxy-timeout'] * 1000 } : {}),
  ...(s['proxy-ops'] ? { proxyOps: s['proxy-ops'] } : {}),
  ...(s.record ? { record: s.record } : {}),
});

/**
 * A fixtures folder the user named (flag, variable or config file) must be there: a typo would otherwise start a
 * mock that silently knows no users. The default `./fixtures` may be missing (the shipped fixtures are used).
 */
const checkFixtures = (folder: string | undefined, from: string | undefined): void => {
  if (folder === undefined || from === undefined || from === 'default') return;
  const problem = !existsSync(folder) ? 'no such folder' : statSync(folder).isDirectory() ? undefined : 'not a folder';
  if (!problem) return;
  const named =
    from === '--fixtures'
      ? `--fixtures ${folder}`
      : from === envName('fixtures')
        ? `${from}=${folder}`
        : `${from}: fixtures ${folder}`;
  throw new UserError(`${named}: ${problem}`, 2);
};

/** `--print-config`: each setting, its value and where it came from, as JSON. */
const printed = ({ values, from }: ResolvedSettings): string =>
  JSON.stringify(
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, from: from[key as never] }])),
    null,
    2,
  );

export const serveCommand: CommandModule<object, Args> = {
  command: 'serve',
  describe: 'Start the mock server',
  builder: (y) => {
    for (const key of SETTING_KEYS) y.option(key, flagOf(key, SERVE_SETTINGS[key] as Setting));
    return y
      .option('config', {
        type: 'string',
        describe: `a config file of serve options (default: ./${CONFIG_FILE} when there is one)`,
      })
      .option('print-config', {
        type: 'boolean',
        describe: 'print each setting, its value and where it came from (flag, variable, file, default); start nothing',
      }) as never;
  },
  handler: async (args) => {
    const resolved = resolveSettings(args, process.env, args.config);
    if (args['print-config']) {
      process.stdout.write(`${printed(resolved)}\n`);
      return;
    }
    const s = resolved.values as unknown as Serve;
    checkFixtures(s.fixtures, resolved.from.fixtures);
    const api = pickApiIds(s.schemas ?? defaultSchemasRoot(), s.api);
    if (s.scenario) await keepCopyOfDbFile(s.db).catch((err: unknown) => Promise.reject(asUserMistake(err)));
    const server = await startMockServer({ ...optionsOf(s), ...(api ? { api } : {}) }).catch((err: unknown) =>
      Promise.reject(startFailure(err, s)),
    );
    // Handlers first: a supervisor may signal the moment it reads the listening line.
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (const each of server.apis) {
      process.stdout.write(`${each.id}: ${each.url}\n`);
      for (const op of each.operations) process.stdout.write(`  ${op}\n`);
    }
    if (server.watching) process.stdout.write(`watching ${server.watching.map(shown).join(', ')} for changes\n`);
    if (s.proxy)
      process.stdout.write(
        `proxying ${s['proxy-ops']?.join(', ') ?? 'every call no rule answers'} to ${backendName(new URL(s.proxy))}${s.record ? `, recording to ${s.record}` : ''}\n`,
      );
    process.stdout.write(`admin: ${server.url}/__ssmock\nlistening on ${server.url}\n`);
  },
};
