import { SessionLru } from './session-lru.js';

/** A clock the test moves by hand. */
const fakeClock = (start = 0) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

type Step = [action: 'touch', id: string, afterMs: number] | [action: 'evict', afterMs: number];

describe('SessionLru', () => {
  it.each<[string, { idleMs: number; maxSessions: number }, Step[], string[], string[]]>([
    [
      'keeps sessions under both limits',
      { idleMs: 1000, maxSessions: 3 },
      [
        ['touch', 'a', 0],
        ['touch', 'b', 10],
        ['touch', 'c', 10],
      ],
      [],
      ['c', 'b', 'a'],
    ],
    [
      'evicts the least recently used past the maximum',
      { idleMs: 1000, maxSessions: 2 },
      [
        ['touch', 'a', 0],
        ['touch', 'b', 10],
        ['touch', 'c', 10],
      ],
      ['a'],
      ['c', 'b'],
    ],
    [
      'counts a use again: the one used longest ago goes, not the one created first',
      { idleMs: 1000, maxSessions: 2 },
      [
        ['touch', 'a', 0],
        ['touch', 'b', 10],
        ['touch', 'a', 10],
        ['touch', 'c', 10],
      ],
      ['b'],
      ['c', 'a'],
    ],
    [
      'evicts a session idle longer than the time-out at the next use of another',
      { idleMs: 1000, maxSessions: 10 },
      [
        ['touch', 'a', 0],
        ['touch', 'b', 500],
        ['touch', 'c', 501],
      ],
      ['a'],
      ['c', 'b'],
    ],
    [
      'keeps a session idle exactly the time-out',
      { idleMs: 1000, maxSessions: 10 },
      [
        ['touch', 'a', 0],
        ['touch', 'b', 1000],
      ],
      [],
      ['b', 'a'],
    ],
    [
      'evicts every idle session at once, oldest first, on an explicit sweep',
      { idleMs: 1000, maxSessions: 10 },
      [
        ['touch', 'a', 0],
        ['touch', 'b', 100],
        ['touch', 'c', 800],
        ['evict', 250],
      ],
      ['a', 'b'],
      ['c'],
    ],
  ])('%s', (_what, limits, steps, evicted, kept) => {
    const clock = fakeClock();
    const lru = new SessionLru(limits, clock.now);
    const gone: string[] = [];
    for (const step of steps) {
      if (step[0] === 'touch') {
        clock.advance(step[2]);
        gone.push(...lru.touch(step[1]));
      } else {
        clock.advance(step[1]);
        gone.push(...lru.evict());
      }
    }
    expect(gone).toEqual(evicted);
    expect(lru.entries().map(([id]) => id)).toEqual(kept);
    expect(lru.size).toBe(kept.length);
  });

  it('never evicts the session being used, even at a maximum of one', () => {
    const lru = new SessionLru({ idleMs: 10, maxSessions: 1 }, fakeClock().now);
    expect(lru.touch('a')).toEqual([]);
    expect(lru.touch('b')).toEqual(['a']);
    expect(lru.has('b')).toBe(true);
  });

  it('reports when each session was last used, and forgets a deleted one', () => {
    const clock = fakeClock(5000);
    const lru = new SessionLru({ idleMs: 1000, maxSessions: 10 }, clock.now);
    lru.touch('a');
    clock.advance(7);
    lru.touch('b');
    expect(lru.entries()).toEqual([
      ['b', 5007],
      ['a', 5000],
    ]);
    expect(lru.lastUsed('a')).toBe(5000);
    expect(lru.delete('a')).toBe(true);
    expect(lru.delete('a')).toBe(false);
    expect(lru.has('a')).toBe(false);
  });
});
