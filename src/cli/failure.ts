/**
 * How the command line ends when something goes wrong. A user's mistake (a bad flag, a schema, scenario or
 * interactions file that does not load, a port in use) is one line on stderr and a non-zero exit; anything else
 * is a fault in ssmock and keeps its stack trace, so it can be reported and fixed.
 */
import { ScenarioError } from '../scenarios/catalog.js';
import { SchemaLoadError } from '../schema/registry.js';
import { UserError, withoutPrefix } from '../user-error.js';
import { InteractionsFileError } from '../verify/interactions-file.js';

const MISTAKES = [UserError, SchemaLoadError, ScenarioError, InteractionsFileError];

export const isUserMistake = (err: unknown): boolean => MISTAKES.some((type) => err instanceof type);

/** Writes what went wrong and exits: one line for a user's mistake, the stack trace for a fault. */
export const exitWith = (err: unknown): never => {
  if (isUserMistake(err)) {
    process.stderr.write(`ssmock: ${withoutPrefix((err as Error).message)}\n`);
    process.exit(err instanceof UserError ? err.exitCode : 1);
  }
  const trace = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`ssmock: internal error (a bug in ssmock; please report it with this trace):\n${trace}\n`);
  process.exit(70); // EX_SOFTWARE (sysexits.h): told apart from a user's mistake (1) and an unreachable target (2)
};
