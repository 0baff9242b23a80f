/**
 * The operation steps of the lifecycle (docs/architecture.md), in ServiceStack's order:
 *
 *   read body → bind → authenticate/authorise → session → scripted outcome → strict, validate → execute → flush
 *
 * Each step reads and writes the call and either goes on or throws (a MockError from the
 * catalogue, or a FaultInjected); only the responder writes the answer.
 */
import type { Authenticator } from '../auth/index.js';
import { errors, MockError, type FieldError } from '../errors.js';
import { parseJson } from '../formats/json.js';
import { isPlainObject } from '../formats/schema-walk.js';
import type { Faker } from '../faker/index.js';
import { builtinHandlerOf } from '../handlers/auth.js';
import { executeAutoQuery, rawQuery } from '../handlers/autoquery.js';
import { executeOperation } from '../handlers/operation.js';
import { isVerb, type OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { checkRequest } from '../schema/check-request.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import type { StateStore } from '../store/index.js';
import { bindRequest, type BindSources } from './bind.js';
import type { Call } from './call.js';
import { applyOutcomes } from './outcomes.js';
import { readBody } from './read-body.js';
import type { Reply } from './reply.js';
import type { RouteMatch } from './route-table.js';

export interface PipelineDeps {
  api: ApiSchemas;
  store: StateStore;
  faker: Faker;
  authenticator: Authenticator;
  runtime: MockRuntime;
  authEnabled: boolean;
  strict: boolean;
  /** Prepares a session on first use (start-up scenario data and rules). */
  ensureSession: (session: string) => Promise<void> | undefined;
}

type OperationMatch = Extract<RouteMatch, { kind: 'user' | 'predefined' }>;

/** Runs the operation a route matched and returns the reply to send. */
export const runOperation = async (deps: PipelineDeps, call: Call, match: OperationMatch): Promise<Reply> => {
  const { api } = deps;
  const { operation } = match;
  const predefined = match.kind === 'predefined';
  const parsed = readBody(
    call.raw,
    call.req.headers['content-type'],
    predefined ? match.format : undefined,
    api,
    operation.request,
  );
  if (parsed.unbound) call.problems.push(parsed.unbound);
  const bound = bind(api, operation, call, {
    body: parsed.body,
    form: parsed.form,
    pathParams: predefined ? {} : match.pathParams,
    queryFillsOnly: predefined,
  });
  call.dto = bound.dto;
  call.problems.push(...bound.problems);
  assertBound(operation, bound);
  // Authentication runs before validation, as on the real server.
  await authorize(deps, call, operation);
  await prepareSession(deps, call);
  // Scripted outcomes fire before validation, so QA can fail a call whatever it sends.
  await scripted(deps, call, operation, bound.dto);
  check(deps, operation, bound, call.problems, call.req.method ?? '');
  const result = await execute(deps, call, operation, bound.dto);
  if (result.wrote) await deps.store.flush();
  return result.reply;
};

/**
 * Auto-batched requests (`POST /api/{Op}[]`), as ServiceStack runs them: every item is bound,
 * authorised and validated before any executes (the first failure answers with
 * `responseStatus.meta.AutoBatchIndex`); items then execute in order and the first failure stops the
 * batch, `X-AutoBatch-Completed` saying how many completed. The answers come back as a JSON array.
 */
export const runBatch = async (deps: PipelineDeps, call: Call, operation: OperationManifest): Promise<Reply> => {
  const items = batchItems(call, operation);
  call.batch = [];
  await authorize(deps, call, operation);
  const dtos: Record<string, unknown>[] = [];
  for (const [index, item] of items.entries()) {
    const bound = bind(deps.api, operation, call, { body: item, pathParams: {}, queryFillsOnly: true });
    call.batch.push({ dto: bound.dto, problems: bound.problems });
    atIndex(index, () => {
      assertBound(operation, bound);
      check(deps, operation, bound, bound.problems, call.req.method ?? '');
    });
    dtos.push(bound.dto);
  }
  await prepareSession(deps, call);
  const bodies: unknown[] = [];
  let wrote = false;
  try {
    for (const [index, dto] of dtos.entries()) {
      const result = await atIndexAsync(index, async () => {
        await scripted(deps, call, operation, dto);
        return execute(deps, call, operation, dto);
      });
      wrote ||= result.wrote;
      bodies.push(result.reply.body ?? null);
    }
  } catch (err) {
    // The items that completed keep their writes, on disk before the answer, as on the real server.
    if (wrote) await deps.store.flush();
    throw err instanceof MockError ? err.with({ headers: { [BATCH_COMPLETED]: String(bodies.length) } }) : err;
  }
  if (wrote) await deps.store.flush();
  return {
    status: 200,
    body: bodies,
    typeName: operation.response ?? operation.request,
    headers: { [BATCH_COMPLETED]: String(bodies.length) },
  };
};

const BATCH_COMPLETED = 'X-AutoBatch-Completed';

/** The batch body: a JSON array of request objects (JSON whatever the Content-Type, as on `/api`). */
const batchItems = (call: Call, operation: OperationManifest): Record<string, unknown>[] => {
  let items: unknown;
  try {
    items = call.raw && call.raw.length ? parseJson(call.raw.toString('utf8')) : [];
  } catch (err) {
    throw errors.serialization(`Could not deserialize '${operation.request}[]': ${(err as Error).message}`);
  }
  if (!Array.isArray(items))
    throw errors.serialization(`A batch of ${operation.request} must be a JSON array, got ${typeof items}`);
  items.forEach((item, index) => {
    if (!isPlainObject(item))
      throw errors
        .serialization(`Item ${index} of the batch is not a ${operation.request} object`)
        .with({ meta: { AutoBatchIndex: String(index) } });
  });
  return items as Record<string, unknown>[];
};

/** A failure of one batch item names it, as ServiceStack's `ResponseStatus.Meta["AutoBatchIndex"]` does. */
const atIndex = <T>(index: number, step: () => T): T => {
  try {
    return step();
  } catch (err) {
    throw withIndex(err, index);
  }
};

const atIndexAsync = async <T>(index: number, step: () => Promise<T>): Promise<T> => {
  try {
    return await step();
  } catch (err) {
    throw withIndex(err, index);
  }
};

const withIndex = (err: unknown, index: number): unknown =>
  err instanceof MockError ? err.with({ meta: { AutoBatchIndex: String(index) } }) : err;

interface Bound {
  dto: Record<string, unknown>;
  unknown: string[];
  /** What the journal notes: unknown and wrong-case names, binding errors. */
  problems: string[];
  bindingErrors: FieldError[];
}

/** Body, path, query and form → the request DTO, with what the journal should know about its shape. */
const bind = (api: ApiSchemas, operation: OperationManifest, call: Call, source: Omit<BindSources, 'query'>): Bound => {
  const schema = api.schemas.get(operation.request);
  // A manifest naming a type with no schema is a bug of the loader, not the client's mistake: logged as one.
  if (!schema) throw new Error(`no schema for ${operation.request}`);
  const { dto, problems } = bindRequest(schema, api.resolve, { ...source, query: call.query });
  const notes = [
    ...problems.unknown.map((p) => `unknown property '${p}'`),
    ...problems.wrongCase.map((p) => `wrong-case property '${p}'`),
    ...problems.bindingErrors.map((e) => `${e.fieldName}: ${e.message}`),
  ];
  return { dto, unknown: problems.unknown, problems: notes, bindingErrors: problems.bindingErrors };
};

const assertBound = (operation: OperationManifest, bound: Bound): void => {
  if (bound.bindingErrors.length)
    throw errors.serialization(`Unable to bind to request '${operation.request}'`, bound.bindingErrors);
};

/** Anonymous operations never fail on stale credentials (an expired cookie must not break a public call). */
const authorize = async (deps: PipelineDeps, call: Call, operation: OperationManifest): Promise<void> => {
  if (deps.authEnabled && operation.auth.required)
    deps.authenticator.authorize(await deps.authenticator.identify(call.req), operation.auth);
};

const prepareSession = async (deps: PipelineDeps, call: Call): Promise<void> => {
  const preparing = deps.ensureSession(call.session);
  if (preparing) await preparing;
};

/** The session's rules for this call: a wait, a scripted error or a fault. */
const scripted = async (
  deps: PipelineDeps,
  call: Call,
  operation: OperationManifest,
  dto: Record<string, unknown>,
): Promise<void> => {
  const outcomes = deps.runtime.take({ session: call.session, api: deps.api.id, operation: operation.name, dto });
  if (outcomes.length) await applyOutcomes(outcomes);
};

/**
 * `--strict`, then the DTO's schema and its declarative validators, answered with FluentValidation's codes and
 * messages; only what ServiceStack enforces is rejected (check-request.ts), the rest is noted in the journal.
 */
const check = (
  deps: PipelineDeps,
  operation: OperationManifest,
  bound: Bound,
  problems: string[],
  verb: string,
): void => {
  if (deps.strict && bound.unknown.length) throw errors.unknownProperty(operation.request, bound.unknown);
  const schema = deps.api.schemas.get(operation.request);
  if (!schema) return;
  const verdict = checkRequest({
    schema,
    dto: bound.dto,
    ajvErrors: deps.api.validator(operation.request)?.(bound.dto),
    resolve: deps.api.resolve,
    strict: deps.strict,
    routes: operation.routes.map((r) => r.path),
    patch: verb === 'PATCH' && operation.autoQuery?.action === 'patch',
  });
  problems.push(...verdict.notes);
  const [first, ...rest] = verdict.errors;
  if (!first) return;
  if (verdict.unbindable)
    throw errors.serialization(`Unable to bind to request '${operation.request}'`, verdict.errors);
  throw errors.validation([first, ...rest]);
};

const WRITES: ReadonlySet<string> = new Set(['create', 'update', 'delete']);

/** Whether the operation would change the state when reached by this verb. */
const writes = (operation: OperationManifest, verb: string): boolean =>
  operation.autoQuery
    ? operation.autoQuery.action !== 'query'
    : WRITES.has(operation.state?.effects[verb as keyof typeof operation.state.effects] ?? 'none');

/** The operation's effect (a built-in's handler, the state, or a fake); the caller flushes what it wrote. */
const execute = async (
  deps: PipelineDeps,
  call: Call,
  operation: OperationManifest,
  dto: Record<string, unknown>,
): Promise<{ reply: Reply; wrote: boolean }> => {
  const builtin = builtinHandlerOf(operation);
  if (builtin) return { reply: await builtin(call, dto, deps.authenticator), wrote: false };
  const method = call.req.method === 'HEAD' ? 'GET' : call.req.method;
  const verb = isVerb(method) ? method : operation.primaryVerb;
  // HEAD never writes: an operation whose GET would write (a named `Create…`, an AutoQuery create) is only faked.
  if (call.req.method === 'HEAD' && writes(operation, verb))
    return { reply: { status: 200, body: {}, typeName: operation.response ?? operation.request }, wrote: false };
  const query = rawQuery(call.req.originalUrl);
  if (operation.autoQuery)
    return executeAutoQuery({ api: deps.api, operation, verb, dto, session: call.session, query }, deps);
  const result = executeOperation({ api: deps.api, operation, verb, dto, session: call.session, query }, deps);
  const reply = { status: 200, body: result.body, typeName: operation.response ?? operation.request };
  return { reply, wrote: result.wrote };
};
