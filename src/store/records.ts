/**
 * What every record goes through on its way in, whether it comes from a
 * request (`create`/`update`), the admin API (`replace`) or db.json: a JSON
 * object with an id, stored in the form JSON keeps and frozen, so what is in
 * memory is exactly what a restart will read back.
 */
import { messageOf } from './io-errors.js';
import type { Entity, IdSpec } from './model.js';
import type { CollectionPath, ResourceMeta, StoreState } from './state.js';

export const isRecord = (value: unknown): value is Entity =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a JSON round trip would give (drops `undefined`, turns `Date` into a string, copies), deep-frozen.
 * Plain JSON data (what requests and the faker produce) is copied by a direct walk, several times
 * cheaper than stringify + parse; anything else takes the round trip itself.
 */
export function normalise(entity: Entity, what: string): Entity {
  const copied = isRecord(entity) ? copyPlainJson(entity, 0) : NOT_PLAIN;
  if (copied !== NOT_PLAIN) return copied as Entity; // frozen as it was built
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

const NOT_PLAIN = Symbol('not plain JSON');
const MAX_PLAIN_DEPTH = 200;

/** A frozen deep copy of strings, finite numbers, booleans, null, arrays and plain objects; NOT_PLAIN for anything else. */
function copyPlainJson(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (value === 0) return 0; // JSON writes -0 as 0
      return Number.isFinite(value) ? value : NOT_PLAIN;
    case 'object': {
      if (value === null) return null;
      if (depth > MAX_PLAIN_DEPTH) return NOT_PLAIN; // maybe a cycle: let JSON.stringify say so
      if (Array.isArray(value)) {
        const out: unknown[] = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = copyPlainJson(value[i], depth + 1);
          if (item === NOT_PLAIN || item === undefined) return NOT_PLAIN; // JSON turns holes and undefined into null
          out[i] = item;
        }
        return Object.freeze(out);
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        if (key === '__proto__') return NOT_PLAIN; // an own "__proto__" member needs JSON.parse's define semantics
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined) continue;
        const copied = copyPlainJson(field, depth + 1);
        if (copied === NOT_PLAIN) return NOT_PLAIN;
        out[key] = copied;
      }
      return Object.freeze(out);
    }
    default:
      return NOT_PLAIN; // undefined at the top, functions, symbols, bigint
  }
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

/** The id a new record of the collection at `path` gets (model.ts `nextId`); `seed` picks the string id stream. */
export const drawId = (state: StoreState, meta: ResourceMeta, path: CollectionPath, seed: number): string | number =>
  meta.idType === 'integer' ? state.nextId(meta) : state.drawStringId(path, seed);

/** Gives `entity` an id when it has none (the id first, for readable files); otherwise returns it as is. */
export function withId(state: StoreState, meta: ResourceMeta, entity: Entity, path: CollectionPath, seed = 0): Entity {
  const property = meta.idProperty;
  if (hasId(entity, property)) return entity;
  const copy: Entity = { [property]: drawId(state, meta, path, seed) };
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
