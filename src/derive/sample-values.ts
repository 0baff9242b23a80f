/**
 * What a metadata page's sample bodies say about types a DTO language hides. ServiceStack fills its samples
 * with each property's default value, so numbers all print `0`, but a DateTime prints as a date (JSON
 * `"\/Date(-62135596800000-0000)\/"`, XML and JSV `0001-01-01T00:00:00`), a TimeSpan as `PT0S` and a Guid
 * as `00000000000000000000000000000000`: a `string` in the TypeScript source shown beside such a sample is
 * that type.
 */
import { parseJsv } from '../formats/jsv.js';
import type { Primitive } from './model.js';

export interface SampleValueType {
  /** Property names from the body's root, as the sample spells them (`booking`, `bookingStartDate`). */
  path: string[];
  type: Primitive;
}

const WCF_DATE = /^\/Date\(-?\d+([+-]\d{4})?\)\/$/;
const ISO_DATE = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;
const DURATION = /^-?P(?=.)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const GUID = /^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The type a sample's string value shows, when it shows more than a string. */
export const typeOfSampleText = (text: string): Primitive | undefined => {
  if (WCF_DATE.test(text) || ISO_DATE.test(text)) return 'datetime';
  if (DURATION.test(text)) return 'timespan';
  if (GUID.test(text)) return 'guid';
  return undefined;
};

const MAX_DEPTH = 6;

/** Walks a parsed JSON or JSV body: objects by key, lists through their first item. */
const walk = (value: unknown, path: string[], out: SampleValueType[]): void => {
  if (path.length > MAX_DEPTH) return;
  if (typeof value === 'string') {
    const type = typeOfSampleText(value);
    if (type && path.length) out.push({ path, type });
  } else if (Array.isArray(value)) {
    walk(value[0], path, out);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) walk(v, [...path, key], out);
  }
};

/** Leaf elements of an XML body (`<Booking><BookingStartDate>0001-…</BookingStartDate>`), paths below the root. */
const xmlValues = (body: string, out: SampleValueType[]): void => {
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)(?:[\w.-]+:)?([\w.-]+)[^>]*?(\/?)>([^<]*)/g)) {
    const [, closing, name = '', selfClosing, text = ''] = m;
    if (closing) {
      stack.pop();
      continue;
    }
    if (selfClosing) continue;
    stack.push(name);
    const type = typeOfSampleText(text.trim());
    if (type && stack.length > 1) out.push({ path: stack.slice(1), type });
  }
};

/** Each value in a sample body that shows a type more precise than a string, with where it is. */
export const sampleValueTypes = (body: string, format: string): SampleValueType[] => {
  const out: SampleValueType[] = [];
  try {
    if (format === 'json') walk(JSON.parse(body), [], out);
    else if (format === 'jsv') walk(parseJsv(body), [], out);
    else if (format === 'xml') xmlValues(body, out);
  } catch {
    // A sample that does not parse says nothing; the page reader reports what it needs from it.
  }
  return out;
};
