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
