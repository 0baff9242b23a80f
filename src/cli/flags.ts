/**
 * Checks of numeric flags, as yargs `coerce` functions. yargs turns `--seed abc` into NaN and `--seed 1.5`
 * into 1.5 without a word; a seed, port or delay that is not a whole number is a mistake worth one line.
 */
import { UserError } from '../user-error.js';
import { expectedSize, parseByteSize } from './byte-size.js';
import { range } from './serve-settings.js';

const shown = (value: unknown): string => (Number.isNaN(value) ? 'something that is not a number' : String(value));

/** `coerce` for a whole-number flag within [min, max]; an absent flag stays undefined. */
export const wholeNumber =
  (flag: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  (value: unknown): number => {
    // A repeated flag arrives as an array: the last one wins, as for other flags.
    const last: unknown = Array.isArray(value) ? value.at(-1) : value;
    if (last === undefined) return last as unknown as number;
    if (typeof last !== 'number' || !Number.isInteger(last) || last < min || last > max)
      throw new UserError(`--${flag} must be a whole number ${range(min, max)}, got ${shown(last)}`);
    return last;
  };

/** `coerce` for a size flag (`--body-limit 512kb`): bytes within [min, max]; an absent flag stays undefined. */
export const byteSize =
  (flag: string, min: number, max: number) =>
  (value: unknown): number => {
    const last: unknown = Array.isArray(value) ? value.at(-1) : value;
    if (last === undefined) return last as unknown as number;
    const bytes = parseByteSize(String(last));
    if (bytes === undefined || bytes < min || bytes > max)
      throw new UserError(`--${flag} must be ${expectedSize(min, max)}, got ${JSON.stringify(String(last))}`);
    return bytes;
  };

export const seedFlag = {
  type: 'number',
  coerce: wholeNumber('seed'),
  describe: 'seed for fake data: same requests, byte-identical answers',
} as const;
