/**
 * Splits one ServiceStack operation page (`/json/metadata?op=X&lang=python`)
 * into its parts. Layout per ServiceStack's OperationControl template: title,
 * "<back to all web services", operation name, auth rows, routes table, then
 * either DTO source in a client language or "X Parameters:" tables, then the
 * format note and one sample request/response.
 */
import type { Diagnostic } from './model.js';
import type { AuthRequirement, Route, Verb } from '../schema/manifest.js';
import { ALL_VERBS } from '../schema/manifest.js';
import { pageLines } from './page-text.js';

export type SampleFormat = 'json' | 'jsv' | 'xml';

export interface HttpSample {
  startLine: number;
  /** Request line verb and path, or the response status. */
  verb?: string;
  path?: string;
  status?: number;
  headers: Record<string, string>;
  body: string;
  bodyLine: number;
}

export interface ParamTable {
  /** Type name as the caption shows it (`PutOperationTenanted<TResponse>`). */
  typeName: string;
  line: number;
  rows: { name: string; location: string; dataType: string; required: boolean; description: string; line: number }[];
}

export interface MetadataPage {
  file: string;
  title: string;
  operation: string;
  auth: AuthRequirement;
  routes: Route[];
  /** DTO source in a client language, if the page shows one. */
  dtoSource?: { text: string; firstLine: number; languageLabel?: string };
  paramTables: ParamTable[];
  sampleFormat?: SampleFormat;
  request?: HttpSample;
  response?: HttpSample;
}

