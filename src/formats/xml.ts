/**
 * The XML codec: DataContractSerializer XML as ServiceStack reads and writes it
 * (DataContractSerializer's output). Reading is deliberately laxer than DCS — any root name, any
 * member order, any namespaces, names matched case-insensitively — because a
 * mock should bind what a client meant and leave the judging to validation.
 */
import type { Codec, CodecContext } from './codec.js';
import type { JsonSchema } from '../schema/json-schema.js';
import { typeScalar } from './scalars.js';
import { readXml, type XmlElement } from './xml-reader.js';
import { writeXml } from './xml-writer.js';
import {
  blankValue,
  camelCase,
  kindOf,
  mapValueSchema,
  propertyLookup,
  propertySchema,
  resolveSchema,
  setOwn,
  type Resolver,
  type TypingContext,
} from './schema-walk.js';

export { writeXml } from './xml-writer.js';

const isNil = (element: XmlElement): boolean => {
  const nil = element.attrs['nil']?.trim();
  return nil === 'true' || nil === '1';
};

const findChild = (element: XmlElement, name: string): XmlElement | undefined =>
  element.children.find((child) => child.name.toLowerCase() === name);

class XmlTyper {
  readonly #resolve: Resolver | undefined;

  constructor(resolve: Resolver | undefined) {
    this.#resolve = resolve;
  }

  /** undefined means absent (`i:nil="true"`, or an empty element where a number/bool/date belongs). */
  type(element: XmlElement, schema: JsonSchema | undefined): unknown {
    if (isNil(element)) return undefined;
    const resolved = resolveSchema(schema, this.#resolve);
    const kind = kindOf(resolved);
    switch (kind) {
      case 'object':
        return resolved?.properties ? this.#object(element, resolved) : this.#generic(element);
      case 'map':
        return this.#map(element, mapValueSchema(resolved));
      case 'list':
        return element.children.map((child) => this.type(child, resolved?.items) ?? null);
      case 'any':
        return this.#generic(element);
      default:
        // Structure where a scalar belongs is returned as read, for validation to report.
        if (element.children.length > 0) return this.#generic(element);
        if (kind === 'string') return element.text;
        return element.text.trim() === '' ? undefined : typeScalar(element.text.trim(), kind);
    }
  }

  #object(element: XmlElement, schema: JsonSchema): Record<string, unknown> {
    const lookup = propertyLookup(schema);
    const result: Record<string, unknown> = {};
    for (const child of element.children) {
      const name = lookup.get(child.name.toLowerCase()) ?? camelCase(child.name);
      const value = this.type(child, propertySchema(schema, name));
      if (value !== undefined) setOwn(result, name, value);
    }
    return result;
  }

  /** `<KeyValueOfstringstring><Key>k</Key><Value>v</Value></…>` pairs. */
  #map(element: XmlElement, valueSchema: JsonSchema | undefined): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const pair of element.children) {
      const key = findChild(pair, 'key');
      const valueElement = findChild(pair, 'value');
      if (key === undefined || isNil(key)) continue;
      const value = valueElement === undefined ? undefined : this.type(valueElement, valueSchema);
      if (value !== undefined) setOwn(result, key.text, value);
    }
    return result;
  }

  /** Schemaless: text for a leaf; otherwise camelCase keys, a repeated name becoming a list. */
  #generic(element: XmlElement): unknown {
    if (element.children.length === 0) return element.text;
    const groups = new Map<string, unknown[]>();
    for (const child of element.children) {
      const name = camelCase(child.name);
      const value = this.type(child, undefined) ?? null;
      const group = groups.get(name);
      if (group) group.push(value);
      else groups.set(name, [value]);
    }
    const result: Record<string, unknown> = {};
    for (const [name, values] of groups) setOwn(result, name, values.length === 1 ? values[0] : values);
    return result;
  }
}

/**
 * Parses a DataContract XML document: the root element's local name and its
 * content typed by the schema (keys in the schema's camelCase spelling).
 * Throws CodecError on malformed XML or any DTD.
 */
export function parseXmlDocument(text: string, ctx: TypingContext = {}): { root: string; value: unknown } {
  const root = readXml(text);
  return { root: root.name, value: new XmlTyper(ctx.resolve).type(root, ctx.schema) };
}

export const xmlCodec: Codec = {
  name: 'xml',
  contentType: 'application/xml',
  mediaTypes: ['application/xml', 'text/xml'],
  parse(text: string, ctx: CodecContext): unknown {
    if (text.trim() === '') return blankValue(ctx);
    return parseXmlDocument(text, ctx).value ?? blankValue(ctx);
  },
  write(value: unknown, ctx: CodecContext): string {
    return writeXml(value, ctx);
  },
};
