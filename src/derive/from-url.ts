/**
 * `ssmock derive --from URL`: what a running ServiceStack server publishes — `/types/metadata`, a `/types/{lang}`
 * DTO file or a `/{format}/metadata?op=X` page — fetched once and saved under `<out>/<api>/docs/` beside hand-saved
 * pages. Deriving then reads files only, so a later `derive` or `derive --check` is offline and reproducible.
 *
 * Planning (which URL, what it must answer, the file name, the API id) and judging an answer are pure functions;
 * only `fetchPublished` touches the network (Node's global fetch: redirects followed, one bounded time-out).
 */
import { describeError } from '../verify/http.js';
import { UserError } from '../user-error.js';
import { detectDtoLanguage } from './dto/index.js';
import { looksLikeHtml } from './page-text.js';

/** What the URL publishes, and so what its answer must be. */
export type Published =
  | { kind: 'metadata-types' }
  | { kind: 'dto-file'; lang: string }
  | { kind: 'page'; operation: string; format: string; lang?: string };

export interface FetchPlan {
  /** The URL to GET. */
  url: URL;
  /** The server's base URL as the user gave it (everything before `/types/…` or `/{format}/metadata`). */
  base: string;
  /** `/types/metadata` (with its query), as error messages name it. */
  endpoint: string;
  published: Published;
  /** Name of the saved copy under `docs/`: it says what it is (`types-metadata.json`, `types-typescript.ts`). */
  fileName: string;
  /** The API id the URL suggests, and whether it came from the URL's path or its host. */
  api: { id: string; from: 'path' | 'host' };
  /** The Accept header: ServiceStack negotiates `/types/metadata` like any DTO, and answers HTML to a browser's. */
  accept: string;
}

/** `/types/{lang}` endpoints (ServiceStack's NativeTypesService) and the extension of their saved copies. */
const DTO_EXTENSIONS: Record<string, string> = {
  csharp: 'cs',
  fsharp: 'fs',
  vbnet: 'vb',
  typescript: 'ts',
  'typescript.d': 'd.ts',
  js: 'js',
  mjs: 'mjs',
  python: 'py',
  java: 'java',
  kotlin: 'kt',
  swift: 'swift',
  swift4: 'swift',
  dart: 'dart',
  go: 'go',
  ruby: 'rb',
  rust: 'rs',
  zig: 'zig',
  php: 'php',
};

const PAGE_FORMATS = new Set(['json', 'xml', 'jsv', 'csv', 'jsonl', 'html']);

/** A HandlerFactoryPath (`/api`) is where ServiceStack is mounted, not the API's name. */
const MOUNT_SEGMENTS = new Set(['api']);

/** Generic labels of a host name (`www.`, `api.`, `com.au`) that name no API. */
const GENERIC_HOST_LABELS = new Set(['www', 'api', 'com', 'co', 'org', 'net', 'gov', 'edu', 'ac']);

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const fileSafe = (text: string): string => text.replace(/[^\w.-]+/g, '_');

/**
 * The API id a URL suggests: its last path segment before the published endpoint (`/billiecart`), else the
 * registrable name of its host (`staging-api.billiecart.com.au` → `billiecart`); a loopback or IP host is `localhost`
 * or the address, which is why the CLI says where the id came from.
 */
export const apiIdFromUrl = (base: URL): { id: string; from: 'path' | 'host' } => {
  const segments = base.pathname
    .split('/')
    .map((s) => slug(decodeURIComponent(s)))
    .filter((s) => s && !MOUNT_SEGMENTS.has(s));
  if (segments.length) return { id: segments.at(-1)!, from: 'path' };
  const host = base.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return { id: 'localhost', from: 'host' };
  if (/^[\d.]+$/.test(host) || host.includes(':')) return { id: slug(host), from: 'host' };
  const labels = host.split('.');
  if (labels.length > 1) labels.pop(); // the top-level domain
  const named = labels.filter((l) => !GENERIC_HOST_LABELS.has(l));
  return { id: slug(named.at(-1) ?? labels[0] ?? host), from: 'host' };
};

