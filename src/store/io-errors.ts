/**
 * Reading errors without `instanceof`: errors from Node's fs come from the
 * main realm, and under Jest's VM modules `instanceof Error` is false for
 * them, so duck typing is the check that works everywhere.
 */

export const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

export const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
    ? error.message
    : String(error);
