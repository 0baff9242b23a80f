/**
 * `GET <base>/metadata/app.json` (and `/api/MetadataApp`, which `@servicestack/vue`'s `useMetadata` asks first
 * through its client): ServiceStack's `AppMetadata` as `MetadataAppService` answers it (MetadataFeature.cs,
 * `ToAppMetadata`) — `app`, `config`, `contentTypeFormats`, `httpHandlers`, `plugins` (what AuthFeature and
 * AutoQueryFeature add: auth providers, AutoQuery's `maxLimit` and viewer conventions), `customPlugins`, and `api`:
 * the API's `MetadataTypes` (`/types/metadata`) without its `config`, which `useMetadata`'s `typeOf`/`apiOf` and
 * the AutoQuery components look types and operations up in.
 *
 * And `GET <base>/api`: the API index ServiceStack's JSON API route answers (`PredefinedRoutesFeature.ApiIndex`):
 * the operations by tag, each with the C# name of what it returns and links to `/api/{Op}` and `/ui/{Op}`.
 */
import { AUTOQUERY_MAX_LIMIT } from '../handlers/autoquery.js';
import { BUILTIN_OPERATIONS } from '../schema/builtin-operations.js';
import type { ApiSchemas } from '../schema/registry.js';
import { chosenNames, declaredTypes, genericName, type DtoOptions } from './dto-options.js';
import { buildMetadataTypes, type MetadataTypeName, type MetadataTypes } from './metadata-types.js';

/** `Env.ServiceStackVersion`, as the `/types/{lang}` headers report it (dto-options.ts, GENERATOR_VERSION). */
const SERVICESTACK_VERSION = '8.80';

/** ContentTypes' built-in formats, then the format plugins every host loads (HtmlFormat, CsvFormat, JsonlFormat). */
const CONTENT_TYPE_FORMATS = {
  json: 'application/json',
  xml: 'application/xml',
  jsv: 'text/jsv',
  html: 'text/html',
  csv: 'text/csv',
  jsonl: 'text/jsonl',
};

/** `AutoQueryFeature.ViewerConventions`' defaults: the filters the AutoQuery grid offers. */
const VIEWER_CONVENTIONS = [
  { name: '=', value: '%' },
  { name: '!=', value: '%!' },
  { name: '>=', value: '>%' },
  { name: '>', value: '%>' },
  { name: '<=', value: '%<' },
  { name: '<', value: '<%' },
  { name: 'In', value: '%In' },
  { name: 'Between', value: '%Between' },
  { name: 'Starts With', value: '%StartsWith', types: 'string' },
  { name: 'Contains', value: '%Contains', types: 'string' },
  { name: 'Ends With', value: '%EndsWith', types: 'string' },
  { name: 'Exists', value: '%IsNotNull', valueType: 'none' },
  { name: 'Not Exists', value: '%IsNull', valueType: 'none' },
];

/**
 * The providers the mock signs in with (README, Auth), as `AuthFeature.ToMetaAuthProvider` describes them:
 * credentials with `CredentialsAuthProvider`'s form, Basic, JWT bearer tokens and API keys.
 */
const AUTH_PROVIDERS = [
  {
    name: 'credentials',
    label: 'Credentials',
    type: 'credentials',
    formLayout: [
      { id: 'UserName', type: 'text', label: 'Email address', required: true },
      { id: 'Password', type: 'Password', required: true },
      { id: 'RememberMe', type: 'checkbox' },
    ],
  },
  { name: 'basic', label: 'Basic Auth', type: 'Basic' },
  { name: 'jwt', label: 'JWT', type: 'Bearer' },
  { name: 'apikey', label: 'API Key', type: 'Bearer' },
];

export interface AppMetadataInput {
  api: ApiSchemas;
  /** The API's absolute base URL as the caller reached it. */
  baseUrl: string;
  authEnabled: boolean;
  now: Date;
  /** `?IncludeTypes=` (as /types/{lang} reads it): only those types and the operations whose request they are. */
  options?: Pick<DtoOptions, 'includeTypes' | 'excludeTypes'>;
}

