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

export const send = (res: Response, reply: Reply, options: SendOptions = {}): void => {
  if (res.headersSent) return;
  const negotiated = (res.locals[NEGOTIATED_LOCAL] as Negotiated | undefined) ?? { format: 'json' };
  res.setHeader('Vary', 'Accept');
  res.setHeader('X-Powered-By', 'ssmock (ServiceStack mock)');
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.cookies?.length) res.append('Set-Cookie', reply.cookies.map(cookieHeader));
  if (options.reason) res.statusMessage = options.reason;
  if (reply.body === undefined) {
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
      res.status(200).set(JSONP_HEADERS).send(wrapped);
      return;
    }
  }
  // res.end rather than Express's res.send: the body is final text, so its charset/ETag/HEAD logic is not needed.
  // A string, not a Buffer: Node then sends headers and body in one write instead of a writev of two.
  res.statusCode = reply.status;
  res.setHeader('Content-Type', codec.contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text, 'utf8'));
  res.end(res.req.method === 'HEAD' ? undefined : text, 'utf8');
};
