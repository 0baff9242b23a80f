/**
 * One process owns a db file. Two servers writing the same file would each
 * replace the other's data with their own, so the second one refuses to
 * start. The lock is `<db>.lock`, created exclusively (`wx`) and holding the
 * owner's pid; a lock whose process is gone (crash, SIGKILL) is stale and
 * taken over.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { codeOf } from './io-errors.js';

export interface FileLock {
  release(): Promise<void>;
}

/** A lock file too fresh to hold a pid yet is being written by its owner, not abandoned. */
const FRESH_MS = 2000;

/** `display` is the db path as the user gave it, for messages. */
export async function acquireLock(dbFile: string, display: string): Promise<FileLock> {
  const path = `${dbFile}.lock`;
  // A stale lock is removed in one round and ours created in the next.
  for (let round = 0; round < 3; round += 1) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return { release: () => releaseLock(path) };
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
    }
    const owner = await readOwner(path);
    if (owner === 'gone') continue;
    if (owner === 'unreadable' ? await isFresh(path) : isAlive(owner)) {
      const who =
        owner === process.pid ? 'this process' : typeof owner === 'number' ? `process ${owner}` : 'another process';
      throw new Error(
        `[ssmock] ${display} is in use by ${who} (lock file ${display}.lock): stop that server, ` +
          `or delete the lock file if no ssmock is running`,
      );
    }
    // Stale. Two processes taking over the same stale lock at the same instant could both win;
    // for a developer tool restarted after a crash that race is not worth a second lock protocol.
    await unlink(path).catch((error: unknown) => {
      if (!isCode(error, 'ENOENT')) throw error;
    });
  }
  throw new Error(`[ssmock] could not lock ${display}: its lock file ${display}.lock keeps changing`);
}

async function releaseLock(path: string): Promise<void> {
  // Only remove our own lock: if someone judged ours stale and took over, the file is theirs now.
  if ((await readOwner(path)) !== process.pid) return;
  await unlink(path).catch((error: unknown) => {
    if (!isCode(error, 'ENOENT')) throw error;
  });
}

async function readOwner(path: string): Promise<number | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone';
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 'unreadable';
}

/** Signal 0 checks existence; EPERM means it exists but belongs to someone else. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

async function isFresh(path: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs < FRESH_MS;
  } catch {
    return false; // removed meanwhile: not fresh, the next round sees it gone
  }
}

const isCode = (error: unknown, code: string): boolean => codeOf(error) === code;
