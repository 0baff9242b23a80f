/**
 * Is an answer what the contract promises? Status (2xx unless the interaction expects another),
 * a JSON Content-Type, and the body: the response DTO's schema for 2xx, ServiceStack's
 * ResponseStatus for errors (docs/errors.md). Each problem is one violation.
 */
import type { Verb } from '../schema/manifest.js';
import type { OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { Answer } from './http.js';
import type { Violation } from './model.js';
import { jsonPath, jsonType, schemaViolations } from './violations.js';

export interface Checked {
  violations: Violation[];
  notes: string[];
  /** The parsed body, when it was JSON. */
  body?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Case-insensitive property read: PascalCase hosts send `ResponseStatus`/`ErrorCode`. */
const prop = (v: unknown, name: string): unknown =>
  isObject(v) ? v[Object.keys(v).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name] : undefined;

const snippet = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
};

/** Parses a body that claims to be JSON; a violation otherwise. */
const parseJson = (answer: Answer, violations: Violation[]): { body?: unknown } => {
  if (!/[/+]json\b/i.test(answer.contentType)) {
    violations.push({
      message: `Content-Type: expected application/json, got ${answer.contentType || 'none'}`,
      expected: 'application/json',
      actual: answer.contentType || 'none',
    });
    return {};
  }
  try {
    return { body: JSON.parse(answer.text) as unknown };
  } catch {
    violations.push({
      path: '$',
      message: `expected a JSON body, got ${snippet(answer.text)}`,
      expected: 'JSON',
      actual: snippet(answer.text),
    });
    return {};
  }
};

/** The resource a create/read/update answers with, and its id: what later interactions chain on. */
const resourceViolations = (
  op: OperationManifest,
  verb: Verb,
  body: unknown,
  request: Record<string, unknown>,
): Violation[] => {
  const state = op.state;
  const effect = state?.effects[verb];
  if (!state || !effect) return [];
  const returnsOne =
    effect === 'create' ||
    effect === 'read' ||
    effect === 'update' ||
    (effect === 'read-or-list' && request[state.idProperty] !== undefined);
  if (!returnsOne) return [];
  const entity = state.resultProperty ? prop(body, state.resultProperty) : body;
  const at = state.resultProperty ? jsonPath(`/${state.resultProperty}`) : '$';
  if (!isObject(entity))
    return [
      {
        path: at,
        message: `missing: the ${state.resource} the operation returns`,
        expected: 'object',
        actual: jsonType(entity),
      },
    ];
  if (prop(entity, state.idProperty) === undefined) {
    return [
      {
        path: `${at}.${state.idProperty}`,
        message: `missing: the ${state.resource}'s id`,
        expected: state.idType,
        actual: 'missing',
      },
    ];
  }
  return [];
};

const checkSuccess = (
  api: ApiSchemas,
  op: OperationManifest,
  verb: Verb,
  request: Record<string, unknown>,
  answer: Answer,
): Checked => {
  const violations: Violation[] = [];
  if (answer.text.trim() === '') {
    if (op.response && answer.status !== 204)
      violations.push({
        path: '$',
        message: `expected a ${op.response} body, got an empty body`,
        expected: op.response,
        actual: 'empty',
      });
    return { violations, notes: [] };
  }
  const { body } = parseJson(answer, violations);
  if (body === undefined || !op.response) return { violations, notes: [], body };
  const validate = api.validator(op.response);
  const errors = validate ? validate(body) : null;
  if (errors) violations.push(...schemaViolations(errors, body));
  const reported = new Set(violations.map((v) => v.path));
  violations.push(...resourceViolations(op, verb, body, request).filter((v) => !reported.has(v.path)));
  return { violations, notes: [], body };
};

const checkError = (answer: Answer): Checked => {
  const violations: Violation[] = [];
  if (answer.text.trim() === '') {
    // ServiceStack's own [Authenticate]/[RequiredRole] filters answer 401/403 with no body.
    if (answer.status === 401 || answer.status === 403)
      return {
        violations,
        notes: [`empty ${answer.status} body accepted: ServiceStack's auth filters answer this way`],
      };
    violations.push({
      path: '$',
      message: 'expected a ResponseStatus error body, got an empty body',
      expected: 'ResponseStatus',
      actual: 'empty',
    });
    return { violations, notes: [] };
  }
  const { body } = parseJson(answer, violations);
  if (body === undefined) return { violations, notes: [] };
  const status = prop(body, 'responseStatus');
  if (!isObject(status)) {
    violations.push({
      path: '$.responseStatus',
      message: `expected object, got ${jsonType(status) === 'undefined' ? 'missing' : jsonType(status)}`,
      expected: 'object',
      actual: jsonType(status),
    });
  } else if (typeof prop(status, 'errorCode') !== 'string') {
    const actual = prop(status, 'errorCode');
    violations.push({
      path: '$.responseStatus.errorCode',
      message: `expected string, got ${actual === undefined ? 'missing' : jsonType(actual)}`,
      expected: 'string',
      actual: jsonType(actual),
    });
  }
  return { violations, notes: [], body };
};

/** What the answer's ResponseStatus says, for a status violation's message. */
const reason = (body: unknown): string => {
  const status = prop(body, 'responseStatus');
  const code = prop(status, 'errorCode');
  const message = prop(status, 'message');
  return typeof code === 'string' ? ` (${code}${typeof message === 'string' && message ? `: ${message}` : ''})` : '';
};

export const checkAnswer = (
  api: ApiSchemas,
  op: OperationManifest,
  verb: Verb,
  request: Record<string, unknown>,
  answer: Answer,
  expectStatus?: number,
): Checked => {
  const success = answer.status >= 200 && answer.status < 300;
  const checked = success ? checkSuccess(api, op, verb, request, answer) : checkError(answer);
  const statusOk = expectStatus === undefined ? success : answer.status === expectStatus;
  if (!statusOk) {
    const expected = expectStatus === undefined ? '2xx' : String(expectStatus);
    checked.violations.unshift({
      message: `status: expected ${expected}, got ${answer.status}${reason(checked.body)}`,
      expected,
      actual: String(answer.status),
    });
  }
  return checked;
};
