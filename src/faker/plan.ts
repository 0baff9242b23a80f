/**
 * Compiles a dereferenced schema, once, into the two things every fake needs: the structure
 * schema for json-schema-faker and a plan telling the value pass what each scalar means.
 *
 * json-schema-faker gets objects, arrays, enums and the few scalars we cannot fill ourselves
 * (formats we have no generator for, null). Scalars the value pass always generates are left out of its schema:
 * it walked each for ~5 µs only for the value to be thrown away, which was half the time of a fake.
 * Leaving them out changes nothing else, because every property is generated (optionalsProbability 1
 * in jsf-adapter.ts); if that ever changes, presence of these scalars must be decided here too.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import { CUT_ARRAY, typeNameOf } from './dereference.js';
import { camelCase, meaningOf, type FieldGenerator } from './field-meanings.js';
import { PLACEHOLDER, type StructureSchema } from './jsf-adapter.js';
import { scalarSpecOf, type ScalarSpec } from './values.js';

export type PlanNode = ObjectPlan | ArrayPlan | EnumPlan | ScalarPlan;

export interface ObjectPlan {
  node: 'object';
  typeName: string | undefined;
  props: ReadonlyArray<{ name: string; plan: PlanNode }>;
  /** Scalar properties' specs, for sibling fix-ups (money). */
  scalars: ReadonlyMap<string, ScalarSpec>;
  /** The value plan of a dictionary (`additionalProperties: {…}`). */
  dictionary: PlanNode | undefined;
  /** Has a `total` to reconcile with price/quantity or subTotal/discount/tax. */
  hasMoney: boolean;
  /** Has an `id`: an entity of its own (a `parent`), not a part of the enclosing one (a `name`). */
  hasId: boolean;
}

export interface ArrayPlan {
  node: 'array';
  /** Undefined when recursion was cut here: the array is always empty. */
  items: PlanNode | undefined;
}

export interface EnumPlan {
  node: 'enum';
  values: readonly string[];
}

export interface ScalarPlan {
  node: 'scalar';
  /** camelCased property name, passed to the generator. */
  name: string;
  spec: ScalarSpec;
  generate: FieldGenerator | undefined;
  /** Kept from json-schema-faker's output (unknown format, untyped) rather than generated. */
  fromStructure: boolean;
}

export interface Compiled {
  /** Undefined when json-schema-faker has nothing to decide here (a scalar the value pass fills). */
  structure: StructureSchema | undefined;
  plan: PlanNode;
}

// Kinds json-schema-faker must produce because we have no better value for them.
const STRUCTURE_KINDS: ReadonlySet<ScalarSpec['kind']> = new Set(['other-format', 'null']);

/** @param name the property this schema sits under (array items and dictionary values inherit it). */
export function compile(schema: JsonSchema, name = ''): Compiled {
  if (schema.enum !== undefined) {
    return { structure: { type: 'string', enum: schema.enum }, plan: { node: 'enum', values: schema.enum } };
  }
  if (schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined)) {
    return compileObject(schema);
  }
  if (schema.type === 'array') {
    if (schema[CUT_ARRAY] === true || schema.items === undefined) {
      // `items` absent means "anything"; an empty array is valid for both cases and has no surprises.
      return { structure: { type: 'array', maxItems: 0 }, plan: { node: 'array', items: undefined } };
    }
    const items = compile(schema.items, name);
    return {
      structure: { type: 'array', items: items.structure ?? PLACEHOLDER },
      plan: { node: 'array', items: items.plan },
    };
  }
  const spec = scalarSpecOf(schema);
  const key = camelCase(name);
  // A string that must match a pattern: json-schema-faker writes one that does (within its length bounds).
  const fromStructure = STRUCTURE_KINDS.has(spec.kind) || spec.text?.pattern !== undefined;
  const plan: ScalarPlan = {
    node: 'scalar',
    name: key,
    spec,
    generate: name ? meaningOf(key, spec.kind) : undefined,
    fromStructure,
  };
  if (!fromStructure) return { structure: undefined, plan };
  const structure: StructureSchema = {};
  if (schema.type !== undefined) structure.type = schema.type;
  if (schema.format !== undefined) structure.format = schema.format;
  for (const key of ['pattern', 'minLength', 'maxLength'] as const) {
    const value = (schema as Record<string, unknown>)[key];
    if (value !== undefined) (structure as Record<string, unknown>)[key] = value;
  }
  return { structure, plan };
}

function compileObject(schema: JsonSchema): Compiled {
  const properties: Record<string, StructureSchema> = {};
  const props: Array<{ name: string; plan: PlanNode }> = [];
  const scalars = new Map<string, ScalarSpec>();
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const compiled = compile(prop, name);
    if (compiled.structure) properties[name] = compiled.structure;
    props.push({ name, plan: compiled.plan });
    if (compiled.plan.node === 'scalar') scalars.set(name, compiled.plan.spec);
  }
  const structure: StructureSchema = { type: 'object', properties };
  const required = schema.required?.filter((name) => name in properties);
  if (required?.length) structure.required = required;

  let dictionary: PlanNode | undefined;
  if (typeof schema.additionalProperties === 'object') {
    const values = compile(schema.additionalProperties);
    structure.additionalProperties = values.structure ?? PLACEHOLDER;
    dictionary = values.plan;
  } else {
    structure.additionalProperties = false;
  }
  return {
    structure,
    plan: {
      node: 'object',
      typeName: schema.$id === undefined ? undefined : typeNameOf(schema.$id),
      props,
      scalars,
      dictionary,
      hasMoney: scalars.has('total'),
      hasId: props.some((p) => p.name.toLowerCase() === 'id'),
    },
  };
}
