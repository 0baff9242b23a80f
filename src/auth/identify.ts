/**
 * Request → Principal. The credential sources and their order follow what a
 * ServiceStack host with JWT, API-key, Basic and session auth accepts
 * (JwtAuthProvider, ApiKeyAuthProvider, BasicAuthProvider, session cookies). A credential that is present but
 * wrong is an error (an expired token, an unknown key, a wrong password); a bearer JWT with a bad signature is
 * not — as in ServiceStack it only authenticates nobody, and the later sources (a session cookie) are consulted.
 */
import { errors, type MockError } from '../errors.js';
import { COOKIE, parseCookies } from './cookies.js';
import { principalOf, type Principal } from './principal.js';
import {
  JwtReadFailure,
  TOKEN_EXPIRED,
  TOKEN_INVALID,
  assertTimely,
  bearerFailure,
  verifiedPayload,
} from './jwt-reader.js';
import type { SessionStore } from './sessions.js';
import type { AccessClaims, TokenService } from './tokens.js';
import type { User } from './users.js';
import { VerifiedTokens } from './verified-tokens.js';

export interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

export interface IdentifyDeps {
  users: () => User[];
  tokens: TokenService;
  sessions: SessionStore;
}

const tokenError = (message: string): MockError => errors.invalidToken(message);

export const invalidCredentials = (): MockError => errors.unauthorized('Invalid Username or Password');

/**
 * ServiceStack's legacy API-key provider answers 404 "API Key does not exist";
 * the mock answers 401 with the same message, which is what a caller sending a
 * wrong key expects and what the JS client's auth handling reacts to.
 */
const unknownApiKey = (): MockError => errors.unauthorized('API Key does not exist');

/** User names match case-insensitively, as ServiceStack's user repositories do; passwords exactly. */
export const findByCredentials = (users: User[], userName: string, password: string): User | undefined =>
  users.find((user) => user.userName.toLowerCase() === userName.toLowerCase() && user.password === password);

const findByApiKey = (users: User[], key: string): User | undefined => users.find((user) => user.apiKey === key);

/** Header and query names are case-insensitive on a ServiceStack host. */
function raw(record: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

/** The first non-blank string value of a header or query parameter (repeated ones arrive as arrays). */
function lookup(record: Record<string, unknown>, name: string): string | undefined {
  const value: unknown = raw(record, name);
  const one: unknown = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' && one.trim() !== '' ? one.trim() : undefined;
}

const principalFromClaims = (claims: AccessClaims): Principal => ({
  userId: claims.sub,
  userName: claims.preferred_username,
  displayName: claims.name,
  roles: claims.roles,
  permissions: claims.perms,
  sessionId: claims.jid,
  authProvider: 'jwt',
});

export function createIdentify(deps: IdentifyDeps): (req: AuthRequest) => Promise<Principal | null> {
  const { users, tokens, sessions } = deps;
  const verified = new VerifiedTokens();

  function fromApiKey(key: string): Principal {
    const user = findByApiKey(users(), key);
    if (user === undefined) throw unknownApiKey();
    return principalOf(user, 'apikey');
  }

  /**
   * Three dot-separated parts are a JWT (JwtAuthProviderReader); anything else is an API key (ApiKeyAuthProvider
   * reads Bearer too). A token that does not decode is ServiceStack's exception (jwt-reader.ts); a bad signature is
   * no error, only no principal (AuthenticateBearerTokenAsync returns false); an expired one is a TokenException.
   * A signed token that is not one of our access tokens (a refresh token) is refused as "Token is invalid".
   */
  async function fromBearer(credential: string): Promise<Principal | null> {
    if (credential.split('.').length !== 3) return fromApiKey(credential);
    const known = verified.get(credential, tokens.nowSeconds());
    if (known) return principalFromClaims(known);
    let claims: Record<string, unknown> | null;
    try {
      claims = verifiedPayload(credential, tokens);
    } catch (error) {
      if (error instanceof JwtReadFailure) throw bearerFailure(error);
      throw error;
    }
    if (claims === null) return null;
    assertTimely(claims, tokens.nowSeconds());
    const result = await tokens.verifyAccess(credential);
    if (!result.ok) throw tokenError(result.reason === 'expired' ? TOKEN_EXPIRED : TOKEN_INVALID);
    // A not-before claim could refuse the token again under a clock moved back: only those without one are kept.
    if (claims['nbf'] === undefined) verified.add(credential, result.claims);
    return principalFromClaims(result.claims);
  }

  function fromBasic(credential: string): Principal {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw invalidCredentials();
    const userName = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    // An API key may travel as the Basic user name with an empty password (ApiKeyAuthProvider).
    if (password === '') return fromApiKey(userName);
    const user = findByCredentials(users(), userName, password);
    if (user === undefined) throw invalidCredentials();
    return principalOf(user, 'basic');
  }

  /**
   * A bad signature in the cookie is ignored, as ServiceStack does: a cookie
   * left over from an earlier run (new random secret) must not lock a browser
   * out. An expired one is a 401 so the client refreshes it.
   */
  async function fromTokenCookie(token: string): Promise<Principal | null> {
    const result = await tokens.verifyAccess(token);
    if (result.ok) return principalFromClaims(result.claims);
    if (result.reason === 'expired') throw tokenError(TOKEN_EXPIRED);
    return null;
  }

  /** `ss-opt=perm` makes ss-pid the session id, otherwise ss-id; headers X-ss-* beat cookies. */
  function fromSession(req: AuthRequest, cookies: Record<string, string>): Principal | null {
    const option = lookup(req.headers, 'x-ss-opt') ?? cookies[COOKIE.sessionOptions];
    const temp = [lookup(req.headers, 'x-ss-id'), cookies[COOKIE.sessionId]];
    const perm = [lookup(req.headers, 'x-ss-pid'), cookies[COOKIE.permanentSessionId]];
    const candidates = option === 'perm' ? [...perm, ...temp] : [...temp, ...perm];
    for (const id of candidates) {
      const session = id === undefined ? undefined : sessions.get(id);
      if (session !== undefined) return principalOf(session.user, 'credentials', session.id);
    }
    return null;
  }

  return async function identify(req) {
    const authorization = lookup(req.headers, 'authorization');
    if (authorization !== undefined) {
      const space = authorization.indexOf(' ');
      const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
      const credential = space < 0 ? '' : authorization.slice(space + 1).trim();
      if (scheme === 'bearer' && credential !== '') {
        const principal = await fromBearer(credential);
        if (principal !== null) return principal;
      }
      if (scheme === 'basic') return fromBasic(credential);
    }
    const headerKey = lookup(req.headers, 'x-api-key');
    if (headerKey !== undefined) return fromApiKey(headerKey);
    const queryKey = lookup(req.query, 'apikey');
    if (queryKey !== undefined) return fromApiKey(queryKey);
    const cookieHeader = raw(req.headers, 'cookie');
    // Node joins repeated Cookie headers into one string.
    const cookies = parseCookies(typeof cookieHeader === 'string' ? cookieHeader : undefined);
    const cookieToken = cookies[COOKIE.accessToken];
    if (cookieToken !== undefined) {
      const principal = await fromTokenCookie(cookieToken);
      if (principal !== null) return principal;
    }
    return fromSession(req, cookies);
  };
}
