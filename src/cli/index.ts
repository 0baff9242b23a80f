#!/usr/bin/env node
/**
 * `ssmock`: one module per command, each mapping its flags to one library call.
 * User errors end with a one-line message and a non-zero exit, never a stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { deriveCommand } from './commands/derive.js';
import { fakeCommand } from './commands/fake.js';
import { openapiCommand } from './commands/openapi.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';
import { verifyCommand } from './commands/verify.js';
import { UserError } from './user-error.js';

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
  .version(false)
  .fail((message, error) => {
    const text = error instanceof UserError || !error ? (message ?? error?.message) : error.message;
    process.stderr.write(`ssmock: ${text ?? 'failed'}\n`);
    process.exit(error instanceof UserError ? error.exitCode : 2);
  });

try {
  await cli.parseAsync();
} catch (err) {
  process.stderr.write(`ssmock: ${(err as Error).message.replace(/^\[ssmock\] /, '')}\n`);
  process.exit(err instanceof UserError ? err.exitCode : 1);
}