const BACK_LINK = /^<?\s*back to all web services/i;
const ROUTES_CAPTION = /^The following routes are available for this service:?$/i;
const FORMAT_NOTE = /^To override the Content-type in your clients/i;
const SAMPLE_CAPTION = /^HTTP \+ (JSON|JSV|XML)$/i;
const SAMPLE_INTRO = /^The following are sample HTTP requests and responses/i;
const DTOS_FOOTER = /^(\S[\w.#+ ]*?) (\w+) DTOs$/;
const TABLE_CAPTION = /^(\S+(?:<[^>]*>)?) Parameters:$/;
const TABLE_HEADER = /^Name\t?Parameter\t?Data Type\t?Required\t?Description/i;
const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\s*$/;
const RESPONSE_LINE = /^HTTP\/1\.[01] (\d{3})\b/;
const ROUTE_ROW = /^(All Verbs|[A-Z]+(?:[ ,]+[A-Z]+)*)\t?(\/\S*)(?:\t(.*))?$/;

const AUTH_ROWS: { pattern: RegExp; field: keyof Omit<AuthRequirement, 'required' | 'style'> }[] = [
  { pattern: /^Requires any of the roles:\s*(.+)$/i, field: 'anyRoles' },
  { pattern: /^(?:Requires the role|Required roles?):\s*(.+)$/i, field: 'roles' },
  { pattern: /^Requires any of the permissions:\s*(.+)$/i, field: 'anyPermissions' },
  {
    pattern: /^(?:Requires the permission|Required permissions?|Required permission\(s\)):\s*(.+)$/i,
    field: 'permissions',
  },
];

export const emptyAuth = (): AuthRequirement => ({
  required: false,
  roles: [],
  anyRoles: [],
  permissions: [],
  anyPermissions: [],
});

export const parseVerbs = (text: string): Verb[] => {
  if (/^all verbs$/i.test(text.trim()) || text.trim() === '*' || text.trim() === '') return [];
  const verbs = text
    .toUpperCase()
    .split(/[\s,]+/)
    .filter((v): v is Verb => (ALL_VERBS as readonly string[]).includes(v));
  return [...new Set(verbs)];
};

interface Cursor {
  lines: string[];
  i: number;
}

const skipBlank = (c: Cursor): void => {
  while (c.i < c.lines.length && (c.lines[c.i] ?? '').trim() === '') c.i++;
};

export const parseMetadataPage = (raw: string, file: string): { page?: MetadataPage; diagnostics: Diagnostic[] } => {
  const c: Cursor = { lines: pageLines(raw), i: 0 };
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string) => {
    diagnostics.push({ severity: 'error', file, line: Math.min(c.i, c.lines.length - 1) + 1, message });
    return { diagnostics };
  };
  skipBlank(c);
  const title = (c.lines[c.i] ?? '').trim();
  if (!title || BACK_LINK.test(title)) return fail('expected the page title (the API name) on the first line');
  c.i++;
  skipBlank(c);
  if (!BACK_LINK.test((c.lines[c.i] ?? '').trim())) return fail("expected '<back to all web services' after the title");
  c.i++;
  skipBlank(c);
  const operation = (c.lines[c.i] ?? '').trim();
  if (!/^[A-Za-z_]\w*$/.test(operation)) return fail('expected the operation name (a DTO type name)');
  c.i++;

  const page: MetadataPage = { file, title, operation, auth: emptyAuth(), routes: [], paramTables: [] };
  readHeaderRows(c, page);
  readBody(c, page, diagnostics);
  return { page, diagnostics };
};

/** Description, tags, auth rows and the routes table: everything before the DTOs. */
const readHeaderRows = (c: Cursor, page: MetadataPage): void => {
  let inRoutes = false;
  for (; c.i < c.lines.length; c.i++) {
    const line = (c.lines[c.i] ?? '').trim();
    if (line === '') continue;
    // ServiceStack prints this one row for `[Authenticate]` and `[ValidateIsAuthenticated]` alike
    // (ServiceMetadata.RequiresAuthentication): the page leaves `auth.style` to build-api's default (README, Auth).
    if (/^Requires Authentication$/i.test(line)) {
      page.auth.required = true;
      continue;
    }
    const authRow = AUTH_ROWS.find((r) => r.pattern.test(line));
    if (authRow) {
      const names = (authRow.pattern.exec(line)?.[1] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      page.auth[authRow.field].push(...names);
      page.auth.required = true;
      continue;
    }
    if (ROUTES_CAPTION.test(line)) {
      inRoutes = true;
      continue;
    }
    const route = inRoutes ? ROUTE_ROW.exec(line) : null;
    if (route) {
      page.routes.push({ verbs: parseVerbs(route[1] ?? ''), path: route[2] ?? '/' });
      continue;
    }
    if (inRoutes || isBodyStart(line)) return;
    // Anything else before the routes (description, tags) is informational.
  }
};

const isBodyStart = (line: string): boolean =>
  TABLE_CAPTION.test(line) ||
  FORMAT_NOTE.test(line) ||
  /^(import|from|using|package|open class|class|public|export|@)/.test(line);

const readBody = (c: Cursor, page: MetadataPage, diagnostics: Diagnostic[]): void => {
  const sourceStart = c.i;
  let sourceEnd = -1;
  for (; c.i < c.lines.length; c.i++) {
    const line = (c.lines[c.i] ?? '').trim();
    const footer = DTOS_FOOTER.exec(line);
    if (footer && footer[2] === page.operation) {
      sourceEnd = c.i;
      page.dtoSource = { text: '', firstLine: sourceStart + 1, languageLabel: footer[1] ?? '' };
      continue;
    }
    if (TABLE_CAPTION.test(line)) {
      c.i = readParamTable(c, page) - 1;
      continue;
    }
    if (SAMPLE_CAPTION.test(line))
      page.sampleFormat = (SAMPLE_CAPTION.exec(line)?.[1] ?? 'json').toLowerCase() as SampleFormat;
    if (SAMPLE_INTRO.test(line) || REQUEST_LINE.test(line)) break;
  }
  if (page.dtoSource && sourceEnd > sourceStart) {
    page.dtoSource.text = c.lines.slice(sourceStart, sourceEnd).join('\n').replace(/\s+$/, '');
  } else if (page.paramTables.length === 0) {
    diagnostics.push({
      severity: 'error',
      file: page.file,
      line: Math.min(sourceStart + 1, c.lines.length),
      message: `expected DTO source ending in '<Language> ${page.operation} DTOs' or '${page.operation} Parameters:' tables`,
    });
  }
  readSamples(c, page);
};

const readParamTable = (c: Cursor, page: MetadataPage): number => {
  const caption = TABLE_CAPTION.exec((c.lines[c.i] ?? '').trim());
  const table: ParamTable = { typeName: caption?.[1] ?? '', line: c.i + 1, rows: [] };
  let i = c.i + 1;
  for (; i < c.lines.length; i++) {
    const line = (c.lines[i] ?? '').trim();
    if (line === '' || TABLE_HEADER.test(line)) continue;
    if (TABLE_CAPTION.test(line) || FORMAT_NOTE.test(line)) break;
    const row = splitParamRow(line);
    if (!row) break;
    table.rows.push({ ...row, line: i + 1 });
  }
  page.paramTables.push(table);
  return i;
};

const LOCATIONS = ['path', 'query', 'body', 'form'] as const;

/**
 * "IdpathstringNo" (saved text glues the cells) or "Id\tpath\tstring\tNo" (HTML).
 * When glued, the split that leaves a plausible type name wins.
 */
export const splitParamRow = (
  line: string,
): { name: string; location: string; dataType: string; required: boolean; description: string } | null => {
  const cells = line.split('\t');
  if (cells.length >= 4) {
    const [name = '', location = '', dataType = '', required = '', ...rest] = cells;
    return {
      name,
      location: location.toLowerCase(),
      dataType,
      required: /^yes$/i.test(required),
      description: rest.join(' ').trim(),
    };
  }
  const candidates: {
    name: string;
    location: string;
    dataType: string;
    required: boolean;
    description: string;
    score: number;
  }[] = [];
  for (const location of LOCATIONS) {
    for (let at = line.indexOf(location, 1); at > 0; at = line.indexOf(location, at + 1)) {
      const name = line.slice(0, at);
      const rest = line.slice(at + location.length);
      const m = /^(.+?)(Yes|No)(.*)$/.exec(rest);
      if (!m || !/^[A-Za-z_]\w*$/.test(name)) continue;
      const dataType = m[1] ?? '';
      const score =
        (/^[A-Za-z_][\w<>,[\]? ]*$/.test(dataType) ? 2 : 0) +
        (/^[a-z]/.test(dataType) && !KNOWN_LOWER.has(dataType.replace(/\?$/, '')) ? -2 : 0) +
        name.length / 100;
      candidates.push({ name, location, dataType, required: m[2] === 'Yes', description: (m[3] ?? '').trim(), score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best) return null;
  const { score: _score, ...row } = best;
  return row;
};

const KNOWN_LOWER = new Set([
  'string',
  'int',
  'long',
  'short',
  'byte',
  'sbyte',
  'uint',
  'ulong',
  'ushort',
  'bool',
  'decimal',
  'double',
  'float',
  'char',
  'object',
]);

const readSamples = (c: Cursor, page: MetadataPage): void => {
  for (; c.i < c.lines.length; c.i++) {
    const line = (c.lines[c.i] ?? '').trim();
    if (REQUEST_LINE.test(line) && !page.request) page.request = readHttpMessage(c);
    else if (RESPONSE_LINE.test(line) && !page.response) page.response = readHttpMessage(c);
  }
};

const readHttpMessage = (c: Cursor): HttpSample => {
  const first = (c.lines[c.i] ?? '').trim();
  const sample: HttpSample = { startLine: c.i + 1, headers: {}, body: '', bodyLine: c.i + 1 };
  const req = REQUEST_LINE.exec(first);
  const res = RESPONSE_LINE.exec(first);
  if (req) Object.assign(sample, { verb: req[1], path: req[2] });
  if (res) sample.status = Number(res[1]);
  c.i++;
  for (; c.i < c.lines.length; c.i++) {
    const header = /^([A-Za-z-]+):\s*(.*?)\s*$/.exec(c.lines[c.i] ?? '');
    if (!header) break;
    sample.headers[(header[1] ?? '').toLowerCase()] = header[2] ?? '';
  }
  skipBlank(c);
  sample.bodyLine = c.i + 1;
  const body: string[] = [];
  for (; c.i < c.lines.length; c.i++) {
    const line = c.lines[c.i] ?? '';
    if (RESPONSE_LINE.test(line.trim()) || REQUEST_LINE.test(line.trim())) {
      c.i--;
      break;
    }
    body.push(line);
  }
  sample.body = body.join('\n').trim();
  return sample;
};
