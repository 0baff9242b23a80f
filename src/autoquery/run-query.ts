/**
 * AutoQuery's `QueryDb<T>` / `QueryDb<From, Into>` over in-memory rows: what ServiceStack's generated
 * service answers as `QueryResponse<T>`, following `TypedQuery.AddToQuery`, `AppendLimits`,
 * `AppendTypedQueries`, `AppendUntypedQueries` and `AutoQuery.ResponseFilter` (ServiceStack.Server/
 * AutoQueryFeature.cs) and OrmLite's `SqlExpression` (`OrderByFields`, `Select(string[])`, `FirstMatchingField`),
 * with SQLite semantics where the SQL is left to the database (NULLs sort first, a negative LIMIT is no limit,
 * `=` is case-sensitive, `LIKE` is not).
 *
 * Pure: no I/O, no clock; `random` only for `OrderBy=Random`.
 *
 * Speed. One pass over the candidate rows, which stops early when nothing needs the whole set: with no
 * `Include=Total`/aggregates, no DISTINCT and an order the rows already have (no paging, or paging by primary
 * key over rows in primary-key order), the pass ends at the `Skip + Take`-th match. For the bench target
 * (100,000 rows, one equality filter, `Take=50`, ≥ 0.5× bare Express) the store should provide:
 *   - `rows` as its live array (no copy per request), kept in ascending primary-key order, and say so
 *     with `rowsInKeyOrder: true` (an auto-increment table appends in that order);
 *   - `equalityIndex(field)`: a `Map<storedValue, rows[]>` per field, each bucket in row order, kept up to
 *     date on writes; the query then reads one bucket instead of scanning, and `Include=Total` with that
 *     single filter is the bucket's length. Only plain `Field=value` filters on string, enum, number and
 *     boolean fields use it (dates and Guids compare by value, not by stored text).
 * Ordering by another field reads every match; a page (`Skip + Take` under an eighth of the matches) keeps a
 * top-k heap, n log k, else the matches are sorted. A database without an index on the field scans too.
 */
import type { Resolver } from '../formats/schema-walk.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { Condition, Row } from './conditions.js';
import { conditionFor } from './conditions.js';
import type { FilterMatch } from './conventions.js';
import { matchFilter, takesList } from './conventions.js';
import type { Field, Key, Table } from './fields.js';
import { compareKeys, convertList, convertText, convertTyped, fieldsOf, keyOf, tableOf } from './fields.js';
import type { IncludePlan } from './include.js';
import { aggregate, metaKey, planInclude } from './include.js';
import { QueryError } from './query-error.js';

export type { Row } from './conditions.js';

/** QueryBase's properties (wire names), never filters. */
export interface QueryBaseFields {
  skip?: number | null;
  take?: number | null;
  orderBy?: string | null;
  orderByDesc?: string | null;
  include?: string | null;
  fields?: string | null;
  meta?: Record<string, string> | null;
}

