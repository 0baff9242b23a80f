/**
 * ServiceStack's session and token cookie names (README, Auth) and a
 * Cookie-header reader, so the mock needs no cookie-parser.
 */
import type { ReplyCookie } from '../http/reply.js';

export const COOKIE = {
  sessionId: 'ss-id',
  permanentSessionId: 'ss-pid',
  sessionOptions: 'ss-opt',
  accessToken: 'ss-tok',
  refreshToken: 'ss-reftok',
} as const;

/** ServiceStack's "permanent" cookies expire about 20 years ahead. */
export const TWENTY_YEARS_SECONDS = 20 * 365 * 24 * 3600;

/**
 * `a=1; b=2` → `{ a: '1', b: '2' }`. The first occurrence of a name wins (RFC 6265
 * sends the most specific path first). Empty values count as absent: Node's
 * `@servicestack/client` keeps a deleted cookie in its jar as `name=`.
 */
export function parseCookies(header: string | string[] | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not percent-encoded after all: keep it as sent.
    }
    if (name === '' || value === '' || Object.hasOwn(cookies, name)) continue;
    cookies[name] = value;
  }
  return cookies;
}

/** What logout deletes (DeleteSessionCookiesOnLogout): a Max-Age=0 for each. */
export const deletedAuthCookies = (): ReplyCookie[] =>
  [COOKIE.sessionId, COOKIE.permanentSessionId, COOKIE.accessToken, COOKIE.refreshToken].map((name) => ({
    name,
    value: '',
    maxAge: 0,
    httpOnly: true,
  }));
