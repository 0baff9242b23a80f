/**
 * The single responder: every reply and every error leaves through here,
 * serialised in the negotiated format (JSON, JSV, XML or JSONP), with
 * ServiceStack's headers, cookies and reason phrase.
 */
import type { Response } from 'express';
import { CODECS } from '../formats/index.js';
import { JSONP_HEADERS, wrapJsonp } from '../formats/jsonp.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { Negotiated } from './negotiate.js';
import type { Reply, ReplyCookie } from './reply.js';

export const NEGOTIATED_LOCAL = 'negotiated';

const cookieHeader = (c: ReplyCookie): string => {
  // Max-Age, never Expires: @servicestack/client splits Set-Cookie on commas (protocol §9.3).
  const parts = [`${c.name}=${encodeURIComponent(c.value)}`, 'Path=/', 'SameSite=Lax'];
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  if (c.httpOnly) parts.push('HttpOnly');
  return parts.join('; ');
};

export interface SendOptions {
  api?: ApiSchemas | undefined;
  /** The reason phrase (ServiceStack sets it to the errorCode). */
  reason?: string;
  /** `--dates wcf`: JSON dates as `/Date(ms)/`. */
  transform?: ((body: unknown, typeName: string) => unknown) | undefined;
}

const POWERED_BY = 'ssmock (ServiceStack mock)';

/** `Vary: Accept`, after any `Vary` CORS set (`Origin`). */
const varyOf = (res: Response): string => {
  const earlier = res.getHeader('Vary');
  return earlier === undefined ? 'Accept' : `${String(earlier)}, Accept`;
};

/** The headers every answer carries (the DTO path passes them to writeHead itself). */
const setServerHeaders = (res: Response): void => {
  res.setHeader('Vary', varyOf(res));
  res.setHeader('X-Powered-By', POWERED_BY);
};

export const send = (res: Response, reply: Reply, options: SendOptions = {}): void => {
  if (res.headersSent) return;
  const negotiated = (res.locals[NEGOTIATED_LOCAL] as Negotiated | undefined) ?? { format: 'json' };
  if (reply.headers) for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  if (reply.cookies?.length) res.append('Set-Cookie', reply.cookies.map(cookieHeader));
  if (reply.body === undefined) {
    setServerHeaders(res);
    if (options.reason) res.statusMessage = options.reason;
    res.status(reply.status === 200 ? 204 : reply.status).end();
    return;
  }
  const codec = CODECS[negotiated.format];
  const body =
    options.transform && negotiated.format === 'json' ? options.transform(reply.body, reply.typeName) : reply.body;
  const text = codec.write(body, {
    schema: options.api?.schemas.get(reply.typeName),
    resolve: options.api?.resolve ?? (() => undefined),
    typeName: reply.typeName,
    xmlNamespace: options.api?.manifest.xmlNamespaces[reply.typeName],
  });
  if (negotiated.callback) {
    const wrapped = wrapJsonp(negotiated.callback, text);
    if (wrapped !== null) {
      // ServiceStack answers JSONP errors with 200 so the script tag still runs.
      setServerHeaders(res);
      res.status(200).set(JSONP_HEADERS).send(wrapped);
      return;
    }
  }
  // One writeHead with every header, then res.end with the text: no Express res.send (its charset, ETag and
  // HEAD logic is not needed for final text), and a string so Node sends headers and body in one write.
  res.writeHead(reply.status, options.reason, [
    'Vary',
    varyOf(res),
    'X-Powered-By',
    POWERED_BY,
    'Content-Type',
    codec.contentType,
    'Content-Length',
    String(Buffer.byteLength(text, 'utf8')),
  ]);
  res.end(res.req.method === 'HEAD' ? undefined : text, 'utf8');
};
