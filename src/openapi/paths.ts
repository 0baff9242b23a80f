/**
 * Manifest routes → OpenAPI path items: one operation per (route, verb), parameters typed from
 * the request DTO, the response DTO under 200 (204 for void) and ServiceStack's error body under
 * `default`.
 */
import { ALL_VERBS, type Verb } from '../schema/manifest.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { componentRef, toComponent } from './components.js';
import type {
  HttpMethod,
  OpenApiSchema,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ResponseObject,
  SecurityRequirement,
} from './types.js';

const JSON_TYPE = 'application/json';

/** Verbs whose DTO travels in the body; GET and DELETE carry it in the query string, as `@servicestack/client` sends it. */
const BODY_VERBS: ReadonlySet<Verb> = new Set(['POST', 'PUT', 'PATCH']);

/** `{Path*}` (ServiceStack's wildcard) → `{Path}`: OpenAPI templates hold names only. */
export const openApiPath = (route: string): string => route.replace(/\{([^}*]+)\*\}/g, '{$1}');

export const pathVariables = (route: string): string[] =>
  [...openApiPath(route).matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

/** The (path, verb) entries an operation answers on; an operation without user routes is documented at its predefined route. */
export const routeEntries = (op: OperationManifest): { path: string; verb: Verb }[] => {
  if (op.routes.length === 0) return [{ path: `/api/${op.name}`, verb: 'POST' }];
  return op.routes.flatMap((r) =>
    (r.verbs.length ? r.verbs : ALL_VERBS).map((verb) => ({ path: openApiPath(r.path), verb })),
  );
};

/** The property a route variable binds to: case-insensitively, as ServiceStack binds it. */
const findProperty = (schema: JsonSchema | undefined, name: string): [string, JsonSchema] | undefined =>
  Object.entries(schema?.properties ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());

const parameters = (request: JsonSchema | undefined, path: string, inQuery: boolean): ParameterObject[] => {
  const vars = pathVariables(path);
  const params: ParameterObject[] = vars.map((name) => {
    const prop = findProperty(request, name);
    return { name, in: 'path', required: true, schema: prop ? toComponent(prop[1]) : { type: 'string' } };
  });
  if (!inQuery) return params;
  const bound = new Set(vars.map((v) => findProperty(request, v)?.[0]).filter((k) => k !== undefined));
  const required = new Set(request?.required ?? []);
  for (const [name, schema] of Object.entries(request?.properties ?? {})) {
    if (bound.has(name)) continue;
    const param: ParameterObject = { name, in: 'query', required: required.has(name), schema: toComponent(schema) };
    if (schema.description) param.description = schema.description;
    params.push(param);
  }
  return params;
};

/**
 * The JSON body of a (route, verb): the request DTO, except that properties the route binds from its path are not
 * required in the body (ServiceStack fills them from the URL, and clients such as Prism's validating proxy would
 * otherwise reject `PUT /customers/{Id}/…` whose body leaves `id` out). Such a route gets its own copy of the
 * schema; every other one refers to the component.
 */
const bodySchema = (op: OperationManifest, request: JsonSchema | undefined, path: string): JsonSchema => {
  const bound = new Set(pathVariables(path).map((v) => findProperty(request, v)?.[0]));
  const required = request?.required ?? [];
  if (!request || !required.some((name) => bound.has(name))) return componentRef(op.request);
  const body = toComponent(request);
  const stillRequired = required.filter((name) => !bound.has(name));
  if (stillRequired.length) body.required = stillRequired;
  else delete body.required;
  return body;
};

export const requiresAuth = (op: OperationManifest): boolean => {
  const a = op.auth;
  return a.required || a.roles.length + a.anyRoles.length + a.permissions.length + a.anyPermissions.length > 0;
};

/**
 * What a 200 carries. An operation whose response is the resource itself lists as a bare JSON array (README,
 * "Decisions where the contract is silent"): always for a `list` verb, and for `read-or-list` on a route that does
 * not bind the id from its path (`GET /Customer` lists, `GET /Customer?id=1` reads one).
 */
const successSchema = (op: OperationManifest, response: string, path: string, verb: Verb): OpenApiSchema => {
  const one = componentRef(response);
  const state = op.state;
  const effect = state?.effects[verb];
  if (!state || state.resultProperty !== null || (effect !== 'list' && effect !== 'read-or-list')) return one;
  const many: JsonSchema = { type: 'array', items: componentRef(response) };
  if (effect === 'list') return many;
  const idInPath = pathVariables(path).some((v) => v.toLowerCase() === state.idProperty.toLowerCase());
  return idInPath ? one : { anyOf: [one, many] };
};

const responses = (
  api: ApiSchemas,
  op: OperationManifest,
  path: string,
  verb: Verb,
): Record<string, ResponseObject> => {
  const success: Record<string, ResponseObject> = op.response
    ? {
        '200': {
          description: 'Success',
          content: { [JSON_TYPE]: { schema: successSchema(op, op.response, path, verb) } },
        },
      }
    : { '204': { description: 'No Content (void operation)' } };
  const error = { [JSON_TYPE]: { schema: componentRef('ErrorResponse') } };
  const auth = op.auth;
  const needsRole = auth.roles.length + auth.anyRoles.length + auth.permissions.length + auth.anyPermissions.length > 0;
  return {
    ...success,
    // ServiceStack's [Authenticate]/[RequiredRole] answer with an empty body, so no content here.
    ...(requiresAuth(op) ? { '401': { description: 'Not authenticated (ServiceStack sends no body)' } } : {}),
    ...(needsRole
      ? { '403': { description: 'Missing a required role or permission (ServiceStack sends no body)' } }
      : {}),
    default: { description: `Error: ServiceStack's ResponseStatus (${api.manifest.title})`, content: error },
  };
};

/** Any one of the ways the mock accepts credentials will do. A fresh copy per operation: callers may edit the document. */
const security = (): SecurityRequirement[] => [{ bearerAuth: [] }, { basicAuth: [] }, { apiKey: [] }];

/** Keys in the order people read an operation: what it is, what it takes, what it answers, who may call it. */
const operation = (
  api: ApiSchemas,
  op: OperationManifest,
  path: string,
  verb: Verb,
  operationId: string,
): OperationObject => {
  const request = api.schemas.get(op.request);
  const inBody = BODY_VERBS.has(verb);
  const params = parameters(request, path, !inBody);
  const needsAuth = requiresAuth(op);
  const { roles, anyRoles, permissions, anyPermissions } = op.auth;
  return {
    operationId,
    summary: request?.description ?? op.name,
    tags: [op.state?.resource ?? op.name],
    ...(params.length ? { parameters: params } : {}),
    ...(inBody ? { requestBody: { content: { [JSON_TYPE]: { schema: bodySchema(op, request, path) } } } } : {}),
    responses: responses(api, op, path, verb),
    ...(needsAuth ? { security: security() } : {}),
    ...(needsAuth && roles.length ? { 'x-roles': roles } : {}),
    ...(needsAuth && anyRoles.length ? { 'x-any-roles': anyRoles } : {}),
    ...(needsAuth && permissions.length ? { 'x-permissions': permissions } : {}),
    ...(needsAuth && anyPermissions.length ? { 'x-any-permissions': anyPermissions } : {}),
    'x-request-type': op.request,
  };
};

/** `Customer` alone when it has one entry; `Customer_get` when several; more suffixes only where still ambiguous. */
const uniqueId = (taken: Set<string>, op: OperationManifest, path: string, verb: Verb, several: boolean): string => {
  const base = several ? `${op.name}_${verb.toLowerCase()}` : op.name;
  const vars = pathVariables(path);
  const candidates = [base, ...(vars.length ? [`${base}_by_${vars.join('_')}`] : [])];
  let id = candidates.find((c) => !taken.has(c));
  for (let n = 2; !id; n++) if (!taken.has(`${base}_${n}`)) id = `${base}_${n}`;
  taken.add(id);
  return id;
};

/** Every operation's routes as path items. Two operations claiming the same (path, verb): the first keeps it, as ServiceStack's first matching route would. */
export const buildPaths = (api: ApiSchemas): Record<string, PathItemObject> => {
  const paths: Record<string, PathItemObject> = {};
  const taken = new Set<string>();
  for (const op of api.manifest.operations) {
    const entries = routeEntries(op);
    for (const { path, verb } of entries) {
      const method = verb.toLowerCase() as HttpMethod;
      const item = (paths[path] ??= {});
      if (item[method]) continue;
      item[method] = operation(api, op, path, verb, uniqueId(taken, op, path, verb, entries.length > 1));
    }
  }
  return paths;
};
