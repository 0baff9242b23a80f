/**
 * Role and permission checks with ServiceStack's declarative-validator wording
 * (`[ValidateHasRole]` → 403 "manager Role Required"; README, Auth).
 */
import type { AuthRequirement } from '../schema/manifest.js';
import { errors } from '../errors.js';
import type { Principal } from './principal.js';

/** ServiceStack's AuthUserSession lets `Admin` through every role and permission check. */
export const ADMIN_ROLE = 'Admin';

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
  const needsUser =
    requirement?.required === true || roles.length + anyRoles.length + permissions.length + anyPermissions.length > 0;
  if (!needsUser) return;
  if (principal === null) throw errors.unauthorized();
  if (principal.roles.includes(ADMIN_ROLE)) return;

  const missingRole = roles.find((role) => !principal.roles.includes(role));
  if (missingRole !== undefined) throw errors.forbidden(`${missingRole} Role Required`);
  if (anyRoles.length > 0 && !anyRoles.some((role) => principal.roles.includes(role)))
    throw errors.forbidden(`Requires any of the roles: ${anyRoles.join(', ')}`);
  const missingPermission = permissions.find((perm) => !principal.permissions.includes(perm));
  if (missingPermission !== undefined) throw errors.forbidden(`${missingPermission} Permission Required`);
  if (anyPermissions.length > 0 && !anyPermissions.some((perm) => principal.permissions.includes(perm)))
    throw errors.forbidden(`Requires any of the permissions: ${anyPermissions.join(', ')}`);
}
