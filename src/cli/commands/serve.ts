import type { CommandModule } from 'yargs';
import { DEFAULTS, MEMORY_DB, defaultSchemasRoot } from '../../config.js';
import { startMockServer } from '../../server/start.js';
import { asUserMistake, UserError } from '../../user-error.js';
import { pickApiIds } from '../apis.js';
import { seedFlag, wholeNumber } from '../flags.js';
import { keepCopyOfDbFile } from '../keep-db-copy.js';

interface Args {
  port: number;
  host: string;
  schemas?: string;
  api?: string[];
  db: string;
  fixtures?: string;
  scenario?: string;
  seed?: number;
  auth: string;
  delay: number;
  strict: boolean;
  'jwt-secret'?: string;
  quiet: boolean;
  dates: string;
  'session-idle': number;
  'max-sessions': number;
  fill: number;
}

/** Listening failures the user can fix, in their words; anything else as `asUserMistake` judges it. */
const startFailure = (err: unknown, { port, host }: Args): unknown => {
  const { code, syscall } = err as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE')
    return new UserError(`port ${port} is in use: pick another with --port (0 = any free port)`);
  if (syscall === 'listen' && code === 'EACCES')
    return new UserError(`port ${port} needs privileges here: pick one above 1023 with --port`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new UserError(`cannot listen on --host ${host}: not an address of this machine (${code})`);
  return asUserMistake(err);
};

export const serveCommand: CommandModule<object, Args> = {
  command: 'serve',
  describe: 'Start the mock server',
  builder: (y) =>
    y
      .option('port', {
        type: 'number',
        default: DEFAULTS.port,
        coerce: wholeNumber('port', 0, 65535),
        describe: 'port; 0 picks a free one',
      })
      .option('host', {
        type: 'string',
        default: DEFAULTS.host,
        describe: 'localhost = both 127.0.0.1 and ::1; any other address binds only that one',
      })
      .option('schemas', { type: 'string', describe: 'schemas root (default: ./schemas)' })
      .option('api', { type: 'string', array: true, describe: 'serve only these APIs; one API is served at /' })
      .option('db', { type: 'string', default: DEFAULTS.db, describe: `state file, or '${MEMORY_DB}'` })
      .option('fixtures', { type: 'string', describe: 'users.json and scenarios/ (default: ./fixtures)' })
      .option('scenario', {
        type: 'string',
        describe: 'scenario name in <fixtures>/scenarios/, or a path; a db file that holds data is copied first',
      })
      .option('seed', seedFlag)
      .option('auth', {
        type: 'string',
        choices: ['on', 'off'],
        default: 'on',
        describe: 'enforce Requires Authentication / roles',
      })
      .option('delay', {
        type: 'number',
        default: 0,
        coerce: wholeNumber('delay'),
        describe: 'milliseconds added to every API answer',
      })
      .option('strict', {
        type: 'boolean',
        default: false,
        describe: 'also reject properties the schema does not know',
      })
      .option('jwt-secret', {
        type: 'string',
        describe: 'HS256 secret for tokens (default: $SSMOCK_JWT_SECRET, else random per start)',
      })
      .option('dates', {
        type: 'string',
        choices: ['iso', 'wcf'],
        default: 'iso',
        describe: "JSON dates: ISO-8601, or ServiceStack's classic /Date(ms)/",
      })
      .option('session-idle', {
        type: 'number',
        default: DEFAULTS.sessionIdleMinutes,
        coerce: wholeNumber('session-idle', 1),
        describe: 'minutes an X-Ssmock-Session may go unused before it is forgotten',
      })
      .option('max-sessions', {
        type: 'number',
        default: DEFAULTS.maxSessions,
        coerce: wholeNumber('max-sessions', 1),
        describe: 'sessions kept besides the default one; the least recently used goes first',
      })
      .option('fill', {
        type: 'number',
        default: 0,
        coerce: wholeNumber('fill'),
        describe: 'N realistic, seeded rows in each empty AutoQuery table at start-up',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'no request log lines' }),
  handler: async (args) => {
    const jwtSecret = args['jwt-secret'] ?? process.env['SSMOCK_JWT_SECRET'];
    const api = pickApiIds(args.schemas ?? defaultSchemasRoot(), args.api);
    if (args.scenario) await keepCopyOfDbFile(args.db).catch((err: unknown) => Promise.reject(asUserMistake(err)));
    const server = await startMockServer({
      port: args.port,
      host: args.host,
      db: args.db,
      auth: args.auth === 'on',
      delay: args.delay,
      strict: args.strict,
      requestLog: !args.quiet,
      dates: args.dates === 'wcf' ? 'wcf' : 'iso',
      sessionIdleMinutes: args['session-idle'],
      maxSessions: args['max-sessions'],
      fill: args.fill,
      log: (line) => process.stdout.write(`${line}\n`),
      ...(args.schemas ? { schemas: args.schemas } : {}),
      ...(api ? { api } : {}),
      ...(args.fixtures ? { fixtures: args.fixtures } : {}),
      ...(args.scenario ? { scenario: args.scenario } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(jwtSecret ? { jwtSecret } : {}),
    }).catch((err: unknown) => Promise.reject(startFailure(err, args)));
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
    process.stdout.write(`admin: ${server.url}/__ssmock\nlistening on ${server.url}\n`);
  },
};
