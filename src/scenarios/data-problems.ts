/**
 * Seed records (a scenario's `data`, or the body of `PUT /__ssmock/state`)
 * checked against the APIs: the API and resource exist, every record validates
 * against its DTO schema, `$tenant` only where requests can see it, ids unique.
 */
import { isPlainObject } from '../formats/schema-walk.js';
import type { ApiSchemas } from '../schema/registry.js';
import { TENANT_KEY } from '../store/index.js';
import { joinPath, lookupIn, schemaProblems } from './schema-problems.js';

/** The resources an API stores (an operation's state binding names them), with whether any of their operations is tenanted. */
const resourcesOf = (api: ApiSchemas): Map<string, { idProperty: string; tenanted: boolean }> => {
  const out = new Map<string, { idProperty: string; tenanted: boolean }>();
  for (const op of api.manifest.operations) {
    if (!op.state) continue;
    const known = out.get(op.state.resource);
    out.set(op.state.resource, {
      idProperty: op.state.idProperty,
      tenanted: (known?.tenanted ?? false) || op.tenantProperty !== null,
    });
  }
  return out;
};

const recordProblems = (
  api: ApiSchemas,
  type: string,
  records: unknown[],
  at: string,
  tenanted: boolean,
  idProperty: string,
): string[] => {
  const validate = api.validator(type);
  const lookup = lookupIn(api.schemas.get(type), (ref) => api.resolve(ref));
  const seen = new Map<string, number>();
  const out: string[] = [];
  records.forEach((record, i) => {
    const here = `${at}[${i}]`;
    if (!isPlainObject(record)) return;
    const { [TENANT_KEY]: tenant, ...dto } = record;
    if (tenant !== undefined && !tenanted)
      out.push(
        `${joinPath(here, TENANT_KEY)}: ${type} is not tenanted in ${api.id} (no operation on it takes an organisation), so no request would see this record`,
      );
    out.push(...schemaProblems(validate?.(dto) ?? [], dto, lookup, here));
    const id = dto[idProperty];
    if (id === undefined || id === null) return;
    const key = `${typeof tenant === 'string' ? tenant : ''}\u0000${String(id)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push(`${joinPath(here, idProperty)}: repeats the id of ${at}[${first}] ('${String(id)}')`);
  });
  return out;
};

/** Mistakes in seed data, each with its path after `prefix` (`data`, or '' for a state snapshot). */
export const dataProblems = (data: unknown, apis: ApiSchemas[], prefix = 'data'): string[] => {
  if (!isPlainObject(data)) return [];
  const out: string[] = [];
  for (const [apiId, byType] of Object.entries(data)) {
    const atApi = joinPath(prefix, apiId);
    const api = apis.find((a) => a.id === apiId);
    if (!api) {
      out.push(`${atApi}: no API '${apiId}' is served (known: ${apis.map((a) => a.id).join(', ')})`);
      continue;
    }
    if (!isPlainObject(byType)) continue;
    const resources = resourcesOf(api);
    const names = [...resources.keys()].join(', ');
    for (const [type, records] of Object.entries(byType)) {
      const at = joinPath(atApi, type);
      const resource = resources.get(type);
      if (!api.validator(type)) out.push(`${at}: no DTO type '${type}' in ${api.id} (resources: ${names})`);
      else if (!resource) out.push(`${at}: no operation of ${api.id} stores ${type} records (resources: ${names})`);
      else if (Array.isArray(records))
        out.push(...recordProblems(api, type, records, at, resource.tenanted, resource.idProperty));
    }
  }
  return out;
};
