/**
 * Splits one ServiceStack operation page (`/{json|xml|jsv|csv}/metadata?op=X[&lang=python]`)
 * into its parts. ServiceStack's OperationControl template prints: the title,
 * "<back to all web services", the operation name, tags, then the metadata
 * HTML (BaseMetadataHandler): description, auth rows, the routes table, the
 * language nav ("Metadata C# JavaScript …"), then either "X Parameters:" /
 * "X Enum:" tables (no `lang`) or DTO source followed by "<Language> X DTOs";
 * then the format note, "HTTP + FORMAT" and one sample request and response.
 *
 * Saved pages are not always that tidy (both tabs pasted into one file, tables
 * before or after the source, sections missing), so every line is classified on
 * its own and the parts are read in whatever order they come.
 */
import type { Diagnostic } from './model.js';
import type { AuthRequirement, Route, Verb } from '../schema/manifest.js';
import { ALL_VERBS } from '../schema/manifest.js';
import { detectDtoLanguage } from './dto/index.js';
import { pageText } from './page-text.js';

export type SampleFormat = 'json' | 'jsv' | 'xml' | 'csv';

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

export interface ParamRow {
  name: string;
  location: string;
  dataType: string;
  required: boolean;
  description: string;
  /** The "Allowable Values" list ServiceStack prints under a row's description. */
  allowableValues?: string[];
  line: number;
}

export interface ParamTable {
  /** Type name as the caption shows it (`PutOperationTenanted<TResponse>`). */
  typeName: string;
  line: number;
  rows: ParamRow[];
}

export interface EnumTable {
  typeName: string;
  line: number;
  /** Member names, and the value column when the page prints one (numeric or `[EnumMember]` values). */
  members: { name: string; value?: string; line: number }[];
}

export interface DtoSource {
  text: string;
  /** Line of the source's first line in the original file. */
  firstLine: number;
  /** "Python" from the "Python X DTOs" footer, else the HTML's `<code lang="python">`; absent when the page names none. */
  languageLabel?: string;
}

export interface MetadataPage {
  file: string;
  title: string;
  operation: string;
  /** Line of the operation name: where a missing DTO is reported. */
  operationLine: number;
  description?: string;
  auth: AuthRequirement;
  routes: Route[];
  /** DTO source blocks in a client language, in page order. */
  dtoSources: DtoSource[];
  paramTables: ParamTable[];
  enumTables: EnumTable[];
  sampleFormat?: SampleFormat;
  request?: HttpSample;
  response?: HttpSample;
}

const BACK_LINK = /^<?\s*back to all web services/i;
const ROUTES_CAPTION = /^The following routes are available for this service:?$/i;
const FORMAT_NOTE = /^To override the Content-type in your clients/i;
const JSONP_NOTE = /^To embed the response in a jsonp callback/i;
const SAMPLE_CAPTION = /^HTTP \+ (JSON|JSV|XML|CSV)$/i;
const SAMPLE_INTRO =
  /^(The following are sample HTTP requests and responses|The placeholders shown need to be replaced)/i;
const TABLE_CAPTION = /^(\S+(?:<[^>]*>)?) Parameters:$/;
const ENUM_CAPTION = /^(\S+(?:<[^>]*>)?) Enum:$/;
// Saved text glues the cells, or keeps tabs or spaces; copies keep the header's CSS upper case.
const TABLE_HEADER = /^Name[\t ]*Parameter[\t ]*Data Type[\t ]*Required[\t ]*Description$/i;
const ENUM_HEADER = /^Name[\t ]*Value$/i;
const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\s*$/;
const RESPONSE_LINE = /^HTTP\/1\.[01] (\d{3})\b/;
const ROUTE_ROW = /^(All Verbs|[A-Z]+(?:[ ,]+[A-Z]+)*)\t?(\/\S*)(?:\t(.*))?$/;
const ALLOWABLE = /^Allowable Values$/i;
const VALID_RANGE = /^Valid Range: /i;

/** The language tabs BaseMetadataHandler prints (`HtmlTemplates.ShowLanguages`). */
const NAV_LABELS = new Set([
  'Metadata',
  'C#',
  'JavaScript',
  'TypeScript',
  'Dart',
  'Java',
  'Kotlin',
  'Python',
  'PHP',
  'Swift',
  'VB.NET',
  'F#',
  'Go',
  'Rust',
  'Ruby',
  'Zig',
]);

