/**
 * Reads an `--interactions` file: a JSON array of
 * `{ operation, request?, method?, anonymous?, expect?: { status? }, description? }`.
 * Every mistake is reported with where it is (`[2].expect.status: expected an integer`), so the
 * file can be fixed in one go.
 */
import { readFileSync } from 'node:fs';
import { ALL_VERBS, type Verb } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { Interaction } from './model.js';

export class InteractionsFileError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isStatus = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;

const verbOf = (method: unknown): unknown => (typeof method === 'string' ? method.toUpperCase() : method);

/** Each field checked on its own, so one run reports every mistake of the entry. */
const CHECKS: Record<string, (value: unknown, api: ApiSchemas) => string | undefined> = {
  operation: (v, api) =>
    typeof v !== 'string' || !v
      ? 'expected an operation name'
      : api.operation(v)
        ? undefined
        : `no operation '${v}' in API '${api.id}'`,
  request: (v) => (v === undefined || isObject(v) ? undefined : 'expected an object (the request DTO)'),
  method: (v) =>
    v === undefined || ALL_VERBS.includes(verbOf(v) as Verb) ? undefined : `expected one of ${ALL_VERBS.join(', ')}`,
  anonymous: (v) => (v === undefined || typeof v === 'boolean' ? undefined : 'expected true or false'),
  description: (v) => (v === undefined || typeof v === 'string' ? undefined : 'expected a string'),
  expect: (v) =>
    v === undefined || (isObject(v) && (v['status'] === undefined || isStatus(v['status'])))
      ? undefined
      : 'expected an object like { "status": 404 } (an HTTP status, 100-599)',
};

const problemsOf = (raw: unknown, at: string, api: ApiSchemas): string[] => {
  if (!isObject(raw)) return [`${at}: expected an object`];
  const unknown = Object.keys(raw)
    .filter((key) => !(key in CHECKS))
    .map((key) => `${at}.${key}: unknown field (expected ${Object.keys(CHECKS).join(', ')})`);
  const wrong = Object.entries(CHECKS).flatMap(([key, check]) => {
    const problem = check(raw[key], api);
    return problem ? [`${at}.${key}: ${problem}`] : [];
  });
  return [...unknown, ...wrong];
};

/** A checked entry as an Interaction. */
const toInteraction = (raw: Record<string, unknown>): Interaction => {
  const out: Interaction = { operation: raw['operation'] as string };
  if (isObject(raw['request'])) out.request = raw['request'];
  if (typeof raw['method'] === 'string') out.method = verbOf(raw['method']) as Verb;
  if (typeof raw['anonymous'] === 'boolean') out.anonymous = raw['anonymous'];
  const expect = raw['expect'];
  if (isObject(expect) && isStatus(expect['status'])) out.expect = { status: expect['status'] };
  if (typeof raw['description'] === 'string') out.description = raw['description'];
  return out;
};

export const parseInteractions = (value: unknown, api: ApiSchemas, source = 'interactions'): Interaction[] => {
  if (!Array.isArray(value)) throw new InteractionsFileError(`${source}: expected a JSON array of interactions`);
  const problems = value.flatMap((raw, i) => problemsOf(raw, `[${i}]`, api));
  if (problems.length) throw new InteractionsFileError(`${source}: ${problems.join('; ')}`);
  return (value as Record<string, unknown>[]).map(toInteraction);
};

export const readInteractionsFile = (file: string, api: ApiSchemas): Interaction[] => {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InteractionsFileError(
      `${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(err as Error).message})`}`,
    );
  }
  return parseInteractions(value, api, file);
};
