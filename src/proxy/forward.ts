/**
 * One request sent on to the real backend as the client sent it — method, path and query under the API's base,
 * the raw body in its own format, credentials (`Authorization`, cookies) included — and its answer read back.
 * Only hop-by-hop headers, ssmock's own `X-Ssmock-*` headers and encodings are left out (the body the mock holds is
 * already inflated). An unreachable backend is the catalogue's `backendUnreachable` (502), naming it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { errors } from '../errors.js';

export interface BackendAnswer {
  status: number;
  /** The status line's reason phrase (ServiceStack sets it to the errorCode). */
  reason: string;
  contentType: string | undefined;
  /** The answer's headers the client gets too (PASSED_BACK), lower-case names. */
  headers: Record<string, string>;
  /** `Set-Cookie` values, `Domain` removed so the browser keeps them for the mock's host. */
  cookies: string[];
  body: Buffer;
}

export interface ForwardRequest {
  method: string;
  /** The path under the API's base with its query string, as the client wrote it (`/api/QueryBookings?take=1`). */
  pathAndQuery: string;
  headers: IncomingHttpHeaders;
  /** The body as received (inflated); undefined when there was none. */
  body: Buffer | undefined;
}

/** Headers that describe one connection or the mock's own controls, never the request itself. */
const NOT_FORWARDED: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'content-length',
  'content-encoding',
  'accept-encoding',
]);

/**
 * What a client of a ServiceStack API reads besides the body: its type, cookies of an auth flow, a redirect, the
 * challenge of a 401, caching validators, a batch's progress and a download's name. Server, CORS and length headers
 * are the mock's own.
 */
const PASSED_BACK: readonly string[] = [
  'location',
  'www-authenticate',
  'cache-control',
  'etag',
  'last-modified',
  'content-disposition',
  'x-autobatch-completed',
];

/** The request headers the backend gets. */
export const forwardedHeaders = (headers: IncomingHttpHeaders): Headers => {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || NOT_FORWARDED.has(lower) || lower.startsWith('x-ssmock-')) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(lower, v);
  }
  return out;
};

/** A backend's cookie, kept by the browser for whatever host the mock runs on. */
export const localCookie = (setCookie: string): string =>
  setCookie
    .split(';')
    .filter((part, i) => i === 0 || !/^\s*domain\s*=/i.test(part))
    .join(';');

/** `https://user:pw@staging.example.com/api/` → `https://staging.example.com/api`: how messages name the backend. */
export const backendName = (backend: URL): string => `${backend.origin}${backend.pathname.replace(/\/+$/, '')}`;

const targetOf = (backend: URL, pathAndQuery: string): string =>
  `${backend.origin}${backend.pathname.replace(/\/+$/, '')}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;

/** Why a request never got an answer, in a few words. */
export const unreachableReason = (err: unknown, timeoutMs: number): string => {
  const { name, message } = err as Error;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = ((err as { cause?: { code?: unknown } }).cause?.code ?? '') as string;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `no connection within ${timeoutMs} ms`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection closed before an answer';
    default:
      return code || message;
  }
};

const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** Sends the request to the backend; throws `backendUnreachable` when no answer comes within `timeoutMs`. */
export const forward = async (backend: URL, request: ForwardRequest, timeoutMs: number): Promise<BackendAnswer> => {
  const method = request.method.toUpperCase();
  try {
    const res = await fetch(targetOf(backend, request.pathAndQuery), {
      method,
      headers: forwardedHeaders(request.headers),
      ...(request.body?.length && !BODYLESS_METHODS.has(method) ? { body: request.body } : {}),
      // A redirect is the client's to follow, as it would be without the mock in between.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = Buffer.from(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of PASSED_BACK) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return {
      status: res.status,
      reason: res.statusText,
      contentType: res.headers.get('content-type') ?? undefined,
      headers,
      cookies: res.headers.getSetCookie().map(localCookie),
      body,
    };
  } catch (err) {
    throw errors.backendUnreachable(backendName(backend), unreachableReason(err, timeoutMs));
  }
};
