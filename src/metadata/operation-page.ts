/**
 * `GET <base>/{json|xml|jsv}/metadata?op=X[&lang=…]`: one operation's page as ServiceStack prints it
 * (`BaseMetadataHandler.ProcessOperationsAsync` inside the `OperationControl.html` template; README, "Metadata
 * surface"): the title, "<back to all web services", the operation name, its description, the "Requires
 * Authentication" table, the routes table, the language tabs, then either the "X Parameters:" tables of the request,
 * the response and every type they refer to (no `lang`, ServiceStack's "Metadata" tab) or the DTO source in that
 * language with its "<Language> X DTOs" link, the format note, and a sample request and response in the format.
 * Samples are the mock's own: a seeded fake of each DTO (src/faker) written by the format's codec (src/formats), so
 * they are values the mock could answer with rather than ServiceStack's type-name placeholders; JSV and XML are laid
 * out as ServiceStack lays them out (sample-format.ts).
 */
import { createFaker, type Faker } from '../faker/index.js';
import { CODECS, type FormatName } from '../formats/index.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { ApiSchemas } from '../schema/registry.js';
import { csType } from './csharp-dtos.js';
import { declaredTypes, propertyExpr, type Declared } from './dto-options.js';
import { buildMetadataTypes, type MetadataOperationType, type MetadataType } from './metadata-types.js';
import { escapeHtml } from './pages.js';
import { formatJsv, indentXml } from './sample-format.js';

/** The language tabs `BaseMetadataHandler` prints (`HtmlTemplates.ShowLanguages`), key → label. */
export const PAGE_LANGUAGES: readonly [key: string, label: string][] = [
  ['csharp', 'C#'],
  ['mjs', 'JavaScript'],
  ['typescript', 'TypeScript'],
  ['dart', 'Dart'],
  ['java', 'Java'],
  ['kotlin', 'Kotlin'],
  ['python', 'Python'],
  ['php', 'PHP'],
  ['swift', 'Swift'],
  ['vbnet', 'VB.NET'],
  ['fsharp', 'F#'],
  ['go', 'Go'],
  ['rust', 'Rust'],
  ['ruby', 'Ruby'],
  ['zig', 'Zig'],
];

/** ServiceStack's content types per metadata format (`MimeTypes`), as the sample headers print them. */
const CONTENT_TYPES: Record<FormatName, string> = { json: 'application/json', xml: 'application/xml', jsv: 'text/jsv' };
const SAMPLE_KEY = 'metadata-page';
/** JSON compact, JSV and XML laid out, as ServiceStack's metadata handlers write their samples (sample-format.ts). */
const LAYOUT: Record<FormatName, (text: string) => string> = { json: (t) => t, jsv: formatJsv, xml: indentXml };

export interface OperationPageInput {
  api: ApiSchemas;
  base: string;
  baseUrl: string;
  host: string;
  format: FormatName;
  op: MetadataOperationType;
  /** The tab shown: undefined for "Metadata" (the parameter tables). */
  lang?: { key: string; label: string; source: string };
  /** The API's faker (its seed and locale); a default one without. */
  faker?: Faker;
}

/** The operation of `?op=`, by request name (case-insensitive, as `ServiceMetadata.GetOperationType`). */
export const findOperation = (api: ApiSchemas, baseUrl: string, name: string): MetadataOperationType | undefined => {
  const wanted = name.toLowerCase();
  return buildMetadataTypes(api, baseUrl).operations.find((o) => o.request.name.toLowerCase() === wanted);
};

/** The request, the response, and every type either refers to, in that order (`GetMetadataTypesForOperation`). */
export const operationTypes = (d: Declared, op: MetadataOperationType): MetadataType[] => {
  const out = new Map<string, MetadataType>();
  const add = (t: MetadataType | undefined): void => {
    if (!t || out.has(t.name)) return;
    out.set(t.name, t);
    for (const r of d.referenced(t)) if (r !== op.response?.name) add(d.types.get(r));
  };
  add(d.types.get(op.request.name) ?? op.request);
  add(op.response && (d.types.get(op.response.name) ?? op.response));
  return [...out.values()];
};

