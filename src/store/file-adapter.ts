/**
 * lowdb adapter for the state file: `Low<StoreState>` holds the data, this
 * reads and writes it. lowdb's own JSONFile (steno) renames a temp file but
 * never fsyncs, so an acknowledged write could vanish in a power cut, and it
 * re-stringifies everything on every write; hence our own adapter.
 *
 * Two ways to persist (group-commit.ts picks one per commit):
 * - `write` (lowdb's Adapter method): replace db.json whole: temp file in the
 *   same directory, writev, fdatasync, rename, fsync of the directory. The
 *   file always parses, whatever moment the process dies at.
 * - `append`: add the commit's ops to `<db>.journal`, opened O_DSYNC where the
 *   platform has it (one system call writes and syncs) else fdatasync'ed; cost
 *   independent of the state's size. Used once db.json is too large to
 *   replace on every commit (replacing a 36 MB file costs 50–160 ms here,
 *   an append under 1 ms). The next `write` folds the journal in.
 */
import { constants } from 'node:fs';
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { makeFolder } from '../output-paths.js';
import { parseDbFile } from './file-format.js';
import { codeOf } from './io-errors.js';
import { decodeJournal, encodeOps } from './journal.js';
import { refreshChunks, render } from './serialize.js';
import type { StoreState } from './state.js';

/**
 * The journal's open flags: with O_DSYNC each write returns once its bytes are on disk, as
 * write + fdatasync would, in one thread-pool round trip instead of two (commits ~30 % shorter
 * under load). Windows has no O_DSYNC: there the append is followed by datasync().
 */
const { O_APPEND, O_CREAT, O_WRONLY, O_DSYNC } = constants;
const JOURNAL_FLAGS = O_DSYNC === undefined ? 'a' : O_APPEND | O_CREAT | O_WRONLY | O_DSYNC;

export interface WriteCounters {
  writes: number;
  snapshots: number;
  appends: number;
  compactions: number;
  bytesWritten: number;
}

/** Node's writev passes at most IOV_MAX (1024 on Linux) buffers to one system call; we slice to match. */
const IOV_MAX = 1024;

export class FileAdapter implements Adapter<StoreState> {
  readonly #file: string;
  readonly #display: string;
  readonly #journalFile: string;
  #journal: FileHandle | null = null;
  /** Kept open: fsyncing the directory after each rename then costs one system call, not three. */
  #directory: FileHandle | null = null;
  /** Size of db.json as last read or written. */
  snapshotBytes = 0;
  /** Size of the journal: commits not yet folded into db.json. */
  journalBytes = 0;
  /** Mutation count (`StoreState.seq`) the last successful write or append made durable. */
  durableSeq = 0;
  /** The next commit must replace db.json: it is missing, stale, or the journal cannot be appended to. */
  mustSnapshot = false;
  readonly counters: WriteCounters = { writes: 0, snapshots: 0, appends: 0, compactions: 0, bytesWritten: 0 };

  /** `file` is absolute; `display` is the path as the user gave it, for messages. */
  constructor(file: string, display: string) {
    this.#file = file;
    this.#display = display;
    this.#journalFile = `${file}.journal`;
  }

