/**
 * Which rows a tabular format (CSV, JSONL, the HTML page's table) writes for an answer, by the rule
 * ServiceStack.Text's `CsvSerializer<T>` and `JsonlSerializer<T>` share (`GetWriteFn`):
 *
 * - a list answer (`IReturn<List<T>>`) → its items;
 * - a `[DataContract]` DTO (`QueryResponse<T>`, ServiceStack's own response types) → its first property, in
 *   declaration order, that is neither `ResponseStatus` nor a string, value type or `byte[]`: when it is a list
 *   (or a dictionary, whose entries are `Key`/`Value` pairs) its items, else that one object as a single row;
 * - any other DTO (or a DataContract one without such a property) → itself, as one row.
 *
 * The schemas carry no `[DataContract]` flag: a type with its own `x-xml-namespace` (what derive writes for
 * ServiceStack's types and an explicit `[DataContract(Namespace=…)]`) is taken for one.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import { isPlainObject, kindOf, mapValueSchema, propertySchema, resolveSchema, type Resolver } from './schema-walk.js';

export interface AnswerRows {
  /** null: nothing is written at all (the list property was null), as ServiceStack writes nothing. */
  rows: unknown[] | null;
  /** The schema of one row (the list's item type, or the DTO's own). */
  schema: JsonSchema | undefined;
  /** `self`: the DTO itself is the one row (JSONL then writes it without a line break, as WriteSelf does). */
  shape: 'list' | 'row' | 'self';
}

const CANDIDATE_KINDS = new Set(['object', 'map', 'list', 'any']);

const isDataContract = (schema: JsonSchema | undefined): boolean => typeof schema?.['x-xml-namespace'] === 'string';

/** The rows of `value`, whose schema is `schema` (unresolved). */
export function answerRows(value: unknown, schema: JsonSchema | undefined, resolve: Resolver | undefined): AnswerRows {
  const resolved = resolveSchema(schema, resolve);
  if (value === null || value === undefined) return { rows: null, schema: undefined, shape: 'list' };
  // A list answer's reply names either the list's schema or (a list of resources) the item type itself.
  if (Array.isArray(value))
    return { rows: value, schema: kindOf(resolved) === 'list' ? resolved?.items : resolved, shape: 'list' };
  if (!isPlainObject(value) || !resolved || !isDataContract(resolved))
    return { rows: [value], schema: resolved, shape: 'self' };
  return candidateRows(value, resolved, resolve) ?? { rows: [value], schema: resolved, shape: 'self' };
}

/** A DataContract DTO's first reference-type property (not ResponseStatus) as rows; undefined when it has none. */
function candidateRows(
  value: Record<string, unknown>,
  schema: JsonSchema,
  resolve: Resolver | undefined,
): AnswerRows | undefined {
  for (const name of Object.keys(schema.properties ?? {})) {
    if (name.toLowerCase() === 'responsestatus') continue;
    const declared = propertySchema(schema, name);
    const propSchema = resolveSchema(declared, resolve);
    const kind = kindOf(propSchema);
    if (!CANDIDATE_KINDS.has(kind) || propSchema?.['x-dotnet-type'] === 'byte[]') continue;
    const own = value[name];
    if (kind === 'list') return { rows: Array.isArray(own) ? own : null, schema: propSchema?.items, shape: 'list' };
    if (kind === 'map')
      return { rows: keyValueRows(own), schema: keyValueSchema(mapValueSchema(propSchema)), shape: 'list' };
    // The first reference-type property that is no list: that one object is the row.
    return { rows: own === null || own === undefined ? null : [own], schema: declared, shape: 'row' };
  }
  return undefined;
}

/** A dictionary is an `IEnumerable<KeyValuePair<K,V>>`: one `Key`,`Value` row per entry. */
const keyValueRows = (own: unknown): unknown[] | null =>
  isPlainObject(own) ? Object.entries(own).map(([Key, Value]) => ({ Key, Value })) : null;
const keyValueSchema = (valueSchema: JsonSchema | undefined): JsonSchema =>
  ({ type: 'object', properties: { Key: { type: 'string' }, Value: valueSchema ?? {} } }) as JsonSchema;
