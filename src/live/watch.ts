/**
 * `serve --watch`'s file watching: one `fs.watch` per folder (inotify on Linux, FSEvents/ReadDirectoryChangesW
 * elsewhere), no polling. Changes are gathered until the folders have been quiet for `quietMs` (an editor's save
 * is several events: a temp file, a rename, a chmod), then handed over as one batch; batches never overlap.
 *
 * Folders, not a recursive watch: Node 20's recursive `fs.watch` on Linux opens one watch per FILE as well, and the
 * folders ssmock reads are few and known (watchedFolders says which). After each batch the list is asked for again,
 * so a folder created meanwhile (a new API's docs/) is watched from then on.
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface FolderWatch {
  close(): void;
}

const isFolder = (dir: string): boolean => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

const entries = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

export const watchFolders = (
  folders: () => string[],
  onBatch: (files: string[]) => Promise<void>,
  quietMs: number,
): FolderWatch => {
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const drop = (dir: string) => {
    watchers.get(dir)?.close();
    watchers.delete(dir);
  };

  /** Watches the folders wanted now; `seen` counts what a new folder already holds as changed (written before its watch began). */
  const refresh = (seen: boolean) => {
    const wanted = new Set(folders().filter(isFolder));
    for (const dir of [...watchers.keys()]) if (!wanted.has(dir)) drop(dir);
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      if (seen) for (const name of entries(dir)) pending.add(path.join(dir, name));
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => changed(name ? path.join(dir, name) : dir));
        // A folder that goes away ends its watch; the next refresh watches it again if it comes back.
        watcher.on('error', () => drop(dir));
        watchers.set(dir, watcher);
      } catch {
        // Removed between the check and the watch: the next batch looks again.
      }
    }
  };

  const flush = () => {
    timer = undefined;
    if (running || closed) return;
    const files = [...pending].sort();
    pending = new Set();
    running = onBatch(files)
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (closed) return;
        refresh(true);
        // Changes that arrived during the batch (the batch's own writes among them) make the next one.
        if (pending.size) timer = setTimeout(flush, quietMs);
      });
  };

  function changed(file: string): void {
    if (closed) return;
    pending.add(file);
    // A new folder is watched at once: files written into it right away are not missed.
    if (!watchers.has(file) && existsSync(file) && folders().includes(file)) refresh(true);
    if (running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, quietMs);
  }

  refresh(false);
  return {
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const dir of [...watchers.keys()]) drop(dir);
    },
  };
};
