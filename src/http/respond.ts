/**
 * The single responder: every reply and every error leaves through here, serialised in the call's
 * negotiated format (JSON, JSV, XML, JSONP, CSV, JSONL, or an HTML page for a browser), with ServiceStack's headers,
 * cookies and reason phrase.
 */
import type { Response } from 'express';
import type { Resolver } from '../formats/schema-walk.js';
import type { JsonSchema } from '../schema/json-schema.js';
import { CODECS, writeCsvRows } from '../formats/index.js';
import { JSONP_HEADERS, wrapJsonp } from '../formats/jsonp.js';
import type { Call } from './call.js';
import { htmlAnswer } from './html-answer.js';
import type { Reply, ReplyCookie } from './reply.js';
import { wcfDates } from './wcf-dates.js';

export interface ResponderOptions {
  /** How JSON answers write dates: ISO-8601 (System.Text.Json hosts) or WCF `/Date(ms)/` (classic ServiceStack.Text). */
  dates: 'iso' | 'wcf';
}

/** Writes a reply; `reason` is the reason phrase (ServiceStack sets it to an error's errorCode). */
export type Send = (call: Call, reply: Reply, reason?: string) => void;

const cookieHeader = (c: ReplyCookie): string => {
  // Max-Age, never Expires: @servicestack/client splits Set-Cookie on commas (README, Auth).
  const parts = [`${c.name}=${encodeURIComponent(c.value)}`, 'Path=/', 'SameSite=Lax'];
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  if (c.httpOnly) parts.push('HttpOnly');
  return parts.join('; ');
};

const POWERED_BY = 'ssmock (ServiceStack mock)';

/** `Vary: Accept`, after any `Vary` CORS set (`Origin`). */
const varyOf = (res: Response): string => {
  const earlier = res.getHeader('Vary');
  return earlier === undefined ? 'Accept' : `${String(earlier)}, Accept`;
};

/** One writeHead with every header, then the text in the same write (no Express res.send on the hot path). */
const write = (
  res: Response,
  status: number,
  reason: string | undefined,
  contentType: string,
  text: string | Buffer,
  jsonp = false,
): void => {
  if (jsonp) res.setHeader('X-Content-Type-Options', JSONP_HEADERS['X-Content-Type-Options']);
  res.writeHead(status, reason, [
    'Vary',
    varyOf(res),
    'X-Powered-By',
    POWERED_BY,
    'Content-Type',
    contentType,
    'Content-Length',
    String(Buffer.byteLength(text)),
  ]);
  if (res.req.method === 'HEAD') res.end();
  else res.end(text);
};

const OCTET_STREAM = 'application/octet-stream';
const HTML = 'text/html; charset=utf-8';

/** A browser's answer (negotiate.ts, `html`): the reply as a page of its rows and JSON (html-answer.ts). */
const htmlPage = (call: Call, reply: Reply, schema: JsonSchema | undefined, resolve: Resolver): string => {
  const { req } = call;
  const base = req.path.endsWith(call.path) ? req.path.slice(0, req.path.length - call.path.length) : '';
  return htmlAnswer({
    title: call.operation?.request ?? reply.typeName,
    status: reply.status,
    body: reply.body,
    schema,
    resolve,
    base: base.replace(/\/$/, ''),
    url: req.originalUrl,
  });
};

/** JSON and JSON Lines write dates as the host does (`--dates`); the other formats have their own date forms. */
const withDates = (
  dates: ResponderOptions['dates'],
  format: Call['format']['format'],
  body: unknown,
  schema: JsonSchema | undefined,
  resolve: Resolver,
): unknown => (dates === 'wcf' && (format === 'json' || format === 'jsonl') ? wcfDates(body, schema, resolve) : body);

/**
 * CSV and JSONL answers' own rules, else undefined (the codec writes the answer): CsvFormat's response filter names
 * a successful CSV answer `{Operation}.csv` for browsers; an error is the error DTO itself as the one row (the list
 * rule would write nothing of it).
 */
const listFormatText = (
  call: Call,
  reply: Reply,
  body: unknown,
  schema: JsonSchema | undefined,
  resolve: Resolver,
): string | undefined => {
  const { format } = call.format;
  if (format !== 'csv' && format !== 'jsonl') return undefined;
  if (format === 'csv' && reply.status < 400 && call.operation)
    call.res.setHeader('Content-Disposition', `attachment;filename="${call.operation.request}.csv"`);
  if (reply.status < 400) return undefined;
  return format === 'csv' ? writeCsvRows([body], schema, resolve) : `${JSON.stringify(body)}\n`;
};

/**
 * A response that is a string or bytes is written raw, as ServiceStack's WriteToResponse does
 * (HttpResponseExtensionsInternal): a string's UTF-8 text, unquoted, in the negotiated content type; bytes
 * (`byte[]`, `Stream`: base64 in the reply, as every byte[] is on the JSON wire) as `application/octet-stream`,
 * which is what `@servicestack/client` needs to read them as bytes rather than JSON (README, The schemas).
 */
const writeRaw = (call: Call, reply: Reply, reason: string | undefined, dotnetType: unknown): boolean => {
  const { res, format } = call;
  if (typeof reply.body !== 'string') return false;
  if (dotnetType === 'byte[]') {
    write(res, reply.status, reason, OCTET_STREAM, Buffer.from(reply.body, 'base64'));
    return true;
  }
  if (dotnetType !== 'string') return false;
  const wrapped = format.callback ? wrapJsonp(format.callback, reply.body) : null;
  if (wrapped !== null) {
    write(res, 200, undefined, JSONP_HEADERS['Content-Type'], wrapped, true);
    return true;
  }
  // ServiceStack keeps ASP.NET's response.Write(string) behaviour: a charset when the type names none.
  const type = CODECS[format.format].contentType;
  write(res, reply.status, reason, type.includes(';') ? type : `${type}; charset=utf-8`, reply.body);
  return true;
};

export const createResponder = (options: ResponderOptions): Send => {
  const { dates } = options;
  return (call, reply, reason) => {
    const { res, api, format } = call;
    if (res.headersSent) return;
    if (reply.headers) for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    if (reply.cookies?.length) res.append('Set-Cookie', reply.cookies.map(cookieHeader));
    if (reply.text) return write(res, reply.status, reason, reply.text.contentType, reply.text.body);
    if (reply.body === undefined) {
      res.writeHead(reply.status === 200 ? 204 : reply.status, reason, [
        'Vary',
        varyOf(res),
        'X-Powered-By',
        POWERED_BY,
      ]);
      res.end();
      return;
    }
    const codec = CODECS[format.format];
    const schema = api?.schemas.get(reply.typeName);
    if (writeRaw(call, reply, reason, schema?.['x-dotnet-type'])) return;
    const resolve = api?.resolve ?? (() => undefined);
    if (format.html) return write(res, reply.status, reason, HTML, htmlPage(call, reply, schema, resolve));
    const body = withDates(dates, format.format, reply.body, schema, resolve);
    const listText = listFormatText(call, reply, body, schema, resolve);
    const text =
      listText ??
      codec.write(body, {
        schema,
        resolve,
        typeName: reply.typeName,
        xmlNamespace: api?.manifest.xmlNamespaces[reply.typeName],
      });
    if (format.callback) {
      const wrapped = wrapJsonp(format.callback, text);
      // ServiceStack answers JSONP errors with 200 so the script tag still runs.
      if (wrapped !== null) return write(res, 200, undefined, JSONP_HEADERS['Content-Type'], wrapped, true);
    }
    write(res, reply.status, reason, codec.contentType, text);
  };
};