export interface QueryInput {
  /** The bound request DTO: QueryBase's fields plus its declared filter properties, typed. */
  dto: QueryBaseFields & Record<string, unknown>;
  /**
   * The raw query string (and form fields on POST/PUT) as name → value(s), for untyped filters on table
   * fields (`?FirstName=Ann`, `?AgeAbove=30`). Repeated names are separate conditions (ServiceStack keys
   * them `Name`, `Name#1`, …).
   */
  query?: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface QueryOptions {
  /** JSON Schema of the table type (`From`). */
  table: JsonSchema;
  /** The table type's name, for `{Table}{Field}` filter names (`RockstarId` on `Rockstar`). */
  tableName?: string;
  /** The request DTO's schema: which properties are declared (typed) filters. */
  request?: JsonSchema;
  /** `Into` of `QueryDb<From, Into>`: the shape of each result. Defaults to the table. */
  into?: JsonSchema;
  /** The table's primary key (wire name); default `id`, else the first property (OrmLite's rule). */
  idProperty?: string;
  /** `AutoQueryFeature.MaxLimit`: the default and the cap of `Take`. ServiceStack's default is none. */
  maxLimit?: number;
  /** `AutoQueryFeature.IncludeTotal`: fill `total` without `Include=Total`. */
  includeTotal?: boolean;
  /** `AutoQueryFeature.EnableUntypedQueries` (default true). */
  untypedQueries?: boolean;
  /** `AutoQueryFeature.OrderByPrimaryKeyOnPagedQuery` (default true). */
  orderByPrimaryKeyOnPagedQuery?: boolean;
  /** `[QueryDb(QueryTerm.Or)]`: filters widen instead of narrowing; no filter at all matches nothing. */
  defaultTerm?: 'and' | 'or';
  /**
   * A negative `Take`/`Skip` goes to the database untouched: SQLite (the default, ServiceStack's templates)
   * reads LIMIT -1 as no limit and a negative OFFSET as 0; PostgreSQL and SQL Server refuse it, which
   * AutoQuery answers as 400 `ArgumentException` (`'reject'`).
   */
  negativePaging?: 'sqlite' | 'reject';
  /** The rows are in ascending primary-key order (lets a paged query stop at its last row). */
  rowsInKeyOrder?: boolean;
  /** A per-field equality index (see the module comment). */
  equalityIndex?: (field: string) => ReadonlyMap<unknown, readonly Row[]> | undefined;
  /** For `OrderBy=Random`; default `Math.random`. */
  random?: () => number;
  /**
   * Request properties that choose the collection rather than filter it (the tenant, `organisationId`):
   * never a filter, typed or untyped, even when non-nullable (which would otherwise filter by its default).
   */
  scopeProperties?: readonly string[];
  /** Resolves `$ref`s in the schemas (enums, nested types). */
  resolve?: Resolver;
}

export interface QueryResult {
  offset: number;
  total: number;
  results: Record<string, unknown>[];
  /** Absent when ServiceStack nulls it (after a total); `{}` when it leaves it empty (no `Include`). */
  meta?: Record<string, string>;
}

/** QueryBase's names and the keywords `GetRequestParams` drops (`HostConfig.IgnoreWarningsOnPropertyNames`). */
const QUERY_BASE = ['skip', 'take', 'orderBy', 'orderByDesc', 'include', 'fields', 'meta', 'queryParams'];
const NOT_PARAMS = new Set(
  ['format', 'callback', 'debug', 'authsecret', 'jsconfig', '_', 'apikey', 'code', 'redirect', 'continue']
    .concat(['session_state', 'version', 'v', 'vfx', 's', 'f', 'withoutoptions'])
    .map((k) => k.toLowerCase()),
);
const QUERY_BASE_LOWER = new Set(QUERY_BASE.map((n) => n.toLowerCase()));

const tables = new WeakMap<JsonSchema, Map<string, Table>>();

/** Table models are built once per schema (schemas are loaded once and never change). */
function tableFor(options: QueryOptions): Table {
  let byKey = tables.get(options.table);
  if (!byKey) tables.set(options.table, (byKey = new Map()));
  const key = `${options.tableName ?? ''}\u0000${options.idProperty ?? ''}`;
  let table = byKey.get(key);
  if (!table) byKey.set(key, (table = tableOf(options.table, options)));
  return table;
}

/** Declared filters of the request DTO, with the value ServiceStack would see (a non-nullable default included). */
function typedConditions(input: QueryInput, options: QueryOptions, table: Table): Condition[] {
  const out: Condition[] = [];
  const declared = options.request ? fieldsOf(options.request, options.resolve) : [];
  const defaults = new Map(Object.entries(options.request?.properties ?? {}).map(([k, s]) => [k, s.default] as const));
  const given = new Map(Object.entries(input.dto).map(([k, v]) => [k.toLowerCase(), v] as const));
  const scope = new Set((options.scopeProperties ?? []).map((p) => p.toLowerCase()));
  for (const prop of declared) {
    if (QUERY_BASE_LOWER.has(prop.wire.toLowerCase()) || scope.has(prop.wire.toLowerCase())) continue;
    // A non-nullable property (`int Age`) always has a value in .NET, so ServiceStack always filters by it.
    const raw = given.has(prop.wire.toLowerCase()) ? given.get(prop.wire.toLowerCase()) : defaults.get(prop.wire);
    if (raw === null || raw === undefined) continue;
    const match = matchFilter(table, prop.name);
    if (!match) continue;
    const value = Array.isArray(raw) ? raw.map((v) => convertTyped(match.field, v)) : convertTyped(match.field, raw);
    const condition = conditionFor(match.field, match.convention, value, prop.name);
    if (condition) out.push(condition);
  }
  return out;
}

function* queryEntries(query: QueryInput['query']): Generator<[string, string]> {
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'string') yield [name, value];
    else for (const v of value) yield [name, v];
  }
}

