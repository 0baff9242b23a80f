/**
 * A mistake the user can fix (a flag, a file they edit, a port in use), as opposed to a fault in ssmock.
 * The command line prints it as one line on stderr and exits with `exitCode`; anything else that escapes at
 * start-up is a bug and keeps its stack trace (src/cli/failure.ts).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** The message without the `[ssmock] ` prefix library errors carry (the CLI prefixes `ssmock: ` itself). */
export const withoutPrefix = (message: string): string => message.replace(/^\[ssmock\] /, '');

/**
 * An error from opening something the user gave (the db file, its lock, a scenario's records) counts as their
 * mistake when ssmock raised it on purpose (its messages start with `[ssmock] `) or the system refused a file
 * (an errno code such as ENOENT or EACCES); anything else stays a fault.
 */
export const asUserMistake = (err: unknown): unknown => {
  if (!(err instanceof Error) || err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const deliberate = err.message.startsWith('[ssmock] ') || (typeof code === 'string' && /^E[A-Z]+$/.test(code));
  return deliberate ? new UserError(withoutPrefix(err.message), 1, { cause: err }) : err;
};
