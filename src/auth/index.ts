/** The auth stage: accounts, tokens, sessions, the authenticator and its routes. */
export { ADMIN_ROLE, authorize } from './authorize.js';
export {
  createAuthenticator,
  type Authenticator,
  type AuthenticatorDeps,
  type SignInRequest,
  type SignInResult,
} from './authenticator.js';
export { COOKIE, parseCookies } from './cookies.js';
export type { AuthRequest } from './identify.js';
export type { AuthenticateResponse, AuthProviderName, Principal } from './principal.js';
export { createSessionStore, newSessionId, type Session, type SessionStore } from './sessions.js';
export {
  createTokenService,
  type AccessClaims,
  type RefreshClaims,
  type TokenResult,
  type TokenService,
  type TokenServiceOptions,
} from './tokens.js';
export { loadUsers, parseUsers, type User } from './users.js';
