/**
 * createApp(options): the Express app for a set of APIs, with no port. Each
 * API is mounted at `/<id>` (or `/` when it is the only one), the admin API at
 * `/__ssmock`. Middleware order is the request lifecycle (http/pipeline.ts).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { createAuthRouter, type Authenticator, type User } from '../auth/index.js';
import { createAdminRouter } from '../admin/routes.js';
import type { Faker } from '../faker/index.js';
import { CALL_LOCAL, sessionOf, type CallRecord } from '../http/call-record.js';
import { cors } from '../http/cors.js';
import { errorHandler } from '../http/error-handler.js';
import { negotiate } from '../http/negotiate.js';
import { overrides } from '../http/overrides.js';
import { operationPipeline } from '../http/pipeline.js';
import { REPLY_LOCAL, type Reply } from '../http/reply.js';
import { NEGOTIATED_LOCAL, send } from '../http/respond.js';
import { RouteTable } from '../http/route-table.js';
import { AUTH_PATH, parseAuthBody } from '../http/auth-body.js';
import { buildOpenApi } from '../openapi/index.js';
import { wcfDates } from '../http/wcf-dates.js';
import { errors, MockError } from '../errors.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { ScenarioCatalog } from '../scenarios/model.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import type { StateStore } from '../store/index.js';
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

export const API_LOCAL = 'ssmockApi';

export const createApp = (deps: AppDeps) => {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'extended');
  app.use(cors);
  app.use(startCall(deps));
  app.use('/__ssmock', express.json({ limit: deps.bodyLimit, type: () => true }), createAdminRouter(deps));
  app.use(express.raw({ type: () => true, limit: deps.bodyLimit }));
  app.use(overrides(deps.delayMs));
  for (const api of deps.apis) {
    const base = deps.rootApi === api.id ? '/' : `/${api.id}`;
    app.use(base, apiRouter(api, deps));
  }
  app.use((req: Request, _res: Response, next: NextFunction) => next(errors.notFoundRoute(req.path)));
  const apiOf = (req: Request) =>
    (req.res?.locals[API_LOCAL] as ApiSchemas | undefined) ?? deps.apis.find((a) => a.id === deps.rootApi);
  app.use(errorHandler(apiOf, deps.log));
  return app;
};

const apiRouter = (api: ApiSchemas, deps: AppDeps) => {
  const router = express.Router();
  const routes = new RouteTable(api.manifest.operations);
  const dateTransform =
    deps.dates === 'wcf'
      ? (body: unknown, type: string) => wcfDates(body, api.schemas.get(type), api.resolve)
      : undefined;
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.locals[API_LOCAL] = api;
    res.locals[NEGOTIATED_LOCAL] = negotiate({
      method: req.method,
      query: req.query as Record<string, unknown>,
      accept: req.headers.accept,
    });
    next();
  });
  // The contract as OpenAPI 3.1, built once: Swagger UI, Prism or a code generator can use it.
  let openapi: string | undefined;
  router.get('/openapi.json', (req: Request, res: Response) => {
    openapi ??= JSON.stringify(
      buildOpenApi(api, { serverUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}` }),
      null,
      2,
    );
    res.type('application/json').send(openapi);
  });
  // Only auth paths walk the auth router: every other request skips its ~30 route patterns.
  const authRouter = createAuthRouter(deps.authenticator);
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!AUTH_PATH.test(req.path)) return next();
    parseAuthBody(req, res, (err?: unknown) => (err ? next(err) : authRouter(req, res, next)));
  });
  router.use(
    operationPipeline({
      api,
      routes,
      store: deps.store,
      faker: deps.fakerFor(api.id),
      authenticator: deps.authenticator,
      runtime: deps.runtime,
      authEnabled: deps.authEnabled,
      strict: deps.strict,
      ensureSession: (s) => deps.sessions.ensure(s),
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    const reply = res.locals[REPLY_LOCAL] as Reply | undefined;
    if (!reply) return next();
    const violations = deps.selfCheck === 'off' ? [] : selfCheck(api, reply);
    if (violations.length) {
      const message = `response of ${req.method} ${req.originalUrl} violates ${reply.typeName}: ${violations.join('; ')}`;
      deps.log(`[ssmock] BUG: ${message}`);
      if (deps.selfCheck === 'fail') return next(new MockError(500, 'ResponseSchemaViolation', message));
      res.setHeader('X-Ssmock-Self-Check', `${violations.length} violation(s)`);
    }
    send(res, reply, { api, transform: dateTransform });
  });
  return router;
};

/** Every response the mock sends must validate against its own schema: a violation is a bug of ours. */
const selfCheck = (api: ApiSchemas, reply: Reply): string[] => {
  if (reply.body === undefined || reply.status >= 300) return [];
  const validate = api.validator(reply.typeName);
  if (!validate) return [];
  const bodies = Array.isArray(reply.body) ? reply.body : [reply.body];
  return bodies.flatMap((b) => (validate(b) ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`));
};

/** Opens the journal record of a call and writes it (and the log line) when the answer has gone. */
const startCall = (deps: AppDeps) => (req: Request, res: Response, next: NextFunction) => {
  const record: CallRecord = {
    started: performance.now(),
    session: sessionOf(req),
    api: null,
    operation: null,
    problems: [],
  };
  res.locals[CALL_LOCAL] = record;
  if (req.path.startsWith('/__ssmock')) return next();
  // 'close' also fires for answers that never finished (reset and timeout faults): those are journalled with status 0.
  res.once('close', () => {
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
  next();
};
