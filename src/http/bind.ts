/**
 * Builds the request DTO as ServiceStack does: body, path variables, query
 * string and form fields merged with its precedence, names matched
 * case-insensitively, strings converted to the schema's types, unknown names
 * ignored (and reported, for --strict and the journal), nulls dropped, dates
 * accepted as ISO-8601 or WCF `/Date(ms)/` and held as ISO.
 */
import type { FieldError } from '../errors.js';
import { parseJsv } from '../formats/jsv.js';
import { parseBoolean, parseNumber, toIsoDateTime } from '../formats/scalars.js';
import type { Resolver, ValueKind } from '../formats/schema-walk.js';
import {
  isPlainObject,
  kindOf,
  mapValueSchema,
  propertyLookup,
  resolveSchema,
  setOwn,
} from '../formats/schema-walk.js';
import type { JsonSchema } from '../schema/json-schema.js';

export interface BindProblems {
  /** Paths of properties the schema does not know (`Customer.Nickname`). */
  unknown: string[];
  /** Names that only matched case-insensitively (`Email` for `email`). */
  wrongCase: string[];
  /** Strings from path/query/form that are not of the property's type. */
  bindingErrors: FieldError[];
}

const newProblems = (): BindProblems => ({ unknown: [], wrongCase: [], bindingErrors: [] });

const GUID_N = /^[0-9a-f]{32}$/i;
const dashedGuid = (s: string): string =>
  GUID_N.test(s)
    ? `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`.toLowerCase()
    : s;

/** A typed value from a body (JSON, JSV, XML) → its canonical form; wrong types are left for the validator to report. */
export const normalize = (
  value: unknown,
  schema: JsonSchema | undefined,
  resolve: Resolver,
  problems: BindProblems,
  at: string,
): unknown => {
  const s = resolveSchema(schema, resolve);
  if (value === null || value === undefined || !s) return value === null ? undefined : value;
  const kind = kindOf(s);
  if (kind === 'object' && isPlainObject(value)) return normalizeObject(value, s, resolve, problems, at);
  if (kind === 'map' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (v !== null) setOwn(out, k, normalize(v, mapValueSchema(s), resolve, problems, `${at}[${k}]`));
    return out;
  }
  if (kind === 'list' && Array.isArray(value))
    return value.filter((v) => v !== null).map((v, i) => normalize(v, s.items, resolve, problems, `${at}[${i}]`));
  if (typeof value === 'string') return coerceLenient(value, s) ?? value;
  return convertScalar(value, kind);
};

/**
 * A JSON number or boolean for a property of another type. ServiceStack.Text parses every JSON value from its text:
 * a number or boolean for a string is that text, and 1/0 for a bool are true/false. A number for a DateTime is no
 * date (its default handler reads no Unix times), so it stays a wrong type, as does everything else. The README's
 * Errors table lists every conversion.
 */
const convertScalar = (value: unknown, kind: ValueKind): unknown => {
  if (typeof value !== 'number' && typeof value !== 'boolean') return value;
  if (kind === 'string') return String(value);
  if (kind === 'boolean' && typeof value === 'number') return parseBoolean(String(value)) ?? value;
  return value;
};

const normalizeObject = (
  value: Record<string, unknown>,
  schema: JsonSchema,
  resolve: Resolver,
  problems: BindProblems,
  at: string,
): Record<string, unknown> => {
  const names = propertyLookup(schema);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = names.get(key.toLowerCase());
    const path = at ? `${at}.${key}` : key;
    if (!name) {
      problems.unknown.push(path);
      continue;
    }
    if (name !== key) problems.wrongCase.push(path);
    const normal = normalize(v, schema.properties?.[name], resolve, problems, at ? `${at}.${name}` : name);
    if (normal !== undefined) setOwn(out, name, normal);
  }
  return out;
};

/** String → typed value when the text clearly is one (JSON bodies may send `"10"` for an int; ServiceStack.Text accepts it). */
const coerceLenient = (text: string, schema: JsonSchema): unknown => {
  switch (kindOf(schema)) {
    case 'integer':
    case 'number':
      return parseNumber(text);
    case 'boolean':
      return parseBoolean(text);
    case 'date':
      return toIsoDateTime(text);
    case 'string':
      if (schema.format === 'uuid') return dashedGuid(text);
      if (schema.enum) return schema.enum.find((e) => e.toLowerCase() === text.toLowerCase());
      return text;
    default:
      return undefined;
  }
};

