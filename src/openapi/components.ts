/**
 * DTO schemas → `components.schemas`. Our schema files reference each other by file name
 * (`"$ref": "BankAccount.json"`); inside one OpenAPI document they reference
 * `#/components/schemas/BankAccount`. `$schema`/`$id` go: a 3.1 document states its dialect once,
 * and a `$id` would re-base the relative refs of everything beneath it.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import type { ApiSchemas } from '../schema/registry.js';
import { typeOfRef } from '../schema/registry.js';

/** OpenAPI component keys must match `^[a-zA-Z0-9.\-_]+$`; generic names (`QueryResponse<Order>`) would not. */
export const componentName = (type: string): string => type.replace(/[^A-Za-z0-9._-]+/g, '_');

export const componentRef = (type: string): JsonSchema => ({ $ref: `#/components/schemas/${componentName(type)}` });

const rewrite = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    // Only relative file refs are ours; anything already absolute or local is left alone.
    out[key] =
      key === '$ref' && typeof inner === 'string' && /^[^#:]+\.json$/.test(inner)
        ? componentRef(typeOfRef(inner)).$ref
        : rewrite(inner);
  }
  return out;
};

/** A DTO schema as an OpenAPI component (a deep copy: the registry's schemas are shared and compiled). */
export const toComponent = (schema: JsonSchema): JsonSchema => rewrite(schema) as JsonSchema;

const casing = (api: ApiSchemas) => (name: string) =>
  api.manifest.textCase === 'pascal' ? name.charAt(0).toUpperCase() + name.slice(1) : name;

/**
 * ServiceStack's error shapes (the README's Errors table), for APIs whose pages never showed them. An API that
 * has its own `ResponseStatus` keeps it: what derive read from the pages wins over our default.
 */
const builtins = (api: ApiSchemas): Record<string, JsonSchema> => {
  const p = casing(api);
  const str: JsonSchema = { type: 'string' };
  const meta: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
  return {
    ResponseError: {
      title: 'ResponseError',
      type: 'object',
      properties: { [p('errorCode')]: str, [p('fieldName')]: str, [p('message')]: str, [p('meta')]: meta },
    },
    ResponseStatus: {
      title: 'ResponseStatus',
      type: 'object',
      properties: {
        [p('errorCode')]: str,
        [p('message')]: str,
        [p('stackTrace')]: str,
        [p('errors')]: { type: 'array', items: componentRef('ResponseError') },
        [p('meta')]: meta,
      },
    },
    ErrorResponse: {
      title: 'ErrorResponse',
      description: "ServiceStack's error body: the HTTP status says what failed, responseStatus says why.",
      type: 'object',
      properties: { [p('responseStatus')]: componentRef('ResponseStatus') },
    },
  };
};

/** Every DTO schema of the API, plus ServiceStack's error shapes where the API lacks them. Keys sorted for stable output. */
export const buildComponentSchemas = (api: ApiSchemas): Record<string, JsonSchema> => {
  const all: Record<string, JsonSchema> = {};
  for (const [type, schema] of api.schemas) all[componentName(type)] = toComponent(schema);
  for (const [name, schema] of Object.entries(builtins(api))) all[name] ??= schema;
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
};
