/**
 * `--dates wcf`: JSON answers carry dates as classic ServiceStack.Text writes
 * them, `/Date(1705314600000)/`, instead of ISO-8601 (System.Text.Json hosts).
 */
import type { Resolver } from '../formats/schema-walk.js';
import { isPlainObject, kindOf, mapValueSchema, resolveSchema } from '../formats/schema-walk.js';
import type { JsonSchema } from '../schema/json-schema.js';

const toWcf = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `/Date(${ms})/`;
};

export const wcfDates = (value: unknown, schema: JsonSchema | undefined, resolve: Resolver): unknown => {
  const s = resolveSchema(schema, resolve);
  if (!s || value === undefined || value === null) return value;
  const kind = kindOf(s);
  if (kind === 'date' && typeof value === 'string') return toWcf(value);
  if (kind === 'list' && Array.isArray(value)) return value.map((v) => wcfDates(v, s.items, resolve));
  if (kind === 'map' && isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wcfDates(v, mapValueSchema(s), resolve)]));
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wcfDates(v, s.properties?.[k], resolve)]));
  return value;
};