const authTable = (op: MetadataOperationType): string => {
  if (!op.requiresAuth) return '';
  const cells: string[] = [];
  const row = (label: string, names: string[] | undefined): void => {
    if (names?.length) cells.push(`<td>${escapeHtml(label)}:</td><td>${escapeHtml(names.join(', '))}</td>`);
  };
  const roles = op.requiredRoles ?? [];
  const perms = op.requiredPermissions ?? [];
  row(`Required role${roles.length > 1 ? 's' : ''}`, roles);
  row((op.requiresAnyRole?.length ?? 0) > 1 ? 'Requires any of the roles' : 'Requires the role', op.requiresAnyRole);
  row(`Required permission${perms.length > 1 ? 's' : ''}`, perms);
  row(
    (op.requiresAnyPermission?.length ?? 0) > 1 ? 'Requires any of the permissions' : 'Requires the permission',
    op.requiresAnyPermission,
  );
  return (
    "<table class='authentication'><caption><b>Requires Authentication</b><i class='auth'></i></caption>" +
    `<tr>${cells.join('')}</tr></table>`
  );
};

const routesTable = (op: MetadataOperationType): string =>
  op.routes.length
    ? "<table class='routes'><caption>The following routes are available for this service:</caption><tbody>" +
      op.routes
        .map(
          (r) =>
            `<tr><th>${escapeHtml(r.verbs ?? 'All Verbs')}</th><th>${escapeHtml(r.path)}</th><td></td><td><i></i></td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '';

const navTabs = (op: MetadataOperationType, lang: string | undefined): string => {
  const prefix = `?op=${encodeURIComponent(op.request.name)}`;
  const tab = (key: string | undefined, label: string): string =>
    `<a ${key === lang ? ' class="active"' : ''} href="${escapeHtml(key ? `${prefix}&lang=${key}` : prefix)}">${escapeHtml(label)}</a>`;
  return `<div class="types-nav"><nav class="flex space-x-4">\n${[tab(undefined, 'Metadata'), ...PAGE_LANGUAGES.map(([k, l]) => tab(k, l))].join('\n')}\n</nav></div>`;
};

const paramTables = (types: MetadataType[], op: MetadataOperationType): string =>
  types
    .map((t) => {
      if (t.isEnum)
        return (
          `<table class='enum'><caption><b>${escapeHtml(t.name)}</b> Enum:</caption><tbody>` +
          (t.enumNames ?? []).map((n) => `<tr><td>${escapeHtml(n)}</td><td></td></tr>`).join('') +
          '</tbody></table>'
        );
      if (!t.properties?.length) return '';
      const isRequest = t.name === op.request.name;
      const rows = t.properties.map(
        (p) =>
          `<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.paramType ?? (isRequest ? 'body' : 'form'))}</td>` +
          `<td>${escapeHtml(csType(propertyExpr(p)))}</td><td>${p.isRequired ? 'Yes' : 'No'}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
      );
      return (
        `<table class='params'><caption><b>${escapeHtml(t.name)}</b> Parameters:</caption>` +
        '<thead><tr><th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr></thead>' +
        `<tbody>${rows.join('')}</tbody></table>`
      );
    })
    .join('\n');

const sourceBlock = (input: OperationPageInput, lang: NonNullable<OperationPageInput['lang']>): string =>
  `<pre style="padding-left:1rem;"><code class="language-${escapeHtml(lang.key)}" lang="${escapeHtml(lang.key)}">${escapeHtml(lang.source)}</code></pre>\n` +
  `<p><a href="${escapeHtml(`${input.baseUrl}/types/${lang.key}?IncludeTypes=${input.op.request.name}.*`)}">${escapeHtml(`${lang.label} ${input.op.request.name} DTOs`)}</a></p>`;

/** A seeded fake of a DTO written in the page's format; empty when the API has no schema for it. */
const sample = (input: OperationPageInput, typeName: string): string => {
  const schema: JsonSchema | undefined = input.api.schemas.get(typeName);
  if (!schema) return '';
  const value = (input.faker ?? createFaker()).fake(schema, { resolve: input.api.resolve, typeName, key: SAMPLE_KEY });
  return LAYOUT[input.format](
    CODECS[input.format].write(value, {
      schema,
      resolve: input.api.resolve,
      typeName,
      xmlNamespace: input.api.manifest.xmlNamespaces[typeName],
    }),
  );
};

