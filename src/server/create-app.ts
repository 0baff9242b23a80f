/**
 * createApp(options): the Express app for a set of APIs, with no port. Each
 * API is served at `/<id>` (or `/` when it is the only one), the admin API at
 * `/__ssmock`. One dispatcher picks the API; its lifecycle is server/api-handler.ts.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Authenticator, User } from '../auth/index.js';
import { createAdminRouter } from '../admin/routes.js';
import type { Faker } from '../faker/index.js';
import { callOf, newCall, type Call } from '../http/call.js';
import { cors } from '../http/cors.js';
import { createErrorRenderer, errorMiddleware } from '../http/error-handler.js';
import { createResponder } from '../http/respond.js';
import { keepingAnswers } from '../http/keep-answer.js';
import { htmlReply, landingApis, landingPage, wantsHtml } from '../metadata/index.js';
import { errors } from '../errors.js';
import { journalled } from '../schema/builtin-operations.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { ScenarioCatalog } from '../scenarios/model.js';
import type { JournalEntry } from '../scenarios/model.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import type { StateStore } from '../store/index.js';
import type { Proxy } from '../proxy/index.js';
import { apiHandler, type ApiHandler } from './api-handler.js';
import { dispatcherMiddleware, installFastFront } from './fast-front.js';
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
  /** `serve --proxy`: the real backend that answers chosen operations (src/proxy/). */
  proxy?: Proxy | undefined;
}

interface Mount {
  /** `/billiecart`, or '' for the API served at `/`. */
  base: string;
  prefix: string;
  api: ApiSchemas;
  handle: ApiHandler;
}

const ADMIN_PREFIX = '/__ssmock';

export const createApp = (deps: AppDeps) => {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'extended');
  const send = keepingAnswers(createResponder({ dates: deps.dates }));
  const render = createErrorRenderer(send, deps.log);
  // The API at `/` last, so it never shadows another API's base.
  const mounts: Mount[] = deps.apis
    .map((api) => {
      const base = deps.rootApi === api.id ? '' : `/${api.id}`;
      return { base, prefix: base.toLowerCase(), api, handle: apiHandler(api, base, deps, send) };
    })
    .sort((a, b) => b.base.length - a.base.length);
  const journal = journalOnClose(deps);
  // One dispatcher for every API call (bases match case-insensitively, as Express mounts do); admin calls go on.
  const dispatch = (req: Request, res: Response, next: NextFunction): void => {
    if (cors(req, res)) return;
    const call = newCall(req, res);
    const lower = call.path.toLowerCase();
    if (lower === ADMIN_PREFIX || lower.startsWith(`${ADMIN_PREFIX}/`)) return next();
    journal(call);
    const mount = mounts.find((m) => m.prefix === '' || lower === m.prefix || lower.startsWith(`${m.prefix}/`));
    if (!mount) {
      // A browser at `/` with no API mounted there gets the landing page; API clients keep the JSON 404.
      if (call.path === '/' && req.method === 'GET' && wantsHtml(req.headers.accept))
        return send(
          call,
          htmlReply(
            'LandingPage',
            landingPage(landingApis(deps.apis, deps.rootApi), `${req.protocol}://${req.get('host') ?? 'localhost'}`),
          ),
        );
      return render(call, errors.notFoundRoute(call.path));
    }
    call.api = mount.api;
    call.path = call.path.slice(mount.base.length) || '/';
    mount.handle(call).catch((err: unknown) => render(call, err));
  };
  app.use(dispatcherMiddleware(dispatch));
  app.use(ADMIN_PREFIX, express.json({ limit: deps.bodyLimit, type: () => true }), createAdminRouter(deps));
  app.use((req: Request, _res: Response, next: NextFunction) => next(errors.notFoundRoute(req.path)));
  app.use(errorMiddleware(render));
  installFastFront(app, dispatch, (req, res, err) => render(callOf(req, res), err));
  return app;
};

/** Writes the call to the journal (and the request log) once its answer has gone. */
const journalOnClose = (deps: AppDeps) => (call: Call) => {
  const { req, res } = call;
  // 'close' also fires for answers that never finished (reset and timeout faults): those are journalled with status 0.
  // 'close' fires once per response: `on` spares the once-wrapper a `once` would allocate per request.
  res.on('close', () => {
    const status = res.writableFinished ? res.statusCode : 0;
    const durationMs = Math.round((performance.now() - call.started) * 10) / 10;
    const operation = call.operation?.name ?? null;
    const entry: JournalEntry = {
      time: new Date().toISOString(),
      session: call.session,
      api: call.api?.id ?? null,
      operation,
      method: req.method,
      path: req.originalUrl,
      status,
      durationMs,
      problems: call.problems,
    };
    if (call.batch?.length)
      call.batch.forEach((item, batchIndex) =>
        deps.runtime.record({
          ...entry,
          problems: item.problems,
          request: journalled(operation ?? '', item.dto),
          ...(Array.isArray(call.answer) ? { response: call.answer[batchIndex] } : {}),
          batchIndex,
        }),
      );
    else {
      // One object per call (no spread copy): the journal keeps up to a thousand of them per session.
      if (call.dto) entry.request = journalled(operation ?? '', call.dto);
      if (call.answer !== undefined) entry.response = call.answer;
      deps.runtime.record(entry);
    }
    if (deps.requestLog)
      deps.log(`${req.method} ${req.originalUrl} ${operation ?? '-'} ${status || 'no answer'} ${durationMs}ms`);
  });
};
