import fc from 'fast-check';
import { expectedSize, formatByteSize, parseByteSize } from './byte-size.js';
import { byteSize } from './flags.js';
import { UserError } from '../user-error.js';

const KiB = 1024;
const MiB = 1024 * KiB;

describe('parseByteSize: any case of the unit, one spelling', () => {
  it.each<[string, number | undefined]>([
    ['0', 0],
    ['2048', 2048],
    ['2048b', 2048],
    ['2048B', 2048],
    ['1kb', KiB],
    ['512kb', 512 * KiB],
    ['512KB', 512 * KiB],
    ['512KiB', 512 * KiB],
    ['512kib', 512 * KiB],
    ['1mb', MiB],
    ['1MB', MiB],
    ['2MiB', 2 * MiB],
    ['1 MiB', MiB],
    ['1gb', 1024 * MiB],
    ['1GiB', 1024 * MiB],
    // Refused, not guessed at.
    ['', undefined],
    ['1m', undefined],
    ['1k', undefined],
    ['1.5mb', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['1  mb', undefined],
    [' 1mb', undefined],
    ['1mb ', undefined],
    ['mb', undefined],
    ['1tb', undefined],
    ['1mib2', undefined],
    ['0x10', undefined],
  ])('%j → %s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('reads back what formatByteSize writes', () => {
    fc.assert(
      fc.property(fc.nat(64 * MiB), (bytes) => {
        expect(parseByteSize(formatByteSize(bytes).replace(' ', ''))).toBe(bytes);
        expect(parseByteSize(formatByteSize(bytes))).toBe(bytes);
      }),
      { seed: 4242 },
    );
  });
});

describe('formatByteSize: the largest unit that divides it exactly', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1536, '1536 B'],
    [KiB, '1 KiB'],
    [MiB, '1 MiB'],
    [256 * MiB, '256 MiB'],
    [1024 * MiB, '1 GiB'],
    [2048 * MiB, '2 GiB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatByteSize(bytes)).toBe(text);
  });
});

describe('--body-limit: a size flag', () => {
  const flag = byteSize('body-limit', 1, 256 * MiB);

  it.each<[unknown, number | undefined]>([
    ['1kb', KiB],
    ['2MiB', 2 * MiB],
    ['4096', 4096],
    [['1kb', '2kb'], 2 * KiB],
    [undefined, undefined],
  ])('%j → %s bytes', (value, bytes) => {
    expect(flag(value)).toBe(bytes);
  });

  it.each(['0', '257mb', '1gb', 'lots', '1.5mb'])('refuses %j in one line', (value) => {
    expect(() => flag(value)).toThrow(
      new UserError(`--body-limit must be ${expectedSize(1, 256 * MiB)}, got ${JSON.stringify(value)}`),
    );
  });
});
