#!/usr/bin/env node
/**
 * `ssmock`: one module per command, each mapping its flags to one library call.
 * A user's mistake ends with one line on stderr and a non-zero exit; a fault in ssmock keeps its stack trace
 * (failure.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { PACKAGE_ROOT } from '../server/package-root.js';
import { UserError } from '../user-error.js';
import { deriveCommand } from './commands/derive.js';
import { fakeCommand } from './commands/fake.js';
import { openapiCommand } from './commands/openapi.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';
import { verifyCommand } from './commands/verify.js';
import { exitWith } from './failure.js';

const { version } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

/** yargs' own complaints (unknown flag, missing value, bad choice) are usage mistakes: exit 2. */
const USAGE = 2;

const cli = yargs(hideBin(process.argv))
  .scriptName('ssmock')
  .usage(
    '$0 <command> [options]\n\nMock and contract-testing server for ServiceStack APIs, driven by their metadata pages.',
  )
  .command(deriveCommand)
  .command(serveCommand)
  .command(seedCommand)
  .command(verifyCommand)
  .command(openapiCommand)
  .command(fakeCommand)
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
