import type { CommandModule } from 'yargs';
import { startMockServer } from '../../server/start.js';
import { DEFAULTS } from '../../config.js';
import { UserError } from '../user-error.js';

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
}

export const serveCommand: CommandModule<object, Args> = {
  command: 'serve',
  describe: 'Start the mock server',
  builder: (y) =>
    y
      .option('port', { type: 'number', default: DEFAULTS.port, describe: 'port; 0 picks a free one' })
      .option('host', { type: 'string', default: DEFAULTS.host })
      .option('schemas', { type: 'string', describe: 'schemas root (default: ./schemas)' })
      .option('api', { type: 'string', array: true, describe: 'serve only these APIs; one API is served at /' })
      .option('db', { type: 'string', default: DEFAULTS.db, describe: "state file, or 'memory'" })
      .option('fixtures', { type: 'string', describe: 'users.json and scenarios/ (default: ./fixtures)' })
      .option('scenario', { type: 'string', describe: 'scenario name in <fixtures>/scenarios/, or a path' })
      .option('seed', { type: 'number', describe: 'seed for fake data: same requests, byte-identical answers' })
      .option('auth', {
        type: 'string',
        choices: ['on', 'off'],
        default: 'on',
        describe: 'enforce Requires Authentication / roles',
      })
      .option('delay', { type: 'number', default: 0, describe: 'milliseconds added to every API answer' })
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
      .option('quiet', { type: 'boolean', default: false, describe: 'no request log lines' }),
  handler: async (args) => {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
      throw new UserError(`--port must be 0-65535, got ${args.port}`);
    const jwtSecret = args['jwt-secret'] ?? process.env['SSMOCK_JWT_SECRET'];
    const server = await startMockServer({
      port: args.port,
      host: args.host,
      db: args.db,
      auth: args.auth === 'on',
      delay: args.delay,
      strict: args.strict,
      requestLog: !args.quiet,
      dates: args.dates === 'wcf' ? 'wcf' : 'iso',
      log: (line) => process.stdout.write(`${line}\n`),
      ...(args.schemas ? { schemas: args.schemas } : {}),
      ...(args.api ? { api: args.api } : {}),
      ...(args.fixtures ? { fixtures: args.fixtures } : {}),
      ...(args.scenario ? { scenario: args.scenario } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(jwtSecret ? { jwtSecret } : {}),
    }).catch((err: Error & { code?: string }) => {
      if (err.code === 'EADDRINUSE')
        throw new UserError(`port ${args.port} is in use: pick another with --port (0 = any free port)`);
      throw new UserError(err.message.replace(/^\[ssmock\] /, ''));
    });
    // Handlers first: a supervisor may signal the moment it reads the listening line.
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (const api of server.apis) {
      process.stdout.write(`${api.id}: ${api.url}\n`);
      for (const op of api.operations) process.stdout.write(`  ${op}\n`);
    }
    process.stdout.write(`admin: ${server.url}/__ssmock\nlistening on ${server.url}\n`);
  },
};
