/**
 * The interactions `verify` sends when none are given: every operation once, with a request DTO
 * faked from its schema (seeded, so a run is reproducible), ordered so that what one needs
 * exists first: creates, then stateless operations, reads, updates, deletes. A created
 * resource's id (and the tenant it was created under) reaches the later ones through
 * `{{Resource.id}}` / `{{Resource.$tenant}}` placeholders (see chain.ts): create a Customer, then
 * associate it to a user account, then read it back.
 *
 * Also, per operation that needs authentication, one anonymous call expecting 401, so a backend
 * that forgot its `[Authenticate]` fails the contract.
 */
import type { Verb } from '../schema/manifest.js';
import { createFaker, fakerLocale, type Faker } from '../faker/index.js';
import type { OperationManifest, StateEffect } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { requiresAuth } from '../openapi/paths.js';
import { placeholder, TENANT_FIELD } from './chain.js';
import type { Interaction } from './model.js';

export interface PlanOptions {
  seed?: number;
  /**
   * Records per resource type (`{ Customer: [{…}] }`), e.g. a scenario's `data` for this API: each
   * becomes the request of a create of that resource, instead of a faked one. `$tenant` names the
   * tenant the record belongs to.
   */
  records?: Record<string, Record<string, unknown>[]>;
}

const RANK: Record<StateEffect, number> = {
  create: 0,
  none: 1,
  read: 2,
  'read-or-list': 2,
  list: 2,
  update: 3,
  delete: 4,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const fakeRequest = (api: ApiSchemas, faker: Faker, op: OperationManifest): Record<string, unknown> => {
  const schema = api.schemas.get(op.request);
  const value = schema ? faker.fake(schema, { resolve: api.resolve, typeName: op.request }) : {};
  return isObject(value) ? value : {};
};

/** Only what the request DTO knows: a record is a resource, the request a (smaller) DTO. */
const fromRecord = (
  api: ApiSchemas,
  op: OperationManifest,
  record: Record<string, unknown>,
): Record<string, unknown> => {
  const known = new Set(Object.keys(api.schemas.get(op.request)?.properties ?? {}));
  const request = Object.fromEntries(
    Object.entries(record).filter(([k]) => known.has(k) && k !== op.state?.idProperty),
  );
  if (op.tenantProperty && typeof record['$tenant'] === 'string') request[op.tenantProperty] = record['$tenant'];
  return request;
};

interface Planner {
  api: ApiSchemas;
  faker: Faker;
  options: PlanOptions;
  /** One tenant for the whole run: a resource created under one organisation is only visible to it. */
  tenant: unknown;
}

type Ranked = { rank: number; interaction: Interaction };

const withTenant = (p: Planner, op: OperationManifest, request: Record<string, unknown>): Record<string, unknown> => {
  if (!op.tenantProperty) return request;
  if (op.tenantProperty in request) p.tenant ??= request[op.tenantProperty];
  return p.tenant === undefined ? request : { ...request, [op.tenantProperty]: p.tenant };
};

/** The requests of one operation: the given records of the resource it creates, else one faked DTO. */
const requestsFor = (
  p: Planner,
  op: OperationManifest,
  effect: StateEffect,
): { request: Record<string, unknown>; description?: string }[] => {
  const state = op.state;
  const records = state && effect === 'create' ? p.options.records?.[state.resource] : undefined;
  if (records?.length)
    return records.map((record, i) => ({
      request: fromRecord(p.api, op, record),
      description: `${state!.resource} record ${i + 1}`,
    }));
  return [{ request: withTenant(p, op, fakeRequest(p.api, p.faker, op)) }];
};

const operationPlan = (p: Planner, op: OperationManifest): Ranked[] => {
  const verb: Verb = op.primaryVerb;
  const state = op.state;
  const effect = state?.effects[verb] ?? 'none';
  const rank = RANK[effect];
  const out: Ranked[] = [];
  for (const { request, description } of requestsFor(p, op, effect)) {
    // A create lets the backend choose the id; anything else on a resource names the one created earlier.
    if (state && effect === 'create') delete request[state.idProperty];
    else if (state && effect !== 'list' && effect !== 'none') {
      request[state.idProperty] = placeholder(state.resource, state.idProperty);
      if (op.tenantProperty) request[op.tenantProperty] = placeholder(state.resource, TENANT_FIELD);
    }
    if (requiresAuth(op))
      out.push({
        rank,
        interaction: {
          operation: op.name,
          method: verb,
          request,
          anonymous: true,
          expect: { status: 401 },
          description: 'without credentials',
        },
      });
    out.push({
      rank,
      interaction: { operation: op.name, method: verb, request, ...(description ? { description } : {}) },
    });
  }
  // An operation that creates and also reads (ServiceStack Home's All Verbs `Customer`): read back what was created.
  const readEffect = state?.effects.GET;
  if (state && effect === 'create' && verb !== 'GET' && (readEffect === 'read' || readEffect === 'read-or-list')) {
    const request = {
      [state.idProperty]: placeholder(state.resource, state.idProperty),
      ...(op.tenantProperty ? { [op.tenantProperty]: placeholder(state.resource, TENANT_FIELD) } : {}),
    };
    out.push({
      rank: RANK.read,
      interaction: { operation: op.name, method: 'GET', request, description: `read the created ${state.resource}` },
    });
  }
  return out;
};

export const planInteractions = (api: ApiSchemas, options: PlanOptions = {}): Interaction[] => {
  const planner: Planner = {
    api,
    faker: createFaker({ seed: options.seed ?? 0, locale: fakerLocale(api.manifest.locale) }),
    options,
    tenant: undefined,
  };
  const ranked = api.manifest.operations.flatMap((op) => operationPlan(planner, op));
  // Stable: equal ranks keep the manifest's order.
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.interaction);
};
