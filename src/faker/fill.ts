/**
 * The value pass: walks json-schema-faker's output alongside the plan and rebuilds it in schema
 * order, replacing each scalar with a value that fits the field's meaning. Only properties the plan
 * knows are copied, so nothing the schema lacks can leak through.
 */
import type { Faker } from '@faker-js/faker';
import { reconcileMoney } from './field-meanings.js';
import type { Flavour } from './flavour.js';
import type { ArrayPlan, ObjectPlan, PlanNode, ScalarPlan } from './plan.js';
import { Scope } from './scope.js';
import { defaultValue, fits, round2 } from './values.js';

export interface FillEnv {
  f: Faker;
  flavour: Flavour;
  now: Date;
}

export function fill(plan: PlanNode, raw: unknown, env: FillEnv): unknown {
  return fillNode(plan, raw, env, undefined, false);
}

function fillNode(plan: PlanNode, raw: unknown, env: FillEnv, scope: Scope | undefined, viaProperty: boolean): unknown {
  switch (plan.node) {
    case 'object':
      return fillObject(plan, raw, env, scope, viaProperty);
    case 'array':
      return fillArray(plan, raw, env, scope);
    case 'enum':
      return typeof raw === 'string' && plan.values.includes(raw) ? raw : env.f.helpers.arrayElement(plan.values);
    case 'scalar':
      return fillScalar(plan, raw, env, scope ?? new Scope(undefined, undefined, false));
  }
}

function fillObject(
  plan: ObjectPlan,
  raw: unknown,
  env: FillEnv,
  parent: Scope | undefined,
  viaProperty: boolean,
): Record<string, unknown> {
  const source = isRecord(raw) ? raw : {};
  // A nested part (name, address, bank account) describes its parent's entity; anything with an id is its own.
  const scope = new Scope(parent, plan.typeName, viaProperty && !plan.hasId);
  const out = scope.values;
  for (const { name, plan: child } of plan.props) {
    // Scalars the value pass generates were never sent to json-schema-faker (see plan.ts).
    const generated = child.node === 'scalar' && !child.fromStructure;
    if (generated || Object.hasOwn(source, name)) out[name] = fillNode(child, source[name], env, scope, true);
  }
  if (plan.dictionary) {
    for (const key of Object.keys(source)) {
      if (!plan.props.some((p) => p.name === key)) out[key] = fillNode(plan.dictionary, source[key], env, scope, true);
    }
  }
  if (plan.hasMoney) {
    reconcileMoney(
      out,
      (name, value) => {
        const spec = plan.scalars.get(name);
        if (!spec) return;
        const rounded = spec.kind === 'integer' ? Math.round(value) : round2(value);
        if (fits(rounded, spec)) out[name] = rounded;
      },
      env.flavour,
    );
  }
  return out;
}

function fillArray(plan: ArrayPlan, raw: unknown, env: FillEnv, scope: Scope | undefined): unknown[] {
  const items = plan.items;
  if (!items || !Array.isArray(raw)) return [];
  // Items are entities of their own (viaProperty = false): each order has its own customer name.
  return raw.map((item: unknown) => fillNode(items, item, env, scope, false));
}

function fillScalar(plan: ScalarPlan, raw: unknown, env: FillEnv, scope: Scope): unknown {
  const { spec } = plan;
  if (plan.generate) {
    const value = plan.generate({ f: env.f, flavour: env.flavour, now: env.now, scope, spec, name: plan.name });
    if (fits(value, spec)) return value;
  }
  const value = defaultValue(env.f, spec, env.now, raw);
  return fits(value, spec) ? value : raw;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
