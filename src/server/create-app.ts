/**
 * createApp(options): the Express app for a set of APIs, with no port. Each
 * API is served at `/<id>` (or `/` when it is the only one), the admin API at
 * `/__ssmock`. One dispatcher picks the API; its lifecycle is server/api-handler.ts.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Authenticator, User } from '../auth/index.js';
import { createAdminRouter } from '../admin/routes.js';
import type { Faker } from '../faker/index.js';
import { CALL_LOCAL, sessionOf, type CallRecord } from '../http/call-record.js';
import { cors } from '../http/cors.js';
import { errorHandler } from '../http/error-handler.js';
import { errors } from '../errors.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { ScenarioCatalog } from '../scenarios/model.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import type { StateStore } from '../store/index.js';
import { API_LOCAL, apiHandler, type ApiHandler } from './api-handler.js';
import type { SessionSeeder } from './sessions.js';

export interface AppDeps {
  apis: ApiSchemas[];
  /** Serve this API at `/` instead of `/<id>`. */
  rootApi?: string | undefined;
  store: StateStore;
  /** The fake-data generator of each API (its locale and seed), chosen once at start-up. */
  fakerFor: (api: string) => Faker;
  authenticator: Authenticator;
  runtime: MockRuntime;
  sessions: SessionSeeder;
  users: () => User[];
  /** Users the active scenarios added, by session (the authenticator sees base users plus all of these). */
  addUsers: (users: unknown[]) => void;
  catalog: ScenarioCatalog;
  authEnabled: boolean;
  strict: boolean;
  /** Added to every API answer (`--delay`). */
  delayMs: number;
  bodyLimit: number;
  log: (line: string) => void;
  /** Request log lines (method, path, operation, status, ms); off with --quiet. */
  requestLog: boolean;
  /** Check every success body against its schema: 'log' a violation loudly, or 'fail' the request with a 500 (tests). */
  selfCheck: 'log' | 'fail' | 'off';
  /** How JSON answers write dates: ISO-8601 (System.Text.Json hosts) or WCF `/Date(ms)/` (classic ServiceStack.Text). */
  dates: 'iso' | 'wcf';
}

interface Mount {
  /** `/billiecart`, or '' for the API served at `/`. */
  base: string;
  prefix: string;
  handle: ApiHandler;
}

const ADMIN_PREFIX = '/__ssmock';

export const createApp = (deps: AppDeps) => {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'extended');
  // The API at `/` last, so it never shadows another API's base.
  const mounts: Mount[] = deps.apis
    .map((api) => {
      const base = deps.rootApi === api.id ? '' : `/${api.id}`;
      return { base, prefix: base.toLowerCase(), handle: apiHandler(api, base, deps) };
    })
    .sort((a, b) => b.base.length - a.base.length);
  const beginCall = startCall(deps);
  // One dispatcher for every API call (bases match case-insensitively, as Express mounts do); admin calls go on.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (cors(req, res)) return;
    const path = req.path;
    const lower = path.toLowerCase();
    if (lower === ADMIN_PREFIX || lower.startsWith(`${ADMIN_PREFIX}/`)) return next();
    beginCall(req, res);
    const mount = mounts.find((m) => m.prefix === '' || lower === m.prefix || lower.startsWith(`${m.prefix}/`));
    if (!mount) return next(errors.notFoundRoute(path));
    mount.handle(req, res, path.slice(mount.base.length) || '/').catch(next);
  });
  app.use(ADMIN_PREFIX, express.json({ limit: deps.bodyLimit, type: () => true }), createAdminRouter(deps));
  app.use((req: Request, _res: Response, next: NextFunction) => next(errors.notFoundRoute(req.path)));
  const apiOf = (req: Request) =>
    (req.res?.locals[API_LOCAL] as ApiSchemas | undefined) ?? deps.apis.find((a) => a.id === deps.rootApi);
  app.use(errorHandler(apiOf, deps.log));
  return app;
};

/** Opens the journal record of a call and writes it (and the log line) when the answer has gone. */
const startCall = (deps: AppDeps) => (req: Request, res: Response) => {
  const record: CallRecord = {
    started: performance.now(),
    session: sessionOf(req),
    api: null,
    operation: null,
    problems: [],
  };
  res.locals[CALL_LOCAL] = record;
  // 'close' also fires for answers that never finished (reset and timeout faults): those are journalled with status 0.
  // 'close' fires once per response: `on` spares the once-wrapper a `once` would allocate per request.
  res.on('close', () => {
    const status = res.writableFinished ? res.statusCode : 0;
    const durationMs = Math.round((performance.now() - record.started) * 10) / 10;
    deps.runtime.record({
      time: new Date().toISOString(),
      session: record.session,
      api: record.api,
      operation: record.operation,
      method: req.method,
      path: req.originalUrl,
      status,
      problems: record.problems,
      durationMs,
      ...(record.request ? { request: record.request } : {}),
    });
    if (deps.requestLog)
      deps.log(`${req.method} ${req.originalUrl} ${record.operation ?? '-'} ${status || 'no answer'} ${durationMs}ms`);
  });
};
