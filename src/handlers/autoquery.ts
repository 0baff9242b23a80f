/**
 * AutoQuery operations (`QueryDb<T>`, `ICreateDb<T>`, `IUpdateDb<T>`, `IPatchDb<T>`, `IDeleteDb<T>`,
 * `ISaveDb<T>`) over the table's collection in the state, answered as ServiceStack's `AutoQueryFeature`
 * and `AutoQueryFeature.AutoCrud.cs` answer them (README.md, AutoQuery):
 *
 * - query: the table's rows for the call's scope → the query engine (src/autoquery) → `QueryResponse<T>`;
 * - create: a row from the request's table fields (the rest faked, seeded) with a new id of the table's type;
 * - update: every DTO field written (omitted → removed); patch: only non-default values; no id → 400
 *   `ArgumentNullException`, a row count other than 1 → 409 `OptimisticConcurrencyException`;
 * - delete: the rows matching the DTO's non-default values (none is not an error);
 * - save: upsert.
 *
 * Every answer but a query's is built as `ExecAndReturnResponse` builds it: `Id` (converted to its type),
 * `Count` (rows affected), `Result` (the row), the row itself when the response is the table, 204 without a
 * response type.
 */
import { isQueryError, runQuery, type QueryError } from '../autoquery/index.js';
import { errors, type MockError } from '../errors.js';
import { isPlainObject, pascalCase } from '../formats/schema-walk.js';
import type { Reply } from '../http/reply.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { AutoQueryBinding, OperationManifest } from '../schema/manifest.js';
import type { Faker } from '../faker/index.js';
import { DEFAULT_SESSION } from '../scenarios/runtime.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { Entity, IdSpec, Scope, StateStore } from '../store/index.js';
import type { OperationCall, OperationDeps } from './operation.js';

export interface AutoQueryCall extends OperationCall {
  /** The raw query string, name → value(s): untyped filters (`?AgeAbove=30`) come from here. */
  query: Readonly<Record<string, string | readonly string[]>>;
}

/**
 * The query string as ServiceStack's `QueryString` sees it: names as sent (`Ids[]` is not an array
 * here, unlike Express's parser), a repeated name keeping every value.
 */
export const rawQuery = (url: string): Record<string, string | string[]> => {
  const at = url.indexOf('?');
  if (at < 0) return {};
  // A Map, then own properties: names such as `constructor` or `__proto__` are plain names here.
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(url.slice(at + 1)))
    values.set(name, [...(values.get(name) ?? []), value]);
  return Object.fromEntries([...values].map(([name, all]) => [name, all.length === 1 ? (all[0] as string) : all]));
};

export interface AutoQueryResult {
  reply: Reply;
  /** True when the state changed: the caller waits for it to be on disk before answering. */
  wrote: boolean;
}

/** `AutoQueryFeature.MaxLimit` of ServiceStack's project templates; ServiceStack itself has none. */
export const AUTOQUERY_MAX_LIMIT = 1000;

interface Context {
  call: AutoQueryCall;
  deps: OperationDeps;
  binding: AutoQueryBinding;
  scope: Scope;
  table: JsonSchema;
  idSpec: IdSpec;
  /** The request's own name (`UpdateBooking`), as ServiceStack's messages name it. */
  dtoName: string;
}

export const executeAutoQuery = (call: AutoQueryCall, deps: OperationDeps): AutoQueryResult => {
  const binding = call.operation.autoQuery;
  if (!binding) throw new Error(`${call.operation.name} is not an AutoQuery operation`);
  const table = call.api.schemas.get(binding.table);
  // The manifest check refuses a table without a schema: reaching here is a bug, not a client's mistake.
  if (!table) throw new Error(`no schema for the AutoQuery table ${binding.table}`);
  const ctx: Context = {
    call,
    deps,
    binding,
    scope: scopeOf(call),
    table,
    idSpec: { property: binding.idProperty, type: binding.idType, seed: deps.faker.seed },
    dtoName: call.operation.request,
  };
  switch (binding.action) {
    case 'query':
      // `Fields` answers only the columns asked for, as ServiceStack does, even those the table requires.
      return { reply: { ...reply(ctx, query(ctx)), partial: hasFields(ctx) }, wrote: false };
    case 'create':
      return answer(ctx, create(ctx));
    case 'update':
    case 'patch':
      return answer(ctx, update(ctx, binding.action === 'patch'));
    case 'delete':
      return answer(ctx, remove(ctx));
    case 'save':
      return answer(ctx, save(ctx));
  }
};

