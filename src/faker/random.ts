/**
 * Seeds for the faker. Every fake is generated from one 32-bit "call seed": either drawn from a
 * per-faker stream (unkeyed calls) or hashed from (seed, typeName, key) (keyed calls), so an
 * entity's values never depend on what was faked before it.
 */

/** A PRNG returning floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a tiny, fast 32-bit PRNG with a full 2^32 period — plenty for picking fake values,
 * and (unlike Math.random) reproducible from a seed.
 */
export function mulberry32(seed: number): Rng {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A @faker-js/faker `Randomizer` backed by mulberry32. faker's default Mersenne Twister spends
 * longer re-seeding (624 words of state) than we spend faking a small DTO, and we re-seed per fake.
 */
export function mulberry32Randomizer(): { next(): number; seed(seed: number | readonly number[]): void } {
  let rng = mulberry32(1);
  return {
    next: () => rng(),
    seed(seed) {
      rng = mulberry32(typeof seed === 'number' ? seed : hashParts(seed.map(String)));
    },
  };
}

/**
 * A stream of call seeds. Each draw is a fresh non-zero uint32, so the n-th unkeyed fake of a run
 * is the same in every run with the same seed.
 */
export function seedStream(seed: number): () => number {
  const rng = mulberry32(hashParts(['stream', String(seed)]));
  return () => nonZero(Math.floor(rng() * 4294967296));
}

/**
 * Hashes strings to a non-zero uint32 (FNV-1a over UTF-16 code units, then a murmur3 finaliser to
 * spread nearby keys such as "1" and "2" far apart). Parts are separated by an unused code unit so
 * ("ab", "c") and ("a", "bc") differ.
 */
export function hashParts(parts: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
    }
    h = Math.imul(h ^ 0xffff, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return nonZero(h >>> 0);
}

/** The seed for one entity: the same (seed, typeName, key) always gives the same call seed. */
export function keyedSeed(seed: number, typeName: string, key: string): number {
  return hashParts(['key', String(seed), typeName, key]);
}

// json-schema-faker and some PRNGs treat 0 as "no seed"; never hand them one.
function nonZero(n: number): number {
  return n === 0 ? 1 : n;
}