/** A query/path/form string → the property's type, or a binding error ("'abc' is an Invalid value for 'Id'"). */
export const coerceString = (
  text: string,
  schema: JsonSchema | undefined,
  resolve: Resolver,
): { value: unknown } | { error: true } => {
  const s = resolveSchema(schema, resolve);
  if (!s) return { value: text };
  const kind = kindOf(s);
  if (kind === 'string') return { value: coerceLenient(text, s) ?? text };
  if (kind === 'any') return { value: text };
  if (kind === 'list') {
    const items = text.trim().startsWith('[') ? parseJsvSafe(text) : text.split(',');
    if (!Array.isArray(items)) return { error: true };
    const out: unknown[] = [];
    for (const item of items) {
      const r = typeof item === 'string' ? coerceString(item, s.items, resolve) : { value: item };
      if ('error' in r) return r;
      out.push(r.value);
    }
    return { value: out };
  }
  if (kind === 'object' || kind === 'map') {
    const parsed = parseJsvSafe(text);
    return isPlainObject(parsed) ? { value: normalize(parsed, s, resolve, newProblems(), '') } : { error: true };
  }
  const value = coerceLenient(text, s);
  return value === undefined ? { error: true } : { value };
};

const parseJsvSafe = (text: string): unknown => {
  try {
    return parseJsv(text);
  } catch {
    return undefined;
  }
};

export interface BindSources {
  body?: Record<string, unknown> | undefined;
  pathParams?: Record<string, string>;
  query?: Record<string, unknown>;
  form?: Record<string, unknown>;
  /** Predefined routes let the query fill only what the body left empty (README, "What it does": Binding). */
  queryFillsOnly?: boolean;
}

const firstString = (v: unknown): string | undefined =>
  Array.isArray(v) ? firstString(v[v.length - 1]) : typeof v === 'string' ? v : undefined;

/**
 * Lower-cased key → JSON property name for path variables, query strings and form fields. ServiceStack's
 * StringMapTypeDeserializer registers each property under its `[DataMember(Name)]` alias and under its C# name
 * (`x-member-name`), case-insensitively, later properties overwriting earlier ones; JSON, JSV and XML bodies know
 * only the alias (`propertyLookup`).
 */
export function stringKeyLookup(schema: JsonSchema): ReadonlyMap<string, string> {
  // Schemas are loaded once and never change: this is built once per schema, not per request.
  let lookup = stringKeyLookups.get(schema);
  if (!lookup) {
    lookup = new Map<string, string>();
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      lookup.set(name.toLowerCase(), name);
      const member = property['x-member-name'];
      if (typeof member === 'string') lookup.set(member.toLowerCase(), name);
    }
    stringKeyLookups.set(schema, lookup);
  }
  return lookup;
}
const stringKeyLookups = new WeakMap<JsonSchema, Map<string, string>>();

/** Applies string key/values (path, query or form) onto the DTO. */
const applyStrings = (
  dto: Record<string, unknown>,
  values: Record<string, unknown>,
  schema: JsonSchema,
  resolve: Resolver,
  problems: BindProblems,
  onlyIfEmpty: boolean,
): void => {
  const names = stringKeyLookup(schema);
  for (const [key, raw] of Object.entries(values)) {
    const text = firstString(raw);
    const name = names.get(key.toLowerCase());
    // Empty values are skipped and unknown names ignored, as ServiceStack does (format, callback, … included).
    if (!name || text === undefined || text === '') continue;
    if (onlyIfEmpty && dto[name] !== undefined) continue;
    const result = coerceString(text, schema.properties?.[name], resolve);
    if ('error' in result) {
      problems.bindingErrors.push({
        errorCode: 'SerializationException',
        fieldName: name.charAt(0).toUpperCase() + name.slice(1),
        message: `'${text}' is an Invalid value for '${name.charAt(0).toUpperCase() + name.slice(1)}'`,
      });
    } else setOwn(dto, name, result.value);
  }
};

export const bindRequest = (
  schema: JsonSchema,
  resolve: Resolver,
  sources: BindSources,
): { dto: Record<string, unknown>; problems: BindProblems } => {
  const problems = newProblems();
  const dto = sources.body ? normalizeObject(sources.body, schema, resolve, problems, '') : {};
  if (sources.queryFillsOnly) {
    applyStrings(dto, sources.query ?? {}, schema, resolve, problems, true);
    applyStrings(dto, sources.form ?? {}, schema, resolve, problems, false);
  } else {
    // User routes: body < path variables < query string < form fields (ServiceStack RestPath).
    applyStrings(dto, sources.pathParams ?? {}, schema, resolve, problems, false);
    applyStrings(dto, sources.query ?? {}, schema, resolve, problems, false);
    applyStrings(dto, sources.form ?? {}, schema, resolve, problems, false);
  }
  return { dto, problems };
};
