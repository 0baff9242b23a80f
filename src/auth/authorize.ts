/**
 * Role and permission checks, answered as the marking ServiceStack runs (README, Auth):
 * - `attribute` (`[Authenticate]`, `[RequiredRole]`, `[RequiresAnyRole]`, `[RequiredPermission]`,
 *   `[RequiresAnyPermission]`): the filter short-circuits with an empty body — 401 with
 *   `WWW-Authenticate` (AuthProvider.OnFailedAuthentication), 403 with the reason phrase
 *   "Invalid Role" / "Invalid Permission" (RequiredRoleAttribute, RequiredPermissionAttribute, via
 *   ServiceStackHost.HandleShortCircuitedErrors); `@servicestack/client` then reports errorCode
 *   "401"/"403" and the reason phrase as message.
 * - `validator` (`[ValidateIsAuthenticated]`, `[ValidateHasRole]`, `ValidateRequest("IsAuthenticated")`):
 *   a ResponseStatus with TypeValidators.cs's codes and messages (`403 Forbidden "manager Role Required"`).
 */
import type { AuthRequirement } from '../schema/manifest.js';
import { errors } from '../errors.js';
import type { Principal } from './principal.js';

/** ServiceStack's AuthUserSession lets `Admin` through every role and permission check. */
export const ADMIN_ROLE = 'Admin';

/** TypeValidators.cs pluralises: `a, b Roles Required`. */
const plural = (names: string[], noun: string): string => `${names.join(', ')} ${noun}${names.length > 1 ? 's' : ''}`;

/** The first refusal of `granted` against `needs` (every one) and `needsAny` (at least one), in the validators' words. */
function missing(granted: string[], needs: string[], needsAny: string[], noun: string): string | undefined {
  const absent = needs.find((name) => !granted.includes(name));
  if (absent !== undefined) return `${absent} ${noun} Required`;
  if (needsAny.length > 0 && !needsAny.some((name) => granted.includes(name)))
    return `Any of ${plural(needsAny, noun)} Required`;
  return undefined;
}

/**
 * Throws 401 when the operation needs a user and there is none, 403 when the
 * user lacks a role or permission. Role names match exactly, as ServiceStack's
 * `Roles.Contains` does. Listing roles or permissions implies authentication,
 * even if `required` was not set.
 */
export function authorize(principal: Principal | null, requirement: Partial<AuthRequirement> | undefined): void {
  const roles = requirement?.roles ?? [];
  const anyRoles = requirement?.anyRoles ?? [];
  const permissions = requirement?.permissions ?? [];
  const anyPermissions = requirement?.anyPermissions ?? [];
  const attribute = requirement?.style === 'attribute';
  const needsUser =
    requirement?.required === true || roles.length + anyRoles.length + permissions.length + anyPermissions.length > 0;
  if (!needsUser) return;
  if (principal === null) throw attribute ? errors.authRequired() : errors.unauthorized();
  if (principal.roles.includes(ADMIN_ROLE)) return;
  const roleRefusal = missing(principal.roles, roles, anyRoles, 'Role');
  if (roleRefusal !== undefined) throw attribute ? errors.roleRequired() : errors.forbidden(roleRefusal);
  const permissionRefusal = missing(principal.permissions, permissions, anyPermissions, 'Permission');
  if (permissionRefusal !== undefined)
    throw attribute ? errors.permissionRequired() : errors.forbidden(permissionRefusal);
}
