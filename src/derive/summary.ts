/**
 * The one line `ssmock derive` prints per API, so a user sees at a glance what was read:
 * `acme: 2 operations (CreateBooking, GetBooking), 5 types, validators on 3 properties, precision inferred for 2 properties`.
 */
import type { TypeDef } from './model.js';

export interface ApiSummary {
  id: string;
  operations: string[];
  types: number;
  /** Properties carrying declarative validators; absent when the IR has no validators to count. */
  validators?: number;
  /** Properties whose type was inferred where the file's language hid it (TypeScript `number` → `int`). */
  inferred?: readonly unknown[];
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Names shown before "… and N more": the line stays one line for a 400-operation API. */
const NAMES_SHOWN = 10;

const names = (list: readonly string[]): string =>
  list.length <= NAMES_SHOWN
    ? list.join(', ')
    : `${list.slice(0, NAMES_SHOWN).join(', ')}, … and ${list.length - NAMES_SHOWN} more`;

/** Properties with at least one declarative validator (`[ValidateNotEmpty]`, `[Validate("…")]`, …). */
export const countValidatedProperties = (types: Iterable<TypeDef>): number => {
  let n = 0;
  for (const t of types) for (const p of t.properties) if ((p.validators?.length ?? 0) > 0) n++;
  return n;
};

export const summaryLine = (api: ApiSummary): string => {
  const parts = [
    count(api.operations.length, 'operation') + (api.operations.length ? ` (${names(api.operations)})` : ''),
    count(api.types, 'type'),
  ];
  if (api.validators !== undefined) parts.push(`validators on ${count(api.validators, 'property', 'properties')}`);
  if (api.inferred !== undefined)
    parts.push(`precision inferred for ${count(api.inferred.length, 'property', 'properties')}`);
  return `${api.id}: ${parts.join(', ')}`;
};