const AUTH_ROWS: { pattern: RegExp; field: keyof Omit<AuthRequirement, 'required' | 'style'> }[] = [
  { pattern: /^Requires any of the roles:\s*(.+)$/i, field: 'anyRoles' },
  { pattern: /^(?:Requires the role|Required roles?):\s*(.+)$/i, field: 'roles' },
  { pattern: /^Requires any of the permissions:\s*(.+)$/i, field: 'anyPermissions' },
  {
    pattern: /^(?:Requires the permission|Required permissions?|Required permission\(s\)):\s*(.+)$/i,
    field: 'permissions',
  },
];

const AUTH_LABEL =
  /(Requires any of the roles:|Requires the role:|Required roles?:|Requires any of the permissions:|Requires the permission:|Required permissions?:)/g;

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

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the reader is: the page's lines (trimmed copies too) and their lines in the original file. */
class Lines {
  readonly trimmed: string[];
  constructor(
    readonly raw: string[],
    private readonly numbers: number[],
    private readonly codeLanguages: { index: number; lang: string }[] = [],
  ) {
    this.trimmed = raw.map((l) => l.trim());
  }
  /** The `lang` of the `<pre><code>` block that holds lines `start`..`end`, if any. */
  codeLanguage(start: number, end: number): string | undefined {
    const opens = (c: { index: number }) =>
      c.index <= end && (c.index >= start || this.trimmed.slice(c.index, start).every((l) => l === ''));
    return this.codeLanguages.filter(opens).at(-1)?.lang;
  }
  get length(): number {
    return this.raw.length;
  }
  text(i: number): string {
    return this.trimmed[i] ?? '';
  }
  /** Original 1-based line of entry `i` (the last line for past-the-end). */
  lineOf(i: number): number {
    return this.numbers[Math.min(i, this.numbers.length - 1)] ?? 1;
  }
  nextNonBlank(i: number): number {
    while (i < this.length && this.text(i) === '') i++;
    return i;
  }
}

const isNavLine = (lines: Lines, i: number): boolean => {
  const words = lines.text(i).split(/[\t ]+/);
  if (!words.every((w) => NAV_LABELS.has(w))) return false;
  if (words.length > 1 || words[0] === 'Metadata') return true;
  // One tab per line (copied from the flex nav): a lone "Python" counts only beside another tab.
  const neighbour = (j: number) => j >= 0 && j < lines.length && NAV_LABELS.has(lines.text(j));
  return neighbour(i - 1) || neighbour(i + 1);
};

type LineKind =
  | 'blank'
  | 'back'
  | 'auth'
  | 'routes'
  | 'nav'
  | 'table'
  | 'enum'
  | 'footer'
  | 'note'
  | 'sample-caption'
  | 'message'
  | 'other';

export const parseMetadataPage = (raw: string, file: string): { page?: MetadataPage; diagnostics: Diagnostic[] } => {
  const text = pageText(raw);
  const lines = new Lines(text.lines, text.lineNumbers, text.codeLanguages);
  const diagnostics: Diagnostic[] = [];
  const fail = (at: number, message: string) => {
    diagnostics.push({ severity: 'error', file, line: lines.lineOf(at), message });
    return { diagnostics };
  };
  let i = lines.nextNonBlank(0);
  const title = lines.text(i);
  if (!title || BACK_LINK.test(title)) return fail(i, 'expected the page title (the API name) on the first line');
  i = lines.nextNonBlank(i + 1);
  if (!BACK_LINK.test(lines.text(i))) return fail(i, "expected '<back to all web services' after the title");
  i = lines.nextNonBlank(i + 1);
  const operation = lines.text(i);
  if (!/^[A-Za-z_]\w*$/.test(operation)) return fail(i, 'expected the operation name (a DTO type name)');
  const page: MetadataPage = {
    file,
    title,
    operation,
    operationLine: lines.lineOf(i),
    auth: emptyAuth(),
    routes: [],
    dtoSources: [],
    paramTables: [],
    enumTables: [],
  };
  readBody(lines, i + 1, page, diagnostics);
  return { page, diagnostics };
};