/** `AppendUntypedQueries`: query-string names that are not DTO properties but name a field or convention. */
function untypedConditions(input: QueryInput, options: QueryOptions, table: Table): Condition[] {
  const consumed = new Set([
    ...QUERY_BASE_LOWER,
    ...(options.scopeProperties ?? []).map((p) => p.toLowerCase()),
    ...Object.keys(options.request?.properties ?? {}).map((k) => k.toLowerCase()),
  ]);
  const out: Condition[] = [];
  for (const [key, text] of queryEntries(input.query)) {
    const lower = key.toLowerCase();
    if (NOT_PARAMS.has(lower) || consumed.has(lower)) continue;
    const name = key.split('#')[0] as string;
    const match = matchFilter(table, name);
    if (!match) continue;
    const value = untypedValue(match, name, text);
    const condition = conditionFor(match.field, match.convention, value, name);
    if (condition) out.push(condition);
  }
  return out;
}

function untypedValue(match: FilterMatch, name: string, text: string): unknown {
  if (text === '') return null;
  const plural = name.toLowerCase() === `${match.field.name}s`.toLowerCase();
  if (takesList(match.convention?.op) || plural) return convertList(match.field, text, name);
  return convertText(match.field, text, name);
}

interface Ordering {
  readonly keys: ReadonlyArray<{ field: Field; desc: boolean }>;
  readonly random: boolean;
}

/** `SplitVarNames`: `,` or `;` separated, trimmed, empties dropped. */
const splitNames = (text: string): string[] =>
  text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** `AppendLimits`' ordering: OrderBy, else OrderByDesc, else the primary key when paging. */
function orderingOf(dto: QueryInput['dto'], options: QueryOptions, table: Table): Ordering | undefined {
  const explicit = dto.orderBy
    ? { names: dto.orderBy, desc: false }
    : dto.orderByDesc
      ? { names: dto.orderByDesc, desc: true }
      : undefined;
  if (explicit) {
    const keys: Array<{ field: Field; desc: boolean }> = [];
    let random = false;
    for (const spec of splitNames(explicit.names)) {
      const reverse = spec.startsWith('-');
      const name = reverse ? spec.slice(1) : spec;
      const field = table.byName.get(name.toLowerCase());
      if (field) keys.push({ field, desc: explicit.desc !== reverse });
      else if (name.toLowerCase() === 'random') random = true;
      else throw new QueryError('ArgumentException', `Could not find field ${name}`, name);
    }
    return keys.length || random ? { keys, random } : undefined;
  }
  const paged = isSet(dto.skip) || isSet(dto.take);
  if (paged && options.orderByPrimaryKeyOnPagedQuery !== false && table.primaryKey)
    return { keys: [{ field: table.primaryKey, desc: false }], random: false };
  return undefined;
}

const isSet = (v: number | null | undefined): v is number => v !== null && v !== undefined;

interface Decorated {
  row: Row;
  keys: Array<Key | null>;
  r: number;
  /** Storage position: ties keep storage order, as SQLite's scan does. */
  pos: number;
}

/**
 * The rows in `ordering`. With `limit`, only the first `limit`: a max-heap of the best so far (n log k, and
 * no allocation for the rows it rejects) instead of sorting every match.
 */
function sortRows(rows: readonly Row[], ordering: Ordering, random: () => number, limit?: number): Row[] {
  const n = ordering.keys.length;
  const compare = (a: Decorated, b: Decorated): number => {
    for (let i = 0; i < n; i++) {
      const c = compareNullable(a.keys[i] ?? null, b.keys[i] ?? null);
      if (c !== 0) return ordering.keys[i]?.desc ? -c : c;
    }
    return a.r - b.r || a.pos - b.pos;
  };
  const fill = (d: Decorated, row: Row, pos: number): Decorated => {
    d.row = row;
    d.pos = pos;
    d.r = ordering.random ? random() : 0;
    for (let i = 0; i < n; i++) {
      const field = (ordering.keys[i] as { field: Field }).field;
      d.keys[i] = keyOf(field, row[field.wire]);
    }
    return d;
  };
  const blank = (): Decorated => ({ row: {}, keys: new Array<Key | null>(n), r: 0, pos: 0 });
  if (limit === undefined || limit * 8 >= rows.length)
    return rows
      .map((row, pos) => fill(blank(), row, pos))
      .sort(compare)
      .map((d) => d.row);
  if (limit <= 0) return [];
  const heap = new TopK(limit, compare);
  let scratch = blank();
  rows.forEach((row, pos) => {
    if (heap.offer(fill(scratch, row, pos))) scratch = blank();
  });
  return heap
    .items()
    .sort(compare)
    .map((d) => d.row);
}

/** The `limit` smallest items seen, by `compare`: a max-heap whose root is the worst kept. */
class TopK<T> {
  readonly #items: T[] = [];
  constructor(
    readonly limit: number,
    readonly compare: (a: T, b: T) => number,
  ) {}

