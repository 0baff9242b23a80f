/** What the journal and the request log learn about a call while it runs. */
import type { Request } from 'express';
import { DEFAULT_SESSION } from '../scenarios/runtime.js';

export const CALL_LOCAL = 'ssmockCall';

export interface CallRecord {
  started: number;
  session: string;
  api: string | null;
  operation: string | null;
  problems: string[];
  request?: Record<string, unknown>;
}

const SESSION_HEADER = 'x-ssmock-session';

export const sessionOf = (req: Request): string => {
  const value = req.headers[SESSION_HEADER];
  const id = Array.isArray(value) ? value[0] : value;
  return id && id.trim() ? id.trim().slice(0, 200) : DEFAULT_SESSION;
};