/** The API's MetadataTypes without `config` (ToAppMetadata sets it to null), narrowed by IncludeTypes. */
const apiTypes = (metadata: MetadataTypes, options: AppMetadataInput['options']): Omit<MetadataTypes, 'config'> => {
  const { namespaces, types, operations } = metadata;
  if (!options?.includeTypes) return { namespaces, types, operations };
  const keep = chosenNames(declaredTypes(metadata), options);
  return {
    namespaces,
    types: types.filter((t) => keep.has(t.name)),
    operations: operations.filter((o) => keep.has(o.request.name)),
  };
};

export const buildAppMetadata = (input: AppMetadataInput): Record<string, unknown> => {
  const { api, baseUrl, authEnabled, now } = input;
  const metadata = buildMetadataTypes(api, baseUrl);
  const hasAutoQuery = api.manifest.operations.some((o) => o.autoQuery);
  const builtins = BUILTIN_OPERATIONS.filter((b) => api.operation(b.name) === b);
  const loaded = [
    'html',
    'csv',
    'jsonl',
    'autoroutes',
    'metadata',
    'ssref',
    ...(authEnabled ? ['auth', 'session'] : []),
    ...(hasAutoQuery ? ['autoquery', 'autoquerymeta'] : []),
    'sse',
    'openapi',
  ];
  const plugins: Record<string, unknown> = { loaded };
  if (authEnabled)
    plugins['auth'] = {
      hasAuthRepository: true,
      includesRoles: true,
      authProviders: AUTH_PROVIDERS,
      serviceRoutes: Object.fromEntries(
        builtins.map((b) => [`${b.name}Service`, b.routes.map((r) => r.path)] as const),
      ),
    };
  if (hasAutoQuery)
    plugins['autoQuery'] = {
      maxLimit: AUTOQUERY_MAX_LIMIT,
      untypedQueries: true,
      autoQueryViewer: true,
      async: true,
      orderByPrimaryKey: true,
      viewerConventions: VIEWER_CONVENTIONS,
    };
  return {
    date: now.toISOString(),
    app: {
      baseUrl,
      serviceStackVersion: SERVICESTACK_VERSION,
      serviceName: api.manifest.title,
      apiVersion: '1.0',
      jsTextCase: api.manifest.textCase === 'camel' ? 'CamelCase' : 'PascalCase',
    },
    config: { debugMode: false },
    contentTypeFormats: CONTENT_TYPE_FORMATS,
    httpHandlers: { 'ApiHandlers.Json': '/api/{Request}' },
    plugins,
    customPlugins: {},
    api: apiTypes(metadata, input.options),
  };
};

export interface ApiDescription {
  name: string;
  returns?: string;
  description?: string;
  links: Record<string, string>;
}

/** `QueryResponse`1` of `Booking` → `QueryResponse<Booking>`, as CSharpGenerator.Type prints it. */
const csharpType = (t: MetadataTypeName): string =>
  t.genericArgs?.length ? `${genericName(t.name)}<${t.genericArgs.join(',')}>` : t.name;

/**
 * `GET <base>/api`: ServiceStack's DefaultApiIndex. Every operation goes under its tags; the schemas carry none, so
 * the API's own operations are `other` and ServiceStack's auth operations `auth` (their `[Tag(TagNames.Auth)]`).
 */
export const buildApiIndex = (api: ApiSchemas, baseUrl: string): Record<string, ApiDescription[]> => {
  const metadata = buildMetadataTypes(api, baseUrl);
  const builtinNames = new Set(BUILTIN_OPERATIONS.filter((b) => api.operation(b.name) === b).map((b) => b.name));
  const index: Record<string, ApiDescription[]> = {};
  const describe = (name: string, returns: MetadataTypeName | undefined, description?: string): ApiDescription => {
    const links: Record<string, string> = { api: `${baseUrl}/api/${name}`, ui: `${baseUrl}/ui/${name}` };
    const op = api.manifest.operations.find((o) => o.request === name);
    if (op?.autoQuery?.action === 'query') links['locode'] = `${baseUrl}/locode/${name}`;
    return {
      name,
      ...(returns ? { returns: csharpType(returns) } : {}),
      ...(description ? { description } : {}),
      links,
    };
  };
  for (const op of metadata.operations) {
    const tag = builtinNames.has(op.request.name) ? 'auth' : 'other';
    (index[tag] ??= []).push(describe(op.request.name, op.response, op.request.description));
  }
  for (const name of builtinNames) {
    if (metadata.operations.some((o) => o.request.name === name)) continue;
    (index['auth'] ??= []).push(describe(name, { name: `${name}Response` }));
  }
  return index;
};
