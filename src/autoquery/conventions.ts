/**
 * AutoQuery's implicit conventions, copied in order from ServiceStack's `AutoQueryFeature.ImplicitConventions`
 * and `EndsWithConventions` (ServiceStack.Server/AutoQueryFeature.cs), and the way `GetQueryMatch` finds a
 * filter's field:
 *
 * 1. the whole name as a field (case-insensitive), or without a trailing `s` (`Ids` → `Id`, meaning IN);
 *    not for `Skip`, `Take`, `OrderBy`, `OrderByDesc`, `Fields` (`IgnoreProperties`);
 * 2. a prefix convention (`Min%`, `>%`, …: the convention key ends in `%`) before the field;
 * 3. a suffix convention (`%StartsWith`, `%Above%`, …: the key starts with `%`) after the field.
 *
 * The convention word itself is matched case-SENSITIVELY (.NET `string.StartsWith/EndsWith`), the field
 * case-insensitively: `AgeAbove` and `ageAbove` work, `ageabove` does not, and a prefix convention only
 * works capitalised (`MinAge`, not `minAge`). Typed DTO properties are matched by their .NET name, so
 * `minAge` in a request DTO is `MinAge` and does work.
 */
import type { Field, Table } from './fields.js';

export type Operator =
  '>' | '>=' | '<' | '<=' | '<>' | 'like' | 'in' | 'between' | 'hasAll' | 'hasAny' | 'isNull' | 'isNotNull';

export interface Convention {
  /** The pattern as ServiceStack writes it (`%Above%`). */
  readonly pattern: string;
  readonly op: Operator;
  /** `string.Format` pattern applied to the value before LIKE (`{0}%` for StartsWith). */
  readonly valueFormat?: string;
}

/** `ImplicitConventions`, in ServiceStack's order (the order decides which convention wins). */
export const IMPLICIT_CONVENTIONS: readonly Convention[] = [
  { pattern: '%Above%', op: '>' },
  { pattern: 'Begin%', op: '>' },
  { pattern: '%Beyond%', op: '>' },
  { pattern: '%Over%', op: '>' },
  { pattern: '%OlderThan', op: '>' },
  { pattern: '%After%', op: '>' },
  { pattern: 'OnOrAfter%', op: '>=' },
  { pattern: '%From%', op: '>=' },
  { pattern: 'Since%', op: '>=' },
  { pattern: 'Start%', op: '>=' },
  { pattern: '%Higher%', op: '>=' },
  { pattern: 'Min%', op: '>=' },
  { pattern: 'Minimum%', op: '>=' },
  { pattern: '>%', op: '>=' },
  { pattern: '%>', op: '>' },
  { pattern: '%!', op: '<>' },
  { pattern: '<>%', op: '<>' },

  { pattern: '%GreaterThanOrEqualTo%', op: '>=' },
  { pattern: '%GreaterThan%', op: '>' },
  { pattern: '%LessThan%', op: '<' },
  { pattern: '%LessThanOrEqualTo%', op: '<=' },
  { pattern: '%NotEqualTo', op: '<>' },

  { pattern: 'Behind%', op: '<' },
  { pattern: '%Below%', op: '<' },
  { pattern: '%Under%', op: '<' },
  { pattern: '%Lower%', op: '<' },
  { pattern: '%Before%', op: '<' },
  { pattern: '%YoungerThan', op: '<' },
  { pattern: 'OnOrBefore%', op: '<=' },
  { pattern: 'End%', op: '<=' },
  { pattern: 'Stop%', op: '<=' },
  { pattern: 'To%', op: '<=' },
  { pattern: 'Until%', op: '<=' },
  { pattern: 'Max%', op: '<=' },
  { pattern: 'Maximum%', op: '<=' },
  { pattern: '%<', op: '<=' },
  { pattern: '<%', op: '<' },

  { pattern: '%Like%', op: 'like' },
  { pattern: '%In', op: 'in' },
  { pattern: '%Ids', op: 'in' },
  { pattern: '%Between%', op: 'between' },
  { pattern: '%HasAll', op: 'hasAll' },
  { pattern: '%HasAny', op: 'hasAny' },

  { pattern: '%IsNull', op: 'isNull' },
  { pattern: '%IsNotNull', op: 'isNotNull' },
];

/** `EndsWithConventions`' built-in entries, which come before the implicit ones. */
const LIKE_SUFFIXES: readonly Convention[] = [
  { pattern: '%StartsWith', op: 'like', valueFormat: '{0}%' },
  { pattern: '%Contains', op: 'like', valueFormat: '%{0}%' },
  { pattern: '%EndsWith', op: 'like', valueFormat: '%{0}' },
];

const keyOf = (pattern: string): string => pattern.replace(/^%+|%+$/g, '');

/** As `AutoQueryFeature.Register` splits them: a key ending in `%` is a prefix, one starting with `%` a suffix. */
const PREFIXES: ReadonlyArray<readonly [string, Convention]> = IMPLICIT_CONVENTIONS.filter((c) =>
  c.pattern.endsWith('%'),
).map((c) => [keyOf(c.pattern), c] as const);

const SUFFIXES: ReadonlyArray<readonly [string, Convention]> = dedupeKeys([
  ...LIKE_SUFFIXES.map((c) => [keyOf(c.pattern), c] as const),
  ...IMPLICIT_CONVENTIONS.filter((c) => c.pattern.startsWith('%')).map((c) => [keyOf(c.pattern), c] as const),
]);

/** A .NET dictionary keeps a key's first position when it is assigned again. */
function dedupeKeys(
  entries: ReadonlyArray<readonly [string, Convention]>,
): ReadonlyArray<readonly [string, Convention]> {
  const map = new Map<string, Convention>();
  for (const [k, c] of entries) map.set(k, c);
  return [...map.entries()];
}

/** `AutoQueryFeature.IgnoreProperties`: never matched as a field by their own name. */
const IGNORED_NAMES = new Set([
  'skip',
  'take',
  'orderby',
  'orderbydesc',
  'fields',
  '_select',
  '_from',
  '_join',
  '_where',
]);

export interface FilterMatch {
  readonly field: Field;
  readonly convention?: Convention;
}

function matchField(table: Table, name: string): Field | undefined {
  return (
    table.byName.get(name.toLowerCase()) ??
    (name.endsWith('s') ? table.byName.get(name.slice(0, -1).toLowerCase()) : undefined)
  );
}

/** `TypedQuery.GetQueryMatch`: which field (and convention) a filter name means, or undefined (ignored). */
export function matchFilter(table: Table, name: string): FilterMatch | undefined {
  if (!IGNORED_NAMES.has(name.toLowerCase())) {
    const field = matchField(table, name);
    if (field) return { field };
  }
  for (const [key, convention] of PREFIXES) {
    if (name.length <= key.length || !name.startsWith(key)) continue;
    const field = matchField(table, name.slice(key.length));
    if (field) return { field, convention };
  }
  for (const [key, convention] of SUFFIXES) {
    if (name.length <= key.length || !name.endsWith(key)) continue;
    const field = matchField(table, name.slice(0, name.length - key.length));
    if (field) return { field, convention };
  }
  return undefined;
}

/** Operators whose value is a list (`ValueStyle.List` / `Multiple`): a query-string value is split. */
export const takesList = (op: Operator | undefined): boolean => op === 'in' || op === 'between';
