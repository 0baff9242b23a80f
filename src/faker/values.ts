/**
 * Scalars: what kind of value a schema wants (`ScalarSpec`), whether a value fits it, and the
 * fallback value for a field whose name means nothing to us.
 */
import type { Faker } from '@faker-js/faker';
import type { JsonSchema } from '../schema/json-schema.js';

export type ScalarKind =
  | 'text'
  | 'date-time'
  | 'date'
  | 'time'
  | 'duration'
  | 'uuid'
  | 'email'
  | 'uri'
  | 'ipv4'
  | 'ipv6'
  | 'hostname'
  /** `contentEncoding: base64` (a .NET byte[]). */
  | 'base64'
  /** A format we have no generator for: keep json-schema-faker's value. */
  | 'other-format'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'null'
  /** No `type` (a .NET `object`): anything validates; we give a word. */
  | 'any';

export interface ScalarSpec {
  kind: ScalarKind;
  /** Inclusive bounds for integer/number kinds, already narrowed by the .NET type. */
  min: number;
  max: number;
  /** A string's length bounds and pattern (declarative validators write them: README, "The schemas"). */
  text?: { minLength?: number; maxLength?: number; pattern?: RegExp };
}

const STRING_FORMATS: Readonly<Record<string, ScalarKind>> = {
  'date-time': 'date-time',
  date: 'date',
  time: 'time',
  duration: 'duration',
  uuid: 'uuid',
  email: 'email',
  uri: 'uri',
  url: 'uri',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  hostname: 'hostname',
};

// .NET integer widths: ajv-formats checks int32/int64, and a C# client would overflow on more.
const INT32: [number, number] = [-2147483648, 2147483647];
const INTEGER_RANGES: Readonly<Record<string, [number, number]>> = {
  int32: INT32,
  int: INT32,
  short: [-32768, 32767],
  ushort: [0, 65535],
  byte: [0, 255],
  sbyte: [-128, 127],
  uint: [0, 4294967295],
};

export function scalarSpecOf(schema: JsonSchema): ScalarSpec {
  const kind = kindOf(schema);
  let [min, max] = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  if (kind === 'integer') {
    // derive writes format int32 for every narrower .NET type too (byte, short, uint…): honour both.
    for (const range of [INTEGER_RANGES[schema.format ?? ''], INTEGER_RANGES[schema['x-dotnet-type'] ?? '']]) {
      if (range) [min, max] = [Math.max(min, range[0]), Math.min(max, range[1])];
    }
  }
  if (schema.minimum !== undefined) min = Math.max(min, schema.minimum);
  if (schema.maximum !== undefined) max = Math.min(max, schema.maximum);
  // Exclusive bounds as the nearest value inside: the next integer, or a cent (fakes are rounded to 2 decimals).
  const step = kind === 'integer' ? 1 : 0.01;
  const { exclusiveMinimum: above, exclusiveMaximum: below } = schema as {
    exclusiveMinimum?: unknown;
    exclusiveMaximum?: unknown;
  };
  if (typeof above === 'number') min = Math.max(min, kind === 'integer' ? Math.floor(above) + 1 : above + step);
  if (typeof below === 'number') max = Math.min(max, kind === 'integer' ? Math.ceil(below) - 1 : below - step);
  const text = textBounds(schema);
  return text ? { kind, min, max, text } : { kind, min, max };
}

function textBounds(schema: JsonSchema): ScalarSpec['text'] {
  const { minLength, maxLength, pattern } = schema as { minLength?: unknown; maxLength?: unknown; pattern?: unknown };
  if (typeof minLength !== 'number' && typeof maxLength !== 'number' && typeof pattern !== 'string') return undefined;
  return {
    ...(typeof minLength === 'number' ? { minLength } : {}),
    ...(typeof maxLength === 'number' ? { maxLength } : {}),
    ...(typeof pattern === 'string' ? { pattern: new RegExp(pattern, 'u') } : {}),
  };
}

