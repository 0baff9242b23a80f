/**
 * What every record goes through on its way in, whether it comes from a
 * request (`create`/`update`), the admin API (`replace`) or db.json: a JSON
 * object with an id, stored in the form JSON keeps and frozen, so what is in
 * memory is exactly what a restart will read back.
 */
import { randomUUID } from 'node:crypto';
import { messageOf } from './io-errors.js';
import type { Entity, IdSpec } from './model.js';
import type { ResourceMeta, StoreState } from './state.js';

export const isRecord = (value: unknown): value is Entity =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON round trip (drops `undefined`, turns `Date` into a string, copies) and a deep freeze. */
export function normalise(entity: Entity, what: string): Entity {
  let parsed: unknown;
  try {
    parsed = JSON.parse(JSON.stringify(entity));
  } catch (error) {
    // BigInt and cycles: a programming error in the caller, reported with the record it concerns.
    throw new TypeError(`[ssmock] ${what} is not JSON: ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (!isRecord(parsed)) throw new TypeError(`[ssmock] ${what} must be a JSON object`);
  return deepFreeze(parsed);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Freezes a record parsed from db.json or the journal (already plain JSON). */
export const freeze = (entity: Entity): Entity => deepFreeze(entity);

/** Ids compare as strings, so `'7'` and `7` name the same record. */
export function idKey(id: unknown, what: string): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  throw new TypeError(`[ssmock] ${what} must be a string or a number, not ${JSON.stringify(id) ?? typeof id}`);
}

export const hasId = (entity: Entity, property: string): boolean =>
  entity[property] !== undefined && entity[property] !== null;

/** Gives `entity` an id when it has none (the id first, for readable files); otherwise returns it as is. */
export function withId(state: StoreState, meta: ResourceMeta, entity: Entity): Entity {
  const property = meta.idProperty;
  if (hasId(entity, property)) return entity;
  const copy: Entity = { [property]: meta.idType === 'integer' ? state.nextId(meta) : randomUUID() };
  for (const [key, value] of Object.entries(entity)) if (key !== property) copy[key] = value;
  return copy;
}

/**
 * The id spec of a resource nobody described (a hand-written db.json, an
 * admin PUT without a manifest): the property named `id` in any casing, an
 * integer when its values are numbers.
 */
export function inferIdSpec(records: readonly unknown[]): IdSpec {
  for (const record of records) {
    if (!isRecord(record)) continue;
    const property = Object.keys(record).find((key) => key.toLowerCase() === 'id');
    if (property !== undefined) {
      return { property, type: typeof record[property] === 'number' ? 'integer' : 'string' };
    }
  }
  return { property: 'id', type: 'string' };
}

/** A malformed record or file part, named by its path (`state.billiecart.Customer[3]`). */
export class ShapeError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where} ${problem}`);
    this.name = 'ShapeError';
  }
}
