/**
 * The built-in auth operations (schema/builtin-operations.ts), answered from the bound DTO like any
 * operation: Authenticate signs in with credentials, returns the current session (`GET /auth`) or
 * signs out (`/auth/logout`, `DELETE /auth`); GetAccessToken refreshes a JWT.
 */
import type { Authenticator, SignInResult } from '../auth/authenticator.js';
import { COOKIE, parseCookies } from '../auth/cookies.js';
import { authenticateResponseOf } from '../auth/principal.js';
import { errors } from '../errors.js';
import type { Call } from '../http/call.js';
import type { Reply } from '../http/reply.js';
import { BUILTIN_OPERATIONS } from '../schema/builtin-operations.js';
import type { OperationManifest } from '../schema/manifest.js';
import { onlyDeclaredFields } from './declared-fields.js';

export type BuiltinHandler = (call: Call, dto: Record<string, unknown>, auth: Authenticator) => Promise<Reply>;

const CREDENTIALS_PROVIDERS = new Set(['credentials', 'login']);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** Logout ends whichever session the request names, even if its bearer token has expired. */
const logout = async (call: Call, auth: Authenticator): Promise<Reply> => {
  const principal = await auth.identify(call.req).catch(() => null);
  const cookies = parseCookies(call.req.headers.cookie);
  const named = [
    cookies[COOKIE.sessionId],
    cookies[COOKIE.permanentSessionId],
    call.req.get('X-ss-id'),
    call.req.get('X-ss-pid'),
  ];
  const deleted = auth.signOut(principal);
  for (const id of named) if (id !== undefined && id !== '') auth.signOut(id);
  return { status: 200, body: {}, typeName: 'AuthenticateResponse', cookies: deleted };
};

const authenticate: BuiltinHandler = async (call, dto, auth) => {
  const named = text(dto['provider']);
  // With no provider, a user name means the first provider (credentials), as ServiceStack's AuthenticateService does.
  const provider = named?.toLowerCase() ?? (text(dto['userName']) === undefined ? undefined : 'credentials');
  if (call.req.method === 'DELETE' || provider === 'logout') return logout(call, auth);
  if (provider === undefined) {
    const principal = await auth.identify(call.req);
    if (principal === null) throw errors.unauthorized();
    // Basic credentials sign in on the request itself: a session and tokens, as after a credentials sign-in.
    const started = principal.authProvider === 'basic' ? await auth.sessionFor(principal) : null;
    if (started !== null) return signedIn(started);
    return { status: 200, body: authenticateResponseOf(principal), typeName: 'AuthenticateResponse' };
  }
  if (!CREDENTIALS_PROVIDERS.has(provider)) throw errors.unknownAuthProvider(named ?? provider);
  // ServiceStack refuses credentials sign-in over GET (AuthFeature.AllowGetAuthenticateRequests).
  if (call.req.method === 'GET') throw errors.getAuthenticateNotAllowed();
  const result = await auth.signIn({
    userName: text(dto['userName']) ?? '',
    password: text(dto['password']) ?? '',
    rememberMe: dto['rememberMe'] === true,
  });
  return signedIn(result);
};

const signedIn = (result: SignInResult): Reply => ({
  status: 200,
  body: result.response,
  typeName: 'AuthenticateResponse',
  cookies: result.cookies,
  // Tells @servicestack/client the refresh token is also in a cookie, so it auto-refreshes from it.
  headers: { 'X-Cookies': `${COOKIE.accessToken},${COOKIE.refreshToken}` },
});

const getAccessToken: BuiltinHandler = async (call, dto, auth) => {
  const refreshToken = text(dto['refreshToken']) ?? parseCookies(call.req.headers.cookie)[COOKIE.refreshToken];
  // Only null or empty is "missing" (string.IsNullOrEmpty); anything else is read as a token.
  if (refreshToken === undefined || refreshToken === '') throw errors.refreshTokenMissing();
  const accessToken = await auth.refresh(refreshToken);
  return {
    status: 200,
    body: { accessToken },
    typeName: 'GetAccessTokenResponse',
    cookies: [{ name: COOKIE.accessToken, value: accessToken, httpOnly: true }],
  };
};

const HANDLERS: Record<string, BuiltinHandler> = { Authenticate: authenticate, GetAccessToken: getAccessToken };

/** The handler of a built-in operation; undefined for derived ones (even one that shares a built-in's name). */
export const builtinHandlerOf = (operation: OperationManifest): BuiltinHandler | undefined => {
  const handler = BUILTIN_OPERATIONS.includes(operation) ? HANDLERS[operation.name] : undefined;
  // The answer has the members of the API's own response DTO where its files define one (declared-fields.ts).
  return handler && (async (call, dto, auth) => onlyDeclaredFields(call.api, await handler(call, dto, auth)));
};
