/**
 * Where the app metadata is served (app-metadata.ts): `GET <base>/metadata/app[.json]`, the `MetadataApp` operation
 * on the predefined routes (`/api/MetadataApp`, which `@servicestack/vue` asks through its client before the file),
 * and the `<base>/api` index. Asked only when no user route of the API matched the path.
 */
import type { Call } from '../http/call.js';
import type { Reply } from '../http/reply.js';
import type { RouteMatch } from '../http/route-table.js';
import type { ApiSchemas } from '../schema/registry.js';
import { buildApiIndex, buildAppMetadata } from './app-metadata.js';
import { dtoOptions } from './dto-options.js';

const APP_METADATA_PATHS = new Set([
  '/metadata/app',
  '/metadata/app.json',
  '/api/metadataapp',
  '/api/metadataapp.json',
  '/json/reply/metadataapp',
]);

const json = (typeName: string, value: unknown): Reply => ({
  status: 200,
  typeName,
  text: { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) },
});

export const appMetadataReply = (
  call: Call,
  { api, base, authEnabled, match }: { api: ApiSchemas; base: string; authEnabled: boolean; match: RouteMatch | null },
): Reply | undefined => {
  // An operation of the API routed here (a user route at `/api`, a `MetadataApp` of its own) answers instead.
  if (match && match.kind !== 'unknown-operation') return undefined;
  const { method } = call.req;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const path = call.path.toLowerCase().replace(/(.)\/$/, '$1');
  const baseUrl = `${call.req.protocol}://${call.req.get('host') ?? 'localhost'}${base}`;
  if (path === '/api') return json('ApiIndex', buildApiIndex(api, baseUrl));
  if (!APP_METADATA_PATHS.has(path)) return undefined;
  return json(
    'AppMetadata',
    buildAppMetadata({ api, baseUrl, authEnabled, now: new Date(), options: dtoOptions(call.query) }),
  );
};
