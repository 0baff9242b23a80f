/**
 * Checks a scripted rule (from a scenario file or `POST /__ssmock/rules`) and
 * says exactly what is wrong, with the path of the mistake.
 */
import { MockError } from '../errors.js';
import { isPlainObject } from '../formats/schema-walk.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { Rule } from './model.js';

const FAULTS = ['reset', 'timeout', 'malformed'];

export const ruleProblems = (value: unknown, apis: ApiSchemas[], at = 'rule'): string[] => {
  if (!isPlainObject(value)) return [`${at}: expected an object with "operation" and an outcome`];
  const problems: string[] = [];
  const { operation, status, delayMs, fault, times, when, responseStatus, api } = value;
  if (typeof operation !== 'string' || !operation) problems.push(`${at}.operation: expected an operation name`);
  else if (!apis.some((a) => (api === undefined || a.id === api) && a.operation(operation))) {
    problems.push(`${at}.operation: no operation '${operation}' in ${apis.map((a) => a.id).join(', ')}`);
  }
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599)) problems.push(`${at}.status: expected an HTTP error status 400-599`);
  if (delayMs !== undefined && (typeof delayMs !== 'number' || delayMs < 0 || delayMs > 120_000)) problems.push(`${at}.delayMs: expected milliseconds 0-120000`);
  if (fault !== undefined && !FAULTS.includes(fault as string)) problems.push(`${at}.fault: expected one of ${FAULTS.join(', ')}`);
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) problems.push(`${at}.times: expected a whole number ≥ 1`);
  if (when !== undefined && !isPlainObject(when)) problems.push(`${at}.when: expected an object of request fields`);
  if (responseStatus !== undefined && !isPlainObject(responseStatus)) problems.push(`${at}.responseStatus: expected { errorCode, message, errors[] }`);
  if (status === undefined && responseStatus === undefined && delayMs === undefined && fault === undefined) {
    problems.push(`${at}: expected an outcome: "status"/"responseStatus", "delayMs" or "fault"`);
  }
  return problems;
};

export const validateRule = (value: unknown, apis: ApiSchemas[]): Rule => {
  const problems = ruleProblems(value, apis);
  if (problems.length) {
    throw new MockError(400, 'BadRequest', problems[0]!, { errors: problems.map((p) => ({ errorCode: 'BadRequest', fieldName: p.split(':')[0]!, message: p })) });
  }
  return value as unknown as Rule;
};
