/**
 * One filter → a row predicate, following `ExprResult.CreateExpression` (ServiceStack.Server/AutoQueryFeature.cs)
 * and the SQL it writes, evaluated as SQLite would:
 *
 * - no convention: a list means `IN (…)` (an empty list is no filter), null means `IS NULL`, else `=`;
 * - a comparison (`>`, `>=`, `<`, `<=`, `<>`) or `=`/`IN` is false when either side is NULL (SQL's three values);
 * - `%StartsWith`/`%Contains`/`%EndsWith`/`%Like%` are `UPPER(field) LIKE UPPER(value)`: case-insensitive, and
 *   `%`/`_` in the value are wildcards (ServiceStack does not escape them); a null value of a StartsWith-style
 *   filter formats to `%`, which matches every non-null value;
 * - `%In`/`%Ids` and `%Between%` ignore a null value and need a list (else `ArgumentException`); `BETWEEN`
 *   takes the first two values and is inclusive;
 * - `%IsNull`/`%IsNotNull` ignore the value; `%HasAll`/`%HasAny` are bit tests on integers.
 *
 * Strings compare case-sensitively (SQLite's `=`), dates as instants, numbers as numbers.
 */
import type { Convention } from './conventions.js';
import type { Field, Key } from './fields.js';
import { compareKeys, keyOf, likeTextOf } from './fields.js';
import { QueryError } from './query-error.js';

export type Row = Readonly<Record<string, unknown>>;

export interface Condition {
  readonly field: Field;
  readonly test: (row: Row) => boolean;
  /** Set for `field = value` with a scalar: what an equality index can answer. */
  readonly equals?: unknown;
}

const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value);

/** SQL LIKE → a RegExp: `%` any run, `_` one character, case-insensitive (both sides `UPPER`ed). */
export function likePattern(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

const formatValue = (format: string, value: unknown): string =>
  format.replace('{0}', value === null || value === undefined ? '' : String(value));

function compareWith(field: Field, op: string, value: unknown): (row: Row) => boolean {
  const b = keyOf(field, value);
  if (b === null) return () => false;
  const holds: (c: number) => boolean =
    op === '>'
      ? (c) => c > 0
      : op === '>='
        ? (c) => c >= 0
        : op === '<'
          ? (c) => c < 0
          : op === '<='
            ? (c) => c <= 0
            : (c) => c !== 0;
  return (row) => {
    const a = keyOf(field, row[field.wire]);
    return a !== null && holds(compareKeys(a, b));
  };
}

function equalsAny(field: Field, values: readonly unknown[]): (row: Row) => boolean {
  const keys = new Set<Key>();
  for (const v of values) {
    const k = keyOf(field, v);
    if (k !== null) keys.add(k);
  }
  return (row) => {
    const a = keyOf(field, row[field.wire]);
    return a !== null && keys.has(a);
  };
}

function like(field: Field, pattern: string): (row: Row) => boolean {
  const re = likePattern(pattern);
  return (row) => {
    const text = likeTextOf(field, row[field.wire]);
    return text !== null && re.test(text);
  };
}

function bits(field: Field, value: unknown, all: boolean): (row: Row) => boolean {
  const v = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(v)) return () => false;
  return (row) => {
    const a = row[field.wire];
    if (typeof a !== 'number') return false;
    const and = Number(BigInt(Math.trunc(v)) & BigInt(Math.trunc(a)));
    return all ? and === v : and > 0;
  };
}

/**
 * The condition for `field` (with its convention, if any) and a value already of the field's type.
 * Undefined when ServiceStack adds no condition (empty list, null for IN/BETWEEN).
 */
export function conditionFor(
  field: Field,
  convention: Convention | undefined,
  value: unknown,
  name: string,
): Condition | undefined {
  if (isList(value) && value.length === 0) return undefined; // "ignore empty ICollection filters"
  if (!convention) {
    if (isList(value)) return { field, test: equalsAny(field, value) };
    if (value === null || value === undefined) return { field, test: (row) => keyOf(field, row[field.wire]) === null };
    return { field, test: equalsAny(field, [value]), equals: value };
  }
  switch (convention.op) {
    case 'in':
      if (value === null || value === undefined) return undefined;
      if (!isList(value)) throw new QueryError('ArgumentException', `${name} expects a list of values`, name);
      return { field, test: equalsAny(field, value) };
    case 'between': {
      if (value === null || value === undefined) return undefined;
      if (!isList(value)) throw new QueryError('ArgumentException', `${name} requires 2 values`, name);
      const [lo, hi] = [value[0] ?? null, value[1] ?? null];
      const atLeast = compareWith(field, '>=', lo);
      const atMost = compareWith(field, '<=', hi);
      return { field, test: (row) => atLeast(row) && atMost(row) };
    }
    case 'isNull':
      return { field, test: (row) => keyOf(field, row[field.wire]) === null };
    case 'isNotNull':
      return { field, test: (row) => keyOf(field, row[field.wire]) !== null };
    case 'like':
      if (convention.valueFormat) return { field, test: like(field, formatValue(convention.valueFormat, value)) };
      if (value === null || value === undefined) return { field, test: () => false };
      return { field, test: like(field, String(value)) };
    case 'hasAll':
    case 'hasAny':
      if (value === null || value === undefined) return { field, test: () => false };
      return { field, test: bits(field, value, convention.op === 'hasAll') };
    default:
      // A list given to a single-value template: SQL would compare against the list's text; nothing matches.
      if (isList(value)) return { field, test: () => false };
      return { field, test: compareWith(field, convention.op, value) };
  }
}