const parseUrl = (from: string): URL => {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new UserError(`--from must be a URL like http://localhost:5000, got '${from}'`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError(`--from must be an http(s) URL, got '${from}'`, 2);
  return url;
};

const withPath = (url: URL, pathname: string, search = ''): URL => {
  const next = new URL(url.href);
  next.pathname = pathname;
  next.search = search;
  next.hash = '';
  return next;
};

/**
 * Reads what `--from` points at: a base URL or a metadata index page (then `<base>/types/metadata`), a
 * `/types/metadata` or `/types/{lang}` URL, or an operation page `/{format}/metadata?op=X[&lang=L]`. Throws a
 * UserError (exit 2) for a URL it cannot use.
 */
export const planFetch = (from: string): FetchPlan => {
  const url = parseUrl(from);
  const pathname = url.pathname.replace(/\/+$/, '');
  const types = /^(.*)\/types(?:\/([\w.]+?))?(?:\.json)?$/i.exec(pathname);
  const page = /^(.*)\/(\w+)\/metadata$/i.exec(pathname);
  const op = url.searchParams.get('op');
  let basePath: string;
  let published: Published;
  let fileName: string;
  let endpoint: URL;
  if (types && (!types[2] || types[2].toLowerCase() === 'metadata')) {
    basePath = types[1]!;
    published = { kind: 'metadata-types' };
    fileName = 'types-metadata.json';
    endpoint = withPath(url, `${basePath}/types/metadata`, url.search);
  } else if (types) {
    const lang = types[2]!.toLowerCase();
    const ext = DTO_EXTENSIONS[lang];
    if (!ext)
      throw new UserError(
        `--from ${from}: /types/${lang} is no DTO generator ServiceStack serves; one of ${Object.keys(DTO_EXTENSIONS).join(', ')}`,
        2,
      );
    basePath = types[1]!;
    published = { kind: 'dto-file', lang };
    fileName = `types-${lang.replace('.d', '')}.${ext}`;
    endpoint = withPath(url, pathname, url.search);
  } else if (page && op && PAGE_FORMATS.has(page[2]!.toLowerCase())) {
    const format = page[2]!.toLowerCase();
    const lang = url.searchParams.get('lang') ?? undefined;
    basePath = page[1]!;
    published = { kind: 'page', operation: op, format, ...(lang ? { lang } : {}) };
    fileName = `${fileSafe(op)}.${fileSafe(lang ?? 'parameters')}.${format}.html`;
    endpoint = withPath(url, pathname, url.search);
  } else {
    // A metadata index (`/metadata`, `/json/metadata` without `?op=`) stands for the server it describes.
    if (page && PAGE_FORMATS.has(page[2]!.toLowerCase())) basePath = page[1]!;
    else basePath = pathname.replace(/\/metadata$/i, '');
    published = { kind: 'metadata-types' };
    fileName = 'types-metadata.json';
    endpoint = withPath(url, `${basePath}/types/metadata`);
  }
  const base = withPath(url, basePath || '/');
  return {
    url: endpoint,
    base: base.href.replace(/\/$/, ''),
    endpoint: endpoint.pathname.slice(basePath.length) + endpoint.search,
    published,
    fileName,
    api: apiIdFromUrl(base),
    accept:
      published.kind === 'metadata-types'
        ? 'application/json'
        : published.kind === 'page'
          ? 'text/html'
          : 'text/plain, */*;q=0.5',
  };
};

export interface Answer {
  status: number;
  /** The media type without parameters (`text/html`), '' when none. */
  contentType: string;
  text: string;
  /** Where the answer came from after redirects. */
  finalUrl: string;
}

const PAGE_MARK = /back to all web services/i;

const isMetadataTypes = (value: unknown): boolean => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const listOrAbsent = (x: unknown) => x === undefined || Array.isArray(x);
  // ServiceStack.Text omits what is null, so either list may be missing; one of them must be there.
  return (Array.isArray(v.operations) || Array.isArray(v.types)) && listOrAbsent(v.operations) && listOrAbsent(v.types);
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
};

