import fc from 'fast-check';
import { streamUuid, UUID_V4 } from './id-stream.js';

const person = ['default', 'billiecart', 'Person', ''] as const;
const partsArb = fc.array(fc.string(), { minLength: 1, maxLength: 4 });
const seedArb = fc.oneof(fc.integer(), fc.double({ noNaN: true }));
const positionArb = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('streamUuid', () => {
  // Pinned: a change here changes the ids every user's `--seed` runs and db files hold.
  it.each([
    [0, person, 1, '75aaf051-2fd1-4fee-9d70-f98be0818631'],
    [1, person, 1, 'd863a0e9-397a-4872-8535-8d0783a8fc11'],
    [1, person, 2, 'f8322e49-a48b-4259-acca-47365c66ef30'],
    [1, ['ci-7', 'billiecart', 'Person', ''], 1, 'aaca1db3-8192-4383-8c35-605e1a1da0fb'],
  ])('seed %d, stream %j, position %d → %s', (seed, parts, n, expected) => {
    expect(streamUuid(seed, parts, n)).toBe(expected);
  });

  it('is a UUID v4 and the same for the same (seed, stream, position)', () => {
    fc.assert(
      fc.property(seedArb, partsArb, positionArb, (seed, parts, n) => {
        const id = streamUuid(seed, parts, n);
        expect(id).toMatch(UUID_V4);
        expect(streamUuid(seed, [...parts], n)).toBe(id);
      }),
    );
  });

  it('never repeats within a stream, whatever the positions', () => {
    fc.assert(
      fc.property(
        seedArb,
        partsArb,
        fc.uniqueArray(positionArb, { minLength: 2, maxLength: 50 }),
        (seed, parts, ns) => {
          expect(new Set(ns.map((n) => streamUuid(seed, parts, n))).size).toBe(ns.length);
        },
      ),
    );
  });

  it('gives the first 20,000 draws of a stream all different', () => {
    const ids = new Set<string>();
    for (let n = 1; n <= 20_000; n++) ids.add(streamUuid(1, person, n));
    expect(ids.size).toBe(20_000);
  });

  it.each([
    ['another seed', 2, person],
    ['another session', 1, ['ci-1', 'billiecart', 'Person', '']],
    ['another api', 1, ['default', 'home', 'Person', '']],
    ['another resource', 1, ['default', 'billiecart', 'Customer', '']],
    ['another tenant', 1, ['default', 'billiecart', 'Person', 'org-1']],
    ['parts split elsewhere', 1, ['defaultb', 'illiecart', 'Person', '']],
  ])('starts a different stream for %s', (_, seed, parts) => {
    const base = Array.from({ length: 20 }, (_, i) => streamUuid(1, person, i + 1));
    const other = Array.from({ length: 20 }, (_, i) => streamUuid(seed, parts, i + 1));
    expect(other.filter((id) => base.includes(id))).toEqual([]);
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN])('refuses position %d', (n) => {
    expect(() => streamUuid(1, person, n)).toThrow(RangeError);
  });
});
