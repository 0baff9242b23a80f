import { jest } from '@jest/globals';
import { Low } from 'lowdb';
import type { FileAdapter } from './file-adapter.js';
import { GroupCommit } from './group-commit.js';
import type { StoreTuning } from './model.js';
import { StoreState } from './state.js';

// Fake time: the simulated disk and the idle compaction use setTimeout, which jest moves on demand. The commit
// loop's turns (setImmediate) stay real, so a test moves time forward one step per turn until the loop is done.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Lets the loop take real turns while fake time moves 1 ms per turn, until `done()` (at most 10 fake seconds). */
const runUntil = async (done: () => boolean): Promise<void> => {
  for (let ms = 0; !done(); ms += 1) {
    if (ms > 10_000) throw new Error('the commit loop never got there');
    await nextTurn();
    await jest.advanceTimersByTimeAsync(1);
  }
};

/** Runs the loop until `p` settles, and returns (or throws) what it settled with. */
const settle = async <T>(p: Promise<T>): Promise<T> => {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await runUntil(() => settled);
  return p;
};

beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

/** Stands in for FileAdapter: every write takes `ioMs` of fake time, and it records how many ran at once. */
class SlowAdapter {
  snapshotBytes = 100;
  journalBytes = 0;
  durableSeq = 0;
  mustSnapshot = false;
  active = 0;
  mostAtOnce = 0;
  snapshots = 0;
  appends = 0;
  failNext = false;

  constructor(readonly ioMs: number) {}

  read = (): Promise<StoreState | null> => Promise.resolve(null);

  async write(state: StoreState): Promise<void> {
    const seq = state.seq;
    state.ops = [];
    await this.#io();
    this.journalBytes = 0;
    this.mustSnapshot = false;
    this.durableSeq = seq;
    this.snapshots += 1;
  }

  async append(state: StoreState): Promise<void> {
    const seq = state.seq;
    const count = state.ops?.length ?? 0;
    state.ops = [];
    await this.#io();
    this.journalBytes += count * 10;
    this.durableSeq = seq;
    this.appends += 1;
  }

  close = (): Promise<void> => Promise.resolve();

  async #io(): Promise<void> {
    this.active += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.active);
    try {
      await sleep(this.ioMs);
      if (this.failNext) {
        this.failNext = false;
        throw new Error('disk full');
      }
    } finally {
      this.active -= 1;
    }
  }
}

const setup = (tuning: StoreTuning, ioMs = 20) => {
  const adapter = new SlowAdapter(ioMs);
  const state = new StoreState();
  state.ops = [];
  const low = new Low<StoreState>(adapter, state);
  const commit = new GroupCommit(low, adapter as unknown as FileAdapter, tuning, 'db.json');
  state.onChange = () => commit.schedule();
  const mutate = (n = 1) => {
    for (let i = 0; i < n; i += 1) state.put(['default', 'api', 'Thing', ''], String(state.seq), { n: state.seq });
  };
  return { adapter, commit, mutate };
};

describe('GroupCommit', () => {
  it('starts a commit on the next turn, without waiting for a timer or a flush() call', async () => {
    const { adapter, mutate } = setup({});
    mutate();
    expect(adapter.active).toBe(0);
    await nextTurn();
    expect(adapter.active).toBe(1);
  });

  it('puts everything that arrives during a commit into the next one', async () => {
    const { adapter, commit, mutate } = setup({});
    mutate();
    const first = commit.flush();
    await nextTurn();
    expect(adapter.active).toBe(1);
    const rest = Array.from({ length: 100 }, () => {
      mutate();
      return commit.flush();
    });
    await settle(Promise.all([first, ...rest]));
    expect(adapter.snapshots).toBe(2);
  });

  it('resolves each flush() only when the commit holding its mutation is done', async () => {
    const { adapter, commit, mutate } = setup({});
    mutate();
    const first = commit.flush();
    await nextTurn();
    mutate();
    let secondDone = false;
    const second = commit.flush().then(() => (secondDone = true));
    await settle(first);
    expect(secondDone).toBe(false);
    await settle(second);
    expect(adapter.durableSeq).toBe(2);
  });

  it('never runs two writes at once, even when close() meets an idle compaction', async () => {
    const { adapter, commit, mutate } = setup({ fullWriteLimit: 0, idleCompactMs: 5 }, 20);
    mutate();
    await settle(commit.flush()); // an append: the idle compaction is armed
    expect(jest.getTimerCount()).toBe(1);
    await settle(commit.close()); // folds the journal in while the idle timer would fire
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(30);
    expect(adapter.mostAtOnce).toBe(1);
    expect(adapter.snapshots).toBe(1);
    expect(adapter.journalBytes).toBe(0);
  });

  it('folds the journal in after idleCompactMs without writes, not before', async () => {
    const { adapter, commit, mutate } = setup({ fullWriteLimit: 0, idleCompactMs: 10 }, 1);
    mutate(3);
    await settle(commit.flush());
    expect(adapter.appends).toBe(1);
    await jest.advanceTimersByTimeAsync(9);
    expect(adapter.snapshots).toBe(0);
    await runUntil(() => adapter.snapshots === 1);
    expect(adapter.journalBytes).toBe(0);
    await settle(commit.close());
  });

  it('re-arms the idle compaction when a write comes in before it fires', async () => {
    const { adapter, commit, mutate } = setup({ fullWriteLimit: 0, idleCompactMs: 10 }, 1);
    mutate();
    await settle(commit.flush());
    await jest.advanceTimersByTimeAsync(8);
    mutate();
    await settle(commit.flush());
    expect(adapter.appends).toBe(2);
    await jest.advanceTimersByTimeAsync(8);
    expect(adapter.snapshots).toBe(0);
    await runUntil(() => adapter.snapshots === 1);
    await settle(commit.close());
  });

  it('rejects every waiting flush() when a commit fails, and tries again on the next one', async () => {
    const { adapter, commit, mutate } = setup({}, 1);
    adapter.failNext = true;
    mutate();
    const waiting = [commit.flush(), commit.flush()];
    for (const flush of waiting)
      await expect(settle(flush)).rejects.toThrow('[ssmock] could not write db.json: disk full');
    expect(commit.lastError?.message).toMatch(/disk full/);
    await settle(commit.flush());
    expect(commit.lastError).toBeNull();
    expect(adapter.durableSeq).toBe(1);
  });
});
