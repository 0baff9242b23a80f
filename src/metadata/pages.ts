/**
 * The metadata surface a browser and Add ServiceStack Reference meet (README, "Metadata surface"):
 * `<base>/types` (ServiceStack's `TypeLinks`), `<base>/metadata` (the operations index) and the landing page.
 * Pages are small, self-contained HTML with every value escaped.
 */
import type { OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The links ServiceStack's `NativeTypesService.Any(TypeLinks)` answers at `GET /types`, in its order and with its
 * keys, and whether the mock serves that generator yet (src/metadata/index.ts, `DTO_GENERATORS`).
 */
export const TYPE_LINKS: readonly { key: string; path: string; served: boolean }[] = [
  { key: 'Metadata', path: '/types/metadata', served: true },
  { key: 'CSharp', path: '/types/csharp', served: true },
  { key: 'FSharp', path: '/types/fsharp', served: true },
  { key: 'VbNet', path: '/types/vbnet', served: true },
  { key: 'TypeScript', path: '/types/typescript', served: true },
  { key: 'TypeScriptDefinition', path: '/types/typescript.d', served: true },
  { key: 'CommonJs', path: '/types/js', served: true },
  { key: 'Mjs', path: '/types/mjs', served: true },
  { key: 'Php', path: '/types/php', served: true },
  { key: 'Dart', path: '/types/dart', served: true },
  { key: 'Java', path: '/types/java', served: true },
  { key: 'Kotlin', path: '/types/kotlin', served: true },
  { key: 'Swift', path: '/types/swift', served: true },
  { key: 'Python', path: '/types/python', served: true },
  { key: 'Ruby', path: '/types/ruby', served: true },
  { key: 'Go', path: '/types/go', served: true },
  { key: 'Rust', path: '/types/rust', served: true },
  { key: 'Zig', path: '/types/zig', served: true },
];

/** `GET <base>/types`: ServiceStack answers a `Dictionary<string,string>` of absolute links, one per language. */
export const typeLinks = (baseUrl: string): Record<string, string> =>
  Object.fromEntries(TYPE_LINKS.map((l) => [l.key, `${baseUrl}${l.path}`]));

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
code { font-size: .95em; }
.muted { color: #777; }
</style>
</head>
<body>
${body}
</body>
</html>
`;

const routeCell = (op: OperationManifest): string =>
  op.routes.length
    ? op.routes
        .map((r) => `<code>${escapeHtml(r.verbs.length ? r.verbs.join(',') : 'ANY')} ${escapeHtml(r.path)}</code>`)
        .join('<br>')
    : `<code>${escapeHtml(op.primaryVerb)} /api/${escapeHtml(op.name)}</code>`;

const authCell = (op: OperationManifest): string => {
  const { auth } = op;
  if (!auth.required) return '<span class="muted">none</span>';
  const parts = [
    ...(auth.roles.length ? [`roles: ${auth.roles.join(', ')}`] : []),
    ...(auth.anyRoles.length ? [`any role: ${auth.anyRoles.join(', ')}`] : []),
    ...(auth.permissions.length ? [`permissions: ${auth.permissions.join(', ')}`] : []),
    ...(auth.anyPermissions.length ? [`any permission: ${auth.anyPermissions.join(', ')}`] : []),
  ];
  return escapeHtml(['authenticated', ...parts].join('; '));
};

/** The operation's pages per format (`<base>/json/metadata?op=X`), as ServiceStack's index links them. */
const pageLinks = (op: OperationManifest, base: string): string =>
  (['XML', 'JSON', 'JSV'] as const)
    .map(
      (f) =>
        `<a href="${escapeHtml(`${base}/${f.toLowerCase()}/metadata?op=${encodeURIComponent(op.request)}`)}">${f}</a>`,
    )
    .join(' ');

/** `GET <base>/metadata`: the operations with their routes, verbs and what they demand of a caller. */
export const metadataIndexPage = (api: ApiSchemas, base: string): string => {
  const rows = [...api.manifest.operations]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (op) =>
        `<tr><td><strong>${escapeHtml(op.name)}</strong></td><td>${routeCell(op)}</td><td>${escapeHtml(op.response ?? 'void')}</td><td>${authCell(op)}</td><td>${pageLinks(op, base)}</td></tr>`,
    )
    .join('\n');
  return page(
    api.manifest.title,
    `<h1>${escapeHtml(api.manifest.title)}</h1>
<p>The following operations are supported (served by ssmock).
<a href="${escapeHtml(base)}/types/metadata">/types/metadata</a> ·
<a href="${escapeHtml(base)}/openapi.json">openapi.json</a> ·
<a href="/__ssmock">/__ssmock</a></p>
<p>Add ServiceStack Reference (<a href="${escapeHtml(base)}/types">/types</a>): ${TYPE_LINKS.map((l) =>
      l.served
        ? `<a href="${escapeHtml(base)}${l.path}">${l.key}</a>`
        : `<span class="muted" title="not served by ssmock yet">${l.key}</span>`,
    ).join(' · ')}</p>
<table>
<thead><tr><th>Operation</th><th>Routes</th><th>Response</th><th>Auth</th><th>Pages</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
`,
  );
};

export interface LandingApi {
  api: ApiSchemas;
  /** `''` for the API served at `/`, else `/<id>`. */
  base: string;
}

/** Every served API with its base (`rootApi` is served at `/`). */
export const landingApis = (apis: ApiSchemas[], rootApi?: string): LandingApi[] =>
  apis.map((api) => ({ api, base: rootApi === api.id ? '' : `/${api.id}` }));

/** The admin API's read-only endpoints a browser can open (README, "Admin API"); `/__ssmock/` is the QA dashboard. */
const ADMIN_LINKS = ['health', 'requests', 'state', 'sessions', 'scenarios', 'rules'];

/** An API's operations on the landing page: name, first route (or its predefined one) and response. */
const operationList = (api: ApiSchemas): string =>
  [...api.manifest.operations]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (op) =>
        `<tr><td>${escapeHtml(op.name)}</td><td>${routeCell(op)}</td><td>${escapeHtml(op.response ?? 'void')}</td></tr>`,
    )
    .join('\n');

/**
 * `GET /` (and an API's base) for a browser: each API with its base URL (absolute when `origin` is given, as
 * `npx get-dtos` takes it), its operations, and links to its metadata surface; then the admin API.
 */
export const landingPage = (apis: LandingApi[], origin = ''): string => {
  const sections = apis
    .map(({ api, base }) => {
      const url = `${origin}${base || '/'}`;
      const link = (path: string, label = path): string =>
        `<a href="${escapeHtml(`${base}${path}`)}">${escapeHtml(label)}</a>`;
      return `<section>
<h2>${escapeHtml(api.manifest.title)} <code>${escapeHtml(url)}</code></h2>
<p>${api.manifest.operations.length} operations: ${link('/metadata', 'metadata')} · ${link('/types')} · ${link('/types/metadata')} · ${link('/metadata/app.json')} · ${link('/api')} · ${link('/openapi.json', 'openapi.json')}</p>
<p>DTOs: <code>npx get-dtos typescript ${escapeHtml(origin ? `${origin}${base}` : url)}</code></p>
<table>
<thead><tr><th>Operation</th><th>Routes</th><th>Response</th></tr></thead>
<tbody>
${operationList(api)}
</tbody>
</table>
</section>`;
    })
    .join('\n');
  return page(
    'ssmock',
    `<h1>ssmock</h1>
<p>A mock of these ServiceStack APIs:</p>
${sections}
<h2>Admin API <code>/__ssmock</code></h2>
<p><a href="/__ssmock/">QA dashboard</a>: scenarios, rules, the live request journal, state and "Try it", per session.</p>
<p>${ADMIN_LINKS.map((l) => `<a href="/__ssmock/${l}">${l}</a>`).join(' · ')}</p>
`,
  );
};

/** A browser asking for a page (`Accept: text/html`), as opposed to an API client (JSON or no Accept). */
export const wantsHtml = (accept: string | undefined): boolean => !!accept && /\btext\/html\b/i.test(accept);