/** The rows an operation reads and writes: per API, session and tenant, as every other collection. */
const scopeOf = (call: OperationCall): Scope => ({
  api: call.api.id,
  session: call.session,
  tenant: call.operation.tenantProperty ? String(call.dto[call.operation.tenantProperty] ?? '') : '',
});

const reply = (ctx: Context, body: unknown): Reply => ({
  status: 200,
  body,
  typeName: ctx.call.operation.response ?? ctx.call.operation.request,
});

// ---------------------------------------------------------------------------------------------- query

/** The engine's 400s as the catalogue's entries. */
export const toMockError = (err: QueryError): MockError =>
  err.errorCode === 'FormatException' ? errors.autoQueryFormat(err.message) : errors.autoQueryArgument(err.message);

/** QueryBase's paging and QueryResponse's fields, whatever the API's wire case. */
const propertyNamed = (schema: JsonSchema | undefined, name: string): string | undefined =>
  Object.keys(schema?.properties ?? {}).find((p) => p.toLowerCase() === name);

const query = (ctx: Context): unknown => {
  const { call, binding } = ctx;
  const api = call.api;
  const request = api.schemas.get(call.operation.request);
  // The tenant is the scope, not a column the rows must carry (rows seeded by a scenario may not).
  const tenant = call.operation.tenantProperty?.toLowerCase();
  const dto = tenant ? withoutKey(call.dto, tenant) : call.dto;
  const queryString = tenant ? withoutKey(call.query, tenant) : call.query;
  const view = tableView(ctx);
  let result;
  try {
    result = runQuery(
      view.rows,
      { dto: queryBase(dto, request), query: queryString },
      {
        table: ctx.table,
        tableName: binding.table,
        ...(request ? { request } : {}),
        ...(binding.into ? { into: api.schemas.get(binding.into) ?? ctx.table } : {}),
        idProperty: binding.idProperty,
        maxLimit: AUTOQUERY_MAX_LIMIT,
        resolve: api.resolve,
        rowsInKeyOrder: view.inKeyOrder,
        equalityIndex: (field) => equalityIndex(view, field),
      },
    );
  } catch (err) {
    throw isQueryError(err) ? toMockError(err) : err;
  }
  const response = call.operation.response ? api.schemas.get(call.operation.response) : undefined;
  const body: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    if (value !== undefined) body[propertyNamed(response, name) ?? name] = value;
  };
  set('offset', result.offset);
  set('total', result.total);
  set('results', result.results);
  if (result.meta && propertyNamed(response, 'meta')) set('meta', result.meta);
  return body;
};

/**
 * What a query reads of a table, kept while the collection's revision stays the same: its rows (one copy,
 * not one per request) and, built on first use, an equality index per field. With 100,000 rows a filtered,
 * paged query then reads one bucket and stops at its last row instead of scanning (bench/autoquery.js).
 */
interface TableView {
  revision: number;
  rows: readonly Entity[];
  /** Integer keys ascending in storage order: a query paged by primary key may stop at its last row. */
  inKeyOrder: boolean;
  indexes: Map<string, ReadonlyMap<unknown, readonly Entity[]>>;
}

/** Views of the tables queried last, most recent last; a few per session are plenty. */
const views = new Map<string, TableView>();
const MAX_VIEWS = 64;

