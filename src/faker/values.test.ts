import type { JsonSchema } from '../schema/json-schema.js';
import { flavourOf } from './flavour.js';
import fc from 'fast-check';
import {
  defaultValue,
  digits,
  digitsNoLeadingZero,
  duration,
  exampleEmail,
  fits,
  formatDate,
  intWithin,
  lastName,
  scalarSpecOf,
  uuid,
} from './values.js';

const f = flavourOf('us').createFaker();
const NOW = new Date('2026-01-01T00:00:00.000Z');

describe('values', () => {
  it.each<[JsonSchema, string, number, number]>([
    [{ type: 'string' }, 'text', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [{ type: 'string', format: 'date-time' }, 'date-time', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [{ type: 'string', format: 'duration' }, 'duration', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [{ type: 'string', format: 'regex' }, 'other-format', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [{ type: 'integer', format: 'int32' }, 'integer', -2147483648, 2147483647],
    [{ type: 'integer', 'x-dotnet-type': 'int' }, 'integer', -2147483648, 2147483647],
    [{ type: 'integer', 'x-dotnet-type': 'byte' }, 'integer', 0, 255],
    [{ type: 'integer', format: 'int32', 'x-dotnet-type': 'byte' }, 'integer', 0, 255],
    [{ type: 'integer', format: 'int32', 'x-dotnet-type': 'uint' }, 'integer', 0, 2147483647],
    [{ type: 'integer', format: 'int64', minimum: 5 }, 'integer', 5, Number.MAX_SAFE_INTEGER],
    [{ type: 'number', maximum: 10 }, 'number', -Number.MAX_SAFE_INTEGER, 10],
    [{}, 'any', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [
      { type: 'string', contentEncoding: 'base64' } as JsonSchema,
      'base64',
      -Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER,
    ],
  ])('scalarSpecOf(%j) is %s in [%d, %d]', (schema, kind, min, max) => {
    expect(scalarSpecOf(schema)).toEqual({ kind, min, max });
  });

  it('fits checks type and bounds', () => {
    const int32 = scalarSpecOf({ type: 'integer', format: 'int32' });
    expect(fits(5, int32)).toBe(true);
    expect(fits(5.5, int32)).toBe(false);
    expect(fits(2 ** 31, int32)).toBe(false);
    expect(fits('5', int32)).toBe(false);
    expect(fits('x', scalarSpecOf({ type: 'string' }))).toBe(true);
    expect(fits(undefined, scalarSpecOf({}))).toBe(false);
  });

  it('intWithin stays inside the schema bounds even when the wanted range is outside them', () => {
    const spec = scalarSpecOf({ type: 'integer', minimum: 2000, maximum: 2005 });
    for (let i = 0; i < 50; i++) {
      const n = intWithin(f, spec, 1, 10);
      expect(n).toBeGreaterThanOrEqual(2000);
      expect(n).toBeLessThanOrEqual(2005);
    }
  });

  it('writes durations as ISO 8601 (PT1H30M)', () => {
    for (let i = 0; i < 100; i++) expect(duration(f)).toMatch(/^PT(?=\d)(\d+H)?(\d+M)?$/);
  });

  it('formats dates as date-time or date', () => {
    const d = new Date('2024-01-15T10:30:00Z');
    expect(formatDate(d, 'date-time')).toBe('2024-01-15T10:30:00.000Z');
    expect(formatDate(d, 'date')).toBe('2024-01-15');
  });

  it.each<[JsonSchema, RegExp]>([
    [{ type: 'string' }, /^[a-z]+$/],
    [{ type: 'string', format: 'date-time' }, /^2025-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/],
    [{ type: 'string', format: 'time' }, /^\d{2}:\d{2}:00Z$/],
    [{ type: 'string', format: 'uuid' }, /^[0-9a-f-]{36}$/],
    [{ type: 'string', format: 'email' }, /@example\.(com|net|org)$/],
    [{ type: 'string', contentEncoding: 'base64' } as JsonSchema, /^[A-Za-z0-9+/]+=*$/],
    [{ 'x-dotnet-type': 'object' }, /^[a-z]+$/],
  ])('the default for %j looks like %s', (schema, pattern) => {
    const spec = scalarSpecOf(schema);
    for (let i = 0; i < 20; i++) expect(defaultValue(f, spec, NOW, undefined)).toMatch(pattern);
  });

  it('keeps json-schema-faker’s value for formats it has no generator for', () => {
    expect(defaultValue(f, scalarSpecOf({ type: 'string', format: 'regex' }), NOW, '^a+$')).toBe('^a+$');
  });
});

describe('hot-path generators', () => {
  const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

  it('uuid gives RFC 4122 version-4 UUIDs, the same for the same seed', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        f.seed(seed);
        const value = uuid(f);
        expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        f.seed(seed);
        expect(uuid(f)).toBe(value);
      }),
    );
  });

  it('uuid does not repeat over many draws', () => {
    f.seed(7);
    const values = new Set(Array.from({ length: 5000 }, () => uuid(f)));
    expect(values.size).toBe(5000);
  });

  it('digits gives exactly n digits, leading zeros included; digitsNoLeadingZero never starts with 0', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 9 }), (seed, n) => {
        f.seed(seed);
        expect(digits(f, n)).toMatch(new RegExp(`^\\d{${n}}$`));
        expect(digitsNoLeadingZero(f, n)).toMatch(new RegExp(`^[1-9]\\d{${n - 1}}$`));
      }),
    );
    f.seed(3);
    const firsts = new Set(Array.from({ length: 500 }, () => digits(f, 3).charAt(0)));
    expect(firsts.has('0')).toBe(true);
  });

  it('exampleEmail is a valid example.* address built from the person', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        f.seed(seed);
        const email = exampleEmail(f, { firstName: 'Zoë', lastName: "O'Brien-Smith" });
        expect(email).toMatch(/^Zoe[._]?OBrien-Smith\d{0,2}@example\.(com|net|org)$/);
      }),
    );
    f.seed(11);
    expect(exampleEmail(f)).toMatch(/^[A-Za-z0-9._-]+@example\.(com|net|org)$/);
  });
});

describe('lastName', () => {
  it.each(['au', 'us'] as const)('picks %s last names as faker does, a few double-barrelled', (locale) => {
    const faker = flavourOf(locale).createFaker();
    faker.seed(5);
    const known = new Set((faker.definitions.person.last_name as { generic: string[] }).generic);
    const names = Array.from({ length: 2000 }, () => lastName(faker));
    for (const name of names) for (const part of name.split('-')) expect(known).toContain(part);
    const doubled = names.filter((n) => n.includes('-') && !known.has(n)).length;
    expect(doubled).toBeGreaterThan(0);
    expect(doubled).toBeLessThan(names.length * 0.15);
  });
});
