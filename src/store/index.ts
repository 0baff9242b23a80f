/**
 * The state store (README, State): records per API, resource type, tenant
 * and session, held by lowdb, persisted to one JSON file (layout in
 * file-format.ts) with group commit, or kept in memory.
 *
 * @example
 * const store = await openStore({ file: DEFAULTS.db }); // DEFAULTS: src/config.ts
 * const scope = { api: 'billiecart', session: 'default', tenant: '' };
 * const customer = store.create(scope, 'Customer', { firstName: 'Ann' }, { property: 'id', type: 'integer' });
 * await store.flush(); // on disk: now the write may be answered
 * store.get(scope, 'Customer', '1'); // the same record
 * await store.close();
 */
import { dirname, resolve } from 'node:path';
import { Low, Memory } from 'lowdb';
import { makeFolder } from '../output-paths.js';
import { FileAdapter } from './file-adapter.js';
import { GroupCommit } from './group-commit.js';
import { acquireLock } from './lock.js';
import type { OpenStoreOptions, StateStore } from './model.js';
import { StoreState } from './state.js';
import { createStateStore } from './store.js';

export type {
  Entity,
  IdLookup,
  IdSpec,
  OpenStoreOptions,
  Scope,
  StateSnapshot,
  StateStore,
  StoreStats,
  StoreTuning,
} from './model.js';
export { TENANT_KEY } from './model.js';

const NO_WRITES = { writes: 0, snapshots: 0, appends: 0, compactions: 0, bytesWritten: 0, lastError: null };

/**
 * Opens the store. With `{ file }`: takes the file's lock (rejects naming the
 * owning pid if another live process has it), loads the file and any journal
 * (rejects, leaving the file untouched, if it does not parse); a missing file
 * is created, with its directory, on the first flush. With `{ memory: true }`:
 * the same store with nothing on disk.
 */
export async function openStore(options: OpenStoreOptions): Promise<StateStore> {
  if ('memory' in options) {
    const low = new Low<StoreState>(new Memory<StoreState>(), new StoreState());
    return createStateStore(low, {
      flush: async () => undefined,
      close: async () => undefined,
      stats: () => NO_WRITES,
    });
  }
  const display = options.file;
  const file = resolve(display);
  // Not mkdir({ recursive }): it loops forever where the system refuses a folder under one that exists (/proc).
  makeFolder(dirname(file), display);
  const lock = await acquireLock(file, display);
  try {
    const adapter = new FileAdapter(file, display);
    // Never JSONFilePreset: it silently switches to memory when NODE_ENV=test.
    const low = new Low<StoreState>(adapter, new StoreState());
    await low.read();
    const commit = new GroupCommit(low, adapter, options.tuning ?? {}, display);
    low.data.ops = [];
    low.data.onChange = () => commit.schedule();
    return createStateStore(low, {
      flush: () => commit.flush(),
      async close() {
        try {
          await commit.close();
        } finally {
          await lock.release();
        }
      },
      stats: () => ({ ...adapter.counters, lastError: commit.lastError?.message ?? null }),
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
}
