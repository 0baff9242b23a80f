/**
 * The admin endpoints the QA dashboard needs beyond the rest of the admin API (README "QA dashboard"):
 * each API's operations with their request schemas, the users (never their passwords) and a sign-in as
 * one of them, one state record read, replaced (checked against its DTO schema) or deleted, and the
 * scenarios' data counts and rules. Registered by admin/routes.ts, so they share its session scoping
 * and error handling.
 */
import type { Request, Router } from 'express';
import { errors } from '../errors.js';
import { isPlainObject } from '../formats/schema-walk.js';
import { sessionOf } from '../http/call.js';
import type { ScenarioCatalog } from '../scenarios/model.js';
import { lookupIn, schemaProblems } from '../scenarios/schema-problems.js';
import { problemsError } from '../scenarios/validate.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { AppDeps } from '../server/create-app.js';
import { TENANT_KEY, type Entity, type Scope } from '../store/index.js';

/** An operation as the dashboard's Operations section and its "Try it" form show it. */
export interface OperationView {
  name: string;
  request: string;
  response: string | null;
  routes: { path: string; verbs: string[] }[];
  verb: string;
  auth: { required: boolean; roles: string[]; anyRoles: string[]; permissions: string[] };
  tenantProperty: string | null;
  /** The request DTO's schema, `$ref`s left as they are (`schemas` of the API resolves them). */
  requestSchema: unknown;
}

export interface ApiView {
  id: string;
  /** Where the API is served on this server: `/billiecart`, or '' for the API at `/`. */
  base: string;
  operations: OperationView[];
  /** Stored resources by DTO type: their id property, and whether requests see them per tenant. */
  resources: Record<string, { idProperty: string; idType: string; tenanted: boolean }>;
}

export const apiViews = (apis: ApiSchemas[], rootApi: string | undefined): ApiView[] =>
  apis.map((api) => {
    const resources: ApiView['resources'] = {};
    for (const op of api.manifest.operations) {
      if (!op.state) continue;
      const known = resources[op.state.resource];
      resources[op.state.resource] = {
        idProperty: op.state.idProperty,
        idType: op.state.idType,
        tenanted: (known?.tenanted ?? false) || op.tenantProperty !== null,
      };
    }
    return {
      id: api.id,
      base: rootApi === api.id ? '' : `/${api.id}`,
      resources,
      operations: api.manifest.operations.map((op) => ({
        name: op.name,
        request: op.request,
        response: op.response,
        routes: op.routes.map((r) => ({ path: r.path, verbs: r.verbs.length ? r.verbs : ['ANY'] })),
        verb: op.primaryVerb,
        auth: {
          required: op.auth.required,
          roles: op.auth.roles,
          anyRoles: op.auth.anyRoles,
          permissions: op.auth.permissions,
        },
        tenantProperty: op.tenantProperty,
        requestSchema: api.schemas.get(op.request) ?? null,
      })),
    };
  });

/** A scenario's records per API and resource, and its rules, for the Scenarios section; a broken file says why. */
const scenarioDetail = async (catalog: ScenarioCatalog, name: string) => {
  try {
    const scenario = await catalog.load(name);
    const counts: Record<string, Record<string, number>> = {};
    for (const [api, byType] of Object.entries(scenario.data ?? {}))
      counts[api] = Object.fromEntries(Object.entries(byType).map(([type, records]) => [type, records.length]));
    return { counts, rules: scenario.rules ?? [], users: (scenario.users ?? []).map((u) => u.userName) };
  } catch (err) {
    return { counts: {}, rules: [], users: [], problem: (err as Error).message.replace(/^\[ssmock\] /, '') };
  }
};

/** `GET /__ssmock/scenarios`' list with each scenario's data counts, rules and users. */
export const scenariosWithDetail = async (catalog: ScenarioCatalog) =>
  Promise.all((await catalog.list()).map(async (s) => ({ ...s, ...(await scenarioDetail(catalog, s.name)) })));

/** Where one record lives, from `/state/:api/:resource/:id?tenant=`; 404 for an API or resource nobody stores. */
const recordAddress = (apis: ApiSchemas[], params: Record<string, unknown>, query: Record<string, unknown>) => {
  const apiId = String(params['api']);
  const resource = String(params['resource']);
  const api = apis.find((a) => a.id === apiId);
  if (!api) throw errors.adminNotFound(`No API '${apiId}' is served (known: ${apis.map((a) => a.id).join(', ')})`);
  const binding = api.manifest.operations.find((o) => o.state?.resource === resource)?.state;
  if (!binding) throw errors.adminNotFound(`No operation of ${apiId} stores ${resource} records`);
  const tenant = typeof query['tenant'] === 'string' ? query['tenant'] : '';
  return { api, resource, id: String(params['id']), tenant, idProperty: binding.idProperty };
};

