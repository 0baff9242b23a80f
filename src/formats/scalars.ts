/**
 * Scalar text ⇄ value rules shared by the JSV and XML codecs. Both formats are
 * untyped text on the wire, so the schema decides what a scalar becomes.
 */
import type { ValueKind } from './schema-walk.js';

const TRUE_WORDS = new Set(['true', 't', '1', 'y', 'on']);
// ServiceStack means `off` to be false too (its parser looks buggy there); accepting it is harmless.
const FALSE_WORDS = new Set(['false', 'f', '0', 'n', 'off']);

/** .NET-style lenient boolean (ServiceStack.Text's `ParseBoolean`; README, Errors); undefined when not a boolean. */
export function parseBoolean(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Invariant-culture number; undefined when the text is not one (the caller keeps the text). */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return NUMBER_TEXT.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * A number without exponent notation: xsd:decimal and .NET's decimal parser
 * reject `1e-7`, which `String(n)` produces for small and large magnitudes.
 */
export function toPlainNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'INF' : '-INF';
  const text = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A DateTime as UTC components plus the fraction digits kept as text (.NET has 100 ns ticks). */
interface UtcDateTime {
  date: Date;
  /** Fraction-of-second digits without trailing zeros ('' when whole seconds). */
  fraction: string;
}

const XSD_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const WCF_DATE = /^\\?\/Date\((-?\d+)([+-]\d{4})?\)\\?\/$/;

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function parseDateTime(text: string): UtcDateTime | undefined {
  const trimmed = text.trim();
  const wcf = WCF_DATE.exec(trimmed);
  if (wcf) {
    // WCF dates carry UTC milliseconds; the offset suffix is only the writer's zone.
    const date = new Date(Number(wcf[1]));
    return Number.isNaN(date.getTime()) ? undefined : { date, fraction: '' };
  }
  const m = XSD_DATE_TIME.exec(trimmed);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', offset] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999, and `0001-01-01` is common.
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  // Date rolls 2024-02-30 over to March; .NET rejects it, so do we.
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  date.setUTCHours(Number(h), Number(mi) - offsetMinutes(offset), Number(s), 0);
  return { date, fraction: frac.slice(0, 7).replace(/0+$/, '') };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function datePart(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function timePart(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/**
 * JSV/XML date text → the program's ISO form: UTC, `Z`, at least millisecond
 * precision — exactly `Date#toISOString()` unless the wire had sub-millisecond
 * digits. Text without an offset is taken as UTC (ServiceStack writes UTC `…Z`
 * or bare midnight dates). Undefined when the text is not a date.
 */
export function toIsoDateTime(text: string): string | undefined {
  const parsed = parseDateTime(text);
  if (!parsed) return undefined;
  const fraction = parsed.fraction.padEnd(3, '0');
  return `${datePart(parsed.date)}T${timePart(parsed.date)}.${fraction}Z`;
}

function fractionSuffix(fraction: string): string {
  return fraction ? `.${fraction}` : '';
}

/**
 * ServiceStack.Text's `ToShortestXsdDateTimeString` for a UTC value: a midnight
 * value is `yyyy-MM-dd`, anything else `yyyy-MM-ddTHH:mm:ss[.fffffff]Z`.
 * Text that is not a date is returned unchanged.
 */
export function toShortestXsdDateTime(value: string): string {
  const parsed = parseDateTime(value);
  if (!parsed) return value;
  const { date, fraction } = parsed;
  const midnight = date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() === 0 && !fraction;
  return midnight ? datePart(date) : `${datePart(date)}T${timePart(date)}${fractionSuffix(fraction)}Z`;
}

/** DataContractSerializer's UTC DateTime: `yyyy-MM-ddTHH:mm:ss[.fffffff]Z`. */
export function toXsdDateTime(value: string): string {
  const parsed = parseDateTime(value);
  if (!parsed) return value;
  return `${datePart(parsed.date)}T${timePart(parsed.date)}${fractionSuffix(parsed.fraction)}Z`;
}

/** Scalar text typed by the schema's kind; text that does not fit stays text. */
export function typeScalar(text: string, kind: ValueKind): unknown {
  switch (kind) {
    case 'integer':
    case 'number':
      return parseNumber(text) ?? text;
    case 'boolean':
      return parseBoolean(text) ?? text;
    case 'date':
      return toIsoDateTime(text) ?? text;
    default:
      return text;
  }
}
