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
});
