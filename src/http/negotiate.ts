/**
 * The response format, by ServiceStack's precedence:
 * `?callback` (JSONP, GET only) > `?format` > `.ext` > route prefix > `Accept` > JSON.
 */
import { errors } from '../errors.js';
import { negotiateFromAccept } from '../formats/index.js';
import type { WireFormat } from './route-table.js';

export interface Negotiated {
  format: WireFormat;
  /** JSONP callback (JSON only, GET only). */
  callback?: string;
}

const asFormat = (v: string | undefined): WireFormat | undefined => {
  const f = v?.split('.')[0]?.toLowerCase();
  return f === 'json' || f === 'jsv' || f === 'xml' ? f : undefined;
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
  const fromQuery = asFormat(typeof input.query['format'] === 'string' ? input.query['format'] : undefined);
  const chosen = fromQuery ?? input.extension ?? input.routeFormat;
  if (chosen) return { format: chosen };
  const fromAccept = negotiateFromAccept(input.accept ?? '');
  if (fromAccept === 'unacceptable') throw errors.notAcceptable(input.accept ?? '');
  return { format: fromAccept ?? 'json' };
};
