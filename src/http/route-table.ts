/**
 * ServiceStack's routing for one API: the user routes of every operation
 * (case-insensitive literals, `{Var}`, `{Var*}` wildcards, verbs or All Verbs,
 * best match by ServiceStack's score) and the predefined routes
 * `/api/{Op}[.ext]` and `/{json|jsv|xml}/{reply|oneway}/{Op}`.
 */
import { WIRE_FORMAT_NAMES, type WireFormatName } from '../formats/index.js';
import type { Verb } from '../schema/manifest.js';
import type { OperationManifest } from '../schema/manifest.js';

/** json, jsv, xml, and the list formats csv and jsonl (README, Formats). */
export type WireFormat = WireFormatName;
const FORMATS: readonly string[] = WIRE_FORMAT_NAMES;
/** `name.json`, `name.csv`…: a format extension on a route's last part. */
const EXTENSION = new RegExp(`^(.+)\\.(${WIRE_FORMAT_NAMES.join('|')})$`, 'i');

export type RouteMatch =
  | { kind: 'user'; operation: OperationManifest; pathParams: Record<string, string>; extension?: WireFormat }
  | { kind: 'predefined'; operation: OperationManifest; format: WireFormat; extension?: WireFormat }
  /** `/api/{Op}[]`, `/json/reply/{Op}[]`, `/json/oneway/{Op}[]`: a JSON array of requests (auto-batching). */
  | { kind: 'batch'; operation: OperationManifest; format: 'json'; extension?: undefined }
  | { kind: 'unknown-operation'; name: string; format: WireFormat; extension?: undefined };

interface Segment {
  literal?: string;
  variable?: string;
  wildcard?: boolean;
}

interface CompiledRoute {
  operation: OperationManifest;
  verbs: Verb[];
  segments: Segment[];
  variables: number;
  wildcards: number;
  order: number;
}

const splitPath = (p: string): string[] => p.split('/').filter((s) => s !== '');

/**
 * `POST /api/{Op}[]` is mapped (PredefinedRoutesFeature) only for an operation with a response type whose verb
 * sends a body; the classic `/json/reply/{Op}[]` takes any.
 */
const apiBatchable = (method: string, op: OperationManifest): boolean =>
  method.toUpperCase() === 'POST' && op.response !== null && ['POST', 'PUT', 'PATCH'].includes(op.primaryVerb);

/** `CreatePerson[]` as the client writes it, or percent-encoded (`%5B%5D`). */
const BATCH_SUFFIX = /^(.+?)(?:\[\]|%5B%5D)$/i;

const compileSegment = (raw: string): Segment => {
  const m = /^\{\*{0,2}([^}*:?]+)(?::[^}]*)?\??(\*)?\}$/.exec(raw);
  if (!m) return { literal: raw.toLowerCase() };
  return { variable: m[1] ?? '', wildcard: raw.startsWith('{*') || m[2] === '*' };
};

export class RouteTable {
  readonly #routes: CompiledRoute[] = [];
  readonly #byName = new Map<string, OperationManifest>();

  constructor(operations: OperationManifest[]) {
    let order = 0;
    for (const op of operations) {
      this.#byName.set(op.name.toLowerCase(), op);
      for (const route of op.routes) {
        const segments = splitPath(route.path).map(compileSegment);
        this.#routes.push({
          operation: op,
          verbs: route.verbs,
          segments,
          variables: segments.filter((s) => s.variable).length, // wildcards count too, as in RestPath.VariableArgsCount
          wildcards: segments.filter((s) => s.wildcard).length,
          order: order++,
        });
      }
    }
  }

  match(method: string, pathname: string): RouteMatch | null {
    const parts = splitPath(pathname);
    const predefined = this.#matchPredefined(method, parts);
    if (predefined) return predefined;
    // `.json`/`.xml`/`.jsv`/`.csv`/`.jsonl` on a user route selects the format and is not part of the path.
    let extension: WireFormat | undefined;
    const last = parts[parts.length - 1];
    const ext = last ? EXTENSION.exec(last) : null;
    if (ext) {
      parts[parts.length - 1] = ext[1] ?? '';
      extension = (ext[2] ?? 'json').toLowerCase() as WireFormat;
    }
    // HEAD is answered like GET (without a body).
    const upper = method.toUpperCase();
    const verb = (upper === 'HEAD' ? 'GET' : upper) as Verb;
    let best: { route: CompiledRoute; params: Record<string, string>; consumed: number } | undefined;
    for (const route of this.#routes) {
      if (route.verbs.length && !route.verbs.includes(verb)) continue;
      const bound = bindSegments(route.segments, parts);
      if (!bound) continue;
      if (!best || better(route, bound.consumed, best.route, best.consumed, verb))
        best = { route, params: bound.params, consumed: bound.consumed };
    }
    if (!best) return null;
    const match: RouteMatch = { kind: 'user', operation: best.route.operation, pathParams: best.params };
    if (extension) match.extension = extension;
    return match;
  }

  #matchPredefined(method: string, parts: string[]): RouteMatch | null {
    const route = predefinedRoute(parts);
    if (!route) return null;
    const { name, format, extension } = route;
    const batch = BATCH_SUFFIX.exec(name);
    if (batch) {
      // ServiceStack batches JSON only; `/xml/reply/Op[]` names no route.
      const operation = format === 'json' && !extension ? this.#byName.get((batch[1] ?? '').toLowerCase()) : undefined;
      if (!operation || (route.api && !apiBatchable(method, operation))) return null;
      return { kind: 'batch', operation, format: 'json' };
    }
    const operation = this.#byName.get(name.toLowerCase());
    if (!operation) return { kind: 'unknown-operation', name, format: extension ?? format };
    const match: RouteMatch = { kind: 'predefined', operation, format };
    if (extension) match.extension = extension;
    return match;
  }
}

