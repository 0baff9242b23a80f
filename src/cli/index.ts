#!/usr/bin/env node
/**
 * `ssmock`: one module per command, each mapping its flags to one library call.
 * A user's mistake ends with one line on stderr and a non-zero exit; a fault in ssmock keeps its stack trace
 * (failure.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { PACKAGE_ROOT } from '../server/package-root.js';
import { UserError } from '../user-error.js';
import { exitWith } from './failure.js';

const { version } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

/** yargs' own complaints (unknown flag, missing value, bad choice) are usage mistakes: exit 2. */
const USAGE = 2;

/**
 * Each command's module, loaded on demand: start-up loads only the command asked for, so `derive --check` in CI
 * does not wait for the express, ajv and faker modules `serve` needs (about half a second). With no command, an
 * unknown one or a bare `--help`, all are loaded so yargs can list them and suggest the nearest.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
const COMMANDS: Record<string, () => Promise<CommandModule<object, any>>> = {
  derive: async () => (await import('./commands/derive.js')).deriveCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  seed: async () => (await import('./commands/seed.js')).seedCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  openapi: async () => (await import('./commands/openapi.js')).openapiCommand,
  fake: async () => (await import('./commands/fake.js')).fakeCommand,
};
const asked = hideBin(process.argv)[0];
const commands = await Promise.all(
  (asked !== undefined && Object.hasOwn(COMMANDS, asked) ? [COMMANDS[asked]!] : Object.values(COMMANDS)).map((load) =>
    load(),
  ),
);

const cli = yargs(hideBin(process.argv))
  .scriptName('ssmock')
  .usage(
    '$0 <command> [options]\n\nMock and contract-testing server for ServiceStack APIs, driven by their metadata pages.',
  )
  .command(commands)
  .demandCommand(1, 'Name a command: derive, serve, seed, verify, openapi or fake (ssmock --help).')
  .strict()
  .recommendCommands()
  .help()
  .alias('h', 'help')
  .version(version)
  .alias('v', 'version')
  // yargs' own complaints and a flag's failed check (which yargs re-throws as a YError) are usage mistakes;
  // an error from a command is judged by exitWith.
  .fail((message, error) =>
    exitWith(error === undefined || error.name === 'YError' ? new UserError(error?.message ?? message, USAGE) : error),
  );

// try/await, not .catch(): a synchronous command's error escapes parseAsync as a throw, not a rejection.
try {
  await cli.parseAsync();
} catch (err) {
  exitWith(err);
}
