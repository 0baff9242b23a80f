/**
 * What a round trip (a served page or DTO file → `ssmock derive` → a manifest) is compared on: the committed
 * manifest and schemas, and an operation's contract as far as the served form carries it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiManifest, OperationManifest } from '../src/schema/manifest.js';

export const readManifest = (root: string, id: string): ApiManifest =>
  JSON.parse(readFileSync(path.join(root, id, 'manifest.json'), 'utf8')) as ApiManifest;

/** A type's property names, sorted, from `<root>/<id>/types/<type>.json`. */
export const propertyNames = (root: string, id: string, type: string): string[] =>
  Object.keys(
    (
      JSON.parse(readFileSync(path.join(root, id, 'types', `${type}.json`), 'utf8')) as {
        properties?: Record<string, unknown>;
      }
    ).properties ?? {},
  ).sort();

/** What a served form may leave out: auth (TypeScript DTOs), AutoQuery bindings (languages that print no interfaces). */
export interface Carried {
  auth?: boolean;
  autoQuery?: boolean;
}

export const operationContract = (op: OperationManifest, { auth = true, autoQuery = true }: Carried = {}) => ({
  name: op.name,
  request: op.request,
  response: op.response,
  primaryVerb: op.primaryVerb,
  routes: op.routes,
  ...(auth
    ? {
        auth: {
          required: op.auth.required,
          roles: op.auth.roles,
          anyRoles: op.auth.anyRoles,
          permissions: op.auth.permissions,
          anyPermissions: op.auth.anyPermissions,
        },
      }
    : {}),
  ...(autoQuery ? { autoQuery: op.autoQuery } : {}),
});

/** The operations' contracts, sorted by name. */
export const byName = (ops: OperationManifest[], carried?: Carried) =>
  [...ops].sort((a, b) => a.name.localeCompare(b.name)).map((op) => operationContract(op, carried));
