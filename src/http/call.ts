/**
 * One typed context per call, made by the dispatcher (server/create-app.ts) and handed to every
 * step of the lifecycle, the responder and the error handler (docs/architecture.md). It is also
 * what the journal records once the answer has gone.
 */
import type { Request, Response } from 'express';
import type { OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { DEFAULT_SESSION } from '../scenarios/runtime.js';
import type { Negotiated } from './negotiate.js';

export interface Call {
  readonly req: Request;
  readonly res: Response;
  /** performance.now() when the call arrived. */
  readonly started: number;
  /** `X-Ssmock-Session`, else the default session. */
  readonly session: string;
  /** The parsed query string (Express's extended parser). */
  readonly query: Record<string, unknown>;
  /** The API whose base the path is under; null for admin calls and paths under no API. */
  api: ApiSchemas | null;
  /** The path under the API's base (`/api/CreatePersonRequest`). */
  path: string;
  /** The answer's format, negotiated once per call (JSON until then, and for the admin API). */
  format: Negotiated;
  /** The operation the route table matched. */
  operation: OperationManifest | null;
  /** The request body as received (inflated, within the limit); undefined when the request had none. */
  raw: Buffer | undefined;
  /** The bound request DTO, once binding has run (the journal keeps it). */
  dto: Record<string, unknown> | undefined;
  /** What the journal tells a tester about the request's shape (the call may still succeed). */
  problems: string[];
  /** A batched call's items, each journalled on its own with its index. */
  batch?: { dto: Record<string, unknown>; problems: string[] }[];
  /** The answer's body as sent (a response DTO or a ResponseStatus), for the journal (http/keep-answer.ts). */
  answer?: unknown;
}

const SESSION_HEADER = 'x-ssmock-session';

export const sessionOf = (req: Request): string => {
  const value = req.headers[SESSION_HEADER];
  const id = Array.isArray(value) ? value[0] : value;
  return id && id.trim() ? id.trim().slice(0, 200) : DEFAULT_SESSION;
};

const JSON_FORMAT: Negotiated = { format: 'json' };

// The call of each request, for the Express error handler (admin calls) that only gets req and res. A property of the
// request, not a WeakMap: V8's scavenger keeps a WeakMap's young values alive until a full GC, so every request and
// everything it reached (headers, DTO, answer) was promoted to the old generation: more than half of what a create
// spent in GC, and an RSS four times the live heap.
const CALL = Symbol('ssmock call');
type WithCall = Request & { [CALL]?: Call };

export const newCall = (req: Request, res: Response): Call => {
  const call: Call = {
    req,
    res,
    started: performance.now(),
    session: sessionOf(req),
    query: req.query as Record<string, unknown>,
    api: null,
    path: req.path,
    format: JSON_FORMAT,
    operation: null,
    raw: undefined,
    dto: undefined,
    problems: [],
  };
  (req as WithCall)[CALL] = call;
  return call;
};

/** The call made for a request, or a fresh one (an error before the dispatcher saw it). */
export const callOf = (req: Request, res: Response): Call => (req as WithCall)[CALL] ?? newCall(req, res);
