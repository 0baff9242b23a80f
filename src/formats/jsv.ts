/**
 * The JSV codec (ServiceStack.Text's TypeSerializer format).
 * Reading is lenient like ServiceStack's: keys case-insensitive, the metadata
 * pages' pretty layout accepted, scalars typed by the schema. A value that does
 * not fit its schema is returned as read, so request validation can name it.
 */
import type { Codec, CodecContext } from './codec.js';
import type { JsonSchema } from '../schema/json-schema.js';
import { readJsv, type JsvNode } from './jsv-reader.js';
import { writeJsv } from './jsv-writer.js';
import { typeScalar } from './scalars.js';
import {
  blankValue,
  kindOf,
  mapValueSchema,
  propertyLookup,
  propertySchema,
  resolveSchema,
  setOwn,
  type Resolver,
  type TypingContext,
  type ValueKind,
} from './schema-walk.js';

export { writeJsv } from './jsv-writer.js';

class JsvTyper {
  readonly #text: string;
  readonly #resolve: Resolver | undefined;

  constructor(text: string, resolve: Resolver | undefined) {
    this.#text = text;
    this.#resolve = resolve;
  }

  /** undefined means "absent" (an empty unquoted value, which ServiceStack reads as null). */
  type(node: JsvNode, schema: JsonSchema | undefined): unknown {
    const resolved = resolveSchema(schema, this.#resolve);
    const kind = kindOf(resolved);
    if (node.kind === 'scalar') {
      if (!node.quoted && node.text === '') return undefined;
      return typeScalar(node.text, kind);
    }
    // ServiceStack hands a string property the raw text of whatever value is there.
    if (kind === 'string') return this.#text.slice(node.start, node.end);
    if (node.kind === 'list') return node.items.map((item) => this.type(item, resolved?.items) ?? null);
    return this.#map(node.entries, resolved, kind);
  }

  #map(entries: [string, JsvNode][], schema: JsonSchema | undefined, kind: ValueKind): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const lookup = kind === 'object' && schema ? propertyLookup(schema) : undefined;
    const valueSchema = kind === 'map' ? mapValueSchema(schema) : undefined;
    for (const [key, node] of entries) {
      // Unknown keys are kept as given; ServiceStack ignores them, `--strict` validation may not.
      const name = lookup?.get(key.toLowerCase()) ?? key;
      const value = this.type(node, lookup ? propertySchema(schema, name) : valueSchema);
      if (value !== undefined) setOwn(result, name, value);
    }
    return result;
  }
}

/**
 * Parses JSV into a plain value. With a schema, keys come back in the schema's
 * spelling and scalars typed; without one every scalar is a string.
 * Throws CodecError on malformed text; undefined for blank text.
 *
 * @example parseJsv('{id:urn:post:1,tags:[a,b]}') // { id: 'urn:post:1', tags: ['a', 'b'] }
 */
export function parseJsv(text: string, ctx: TypingContext = {}): unknown {
  const node = readJsv(text);
  return node === undefined ? undefined : new JsvTyper(text, ctx.resolve).type(node, ctx.schema);
}

export const jsvCodec: Codec = {
  name: 'jsv',
  // What the server and the .NET JsvServiceClient send; metadata pages only *display* text/jsv (§4.2).
  contentType: 'application/jsv',
  mediaTypes: ['application/jsv', 'text/jsv'],
  parse(text: string, ctx: CodecContext): unknown {
    const value = parseJsv(text, ctx);
    return value === undefined ? blankValue(ctx) : value;
  },
  write(value: unknown, ctx: CodecContext): string {
    return writeJsv(value, ctx);
  },
};
