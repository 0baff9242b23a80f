/**
 * Where a DTO schema ajv refused is wrong, as `file: /json/pointer: what`.
 * ajv's own errors name neither the file nor, for an unknown keyword, the place;
 * and compiling one schema compiles the ones it `$ref`s, so the fault may be in
 * another file than the one being compiled.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { didYouMean, escapePointer, firstMistake } from './ajv-wording.js';
import type { JsonSchema } from './json-schema.js';

export interface SchemaFault {
  /** The DTO type whose schema file is wrong. */
  type: string;
  /** JSON pointer into that file, '' for the whole schema. */
  pointer: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Keywords whose value holds subschemas; anything else is data (property names, enum values, defaults).
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_ONE = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/** The pointer of the first subschema that has `keyword` as a keyword (not as a property name), with `value` if given. */
export const findKeyword = (node: unknown, keyword: string, value?: unknown, at = ''): string | undefined => {
  if (!isObject(node)) return undefined;
  if (Object.hasOwn(node, keyword) && (value === undefined || node[keyword] === value)) return at;
  for (const [key, held] of Object.entries(node)) {
    const here = `${at}/${escapePointer(key)}`;
    const children: [unknown, string][] = SCHEMA_ONE.has(key)
      ? [[held, here]]
      : SCHEMA_LISTS.has(key) && Array.isArray(held)
        ? held.map((v, i) => [v, `${here}/${i}`])
        : SCHEMA_MAPS.has(key) && isObject(held)
          ? Object.entries(held).map(([k, v]) => [v, `${here}/${escapePointer(k)}`])
          : [];
    for (const [child, path] of children) {
      const found = findKeyword(child, keyword, value, path);
      if (found !== undefined) return found;
    }
  }
  return undefined;
};

const pointerOf = (fragment: string): string => {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
};

/** ajv's message → where in the schema and what, without ajv's "strict mode:" and rule names. */
const describe = (
  ajv: Ajv2020,
  schema: JsonSchema,
  error: Error,
  known: Iterable<string>,
): Omit<SchemaFault, 'type'> => {
  const text = error.message.replace(/^strict mode: /, '');
  const unknown = /^unknown keyword: "(.+)"$/.exec(text);
  if (unknown?.[1]) {
    const keyword = unknown[1];
    const message = `unknown keyword "${keyword}"${didYouMean(keyword, Object.keys(ajv.RULES.all))}`;
    return { pointer: findKeyword(schema, keyword) ?? '', message };
  }
  // One of our x-* keywords with a value its metaSchema refuses (ajv.ts).
  const value = /^keyword "(.+)" value is invalid at path "#([^"]*)": data (.*)$/.exec(text);
  if (value?.[1])
    return { pointer: `${pointerOf(value[2] ?? '')}/${escapePointer(value[1])}`, message: value[3] ?? text };
  const ref = /^can't resolve reference (.+) from id /.exec(text);
  if (ref?.[1]) {
    const target = ref[1];
    const files = [...known].map((type) => `${type}.json`);
    const message = `refers to ${target}, which is not a schema of this API${didYouMean(target, files)}`;
    return { pointer: `${findKeyword(schema, '$ref', target) ?? ''}/$ref`, message };
  }
  const format = /^unknown format "(.+)" ignored in schema at path "#([^"]*)"$/.exec(text);
  if (format?.[1]) {
    const message = `unknown format "${format[1]}"${didYouMean(format[1], Object.keys(ajv.formats))}`;
    return { pointer: `${pointerOf(format[2] ?? '')}/format`, message };
  }
  // `missing type "object" for keyword "properties" at "https://…/Customer.json#/properties/id" (strictTypes)`
  const located = /^(.*?) at (?:path )?"[^"#]*#([^"]*)"(?: \(\w+\))?(.*)$/.exec(text);
  if (located) return { pointer: pointerOf(located[2] ?? ''), message: `${located[1] ?? ''}${located[3] ?? ''}` };
  return { pointer: '', message: text };
};

/** What is wrong with one schema on its own: against the meta-schema, then compiled with the others stubbed out. */
const faultOf = (
  meta: Ajv2020,
  type: string,
  schema: JsonSchema,
  schemas: Map<string, JsonSchema>,
): SchemaFault | undefined => {
  if (!meta.validateSchema(schema as object)) {
    const mistake = firstMistake(meta.errors ?? []);
    return { type, pointer: mistake?.pointer ?? '', message: mistake?.expected ?? 'is not a JSON Schema' };
  }
  const ajv = createAjv();
  for (const [other, { $id }] of schemas) if (other !== type && $id && $id !== schema.$id) ajv.addSchema({ $id });
  try {
    ajv.compile(schema as object);
    return undefined;
  } catch (err) {
    return { type, ...describe(ajv, schema, err as Error, schemas.keys()) };
  }
};

/**
 * Finds which schema `error` (thrown while adding or compiling `failing`) is
 * about. Only runs once loading has already failed, so it may compile every
 * schema again.
 */
export const locateSchemaFault = (schemas: Map<string, JsonSchema>, failing: string, error: Error): SchemaFault => {
  const meta = createAjv({ verbose: true }); // checks schemas against draft 2020-12's meta-schema
  const order = [failing, ...[...schemas.keys()].filter((t) => t !== failing)];
  for (const type of order) {
    const schema = schemas.get(type);
    const fault = schema && faultOf(meta, type, schema, schemas);
    if (fault) return fault;
  }
  return { type: failing, pointer: '', message: error.message.replace(/^strict mode: /, '') };
};
