/**
 * One API's request lifecycle, in ServiceStack's order. Each step either adds
 * to the call or throws a MockError; only respond.ts writes the answer.
 *
 *   route → negotiate → read body → bind → authenticate/authorise → scripted
 *   outcome → validate → execute (state or faker) → flush → reply
 */
import type { Request, Response } from 'express';
import type { Authenticator } from '../auth/index.js';
import type { Verb } from '../schema/manifest.js';
import { MockError, errors } from '../errors.js';
import type { Faker } from '../faker/index.js';
import { executeOperation } from '../handlers/operation.js';
import type { ApiSchemas } from '../schema/registry.js';
import { isTypeError, meaningfulErrors, toFieldError, valueAt } from '../schema/to-field-errors.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import type { StateStore } from '../store/index.js';
import { bindRequest, type BindProblems } from './bind.js';
import { negotiate } from './negotiate.js';
import { readBody } from './read-body.js';
import type { Reply } from './reply.js';
import { NEGOTIATED_LOCAL } from './respond.js';
import type { RouteTable } from './route-table.js';
import { applyOutcomes } from './outcomes.js';
import { CALL_LOCAL, type CallRecord } from './call-record.js';

export interface PipelineDeps {
  api: ApiSchemas;
  routes: RouteTable;
  store: StateStore;
  faker: Faker;
  authenticator: Authenticator;
  runtime: MockRuntime;
  authEnabled: boolean;
  strict: boolean;
  /** Prepares a session on first use (start-up scenario data and rules). */
  ensureSession: (session: string) => Promise<void> | undefined;
}

const VERBS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Runs one call of this API, `path` being relative to the API's base. Returns the reply to send, or
 * undefined when no operation route matches (the caller answers 404). Throws a MockError (or a
 * FaultInjected) for every failure; the error handler renders it.
 */
export const runOperation = async (
  deps: PipelineDeps,
  req: Request,
  res: Response,
  path: string,
  query: Record<string, unknown>,
): Promise<Reply | undefined> => {
  const { api } = deps;
  const match = deps.routes.match(req.method, path);
  if (!match) return undefined;
  const record = res.locals[CALL_LOCAL] as CallRecord;
  record.api = api.id;
  if (match.kind === 'unknown-operation') {
    res.locals[NEGOTIATED_LOCAL] = negotiate({ method: req.method, query, routeFormat: match.format });
    throw errors.unknownOperation();
  }
  const { operation } = match;
  record.operation = operation.name;
  res.locals['operation'] = operation;
  if (match.extension || match.kind === 'predefined') {
    // The route names a format: it beats Accept (negotiate.ts), so negotiate again with it.
    res.locals[NEGOTIATED_LOCAL] = negotiate({
      method: req.method,
      query,
      extension: match.extension,
      routeFormat: match.kind === 'predefined' ? match.format : undefined,
      accept: req.headers.accept,
    });
  }

  const parsed = readBody(
    req.body as Buffer | undefined,
    req.headers['content-type'],
    match.kind === 'predefined' ? match.format : undefined,
    api,
    operation.request,
  );
  const schema = api.schemas.get(operation.request);
  if (!schema) throw new MockError(500, 'InternalServerError', `No schema for ${operation.request}`);
  const { dto, problems } = bindRequest(schema, api.resolve, {
    body: parsed.body,
    form: parsed.form,
    query,
    pathParams: match.kind === 'user' ? match.pathParams : {},
    queryFillsOnly: match.kind === 'predefined',
  });
  record.request = dto;
  noteBindingProblems(record, problems);
  if (problems.bindingErrors.length)
    throw errors.serialization(`Unable to bind to request '${operation.request}'`, problems.bindingErrors);

  // Authentication runs before validation, as on the real server.
  // Anonymous operations never fail on stale credentials (an expired cookie must not break a public call).
  if (deps.authEnabled && operation.auth.required)
    deps.authenticator.authorize(await deps.authenticator.identify(req), operation.auth);

  const session = record.session;
  const preparing = deps.ensureSession(session);
  if (preparing) await preparing;
  const outcomes = deps.runtime.take({ session, api: api.id, operation: operation.name, dto });
  if (outcomes.length) await applyOutcomes(outcomes);

  if (deps.strict && problems.unknown.length) throw unknownProperties(operation.request, problems.unknown);
  validate(deps, operation.request, dto, record);

  const verb = (VERBS.includes(req.method) ? req.method : operation.primaryVerb) as Verb;
  const result = executeOperation({ api, operation, verb, dto, session }, deps);
  if (result.wrote) await deps.store.flush();
  return { status: 200, body: result.body, typeName: operation.response ?? operation.request };
};

/** What the journal tells a tester about the request's shape (the call may still succeed). */
const noteBindingProblems = (record: CallRecord, problems: BindProblems): void => {
  for (const p of problems.unknown) record.problems.push(`unknown property '${p}'`);
  for (const p of problems.wrongCase) record.problems.push(`wrong-case property '${p}'`);
  for (const e of problems.bindingErrors) record.problems.push(`${e.fieldName}: ${e.message}`);
};

/** `--strict`: the properties a request sent that its DTO lacks, as ServiceStack-shaped field errors. */
const unknownProperties = (type: string, names: string[]): MockError =>
  new MockError(400, 'UnknownProperty', `'${names[0]}' is not a property of ${type} (--strict)`, {
    errors: names.map((p) => ({
      errorCode: 'UnknownProperty',
      fieldName: p,
      message: `'${p}' is not a property of ${type}`,
    })),
  });

const validate = (deps: PipelineDeps, type: string, dto: Record<string, unknown>, record: CallRecord): void => {
  const problems = deps.api.validator(type)?.(dto);
  if (!problems) return;
  const found = meaningfulErrors(problems);
  const fieldErrors = found.map((e) => toFieldError(e, valueAt(dto, e.instancePath)));
  record.problems.push(...fieldErrors.map((e) => `${e.fieldName}: ${e.message}`));
  const first = fieldErrors[0];
  if (!first) return;
  if (found.some(isTypeError)) {
    throw errors.serialization(`Unable to bind to request '${type}'`, fieldErrors);
  }
  throw new MockError(400, first.errorCode, first.message, { errors: fieldErrors });
};
