/**
 * ajv's errors → violations a person can act on: a JSON path into the body (`$.customer.id`) and
 * "expected X, got Y". ajv's bookkeeping errors (`anyOf`, `if`, …) are dropped, as the mock drops them.
 */
import type { ErrorObject } from 'ajv';
import { meaningfulErrors, valueAt } from '../schema/to-field-errors.js';
import type { Violation } from './model.js';

const segment = (key: string): string =>
  /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;

/** `/customer/bankAccount/0` → `$.customer.bankAccount[0]`. */
export const jsonPath = (instancePath: string, extra?: string): string => {
  const keys =
    instancePath === ''
      ? []
      : instancePath
          .split('/')
          .slice(1)
          .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) keys.push(extra);
  return `$${keys.map(segment).join('')}`;
};

/** The JSON type of a value, as a schema would name it. */
export const jsonType = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const toViolation = (e: ErrorObject, body: unknown): Violation => {
  const actualValue = valueAt(body, e.instancePath);
  switch (e.keyword) {
    case 'type': {
      const expected = String(e.params['type']);
      // An integer is a number too: say "number" only when that is what the schema wanted.
      const actual = jsonType(actualValue) === 'integer' && expected !== 'integer' ? 'number' : jsonType(actualValue);
      return { path: jsonPath(e.instancePath), message: `expected ${expected}, got ${actual}`, expected, actual };
    }
    case 'required': {
      const name = String(e.params['missingProperty']);
      return {
        path: jsonPath(e.instancePath, name),
        message: 'missing required property',
        expected: 'present',
        actual: 'missing',
      };
    }
    case 'additionalProperties': {
      const name = String(e.params['additionalProperty']);
      return {
        path: jsonPath(e.instancePath, name),
        message: 'unexpected property (the schema does not define it)',
        expected: 'absent',
        actual: show(valueAt(body, `${e.instancePath}/${name}`)),
      };
    }
    case 'enum': {
      const allowed = (e.params['allowedValues'] as unknown[]).map((v) => String(v));
      const list = allowed.length > 8 ? `${allowed.slice(0, 8).join(', ')}, …` : allowed.join(', ');
      return {
        path: jsonPath(e.instancePath),
        message: `expected one of ${list}, got ${show(actualValue)}`,
        expected: allowed.join('|'),
        actual: show(actualValue),
      };
    }
    case 'format': {
      const format = String(e.params['format']);
      return {
        path: jsonPath(e.instancePath),
        message: `expected format ${format}, got ${show(actualValue)}`,
        expected: format,
        actual: show(actualValue),
      };
    }
    default:
      return {
        path: jsonPath(e.instancePath),
        message: `${e.message ?? 'is invalid'}, got ${show(actualValue)}`,
        actual: show(actualValue),
      };
  }
};

export const schemaViolations = (errors: ErrorObject[], body: unknown): Violation[] => {
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const v of meaningfulErrors(errors).map((e) => toViolation(e, body))) {
    const key = `${v.path ?? ''} ${v.message}`;
    if (!seen.has(key)) out.push(v);
    seen.add(key);
  }
  return out;
};