const tableView = (ctx: Context): TableView => {
  const { scope, binding } = ctx;
  const { store } = ctx.deps;
  const key = [scope.api, scope.session, scope.tenant, binding.table].join('\u0000');
  const revision = store.revision(scope, binding.table);
  const cached = views.get(key);
  views.delete(key);
  if (cached && cached.revision === revision) return remember(key, cached);
  const rows = store.list(scope, binding.table);
  const inKeyOrder = binding.idType === 'integer' && ascending(rows, binding.idProperty);
  return remember(key, { revision, rows, inKeyOrder, indexes: new Map() });
};

const remember = (key: string, view: TableView): TableView => {
  views.set(key, view);
  if (views.size > MAX_VIEWS) views.delete(views.keys().next().value as string);
  return view;
};

const ascending = (rows: readonly Entity[], idProperty: string): boolean => {
  let last = -Infinity;
  for (const row of rows) {
    const id = row[idProperty];
    if (typeof id !== 'number' || id <= last) return false;
    last = id;
  }
  return true;
};

/** `Map<storedValue, rows[]>` for one field, each bucket in storage order, as the engine expects. */
const equalityIndex = (view: TableView, field: string): ReadonlyMap<unknown, readonly Entity[]> => {
  let index = view.indexes.get(field);
  if (!index) {
    const built = new Map<unknown, Entity[]>();
    for (const row of view.rows) {
      const value = row[field];
      const bucket = built.get(value);
      if (bucket) bucket.push(row);
      else built.set(value, [row]);
    }
    view.indexes.set(field, (index = built));
  }
  return index;
};

const withoutKey = <T extends object>(record: T, lowerName: string): T =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k.toLowerCase() !== lowerName)) as T;

const hasFields = (ctx: Context): boolean => {
  const fields = queryBase(ctx.call.dto, ctx.call.api.schemas.get(ctx.call.operation.request))['fields'];
  return typeof fields === 'string' && fields.trim() !== '';
};

/** The bound DTO with QueryBase's fields under the engine's names (`Skip` on a PascalCase API is `skip`). */
const queryBase = (dto: Record<string, unknown>, request: JsonSchema | undefined): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...dto };
  for (const name of ['skip', 'take', 'orderBy', 'orderByDesc', 'include', 'fields']) {
    const wire = propertyNamed(request, name.toLowerCase());
    if (wire && wire !== name && dto[wire] !== undefined) out[name] = dto[wire];
  }
  return out;
};

// ----------------------------------------------------------------------------------------------- CRUD

/** What a CRUD statement did, as ServiceStack's `ExecValue`: the key it names and the rows it affected. */
interface Exec {
  id: unknown;
  rows: number;
}

const tableFields = (ctx: Context): string[] => Object.keys(ctx.table.properties ?? {});

/** The DTO's properties that are table columns, by wire name (`CreateDtoValues`). */
const dtoValues = (ctx: Context, skipDefaults: boolean): Map<string, unknown> => {
  const request = ctx.call.api.schemas.get(ctx.call.operation.request);
  const declared = new Set(Object.keys(request?.properties ?? {}));
  const out = new Map<string, unknown>();
  for (const field of tableFields(ctx)) {
    if (!declared.has(field)) continue;
    const value = ctx.call.dto[field];
    if (skipDefaults && isDefault(value, request?.properties?.[field])) continue;
    out.set(field, value ?? null);
  }
  return out;
};

/**
 * `AutoMappingUtils.IsDefaultValue`: null, or a non-nullable value type's default. Derive writes a
 * `default` only for non-nullable value types (`int` → 0, `bool` → false), so that is the test.
 */
const isDefault = (value: unknown, schema: JsonSchema | undefined): boolean =>
  value === undefined ||
  value === null ||
  (schema?.default !== undefined && schema.default !== null && value === schema.default);

const isDefaultId = (id: unknown): boolean => id === undefined || id === null || id === '' || id === 0;

/** The .NET name ServiceStack's messages use (`Id` for the wire's `id`). */
const dotnetName = (wire: string): string => pascalCase(wire);

