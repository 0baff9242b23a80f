/**
 * Per-request overrides a tester sets without touching a scenario:
 * `X-Ssmock-Status: <code>` answers with that status and its canonical
 * ResponseStatus; `X-Ssmock-Delay: <ms>` (and `--delay`) delays the answer.
 */
import type { Request, Response } from 'express';
import { canonicalError, MockError } from '../errors.js';
import { sleep } from './outcomes.js';

const MAX_DELAY_MS = 120_000;

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Applies the overrides of one request. Returns true when they answered it (a 2xx/3xx status with no
 * body); throws the canonical ResponseStatus for an error status. Synchronous when there is nothing to do.
 */
export const applyOverrides = (req: Request, res: Response, delayMs: number): boolean | Promise<boolean> => {
  const delayText = header(req, 'x-ssmock-delay');
  const statusText = header(req, 'x-ssmock-status');
  if (delayText === undefined && statusText === undefined && delayMs === 0) return false; // the common case stays synchronous
  let delay = delayMs;
  if (delayText !== undefined) {
    const ms = Number(delayText);
    if (!Number.isFinite(ms) || ms < 0) {
      throw new MockError(400, 'BadRequest', `X-Ssmock-Delay must be a number of milliseconds, got '${delayText}'`);
    }
    delay += Math.min(ms, MAX_DELAY_MS);
  }
  const answer = (): boolean => {
    if (statusText === undefined) return false;
    const status = Number(statusText);
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new MockError(
        400,
        'BadRequest',
        `X-Ssmock-Status must be an HTTP status code (200-599), got '${statusText}'`,
      );
    }
    if (status >= 400) throw canonicalError(status);
    if (status === 200) return false;
    // A success or redirect status other than 200 has no DTO to send: the status alone, as `204 No Content` would be.
    res.status(status).end();
    return true;
  };
  return delay > 0 ? sleep(delay).then(answer) : answer();
};
