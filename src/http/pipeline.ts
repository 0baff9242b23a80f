/**
 * The operation steps of the lifecycle (docs/architecture.md), in ServiceStack's order:
 *
 *   read body → bind → authenticate/authorise → scripted outcome → validate → execute → flush
 *
 * Each step reads and writes the call and either goes on or throws (a MockError from the
 * catalogue, or a FaultInjected); only the responder writes the answer.
 */
import type { Authenticator } from '../auth/index.js';
import { errors } from '../errors.js';
import type { Faker } from '../faker/index.js';
import { builtinHandlerOf } from '../handlers/auth.js';
import { executeOperation } from '../handlers/operation.js';
import { isVerb } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { isTypeError, meaningfulErrors, toFieldError, valueAt } from '../schema/to-field-errors.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import type { StateStore } from '../store/index.js';
import { bindRequest, type BindProblems } from './bind.js';
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

type OperationMatch = Exclude<RouteMatch, { kind: 'unknown-operation' }>;

/** Runs the operation a route matched and returns the reply to send. */
export const runOperation = async (deps: PipelineDeps, call: Call, match: OperationMatch): Promise<Reply> => {
  const { api } = deps;
  const { operation } = match;
  const { dto, unknown } = bind(call, api, match);

  // Authentication runs before validation, as on the real server.
  // Anonymous operations never fail on stale credentials (an expired cookie must not break a public call).
  if (deps.authEnabled && operation.auth.required)
    deps.authenticator.authorize(await deps.authenticator.identify(call.req), operation.auth);

  const preparing = deps.ensureSession(call.session);
  if (preparing) await preparing;
  const outcomes = deps.runtime.take({ session: call.session, api: api.id, operation: operation.name, dto });
  if (outcomes.length) await applyOutcomes(outcomes);

  if (deps.strict && unknown.length) throw errors.unknownProperty(operation.request, unknown);
  validate(api, operation.request, dto, call);

  const builtin = builtinHandlerOf(operation);
  if (builtin) return builtin(call, dto, deps.authenticator);
  const verb = isVerb(call.req.method) ? call.req.method : operation.primaryVerb;
  const result = executeOperation({ api, operation, verb, dto, session: call.session }, deps);
  if (result.wrote) await deps.store.flush();
  return { status: 200, body: result.body, typeName: operation.response ?? operation.request };
};

/** Body, path, query and form → the request DTO, with what the journal should know about its shape. */
const bind = (
  call: Call,
  api: ApiSchemas,
  match: OperationMatch,
): { dto: Record<string, unknown>; unknown: string[] } => {
  const { operation } = match;
  const predefined = match.kind === 'predefined';
  const parsed = readBody(
    call.raw,
    call.req.headers['content-type'],
    predefined ? match.format : undefined,
    api,
    operation.request,
  );
  const schema = api.schemas.get(operation.request);
  if (!schema) throw errors.internal();
  const { dto, problems } = bindRequest(schema, api.resolve, {
    body: parsed.body,
    form: parsed.form,
    query: call.query,
    pathParams: predefined ? {} : match.pathParams,
    queryFillsOnly: predefined,
  });
  call.dto = dto;
  noteBindingProblems(call, problems);
  if (problems.bindingErrors.length)
    throw errors.serialization(`Unable to bind to request '${operation.request}'`, problems.bindingErrors);
  return { dto, unknown: problems.unknown };
};

const noteBindingProblems = (call: Call, problems: BindProblems): void => {
  for (const p of problems.unknown) call.problems.push(`unknown property '${p}'`);
  for (const p of problems.wrongCase) call.problems.push(`wrong-case property '${p}'`);
  for (const e of problems.bindingErrors) call.problems.push(`${e.fieldName}: ${e.message}`);
};

/** ajv against the DTO's schema, answered with FluentValidation's codes and messages. */
const validate = (api: ApiSchemas, type: string, dto: Record<string, unknown>, call: Call): void => {
  const problems = api.validator(type)?.(dto);
  if (!problems) return;
  const found = meaningfulErrors(problems);
  const fieldErrors = found.map((e) => toFieldError(e, valueAt(dto, e.instancePath)));
  call.problems.push(...fieldErrors.map((e) => `${e.fieldName}: ${e.message}`));
  const [first, ...rest] = fieldErrors;
  if (!first) return;
  if (found.some(isTypeError)) throw errors.serialization(`Unable to bind to request '${type}'`, fieldErrors);
  throw errors.validation([first, ...rest]);
};