/**
 * The columns a request does not carry, faked keyed by (seed, table, id): the same row gets the same values in any
 * session, on any server. Only those columns are faked (the rest come from the request), which halves a create.
 */
const fakeRow = (ctx: Context, id: string | number): Entity => {
  const value = ctx.deps.faker.fake(unsentColumns(ctx), {
    resolve: ctx.call.api.resolve,
    typeName: ctx.binding.table,
    key: String(id),
  });
  return isPlainObject(value) ? value : {};
};

/** The table's schema without the request's properties, made once per operation (the faker caches its plan per schema). */
const unsent = new WeakMap<OperationManifest, JsonSchema>();
const unsentColumns = (ctx: Context): JsonSchema => {
  const operation = ctx.call.operation;
  let schema = unsent.get(operation);
  if (!schema) {
    const declared = new Set(Object.keys(ctx.call.api.schemas.get(operation.request)?.properties ?? {}));
    const properties = Object.fromEntries(Object.entries(ctx.table.properties ?? {}).filter(([k]) => !declared.has(k)));
    const required = (ctx.table.required ?? []).filter((k) => k in properties);
    schema = { ...ctx.table, properties, ...(required.length ? { required } : {}) };
    if (!required.length) delete schema.required;
    unsent.set(operation, schema);
  }
  return schema;
};

/**
 * `Create`: the DTO's table fields as sent (an omitted one stays empty, as the INSERT leaves it); the
 * columns the DTO does not have are faked, so a created row looks like a real one (audit fields, …).
 */
const create = (ctx: Context): Exec => {
  const values = dtoValues(ctx, false);
  const { store } = ctx.deps;
  const sentId = values.get(ctx.binding.idProperty);
  const id = isDefaultId(sentId) ? store.nextId(ctx.scope, ctx.binding.table, ctx.idSpec) : (sentId as string | number);
  const row: Entity = fakeRow(ctx, id);
  for (const [field, value] of values) row[field] = value === null ? undefined : value;
  row[ctx.binding.idProperty] = id;
  store.create(ctx.scope, ctx.binding.table, row, ctx.idSpec);
  return { id, rows: 1 };
};

/** `UpdateInternal`: one row by primary key, every DTO field (update) or the non-default ones (patch). */
const update = (ctx: Context, patch: boolean): Exec => {
  const values = dtoValues(ctx, patch);
  const idProperty = ctx.binding.idProperty;
  const id = values.get(idProperty);
  if (isDefaultId(id)) throw errors.primaryKeyMissing(dotnetName(idProperty));
  const changes: Entity = {};
  for (const [field, value] of values) if (field !== idProperty) changes[field] = value === null ? undefined : value;
  const updated = ctx.deps.store.update(ctx.scope, ctx.binding.table, id as string | number, changes);
  const rows = updated ? 1 : 0;
  if (rows !== 1) throw errors.rowsUpdated(rows, ctx.dtoName);
  return { id, rows };
};

/** `Delete`: every row whose columns equal the DTO's non-default values; none matching is not an error. */
const remove = (ctx: Context): Exec => {
  const values = dtoValues(ctx, true);
  if (values.size === 0) throw errors.deleteWithoutFilters(ctx.dtoName);
  const { store } = ctx.deps;
  const id = values.get(ctx.binding.idProperty);
  const candidates =
    id === undefined
      ? store.list(ctx.scope, ctx.binding.table)
      : [store.get(ctx.scope, ctx.binding.table, id as string | number)].filter((r): r is Entity => !!r);
  const matching = candidates.filter((row) => [...values].every(([field, value]) => sameValue(row[field], value)));
  for (const row of matching)
    store.remove(ctx.scope, ctx.binding.table, row[ctx.binding.idProperty] as string | number);
  return { id, rows: matching.length };
};

/** Column = value as the database compares a parameter: ids and numbers sent as text still match. */
const sameValue = (stored: unknown, sent: unknown): boolean =>
  stored === sent || (stored !== null && stored !== undefined && String(stored) === String(sent));

