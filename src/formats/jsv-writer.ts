/**
 * Plain value → compact JSV, as ServiceStack.Text's TypeSerializer writes it
 * (ServiceStack.Text's TypeSerializer): nulls omitted, `True`/`False`, CSV-style quoting, dates in the
 * shortest XSD form when the schema says DateTime.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import { toPlainNumber, toShortestXsdDateTime } from './scalars.js';
import {
  isPlainObject,
  kindOf,
  mapValueSchema,
  propertySchema,
  resolveSchema,
  type Resolver,
  type TypingContext,
} from './schema-walk.js';

// SST quotes on these (JsWriter.EscapeChars). Leading/trailing layout whitespace is quoted
// too, unlike SST, because our reader (like the metadata pages' layout) treats it as layout.
const NEEDS_QUOTES = /[":,{}[\]\r\n]|^[ \t]|[ \t]$/;

/** A JSV string: bare unless it has a special character; `""` inside quotes (SST `EncodeJsv`). */
export function encodeJsvString(text: string): string {
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// Deeper values are cyclic or hostile; SST stops at a similar depth (JsConfig.MaxDepth).
const MAX_WRITE_DEPTH = 64;

class JsvWriter {
  readonly #resolve: Resolver | undefined;

  constructor(resolve: Resolver | undefined) {
    this.#resolve = resolve;
  }

  write(value: unknown, schema: JsonSchema | undefined, depth: number): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (depth > MAX_WRITE_DEPTH)
      throw new RangeError(`[ssmock] JSV: value nested deeper than ${MAX_WRITE_DEPTH} levels`);
    const resolved = resolveSchema(schema, this.#resolve);
    if (Array.isArray(value)) return this.#list(value, resolved, depth);
    if (isPlainObject(value)) return this.#map(value, resolved, depth);
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (typeof value === 'number') return toPlainNumber(value);
    const text = String(value);
    return kindOf(resolved) === 'date' ? writeDate(text) : encodeJsvString(text);
  }

  #list(items: unknown[], schema: JsonSchema | undefined, depth: number): string {
    // A null item is written empty (`[a,,b]`) so positions survive; the reader reads it back as null.
    const parts = items.map((item) => this.write(item, schema?.items, depth + 1) ?? '');
    return `[${parts.join(',')}]`;
  }

  #map(value: Record<string, unknown>, schema: JsonSchema | undefined, depth: number): string {
    const valueSchema = mapValueSchema(schema);
    const parts: string[] = [];
    for (const key of orderedKeys(value, schema)) {
      const text = this.write(value[key], propertySchema(schema, key) ?? valueSchema, depth + 1);
      if (text !== undefined) parts.push(`${encodeJsvString(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
}

/**
 * SST writes DateTimes bare (`createdAt:2024-01-15T10:30:00Z`): a value runs to the
 * next `,` or bracket, so its `:`s need no quotes. Text that is no date is encoded.
 */
function writeDate(text: string): string {
  const xsd = toShortestXsdDateTime(text);
  return /^[\d:.TZ+-]+$/.test(xsd) ? xsd : encodeJsvString(xsd);
}

/** The schema's declaration order first (how ServiceStack writes a DTO), then any other keys. */
function orderedKeys(value: Record<string, unknown>, schema: JsonSchema | undefined): string[] {
  const declared = Object.keys(schema?.properties ?? {}).filter((key) => Object.hasOwn(value, key));
  const seen = new Set(declared);
  return [...declared, ...Object.keys(value).filter((key) => !seen.has(key))];
}

/**
 * Writes a plain value as compact JSV. Without a schema, strings stay strings
 * (no date conversion) and keys keep the value's order.
 *
 * @example writeJsv({ id: 1, tags: ['a', 'b'], ok: true }) // '{id:1,tags:[a,b],ok:True}'
 */
export function writeJsv(value: unknown, ctx: TypingContext = {}): string {
  return new JsvWriter(ctx.resolve).write(value, ctx.schema, 0) ?? '';
}
