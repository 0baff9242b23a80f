/**
 * Recognises AutoQuery operations in the IR and says, for the manifest, what each does to its table:
 * `QueryDb<T>`, `QueryDb<From, Into>`, `QueryData<T>` (directly or through a base of the DTO's own)
 * query; `ICreateDb<T>`, `IUpdateDb<T>`, `IPatchDb<T>`, `IDeleteDb<T>`, `ISaveDb<T>` write.
 *
 * Filters are matched as AutoQuery matches them at run time (`matchFilter`, ServiceStack's
 * `GetQueryMatch`), so the manifest names what the server would do with each declared property.
 * A filter's `convention` is `=` for the field itself, else the convention's pattern as ServiceStack
 * writes it (`%Above%`, `%StartsWith`); a plural name (`Ids`, `RoomNumbers`) is `%In`.
 */
import { matchFilter } from '../autoquery/conventions.js';
import { tableOf } from '../autoquery/fields.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type {
  AutoQueryBinding,
  AutoQueryFilter,
  CrudAction,
  StateBinding,
  StateEffect,
  Verb,
} from '../schema/manifest.js';
import { ALL_VERBS } from '../schema/manifest.js';
import type { FlatType } from './flatten.js';
import { instanceName } from './flatten.js';
import type { Primitive, TypeRef } from './model.js';
import { wireName } from './to-json-schema.js';

/** What the DTO's bases and interfaces say: the action and the table (and `Into`) types. */
export interface AutoQueryShape {
  action: CrudAction;
  table: TypeRef;
  into: TypeRef | null;
}

/**
 * The generators' names for the arities of `QueryDb`/`QueryData` (TypeScript `QueryDb_2`, Dart, Python, Kotlin
 * and Java `QueryDb2`, `QueryDb1`, .NET's `QueryDb`2`) → the C# name.
 */
export const queryBaseName = (name: string): string => name.replace(/^(QueryDb|QueryData)(_|`)?\d$/, '$1');

const QUERY_BASES = new Set(['QueryDb', 'QueryData', 'IQueryDb', 'IQueryData']);
/** In the order `AutoQueryFeature.GetAutoCrudDtoType` tries them: the first a DTO implements decides. */
const CRUD_INTERFACES: [string, CrudAction][] = [
  ['ICreateDb', 'create'],
  ['IUpdateDb', 'update'],
  ['IDeleteDb', 'delete'],
  ['IPatchDb', 'patch'],
  ['ISaveDb', 'save'],
];

/** ServiceStack's clients send a CRUD DTO with no verb marker or route by the interface it implements. */
export const CRUD_VERBS: Record<CrudAction, Verb> = {
  query: 'GET',
  create: 'POST',
  save: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
};

const CRUD_EFFECTS: Record<CrudAction, StateEffect> = {
  query: 'list',
  create: 'create',
  save: 'create',
  update: 'update',
  patch: 'update',
  delete: 'delete',
};

/** QueryBase's own members are paging and ordering, never filters. */
const QUERY_BASE_MEMBERS = new Set(['skip', 'take', 'orderby', 'orderbydesc', 'include', 'fields', 'meta']);

// TypeScript prints every number as `number` (double): a numeric key is an integer key, as no table keys on a float.
const INTEGER_KEYS = new Set<Primitive>([
  'byte',
  'sbyte',
  'short',
  'ushort',
  'int',
  'uint',
  'long',
  'ulong',
  'float',
  'double',
  'decimal',
]);

const tableArg = (ref: { args: TypeRef[] }, index: number): TypeRef | null => {
  const arg = ref.args[index];
  return arg?.kind === 'named' ? arg : null;
};

export const autoQueryShape = (request: FlatType): AutoQueryShape | null => {
  // A query base (the nearest first), else a CRUD interface anywhere in the chain.
  for (const ref of [...request.baseRefs, ...request.interfaces]) {
    const table = tableArg(ref, 0);
    if (table && QUERY_BASES.has(queryBaseName(ref.name))) return { action: 'query', table, into: tableArg(ref, 1) };
  }
  for (const [iface, action] of CRUD_INTERFACES) {
    const ref = request.interfaces.find((i) => i.name === iface && tableArg(i, 0));
    if (ref) return { action, table: tableArg(ref, 0)!, into: null };
  }
  return null;
};

export interface TableKey {
  /** Wire name of the key property. */
  property: string;
  type: 'string' | 'integer';
}

/** OrmLite's primary key: `[PrimaryKey]`/`[AutoIncrement]`, else the property named `Id`, else the first. */
export const tableKey = (table: FlatType, textCase: 'camel' | 'pascal'): TableKey | null => {
  const key =
    table.properties.find((p) => p.primaryKey) ??
    table.properties.find((p) => p.name.toLowerCase() === 'id') ??
    table.properties[0];
  if (!key) return null;
  const integer = key.type.kind === 'primitive' && INTEGER_KEYS.has(key.type.name);
  return { property: wireName(key.name, textCase), type: integer ? 'integer' : 'string' };
};

/** Each request property that AutoQuery would match to a table field, with the convention it uses. */
export const queryFilters = (
  request: FlatType,
  tableName: string,
  tableSchema: JsonSchema,
  key: TableKey,
  textCase: 'camel' | 'pascal',
): Record<string, AutoQueryFilter> => {
  const table = tableOf(tableSchema, { tableName, idProperty: key.property });
  const filters: Record<string, AutoQueryFilter> = {};
  for (const prop of request.properties) {
    if (QUERY_BASE_MEMBERS.has(prop.name.toLowerCase())) continue;
    const match = matchFilter(table, prop.name);
    if (!match) continue;
    const plural = !match.convention && prop.name.toLowerCase() === `${match.field.name.toLowerCase()}s`;
    const convention = match.convention?.pattern ?? (plural ? '%In' : '=');
    filters[wireName(prop.name, textCase)] = { field: match.field.wire, convention };
  }
  return filters;
};

export const autoQueryBinding = (
  shape: AutoQueryShape,
  request: FlatType,
  tableSchema: JsonSchema,
  key: TableKey,
  textCase: 'camel' | 'pascal',
): AutoQueryBinding => {
  const table = instanceName(shape.table);
  return {
    action: shape.action,
    table,
    into: shape.into ? instanceName(shape.into) : null,
    idProperty: key.property,
    idType: key.type,
    filters: shape.action === 'query' ? queryFilters(request, table, tableSchema, key, textCase) : {},
  };
};

/**
 * The state binding AutoQuery operations fall back on: the table is the resource, and the action is what
 * every verb does (AutoQuery runs the DTO's action whichever verb reaches it).
 */
export const autoQueryState = (binding: AutoQueryBinding): StateBinding => ({
  resource: binding.table,
  idProperty: binding.idProperty,
  idType: binding.idType,
  resultProperty: null,
  effects: Object.fromEntries(ALL_VERBS.map((v) => [v, CRUD_EFFECTS[binding.action]])) as Record<Verb, StateEffect>,
});
