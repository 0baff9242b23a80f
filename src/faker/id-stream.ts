/**
 * String ids for new records, drawn from a seeded stream: the n-th id of a stream is a UUID v4-shaped
 * value that is the same on every server and after every restart, and no two draws of one stream are
 * ever the same (README "Fake data and --seed" says what `--seed` guarantees).
 *
 * Distinct by construction, not by luck: n goes through a keyed 64-bit Feistel permutation, whose
 * output is the UUID's first and last 32 bits; the 58 free bits between are hashed from that output.
 * A stream's key is a 64-bit hash of (seed, stream parts), so different streams (another seed,
 * session, API, resource or tenant) give unrelated ids.
 *
 * @example streamUuid(1, ['default', 'billiecart', 'Person', ''], 1) // 'xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx'
 */

/** What `streamUuid` returns, for tests and validators. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const TWO_32 = 4294967296;

/**
 * The n-th id (n = 1, 2, …, at most 2^53 − 1) of the stream named by `seed` and `parts`.
 * Same arguments → same id; same stream, different n → different ids.
 */
export function streamUuid(seed: number, parts: readonly string[], n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`[ssmock] id stream position ${n} is not a whole number`);
  const [a, b] = streamKey(seed, parts);
  const k2 = fmix32(a ^ 0x9e3779b9);
  const k3 = fmix32(b ^ 0x7f4a7c15);
  // Four Feistel rounds over (high, low) 32-bit halves of n: a bijection of 64-bit values for a fixed key.
  let left = Math.floor(n / TWO_32) >>> 0;
  let right = n >>> 0;
  let next = (left ^ fmix32(right ^ a)) >>> 0;
  left = right;
  right = next;
  next = (left ^ fmix32(right ^ b)) >>> 0;
  left = right;
  right = next;
  next = (left ^ fmix32(right ^ k2)) >>> 0;
  left = right;
  right = next;
  next = (left ^ fmix32(right ^ k3)) >>> 0;
  left = right;
  right = next;
  // The middle words only have to look random; version (4) and variant (10xx) bits are set over them.
  const middle = (fmix32(Math.imul(left, 0x9e3779b1) ^ right ^ b) & 0xffff0fff) | 0x4000;
  const clock = ((fmix32(Math.imul(right, 0x85ebca77) ^ left ^ a) & 0x3fffffff) | 0x80000000) >>> 0;
  return (
    `${hex(left, 8)}-${hex(middle >>> 16, 4)}-${hex(middle & 0xffff, 4)}-` +
    `${hex(clock >>> 16, 4)}-${hex(clock & 0xffff, 4)}${hex(right, 8)}`
  );
}

/**
 * Two independent 32-bit FNV-1a lanes over (seed, parts), each finished with murmur3's finaliser: a
 * 64-bit key, so that two of even millions of streams sharing one is not a practical worry. Parts are
 * separated by an unused code unit, so ("ab", "c") and ("a", "bc") differ.
 */
function streamKey(seed: number, parts: readonly string[]): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  const mix = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x01000193) ^ (b >>> 15);
  };
  mix(String(seed));
  for (const part of parts) mix(part);
  return [fmix32(a), fmix32(b)];
}

/** murmur3's 32-bit finaliser: every input bit flips about half the output bits. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex = (value: number, digits: number): string => (value >>> 0).toString(16).padStart(digits, '0');