/** `/api/{Op}[.ext]` or `/{json|jsv|xml}/{reply|oneway}/{Op}`: the operation name and formats it names. */
const predefinedRoute = (
  parts: string[],
): { name: string; format: WireFormat; extension?: WireFormat; api: boolean } | null => {
  if (parts.length === 2 && parts[0]?.toLowerCase() === 'api') {
    const name = parts[1] ?? '';
    const ext = EXTENSION.exec(name);
    if (!ext) return { name, format: 'json', api: true };
    return { name: ext[1] ?? '', format: 'json', extension: (ext[2] ?? 'json').toLowerCase() as WireFormat, api: true };
  }
  const [prefix = '', kind = '', name = ''] = parts;
  if (parts.length !== 3 || !FORMATS.includes(prefix.toLowerCase()) || !/^(reply|oneway)$/i.test(kind)) return null;
  return { name, format: prefix.toLowerCase() as WireFormat, api: false };
};

const bindSegments = (
  segments: Segment[],
  parts: string[],
): { params: Record<string, string>; consumed: number } | null => {
  const params: Record<string, string> = {};
  let p = 0;
  let consumed = 0;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    if (seg.wildcard) {
      // A wildcard at the end takes what is left; one in the middle stops at the first part that matches the
      // literal after it, as ServiceStack's RestPath does (`/docs/{Path*}/edit` does not match `/docs/a/edit/b/edit`).
      const next = segments[s + 1]?.literal;
      const take = next === undefined ? parts.length - p - (segments.length - s - 1) : untilLiteral(parts, p, next);
      if (take < 0) return null;
      params[seg.variable!] = parts
        .slice(p, p + take)
        .map(decode)
        .join('/');
      consumed += take;
      p += take;
      continue;
    }
    const part = parts[p];
    if (part === undefined) return null;
    if (seg.literal !== undefined) {
      if (decode(part).toLowerCase() !== seg.literal) return null;
    } else if (seg.variable && seg.variable.toLowerCase() !== 'ignore') params[seg.variable] = decode(part);
    p++;
  }
  return p === parts.length ? { params, consumed } : null;
};

/** How many parts from `from` come before the first one equal to `literal`; -1 when none is. */
const untilLiteral = (parts: string[], from: number, literal: string): number => {
  for (let j = from; j < parts.length; j++) if (decode(parts[j]!).toLowerCase() === literal) return j - from;
  return -1;
};

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * ServiceStack's precedence: fewer wildcard-consumed segments, then fewer variables, then a route declared for
 * exactly this one verb (a `GET,POST` route gets no such bonus), then declaration order.
 */
const better = (a: CompiledRoute, aConsumed: number, b: CompiledRoute, bConsumed: number, verb: Verb): boolean => {
  if (aConsumed !== bConsumed) return aConsumed < bConsumed;
  if (a.variables !== b.variables) return a.variables < b.variables;
  const aExact = a.verbs.length === 1 && a.verbs[0] === verb;
  const bExact = b.verbs.length === 1 && b.verbs[0] === verb;
  if (aExact !== bExact) return aExact;
  return a.order < b.order;
};
