/**
 * One collection (session × api × resource × tenant): a Map from id key to
 * record, so get/update/remove cost the same at 10 or 100,000 records.
 *
 * Records also sit in a linked list of fixed-size chunks, in insertion order.
 * Each chunk caches its own serialised text, so writing db.json re-serialises
 * only the chunks that changed since the last write (an append dirties just
 * the tail chunk) instead of the whole collection: JSON.stringify of 100k
 * records takes ~200 ms here, far too long to block the event loop for on
 * every commit.
 */
import type { Entity } from './model.js';

/** Records per chunk: re-serialising one is well under a millisecond; a 100k collection has < 1000 chunks. */
export const CHUNK_SIZE = 128;

interface Slot {
  entity: Entity;
  readonly chunk: Chunk;
}

export class Chunk {
  readonly slots = new Map<string, Slot>();
  prev: Chunk | null = null;
  next: Chunk | null = null;
  /** The chunk's records as file text (serialize.ts), or null while stale. */
  text: Buffer | null = null;
}

/** Shared by every store in the process, so no two collections (or states of one) ever have the same revision. */
let lastRevision = 0;

export class Collection {
  readonly #index = new Map<string, Slot>();
  /** Changes at every put and delete: lets readers keep views of the rows (AutoQuery's indexes) until it moves. */
  revision = ++lastRevision;
  readonly #dirty: Set<Chunk>;
  #head: Chunk | null = null;
  #tail: Chunk | null = null;
  /**
   * How many string ids this collection has drawn from its seeded stream (state.ts `drawStringId`).
   * Persisted, so a restart continues the stream; it goes with the collection when its session is cleared.
   */
  drawn = 0;

  /** `dirty` is the store-wide set of chunks whose cached text is stale. */
  constructor(dirty: Set<Chunk>) {
    this.#dirty = dirty;
  }

  get size(): number {
    return this.#index.size;
  }

  get(key: string): Entity | undefined {
    return this.#index.get(key)?.entity;
  }

  /** Inserts at the end, or replaces in place when the key exists. */
  put(key: string, entity: Entity): void {
    this.revision = ++lastRevision;
    const slot = this.#index.get(key);
    if (slot) {
      slot.entity = entity;
      this.#touch(slot.chunk);
      return;
    }
    const chunk = this.#tail && this.#tail.slots.size < CHUNK_SIZE ? this.#tail : this.#appendChunk();
    const created: Slot = { entity, chunk };
    chunk.slots.set(key, created);
    this.#index.set(key, created);
    this.#touch(chunk);
  }

  delete(key: string): boolean {
    const slot = this.#index.get(key);
    if (!slot) return false;
    this.revision = ++lastRevision;
    this.#index.delete(key);
    const { chunk } = slot;
    chunk.slots.delete(key);
    if (chunk.slots.size === 0) this.#unlink(chunk);
    else this.#touch(chunk);
    return true;
  }

  *values(): IterableIterator<Entity> {
    for (let chunk = this.#head; chunk; chunk = chunk.next) {
      for (const slot of chunk.slots.values()) yield slot.entity;
    }
  }

  *chunks(): IterableIterator<Chunk> {
    for (let chunk = this.#head; chunk; chunk = chunk.next) yield chunk;
  }

  /** Called when the collection is dropped, so the serialiser does not rebuild its chunks for nothing. */
  detach(): void {
    for (const chunk of this.chunks()) this.#dirty.delete(chunk);
  }

  #touch(chunk: Chunk): void {
    chunk.text = null;
    this.#dirty.add(chunk);
  }

  #appendChunk(): Chunk {
    const chunk = new Chunk();
    chunk.prev = this.#tail;
    if (this.#tail) this.#tail.next = chunk;
    else this.#head = chunk;
    this.#tail = chunk;
    return chunk;
  }

  // Empty chunks leave the list so that a collection emptied by removes costs nothing to serialise.
  #unlink(chunk: Chunk): void {
    if (chunk.prev) chunk.prev.next = chunk.next;
    else this.#head = chunk.next;
    if (chunk.next) chunk.next.prev = chunk.prev;
    else this.#tail = chunk.prev;
    this.#dirty.delete(chunk);
  }
}