/** A word cut or repeated to the declared length bounds (a pattern is left to json-schema-faker: plan.ts). */
const withinLength = (word: string, text: ScalarSpec['text']): string => {
  let out = word || 'x';
  while (text?.minLength !== undefined && out.length < text.minLength) out += out;
  return text?.maxLength !== undefined ? out.slice(0, Math.max(text.maxLength, text.minLength ?? 0)) : out;
};

/** JSON Schema counts a string's length in code points. */
const fitsText = (value: string, text: ScalarSpec['text']): boolean => {
  if (!text) return true;
  const length = [...value].length;
  return (
    (text.minLength === undefined || length >= text.minLength) &&
    (text.maxLength === undefined || length <= text.maxLength) &&
    (text.pattern === undefined || text.pattern.test(value))
  );
};

function kindOf(schema: JsonSchema): ScalarKind {
  switch (schema.type) {
    case 'string':
      if ('contentEncoding' in schema && schema.contentEncoding === 'base64') return 'base64';
      return schema.format === undefined ? 'text' : (STRING_FORMATS[schema.format] ?? 'other-format');
    case 'integer':
    case 'number':
    case 'boolean':
    case 'null':
      return schema.type;
    default:
      return 'any';
  }
}

/** The guard that keeps every fake schema-valid whatever a field-meaning generator returned. */
export function fits(value: unknown, spec: ScalarSpec): boolean {
  switch (spec.kind) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max;
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'any':
      return value !== undefined;
    default:
      return typeof value === 'string' && fitsText(value, spec.text);
  }
}

/** Picks an integer in [lo, hi] intersected with the spec's bounds (or inside the bounds if disjoint). */
export function intWithin(f: Faker, spec: ScalarSpec, lo: number, hi: number): number {
  const min = Math.ceil(Math.max(spec.min, Math.min(lo, spec.max)));
  const max = Math.floor(Math.min(spec.max, Math.max(hi, min)));
  return max < min ? min : f.number.int({ min, max });
}

