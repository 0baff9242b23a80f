/**
 * How a rule's `when` reads a request: field names case-insensitive (dotted
 * for nested fields, as QA writes `bankAccount.bsbNumber`), values exact
 * (compared as text, since path and query values may arrive as strings),
 * `{ "regex" }` tested against the text, `{ "exists" }` for presence.
 */
import { isPlainObject } from '../formats/schema-walk.js';
import type { RuleMatcher } from './model.js';

export type FieldTest = (dto: Record<string, unknown>) => boolean;

/** The value at a dotted path, each segment matched case-insensitively. */
export const fieldValue = (dto: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((node, segment) => {
    if (!isPlainObject(node)) return undefined;
    const key = Object.keys(node).find((k) => k.toLowerCase() === segment.toLowerCase());
    return key === undefined ? undefined : node[key];
  }, dto);

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Throws a SyntaxError for a bad regular expression (callers check rules before compiling them). */
export const compileMatcher = (field: string, matcher: RuleMatcher): FieldTest => {
  if (matcher === null) return (dto) => !present(fieldValue(dto, field));
  if (typeof matcher !== 'object') {
    return (dto) => {
      const value = fieldValue(dto, field);
      return value !== undefined && value !== null && typeof value !== 'object' && String(value) === String(matcher);
    };
  }
  if ('regex' in matcher) {
    const re = new RegExp(matcher.regex, matcher.flags ?? '');
    return (dto) => {
      const value = fieldValue(dto, field);
      return present(value) && typeof value !== 'object' && re.test(String(value));
    };
  }
  return (dto) => present(fieldValue(dto, field)) === matcher.exists;
};

/** All of a rule's `when` entries, as one test. */
export const compileWhen = (when: Record<string, RuleMatcher> | undefined): FieldTest => {
  const tests = Object.entries(when ?? {}).map(([field, m]) => compileMatcher(field, m));
  return (dto) => tests.every((t) => t(dto));
};
