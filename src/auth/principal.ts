/**
 * Who a request acts as, whatever credential it came with, and the
 * AuthenticateResponse DTO (ServiceStack's, camelCased) built from it.
 */
import type { User } from './users.js';

/** ServiceStack's `authProvider` names for the ways a principal can be established. */
export type AuthProviderName = 'credentials' | 'jwt' | 'basic' | 'apikey';

export interface Principal {
  userId: string;
  userName: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  /** The server-side session, when there is one (ss-id cookie, or the `jid` of a JWT). */
  sessionId?: string;
  authProvider: AuthProviderName;
}

/** Camel-cased as on a ServiceStack host; absent members are omitted, as ServiceStack omits nulls. */
export interface AuthenticateResponse {
  userId?: string;
  sessionId?: string;
  userName?: string;
  displayName?: string;
  bearerToken?: string;
  refreshToken?: string;
  roles?: string[];
  permissions?: string[];
  authProvider?: string;
}

export const principalOf = (user: User, authProvider: AuthProviderName, sessionId?: string): Principal => ({
  userId: user.userId,
  userName: user.userName,
  displayName: user.displayName,
  roles: [...user.roles],
  permissions: [...(user.permissions ?? [])],
  ...(sessionId === undefined ? {} : { sessionId }),
  authProvider,
});

export const authenticateResponseOf = (principal: Principal): AuthenticateResponse => ({
  userId: principal.userId,
  ...(principal.sessionId === undefined ? {} : { sessionId: principal.sessionId }),
  userName: principal.userName,
  displayName: principal.displayName,
  roles: principal.roles,
  permissions: principal.permissions,
  authProvider: principal.authProvider,
});
