/**
 * The StateStore the HTTP layer calls: scope and id handling over the
 * StoreState that lowdb's `Low` holds. Knows nothing about disks: whoever
 * opens it passes how mutations become durable.
 */
import type { Low } from 'lowdb';
import { commitStaged, stageResource, type Incoming, type StagedResource } from './bulk-load.js';
import {
  TENANT_KEY,
  type Entity,
  type IdLookup,
  type IdSpec,
  type Scope,
  type StateSnapshot,
  type StateStore,
  type StoreStats,
} from './model.js';
import { drawId, idKey, inferIdSpec, isRecord, normalise, ShapeError, withId } from './records.js';
import type { CollectionPath, StoreState } from './state.js';

export interface Durability {
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): Omit<StoreStats, 'records'>;
}

const pathOf = (scope: Scope, resource: string): CollectionPath => [scope.session, scope.api, resource, scope.tenant];

export function createStateStore(low: Low<StoreState>, durability: Durability): StateStore {
  const state = low.data;
  let closed = false;
  let closing: Promise<void> | null = null;
  const writable = (): StoreState => {
    if (closed) throw new Error('[ssmock] the state store is closed');
    return state;
  };

  return {
    list: (scope, resource) => [...(state.collection(pathOf(scope, resource))?.values() ?? [])],

    get: (scope, resource, id) => state.collection(pathOf(scope, resource))?.get(String(id)),

    revision: (scope, resource) => state.collection(pathOf(scope, resource))?.revision ?? 0,

    nextId(scope, resource, id) {
      const data = writable();
      return drawId(data, data.setMeta(scope.api, resource, id), pathOf(scope, resource), id.seed ?? 0);
    },

    create(scope, resource, entity, id) {
      const data = writable();
      if (!isRecord(entity)) throw new TypeError(`[ssmock] a ${resource} must be a JSON object`);
      const meta = data.setMeta(scope.api, resource, id);
      const path = pathOf(scope, resource);
      const stored = normalise(withId(data, meta, entity, path, id.seed), `the ${resource}`);
      data.put(path, idKey(stored[meta.idProperty], `${resource}.${meta.idProperty}`), stored);
      return stored;
    },

    update(scope, resource, id, patch) {
      const data = writable();
      const path = pathOf(scope, resource);
      const key = String(id);
      const current = data.collection(path)?.get(key);
      if (!current) return undefined;
      const merged: Entity = { ...current, ...patch };
      const property = data.meta(scope.api, resource)?.idProperty;
      // The key a record is found by never changes; a patch that names another id is ignored there.
      if (property !== undefined && property in current) merged[property] = current[property];
      const stored = normalise(merged, `the ${resource}`);
      data.put(path, key, stored);
      return stored;
    },

    remove: (scope, resource, id) => writable().delete(pathOf(scope, resource), String(id)),

    sessions: () => [...state.sessions.keys()],

    snapshot: (session) => snapshotOf(state, session),

    replace(session, snapshot, ids) {
      const data = writable();
      const staged = stageSnapshot(data, snapshot, ids);
      data.clear(session);
      commitStaged(data, session, staged);
    },

    clear: (session) => writable().clear(session ?? null),

    flush: () => durability.flush(),

    close() {
      closed = true;
      closing ??= durability.close();
      return closing;
    },

    stats: () => ({ ...durability.stats(), records: state.countRecords() }),
  };
}

function snapshotOf(state: StoreState, session: string): StateSnapshot {
  const snapshot: StateSnapshot = {};
  for (const [api, resources] of state.sessions.get(session) ?? []) {
    for (const [resource, tenants] of resources) {
      const records: Entity[] = [];
      for (const [tenant, collection] of tenants) {
        for (const entity of collection.values())
          records.push(tenant === '' ? entity : { [TENANT_KEY]: tenant, ...entity });
      }
      if (records.length > 0) (snapshot[api] ??= {})[resource] = records;
    }
  }
  // Plain, unfrozen JSON: the caller owns it.
  return JSON.parse(JSON.stringify(snapshot)) as StateSnapshot;
}

/** Checks a whole snapshot before anything changes; throws naming the first bad path. */
function stageSnapshot(state: StoreState, snapshot: unknown, ids: IdLookup | undefined): StagedResource[] {
  const fail = (where: string, problem: string): never => {
    throw new Error(`[ssmock] ${where} ${problem}`);
  };
  if (!isRecord(snapshot)) fail('the state', 'must be an object of APIs');
  const staged: StagedResource[] = [];
  for (const [api, resources] of Object.entries(snapshot as Record<string, unknown>)) {
    if (!isRecord(resources)) fail(`state.${api}`, 'must be an object of resource types');
    for (const [resource, records] of Object.entries(resources as Record<string, unknown>)) {
      const where = `state.${api}.${resource}`;
      if (!Array.isArray(records)) fail(where, 'must be an array of records');
      const incoming = (records as unknown[]).map((record, index) => toIncoming(record, `${where}[${index}]`, fail));
      const known = state.meta(api, resource);
      const spec: IdSpec =
        ids?.(api, resource) ??
        (known ? { property: known.idProperty, type: known.idType } : inferIdSpec(incoming.map((r) => r.entity)));
      try {
        staged.push(stageResource(api, resource, incoming, spec));
      } catch (error) {
        if (error instanceof ShapeError) fail(error.where, error.problem);
        throw error;
      }
    }
  }
  return staged;
}

function toIncoming(record: unknown, where: string, fail: (where: string, problem: string) => never): Incoming {
  if (!isRecord(record)) return fail(where, 'must be an object');
  const { [TENANT_KEY]: tenant = '', ...entity } = record;
  if (typeof tenant !== 'string') return fail(`${where}.${TENANT_KEY}`, 'must be a string (an organisation id)');
  return { tenant, entity: normalise(entity, where), where };
}
