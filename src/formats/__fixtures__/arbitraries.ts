/**
 * fast-check arbitraries for plain DTO values generated from a schema: the
 * values the program holds (camelCase keys, ISO dates, no nulls).
 */
import fc from 'fast-check';
import type { JsonSchema } from '../../schema/json-schema.js';
import { kindOf, mapValueSchema, resolveSchema, type Resolver } from '../schema-walk.js';

/** Characters that stress quoting and escaping in JSV and XML. */
const SPECIAL = [
  '"',
  ':',
  ',',
  '{',
  '}',
  '[',
  ']',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '&',
  '<',
  '>',
  "'",
  ';',
  '\\',
  'é',
  '😀',
  '\u2028',
];
const PLAIN = ['a', 'B', 'z', '0', '9', '-', '.', '_'];
const TRICKY = [
  '',
  ' ',
  '  x  ',
  'True',
  'false',
  '0',
  '-1.5',
  '0001-01-01',
  'null',
  '""',
  '"',
  '{a:1}',
  '[x,y]',
  'a b',
  'urn:a:b',
];

/** Strings for JSV: anything at all, including control characters and lone surrogates. */
export const jsvText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIAL, ...PLAIN), maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(...TRICKY),
);

// XML 1.0 cannot carry these at all; the writer refuses them (tested separately).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Strings XML can carry. */
export const xmlText: fc.Arbitrary<string> = jsvText.filter((text) => !NOT_XML.test(text));

const MIN_DATE = new Date('0001-01-01T00:00:00.000Z');
const MAX_DATE = new Date('9999-12-31T23:59:59.999Z');

/** ISO dates as the program holds them, with plenty of midnights (JSV's short form). */
const isoDate: fc.Arbitrary<string> = fc
  .tuple(fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }), fc.boolean())
  .map(([date, midnight]) => (midnight ? `${date.toISOString().slice(0, 10)}T00:00:00.000Z` : date.toISOString()));

const noNegativeZero = (n: number): number => (Object.is(n, -0) ? 0 : n);

function numberArb(schema: JsonSchema): fc.Arbitrary<number> {
  if (schema['x-dotnet-type'] === 'double') {
    return fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero);
  }
  // decimals as money: cents
  return fc.integer({ min: -1e9, max: 1e9 }).map((cents) => noNegativeZero(cents / 100));
}

/** A value fitting `schema` (after `$ref`s), with optional members sometimes absent. */
export function valueFor(
  schema: JsonSchema | undefined,
  resolve: Resolver,
  text: fc.Arbitrary<string>,
): fc.Arbitrary<unknown> {
  const resolved = resolveSchema(schema, resolve);
  if (!resolved) return text;
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  switch (kindOf(resolved)) {
    case 'object': {
      const members = Object.entries(resolved.properties ?? {}).map(
        ([name, member]) => [name, valueFor(member, resolve, text)] as const,
      );
      return fc.record(Object.fromEntries(members), { requiredKeys: [], noNullPrototype: true });
    }
    case 'map':
      return fc.dictionary(text, valueFor(mapValueSchema(resolved), resolve, text), {
        maxKeys: 3,
        noNullPrototype: true,
      });
    case 'list':
      return fc.array(valueFor(resolved.items, resolve, text), { maxLength: 3 });
    case 'integer':
      return resolved['x-dotnet-type'] === 'long' ? fc.maxSafeInteger() : fc.integer();
    case 'number':
      return numberArb(resolved);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return isoDate;
    default:
      return text;
  }
}