/** What one line of the page is; `other` lines are description, DTO source or sample bodies. */
const kindOf = (lines: Lines, i: number, footer: RegExp): LineKind => {
  const t = lines.text(i);
  if (t === '') return 'blank';
  if (BACK_LINK.test(t)) return 'back';
  if (/^Requires Authentication$/i.test(t) || AUTH_ROWS.some((r) => r.pattern.test(t))) return 'auth';
  if (ROUTES_CAPTION.test(t)) return 'routes';
  if (TABLE_CAPTION.test(t)) return 'table';
  if (ENUM_CAPTION.test(t)) return 'enum';
  if (footer.test(t)) return 'footer';
  if (FORMAT_NOTE.test(t) || JSONP_NOTE.test(t) || SAMPLE_INTRO.test(t)) return 'note';
  if (SAMPLE_CAPTION.test(t)) return 'sample-caption';
  if (REQUEST_LINE.test(t) || RESPONSE_LINE.test(t)) return 'message';
  if (isNavLine(lines, i)) return 'nav';
  return 'other';
};

const readBody = (lines: Lines, from: number, page: MetadataPage, diagnostics: Diagnostic[]): void => {
  const footer = new RegExp(`^(?:(\\S.*?) )?${escapeRegExp(page.operation)} DTOs$`);
  const isOther = (i: number) => kindOf(lines, i, footer) === 'other';

  // A run of unrecognised lines: the description, or DTO source (named by a footer, or recognised by its language).
  let pending: { start: number; end: number } | undefined;
  let seenStructure = false;
  const closePending = (label: string | undefined, hasFooter: boolean) => {
    if (!pending) return;
    const { start, end } = pending;
    pending = undefined;
    const body = lines.raw.slice(start, end + 1).join('\n');
    if (hasFooter || detectDtoLanguage(body)) {
      const source: DtoSource = { text: body.replace(/\s+$/, ''), firstLine: lines.lineOf(start) };
      const named = label ?? lines.codeLanguage(start, end);
      if (named) source.languageLabel = named;
      page.dtoSources.push(source);
    } else if (!seenStructure && page.description === undefined) {
      page.description = lines.trimmed.slice(start, end + 1).join('\n');
    } else {
      diagnostics.push({
        severity: 'warning',
        file: page.file,
        line: lines.lineOf(start),
        message: `expected a parameter table, DTO source ending in '<Language> ${page.operation} DTOs', or a sample; ignored ${end - start + 1} line(s)`,
      });
    }
  };

  // Where the DTOs belong when the page has none: after the header parts (auth, routes, language tabs).
  let headerEnd = from;
  let i = from;
  while (i < lines.length) {
    const kind = kindOf(lines, i, footer);
    if (kind === 'blank') {
      i++;
      continue;
    }
    if (kind === 'other') {
      pending = pending ? { ...pending, end: i } : { start: i, end: i };
      i++;
      continue;
    }
    if (kind === 'footer') {
      closePending(footerLabel(footer, lines.text(i)), true);
      seenStructure = true;
      i++;
      continue;
    }
    closePending(undefined, false);
    seenStructure = true;
    switch (kind) {
      case 'auth':
        readAuthRow(lines.text(i), page.auth);
        headerEnd = ++i;
        break;
      case 'routes':
        headerEnd = i = readRoutes(lines, i + 1, page.routes);
        break;
      case 'nav':
        headerEnd = ++i;
        break;
      case 'table':
        i = readParamTable(lines, i, page, isOther);
        break;
      case 'enum':
        i = readEnumTable(lines, i, page, isOther);
        break;
      case 'sample-caption':
        page.sampleFormat = (SAMPLE_CAPTION.exec(lines.text(i))?.[1] ?? 'json').toLowerCase() as SampleFormat;
        i++;
        break;
      case 'message': {
        const sample = readHttpMessage(lines, i, isOther);
        if (sample.verb) page.request ??= sample.message;
        else page.response ??= sample.message;
        i = sample.next;
        break;
      }
      default: // back link repeated, notes: nothing to read
        i++;
    }
  }
  closePending(undefined, false);

  if (page.dtoSources.length === 0 && page.paramTables.length === 0) {
    diagnostics.push({
      severity: 'error',
      file: page.file,
      line: lines.lineOf(headerEnd),
      message: `expected DTO source ending in '<Language> ${page.operation} DTOs' or '${page.operation} Parameters:' tables`,
    });
  }
};

