/**
 * The state store's public types: what the HTTP layer, the admin API and the
 * scenario loader see. Everything behind `StateStore` (indexes, the file
 * format, group commit, the journal) is private to `src/store/`.
 */

/** Whose data a request sees (README, State: per tenant and per `X-Ssmock-Session`). */
export interface Scope {
  /** API id (`billiecart`). */
  api: string;
  /** `X-Ssmock-Session` value, `'default'` when the header is absent. */
  session: string;
  /** Organisation id of a tenanted request, `''` when untenanted. */
  tenant: string;
}

/** One stored record: plain JSON, as it travels on the wire (camelCase or PascalCase). */
export type Entity = Record<string, unknown>;

/** A resource's id property and JSON type, from the manifest's StateBinding. */
export interface IdSpec {
  property: string;
  type: 'string' | 'integer';
  /** Which seeded stream new string ids come from (the server's `--seed`); default 0. Not stored. */
  seed?: number;
}

/** Tells `replace` how the resources of an API are keyed when the store has not seen them yet. */
export type IdLookup = (api: string, resource: string) => IdSpec | undefined;

/**
 * One session's state, all APIs, as plain JSON: records by API and resource
 * type, in insertion order. A tenanted record names its organisation in
 * `"$tenant"` (not part of the DTO), exactly as scenario files' `data` does
 * (fixtures/README.md), so a scenario's data can be handed to `replace` as is.
 *
 * @example { "billiecart": { "Customer": [ { "$tenant": "org-1", "id": 1, "firstName": "Ann" } ] } }
 */
export type StateSnapshot = Record<string, Record<string, Entity[]>>;

/** The record key that names a tenanted record's organisation in a snapshot. */
export const TENANT_KEY = '$tenant';

/** Counters for tests and benchmarks; they say nothing about correctness. */
export interface StoreStats {
  /** File writes that reached disk: snapshots (db.json replaced) + journal appends. */
  writes: number;
  snapshots: number;
  appends: number;
  /** Snapshots that folded a non-empty journal back into db.json. */
  compactions: number;
  bytesWritten: number;
  /** Records currently held, all sessions. */
  records: number;
  /** Message of the last failed write, if the last attempt failed. */
  lastError: string | null;
}

/**
 * The state of every API, tenant and session. Mutations apply in memory at
 * once (so a read right after a write sees it); `flush()` says when they are
 * on disk.
 *
 * Entities the store returns are frozen and owned by the store: copy before
 * changing one (`{ ...entity }`), then call `update`.
 */
export interface StateStore {
  /** The collection's records in insertion order (updates keep a record's place). */
  list(scope: Scope, resource: string): Entity[];
  /**
   * O(1). A number that changes whenever the collection does (and differs between collections): a reader may
   * keep what it derived from `list` (AutoQuery's per-field indexes) while it stays the same.
   */
  revision(scope: Scope, resource: string): number;
  /** O(1). Ids compare as strings: `'7'` finds the integer id `7` (path variables arrive as strings). */
  get(scope: Scope, resource: string, id: string | number): Entity | undefined;
  /**
   * Draws the id a new record gets and never draws it again: `'integer'` →
   * the next number for (api, resource), shared by all sessions and tenants,
   * never reused (not after a remove, a reset or a restart); `'string'` → the
   * next UUID of the collection's seeded stream, keyed by (`id.seed`, session,
   * api, resource, tenant): the same calls give the same ids on any server,
   * and a restart continues the stream. A session's stream starts again when
   * the session is cleared (reset), as its records do.
   */
  nextId(scope: Scope, resource: string, id: IdSpec): string | number;
  /**
   * Inserts and returns the stored entity. When `entity[id.property]` is absent
   * (undefined or null) it gets `nextId(scope, resource, id)`.
   * An entity whose id already exists replaces that record in place (upsert).
   * Values are stored as JSON would keep them (`undefined` dropped, `Date` → string).
   */
  create(scope: Scope, resource: string, entity: Entity, id: IdSpec): Entity;
  /** Shallow merge of `patch` over the record (a key set to `undefined` is removed); the id never changes. `undefined` when missing. */
  update(scope: Scope, resource: string, id: string | number, patch: Entity): Entity | undefined;
  /** `true` when a record was removed. */
  remove(scope: Scope, resource: string, id: string | number): boolean;
  /** The sessions that hold any state (written, loaded from the db file), in no particular order. */
  sessions(): string[];
  /** Whole state of one session (all APIs) as plain JSON, for `GET /__ssmock/state`. */
  snapshot(session: string): StateSnapshot;
  /**
   * Replaces one session's state (`PUT /__ssmock/state`, scenario seeding).
   * Records without an id get one, as `create` would. Throws an Error naming
   * the offending path (`state.billiecart.Customer[3]`) and changes nothing
   * when the snapshot is malformed or repeats an id.
   */
  replace(session: string, snapshot: StateSnapshot, ids?: IdLookup): void;
  /** Drops one session's data (reset), or every session's when `session` is undefined. Id sequences carry on. */
  clear(session?: string): void;
  /** Resolves when every mutation made before the call is durably on disk (at once in memory mode). */
  flush(): Promise<void>;
  /** Flushes, folds any journal into the db file, releases the lock. Later mutations throw. */
  close(): Promise<void>;
  stats(): StoreStats;
}

/** Knobs for tests and benchmarks; the defaults are what `ssmock serve` uses. */
export interface StoreTuning {
  /**
   * While db.json is at most this big (and no journal is pending), every
   * commit replaces db.json, so the file is always current. Past it, commits
   * append to `<db>.journal` instead. Default 64 KiB: rewriting a bigger file per commit costs more
   * CPU (serialising every record) than the journal append it saves.
   */
  fullWriteLimit?: number;
  /** Fold the journal into db.json once it reaches max(this, size of db.json). Default 4 MiB. */
  compactMinBytes?: number;
  /** Fold a non-empty journal into db.json after this long without writes. Default 1000 ms. */
  idleCompactMs?: number;
}

export type OpenStoreOptions = { file: string; tuning?: StoreTuning } | { memory: true };
