/**
 * One property described by several pages or files (a TypeScript DTO file and a C# metadata page, a
 * parameter table and a Python page): the more specific type wins silently — `int` over `number`'s
 * `double`, `DateTime` over `string`, anything over `object` — and only types that cannot describe
 * the same wire value (`string` against `int`) are a contradiction, reported by the caller.
 */
import type { Primitive, TypeRef } from './model.js';

const NUMBERS = new Set<Primitive>([
  'byte',
  'sbyte',
  'short',
  'ushort',
  'int',
  'uint',
  'long',
  'ulong',
  'float',
  'double',
  'decimal',
]);
/** Types a JSON string carries, more specific than `string` itself. */
const STRING_FORMS = new Set<Primitive>([
  'char',
  'datetime',
  'datetimeoffset',
  'dateonly',
  'timeonly',
  'timespan',
  'guid',
  'bytes',
]);
const DATES = new Set<Primitive>(['datetime', 'datetimeoffset', 'dateonly']);

export interface MergedType {
  type: TypeRef;
  /** The two cannot be the same wire type; `type` is then the first, unchanged. */
  conflict: boolean;
}

/** Which primitive of two describes the value more precisely; undefined when they contradict each other. */
const preferPrimitive = (a: Primitive, b: Primitive): 'a' | 'b' | undefined => {
  if (a === b || b === 'object') return 'a';
  if (a === 'object') return 'b';
  if (NUMBERS.has(a) && NUMBERS.has(b)) return a === 'double' ? 'b' : 'a';
  if (a === 'string' && STRING_FORMS.has(b)) return 'b';
  if (b === 'string' && STRING_FORMS.has(a)) return 'a';
  if (DATES.has(a) && DATES.has(b)) return 'a';
  return undefined;
};

/** The more specific of `a` (kept on a tie) and `b`, merged through lists, maps and generic arguments. */
export const mergeTypeRefs = (a: TypeRef, b: TypeRef): MergedType => {
  const merged = merge(a, b);
  return merged ? { type: merged, conflict: false } : { type: a, conflict: true };
};

const merge = (a: TypeRef, b: TypeRef): TypeRef | undefined => {
  if (a.kind === 'primitive' && a.name === 'object') return b;
  if (b.kind === 'primitive' && b.name === 'object') return a;
  if (a.kind === 'primitive' && b.kind === 'primitive') {
    const pick = preferPrimitive(a.name, b.name);
    const winner = pick && (pick === 'a' ? a : b);
    // `List<int?>` on one page and `number[]` on another: the items may still be null.
    return winner && (a.nullable || b.nullable) ? { ...winner, nullable: true } : winner;
  }
  return mergeStructures(a, b);
};

/** Lists, maps and generic instances merge member by member. */
const mergeStructures = (a: TypeRef, b: TypeRef): TypeRef | undefined => {
  if (a.kind === 'list' && b.kind === 'list') {
    const of = merge(a.of, b.of);
    return of && { kind: 'list', of };
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const key = merge(a.key, b.key);
    const value = merge(a.value, b.value);
    return key && value && { kind: 'map', key, value };
  }
  if (a.kind !== 'named' || b.kind !== 'named' || a.name !== b.name) return undefined;
  const [aArgs, bArgs] = [a.args ?? [], b.args ?? []];
  if (aArgs.length !== bArgs.length) return aArgs.length ? a : b;
  const args = aArgs.map((arg, i) => merge(arg, bArgs[i]!));
  if (args.some((arg) => !arg)) return undefined;
  return args.length ? { kind: 'named', name: a.name, args: args as TypeRef[] } : a;
};

/** A TypeRef as C# would write it, for diagnostics: `List<int?>`, `Dictionary<string, Order>`. */
export const typeText = (t: TypeRef): string => {
  switch (t.kind) {
    case 'primitive':
      return t.name + (t.nullable ? '?' : '');
    case 'list':
      return `List<${typeText(t.of)}>`;
    case 'map':
      return `Dictionary<${typeText(t.key)}, ${typeText(t.value)}>`;
    case 'named':
      return t.args?.length ? `${t.name}<${t.args.map(typeText).join(', ')}>` : t.name;
  }
};
