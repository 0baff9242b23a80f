/**
 * `serve --proxy URL` (README "Proxy and record"): chosen operations are answered by a real ServiceStack backend.
 *
 * Its step in the lifecycle (docs/architecture.md) comes once the route has matched, the body has been received and
 * the `X-Ssmock-*` overrides had their say, and before the mock's own bind → auth → validate → execute: the backend
 * binds, authenticates and validates the request itself, so it gets the client's raw body in the client's format,
 * with its credentials. The mock only binds a copy of the DTO for its scripted rules (a rule that answers wins over
 * the backend; a delay rule waits first) and for the recorder. The answer goes back as the backend sent it; the
 * caller checks it against the response schema as the self-check does.
 */
import { MockError } from '../errors.js';
import type { Call } from '../http/call.js';
import { applyOutcomes } from '../http/outcomes.js';
import type { PipelineDeps } from '../http/pipeline.js';
import { readBody } from '../http/read-body.js';
import type { Reply } from '../http/reply.js';
import type { RouteMatch } from '../http/route-table.js';
import { bindRequest } from '../http/bind.js';
import { isVerb, type OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { UserError } from '../user-error.js';
import { backendName, forward, type BackendAnswer } from './forward.js';
import { ScenarioRecorder } from './record.js';

export interface ProxyOptions {
  /** The backend's base URL; a call's path under its API's base is appended to it. */
  url: string;
  /** Only these operations (names, any case); absent: every operation no scripted rule answers. */
  ops?: string[] | undefined;
  /** Write what the backend answers to this scenario file. */
  record?: string | undefined;
  /** How long to wait for the backend's whole answer (default PROXY_TIMEOUT_MS). */
  timeoutMs?: number | undefined;
}

/** A slow staging server still answers; a dead one fails the call in bounded time. */
export const PROXY_TIMEOUT_MS = 30_000;

/** What the backend answered: the reply to send as it is, and what the self-check should look at. */
export interface Proxied {
  reply: Reply;
  reason: string;
  /** The parsed JSON success answer and its response type; undefined when there is nothing to check. */
  checked?: Reply;
}

type ForwardedMatch = Extract<RouteMatch, { kind: 'user' | 'predefined' | 'batch' }>;

export interface Proxy {
  /** How messages name the backend (`http://staging.example.com`). */
  readonly backend: string;
  /** Whether this operation's calls go to the backend (when no scripted rule answers them). */
  forwards(operation: OperationManifest): boolean;
  /** Forwards a call the route table matched under `base`; a scripted rule's error or fault throws instead. */
  answer(deps: PipelineDeps, call: Call, match: ForwardedMatch, base: string): Promise<Proxied>;
  /** Waits for the recording to be on disk. */
  close(): Promise<void>;
}

const backendUrl = (url: string): URL => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`--proxy ${url}: not a URL (expected http://host:port or https://host/base)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UserError(`--proxy ${url}: only http:// and https:// backends can be proxied`);
  return parsed;
};

/** `--proxy-ops` names operations of the served APIs (any case); a typo would silently proxy nothing. */
const chosenOperations = (ops: string[] | undefined, apis: ApiSchemas[]): Set<string> | undefined => {
  if (!ops) return undefined;
  const names = ops
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !apis.some((a) => a.operation(n)));
  if (unknown.length)
    throw new UserError(
      `--proxy-ops: no operation ${unknown.map((n) => `'${n}'`).join(', ')} in ${apis.map((a) => a.id).join(', ')}`,
    );
  return new Set(names.map((n) => n.toLowerCase()));
};

const isJson = (contentType: string | undefined): boolean => {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return media === 'application/json' || media.endsWith('+json');
};

/** The request DTO as the mock's own pipeline would bind it, for rules and the recorder; the backend judges the rest. */
const boundCopy = (api: ApiSchemas, call: Call, match: ForwardedMatch): Record<string, unknown> => {
  const schema = api.schemas.get(match.operation.request);
  if (match.kind === 'batch' || !schema) return {};
  const predefined = match.kind === 'predefined';
  try {
    const parsed = readBody(
      call.raw,
      call.req.headers['content-type'],
      predefined ? match.format : undefined,
      api,
      match.operation.request,
    );
    return bindRequest(schema, api.resolve, {
      body: parsed.body,
      form: parsed.form,
      pathParams: predefined ? {} : match.pathParams,
      query: call.query,
      queryFillsOnly: predefined,
    }).dto;
  } catch (err) {
    // A body the mock cannot read is the backend's to refuse.
    if (err instanceof MockError) return {};
    throw err;
  }
};

