/**
 * The whole in-memory state: what lowdb's `Low` holds as its `data`.
 *
 * Every mutation goes through `put`/`delete`/`clear`/`setMeta`/`drawStringId`,
 * which bump `seq` (what the group commit compares with what is on disk) and,
 * in file mode, log a journal op. The ops are blind writes ("record k is now
 * v", "k is gone", "session s is empty", "collection c has drawn n ids"), so
 * replaying them over any state that already contains some of them gives the
 * same result: recovery never needs to know exactly where the last snapshot
 * stopped.
 */
import { streamUuid } from '../faker/id-stream.js';
import { Chunk, Collection } from './collections.js';
import type { Entity, IdSpec } from './model.js';

/** session, api, resource, tenant ('' = untenanted). */
export type CollectionPath = readonly [session: string, api: string, resource: string, tenant: string];

export interface ResourceMeta {
  idProperty: string;
  idType: 'string' | 'integer';
  /** Highest integer id issued or seen for (api, resource); 0 for string ids. */
  lastId: number;
}

export type JournalOp =
  | { put: CollectionPath; id: string; e: Entity }
  | { del: CollectionPath; id: string }
  | { clear: string | null }
  | { meta: string; m: ResourceMeta }
  | { drawn: CollectionPath; n: number };

type Tenants = Map<string, Collection>;
type Resources = Map<string, Tenants>;
type Apis = Map<string, Resources>;

export const resourceKey = (api: string, resource: string): string => `${api}/${resource}`;

const INTEGER = /^\d{1,15}$/;

export class StoreState {
  /** Id spec and sequence per `api/Resource`, shared by every session and tenant. */
  readonly resources = new Map<string, ResourceMeta>();
  /** session → api → resource → tenant → records. */
  readonly sessions = new Map<string, Apis>();
  /** Chunks whose cached file text is stale. */
  readonly dirty = new Set<Chunk>();
  /** Mutation counter. */
  seq = 0;
  /** Ops since the last commit, for the journal; null when nothing journals (memory mode, replay). */
  ops: JournalOp[] | null = null;
  /** Runs after every mutation: schedules the group commit. */
  onChange: () => void = () => undefined;

  collection(path: CollectionPath, create: true): Collection;
  collection(path: CollectionPath, create?: false): Collection | undefined;
  collection([session, api, resource, tenant]: CollectionPath, create = false): Collection | undefined {
    const found = this.sessions.get(session)?.get(api)?.get(resource)?.get(tenant);
    if (found || !create) return found;
    const created = new Collection(this.dirty);
    getOrAdd(getOrAdd(getOrAdd(this.sessions, session, newMap<Resources>), api, newMap<Tenants>), resource, newMap).set(
      tenant,
      created,
    );
    return created;
  }

  meta(api: string, resource: string): ResourceMeta | undefined {
    return this.resources.get(resourceKey(api, resource));
  }

  /** Records the id spec the manifest declares; the latest caller wins if it ever changes. */
  setMeta(api: string, resource: string, spec: IdSpec): ResourceMeta {
    const key = resourceKey(api, resource);
    const known = this.resources.get(key);
    if (known && known.idProperty === spec.property && known.idType === spec.type) return known;
    const meta: ResourceMeta = { idProperty: spec.property, idType: spec.type, lastId: known?.lastId ?? 0 };
    this.resources.set(key, meta);
    this.#changed({ meta: key, m: meta });
    return meta;
  }

  /** Issues the next integer id. No op is logged: replaying the put that stores it restores the sequence. */
  nextId(meta: ResourceMeta): number {
    meta.lastId += 1;
    return meta.lastId;
  }

  /**
   * Draws the collection's next string id: the next UUID of the stream keyed by (seed, session, api,
   * resource, tenant), so the same calls give the same ids on any server. The count is logged, so a
   * restart continues the stream instead of repeating it.
   */
  drawStringId(path: CollectionPath, seed: number): string {
    const collection = this.collection(path, true);
    collection.drawn += 1;
    this.#changed({ drawn: path, n: collection.drawn });
    return streamUuid(seed, path, collection.drawn);
  }

  put(path: CollectionPath, id: string, entity: Entity): void {
    this.collection(path, true).put(id, entity);
    this.#bumpSequence(path[1], path[2], entity);
    this.#changed({ put: path, id, e: entity });
  }

  delete(path: CollectionPath, id: string): boolean {
    if (!this.collection(path)?.delete(id)) return false;
    this.#changed({ del: path, id });
    return true;
  }

  /** Drops one session, or all; sequences stay, so ids are never reused. */
  clear(session: string | null): void {
    const dropped = session === null ? [...this.sessions.values()] : [this.sessions.get(session)];
    for (const apis of dropped) for (const collection of collections(apis)) collection.detach();
    if (session === null) this.sessions.clear();
    else this.sessions.delete(session);
    this.#changed({ clear: session });
  }

  /** Replays one journal op (recovery). */
  apply(op: JournalOp): void {
    if ('put' in op) this.put(op.put, op.id, op.e);
    else if ('del' in op) this.delete(op.del, op.id);
    else if ('clear' in op) this.clear(op.clear);
    else if ('drawn' in op) {
      this.collection(op.drawn, true).drawn = op.n;
      this.#changed(op);
    } else {
      const known = this.resources.get(op.meta);
      this.resources.set(op.meta, { ...op.m, lastId: Math.max(op.m.lastId, known?.lastId ?? 0) });
      this.#changed(op);
    }
  }

  /** Records held, all sessions (stats only: walks every collection). */
  countRecords(): number {
    let count = 0;
    for (const apis of this.sessions.values()) for (const collection of collections(apis)) count += collection.size;
    return count;
  }

  // Keeps the sequence ahead of every integer id stored, whoever chose it (caller, scenario, hand-edited file).
  #bumpSequence(api: string, resource: string, entity: Entity): void {
    const meta = this.meta(api, resource);
    if (meta?.idType !== 'integer') return;
    const id = entity[meta.idProperty];
    const value = typeof id === 'number' ? id : typeof id === 'string' && INTEGER.test(id) ? Number(id) : NaN;
    if (Number.isSafeInteger(value) && value > meta.lastId) meta.lastId = value;
  }

  #changed(op: JournalOp): void {
    this.seq += 1;
    this.ops?.push(op);
    this.onChange();
  }
}

/** Every collection under one session. */
export function* collections(apis: Apis | undefined): IterableIterator<Collection> {
  if (!apis) return;
  for (const resources of apis.values()) {
    for (const tenants of resources.values()) yield* tenants.values();
  }
}

const newMap = <V>(): Map<string, V> => new Map<string, V>();

function getOrAdd<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
