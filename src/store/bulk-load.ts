/**
 * Loads many records at once (db.json at start-up, `replace` from the admin
 * API and scenarios) in two steps: `stageResource` checks everything and
 * throws a ShapeError before the state is touched; `commitStaged` applies.
 */
import type { Entity, IdSpec } from './model.js';
import { freeze, hasId, idKey, ShapeError, withId } from './records.js';
import type { StoreState } from './state.js';

export interface Incoming {
  tenant: string;
  /** Normalised and frozen. */
  entity: Entity;
  /** Where the record came from, for error messages. */
  where: string;
}

export interface StagedResource {
  api: string;
  resource: string;
  spec: IdSpec;
  records: Incoming[];
  /** Highest integer id among the records, so that ids assigned to the others never collide with them. */
  maxId: number;
}

export function stageResource(api: string, resource: string, records: Incoming[], spec: IdSpec): StagedResource {
  const seen = new Map<string, Set<string>>();
  let maxId = 0;
  for (const { tenant, entity, where } of records) {
    if (!hasId(entity, spec.property)) continue;
    let key: string;
    try {
      key = idKey(entity[spec.property], 'the id');
    } catch {
      throw new ShapeError(where, `has an id (${spec.property}) that is neither a string nor a number`);
    }
    const keys = seen.get(tenant) ?? new Set<string>();
    if (keys.has(key)) throw new ShapeError(where, `repeats the id ${key} (${spec.property})`);
    keys.add(key);
    seen.set(tenant, keys);
    const numeric = Number(key);
    if (spec.type === 'integer' && Number.isSafeInteger(numeric) && numeric > maxId) maxId = numeric;
  }
  return { api, resource, spec, records, maxId };
}

/** Puts staged records into one session; returns how many got a new id. */
export function commitStaged(state: StoreState, session: string, staged: readonly StagedResource[]): number {
  let assigned = 0;
  for (const { api, resource, spec, records, maxId } of staged) {
    const meta = state.setMeta(api, resource, spec);
    meta.lastId = Math.max(meta.lastId, maxId);
    for (const { tenant, entity } of records) {
      const path = [session, api, resource, tenant] as const;
      const stored = hasId(entity, spec.property) ? entity : freeze(withId(state, meta, entity, path, spec.seed));
      if (stored !== entity) assigned += 1;
      state.put(path, idKey(stored[spec.property], 'the id'), stored);
    }
  }
  return assigned;
}
