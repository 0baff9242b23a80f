/**
 * Realistic fake DTOs from JSON Schemas, reproducible from a seed. Used by the mock server's fake
 * handler, `ssmock fake` and `verify`.
 *
 * Pipeline per schema (once, cached by schema object): dereference → compile (structure schema +
 * value plan). Per fake: pick a call seed → json-schema-faker builds the structure → the value pass
 * fills in values by field meaning with a seeded @faker-js/faker.
 *
 * @example
 * const faker = createFaker({ seed: 42, locale: 'au' });
 * const body = faker.fake(schema, { resolve: (ref) => registry.get(ref), typeName: 'CreateCustomerResponse', key: 'cus-1' });
 */
import type { Faker as FakerJs } from '@faker-js/faker';
import type { JsonSchema } from '../schema/json-schema.js';
import { dereference, typeNameOf, type RefResolver } from './dereference.js';
import { fill, type FillEnv } from './fill.js';
import { flavourOf, type Locale } from './flavour.js';
import { generateStructure, isChoiceFree, PLACEHOLDER, type StructureSchema } from './jsf-adapter.js';
import { compile, type Compiled } from './plan.js';
import { keyedSeed, seedStream } from './random.js';

export type { RefResolver } from './dereference.js';
export { fakerLocale, type Locale } from './flavour.js';

/**
 * "Now" for generated dates unless `referenceDate` says otherwise. Fixed, not the clock, so a seed
 * gives byte-identical answers tomorrow too (createdDate: the year before; expiry: the year after).
 */
export const DEFAULT_REFERENCE_DATE = '2026-01-01T00:00:00.000Z';

export interface FakeOptions {
  /** Same seed and same calls → byte-identical values. Default 0. */
  seed?: number;
  /** The flavour of the API: 'au' for Billiecart (en_AU names, AU states, +61 phones), 'us' (default) otherwise. */
  locale?: Locale;
  /** What dates are relative to. Default DEFAULT_REFERENCE_DATE. */
  referenceDate?: Date | string;
}

export interface FakeContext {
  /** Resolves a `$ref` such as `"BankAccount.json"` to its schema. */
  resolve: RefResolver;
  /** The DTO type being faked (`CreateCustomerResponse`). */
  typeName: string;
  /** An entity key: same (seed, typeName, key) → the same value, whatever was faked before. */
  key?: string;
}

export interface Faker {
  /** The seed every value comes from; also picks the stream new records' string ids are drawn from (src/faker/id-stream.ts). */
  readonly seed: number;
  /**
   * One realistic instance of a schema. `key` makes it deterministic per entity: same (seed, typeName, key)
   * → same value, across calls and process restarts. Without key, values come from the seeded stream
   * (still reproducible run to run under the same seed).
   */
  fake(schema: JsonSchema, ctx: FakeContext): unknown;
}

// Compiled per schema object. Shared by every faker: compilation depends on the schema only,
// not on seed or locale. The resolver is assumed to be stable for a given schema object.
interface Prepared {
  plan: Compiled['plan'];
  /** json-schema-faker's output for a call seed. */
  structureFor: (seed: number) => unknown;
}
const compiledSchemas = new WeakMap<JsonSchema, Prepared>();

function compiledFor(schema: JsonSchema, ctx: FakeContext): Prepared {
  let prepared = compiledSchemas.get(schema);
  if (!prepared) {
    const rootType = schema.$id === undefined ? ctx.typeName : typeNameOf(schema.$id);
    const compiled = compile(dereference(schema, ctx.resolve, rootType));
    const structure: StructureSchema = compiled.structure ?? PLACEHOLDER;
    // The value pass only reads json-schema-faker's output, so a structure with no choices is made once.
    const fixed = isChoiceFree(structure) ? generateStructure(structure, 0) : undefined;
    prepared = {
      plan: compiled.plan,
      structureFor: fixed === undefined ? (seed) => generateStructure(structure, seed) : () => fixed,
    };
    compiledSchemas.set(schema, prepared);
  }
  return prepared;
}

export function createFaker(options: FakeOptions = {}): Faker {
  const seed = options.seed ?? 0;
  const flavour = flavourOf(options.locale);
  const f: FakerJs = flavour.createFaker();
  const env: FillEnv = { f, flavour, now: new Date(options.referenceDate ?? DEFAULT_REFERENCE_DATE) };
  if (Number.isNaN(env.now.getTime()))
    throw new Error(`[ssmock] faker: invalid referenceDate ${String(options.referenceDate)}`);
  const nextSeed = seedStream(seed);

  return {
    seed,
    fake(schema, ctx) {
      const prepared = compiledFor(schema, ctx);
      // Keyed fakes don't draw from the stream, so they neither depend on nor disturb unkeyed ones.
      const callSeed = ctx.key === undefined ? nextSeed() : keyedSeed(seed, ctx.typeName, ctx.key);
      const structure = prepared.structureFor(callSeed);
      f.seed(callSeed);
      return fill(prepared.plan, structure, env);
    },
  };
}
