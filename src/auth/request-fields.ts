/**
 * Reads the few DTO properties the auth routes need (Authenticate,
 * GetAccessToken) the way ServiceStack binds a predefined route (protocol
 * §3.1, §3.3): names case-insensitive, body over query string, empty values skipped.
 */

export type Fields = ReadonlyMap<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Lower-cased name → value; `body` is whatever upstream parsed (or undefined). */
export function readFields(body: unknown, query: Record<string, unknown>): Fields {
  const fields = new Map<string, unknown>();
  for (const [name, value] of Object.entries(query)) {
    // A repeated query parameter arrives as an array; ServiceStack binds the first for scalars.
    const one: unknown = Array.isArray(value) ? value[0] : value;
    if (!isEmpty(one)) fields.set(name.toLowerCase(), one);
  }
  if (isRecord(body)) {
    for (const [name, value] of Object.entries(body)) if (!isEmpty(value)) fields.set(name.toLowerCase(), value);
  }
  return fields;
}

/** A scalar as text; objects and arrays do not bind to a string property. */
export function stringField(fields: Fields, name: string): string | undefined {
  const value = fields.get(name.toLowerCase());
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** .NET bool parsing as ServiceStack applies it to query values: true, 1, t, y, on (any case). */
export function booleanField(fields: Fields, name: string): boolean {
  const value = fields.get(name.toLowerCase());
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return typeof value === 'string' && ['true', '1', 't', 'y', 'on'].includes(value.trim().toLowerCase());
}
