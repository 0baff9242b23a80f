/**
 * The transport of `verify`: one fetch with a timeout, whose failures come back as data. A backend
 * that resets the connection or never answers is a failed interaction, never a crash; a target
 * that cannot be reached at all is told apart so the CLI can exit 2.
 */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  setCookies: string[];
  durationMs: number;
}

export type Sent =
  { ok: true; answer: Answer } | { ok: false; error: string; unreachable: boolean; durationMs: number };

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Errors that say "nothing listens there" rather than "the backend misbehaved". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

interface ErrorLike {
  message?: string;
  code?: string;
  cause?: unknown;
  errors?: unknown[];
  name?: string;
}

/** Node's fetch wraps the socket error: `TypeError('fetch failed', { cause: Error{code} | AggregateError })`. */
const causes = (err: unknown, depth = 0): ErrorLike[] => {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const e = err as ErrorLike;
  return [
    e,
    ...causes(e.cause, depth + 1),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => causes(x, depth + 1)) : []),
  ];
};

export const describeError = (err: unknown): { error: string; unreachable: boolean } => {
  const chain = causes(err);
  if (chain.some((e) => e.name === 'TimeoutError'))
    return { error: 'no answer before the timeout', unreachable: false };
  // The Fetch standard blocks some ports (9, 6000, 10080, …) before connecting: the target can never be reached this way.
  if (chain.some((e) => e.message === 'bad port'))
    return {
      error: 'bad port: fetch refuses to connect to this port (Fetch standard "bad ports"); use another',
      unreachable: true,
    };
  const coded = chain.find((e) => e.code);
  const unreachable = chain.some((e) => e.code !== undefined && UNREACHABLE.has(e.code));
  const deepest = chain.at(-1);
  const detail = coded
    ? `${coded.code}${coded.message && !coded.message.startsWith(String(coded.code)) ? ` (${coded.message})` : ''}`
    : (deepest?.message ?? String(err));
  return { error: detail.replace(/\s+/g, ' ').trim(), unreachable };
};

export const send = async (fetchFn: typeof fetch, request: HttpRequest, timeoutMs: number): Promise<Sent> => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const setCookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
    return {
      ok: true,
      answer: {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        text,
        setCookies,
        durationMs: elapsed(),
      },
    };
  } catch (err) {
    return { ok: false, ...describeError(err), durationMs: elapsed() };
  }
};

/** `Set-Cookie` lines → a `Cookie` header value (name=value pairs only). */
export const cookieHeader = (setCookies: string[]): string =>
  setCookies
    .map((c) => c.split(';')[0]!.trim())
    .filter((pair) => pair.includes('='))
    .join('; ');
