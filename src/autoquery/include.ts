/**
 * `Include` = a comma list of commands (ServiceStack.Common `StringUtils.ParseCommands`): `Total`, or SQL
 * aggregates `COUNT(*)`, `COUNT(DISTINCT Field)`, `MIN(Field)`, `MAX`, `SUM`, `AVG`, `FIRST`, `LAST`, each
 * optionally aliased (`MIN(Age) minAge`, `MIN(Age) as minAge`). `AutoQueryFeature.IncludeAggregates` answers
 * them in `meta`, keyed by the alias or by `Name(arg,…)` as written; other commands are ignored. The values
 * are the .NET `ToString()` of what the database returns: a number's digits, text as is, `""` for NULL.
 */
import type { Row } from './conditions.js';
import type { Field, Table } from './fields.js';
import { compareKeys, keyOf } from './fields.js';

export interface Command {
  readonly name: string;
  readonly args: readonly string[];
  readonly alias?: string;
}

const AGGREGATES = new Set(['AVG', 'COUNT', 'FIRST', 'LAST', 'MAX', 'MIN', 'SUM']);

/** Splits on top-level commas (not inside parentheses or quotes). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const COMMAND = /^([^(]*?)\s*(?:\(([\s\S]*)\)\s*(?:as\s+)?([A-Za-z0-9]*)[\s\S]*)?$/;

export function parseCommands(include: string | undefined): Command[] {
  if (!include) return [];
  return splitTopLevel(include).map((part) => {
    const m = COMMAND.exec(part);
    const name = (m?.[1] ?? part).trim();
    const args = m?.[2] === undefined ? [] : splitTopLevel(m[2]);
    const alias = m?.[3];
    return alias ? { name, args, alias } : { name, args };
  });
}

/** `COUNT`, `COUNT(*)` (and `Total`, renamed to it): the row count, which `total` reports. */
export const isCountAll = (c: Command): boolean =>
  c.name.toUpperCase() === 'COUNT' && (c.args.length === 0 || (c.args.length === 1 && c.args[0] === '*'));

export interface IncludePlan {
  /** `Total` or `COUNT`/`COUNT(*)` asked for: fill `total`. */
  readonly totalRequested: boolean;
  /** `Total` itself was written (its `COUNT(*)` is not left in meta). */
  readonly totalCommand: boolean;
  readonly aggregates: readonly Command[];
}

/** `AutoQuery.ResponseFilter`'s reading of the commands. */
export function planInclude(include: string | undefined): IncludePlan {
  const commands = parseCommands(include).map((c) =>
    c.name.toLowerCase() === 'total' ? { ...c, name: 'COUNT', isTotal: true } : { ...c, isTotal: false },
  );
  return {
    totalRequested: commands.some(isCountAll),
    // ServiceStack renames only the first `Total`.
    totalCommand: commands.some((c) => c.isTotal),
    aggregates: commands
      .filter((c) => AGGREGATES.has(c.name.toUpperCase()))
      .map(({ name, args, alias }) => {
        const all = args.length === 0 ? ['*'] : args;
        return alias ? { name, args: all, alias } : { name, args: all };
      }),
  };
}

/** The meta key ServiceStack writes: the alias, else `Command.ToString()` (`Name(args)`). */
export const metaKey = (c: Command): string => c.alias ?? `${c.name}(${c.args.join(',')})`;

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'string' ? v : String(v);

/** One aggregate over the filtered rows (before paging), as SQL computes it. */
export function aggregate(command: Command, rows: readonly Row[], table: Table): string {
  const fn = command.name.toUpperCase();
  let arg = command.args[0] ?? '*';
  const distinct = /^DISTINCT\s+/i.test(arg);
  if (distinct) arg = arg.replace(/^DISTINCT\s+/i, '');
  if (fn === 'COUNT' && arg === '*') return String(rows.length);
  const field = table.byName.get(arg.toLowerCase());
  // Anything else is a literal to SQL (OrmLite quotes unknown names as strings): the same value on every row.
  const valueOf: (row: Row) => unknown = field ? (row) => row[field.wire] : literalOf(arg);
  let values: unknown[] = rows.map(valueOf).filter((v) => v !== null && v !== undefined);
  if (distinct) values = distinctValues(values, field);
  switch (fn) {
    case 'COUNT':
      return String(values.length);
    case 'FIRST':
      return text(values[0]);
    case 'LAST':
      return text(values[values.length - 1]);
    case 'MIN':
    case 'MAX':
      return text(extreme(values, field, fn === 'MIN' ? -1 : 1));
    case 'SUM':
    case 'AVG': {
      if (values.length === 0) return '';
      const sum = values.reduce<number>((s, v) => s + (typeof v === 'number' ? v : Number(v) || 0), 0);
      return String(fn === 'SUM' ? sum : sum / values.length);
    }
    default:
      return '';
  }
}

function literalOf(arg: string): () => unknown {
  const n = Number(arg);
  const value = arg.trim() !== '' && !Number.isNaN(n) ? n : arg.replace(/^'(.*)'$/, '$1');
  return () => value;
}

function distinctValues(values: unknown[], field: Field | undefined): unknown[] {
  const seen = new Set<unknown>();
  return values.filter((v) => {
    const k = field ? keyOf(field, v) : v;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function extreme(values: readonly unknown[], field: Field | undefined, sign: 1 | -1): unknown {
  let best: unknown = undefined;
  let bestKey: ReturnType<typeof keyOf> = null;
  for (const v of values) {
    const k = field ? keyOf(field, v) : typeof v === 'number' ? v : String(v);
    if (k === null) continue;
    if (bestKey === null || compareKeys(k, bestKey) * sign > 0) {
      best = v;
      bestKey = k;
    }
  }
  return best;
}
