/**
 * How the text codecs look at a DTO schema: what kind of value a (sub)schema
 * describes, and which wire name a case-insensitive key maps to.
 */
import type { JsonSchema } from '../schema/json-schema.js';

export type Resolver = (ref: string) => JsonSchema | undefined;

/** The part of a `CodecContext` that typing a value needs. */
export interface TypingContext {
  schema?: JsonSchema | undefined;
  resolve?: Resolver | undefined;
}

export type ValueKind = 'object' | 'map' | 'list' | 'integer' | 'number' | 'boolean' | 'date' | 'string' | 'any';

// A chain of $refs longer than this is a cycle or a mistake; the value is then read schemaless.
const MAX_REF_HOPS = 8;

/** Follows `$ref`s (through `resolve`) to the schema that describes the value. */
export function resolveSchema(schema: JsonSchema | undefined, resolve: Resolver | undefined): JsonSchema | undefined {
  let current = schema;
  for (let hop = 0; current?.$ref !== undefined; hop++) {
    if (!resolve || hop >= MAX_REF_HOPS) return undefined;
    current = resolve(current.$ref);
  }
  return current;
}

const DATE_TYPES = new Set(['DateTime', 'DateTimeOffset', 'DateTime?', 'DateTimeOffset?']);

/** What shape of value a resolved schema describes. */
export function kindOf(schema: JsonSchema | undefined): ValueKind {
  if (!schema) return 'any';
  switch (schema.type) {
    case 'object':
      if (schema.properties) return 'object';
      return typeof schema.additionalProperties === 'object' ? 'map' : 'object';
    case 'array':
      return 'list';
    case 'integer':
    case 'number':
    case 'boolean':
      return schema.type;
    case 'string':
      return schema.format === 'date-time' || DATE_TYPES.has(schema['x-dotnet-type'] ?? '') ? 'date' : 'string';
    default:
      if (schema.properties) return 'object';
      if (schema.items) return 'list';
      return schema.enum ? 'string' : 'any';
  }
}

/** Lower-cased name → the schema's wire spelling, for case-insensitive matching (README, Binding). */
export function propertyLookup(schema: JsonSchema): ReadonlyMap<string, string> {
  // Schemas are loaded once and never change: one lookup per schema, not one per request.
  let lookup = lookups.get(schema);
  if (!lookup) {
    lookup = new Map<string, string>();
    for (const name of Object.keys(schema.properties ?? {})) lookup.set(name.toLowerCase(), name);
    lookups.set(schema, lookup);
  }
  return lookup;
}
const lookups = new WeakMap<JsonSchema, Map<string, string>>();

/** The schema of a property by its exact wire name (own properties only: `__proto__` is not a property). */
export function propertySchema(schema: JsonSchema | undefined, name: string): JsonSchema | undefined {
  const properties = schema?.properties;
  return properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
}

/** The schema of a dictionary's values, if the schema is a dictionary. */
export function mapValueSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  const additional = schema?.additionalProperties;
  return typeof additional === 'object' ? additional : undefined;
}

export const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
export const camelCase = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** `BankAccount.json` / `../types/BankAccount.json#` → `BankAccount`: the DTO's contract name. */
export function refTypeName(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const file = ref.split('#')[0]?.split('/').pop() ?? '';
  const name = file.replace(/\.json$/i, '');
  return name || undefined;
}

/**
 * Sets an own, enumerable property even for a key like `__proto__`, which plain
 * assignment would treat as the prototype (a pollution vector with wire keys).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a blank body means: ServiceStack binds a missing or empty body to a blank DTO. */
export function blankValue(ctx: TypingContext): unknown {
  const kind = kindOf(resolveSchema(ctx.schema, ctx.resolve));
  if (kind === 'list') return [];
  return kind === 'object' || kind === 'map' || kind === 'any' ? {} : undefined;
}
