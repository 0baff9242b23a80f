/**
 * XML text → a small element tree, safely. fast-xml-parser does the tokenising
 * with entity processing off; we refuse DTDs outright (no billion laughs, no
 * external entities), cap nesting, and decode only the five predefined
 * entities and character references ourselves.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CodecError } from './codec.js';
import { setOwn } from './schema-walk.js';

export interface XmlElement {
  /** Local name: namespace prefixes are stripped (`d2p1:Name` → `Name`). */
  name: string;
  /** Attributes by local name (`i:nil` → `nil`); namespace declarations dropped. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data (entities decoded, CDATA verbatim). */
  text: string;
}

export const MAX_XML_DEPTH = 64;

const ATTR_PREFIX = '@_';
const TEXT = '#text';
const CDATA = '#cdata';
const ATTRS = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  removeNSPrefix: true,
  // Entities are decoded by `decodeEntities` below; the parser must not expand any (no DTD support).
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Whitespace in a string member is data (`<Name> a </Name>`); layout text between elements is ignored later.
  trimValues: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The parser counts the document node too: this rejects element depth MAX_XML_DEPTH + 1.
  maxNestedTags: MAX_XML_DEPTH - 1,
});

const DTD = /<!\s*(?:DOCTYPE|ENTITY)/i;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and `&#…;` references; anything else needs a DTD, which we refuse. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&]{0,12});/g, (whole, ref: string) => {
    const named = NAMED[ref];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-f]{1,6}$/i.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#\d{1,7}$/.test(ref)
        ? Number(ref.slice(1))
        : NaN;
    if (Number.isNaN(code) || code > 0x10ffff) throw new CodecError(`XML: unknown entity '${whole.slice(0, 20)}'`);
    return String.fromCodePoint(code);
  });
}

const clip = (text: string): string => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

type OrderedNode = Record<string, unknown>;

function isNodeList(value: unknown): value is OrderedNode[] {
  return Array.isArray(value);
}

/** Character data of a `#cdata` node: preserveOrder wraps it as `[{ '#text': … }]`. */
function cdataText(value: unknown): string {
  if (!isNodeList(value)) return '';
  return value.map((part) => (typeof part[TEXT] === 'string' ? part[TEXT] : '')).join('');
}

function toAttrs(raw: unknown): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return attrs;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') setOwn(attrs, key.slice(ATTR_PREFIX.length), decodeEntities(value));
  }
  return attrs;
}

function toElement(name: string, node: OrderedNode, depth: number): XmlElement {
  // The parser enforces this already; checked again because the recursion below depends on it.
  if (depth > MAX_XML_DEPTH) throw new CodecError(`XML: at most ${MAX_XML_DEPTH} levels of nesting are allowed`);
  const element: XmlElement = { name, attrs: toAttrs(node[ATTRS]), children: [], text: '' };
  const parts: string[] = [];
  for (const child of isNodeList(node[name]) ? node[name] : []) {
    if (typeof child[TEXT] === 'string') parts.push(decodeEntities(child[TEXT]));
    else if (CDATA in child) parts.push(cdataText(child[CDATA]));
    else {
      const childName = Object.keys(child).find((key) => key !== ATTRS);
      if (childName !== undefined) element.children.push(toElement(childName, child, depth + 1));
    }
  }
  element.text = parts.join('');
  return element;
}

/**
 * Whether the document ends with markup once trailing comments and processing
 * instructions are set aside: the validator lets `<a/>junk` through and the
 * parser silently drops the `junk`.
 */
function endsWithMarkup(text: string): boolean {
  let rest = text.trimEnd();
  for (;;) {
    const opener = rest.endsWith('-->') ? '<!--' : rest.endsWith('?>') ? '<?' : undefined;
    const at = opener === undefined ? -1 : rest.lastIndexOf(opener);
    if (at < 0) return rest.endsWith('>');
    rest = rest.slice(0, at).trimEnd();
  }
}

/** Parses XML text to its root element. Throws CodecError when malformed or when it declares a DTD. */
export function readXml(text: string): XmlElement {
  if (DTD.test(text)) throw new CodecError('XML: DOCTYPE and ENTITY declarations are not allowed');
  const body = text.replace(/^\uFEFF/, '');
  if (!endsWithMarkup(body)) throw new CodecError('XML: text after the root element');
  const valid = XMLValidator.validate(body, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new CodecError(`XML: ${clip(msg)} at line ${line}${col === undefined ? '' : `, column ${col}`}`);
  }
  return rootOf(parseNodes(body));
}

function parseNodes(body: string): OrderedNode[] {
  let nodes: unknown;
  try {
    nodes = parser.parse(body);
  } catch (error) {
    // The parser's own limits (nesting, reserved names) surface as plain Errors.
    const reason = error instanceof Error ? error.message : String(error);
    if (reason.includes('Maximum nested tags'))
      throw new CodecError(`XML: at most ${MAX_XML_DEPTH} levels of nesting are allowed`);
    throw new CodecError(`XML: ${clip(reason)}`);
  }
  return isNodeList(nodes) ? nodes : [];
}

/** Exactly one element, with nothing but whitespace around it (the validator lets `<a/>junk` through). */
function rootOf(nodes: OrderedNode[]): XmlElement {
  const roots: XmlElement[] = [];
  for (const node of nodes) {
    const text = node[TEXT];
    if (typeof text === 'string' && text.trim() !== '')
      throw new CodecError(`XML: text outside the root element: '${clip(text.trim())}'`);
    const name = Object.keys(node).find((key) => key !== ATTRS && key !== TEXT && !key.startsWith('?'));
    if (name !== undefined) roots.push(toElement(name, node, 1));
  }
  if (roots.length !== 1 || roots[0] === undefined)
    throw new CodecError(`XML: expected one root element, found ${roots.length}`);
  return roots[0];
}
