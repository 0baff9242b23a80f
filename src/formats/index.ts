/**
 * The format registry: codecs by name, by Content-Type and by extension, and
 * Accept-header negotiation (README, Formats).
 */
import type { Codec } from './codec.js';
import { csvCodec } from './csv.js';
import { jsonCodec } from './json.js';
import { jsonlCodec } from './jsonl.js';
import { jsvCodec } from './jsv.js';
import { xmlCodec } from './xml.js';

export { CodecError, type Codec, type CodecContext } from './codec.js';
export { answerRows } from './answer-rows.js';
export { writeCsv, writeCsvRows } from './csv.js';
export { writeJsonl } from './jsonl.js';
export { JSONP_HEADERS, wrapJsonp } from './jsonp.js';
export { parseJsv, writeJsv } from './jsv.js';
export { parseXmlDocument, writeXml } from './xml.js';

/** The DTO formats: every one writes any DTO (and the metadata pages show samples in them). */
export const FORMAT_NAMES = ['json', 'jsv', 'xml'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
/** Every format an answer can be negotiated in: the DTO formats plus CSV and JSONL, which write an answer's rows. */
export const WIRE_FORMAT_NAMES = [...FORMAT_NAMES, 'csv', 'jsonl'] as const;
export type WireFormatName = (typeof WIRE_FORMAT_NAMES)[number];

export const isFormatName = (name: string): name is FormatName => (FORMAT_NAMES as readonly string[]).includes(name);
export const isWireFormatName = (name: string): name is WireFormatName =>
  (WIRE_FORMAT_NAMES as readonly string[]).includes(name);

export const CODECS: Readonly<Record<WireFormatName, Codec>> = {
  json: jsonCodec,
  jsv: jsvCodec,
  xml: xmlCodec,
  csv: csvCodec,
  jsonl: jsonlCodec,
};

/** `Application/JSON; charset=utf-8` → `application/json`. */
const mediaTypeOf = (value: string): string => (value.split(';')[0] ?? '').trim().toLowerCase();

/** The codec that reads a request Content-Type, or undefined when none does. */
export function codecForMediaType(contentType: string | undefined): Codec | undefined {
  if (!contentType) return undefined;
  const mediaType = mediaTypeOf(contentType);
  return Object.values(CODECS).find((codec) => codec.mediaTypes.includes(mediaType));
}

/** The codec for a route suffix or `?format=` value: `json`, `.jsv`, `XML`. */
export function codecForExtension(extension: string): Codec | undefined {
  const name = extension.replace(/^\./, '').toLowerCase();
  return isWireFormatName(name) ? CODECS[name] : undefined;
}

/** Media ranges meaning "whatever the server prefers". */
const DEFAULT_RANGES = new Set(['*/*', '*', 'application/*', 'text/*', 'text/html', 'application/xhtml+xml']);

function formatOfRange(range: string): WireFormatName | null | undefined {
  if (DEFAULT_RANGES.has(range)) return null;
  const codec = codecForMediaType(range);
  if (codec) return codec.name;
  if (range.endsWith('+json')) return 'json';
  if (range.endsWith('+xml')) return 'xml';
  return undefined;
}

/**
 * The response format an Accept header asks for. The first listed range we can
 * serve wins (ServiceStack ignores q-values, §4.1); `q=0` ranges are skipped.
 * null means "the default" (no header, wildcards, or a browser's `text/html`,
 * for which ServiceStack falls back); 'unacceptable' when every range names a
 * type we cannot produce (`image/png`).
 */
export function negotiateFromAccept(accept: string | undefined): WireFormatName | null | 'unacceptable' {
  if (accept === undefined || accept.trim() === '') return null;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (range === '' || params.some((param) => /^q=0(?:\.0*)?$/.test(param))) continue;
    const format = formatOfRange(range);
    if (format !== undefined) return format;
  }
  return 'unacceptable';
}
