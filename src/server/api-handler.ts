/**
 * One API's request lifecycle as plain function calls (no nested Express routers on the hot path):
 *
 *   read body → negotiate → overrides → openapi.json | auth endpoints | operation → self-check → send
 *
 * Failures are thrown and rendered by the app's one error handler (http/error-handler.ts).
 */
import { Router, type Request, type Response } from 'express';
import { createAuthRouter } from '../auth/index.js';
import { errors, MockError } from '../errors.js';
import { AUTH_PATH, parseAuthBody } from '../http/auth-body.js';
import { negotiate } from '../http/negotiate.js';
import { applyOverrides } from '../http/overrides.js';
import { receiveBody } from '../http/receive-body.js';
import { runOperation, type PipelineDeps } from '../http/pipeline.js';
import { REPLY_LOCAL, type Reply } from '../http/reply.js';
import { NEGOTIATED_LOCAL, send } from '../http/respond.js';
import { RouteTable } from '../http/route-table.js';
import { wcfDates } from '../http/wcf-dates.js';
import { buildOpenApi } from '../openapi/index.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { AppDeps } from './create-app.js';

export const API_LOCAL = 'ssmockApi';

/** Answers a request under the API's base; `path` is the rest of the path (`/api/CreatePersonRequest`). */
export type ApiHandler = (req: Request, res: Response, path: string) => Promise<void>;

type Middleware = (req: Request, res: Response, next: (err?: unknown) => void) => void;

/** Runs an Express middleware (the auth Router) as a promise. */
const run = (middleware: Middleware, req: Request, res: Response): Promise<void> =>
  new Promise((resolve, reject) => middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve())));

const OPENAPI_PATH = /^\/openapi\.json\/?$/i;

export const apiHandler = (api: ApiSchemas, base: string, deps: AppDeps): ApiHandler => {
  const pipeline: PipelineDeps = {
    api,
    routes: new RouteTable(api.manifest.operations),
    store: deps.store,
    faker: deps.fakerFor(api.id),
    authenticator: deps.authenticator,
    runtime: deps.runtime,
    authEnabled: deps.authEnabled,
    strict: deps.strict,
    ensureSession: (s) => deps.sessions.ensure(s),
  };
  // The auth endpoints keep their Express routes (path variables, verbs); only auth paths ever walk them.
  const authRoutes = Router();
  authRoutes.use(base || '/', parseAuthBody, createAuthRouter(deps.authenticator));
  const transform =
    deps.dates === 'wcf'
      ? (body: unknown, type: string) => wcfDates(body, api.schemas.get(type), api.resolve)
      : undefined;
  // The contract as OpenAPI 3.1, built once: Swagger UI, Prism or a code generator can use it.
  let openapi: string | undefined;

  const finish = (req: Request, res: Response, reply: Reply): void => {
    const violations = deps.selfCheck === 'off' ? [] : selfCheck(api, reply);
    if (violations.length) {
      const message = `response of ${req.method} ${req.originalUrl} violates ${reply.typeName}: ${violations.join('; ')}`;
      deps.log(`[ssmock] BUG: ${message}`);
      if (deps.selfCheck === 'fail') throw new MockError(500, 'ResponseSchemaViolation', message);
      res.setHeader('X-Ssmock-Self-Check', `${violations.length} violation(s)`);
    }
    send(res, reply, { api, transform });
  };

  return async (req, res, path) => {
    res.locals[API_LOCAL] = api;
    req.body = await receiveBody(req, deps.bodyLimit);
    const query = req.query as Record<string, unknown>;
    res.locals[NEGOTIATED_LOCAL] = negotiate({ method: req.method, query, accept: req.headers.accept });
    const overridden = applyOverrides(req, res, deps.delayMs);
    if (overridden === true || (overridden !== false && (await overridden))) return;

    if (OPENAPI_PATH.test(path) && (req.method === 'GET' || req.method === 'HEAD')) {
      openapi ??= JSON.stringify(
        buildOpenApi(api, { serverUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}${base}` }),
        null,
        2,
      );
      res.type('application/json').send(openapi);
      return;
    }
    if (AUTH_PATH.test(path)) {
      await run(authRoutes as Middleware, req, res);
      const reply = res.locals[REPLY_LOCAL] as Reply | undefined;
      if (reply) return finish(req, res, reply);
      // A verb the auth endpoints lack goes on to the operation routes, as before any auth route existed.
    }
    const reply = await runOperation(pipeline, req, res, path, query);
    if (!reply) throw errors.notFoundRoute(req.path);
    finish(req, res, reply);
  };
};

/** Every response the mock sends must validate against its own schema: a violation is a bug of ours. */
const selfCheck = (api: ApiSchemas, reply: Reply): string[] => {
  if (reply.body === undefined || reply.status >= 300) return [];
  const validate = api.validator(reply.typeName);
  if (!validate) return [];
  const bodies = Array.isArray(reply.body) ? reply.body : [reply.body];
  return bodies.flatMap((b) => (validate(b) ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`));
};