  /** Keeps `item` if it is among the best so far; true when it was kept (the caller must not reuse it). */
  offer(item: T): boolean {
    const items = this.#items;
    if (items.length < this.limit) {
      items.push(item);
      this.#up(items.length - 1);
      return true;
    }
    if (this.compare(item, items[0] as T) >= 0) return false;
    items[0] = item;
    this.#down(0);
    return true;
  }

  items(): T[] {
    return this.#items;
  }

  #up(i: number): void {
    const items = this.#items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i] as T, items[parent] as T) <= 0) return;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  #down(i: number): void {
    const items = this.#items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < items.length && this.compare(items[l] as T, items[worst] as T) > 0) worst = l;
      if (r < items.length && this.compare(items[r] as T, items[worst] as T) > 0) worst = r;
      if (worst === i) return;
      [items[i], items[worst]] = [items[worst] as T, items[i] as T];
      i = worst;
    }
  }
}

/** NULL is the smallest value (SQLite, SQL Server). */
const compareNullable = (a: Key | null, b: Key | null): number =>
  a === null ? (b === null ? 0 : -1) : b === null ? 1 : compareKeys(a, b);

interface Paging {
  readonly offset: number;
  readonly start: number;
  /** Rows to return; undefined for no limit. */
  readonly count: number | undefined;
}

/** `AppendLimits`: `Take ?? MaxLimit`, capped at MaxLimit; `offset` echoes `Skip`. */
function pagingOf(dto: QueryInput['dto'], options: QueryOptions): Paging {
  const skip = isSet(dto.skip) ? dto.skip : undefined;
  let take = isSet(dto.take) ? dto.take : options.maxLimit;
  if (take !== undefined && options.maxLimit !== undefined && take > options.maxLimit) take = options.maxLimit;
  if (options.negativePaging === 'reject') {
    if (take !== undefined && take < 0) throw new QueryError('ArgumentException', 'LIMIT must not be negative', 'Take');
    if (skip !== undefined && skip < 0)
      throw new QueryError('ArgumentException', 'OFFSET must not be negative', 'Skip');
  }
  return {
    offset: skip ?? 0,
    start: Math.max(0, skip ?? 0),
    count: take === undefined || take < 0 ? undefined : take,
  };
}

interface Selection {
  /** Table fields read (undefined: all). */
  readonly read: ReadonlySet<Field> | undefined;
  readonly distinct: boolean;
}

/** `Fields`: names matched like filters' fields; none found selects every column (OrmLite's empty select). */
function selectionOf(fields: string | null | undefined, table: Table): Selection {
  if (!fields) return { read: undefined, distinct: false };
  const distinct = /^DISTINCT /i.test(fields);
  const read = new Set<Field>();
  for (const name of splitNames(distinct ? fields.slice('DISTINCT '.length) : fields)) {
    const field = table.byName.get(name.toLowerCase());
    if (field) read.add(field);
  }
  return { read: read.size ? read : undefined, distinct };
}

interface Projector {
  project(row: Row): Record<string, unknown>;
}

/** `LoadSelect<Into, From>`: each result an `Into` instance filled from the columns read, by name. */
function projectorFor(options: QueryOptions, table: Table, selection: Selection): Projector {
  const outFields = options.into ? fieldsOf(options.into, options.resolve) : table.fields;
  const plan = outFields.map((out) => {
    const source = table.byName.get(out.wire.toLowerCase());
    const readable = source && (!selection.read || selection.read.has(source)) ? source : undefined;
    return { out, source: readable };
  });
  return {
    project(row) {
      const result: Record<string, unknown> = {};
      for (const { out, source } of plan) {
        const value = source ? row[source.wire] : undefined;
        const v = value === null || value === undefined ? out.blank : value;
        if (v !== undefined) result[out.wire] = v;
      }
      return result;
    },
  };
}

/** The one pass: candidate rows through every condition; stops at `stopAt` matches when given. */
function filterRows(
  candidates: readonly Row[],
  conditions: readonly Condition[],
  or: boolean,
  stopAt: number | undefined,
): Row[] {
  const out: Row[] = [];
  if (stopAt === 0) return out;
  const n = conditions.length;
  for (const row of candidates) {
    let keep: boolean;
    if (n === 0) keep = true;
    else if (or) {
      keep = false;
      for (let i = 0; i < n && !keep; i++) keep = (conditions[i] as Condition).test(row);
    } else {
      keep = true;
      for (let i = 0; i < n && keep; i++) keep = (conditions[i] as Condition).test(row);
    }
    if (keep && out.push(row) === stopAt) break;
  }
  return out;
}

const INDEXABLE = new Set(['string', 'enum', 'integer', 'number', 'boolean']);

