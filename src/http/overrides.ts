/**
 * Per-request overrides a tester sets without touching a scenario:
 * `X-Ssmock-Status: <code>` answers with that status and its canonical
 * ResponseStatus; `X-Ssmock-Delay: <ms>` (and `--delay`) delays the answer.
 */
import { errors } from '../errors.js';
import type { Call } from './call.js';
import { sleep } from './outcomes.js';
import type { Reply } from './reply.js';

const MAX_DELAY_MS = 120_000;

const header = (call: Call, name: string): string | undefined => {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The overrides of one call: a Reply when they answer it (a 2xx/3xx status other than 200, with no
 * body), undefined when the call goes on; throws the canonical ResponseStatus for an error status.
 * Synchronous when there is nothing to do, so the common case costs no promise.
 */
export const applyOverrides = (call: Call, delayMs: number): Reply | undefined | Promise<Reply | undefined> => {
  const delayText = header(call, 'x-ssmock-delay');
  const statusText = header(call, 'x-ssmock-status');
  if (delayText === undefined && statusText === undefined && delayMs === 0) return undefined;
  let delay = delayMs;
  if (delayText !== undefined) {
    const ms = Number(delayText);
    if (!Number.isFinite(ms) || ms < 0)
      throw errors.badOverride(`X-Ssmock-Delay must be a number of milliseconds, got '${delayText}'`);
    delay += Math.min(ms, MAX_DELAY_MS);
  }
  const answer = (): Reply | undefined => {
    if (statusText === undefined) return undefined;
    const status = Number(statusText);
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw errors.badOverride(`X-Ssmock-Status must be an HTTP status code (200-599), got '${statusText}'`);
    if (status >= 400) throw errors.statusOverride(status);
    // A success or redirect status other than 200 has no DTO to send: the status alone, as `204 No Content` would be.
    return status === 200 ? undefined : { status, typeName: 'ErrorResponse' };
  };
  return delay > 0 ? sleep(delay).then(answer) : answer();
};
