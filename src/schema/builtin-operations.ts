/**
 * The operations every ServiceStack host with AuthFeature serves whatever its pages say:
 * `Authenticate` and `GetAccessToken`, with their DTOs as ServiceStack declares them. They join
 * each API's route table and schemas at load, so they are bound, journalled, scripted, answered and
 * rendered by the same lifecycle as every derived operation (docs/architecture.md). A derived
 * operation or type of the same name wins.
 */
import type { JsonSchema } from './json-schema.js';
import { schemaId, type OperationManifest, type Route } from './manifest.js';

const NO_AUTH = { required: false, roles: [], anyRoles: [], permissions: [], anyPermissions: [] };
const SERVICESTACK_NS = 'http://schemas.servicestack.net/types';

/** A built-in operation: anonymous, untenanted, stateless, from no page. */
const builtin = (name: string, routes: Route[]): OperationManifest => ({
  name,
  request: name,
  response: `${name}Response`,
  routes,
  primaryVerb: 'POST',
  auth: NO_AUTH,
  tenantProperty: null,
  parameters: {},
  state: null,
  autoQuery: null,
  sources: [],
});

/** The auth endpoints' user routes (the predefined `/api/Authenticate` … come with every operation). */
export const BUILTIN_OPERATIONS: readonly OperationManifest[] = [
  builtin('Authenticate', [
    { path: '/auth', verbs: ['GET', 'POST', 'DELETE'] },
    { path: '/auth/{provider}', verbs: ['GET', 'POST', 'DELETE'] },
  ]),
  builtin('GetAccessToken', [{ path: '/access-token', verbs: ['GET', 'POST'] }]),
];

const str = { type: 'string', 'x-dotnet-type': 'string' } as const;
const bool = { type: 'boolean', 'x-dotnet-type': 'bool' } as const;
const strings = { type: 'array', items: str } as const;
const meta = { type: 'object', additionalProperties: str } as const;
const responseStatus = { $ref: 'ResponseStatus.json' } as const;

const dto = (api: string, title: string, properties: Record<string, unknown>): JsonSchema =>
  ({
    $id: schemaId(api, title),
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    type: 'object',
    additionalProperties: false,
    properties,
    'x-xml-namespace': SERVICESTACK_NS,
  }) as JsonSchema;

/** ServiceStack's Authenticate, GetAccessToken and their responses (ServiceStack.Interfaces), as JSON Schemas of `api`. */
export const builtinSchemas = (api: string): JsonSchema[] => [
  dto(api, 'Authenticate', {
    provider: str,
    userName: str,
    password: str,
    rememberMe: { ...bool, 'x-nullable': true },
    accessToken: str,
    accessTokenSecret: str,
    returnUrl: str,
    errorView: str,
    meta,
  }),
  dto(api, 'AuthenticateResponse', {
    userId: str,
    sessionId: str,
    userName: str,
    displayName: str,
    referrerUrl: str,
    bearerToken: str,
    refreshToken: str,
    profileUrl: str,
    roles: strings,
    permissions: strings,
    authProvider: str,
    responseStatus,
    meta,
  }),
  dto(api, 'GetAccessToken', { refreshToken: str, useTokenCookie: { ...bool, 'x-nullable': true }, meta }),
  dto(api, 'GetAccessTokenResponse', { accessToken: str, meta, responseStatus }),
];

/** Credentials the journal never keeps in clear (ServiceStack's request logs hide Authenticate bodies likewise). */
const SECRETS: Record<string, readonly string[]> = {
  Authenticate: ['password', 'accessToken', 'accessTokenSecret'],
  GetAccessToken: ['refreshToken'],
};

/** A request DTO as the journal may show it: credentials masked. */
export const journalled = (operation: string, dto: Record<string, unknown>): Record<string, unknown> => {
  const secrets = SECRETS[operation];
  if (!secrets?.some((name) => dto[name] !== undefined)) return dto;
  const masked = { ...dto };
  for (const name of secrets) if (masked[name] !== undefined) masked[name] = '***';
  return masked;
};