/** What an answer of a given media type is, for the one line that says it is not what was asked for. */
const shape = (answer: Answer, jsonWanted: boolean): string => {
  const type = answer.contentType || 'no content type';
  if (!answer.text.trim()) return `${type} with an empty body`;
  if (looksLikeHtml(answer.text) || answer.contentType === 'text/html') return type;
  if (parseJson(answer.text) !== undefined) return `${type} (JSON)`;
  return jsonWanted ? `${type} that is not JSON` : type;
};

/**
 * Why an answer is not what the plan asked for, as the one line the CLI prints (without `ssmock: `);
 * undefined when it is.
 */
export const judgeAnswer = (plan: FetchPlan, answer: Answer): string | undefined => {
  const where = plan.url.href;
  const redirected = answer.finalUrl && answer.finalUrl !== where ? ` (redirected to ${answer.finalUrl})` : '';
  if (answer.status === 401 || answer.status === 403)
    return `${where} answered ${answer.status}${redirected}: the server wants credentials; pass them with --header "Authorization: Bearer …"`;
  if (answer.status === 404 && plan.published.kind === 'metadata-types')
    return `${where} answered 404${redirected}: is ${plan.base} the base URL of a ServiceStack server?`;
  if (answer.status < 200 || answer.status > 299) return `${where} answered ${answer.status}${redirected}`;
  const notServiceStack = (what: string) =>
    `${plan.base} is not a ServiceStack server: ${plan.endpoint} answered ${shape(answer, plan.published.kind === 'metadata-types')}${redirected}, not ${what}`;
  switch (plan.published.kind) {
    case 'metadata-types':
      return isMetadataTypes(parseJson(answer.text)) ? undefined : notServiceStack('the MetadataTypes JSON');
    case 'dto-file':
      // get-dtos takes an answer with the generator's `Options:` header as DTOs; so does derive, and source
      // printed WithoutOptions when its language shows.
      return !looksLikeHtml(answer.text) &&
        parseJson(answer.text) === undefined &&
        (/^\W*Options:/m.test(answer.text.slice(0, 500)) || detectDtoLanguage(answer.text))
        ? undefined
        : notServiceStack('DTO source');
    case 'page':
      return PAGE_MARK.test(answer.text) ? undefined : notServiceStack('a metadata page ("<back to all web services")');
  }
};

export interface FetchOptions {
  /** Extra request headers (`Authorization: Bearer …`, a cookie). */
  headers?: Record<string, string>;
  /** Bound on the whole exchange, body included. */
  timeoutMs: number;
  fetchFn?: typeof fetch;
}

/** Exit code of a server that cannot be reached at all, as `verify` exits (README, "Command line"). */
export const UNREACHABLE_EXIT = 2;

/**
 * GETs the planned URL and returns its body when it is what was asked for. Every failure is a UserError of one
 * line: unreachable or silent (exit 2), an error status or something that is not ServiceStack's (exit 1).
 */
export const fetchPublished = async (plan: FetchPlan, options: FetchOptions): Promise<string> => {
  const fetchFn = options.fetchFn ?? fetch;
  let answer: Answer;
  try {
    // The user's headers replace ours whatever their case (`--header "Accept: …"` replaces the Accept asked for).
    const headers = new Headers({ accept: plan.accept });
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    const res = await fetchFn(plan.url, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    answer = {
      status: res.status,
      contentType: (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase(),
      text: await res.text(),
      finalUrl: res.url,
    };
  } catch (err) {
    const { error } = describeError(err);
    const reason = error === 'no answer before the timeout' ? `no answer within ${options.timeoutMs} ms` : error;
    throw new UserError(`cannot reach ${plan.url.href}: ${reason}`, UNREACHABLE_EXIT, { cause: err });
  }
  const wrong = judgeAnswer(plan, answer);
  if (wrong) throw new UserError(wrong);
  return answer.text;
};

/** `--header "Name: value"` → a header entry; throws a usage UserError for anything else. */
export const parseHeader = (header: string): [string, string] => {
  const colon = header.indexOf(':');
  const name = header.slice(0, colon).trim();
  if (colon <= 0 || !/^[!#$%&'*+.^_`|~\w-]+$/.test(name))
    throw new UserError(`--header must be "Name: value", got '${header}'`, 2);
  return [name, header.slice(colon + 1).trim()];
};