const replyOf = (answer: BackendAnswer, typeName: string): Reply => {
  const { status, body, contentType, headers } = answer;
  const empty = body.length === 0 && (status === 204 || status === 304 || !contentType);
  return empty
    ? { status, typeName, headers }
    : { status, typeName, headers, text: { contentType: contentType ?? 'application/octet-stream', body } };
};

/** The answer's JSON, when it is JSON; a JSON answer that does not parse is noted in the journal. */
const parsedJson = (answer: BackendAnswer, call: Call): unknown => {
  if (!isJson(answer.contentType) || answer.body.length === 0) return undefined;
  try {
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  } catch (err) {
    call.problems.push(`the backend's ${answer.status} answer is not valid JSON: ${(err as Error).message}`);
    return undefined;
  }
};

/** Builds the proxy of a server: checks its options and, with `record`, writes the (empty) scenario file. */
export const createProxy = async (
  options: ProxyOptions,
  apis: ApiSchemas[],
  log: (line: string) => void,
): Promise<Proxy> => {
  const url = backendUrl(options.url);
  const backend = backendName(url);
  const chosen = chosenOperations(options.ops, apis);
  const timeoutMs = options.timeoutMs ?? PROXY_TIMEOUT_MS;
  const recorder = options.record
    ? new ScenarioRecorder(options.record, { backend, apiCount: apis.length, log })
    : undefined;
  await recorder?.start().catch((err: unknown) => {
    // makeFolder already names the file and why; a failed write of the empty scenario does not.
    if (err instanceof UserError) throw new UserError(`--record: ${err.message}`);
    throw new UserError(`--record ${options.record}: cannot write the file (${(err as Error).message})`);
  });

  return {
    backend,
    forwards: (operation) => !chosen || chosen.has(operation.name.toLowerCase()),
    answer: async (deps, call, match, base) => {
      const { api } = deps;
      const { operation } = match;
      const dto = boundCopy(api, call, match);
      call.dto = dto;
      const preparing = deps.ensureSession(call.session);
      if (preparing) await preparing;
      const outcomes = deps.runtime.take({ session: call.session, api: api.id, operation: operation.name, dto });
      if (outcomes.length) await applyOutcomes(outcomes);

      const answer = await forward(
        url,
        {
          method: call.req.method,
          pathAndQuery: call.req.originalUrl.slice(base.length),
          headers: call.req.headers,
          body: call.raw,
        },
        timeoutMs,
      );
      // Cookies keep the backend's attributes (HttpOnly, SameSite, Expires), which the responder's cookies would not.
      if (answer.cookies.length) call.res.append('Set-Cookie', answer.cookies);
      const typeName = operation.response ?? operation.request;
      const body = parsedJson(answer, call);
      const method = call.req.method === 'HEAD' ? 'GET' : call.req.method;
      if (recorder && match.kind !== 'batch')
        recorder.note({
          api,
          operation,
          verb: isVerb(method) ? method : operation.primaryVerb,
          dto,
          status: answer.status,
          body,
        });
      const checked =
        operation.response && answer.status < 300 && body !== undefined
          ? { status: answer.status, body, typeName: operation.response }
          : undefined;
      return { reply: replyOf(answer, typeName), reason: answer.reason, ...(checked ? { checked } : {}) };
    },
    close: async () => {
      await recorder?.flush();
    },
  };
};

/** The proxy options of `startMockServer` (src/server/start.ts), flat as the CLI flags are. */
export interface ProxyServerOptions {
  /** `--proxy URL`: a real ServiceStack backend answers the calls chosen below (README "Proxy and record"). */
  proxy?: string | undefined;
  /** `--proxy-ops A,B`: only these operations (any case); default: every operation no scripted rule answers. */
  proxyOps?: string[] | undefined;
  /** `--record FILE`: the backend's answers kept as a scenario file (records and error rules, never a secret). */
  record?: string | undefined;
  /** Milliseconds to wait for the backend's whole answer before a 502 (default 30,000). */
  proxyTimeoutMs?: number | undefined;
}

/** The server's proxy, or undefined without `proxy`; `proxyOps` or `record` alone are a mistake worth a line. */
export const proxyOf = async (
  options: ProxyServerOptions,
  apis: ApiSchemas[],
  log: (line: string) => void,
): Promise<Proxy | undefined> => {
  if (!options.proxy) {
    const orphan = options.proxyOps?.length ? '--proxy-ops' : options.record ? '--record' : undefined;
    if (orphan) throw new UserError(`${orphan} needs --proxy URL: the backend whose answers it is about`);
    return undefined;
  }
  return createProxy(
    { url: options.proxy, ops: options.proxyOps, record: options.record, timeoutMs: options.proxyTimeoutMs },
    apis,
    log,
  );
};
