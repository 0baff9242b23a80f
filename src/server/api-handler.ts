/**
 * One API's request lifecycle as plain function calls (docs/architecture.md):
 *
 *   route → negotiate (once) → receive body → overrides → openapi.json | metadata | operation → self-check → respond
 *
 * The operation itself (bind, auth, outcomes, validate, execute) is http/pipeline.ts. Failures are
 * thrown; the dispatcher hands them to the one error renderer (http/error-handler.ts).
 */
import { errors } from '../errors.js';
import { eventEndpointOf, serveEvents } from '../events/index.js';
import type { Call } from '../http/call.js';
import { negotiate } from '../http/negotiate.js';
import { applyOverrides } from '../http/overrides.js';
import { runBatch, runOperation, type PipelineDeps } from '../http/pipeline.js';
import { receiveBody } from '../http/receive-body.js';
import type { Reply } from '../http/reply.js';
import type { Send } from '../http/respond.js';
import { RouteTable } from '../http/route-table.js';
import { appMetadataReply } from '../metadata/app-endpoints.js';
import { metadataReply } from '../metadata/index.js';
import { buildOpenApi } from '../openapi/index.js';
import type { Proxied } from '../proxy/index.js';
import { BUILTIN_OPERATIONS } from '../schema/builtin-operations.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { AppDeps } from './create-app.js';

/** Answers a call whose `api` and `path` the dispatcher has set. */
export type ApiHandler = (call: Call) => Promise<void>;

const OPENAPI_PATH = /^\/openapi\.json\/?$/i;

export const apiHandler = (api: ApiSchemas, base: string, deps: AppDeps, send: Send): ApiHandler => {
  const pipeline: PipelineDeps = {
    api,
    store: deps.store,
    faker: deps.fakerFor(api.id),
    authenticator: deps.authenticator,
    runtime: deps.runtime,
    authEnabled: deps.authEnabled,
    strict: deps.strict,
    ensureSession: (s) => deps.sessions.ensure(s),
  };
  // The derived operations, then ServiceStack's auth operations unless the pages define their own.
  const routes = new RouteTable([
    ...api.manifest.operations,
    ...BUILTIN_OPERATIONS.filter((b) => api.operation(b.name) === b),
  ]);
  // The contract as OpenAPI 3.1, built once on first request: Swagger UI, Prism or a code generator can use it.
  let openapi: string | undefined;
  const openapiReply = (call: Call): Reply => {
    const host = call.req.get('host') ?? 'localhost';
    openapi ??= JSON.stringify(buildOpenApi(api, { serverUrl: `${call.req.protocol}://${host}${base}` }), null, 2);
    return {
      status: 200,
      typeName: 'OpenApi',
      text: { contentType: 'application/json; charset=utf-8', body: openapi },
    };
  };

  const finish = (call: Call, reply: Reply): void => {
    const violations = deps.selfCheck === 'off' ? [] : selfCheck(api, reply);
    if (violations.length) {
      const message = `response of ${call.req.method} ${call.req.originalUrl} violates ${reply.typeName}: ${violations.join('; ')}`;
      deps.log(`[ssmock] BUG: ${message}`);
      if (deps.selfCheck === 'fail') throw errors.responseSchemaViolation(message);
      call.res.setHeader('X-Ssmock-Self-Check', `${violations.length} violation(s)`);
    }
    send(call, reply);
  };

  /** A backend's answer goes as it was sent; a violation of the response schema is the backend's: logged, journalled. */
  const finishProxied = (call: Call, { reply, reason, checked }: Proxied): void => {
    const violations = checked && deps.selfCheck !== 'off' ? selfCheck(api, checked) : [];
    if (checked && violations.length) {
      const message = `backend answer to ${call.req.method} ${call.req.originalUrl} violates ${checked.typeName}: ${violations.join('; ')}`;
      deps.log(`[ssmock] ${message}`);
      call.problems.push(message);
      call.res.setHeader('X-Ssmock-Self-Check', `${violations.length} violation(s)`);
    }
    send(call, reply, reason);
  };

  // Server Events (src/events/): the stream and its services are ServiceStack's raw handlers, outside the lifecycle.
  const events = serveEvents(deps, api.id, base, send);

  return async (call) => {
    const event = eventEndpointOf(call.path);
    if (event) return events(call, event);
    const { req } = call;
    const match = routes.match(req.method, call.path);
    call.format = negotiate({
      method: req.method,
      query: call.query,
      accept: req.headers.accept,
      extension: match?.extension,
      routeFormat: match && match.kind !== 'user' ? match.format : undefined,
    });
    if (match && match.kind !== 'unknown-operation') call.operation = match.operation;
    call.raw = await receiveBody(req, deps.bodyLimit);
    const override = applyOverrides(call, deps.delayMs);
    const early = override instanceof Promise ? await override : override;
    if (early) return send(call, early);

    if (OPENAPI_PATH.test(call.path) && (req.method === 'GET' || req.method === 'HEAD'))
      return send(call, openapiReply(call));
    // ServiceStack's metadata surface (src/metadata/): /types/metadata, /types, /metadata, a browser's landing page.
    const metadata = metadataReply(call, api, base, deps);
    if (metadata) return send(call, metadata);
    // `/metadata/app.json`, `/api/MetadataApp` and the `/api` index, unless a user route of the API is there.
    const app = appMetadataReply(call, { api, base, authEnabled: deps.authEnabled, match });
    if (app) return send(call, app);
    if (!match) throw errors.notFoundRoute(req.path);
    if (match.kind === 'unknown-operation') throw errors.unknownOperation();
    // `serve --proxy` (src/proxy/): the backend answers unless a scripted rule does.
    if (deps.proxy?.forwards(match.operation))
      return finishProxied(call, await deps.proxy.answer(pipeline, call, match, base));
    const reply =
      match.kind === 'batch'
        ? await runBatch(pipeline, call, match.operation)
        : await runOperation(pipeline, call, match);
    finish(call, reply);
  };
};

/** Every response the mock sends must validate against its own schema: a violation is a bug of ours. */
const selfCheck = (api: ApiSchemas, reply: Reply): string[] => {
  if (reply.body === undefined || reply.status >= 300) return [];
  const validate = api.answerValidator(reply.typeName);
  if (!validate) return [];
  // An array is a batch or a list of resources, checked item by item, unless the response type is itself an array
  // (`IReturn<List<string>>`, whose batch is an array of arrays).
  const arrayType = api.schemas.get(reply.typeName)?.type === 'array';
  const itemwise = Array.isArray(reply.body) && (!arrayType || reply.body.every(Array.isArray));
  const bodies = itemwise ? (reply.body as unknown[]) : [reply.body];
  return bodies.flatMap((b) =>
    (validate(b) ?? [])
      .filter((e) => !(reply.partial && e.keyword === 'required'))
      .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`),
  );
};
