/**
 * ServiceStack's own metadata surface, answered per API before routing (README, "Metadata surface"):
 * `<base>/types/metadata`, `<base>/types`, `<base>/metadata`, and the landing page a browser sees at a base.
 */
import type { Call } from '../http/call.js';
import type { Reply } from '../http/reply.js';
import type { ApiSchemas } from '../schema/registry.js';
import { buildMetadataTypes } from './metadata-types.js';
import { landingApis, landingPage, metadataIndexPage, typeLinks, wantsHtml } from './pages.js';
import { buildTypeScriptDtos, typeScriptOptions } from './typescript-dtos.js';

export { buildMetadataTypes } from './metadata-types.js';
export { landingApis, landingPage, wantsHtml } from './pages.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

export const htmlReply = (typeName: string, body: string): Reply => ({
  status: 200,
  typeName,
  text: { contentType: HTML_TYPE, body },
});
const jsonReply = (typeName: string, value: unknown): Reply => ({
  status: 200,
  typeName,
  text: { contentType: JSON_TYPE, body: JSON.stringify(value, null, 2) },
});

/** The absolute base URL of an API as the caller reached it (`http://127.0.0.1:5050/billiecart`). */
const baseUrlOf = (call: Call, base: string): string =>
  `${call.req.protocol}://${call.req.get('host') ?? 'localhost'}${base}`;

/**
 * The metadata answer for a GET (or HEAD) of `call.path` under an API mounted at `base`, or undefined when the path
 * is not one of them. The documents are rebuilt per call: they are small and carry the caller's host.
 */
export const metadataReply = (
  call: Call,
  api: ApiSchemas,
  base: string,
  all: { apis: ApiSchemas[]; rootApi?: string },
): Reply | undefined => {
  const { method } = call.req;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const path = call.path.toLowerCase().replace(/(.)\/$/, '$1');
  switch (path) {
    case '/types/metadata':
      return jsonReply('MetadataTypes', buildMetadataTypes(api, baseUrlOf(call, base)));
    case '/types/typescript':
      return {
        status: 200,
        typeName: 'TypeScriptDtos',
        text: {
          contentType: 'text/plain; charset=utf-8',
          body: buildTypeScriptDtos(api, baseUrlOf(call, base), typeScriptOptions(call.query)),
        },
      };
    case '/types':
      return jsonReply('TypeLinks', typeLinks(baseUrlOf(call, base)));
    case '/metadata':
      return htmlReply('MetadataPage', metadataIndexPage(api, base));
    case '/':
      return wantsHtml(call.req.headers.accept)
        ? htmlReply('LandingPage', landingPage(landingApis(all.apis, all.rootApi)))
        : undefined;
    default:
      return undefined;
  }
};
