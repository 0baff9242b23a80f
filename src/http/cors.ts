/**
 * CORS for browser front ends on another origin. The JS client sends
 * `credentials: "include"`, so the origin is echoed (never `*`) with
 * Access-Control-Allow-Credentials (README, "Host names"; test/browser-cookies.test.ts).
 */
import type { Request, Response } from 'express';

const ALLOWED_HEADERS =
  'Content-Type, Authorization, Accept, X-Api-Key, X-ss-id, X-ss-pid, X-ss-opt, X-Ssmock-Session, X-Ssmock-Status, X-Ssmock-Delay, X-Http-Method-Override';

const VERBS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD';

/** Adds the CORS headers; returns true when it answered the request: OPTIONS never runs an operation. */
export const cors = (req: Request, res: Response): boolean => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader(
      'Access-Control-Expose-Headers',
      'X-Cookies, WWW-Authenticate, X-Ssmock-Fault, X-AutoBatch-Completed',
    );
    res.append('Vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  if (req.headers['access-control-request-method']) {
    res.setHeader('Access-Control-Allow-Methods', VERBS);
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
  }
  res.setHeader('Allow', VERBS);
  res.status(204).end();
  return true;
};
