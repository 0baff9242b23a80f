/**
 * Inlines every `$ref` once per schema, so neither json-schema-faker nor the value pass has to
 * resolve anything on the hot path.
 *
 * - Recursive DTOs (a node with `children: Node[]`) are cut: a type may appear at most
 *   MAX_TYPE_DEPTH times on one path; the property that would go deeper is omitted (a required
 *   array becomes an empty one instead, which is still valid).
 * - `responseStatus` is dropped: ServiceStack sends it only on errors, so a successful fake has none.
 */
import type { JsonSchema } from '../schema/json-schema.js';

export type RefResolver = (ref: string) => JsonSchema | undefined;

export const MAX_TYPE_DEPTH = 3;

/** Marks a required array whose items were cut: it must be generated empty. */
export const CUT_ARRAY = 'x-ssmock-cut';

const CUT = Symbol('cut');
type Inlined = JsonSchema | typeof CUT;

/** The DTO type a `$ref` or `$id` names: `https://…/billiecart/BankAccount.json#` → `BankAccount`. */
export function typeNameOf(ref: string): string {
  const path = ref.split('#')[0] ?? '';
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.json$/, '');
}

export function dereference(schema: JsonSchema, resolve: RefResolver, typeName: string): JsonSchema {
  const root = inline(schema, resolve, [typeName]);
  if (root === CUT) throw new Error(`[ssmock] faker: ${typeName} is nothing but a reference to itself`);
  return root;
}

function inline(schema: JsonSchema, resolve: RefResolver, path: readonly string[]): Inlined {
  if (schema.$ref !== undefined) {
    const name = typeNameOf(schema.$ref);
    if (path.filter((p) => p === name).length >= MAX_TYPE_DEPTH) return CUT;
    const target = resolve(schema.$ref);
    if (!target) throw new Error(`[ssmock] faker: cannot resolve $ref "${schema.$ref}" (in ${path.join(' > ')})`);
    return inline(target, resolve, [...path, name]);
  }

  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    const properties: Record<string, JsonSchema> = {};
    const required = new Set(schema.required ?? []);
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (isResponseStatus(key, prop)) {
        required.delete(key);
        continue;
      }
      const inlined = inline(prop, resolve, path);
      if (inlined !== CUT) properties[key] = inlined;
      else if (required.has(key) && prop.type === 'array') properties[key] = { type: 'array', [CUT_ARRAY]: true };
      // A required non-array self-reference has no finite instance; dropping it is the least bad answer.
      else required.delete(key);
    }
    out.properties = properties;
    if (schema.required) out.required = schema.required.filter((key) => required.has(key));
  }
  if (schema.items) {
    const items = inline(schema.items, resolve, path);
    if (items === CUT) return CUT;
    out.items = items;
  }
  if (typeof schema.additionalProperties === 'object') {
    const values = inline(schema.additionalProperties, resolve, path);
    // A dictionary of a too-deep type stays, empty.
    out.additionalProperties = values === CUT ? false : values;
  }
  return out;
}

function isResponseStatus(key: string, prop: JsonSchema): boolean {
  return (
    key.toLowerCase() === 'responsestatus' || (prop.$ref !== undefined && typeNameOf(prop.$ref) === 'ResponseStatus')
  );
}
