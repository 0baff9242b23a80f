/**
 * The response format, by ServiceStack's precedence:
 * `?callback` (JSONP, GET only) > `?format` > `.ext` > route prefix > `Accept` > JSON.
 * A browser (`text/html` first in `Accept`, nothing else asked for) gets the answer as an HTML page (`html`,
 * src/http/html-answer.ts), as ServiceStack's HtmlFormat does; errors then keep JSON's shape inside that page.
 */
import { errors } from '../errors.js';
import { isWireFormatName, negotiateFromAccept } from '../formats/index.js';
import type { WireFormat } from './route-table.js';

export interface Negotiated {
  format: WireFormat;
  /** JSONP callback (JSON only, GET only). */
  callback?: string;
  /** A browser's request: the answer is written as an HTML page of its JSON. */
  html?: boolean;
}

const asFormat = (v: string | undefined): WireFormat | undefined => {
  const f = v?.split('.')[0]?.toLowerCase();
  return f !== undefined && isWireFormatName(f) ? f : undefined;
};

export const negotiate = (input: {
  method: string;
  query: Record<string, unknown>;
  extension?: WireFormat | undefined;
  routeFormat?: WireFormat | undefined;
  accept?: string | undefined;
}): Negotiated => {
  const callback = typeof input.query['callback'] === 'string' ? input.query['callback'] : undefined;
  if (callback && input.method === 'GET') return { format: 'json', callback };
  const format = typeof input.query['format'] === 'string' ? input.query['format'] : undefined;
  // `?format=html` asks for the HTML page outright (HtmlFormat is a registered format), on any route.
  if (format?.split('.')[0]?.toLowerCase() === 'html') return { format: 'json', html: true };
  const fromQuery = asFormat(format);
  const chosen = fromQuery ?? input.extension ?? input.routeFormat;
  if (chosen) return { format: chosen };
  if (htmlFirst(input.accept)) return { format: 'json', html: true };
  const fromAccept = negotiateFromAccept(input.accept ?? '');
  if (fromAccept === 'unacceptable') throw errors.notAcceptable(input.accept ?? '');
  return { format: fromAccept ?? 'json' };
};

/** `text/html` (or XHTML) is the first range an `Accept` lists, as a browser's navigation sends. */
const htmlFirst = (accept: string | undefined): boolean => {
  const first = accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === 'text/html' || first === 'application/xhtml+xml';
};
