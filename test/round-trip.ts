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

/**
 * get-dtos' header reading (ServiceStack/get-dtos `src/index.ts`, `updateReference`): from the line after
 * `Options:`, stop at a line starting with `*\/` — here also at `*)` or `"""`, where an F# or Python header ends;
 * get-dtos reads on, which test/types-dotnet.test.ts and test/types-scripting.test.ts show is harmless. Before
 * `BaseUrl: ` nothing counts; after it, every line not starting with `//`, `'` or `#` that has a `:` is an option
 * `key: value`, both trimmed.
 */
export const getDtosOptions = (src: string): { baseUrl: string; options: Record<string, string> } => {
  const start = src.indexOf('Options:');
  if (start < 0) throw new Error('not an existing ServiceStack Reference');
  const options: Record<string, string> = {};
  let baseUrl = '';
  for (const line of src.slice(start).split(/\r?\n/)) {
    if (line.startsWith('*/') || line.startsWith('*)') || line.startsWith('"""')) break;
    if (line.startsWith('BaseUrl: ')) baseUrl = line.slice('BaseUrl: '.length);
    else if (baseUrl && !line.startsWith('//') && !line.startsWith("'") && !line.startsWith('#')) {
      const at = line.indexOf(':');
      if (at >= 0) options[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return { baseUrl, options };
};
/** The URL an update GETs: `<BaseUrl>/types/<lang>?key=value&…`. */
export const updateUrl = (src: string, lang: string): string => {
  const { baseUrl, options } = getDtosOptions(src);
  const qs = Object.entries(options)
    .map(([k, v], i) => `${i ? '&' : '?'}${k}=${encodeURIComponent(v)}`)
    .join('');
  return `${baseUrl}/types/${lang}${qs}`;
};
