import { Chunk, CHUNK_SIZE, Collection } from './collections.js';

const filled = (count: number, dirty = new Set<Chunk>()): Collection => {
  const collection = new Collection(dirty);
  for (let i = 0; i < count; i += 1) collection.put(String(i), { id: i });
  return collection;
};

describe('Collection', () => {
  it('keeps insertion order across chunks, updates in place and unlinks emptied chunks', () => {
    const collection = filled(CHUNK_SIZE * 2 + 1);
    expect([...collection.chunks()]).toHaveLength(3);
    collection.put('5', { id: 5, changed: true });
    for (let i = CHUNK_SIZE; i < CHUNK_SIZE * 2; i += 1) collection.delete(String(i));
    expect([...collection.chunks()]).toHaveLength(2);
    const ids = [...collection.values()].map((e) => e.id);
    expect(ids).toEqual([...Array.from({ length: CHUNK_SIZE }, (_, i) => i), CHUNK_SIZE * 2]);
    expect(collection.get('5')).toEqual({ id: 5, changed: true });
    expect(collection.size).toBe(CHUNK_SIZE + 1);
  });

  it('marks only the touched chunk dirty', () => {
    const dirty = new Set<Chunk>();
    const collection = filled(CHUNK_SIZE * 10, dirty);
    dirty.clear();
    collection.put('3', { id: 3, x: 1 });
    collection.put('new', { id: 'new' });
    collection.delete(String(CHUNK_SIZE * 5));
    expect(dirty.size).toBe(3);
  });

  it('costs the same per get, update and remove at 100,000 records as at 1,000', () => {
    const perOp = (size: number): number => {
      const collection = filled(size);
      const rounds = 20_000;
      const keys = Array.from({ length: rounds }, (_, i) => String((i * 7919) % size));
      const timings: number[] = [];
      for (let run = 0; run < 5; run += 1) {
        const start = performance.now();
        for (const key of keys) {
          const found = collection.get(key);
          collection.put(key, { ...found, seen: run });
          collection.delete(key);
          collection.put(key, { id: key });
        }
        timings.push((performance.now() - start) / rounds);
      }
      return timings.sort((a, b) => a - b)[2] ?? Infinity;
    };
    perOp(1000); // warm up the JIT
    const small = perOp(1000);
    const large = perOp(100_000);
    // Hash lookups, not scans: a linear structure would be ~100x slower here. Allow cache effects.
    expect(large / small).toBeLessThan(5);
  });
});