  async read(): Promise<StoreState> {
    const bytes = await readIfExists(this.#file);
    const { state, assigned } = parseDbFile(bytes?.toString('utf8') ?? '', this.#display);
    this.snapshotBytes = bytes?.length ?? 0;
    const journal = await readIfExists(this.#journalFile);
    for (const op of decodeJournal(journal?.toString('utf8') ?? '', `${this.#display}.journal`)) state.apply(op);
    this.journalBytes = journal?.length ?? 0;
    // A journal left by a crash may end in a torn line: never append after it, fold it in first.
    this.mustSnapshot = bytes === null || assigned > 0 || this.journalBytes > 0;
    this.durableSeq = state.seq;
    return state;
  }

  /** Replaces db.json with the whole state, then drops the journal it now contains. */
  async write(state: StoreState): Promise<void> {
    await refreshChunks(state);
    // From here to the first await, one synchronous picture of the state.
    const { buffers, bytes } = render(state);
    const seq = state.seq;
    if (state.ops) state.ops = [];
    try {
      await this.#replaceFile(buffers);
      if (this.journalBytes > 0) {
        await this.#dropJournal();
        this.counters.compactions += 1;
      }
    } catch (error) {
      // The ops handed over above are in no file: only a full write can persist them now.
      this.mustSnapshot = true;
      throw error;
    }
    this.mustSnapshot = false;
    this.snapshotBytes = bytes;
    this.durableSeq = seq;
    this.counters.snapshots += 1;
    this.#count(bytes);
  }

  /** Appends the ops since the last commit to the journal. */
  async append(state: StoreState): Promise<void> {
    const text = encodeOps(state.ops ?? []);
    const seq = state.seq;
    if (state.ops) state.ops = [];
    if (text !== '') {
      try {
        const journal = this.#journal ?? (await this.#openJournal());
        const { bytesWritten } = await journal.write(text);
        this.journalBytes += bytesWritten;
        if (bytesWritten !== Buffer.byteLength(text)) throw new Error(`short write to ${this.#display}.journal`);
        if (O_DSYNC === undefined) await journal.datasync();
      } catch (error) {
        // A partial line may now end the journal; appending after it would bury it mid-file.
        this.mustSnapshot = true;
        throw error;
      }
      this.counters.appends += 1;
      this.#count(Buffer.byteLength(text));
    }
    this.durableSeq = seq;
  }

  async close(): Promise<void> {
    await this.#closeJournal();
    await this.#directory?.close();
    this.#directory = null;
  }

  #count(bytes: number): void {
    this.counters.writes += 1;
    this.counters.bytesWritten += bytes;
  }

  async #replaceFile(buffers: Buffer[]): Promise<void> {
    const temp = join(dirname(this.#file), `.${basename(this.#file)}.tmp`);
    const handle = await this.#create(temp, 'w');
    try {
      await writeAll(handle, buffers);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.#file);
    await this.#syncDirectory();
  }

  async #openJournal(): Promise<FileHandle> {
    const handle = await this.#create(this.#journalFile, JOURNAL_FLAGS);
    // The new file's directory entry must be durable too, or a crash could lose the whole journal.
    await this.#syncDirectory();
    this.#journal = handle;
    return handle;
  }

  /** Opens a file for writing; if the directory has gone (removed while we run), recreates it and retries. */
  async #create(file: string, flags: 'w' | 'a' | number): Promise<FileHandle> {
    try {
      return await open(file, flags);
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    makeFolder(dirname(file)); // not mkdir({ recursive }): it loops forever under /proc
    await this.#directory?.close();
    this.#directory = null;
    return open(file, flags);
  }

  /** Makes a rename or a new file durable. Some platforms cannot fsync a directory; nothing more to do then. */
  async #syncDirectory(): Promise<void> {
    try {
      this.#directory ??= await open(dirname(this.#file), 'r');
      await this.#directory.sync();
    } catch (error) {
      const code = codeOf(error);
      if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
    }
  }

  async #closeJournal(): Promise<void> {
    await this.#journal?.close();
    this.#journal = null;
  }

  async #dropJournal(): Promise<void> {
    await this.#closeJournal();
    // If this unlink is lost in a crash, replaying the old journal over the new db.json is harmless (state.ts).
    await unlink(this.#journalFile).catch((error: unknown) => {
      if (codeOf(error) !== 'ENOENT') throw error;
    });
    this.journalBytes = 0;
  }
}

async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  for (let start = 0; start < buffers.length; start += IOV_MAX) {
    const slice = buffers.slice(start, start + IOV_MAX);
    const expected = slice.reduce((sum, buffer) => sum + buffer.length, 0);
    const { bytesWritten } = await handle.writev(slice);
    if (bytesWritten === expected) continue;
    let rest = Buffer.concat(slice).subarray(bytesWritten);
    while (rest.length > 0) {
      // Short writes are rare on regular files (a signal, a full disk); finish the slice by hand.
      const { bytesWritten: more } = await handle.write(rest);
      if (more === 0) throw new Error('the disk accepted no more bytes');
      rest = rest.subarray(more);
    }
  }
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
}