/** Rows an equality index narrows the AND of the conditions to, and the indexed condition. */
function fromIndex(
  conditions: readonly Condition[],
  options: QueryOptions,
): { rows: readonly Row[]; used: Condition } | undefined {
  if (!options.equalityIndex || options.defaultTerm === 'or') return undefined;
  for (const c of conditions) {
    if (c.equals === undefined || !INDEXABLE.has(c.field.kind)) continue;
    const index = options.equalityIndex(c.field.wire);
    if (index) return { rows: index.get(c.equals) ?? [], used: c };
  }
  return undefined;
}

function metaAndTotal(
  plan: IncludePlan,
  options: QueryOptions,
  matched: readonly Row[],
  table: Table,
): { total: number; meta?: Record<string, string> } {
  // A .NET Dictionary with OrdinalIgnoreCase keys: the first spelling stays, the last value wins.
  const meta = new Map<string, [string, string]>();
  const put = (key: string, value: string): void => {
    const existing = meta.get(key.toLowerCase());
    meta.set(key.toLowerCase(), [existing?.[0] ?? key, value]);
  };
  for (const command of plan.aggregates) put(metaKey(command), aggregate(command, matched, table));
  const asObject = (): Record<string, string> => Object.fromEntries([...meta.values()]);
  if (!(options.includeTotal || plan.totalRequested)) return { total: 0, meta: asObject() };
  if (!plan.totalRequested) put('COUNT(*)', String(matched.length));
  const total = matched.length;
  if (plan.totalCommand || !plan.totalRequested) meta.delete('count(*)');
  return meta.size ? { total, meta: asObject() } : { total };
}

/** The rows matching every condition (any, for OR): an index bucket as is, else one pass that may stop early. */
function matchRows(
  rows: readonly Row[],
  conditions: readonly Condition[],
  options: QueryOptions,
  stopAt: number | undefined,
): readonly Row[] {
  const or = options.defaultTerm === 'or';
  if (or && conditions.length === 0) return []; // "Empty OR queries should be empty"
  const indexed = fromIndex(conditions, options);
  if (!indexed) return filterRows(rows, conditions, or, stopAt);
  const rest = conditions.filter((c) => c !== indexed.used);
  return rest.length === 0 ? indexed.rows : filterRows(indexed.rows, rest, or, stopAt);
}

/**
 * Answers one `QueryDb` request over `rows` (the table's rows, in storage order).
 * Throws {@link QueryError} for what ServiceStack answers 400; nothing else.
 */
export function runQuery(rows: readonly Row[], input: QueryInput, options: QueryOptions): QueryResult {
  const table = tableFor(options);
  const dto = input.dto;
  const paging = pagingOf(dto, options);
  const ordering = orderingOf(dto, options, table);
  const conditions = typedConditions(input, options, table);
  if (options.untypedQueries !== false) conditions.push(...untypedConditions(input, options, table));
  const plan = planInclude(dto.include ?? undefined);
  const selection = selectionOf(dto.fields, table);

  // Only the first Skip + Take matches matter when nothing counts, reorders or deduplicates them.
  const needsAll = options.includeTotal || plan.totalRequested || plan.aggregates.length > 0 || selection.distinct;
  const sorted = !ordering || isAlreadyOrdered(ordering, table, options);
  const stopAt = !needsAll && sorted && paging.count !== undefined ? paging.start + paging.count : undefined;
  const matched = matchRows(rows, conditions, options, stopAt);

  const { total, meta } = metaAndTotal(plan, options, matched, table);
  // DISTINCT needs every row ordered before it can page.
  const keep = selection.distinct || paging.count === undefined ? undefined : paging.start + paging.count;
  const ordered = sorted || !ordering ? matched : sortRows(matched, ordering, options.random ?? Math.random, keep);
  const projector = projectorFor(options, table, selection);
  const end = paging.count === undefined ? undefined : paging.start + paging.count;
  const results = selection.distinct
    ? distinctRows(ordered.map((row) => projector.project(row))).slice(paging.start, end)
    : ordered.slice(paging.start, end).map((row) => projector.project(row));
  return meta === undefined
    ? { offset: paging.offset, total, results }
    : { offset: paging.offset, total, results, meta };
}

function isAlreadyOrdered(ordering: Ordering, table: Table, options: QueryOptions): boolean {
  return (
    options.rowsInKeyOrder === true &&
    !ordering.random &&
    ordering.keys.length === 1 &&
    ordering.keys[0]?.field === table.primaryKey &&
    ordering.keys[0]?.desc === false
  );
}

function distinctRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = JSON.stringify(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
