/**
 * `verifyProvider`: contract-test a running ServiceStack backend (or the mock itself) against the
 * schemas. Each interaction is sent the way `@servicestack/client` sends it — `{target}/api/{Op}`,
 * the DTO as a JSON body for POST/PUT/PATCH and in the query string for GET/DELETE — and its answer
 * checked by check.ts. Nothing a backend does makes this throw: a 5xx, a non-JSON body, a reset
 * connection is a failed interaction; only a target that cannot be reached at all before the first
 * interaction ends the run early, with `unreachable` set.
 */
import type { Verb } from '../schema/manifest.js';
import { ALL_VERBS } from '../schema/manifest.js';
import { Chain } from './chain.js';
import { checkAnswer } from './check.js';
import { cookieHeader, send, type HttpRequest } from './http.js';
import type { Interaction, InteractionResult, VerifyOptions, VerifyReport } from './model.js';
import { planInteractions } from './plan.js';

export type { Interaction, InteractionResult, VerifyOptions, VerifyReport, Violation } from './model.js';
export { planInteractions, type PlanOptions } from './plan.js';
export { formatText, formatJson, formatJunit } from './report.js';

const BODY_VERBS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

const queryString = (dto: Record<string, unknown>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(dto)) {
    if (value === undefined || value === null) continue;
    // ServiceStack reads structured query values as JSV, which accepts JSON.
    params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

const toRequest = (
  base: string,
  path: string,
  verb: string,
  dto: Record<string, unknown>,
  auth: Record<string, string>,
): HttpRequest => {
  const headers: Record<string, string> = { Accept: 'application/json', ...auth };
  if (!BODY_VERBS.has(verb)) return { method: verb, url: `${base}${path}${queryString(dto)}`, headers };
  return {
    method: verb,
    url: `${base}${path}`,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(dto),
  };
};

type SignIn = { auth: Record<string, string>; failure?: InteractionResult; unreachable?: string };

/** `POST /auth/credentials`; the bearerToken it returns, else the session cookies it set. */
const signIn = async (
  base: string,
  options: VerifyOptions,
  fetchFn: typeof fetch,
  timeoutMs: number,
): Promise<SignIn> => {
  const { userName, password } = options.user!;
  const path = '/auth/credentials';
  const sent = await send(fetchFn, toRequest(base, path, 'POST', { userName, password }, {}), timeoutMs);
  const result = (status: number | null, message: string, durationMs: number): InteractionResult => ({
    operation: 'Authenticate',
    description: `sign in as ${userName}`,
    method: 'POST',
    path,
    status,
    passed: false,
    violations: [{ message }],
    notes: [],
    durationMs,
  });
  if (!sent.ok)
    return sent.unreachable
      ? { auth: {}, unreachable: sent.error }
      : { auth: {}, failure: result(null, `sign-in failed: ${sent.error}`, sent.durationMs) };
  const { answer } = sent;
  if (answer.status < 200 || answer.status >= 300)
    return {
      auth: {},
      failure: result(answer.status, `sign-in as ${userName} failed: got ${answer.status}`, answer.durationMs),
    };
  let token: unknown;
  try {
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    token = body['bearerToken'] ?? body['BearerToken'];
  } catch {
    token = undefined;
  }
  if (typeof token === 'string' && token) return { auth: { Authorization: `Bearer ${token}` } };
  const cookies = cookieHeader(answer.setCookies);
  return { auth: cookies ? { Cookie: cookies } : {} };
};

const run = async (
  interaction: Interaction,
  ctx: {
    options: VerifyOptions;
    base: string;
    fetchFn: typeof fetch;
    timeoutMs: number;
    auth: Record<string, string>;
    chain: Chain;
  },
) => {
  const { api } = ctx.options;
  const op = api.operation(interaction.operation);
  const method = (interaction.method?.toUpperCase() ?? op?.primaryVerb ?? 'POST') as Verb;
  const path = `/api/${encodeURIComponent(op?.name ?? interaction.operation)}`;
  const base: InteractionResult = {
    operation: op?.name ?? interaction.operation,
    method,
    path,
    status: null,
    passed: false,
    violations: [],
    notes: [],
    durationMs: 0,
  };
  if (interaction.description) base.description = interaction.description;
  if (!op)
    return {
      result: { ...base, violations: [{ message: `no operation '${interaction.operation}' in API '${api.id}'` }] },
    };
  if (!ALL_VERBS.includes(method))
    return { result: { ...base, violations: [{ message: `unknown method '${method}'` }] } };
  const { request, unresolved } = ctx.chain.resolve(interaction.request ?? {});
  const notes = unresolved.map((p) => `nothing created before this interaction: sent ${p} as written`);
  const sent = await send(
    ctx.fetchFn,
    toRequest(ctx.base, path, method, request, interaction.anonymous ? {} : ctx.auth),
    ctx.timeoutMs,
  );
  if (!sent.ok)
    return {
      result: { ...base, notes, durationMs: sent.durationMs, violations: [{ message: `no answer: ${sent.error}` }] },
      unreachable: sent.unreachable ? sent.error : undefined,
    };
  const { answer } = sent;
  const checked = checkAnswer(api, op, method, request, answer, interaction.expect?.status);
  if (answer.status >= 200 && answer.status < 300) ctx.chain.record(op, method, checked.body, request);
  const result: InteractionResult = {
    ...base,
    status: answer.status,
    durationMs: answer.durationMs,
    violations: checked.violations,
    notes: [...notes, ...checked.notes],
  };
  result.passed = result.violations.length === 0;
  return { result };
};

export const verifyProvider = async (options: VerifyOptions): Promise<VerifyReport> => {
  const base = options.target.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const report: VerifyReport = { target: options.target, api: options.api.id, results: [], passed: 0, failed: 0 };
  const finish = () => {
    report.passed = report.results.filter((r) => r.passed).length;
    report.failed = report.results.length - report.passed;
    return report;
  };
  let auth: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  if (!options.token && options.user) {
    const signed = await signIn(base, options, fetchFn, timeoutMs);
    if (signed.unreachable) return { ...finish(), unreachable: signed.unreachable };
    if (signed.failure) report.results.push(signed.failure);
    auth = signed.auth;
  }
  const ctx = { options, base, fetchFn, timeoutMs, auth, chain: new Chain() };
  const interactions =
    options.interactions ?? planInteractions(options.api, options.seed === undefined ? {} : { seed: options.seed });
  let contacted = report.results.length > 0 || options.user !== undefined;
  for (const interaction of interactions) {
    const { result, unreachable } = await run(interaction, ctx);
    // Unreachable from the start: the target is wrong, not the backend. Later, it is the backend going away mid-run.
    if (unreachable && !contacted) return { ...finish(), unreachable };
    if (result.status !== null) contacted = true;
    report.results.push(result);
  }
  return finish();
};