/**
 * `Save`: OrmLite's upsert. A default key inserts (a new id, the rest faked as a create does); an
 * existing key is updated with every DTO field; an unknown key is inserted under it. As
 * `SaveInternal`, the answer's `Id` is the key the DTO sent.
 */
const save = (ctx: Context): Exec => {
  const idProperty = ctx.binding.idProperty;
  // An omitted `int Id` is 0 in .NET: ServiceStack answers `Id: "0"` for an insert, as SaveInternal reads the DTO.
  const sentId =
    ctx.call.dto[idProperty] ?? ctx.call.api.schemas.get(ctx.call.operation.request)?.properties?.[idProperty]?.default;
  const exists =
    !isDefaultId(sentId) && ctx.deps.store.get(ctx.scope, ctx.binding.table, sentId as string | number) !== undefined;
  if (exists) update(ctx, false);
  else create(ctx);
  return { id: sentId ?? null, rows: 1 };
};

/** `ExecAndReturnResponse`: the response DTO from what the statement did. */
const answer = (ctx: Context, exec: Exec): AutoQueryResult => {
  const { call, binding } = ctx;
  const responseType = call.operation.response;
  if (!responseType) return { reply: { status: 204, typeName: call.operation.request }, wrote: true };
  const response = call.api.schemas.get(responseType);
  const hasId = exec.id !== undefined && exec.id !== null;
  const row = () => (hasId ? ctx.deps.store.get(ctx.scope, binding.table, exec.id as string | number) : undefined);
  if (responseType === binding.table) {
    const found = row();
    // `SingleById` found nothing (a deleted row): ServiceStack answers a null response, i.e. no content.
    return { reply: found ? reply(ctx, found) : { status: 204, typeName: responseType }, wrote: true };
  }
  const body: Record<string, unknown> = {};
  const idProp = propertyNamed(response, 'id');
  if (idProp && hasId) body[idProp] = convertId(exec.id, response?.properties?.[idProp]);
  const countProp = propertyNamed(response, 'count');
  if (countProp) body[countProp] = exec.rows;
  const resultProp = propertyNamed(response, 'result');
  const found = resultProp && hasId ? row() : undefined;
  if (resultProp && found) body[resultProp] = found;
  return { reply: reply(ctx, body), wrote: true };
};

/** `Id.ConvertTo(IdProp.PropertyType)`: `IdResponse.Id` is a string ("1"); an int property gets the number. */
const convertId = (id: unknown, schema: JsonSchema | undefined): unknown => {
  if (schema?.type === 'string') return String(id);
  if (schema?.type === 'integer' || schema?.type === 'number') {
    const n = Number(id);
    return Number.isFinite(n) ? n : id;
  }
  return id;
};

/**
 * `serve --fill N`: N realistic, seeded rows in each AutoQuery table of the API that holds none yet
 * (the default session, untenanted), for front-end work against a populated list. Returns the rows added.
 */
export const fillTables = (api: ApiSchemas, store: StateStore, faker: Faker, rows: number): number => {
  let added = 0;
  const tables = new Map<string, AutoQueryBinding>();
  for (const op of api.manifest.operations)
    if (op.autoQuery && !tables.has(op.autoQuery.table)) tables.set(op.autoQuery.table, op.autoQuery);
  for (const [table, binding] of tables) {
    const schema = api.schemas.get(table);
    const scope: Scope = { api: api.id, session: DEFAULT_SESSION, tenant: '' };
    if (!schema || store.list(scope, table).length > 0) continue;
    const idSpec: IdSpec = { property: binding.idProperty, type: binding.idType, seed: faker.seed };
    for (let i = 0; i < rows; i++) {
      const id = store.nextId(scope, table, idSpec);
      const value = faker.fake(schema, { resolve: api.resolve, typeName: table, key: String(id) });
      store.create(scope, table, { ...(isPlainObject(value) ? value : {}), [binding.idProperty]: id }, idSpec);
      added++;
    }
  }
  return added;
};
