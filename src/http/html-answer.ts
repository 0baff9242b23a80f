/**
 * An operation's answer as a browser sees it (README, Formats): ServiceStack's HtmlFormat renders the response DTO
 * into a page for a request whose `Accept` starts with `text/html`. The mock's page is simpler and static: the
 * operation and status, a table of the answer's rows when it has any (the rows CSV writes: a QueryResponse's
 * `results`, a list answer's items), and the whole answer as pretty-printed JSON, with links to the same answer
 * as JSON and CSV and to the API's `/metadata`. Every value is escaped; the page runs no script.
 */
import { answerRows } from '../formats/answer-rows.js';
import { isPlainObject, pascalCase, resolveSchema, type Resolver } from '../formats/schema-walk.js';
import type { JsonSchema } from '../schema/json-schema.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

// A cell is clipped past this: the JSON below has the whole value.
const MAX_CELL = 200;
// A table of more rows than this shows the first ones; the JSON below has them all.
const MAX_ROWS = 500;

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
};

/** The rows as a table: one column per property (the row type's, else the first row's keys). */
const rowsTable = (rows: unknown[], schema: JsonSchema | undefined): string => {
  const objects = rows.every((r) => isPlainObject(r) || r === null);
  const columns = objects
    ? [...new Set([...Object.keys(schema?.properties ?? {}), ...rows.flatMap((r) => (r ? Object.keys(r) : []))])]
    : [];
  const shown = rows.slice(0, MAX_ROWS);
  const head = columns.length
    ? `<thead><tr>${columns.map((c) => `<th>${escapeHtml(pascalCase(c))}</th>`).join('')}</tr></thead>`
    : '';
  const body = shown
    .map((row) =>
      columns.length
        ? `<tr>${columns.map((c) => `<td>${escapeHtml(cellText((row as Record<string, unknown> | null)?.[c]))}</td>`).join('')}</tr>`
        : `<tr><td>${escapeHtml(cellText(row))}</td></tr>`,
    )
    .join('\n');
  const more = rows.length > shown.length ? `<p class="muted">first ${shown.length} of ${rows.length} rows</p>` : '';
  return `<table>${head}<tbody>\n${body}\n</tbody></table>${more}`;
};

export interface HtmlAnswerInput {
  /** The operation's request name, or the response type's name when no operation was routed. */
  title: string;
  status: number;
  body: unknown;
  schema: JsonSchema | undefined;
  resolve: Resolver | undefined;
  /** The API's base path (`/billiecart`, `''` at the root). */
  base: string;
  /** The request's own path and query, for the JSON and CSV links. */
  url: string;
}

/** The same URL with `format=` set (kept relative, so the page works behind any host). */
const withFormat = (url: string, format: string): string => {
  const [path = '', query = ''] = url.split(/\?(.*)/s);
  const params = new URLSearchParams(query);
  params.set('format', format);
  return `${path}?${params.toString()}`;
};

export const htmlAnswer = (input: HtmlAnswerInput): string => {
  const { title, status, body, schema, resolve, base } = input;
  const { rows, schema: rowSchema, shape } = answerRows(body, schema, resolve);
  // A DTO that is its own row reads better as the JSON alone.
  const table =
    status < 400 && rows && shape !== 'self'
      ? `<h2>${rows.length} row${rows.length === 1 ? '' : 's'}</h2>\n${rowsTable(rows, resolveSchema(rowSchema, resolve))}`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
pre { background: #f6f8fa; padding: 1rem; overflow: auto; }
.muted { color: #777; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p><span class="status">${status}</span> ·
<a href="${escapeHtml(withFormat(input.url, 'json'))}">json</a> ·
<a href="${escapeHtml(withFormat(input.url, 'csv'))}">csv</a> ·
<a href="${escapeHtml(`${base}/metadata`)}">metadata</a></p>
${table}
<h2>JSON</h2>
<pre id="json">${escapeHtml(JSON.stringify(body ?? null, null, 2))}</pre>
</body>
</html>
`;
};
