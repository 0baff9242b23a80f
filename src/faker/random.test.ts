import { hashParts, keyedSeed, mulberry32, mulberry32Randomizer, seedStream } from './random.js';

describe('random', () => {
  it('mulberry32 repeats for the same seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(b()).toBe(x);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('seedStream gives the same non-zero uint32 sequence for the same seed', () => {
    const a = seedStream(7);
    const b = seedStream(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(b()).toBe(x);
      expect(Number.isInteger(x) && x > 0 && x < 2 ** 32).toBe(true);
      seen.add(x);
    }
    expect(seen.size).toBe(1000);
    expect(seedStream(8)()).not.toBe(seedStream(7)());
  });

  it('hashParts keeps part boundaries: ("ab", "c") ≠ ("a", "bc")', () => {
    expect(hashParts(['ab', 'c'])).not.toBe(hashParts(['a', 'bc']));
    expect(hashParts(['a', 'bc'])).toBe(hashParts(['a', 'bc']));
  });

  it('keyedSeed depends on seed, type and key, and spreads consecutive keys', () => {
    const base = keyedSeed(1, 'Customer', '1');
    expect(keyedSeed(1, 'Customer', '1')).toBe(base);
    expect(keyedSeed(2, 'Customer', '1')).not.toBe(base);
    expect(keyedSeed(1, 'Order', '1')).not.toBe(base);
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => keyedSeed(1, 'Customer', String(i))));
    expect(seeds.size).toBe(10_000);
  });

  it('mulberry32Randomizer re-seeds to the same sequence', () => {
    const r = mulberry32Randomizer();
    r.seed(5);
    const first = [r.next(), r.next()];
    r.seed(5);
    expect([r.next(), r.next()]).toEqual(first);
    r.seed([5, 6]);
    expect(r.next()).not.toBe(first[0]);
  });
});
