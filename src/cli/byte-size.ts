/**
 * Sizes as a user writes them: a number of bytes (`2048`) or a number with a unit (`512kb`, `1mb`, `2MiB`, `1 MB`).
 * The unit's case is free, its spelling is not: `1m`, `1.5mb` and `1 mb ` are refused rather than guessed at.
 * kb, mb and gb count in 1024s, as Express's body-parser reads its `limit` (`1mb` is the default 1 MiB);
 * kib, mib and gib are the same sizes, spelt as IEC spells them.
 */

/** The one syntax, as a flagless pattern so the config file's JSON Schema can carry the same one. */
export const SIZE_PATTERN = '^([0-9]+) ?(([kKmMgG][iI]?)?[bB])?$';
const SIZE = new RegExp(SIZE_PATTERN);

const POWER: Record<string, number> = { b: 0, k: 1, m: 2, g: 3 };

/** The size in bytes, or undefined when the text is not one. */
export const parseByteSize = (text: string): number | undefined => {
  const match = SIZE.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').charAt(0).toLowerCase();
  return Number(match[1]) * 1024 ** POWER[unit]!;
};

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/** `1048576` → `1 MiB`, `1536` → `1536 B`: the largest unit that divides it exactly, for messages and help. */
export const formatByteSize = (bytes: number): string => {
  let power = 0;
  while (power < UNITS.length - 1 && bytes >= 1024 && bytes % 1024 ** (power + 1) === 0) power++;
  return `${bytes / 1024 ** power} ${UNITS[power]}`;
};

/** What a size setting expects, for messages: `a size from 1 B to 256 MiB: bytes, or with a unit (512kb, 2MiB)`. */
export const expectedSize = (min: number, max: number): string =>
  `a size from ${formatByteSize(min)} to ${formatByteSize(max)}: a number of bytes, or with a unit (512kb, 1mb, 2MiB)`;