/** A 2-decimal number in [lo, hi] within the spec's bounds. */
export function decimalWithin(f: Faker, spec: ScalarSpec, lo: number, hi: number): number {
  const min = Math.max(spec.min, Math.min(lo, spec.max));
  const max = Math.min(spec.max, Math.max(hi, min));
  const value = round2(min + f.number.float({ min: 0, max: 1 }) * (max - min));
  return Math.min(max, Math.max(min, value));
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const DAY_MS = 86_400_000;

/** A whole-second instant between `daysFrom` and `daysTo` days after `now` (negative: the past). */
export function dateAround(f: Faker, now: Date, daysFrom: number, daysTo: number): Date {
  const ms = now.getTime() + f.number.int({ min: daysFrom * DAY_MS, max: daysTo * DAY_MS });
  return new Date(Math.floor(ms / 1000) * 1000);
}

/** Renders an instant as the schema wants it: ISO 8601 date-time (`2024-01-15T10:30:00.000Z`) or date. */
export function formatDate(date: Date, kind: ScalarKind): string {
  const iso = date.toISOString();
  return kind === 'date' ? iso.slice(0, 10) : iso;
}

/** An ISO 8601 duration such as `PT1H30M`, the way ServiceStack writes a TimeSpan. */
export function duration(f: Faker): string {
  const hours = f.number.int({ min: 0, max: 8 });
  const minutes = f.helpers.arrayElement([0, 15, 30, 45]);
  if (hours === 0) return `PT${minutes === 0 ? 30 : minutes}M`;
  return minutes === 0 ? `PT${hours}H` : `PT${hours}H${minutes}M`;
}

/** The value for a field whose name has no meaning in the table: plausible for its kind, never "String". */
export function defaultValue(f: Faker, spec: ScalarSpec, now: Date, jsfValue: unknown): unknown {
  switch (spec.kind) {
    case 'text':
      return withinLength(f.lorem.word(), spec.text);
    case 'date-time':
    case 'date':
      return formatDate(dateAround(f, now, -365, 0), spec.kind);
    case 'time':
      // RFC 3339 full-time: ajv-formats' `time` wants the offset.
      return `${pad2(f.number.int(23))}:${pad2(f.helpers.arrayElement([0, 15, 30, 45]))}:00Z`;
    case 'duration':
      return duration(f);
    case 'uuid':
      return uuid(f);
    case 'email':
      return exampleEmail(f);
    case 'uri':
      return f.internet.url();
    case 'ipv4':
      return f.internet.ipv4();
    case 'ipv6':
      return f.internet.ipv6();
    case 'hostname':
      return f.internet.domainName();
    case 'base64':
      return Buffer.from(f.string.alphanumeric(12)).toString('base64');
    case 'integer':
      return intWithin(f, spec, 0, 1000);
    case 'number':
      return decimalWithin(f, spec, 0, 1000);
    case 'boolean':
      return typeof jsfValue === 'boolean' ? jsfValue : f.datatype.boolean();
    case 'null':
      return null;
    case 'any':
      return f.lorem.word();
    case 'other-format':
      return jsfValue;
  }
}

/**
 * Cheap stand-ins for @faker-js/faker helpers on the hot path (every create fakes an entity), drawing
 * from the same seeded faker so a seed still gives byte-identical values.
 */

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A v4 UUID from eight 16-bit draws (faker's string.uuid draws 32 hex digits one by one, ~10x slower). */
export function uuid(f: Faker): string {
  // 16-bit words stay small integers: toString(16) of a full 32-bit number takes V8's slow double path.
  const hex = (word: number): string => HEX_BYTES[word >>> 8]! + HEX_BYTES[word & 0xff]!;
  const w = (): number => f.number.int(0xffff);
  const head = hex(w()) + hex(w());
  const mid = hex(w());
  const version = hex((w() & 0x0fff) | 0x4000);
  const variant = hex((w() & 0x3fff) | 0x8000);
  return `${head}-${mid}-${version}-${variant}-${hex(w())}${hex(w())}${hex(w())}`;
}

/**
 * A last name as faker's person.lastName() picks it (the locale's weighted patterns, e.g. 5 %
 * double-barrelled in en_AU), without its template engine for the common single-name pattern.
 */
export function lastName(f: Faker): string {
  const patterns = f.definitions.person.last_name_pattern as { generic?: Array<{ value: string; weight: number }> };
  const names = f.definitions.person.last_name as { generic?: string[] };
  if (!patterns.generic || !names.generic) return f.person.lastName();
  const pattern = f.helpers.weightedArrayElement(patterns.generic);
  return pattern === SINGLE_LAST_NAME ? f.helpers.arrayElement(names.generic) : f.helpers.fake(pattern);
}
const SINGLE_LAST_NAME = '{{person.last_name.generic}}';

/** `n` decimal digits, leading zeros allowed (faker's string.numeric draws them one by one). */
export function digits(f: Faker, n: number): string {
  return String(f.number.int(10 ** n - 1)).padStart(n, '0');
}

/** `n` decimal digits, the first not zero. */
export function digitsNoLeadingZero(f: Faker, n: number): string {
  return String(f.number.int({ min: 10 ** (n - 1), max: 10 ** n - 1 }));
}

const PLAIN_LOCAL_PART = /^[A-Za-z0-9._-]*$/;

/** An example.com/net/org address (never a real inbox) from the person's name: ann.lee, ann_lee42, annlee7. */
export function exampleEmail(f: Faker, person?: { firstName: string; lastName: string }): string {
  const first = person?.firstName ?? f.person.firstName();
  const last = person?.lastName ?? lastName(f);
  const separator = f.helpers.arrayElement(['.', '_', '']);
  const number = f.datatype.boolean() ? String(f.number.int(99)) : '';
  const name = `${first}${separator}${last}${number}`;
  const local = PLAIN_LOCAL_PART.test(name) ? name : name.normalize('NFKD').replace(/[^A-Za-z0-9._-]/g, '');
  return `${local}@example.${f.helpers.arrayElement(['com', 'net', 'org'])}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
