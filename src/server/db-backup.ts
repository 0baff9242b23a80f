/**
 * Loading a scenario replaces the state in the db file. When the file already holds records, a copy is kept
 * beside it first (`.ssmock/db.2026-12-02T23-50-01.bak.json`), so a `serve --scenario` or `seed` never loses
 * data silently (README, "Command line"). Restoring is renaming the copy back while no server runs.
 */
import { constants } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';

/** `2026-12-02T23-50-01`: sortable, and valid in file names on every system. */
const stamp = (now: Date): string => now.toISOString().slice(0, 19).replace(/:/g, '-');

/** Where the backup of `file` taken at `now` goes; `attempt` > 0 when that name is taken (two in one second). */
export const backupPath = (file: string, now: Date, attempt = 0): string => {
  const ext = path.extname(file);
  const base = ext ? file.slice(0, -ext.length) : file;
  return `${base}.${stamp(now)}${attempt ? `-${attempt}` : ''}.bak${ext || '.json'}`;
};

const isCode = (err: unknown, code: string): boolean => (err as NodeJS.ErrnoException).code === code;

/** Copies `src` to `dest` unless `src` is missing; false when it was. */
const copyIfPresent = async (src: string, dest: string): Promise<boolean> => {
  try {
    await copyFile(src, dest, constants.COPYFILE_EXCL);
    return true;
  } catch (err) {
    if (isCode(err, 'ENOENT')) return false;
    throw err;
  }
};

/**
 * Copies the db file (and its journal of recent writes, when there is one: it is part of the state) to a new
 * timestamped name beside it and returns that name. Call it while holding the db's lock (an open store).
 */
export const backupDbFile = async (file: string, now = new Date()): Promise<string> => {
  for (let attempt = 0; ; attempt++) {
    const dest = backupPath(file, now, attempt);
    try {
      await copyIfPresent(file, dest);
      await copyIfPresent(`${file}.journal`, `${dest}.journal`);
      return dest;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
    }
  }
};
