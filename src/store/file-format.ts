/**
 * The state file (`.ssmock/db.json` by default), which users read, diff and
 * fix by hand:
 *
 * ```json
 * {
 *   "version": 1,
 *   "resources": {
 *     "billiecart/Customer": {"idProperty":"id","idType":"integer","lastId":12},
 *     "billiecart/Person": {"idProperty":"id","idType":"string","lastId":0}
 *   },
 *   "stringIds": {
 *     "default": {"billiecart/Person":{"$none":2}}
 *   },
 *   "sessions": {
 *     "default": {
 *       "billiecart": {
 *         "Customer": {
 *           "$none": [
 *             {"id":1,"firstName":"Ann","email":"ann@example.com"},
 *             {"id":12,"firstName":"Bob","email":"bob@example.com"}
 *           ],
 *           "org-1": [
 *             {"id":3,"firstName":"Cat","email":"cat@example.com"}
 *           ]
 *         }
 *       }
 *     }
 *   }
 * }
 * ```
 *
 * - `resources` holds each resource's id property and type, and for integer
 *   ids the last one issued: ids are never reused, even after a remove, a
 *   reset or a restart. It outlives the records.
 * - `stringIds` counts, per session, resource and tenant, the string ids
 *   drawn so far from that collection's seeded stream (state.ts
 *   `drawStringId`), so that after a restart the next id continues the
 *   stream. Absent while no string id was drawn.
 * - `sessions` nests session (`X-Ssmock-Session`, `default` without it) →
 *   API → resource type → tenant (`organisationId`; `$none` for untenanted
 *   data, and a tenant id that starts with `$` is written with one more `$`)
 *   → records in insertion order, one per line so diffs stay readable.
 *   Empty collections are left out.
 * - A record added by hand without its id gets one at start-up.
 *
 * The file is only ever replaced whole (temp file, fsync, rename), so it
 * always parses. While it is larger than the full-write limit, recent
 * commits may sit in `<file>.journal` (file-adapter.ts); ssmock folds them
 * in when idle and on shutdown, and replays them at start-up.
 */
import { commitStaged, stageResource, type Incoming, type StagedResource } from './bulk-load.js';
import { describeJsonError } from './json-error.js';
import { freeze, inferIdSpec, isRecord, ShapeError } from './records.js';
import { StoreState, type ResourceMeta } from './state.js';

export const FORMAT_VERSION = 1;
const NO_TENANT = '$none';

export const encodeTenant = (tenant: string): string =>
  tenant === '' ? NO_TENANT : tenant.startsWith('$') ? `$${tenant}` : tenant;

function decodeTenant(key: string, where: string): string {
  if (key === NO_TENANT) return '';
  if (key.startsWith('$$')) return key.slice(1);
  if (key.startsWith('$')) throw new ShapeError(where, `is not a tenant: use "${NO_TENANT}" for untenanted records`);
  return key;
}

const refuse = (file: string, reason: string): Error =>
  new Error(`[ssmock] ${file} ${reason}: fix or delete it; ssmock will not overwrite it`);

/**
 * Parses a state file; `file` is the path as the user gave it, for messages.
 * Rejects anything it could not write back unchanged, so a bad file is never
 * replaced by an empty one. `assigned` counts records that got an id.
 */
export function parseDbFile(text: string, file: string): { state: StoreState; assigned: number } {
  const state = new StoreState();
  // An empty file (`touch db.json`) is an empty state, as for a missing one.
  if (text.trim() === '') return { state, assigned: 0 };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw refuse(file, `is not valid JSON (${describeJsonError(text, error)})`);
  }
  try {
    return { state, assigned: load(state, root) };
  } catch (error) {
    if (error instanceof ShapeError) throw refuse(file, `is not an ssmock state file (${error.message})`);
    throw error;
  }
}

function load(state: StoreState, root: unknown): number {
  if (!isRecord(root)) throw new ShapeError('the top level', 'must be an object');
  if (root.version !== FORMAT_VERSION) {
    throw new ShapeError(
      '"version"',
      `is ${JSON.stringify(root.version)}; this ssmock reads version ${FORMAT_VERSION}`,
    );
  }
  for (const [key, meta] of entries(root.resources ?? {}, 'resources')) {
    state.resources.set(key, resourceMeta(meta, `resources.${key}`));
  }
  // Before the records: one added by hand without an id then draws the next id of its stream.
  loadStringIds(state, root.stringIds ?? {});
  let assigned = 0;
  for (const [session, apis] of entries(root.sessions ?? {}, 'sessions')) {
    const staged: StagedResource[] = [];
    for (const [api, resources] of entries(apis, `sessions.${session}`)) {
      for (const [resource, tenants] of entries(resources, `sessions.${session}.${api}`)) {
        const where = `sessions.${session}.${api}.${resource}`;
        const records = collectRecords(tenants, where);
        const known = state.meta(api, resource);
        const spec = known
          ? { property: known.idProperty, type: known.idType }
          : inferIdSpec(records.map((r) => r.entity));
        staged.push(stageResource(api, resource, records, spec));
      }
    }
    assigned += commitStaged(state, session, staged);
  }
  return assigned;
}

function loadStringIds(state: StoreState, section: unknown): void {
  for (const [session, counts] of entries(section, 'stringIds')) {
    for (const [key, tenants] of entries(counts, `stringIds.${session}`)) {
      const where = `stringIds.${session}.${key}`;
      const slash = key.indexOf('/');
      if (slash <= 0 || slash === key.length - 1) throw new ShapeError(where, 'must be named "api/Resource"');
      const [api, resource] = [key.slice(0, slash), key.slice(slash + 1)];
      for (const [tenantKey, drawn] of entries(tenants, where)) {
        const at = `${where}.${tenantKey}`;
        if (typeof drawn !== 'number' || !Number.isSafeInteger(drawn) || drawn < 0)
          throw new ShapeError(at, 'must be a whole number');
        state.collection([session, api, resource, decodeTenant(tenantKey, at)], true).drawn = drawn;
      }
    }
  }
}

function collectRecords(tenants: unknown, where: string): Incoming[] {
  const records: Incoming[] = [];
  for (const [key, list] of entries(tenants, where)) {
    const tenant = decodeTenant(key, `${where}.${key}`);
    if (!Array.isArray(list)) throw new ShapeError(`${where}.${key}`, 'must be an array of records');
    list.forEach((record: unknown, index) => {
      const at = `${where}.${key}[${index}]`;
      if (!isRecord(record)) throw new ShapeError(at, 'must be an object');
      records.push({ tenant, entity: freeze(record), where: at });
    });
  }
  return records;
}

function resourceMeta(value: unknown, where: string): ResourceMeta {
  if (!isRecord(value)) throw new ShapeError(where, 'must be an object');
  const { idProperty, idType, lastId = 0 } = value;
  if (typeof idProperty !== 'string' || idProperty === '')
    throw new ShapeError(`${where}.idProperty`, 'must be a name');
  if (idType !== 'string' && idType !== 'integer')
    throw new ShapeError(`${where}.idType`, 'must be "string" or "integer"');
  if (typeof lastId !== 'number' || !Number.isSafeInteger(lastId) || lastId < 0) {
    throw new ShapeError(`${where}.lastId`, 'must be a whole number');
  }
  return { idProperty, idType, lastId };
}

function entries(value: unknown, where: string): [string, unknown][] {
  if (!isRecord(value)) throw new ShapeError(where, 'must be an object');
  return Object.entries(value);
}