/** The record's mistakes against its DTO schema, each with its path (`bankAccount.bsbNumber: …`). */
const recordProblems = (api: ApiSchemas, resource: string, record: Entity, idProperty: string, id: string) => {
  const lookup = lookupIn(api.schemas.get(resource), (ref) => api.resolve(ref));
  const out = schemaProblems(api.validator(resource)?.(record) ?? [], record, lookup);
  const sent = record[idProperty];
  if (sent !== undefined && String(sent) !== id)
    out.push(`${idProperty}: is the record's id and cannot change (it is '${id}', got '${String(sent)}')`);
  return out;
};

export const addDashboardRoutes = (router: Router, deps: AppDeps): void => {
  router.get('/operations', (_req, res) => {
    res.json({ apis: apiViews(deps.apis, deps.rootApi) });
  });

  router.get('/users', (_req, res) => {
    res.json({
      users: deps.users().map((u) => ({
        userName: u.userName,
        displayName: u.displayName,
        roles: u.roles,
        permissions: u.permissions ?? [],
      })),
    });
  });

  // The same sign-in as `POST /auth/credentials`, with the password the server holds: the page never sees it.
  router.post('/users/:userName/sign-in', async (req, res) => {
    const name = String(req.params['userName']);
    const user = deps.users().find((u) => u.userName.toLowerCase() === name.toLowerCase());
    if (!user) throw errors.adminNotFound(`No user '${name}'`);
    const { response } = await deps.authenticator.signIn({ userName: user.userName, password: user.password });
    res.json({ userName: response.userName, roles: response.roles ?? [], bearerToken: response.bearerToken });
  });

  const scopeOf = (req: Request, api: string, tenant: string): Scope => ({ api, session: sessionOf(req), tenant });

  router.get('/state/:api/:resource/:id', (req, res) => {
    const at = recordAddress(deps.apis, req.params, req.query as Record<string, unknown>);
    const record = deps.store.get(scopeOf(req, at.api.id, at.tenant), at.resource, at.id);
    if (!record) throw errors.adminNotFound(`No ${at.resource} '${at.id}' in ${at.api.id}${tenantText(at.tenant)}`);
    res.json(record);
  });

  // Replaces the whole record (fields left out are removed); the id stays.
  router.put('/state/:api/:resource/:id', async (req, res) => {
    const at = recordAddress(deps.apis, req.params, req.query as Record<string, unknown>);
    const body: unknown = req.body;
    if (!isPlainObject(body)) throw errors.adminBadRequest(`PUT expects the ${at.resource} record as a JSON object`);
    const { [TENANT_KEY]: _tenant, ...record } = body;
    const problems = recordProblems(at.api, at.resource, record, at.idProperty, at.id);
    if (problems.length) throw problemsError(`The ${at.resource} record is not valid`, problems);
    const scope = scopeOf(req, at.api.id, at.tenant);
    const before = deps.store.get(scope, at.resource, at.id);
    if (!before) throw errors.adminNotFound(`No ${at.resource} '${at.id}' in ${at.api.id}${tenantText(at.tenant)}`);
    const removed = Object.fromEntries(Object.keys(before).map((k) => [k, undefined]));
    const saved = deps.store.update(scope, at.resource, at.id, {
      ...removed,
      ...record,
      [at.idProperty]: before[at.idProperty],
    });
    await deps.store.flush();
    res.json(saved);
  });

  router.delete('/state/:api/:resource/:id', async (req, res) => {
    const at = recordAddress(deps.apis, req.params, req.query as Record<string, unknown>);
    if (!deps.store.remove(scopeOf(req, at.api.id, at.tenant), at.resource, at.id))
      throw errors.adminNotFound(`No ${at.resource} '${at.id}' in ${at.api.id}${tenantText(at.tenant)}`);
    await deps.store.flush();
    res.json({ deleted: at.id });
  });
};

const tenantText = (tenant: string): string => (tenant ? ` (tenant '${tenant}')` : '');
