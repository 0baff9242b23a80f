/**
 * `serve --scenario` and `seed` replace the state in the db file with the scenario's. A file that already holds
 * records is copied to a timestamped name beside it first, and the command prints where (README, "Command line").
 */
import { MEMORY_DB } from '../config.js';
import { backupDbFile } from '../server/db-backup.js';
import { openStore, type StateStore } from '../store/index.js';

/** With the db already open (its lock held): the copy's path, or undefined when the file holds no records. */
export const keepCopyIfItHoldsData = async (store: StateStore, db: string): Promise<string | undefined> => {
  const { records } = store.stats();
  if (records === 0) return undefined;
  const copy = await backupDbFile(db);
  process.stdout.write(`${db} held ${records} record(s): kept a copy in ${copy} before loading the scenario\n`);
  return copy;
};

/** The same for a db that is not open yet (`serve`, which opens it again to serve). */
export const keepCopyOfDbFile = async (db: string): Promise<string | undefined> => {
  if (db === MEMORY_DB) return undefined;
  const store = await openStore({ file: db });
  try {
    return await keepCopyIfItHoldsData(store, db);
  } finally {
    await store.close();
  }
};
