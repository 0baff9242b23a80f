/**
 * A table's fields as AutoQuery sees them: found by name case-insensitively (OrmLite `FirstMatchingField`,
 * including its `{Table}{Field}` fallback, so `RockstarId` names `Rockstar.Id`), typed from the JSON Schema,
 * with one comparison key per value so filters and ORDER BY compare dates as instants, numbers as numbers
 * and strings ordinally (SQLite's BINARY collation, the default of ServiceStack's templates).
 */
import { parseJsv } from '../formats/jsv.js';
import { parseBoolean, parseNumber, toIsoDateTime } from '../formats/scalars.js';
import type { Resolver } from '../formats/schema-walk.js';
import { kindOf, pascalCase, resolveSchema } from '../formats/schema-walk.js';
import type { JsonSchema } from '../schema/json-schema.js';
import { QueryError } from './query-error.js';

export type FieldKind = 'integer' | 'number' | 'boolean' | 'date' | 'guid' | 'enum' | 'string' | 'other';

export interface Field {
  /** The wire name, the key in stored rows (`firstName`). */
  readonly wire: string;
  /** The .NET property name (`FirstName`), as `ImplicitConventions` and ServiceStack's messages spell it. */
  readonly name: string;
  readonly kind: FieldKind;
  readonly enumValues?: readonly string[];
  /**
   * What a .NET instance holds when the column was not read (a `Fields` selection, an `Into` property the
   * table lacks): the value-type default for `int`, `bool`, `DateTime`, `Guid`; undefined (left out of
   * the JSON) for reference and nullable types.
   */
  readonly blank: unknown;
}

export interface Table {
  readonly fields: readonly Field[];
  /** Lower-cased name → field; `{table}{field}` names included after the plain ones. */
  readonly byName: ReadonlyMap<string, Field>;
  readonly primaryKey: Field | undefined;
}

const GUID_KIND_TYPES = new Set(['Guid', 'Guid?']);
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
export const MIN_DATE = '0001-01-01T00:00:00.000Z';

function fieldKind(s: JsonSchema | undefined): FieldKind {
  if (!s) return 'other';
  if (s.enum) return 'enum';
  const kind = kindOf(s);
  if (kind === 'string')
    return s.format === 'uuid' || GUID_KIND_TYPES.has(s['x-dotnet-type'] ?? '') ? 'guid' : 'string';
  if (kind === 'integer' || kind === 'number' || kind === 'boolean' || kind === 'date') return kind;
  return 'other';
}

/** Whether .NET would hold a non-null default here (a non-nullable value type). */
function isNonNullableValue(own: JsonSchema, resolved: JsonSchema | undefined, kind: FieldKind): boolean {
  const dotnet = own['x-dotnet-type'] ?? resolved?.['x-dotnet-type'] ?? '';
  if (dotnet.endsWith('?') || own['x-nullable'] === true || resolved?.['x-nullable'] === true) return false;
  if (kind === 'integer' || kind === 'number' || kind === 'boolean') return true;
  if (kind === 'date') return dotnet === 'DateTime' || dotnet === 'DateTimeOffset';
  if (kind === 'guid') return dotnet === 'Guid';
  return false;
}

function blankOf(own: JsonSchema, resolved: JsonSchema | undefined, kind: FieldKind): unknown {
  if (own.default !== undefined) return own.default;
  if (!isNonNullableValue(own, resolved, kind)) return undefined;
  switch (kind) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return MIN_DATE;
    case 'guid':
      return ZERO_GUID;
    default:
      return undefined;
  }
}

const fieldLists = new WeakMap<JsonSchema, readonly Field[]>();

/** The fields of a schema, built once per schema (schemas are loaded once and never change). */
export function fieldsOf(schema: JsonSchema | undefined, resolve: Resolver | undefined): readonly Field[] {
  if (!schema) return [];
  let fields = fieldLists.get(schema);
  if (!fields) fieldLists.set(schema, (fields = buildFields(schema, resolve)));
  return fields;
}

function buildFields(schema: JsonSchema, resolve: Resolver | undefined): Field[] {
  return Object.entries(schema?.properties ?? {}).map(([wire, own]) => {
    const resolved = resolveSchema(own, resolve);
    const kind = fieldKind(resolved);
    return {
      wire,
      name: pascalCase(wire),
      kind,
      ...(kind === 'enum' && resolved?.enum ? { enumValues: resolved.enum } : {}),
      blank: blankOf(own, resolved, kind),
    };
  });
}

/**
 * The table model for one schema. OrmLite's primary key is the `Id` property (or `[PrimaryKey]`), else the
 * first property; `idProperty` is the manifest's word for it.
 */
