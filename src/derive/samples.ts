/**
 * What the sample requests and responses teach that the DTO source does not:
 * the host, the wire casing, the XML namespaces of each DataContract, and the
 * response type's name (XML roots name it). Samples are also checked against
 * the derived types, so a page whose samples disagree with its DTOs is reported.
 */
import type { HttpSample, MetadataPage } from './metadata-page.js';

export interface XmlElementInfo {
  /** Element local name (`CreatePersonResponse`, `Person`). */
  name: string;
  /** Namespace the element's own children live in, when declared on it. */
  childNamespace?: string;
  /** Local name of the parent element, undefined for the root. */
  parent?: string;
}

export interface SampleFacts {
  host?: string;
  textCase?: 'camel' | 'pascal';
  /** Root element of the XML request and response, with the default namespace. */
  xmlRequestRoot?: { name: string; namespace?: string };
  xmlResponseRoot?: { name: string; namespace?: string };
  /** Elements that declare a namespace prefix for their children (`<Person xmlns:d2p1="…">`). */
  xmlElements: XmlElementInfo[];
  /** Top-level keys of the request and response bodies (JSON, JSV, and CSV's header row). */
  requestKeys: string[];
  responseKeys: string[];
}

const casingOf = (keys: string[]): 'camel' | 'pascal' | undefined => {
  const first = keys.find((k) => /^[A-Za-z]/.test(k));
  if (!first) return undefined;
  return /^[a-z]/.test(first) ? 'camel' : 'pascal';
};

const jsonKeys = (body: string): string[] => {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
};

/** Top-level keys of a JSON or (pretty-printed or compact) JSV map, without a full parse. */
export const topLevelKeys = (body: string, format: 'json' | 'jsv' | 'csv'): string[] => {
  if (format === 'csv') return csvHeader(body);
  if (format === 'json') return jsonKeys(body);
  const keys: string[] = [];
  let depth = 0;
  let inQuote = false;
  let token = '';
  for (const ch of body) {
    if (inQuote) {
      if (ch === '"') inQuote = false;
      continue;
    }
    if (ch === '"') inQuote = true;
    else if (ch === '{' || ch === '[') {
      depth++;
      token = '';
    } else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',') token = '';
    else if (ch === ':' && depth === 1 && token.trim()) {
      keys.push(token.trim());
      token = '\u0000'; // the rest up to the next comma is the value
    } else if (depth === 1 && !token.startsWith('\u0000')) token += ch;
  }
  return keys;
};

/** The header row of ServiceStack's CSV sample (CsvSerializer writes one object as a header row and a value row). */
const csvHeader = (body: string): string[] => {
  const first = body.split('\n')[0]?.trim() ?? '';
  const cells: string[] = [];
  for (const m of first.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    const cell = (m[1] ?? '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"');
    if (cell) cells.push(cell);
    if (!m[2]) break;
  }
  return cells.every((c) => /^[A-Za-z_]\w*$/.test(c)) ? cells : [];
};

/** A tiny scan of well-formed sample XML: element names, default namespace, prefixed namespace declarations. */
export const scanXml = (body: string): { root?: { name: string; namespace?: string }; elements: XmlElementInfo[] } => {
  const elements: XmlElementInfo[] = [];
  const stack: string[] = [];
  let root: { name: string; namespace?: string } | undefined;
  for (const m of body.matchAll(/<(\/?)([\w.-]+:)?([\w.-]+)([^>]*?)(\/?)>/g)) {
    const [, closing, , name = '', attrs = '', selfClosing] = m;
    if (closing) {
      stack.pop();
      continue;
    }
    const declared = /xmlns:(d\d+p\d+)="([^"]+)"/.exec(attrs);
    const info: XmlElementInfo = { name };
    const parent = stack[stack.length - 1];
    if (parent !== undefined) info.parent = parent;
    if (declared?.[2]) info.childNamespace = declared[2];
    if (!root) {
      root = { name };
      const ns = /\sxmlns="([^"]+)"/.exec(attrs)?.[1];
      if (ns) root.namespace = ns;
    } else if (declared) elements.push(info);
    if (!selfClosing) stack.push(name);
  }
  return root ? { root, elements } : { elements };
};

const bodyFormat = (
  sample: HttpSample | undefined,
  fallback: MetadataPage['sampleFormat'],
): MetadataPage['sampleFormat'] => {
  const type = sample?.headers['content-type'] ?? '';
  if (/csv/.test(type)) return 'csv';
  if (/json/.test(type)) return 'json';
  if (/jsv/.test(type)) return 'jsv';
  if (/xml/.test(type)) return 'xml';
  return fallback;
};

export const sampleFacts = (page: MetadataPage): SampleFacts => {
  const facts: SampleFacts = { xmlElements: [], requestKeys: [], responseKeys: [] };
  const host = page.request?.headers['host'];
  if (host) facts.host = host;
  for (const [sample, side] of [
    [page.request, 'request'],
    [page.response, 'response'],
  ] as const) {
    const format = bodyFormat(sample, page.sampleFormat);
    if (!sample?.body || !format) continue;
    if (format === 'xml') {
      const { root, elements } = scanXml(sample.body);
      if (root && side === 'request') facts.xmlRequestRoot = root;
      if (root && side === 'response') facts.xmlResponseRoot = root;
      facts.xmlElements.push(...elements);
    } else {
      const keys = topLevelKeys(sample.body, format);
      if (side === 'request') facts.requestKeys = keys;
      else facts.responseKeys = keys;
      // CsvSerializer prints the .NET names whatever the JSON text case is.
      if (format !== 'csv') facts.textCase ??= casingOf(keys);
    }
  }
  return facts;
};
