/**
 * One API's contract as an OpenAPI 3.1 document (README, "Command line": `openapi`), for Swagger UI, Prism
 * and code generators. Built from the manifest and schemas alone, so `ssmock openapi` and the
 * server's `GET <base>/openapi.json` print the same thing.
 *
 * Choices, where ServiceStack's own OpenApiFeature (Swagger 2.0) differs or is silent:
 * - only user routes are listed (like ServiceStack); an operation without one appears at its
 *   predefined `POST /api/{Op}` so nothing is missing from the contract;
 * - operationId is the operation name, suffixed `_<verb>` when it has several (route, verb)
 *   entries, and `_by_<Vars>` / `_<n>` only when that still collides;
 * - errors are documented once, as `default` → `ErrorResponse`, plus body-less 401/403 on
 *   operations that need authentication or a role;
 * - a body does not require what its route binds from the path, and a resource that is its own
 *   response lists as an array where the mock lists: test/openapi-prism.test.ts checks both APIs
 *   through Prism's validating proxy.
 */
import type { ApiSchemas } from '../schema/registry.js';
import { buildComponentSchemas } from './components.js';
import { buildPaths, requiresAuth } from './paths.js';
import type { OpenApiDocument, SecuritySchemeObject } from './types.js';

export type { OpenApiDocument, OpenApiSchema, OperationObject, ParameterObject, PathItemObject } from './types.js';
export { openApiPath } from './paths.js';

export interface OpenApiOptions {
  /** Base URL the document's `servers` names (the mock's base URL when served at `<base>/openapi.json`). */
  serverUrl?: string;
}

/** How the mock (and a ServiceStack host) accepts credentials: the README's "Auth" row. */
const SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The bearerToken from POST /auth/credentials (also accepted as the ss-tok cookie).',
  },
  basicAuth: { type: 'http', scheme: 'basic', description: 'userName:password of a known user.' },
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: "A user's API key (also accepted as Bearer or ?apikey=).",
  },
};

export const buildOpenApi = (api: ApiSchemas, options: OpenApiOptions = {}): OpenApiDocument => {
  const { manifest } = api;
  const paths = buildPaths(api);
  const tags = [...new Set(manifest.operations.map((op) => op.state?.resource ?? op.name))].sort();
  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: manifest.title,
      version: '1.0',
      description: `Derived by ssmock from the ServiceStack metadata pages of '${api.id}'. Every operation is also reachable at POST /api/{Operation} (JSON).`,
    },
    paths,
    components: { schemas: buildComponentSchemas(api) },
    tags: tags.map((name) => ({ name })),
  };
  if (options.serverUrl) doc.servers = [{ url: options.serverUrl.replace(/\/+$/, '') || '/', description: 'ssmock' }];
  else if (manifest.host)
    doc.servers = [{ url: `https://${manifest.host}`, description: 'the host named by the metadata pages' }];
  if (manifest.operations.some(requiresAuth)) doc.components.securitySchemes = SECURITY_SCHEMES;
  return doc;
};
