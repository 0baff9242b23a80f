/**
 * Write-behind with group commit. Mutations apply in memory synchronously
 * and only bump `StoreState.seq`; one commit loop persists whatever has
 * accumulated, one commit at a time:
 *
 * - a mutation while idle starts a commit on the next turn (setImmediate, not
 *   a timer: the HTTP layer awaits `flush()` before answering a write, and
 *   requests read in the same turn still join the batch);
 * - mutations made while a commit is in flight all go into the next one, so
 *   1,000 concurrent writes cost a handful of file writes, not 1,000;
 * - `flush()` resolves once everything mutated before the call is durable.
 *
 * Each commit replaces db.json while it is small (≤ fullWriteLimit) and no
 * journal is pending, so the file a user opens is current; otherwise it
 * appends to the journal, and db.json is rewritten ("compaction") once the
 * journal outgrows max(compactMinBytes, db.json), after idleCompactMs
 * without writes, and on close. Everything runs in the one loop, so a
 * compaction and an append never race.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Low } from 'lowdb';
import type { FileAdapter } from './file-adapter.js';
import { messageOf } from './io-errors.js';
import type { StoreTuning } from './model.js';
import type { StoreState } from './state.js';

export const DEFAULT_TUNING: Required<StoreTuning> = {
  fullWriteLimit: 64 * 1024,
  compactMinBytes: 4 * 1024 * 1024,
  idleCompactMs: 1000,
};

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class GroupCommit {
  readonly #low: Low<StoreState>;
  readonly #adapter: FileAdapter;
  readonly #tuning: Required<StoreTuning>;
  readonly #display: string;
  /** In seq order: each waits for the mutation count it saw. */
  #waiters: Waiter[] = [];
  /** The latest commit loop, for close() to wait on. */
  #run: Promise<void> = Promise.resolve();
  #running = false;
  #scheduled = false;
  #compactRequested = false;
  #closing = false;
  #idleTimer: NodeJS.Timeout | null = null;
  lastError: Error | null = null;

  constructor(low: Low<StoreState>, adapter: FileAdapter, tuning: StoreTuning, display: string) {
    this.#low = low;
    this.#adapter = adapter;
    this.#tuning = { ...DEFAULT_TUNING, ...tuning };
    this.#display = display;
  }

  /** Called after every mutation. */
  schedule(): void {
    this.#stopIdleTimer();
    if (this.#running || this.#scheduled) return; // a running loop picks the new mutations up when its commit ends
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#running) this.#run = this.#loop();
    });
  }

  flush(): Promise<void> {
    const seq = this.#low.data.seq;
    if (seq <= this.#adapter.durableSeq && !this.#adapter.mustSnapshot) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiters.push({ seq, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Persists everything and folds the journal into db.json, through the loop
   * like any commit (two snapshot writes at once would share a temp file).
   * No mutation may follow.
   */
  async close(): Promise<void> {
    this.#closing = true;
    this.#stopIdleTimer();
    try {
      await this.#run; // a commit in flight may still append to the journal
      for (;;) {
        if (this.#adapter.journalBytes > 0) this.#compactRequested = true;
        if (!this.#hasWork()) break;
        if (!this.#running) this.#run = this.#loop();
        await this.#run;
        if (this.lastError) throw this.lastError; // the loop gave up; the journal keeps what it holds
      }
    } finally {
      this.#stopIdleTimer();
      await this.#adapter.close();
    }
  }

  #hasWork(): boolean {
    return this.#low.data.seq > this.#adapter.durableSeq || this.#compactRequested || this.#adapter.mustSnapshot;
  }

  async #loop(): Promise<void> {
    // Set and cleared synchronously with the decision to stop, so a mutation can never fall between
    // "the loop has nothing left to do" and "schedule() sees no loop running".
    this.#running = true;
    try {
      let first = true;
      while (this.#hasWork()) {
        // Between commits, let the requests that arrived during the last one join the next.
        if (!first) await nextTurn();
        first = false;
        try {
          await this.#commit();
        } catch (error) {
          this.#fail(error);
          return; // no hot retry loop on a full disk: the next mutation or flush() tries again
        }
        this.lastError = null;
        this.#settle();
      }
      if (this.#adapter.journalBytes > 0 && !this.#closing) this.#armIdleCompaction();
    } finally {
      this.#running = false;
    }
  }

  async #commit(): Promise<void> {
    const adapter = this.#adapter;
    const { fullWriteLimit, compactMinBytes } = this.#tuning;
    const small = adapter.journalBytes === 0 && adapter.snapshotBytes <= fullWriteLimit;
    if (this.#compactRequested || adapter.mustSnapshot || small) {
      this.#compactRequested = false;
      await this.#low.write();
    } else {
      await adapter.append(this.#low.data);
      if (adapter.journalBytes >= Math.max(compactMinBytes, adapter.snapshotBytes)) this.#compactRequested = true;
    }
  }

  #settle(): void {
    const durable = this.#adapter.durableSeq;
    let done = 0;
    while (done < this.#waiters.length && (this.#waiters[done]?.seq ?? Infinity) <= durable) done += 1;
    for (const waiter of this.#waiters.splice(0, done)) waiter.resolve();
  }

  #fail(error: unknown): void {
    this.lastError = new Error(`[ssmock] could not write ${this.#display}: ${messageOf(error)}`, { cause: error });
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.lastError);
  }

  #stopIdleTimer(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  #armIdleCompaction(): void {
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      this.#compactRequested = true;
      this.schedule();
    }, this.#tuning.idleCompactMs);
    // A pending compaction must not keep a finished process (a CLI command, a test) alive; close() does it.
    this.#idleTimer.unref();
  }
}
