/**
 * Chaining interactions: a create's answer feeds later requests. A request string that is exactly
 * `{{Resource.field}}` (e.g. `{{Customer.id}}`) becomes that field of the last `Resource` this run
 * created, keeping its JSON type (an integer id stays an integer). `{{Resource.$tenant}}` is the
 * tenant (organisationId) that create was sent with: tenanted state is only visible to its tenant.
 */
import type { Verb } from '../schema/manifest.js';
import type { OperationManifest } from '../schema/manifest.js';

const PLACEHOLDER = /^\{\{\s*([A-Za-z_]\w*)\.([A-Za-z_$][\w$]*)\s*\}\}$/;

/** The field under which a created entity remembers the tenant its create named: `{{Customer.$tenant}}`. */
export const TENANT_FIELD = '$tenant';

export const placeholder = (resource: string, field: string): string => `{{${resource}.${field}}}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Chain {
  /** Resource type (lower-cased: names match case-insensitively, as ServiceStack binds them) → the last created entity. */
  private readonly created = new Map<string, Record<string, unknown>>();

  /** Remembers the entity a successful create answered with, and the tenant it was created under. */
  record(op: OperationManifest, verb: Verb, body: unknown, request: Record<string, unknown>): void {
    const state = op.state;
    if (!state || state.effects[verb] !== 'create' || !isObject(body)) return;
    const entity = state.resultProperty ? body[state.resultProperty] : body;
    if (!isObject(entity)) return;
    const tenant = op.tenantProperty ? request[op.tenantProperty] : undefined;
    this.created.set(
      state.resource.toLowerCase(),
      tenant === undefined ? entity : { ...entity, [TENANT_FIELD]: tenant },
    );
  }

  /** The request with placeholders filled in; `unresolved` lists those nothing created yet (sent as written). */
  resolve(request: Record<string, unknown>): { request: Record<string, unknown>; unresolved: string[] } {
    const unresolved: string[] = [];
    const walk = (value: unknown): unknown => {
      if (typeof value === 'string') {
        const m = PLACEHOLDER.exec(value);
        if (!m) return value;
        const entity = this.created.get(m[1]!.toLowerCase());
        const key = entity && Object.keys(entity).find((k) => k.toLowerCase() === m[2]!.toLowerCase());
        if (entity && key !== undefined) return entity[key];
        // Created without a tenant: the later call names none either (undefined values are not sent).
        if (entity && m[2] === TENANT_FIELD) return undefined;
        unresolved.push(value);
        return value;
      }
      if (Array.isArray(value)) return value.map(walk);
      if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
      return value;
    };
    return { request: walk(request) as Record<string, unknown>, unresolved };
  }
}