/** `OperationControl.GetHttpRequestTemplate`: POST, PUT or PATCH with a body; GET or DELETE without one. */
const requestTemplate = (input: OperationPageInput): string => {
  const { op, format, host } = input;
  const verbs = new Set(op.routes.flatMap((r) => (r.verbs ? r.verbs.split(',').map((v) => v.trim()) : ['POST'])));
  const verb = !op.routes.length
    ? 'POST'
    : (['POST', 'PUT', 'PATCH', 'GET', 'DELETE'].find((v) => verbs.has(v)) ?? 'POST');
  const postRoute = op.routes.find((r) => !r.verbs || r.verbs.split(',').includes('POST'));
  const uri = (postRoute ?? op.routes[0])?.path ?? `/${format}/${op.response ? 'reply' : 'oneway'}/${op.request.name}`;
  const type = CONTENT_TYPES[format];
  const head = `${verb} ${escapeHtml(uri)} HTTP/1.1 \nHost: ${escapeHtml(host)} \nAccept: ${type}`;
  if (verb === 'GET' || verb === 'DELETE') return head;
  return `${head}\nContent-Type: ${type}\nContent-Length: <span class="value">length</span>\n\n${escapeHtml(sample(input, op.request.name))}`;
};

const responseTemplate = (input: OperationPageInput): string => {
  const name = input.op.response
    ? (input.api.manifest.operations.find((o) => o.request === input.op.request.name)?.response ??
      input.op.response.name)
    : undefined;
  if (!name) return '';
  return `\n<div class="response">\n<pre>\nHTTP/1.1 200 OK\nContent-Type: ${CONTENT_TYPES[input.format]}\nContent-Length: length\n\n${escapeHtml(sample(input, name))}\n</pre>\n</div>\n`;
};

const STYLE = `body { background-color:white; color:#000; font-family:"Helvetica Neue", Helvetica, Verdana, Arial; margin:0; font-size:13px; }
h1 { color:#FFF; font-size:26px; font-weight:normal; margin:0; padding:0 0 0 15px; line-height:48px; background:#2c3742; }
h2 { margin:25px 0 20px 0; color:#29323D; font-size:24px; }
.operation { padding:0 0 0 15px; }
table { border-collapse:collapse; border-spacing:0; margin:0 0 20px 0; }
th, td { text-align:left; padding:2px 1.5em 2px 0; vertical-align:top; }
caption { text-align:left; font-weight:bold; padding:10px 0; }
pre { background:#f5f5f5; padding:10px; overflow:auto; }
.flex { display:flex } .space-x-4 > * + * { margin-left:1rem }
.types-nav a { color:rgb(107 114 128); padding:.5rem .75rem; text-decoration:none; }
.types-nav a.active { background-color:rgb(243 244 246); color:rgb(55 65 81) }`;

export const operationPage = (input: OperationPageInput): string => {
  const { api, op, format, lang } = input;
  const title = escapeHtml(api.manifest.title);
  const d = declaredTypes(buildMetadataTypes(api, input.baseUrl));
  const description = d.types.get(op.request.name)?.description;
  const metadataHtml = [
    description ? `<h3 id='desc'>${escapeHtml(description)}</h3>` : '',
    authTable(op),
    routesTable(op),
    navTabs(op, lang?.key),
    lang ? sourceBlock(input, lang) : paramTables(operationTypes(d, op), op),
    '<div class="call-info">' +
      `<p>To override the Content-type in your clients, use the HTTP <b>Accept</b> Header, append  the <b>.${format}</b> suffix or  <b>?format=${format}</b></p>` +
      (format === 'json'
        ? '<p>To embed the response in a <b>jsonp</b> callback, append <b>?callback=myCallback</b></p>'
        : '') +
      '</div>',
  ]
    .filter(Boolean)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>${title}</title>
<style>
${STYLE}
</style>
</head>
<body>
    <a id="logo" href="https://servicestack.net" title="ServiceStack"></a>
    <h1>${title}</h1>

    <div class="operation">
    <div>
        <p><a href="${escapeHtml(input.base)}/metadata">&lt;back to all web services</a></p>
        <h2>${escapeHtml(op.request.name)}</h2>

${metadataHtml}

        <div class="example">
        <!-- REST Examples -->

        <h3>HTTP + ${format.toUpperCase()}</h3>
        <p> The following are sample HTTP requests and responses.
            The placeholders shown need to be replaced with actual values.</p>

<div class="request">
<pre>
${requestTemplate(input)}
</pre>
</div>
${responseTemplate(input)}
        </div>
    </div>
    </div>
</body>
</html>
`;
};
