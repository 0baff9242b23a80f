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

const never = (): boolean => false;
const isNull = (field: Field) => (row: Row) => keyOf(field, row[field.wire]) === null;

function listOf(value: unknown, name: string, problem: string): readonly unknown[] {
  if (!isList(value)) throw new QueryError('ArgumentException', `${name} ${problem}`, name);
  return value;
}

function between(field: Field, values: readonly unknown[]): (row: Row) => boolean {
  const atLeast = compareWith(field, '>=', values[0] ?? null);
  const atMost = compareWith(field, '<=', values[1] ?? null);
  return (row) => atLeast(row) && atMost(row);
}

function likeTest(field: Field, convention: Convention, value: unknown): (row: Row) => boolean {
  if (convention.valueFormat) return like(field, formatValue(convention.valueFormat, value));
  return value === null || value === undefined ? never : like(field, String(value));
}

/** The test of a convention's SQL template; undefined when ServiceStack adds no condition. */
function conventionTest(
  field: Field,
  convention: Convention,
  value: unknown,
  name: string,
): ((row: Row) => boolean) | undefined {
  const none = value === null || value === undefined;
  switch (convention.op) {
    case 'in':
      return none ? undefined : equalsAny(field, listOf(value, name, 'expects a list of values'));
    case 'between':
      return none ? undefined : between(field, listOf(value, name, 'requires 2 values'));
    case 'isNull':
      return isNull(field);
    case 'isNotNull': {
      const missing = isNull(field);
      return (row) => !missing(row);
    }
    case 'like':
      return likeTest(field, convention, value);
    case 'hasAll':
    case 'hasAny':
      return none ? never : bits(field, value, convention.op === 'hasAll');
    default:
      // A list given to a single-value template: SQL would compare against the list's text; nothing matches.
      return isList(value) ? never : compareWith(field, convention.op, value);
  }
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
    if (value === null || value === undefined) return { field, test: isNull(field) };
    return { field, test: equalsAny(field, [value]), equals: value };
  }
  const test = conventionTest(field, convention, value, name);
  return test && { field, test };
}