export function tableOf(
  schema: JsonSchema,
  options: { tableName?: string | undefined; idProperty?: string | undefined; resolve?: Resolver | undefined },
): Table {
  const fields = fieldsOf(schema, options.resolve);
  const byName = new Map<string, Field>();
  for (const f of fields) byName.set(f.wire.toLowerCase(), f);
  if (options.tableName) {
    const prefix = options.tableName.toLowerCase();
    for (const f of fields)
      if (!byName.has(prefix + f.wire.toLowerCase())) byName.set(prefix + f.wire.toLowerCase(), f);
  }
  const id = options.idProperty?.toLowerCase() ?? 'id';
  return { fields, byName, primaryKey: byName.get(id) ?? fields[0] };
}

/** Comparable form of a stored or filter value: numbers for numbers, dates (ms) and booleans; text otherwise. */
export type Key = number | string;

export function keyOf(field: Field, value: unknown): Key | null {
  if (value === null || value === undefined) return null;
  switch (field.kind) {
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : typeof value === 'string' ? (parseNumber(value) ?? value) : null;
    case 'boolean':
      return value === true ? 1 : value === false ? 0 : null;
    case 'date': {
      const ms = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
      return Number.isNaN(ms) ? String(value) : ms;
    }
    case 'guid':
      return String(value).toLowerCase();
    case 'string':
    case 'enum':
      return typeof value === 'string' ? value : String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** ORDER BY / comparison order: numbers numerically, text ordinally; a number sorts before text. */
export function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The text a LIKE sees: SQLite stores booleans as 0/1, the rest as its text. */
export function likeTextOf(field: Field, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return field.kind === 'other' ? JSON.stringify(value) : String(value);
}

const BAD_FORMAT = 'Input string was not in a correct format.';
const GUID_TEXT = /^(?:\{)?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?:\})?$/i;

/**
 * A query-string value → the field's type, as ServiceStack's `string.ChangeTo(fieldType)` does
 * (`Convert.ChangeType`, then the JSV parser). A value that is not of the type is a `FormatException`
 * (an unknown enum name an `ArgumentException`, from `Enum.Parse`), 400 either way.
 */
export function convertText(field: Field, text: string, paramName: string): unknown {
  const t = text.trim();
  switch (field.kind) {
    case 'integer': {
      const n = parseNumber(t);
      if (n === undefined || !Number.isInteger(n)) throw new QueryError('FormatException', BAD_FORMAT, paramName);
      return n;
    }
    case 'number': {
      const n = parseNumber(t);
      if (n === undefined) throw new QueryError('FormatException', BAD_FORMAT, paramName);
      return n;
    }
    case 'boolean': {
      const b = parseBoolean(t);
      if (b === undefined)
        throw new QueryError('FormatException', `String '${text}' was not recognized as a valid Boolean.`, paramName);
      return b;
    }
    case 'date': {
      const iso = toIsoDateTime(t);
      if (iso === undefined)
        throw new QueryError('FormatException', `String '${text}' was not recognized as a valid DateTime.`, paramName);
      return iso;
    }
    case 'guid': {
      const m = GUID_TEXT.exec(t);
      if (!m) throw new QueryError('FormatException', 'Unrecognized Guid format.', paramName);
      return m.slice(1, 6).join('-').toLowerCase();
    }
    case 'enum': {
      const found = field.enumValues?.find((e) => e.toLowerCase() === t.toLowerCase());
      if (found === undefined)
        throw new QueryError('ArgumentException', `Requested value '${text}' was not found.`, paramName);
      return found;
    }
    default:
      return text;
  }
}

/**
 * A query-string list (`1,2,3` or JSV `[1,2,3]`) → values of the field's type, as
 * `TypeSerializer.DeserializeFromString(text, fieldType[])` reads it.
 */
export function convertList(field: Field, text: string, paramName: string): unknown[] {
  const trimmed = text.trim();
  let items: unknown[];
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = parseJsv(trimmed);
    } catch {
      throw new QueryError('FormatException', BAD_FORMAT, paramName);
    }
    items = Array.isArray(parsed) ? parsed : [parsed];
  } else items = trimmed === '' ? [] : text.split(',');
  return items.map((item) =>
    typeof item === 'string' ? convertText(field, item, paramName) : convertTyped(field, item),
  );
}

/** A typed (already bound) value → the field's canonical form, so `'42'` meets `42` and dates meet as ISO. */
export function convertTyped(field: Field, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  switch (field.kind) {
    case 'integer':
    case 'number':
      return parseNumber(value) ?? value;
    case 'boolean':
      return parseBoolean(value) ?? value;
    case 'date':
      return toIsoDateTime(value) ?? value;
    default:
      return value;
  }
}