const footerLabel = (footer: RegExp, text: string): string | undefined => footer.exec(text)?.[1]?.trim() || undefined;

const readAuthRow = (line: string, auth: AuthRequirement): void => {
  // ServiceStack prints "Requires Authentication" for `[Authenticate]` and `[ValidateIsAuthenticated]` alike
  // (ServiceMetadata.RequiresAuthentication): the page leaves `auth.style` to build-api's default (README, Auth).
  auth.required = true;
  // ServiceStack prints every role and permission cell in one table row: "Required roles:\ta, b\tRequires the
  // permission:\tc" in HTML, glued ("Required roles:a, bRequires the permission:c") in saved text. A tab before
  // each label splits both alike.
  const cells = line.replace(AUTH_LABEL, '\t$1').split('\t');
  for (let c = 0; c < cells.length; c++) {
    const cell = `${cells[c] ?? ''}${/:\s*$/.test(cells[c] ?? '') ? ` ${cells[c + 1] ?? ''}` : ''}`.trim();
    const row = AUTH_ROWS.find((r) => r.pattern.test(cell));
    if (!row) continue;
    const names = (row.pattern.exec(cell)?.[1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    auth[row.field].push(...names.filter((n) => !auth[row.field].includes(n)));
  }
};

const readRoutes = (lines: Lines, from: number, routes: Route[]): number => {
  let i = from;
  for (; i < lines.length; i++) {
    const t = lines.text(i);
    if (t === '') continue;
    const route = ROUTE_ROW.exec(t);
    if (!route) break;
    routes.push({ verbs: parseVerbs(route[1] ?? ''), path: route[2] ?? '/' });
  }
  return i;
};

const readParamTable = (lines: Lines, at: number, page: MetadataPage, isOther: (i: number) => boolean): number => {
  const caption = TABLE_CAPTION.exec(lines.text(at));
  const table: ParamTable = { typeName: caption?.[1] ?? '', line: lines.lineOf(at), rows: [] };
  page.paramTables.push(table);
  let i = at + 1;
  let listing: ParamRow | undefined;
  for (; i < lines.length; i++) {
    const t = lines.text(i);
    if (t === '' || TABLE_HEADER.test(t)) continue;
    const last = table.rows[table.rows.length - 1];
    if (last && ALLOWABLE.test(t)) {
      listing = last;
      listing.allowableValues = [];
      continue;
    }
    if (last && VALID_RANGE.test(t)) {
      last.description = [last.description, t].filter(Boolean).join(' ');
      listing = undefined;
      continue;
    }
    const row = splitParamRow(t);
    if (row) {
      table.rows.push({ ...row, line: lines.lineOf(i) });
      listing = undefined;
      continue;
    }
    // An allowable value is a bare word or number; anything else ends the table.
    if (listing && /^[\w .+-]+$/.test(t) && isOther(i)) {
      listing.allowableValues?.push(t);
      continue;
    }
    break;
  }
  return i;
};

const readEnumTable = (lines: Lines, at: number, page: MetadataPage, isOther: (i: number) => boolean): number => {
  const caption = ENUM_CAPTION.exec(lines.text(at));
  const table: EnumTable = { typeName: caption?.[1] ?? '', line: lines.lineOf(at), members: [] };
  page.enumTables.push(table);
  let hasValues = false;
  let i = at + 1;
  for (; i < lines.length; i++) {
    const t = lines.text(i);
    if (t === '') continue;
    if (ENUM_HEADER.test(t)) {
      hasValues = true;
      continue;
    }
    if (!isOther(i)) break;
    // "Name\tValue\tDescription" (HTML), or the name alone, or name and value glued ("Active1") in saved text:
    // only a table with a Value column has values to unglue.
    const cells = t.split('\t');
    const glued = cells.length === 1 && hasValues ? /^([A-Za-z_]\w*?)(-?\d+)$/.exec(t) : null;
    const name = glued?.[1] ?? cells[0] ?? '';
    if (!/^[A-Za-z_]\w*$/.test(name)) break;
    const member: EnumTable['members'][number] = { name, line: lines.lineOf(i) };
    const value = glued?.[2] ?? cells[1];
    if (value) member.value = value;
    table.members.push(member);
  }
  return i;
};

const LOCATIONS = ['path', 'query', 'body', 'form', 'header', 'model'] as const;
const SPACED_ROW = new RegExp(`^([A-Za-z_]\\w*) (${LOCATIONS.join('|')}) (\\S.*?) (Yes|No)(?: (.*))?$`);

type ParamCells = Omit<ParamRow, 'line' | 'allowableValues'>;

/** "Id\tpath\tstring\tNo\tdescription": HTML cells, or text copied with its tabs. */
const tabbedRow = (cells: string[]): ParamCells | null => {
  const [name = '', location = '', dataType = '', required = '', ...rest] = cells;
  if (!/^[A-Za-z_@$][\w$]*$/.test(name) || !/^\w+$/.test(location) || !/^(yes|no)$/i.test(required)) return null;
  return {
    name,
    location: location.toLowerCase(),
    dataType,
    required: /^yes$/i.test(required),
    description: rest.join(' ').trim(),
  };
};

/** "IdpathstringNo": the split that leaves a plausible type name wins. */
const gluedRow = (line: string): ParamCells | null => {
  let best: (ParamCells & { score: number }) | undefined;
  for (const location of LOCATIONS) {
    for (let at = line.indexOf(location, 1); at > 0; at = line.indexOf(location, at + 1)) {
      const name = line.slice(0, at);
      const m = /^(.+?)(Yes|No)(.*)$/.exec(line.slice(at + location.length));
      if (!m || !/^[A-Za-z_]\w*$/.test(name)) continue;
      const dataType = m[1] ?? '';
      const score =
        (/^[A-Za-z_][\w<>,[\]? ]*$/.test(dataType) ? 2 : 0) +
        (/^[a-z]/.test(dataType) && !KNOWN_LOWER.has(dataType.replace(/\?$/, '')) ? -2 : 0) +
        name.length / 100;
      if (!best || score > best.score)
        best = { name, location, dataType, required: m[2] === 'Yes', description: (m[3] ?? '').trim(), score };
    }
  }
  if (!best || best.score < 1) return null;
  const { score: _score, ...row } = best;
  return row;
};

/**
 * One parameter-table row as the page was saved: "Id\tpath\tstring\tNo" (HTML, copied text),
 * "Id path string No" (text saved with spaces) or "IdpathstringNo" (text that glues the cells).
 */
export const splitParamRow = (line: string): ParamCells | null => {
  const cells = line.split('\t');
  if (cells.length >= 4) return tabbedRow(cells);
  const spaced = SPACED_ROW.exec(line);
  if (spaced) {
    const [, name = '', location = '', dataType = '', required = '', description = ''] = spaced;
    return { name, location, dataType, required: required === 'Yes', description: description.trim() };
  }
  return gluedRow(line);
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

/** One sample request or response: start line, headers, blank line, body up to the next part of the page. */
const readHttpMessage = (
  lines: Lines,
  at: number,
  isOther: (i: number) => boolean,
): { message: HttpSample; verb: boolean; next: number } => {
  const first = lines.text(at);
  const sample: HttpSample = { startLine: lines.lineOf(at), headers: {}, body: '', bodyLine: lines.lineOf(at) };
  const req = REQUEST_LINE.exec(first);
  const res = RESPONSE_LINE.exec(first);
  if (req) Object.assign(sample, { verb: req[1], path: req[2] });
  if (res) sample.status = Number(res[1]);
  let i = at + 1;
  for (; i < lines.length; i++) {
    const header = /^([A-Za-z-]+):\s*(.*?)\s*$/.exec(lines.raw[i] ?? '');
    if (!header) break;
    sample.headers[(header[1] ?? '').toLowerCase()] = header[2] ?? '';
  }
  i = lines.nextNonBlank(i);
  sample.bodyLine = lines.lineOf(i);
  const start = i;
  // The body runs to the next message, or to any other part of the page when sections were pasted after it.
  while (i < lines.length && (lines.text(i) === '' || isOther(i))) i++;
  sample.body = lines.raw.slice(start, i).join('\n').trim();
  return { message: sample, verb: Boolean(req), next: i };
};
