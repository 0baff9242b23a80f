/**
 * The auth facade the HTTP layer uses: who is calling (identify), may they
 * (authorize), and the credentials sign-in, sign-out and token refresh that
 * ServiceStack's AuthenticateService and GetAccessToken service perform.
 */
import type { AuthRequirement } from '../schema/manifest.js';
import { errors, type FieldError } from '../errors.js';
import type { ReplyCookie } from '../http/reply.js';
import { authorize } from './authorize.js';
import { COOKIE, TWENTY_YEARS_SECONDS, deletedAuthCookies } from './cookies.js';
import { createIdentify, findByCredentials, invalidCredentials, type AuthRequest } from './identify.js';
import { principalOf, type AuthProviderName, type AuthenticateResponse, type Principal } from './principal.js';
import { readRefreshToken } from './jwt-reader.js';
import { newSessionId, type SessionStore } from './sessions.js';
import type { TokenService } from './tokens.js';
import type { User } from './users.js';

export interface AuthenticatorDeps {
  /** A getter, not a list: the active scenario can add users at run time. */
  users: () => User[];
  tokens: TokenService;
  sessions: SessionStore;
}

export interface SignInRequest {
  userName?: string;
  password?: string;
  rememberMe?: boolean;
}

export interface SignInResult {
  response: AuthenticateResponse;
  cookies: ReplyCookie[];
}

export interface Authenticator {
  /** The caller, or null when anonymous. Throws 401 for credentials that are present but wrong. */
  identify(req: AuthRequest): Promise<Principal | null>;
  /** Throws 401 (no principal) or 403 (missing role/permission) when `requirement` is not met. */
  authorize(principal: Principal | null, requirement: Partial<AuthRequirement> | undefined): void;
  signIn(request: SignInRequest): Promise<SignInResult>;
  /** A session and tokens for a caller who authenticated with the request itself (Basic); null if the user is gone. */
  sessionFor(principal: Principal): Promise<SignInResult | null>;
  /** Ends the session (if any) and returns the cookies to delete. */
  signOut(target: Principal | string | null): ReplyCookie[];
  /** A fresh access token for a valid refresh token; ServiceStack's ArgumentException/TokenException otherwise (refresh-token.ts). */
  refresh(refreshToken: string): Promise<string>;
}

/** FluentValidation's NotEmpty, as ServiceStack's credentials validator reports it. */
const notEmpty = (fieldName: string, displayName: string): FieldError => ({
  errorCode: 'NotEmpty',
  fieldName,
  message: `'${displayName}' must not be empty.`,
});

function validateCredentials(request: SignInRequest): void {
  const fieldErrors: FieldError[] = [];
  if ((request.userName ?? '').trim() === '') fieldErrors.push(notEmpty('UserName', 'User Name'));
  if ((request.password ?? '') === '') fieldErrors.push(notEmpty('Password', 'Password'));
  if (fieldErrors.length === 0) return;
  throw errors.credentialsInvalid(fieldErrors);
}

export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const { users, tokens, sessions } = deps;

  async function signIn(request: SignInRequest): Promise<SignInResult> {
    validateCredentials(request);
    const user = findByCredentials(users(), request.userName ?? '', request.password ?? '');
    if (user === undefined) throw invalidCredentials();
    return startSession(user, 'credentials', request.rememberMe === true);
  }

  /**
   * A Basic-authenticated `GET /auth`: BasicAuthProvider.PreAuthenticateAsync signs the caller in
   * (a session under ss-id/ss-pid) and JwtAuthProvider.ExecuteAsync adds bearer and refresh tokens
   * to the AuthenticateResponse, as after a credentials sign-in.
   */
  async function sessionFor(principal: Principal): Promise<SignInResult | null> {
    const user = users().find((candidate) => candidate.userId === principal.userId);
    return user === undefined ? null : startSession(user, principal.authProvider, false);
  }

  async function startSession(user: User, provider: AuthProviderName, rememberMe: boolean): Promise<SignInResult> {
    // Fresh ids on every sign-in (GenerateNewSessionCookiesOnAuthentication) against session fixation.
    const tempId = newSessionId();
    const permId = newSessionId();
    const session = sessions.create(user, rememberMe ? permId : tempId);
    const bearerToken = await tokens.issueAccess(user, session.id);
    const refreshToken = await tokens.issueRefresh(user);
    const principal = principalOf(user, provider, session.id);
    // Tokens stay in the body (UseTokenCookie=false style) because the JS client and
    // front ends read `bearerToken`; they are also set as cookies for browser flows.
    const response: AuthenticateResponse = {
      userId: principal.userId,
      sessionId: session.id,
      userName: principal.userName,
      displayName: principal.displayName,
      bearerToken,
      refreshToken,
      roles: principal.roles,
      permissions: principal.permissions,
      authProvider: provider,
    };
    const cookies: ReplyCookie[] = [
      { name: COOKIE.sessionId, value: tempId, httpOnly: true },
      { name: COOKIE.permanentSessionId, value: permId, maxAge: TWENTY_YEARS_SECONDS, httpOnly: true },
      {
        name: COOKIE.sessionOptions,
        value: rememberMe ? 'perm' : 'temp',
        maxAge: TWENTY_YEARS_SECONDS,
        httpOnly: true,
      },
      { name: COOKIE.accessToken, value: bearerToken, maxAge: tokens.accessTtlSeconds, httpOnly: true },
      { name: COOKIE.refreshToken, value: refreshToken, maxAge: tokens.refreshTtlSeconds, httpOnly: true },
    ];
    return { response, cookies };
  }

  function signOut(target: Principal | string | null): ReplyCookie[] {
    const sessionId = typeof target === 'string' ? target : target?.sessionId;
    if (sessionId !== undefined) sessions.delete(sessionId);
    return deletedAuthCookies();
  }

  async function refresh(refreshToken: string): Promise<string> {
    const sub = readRefreshToken(refreshToken, tokens);
    // Reload the user by id so the new token carries today's roles, as ServiceStack reloads the UserAuth.
    const user = users().find((candidate) => candidate.userId === sub);
    if (user === undefined) throw errors.userGone();
    // ServiceStack mints a new session id for a refreshed token; it is not a stored session.
    return tokens.issueAccess(user, newSessionId());
  }

  return { identify: createIdentify(deps), authorize, signIn, sessionFor, signOut, refresh };
}
