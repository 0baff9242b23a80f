/**
 * The only file that imports json-schema-faker (pinned exactly: 0.6 is a rewrite of 0.5 with a
 * different API, and its types are loose), so the next API change touches one file.
 *
 * json-schema-faker decides the shape of a fake: which properties appear, how long arrays are, which
 * enum member and boolean come out. The value pass (fill.ts) then replaces scalars by meaning.
 */
import { generateSync, type GenerateSyncOptions, type JsonSchema as JsfSchema } from 'json-schema-faker';

/** The part of JSON Schema we hand to json-schema-faker: structure only, no refs, no annotations. */
export interface StructureSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  properties?: Record<string, StructureSchema>;
  required?: string[];
  additionalProperties?: boolean | StructureSchema;
  items?: StructureSchema;
  maxItems?: number;
  enum?: readonly string[];
  format?: string;
}

/** Stands in for a scalar the value pass fills, where json-schema-faker must still produce something (an array item). */
export const PLACEHOLDER: StructureSchema = { type: 'null' };

const OPTIONS: Readonly<GenerateSyncOptions> = {
  // Every optional property, every time: a ServiceStack DTO serialises all its non-null members,
  // and clients should see them all. (alwaysFakeOptionals would also force arrays to maxItems.)
  optionalsProbability: 1,
  alwaysFakeOptionals: false,
  fixedProbabilities: false,
  // No invented keys beyond `properties`; dictionaries come out empty.
  fillProperties: false,
  useDefaultValue: false,
  useExamplesValue: false,
  // Small arrays: 1–3 items.
  minItems: 1,
  maxItems: 3,
  // dereference.ts already inlined refs and cut recursion; json-schema-faker's own depth limit
  // (default 5) would silently return `{}` for deep but finite DTOs such as Customer > Order > OrderDetail.
  maxDepth: 1000,
};

/** One structure, reproducible from the seed (json-schema-faker seeds its own mulberry32 with it). */
export function generateStructure(schema: StructureSchema, seed: number): unknown {
  return generateSync(schema as JsfSchema, { ...OPTIONS, seed });
}

/**
 * True when json-schema-faker has nothing to decide: objects with fixed properties (every one is generated,
 * see OPTIONS) down to `null` placeholders, no arrays, enums or scalars. Such a structure is the same for
 * every seed, so it is generated once instead of per fake (json-schema-faker spends ~15 µs per call on set-up).
 */
export function isChoiceFree(schema: StructureSchema): boolean {
  if (schema.type === 'null') return schema.enum === undefined;
  if (schema.type !== 'object' || schema.additionalProperties !== false) return false;
  return Object.values(schema.properties ?? {}).every(isChoiceFree);
}
