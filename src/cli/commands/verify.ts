import path from 'node:path';
import type { CommandModule } from 'yargs';
import { createCatalog } from '../../scenarios/catalog.js';
import { loadApis } from '../../schema/registry.js';
import {
  formatJson,
  formatJunit,
  formatText,
  planInteractions,
  verifyProvider,
  type Interaction,
  type VerifyOptions,
} from '../../verify/index.js';
import { readInteractionsFile } from '../../verify/interactions-file.js';
import { DEFAULTS, defaultFixtures, defaultSchemasRoot } from '../../config.js';
import { makeFolder, writeOutput } from '../../output-paths.js';
import { asUserMistake, UserError } from '../../user-error.js';
import { pickApiId } from '../apis.js';
import { seedFlag, wholeNumber } from '../flags.js';

interface Args {
  target: string;
  api?: string;
  schemas?: string;
  fixtures?: string;
  interactions?: string;
  scenario?: string;
  token?: string;
  user?: string;
  seed: number;
  format: string;
  junit?: string;
  timeout: number;
}

const userError = (err: unknown): never => {
  throw asUserMistake(err);
};

const parseTarget = (target: string): string => {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UserError(`--target must be a URL like http://localhost:5000, got '${target}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError(`--target must be an http(s) URL, got '${target}'`);
  return target;
};

const parseUser = (user: string): { userName: string; password: string } => {
  const at = user.indexOf(':');
  if (at <= 0) throw new UserError(`--user must be NAME:PASSWORD, got '${user}'`);
  return { userName: user.slice(0, at), password: user.slice(at + 1) };
};

export const verifyCommand: CommandModule<object, Args> = {
  command: 'verify',
  describe: 'Contract-test a running backend: send example interactions, check status and bodies against the schemas',
  builder: (y) =>
    y
      .option('target', { type: 'string', demandOption: true, describe: 'base URL of the API under test' })
      .option('api', {
        type: 'string',
        describe: "API id (needed when the schemas hold several and --target does not end in one's base path)",
      })
      .option('schemas', { type: 'string', describe: 'schemas root (default: ./schemas)' })
      .option('interactions', { type: 'string', describe: 'JSON file: [{ operation, request, expect: { status } }]' })
      .option('scenario', {
        type: 'string',
        describe: "use a scenario's data records as the requests of the create operations",
      })
      .option('fixtures', { type: 'string', describe: 'where --scenario names are looked up (default: ./fixtures)' })
      .option('token', { type: 'string', describe: 'send Authorization: Bearer TOKEN' })
      .option('user', { type: 'string', describe: 'sign in first with POST /auth/credentials as NAME:PASSWORD' })
      .option('seed', { ...seedFlag, default: DEFAULTS.seed, describe: 'seed of the generated requests' })
      .option('format', { type: 'string', choices: ['text', 'json'], default: 'text' })
      .option('junit', { type: 'string', describe: 'also write a JUnit XML report to FILE (its folder is created)' })
      .option('timeout', {
        type: 'number',
        default: 30000,
        coerce: wholeNumber('timeout', 1),
        describe: 'milliseconds to wait for each answer',
      })
      .conflicts('interactions', 'scenario')
      .conflicts('token', 'user'),
  handler: async (args) => {
    const target = parseTarget(args.target);
    // A report folder that cannot be made fails before a run that may take minutes, not after it.
    if (args.junit) makeFolder(path.dirname(args.junit), args.junit);
    const root = args.schemas ?? defaultSchemasRoot();
    const all = loadApis(root);
    const hosts = new Map(all.map((a) => [a.id, a.manifest.host]));
    const id = pickApiId(root, args.api, { target, hosts });
    const api = all.find((a) => a.id === id)!;
    let interactions: Interaction[] | undefined;
    if (args.interactions) {
      try {
        interactions = readInteractionsFile(args.interactions, api);
      } catch (err) {
        userError(err);
      }
    } else if (args.scenario) {
      // A scenario's rules script the mock's answers and cannot be replayed against a real backend;
      // its data can: each record becomes the request of a create of its resource type.
      const scenario = await createCatalog(args.fixtures ?? defaultFixtures(), all)
        .load(args.scenario)
        .catch(userError);
      interactions = planInteractions(api, { seed: args.seed, records: scenario.data?.[api.id] ?? {} });
      if (scenario.rules?.length)
        process.stderr.write(
          `ssmock: note: the ${scenario.rules.length} rule(s) of '${args.scenario}' script the mock only; verify sends its data\n`,
        );
    }
    const options: VerifyOptions = { target, api, seed: args.seed, timeoutMs: args.timeout };
    if (interactions) options.interactions = interactions;
    if (args.token) options.token = args.token;
    if (args.user) options.user = parseUser(args.user);
    const report = await verifyProvider(options);
    // Unreachable: nothing ran, so text output is only the one-line reason on stderr; JSON still reports it.
    if (args.format === 'json') process.stdout.write(formatJson(report));
    else if (report.unreachable === undefined) process.stdout.write(formatText(report, { notes: true }));
    if (args.junit) writeOutput(args.junit, formatJunit(report));
    if (report.unreachable !== undefined) throw new UserError(`cannot reach ${args.target}: ${report.unreachable}`, 2);
    if (report.failed > 0) process.exitCode = 1;
  },
};
