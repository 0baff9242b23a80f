/**
 * `serve --record FILE`: what a proxied backend answers, kept as a scenario (README "Scenarios"), so QA can replay
 * the situation offline with `serve --scenario FILE`:
 *
 * - a success answer's resources become `data` records of the collection the operation's state binding names
 *   (the manifest's `state.resource`), merged by id (and `$tenant`); a successful delete removes its record;
 * - an error answer becomes a rule for its operation (status, errorCode, message, field errors), matching the
 *   request's top-level values so only the same request fails again; a later success of that request drops it.
 *   401 and 403 answers are not kept: they follow from credentials, which are never recorded (on replay the
 *   mock's own users sign in).
 *
 * Nothing secret is written (secrets.ts). The file is rewritten after each answer, atomically (a temp file renamed
 * over it), so a server killed at any moment leaves the last complete scenario behind.
 */
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isPlainObject } from '../formats/schema-walk.js';
import { makeFolder } from '../output-paths.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { OperationManifest, Verb } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { Rule, RuleMatcher, Scenario } from '../scenarios/model.js';
import { PACKAGE_ROOT } from '../server/package-root.js';
import { TENANT_KEY } from '../store/index.js';
import { isSecretName, scrubSecrets } from './secrets.js';

/** One answer of the backend, as the recorder needs it. */
export interface RecordedAnswer {
  api: ApiSchemas;
  operation: OperationManifest;
  verb: Verb;
  /** The request DTO as the mock bound it (for ids, tenants and the rule's `when`). */
  dto: Record<string, unknown>;
  status: number;
  /** The parsed JSON body; undefined when the backend sent none or another format. */
  body: unknown;
}

type RecordRow = Record<string, unknown>;

/** Answers that depend on credentials: never turned into rules (see above). */
const CREDENTIAL_STATUSES: ReadonlySet<number> = new Set([401, 403]);

const refOf = (schema: JsonSchema | undefined): string | undefined => schema?.$ref;

/** The resources an answer carries: the response itself, a property holding one, or an array of them (`results`). */
const resourcesIn = (api: ApiSchemas, operation: OperationManifest, body: unknown): unknown[] => {
  const resource = operation.state?.resource;
  if (!resource || !operation.response) return [];
  if (operation.response === resource) return Array.isArray(body) ? body : [body];
  if (!isPlainObject(body)) return [];
  const ref = `${resource}.json`;
  const out: unknown[] = [];
  for (const [prop, schema] of Object.entries(api.schemas.get(operation.response)?.properties ?? {})) {
    const value = body[prop];
    if (refOf(schema) === ref) out.push(value);
    else if (schema.type === 'array' && refOf(schema.items) === ref && Array.isArray(value)) out.push(...value);
  }
  return out;
};

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

const tenantOf = (answer: RecordedAnswer): string | undefined => {
  const property = answer.operation.tenantProperty;
  const value = property ? answer.dto[property] : undefined;
  return present(value) && typeof value !== 'object' ? String(value) : undefined;
};

/**
 * The records a success answer holds, without secrets and with `$tenant`, each valid against its resource schema
 * (a scenario that does not load would replay nothing); `skipped` counts those left out.
 */
export const recordsOf = (answer: RecordedAnswer): { resource: string; records: RecordRow[]; skipped: number } => {
  const state = answer.operation.state;
  if (!state || answer.status >= 300) return { resource: '', records: [], skipped: 0 };
  const validate = answer.api.validator(state.resource);
  const tenant = tenantOf(answer);
  const records: RecordRow[] = [];
  let skipped = 0;
  for (const found of resourcesIn(answer.api, answer.operation, answer.body)) {
    const row = scrubSecrets(found);
    if (!isPlainObject(row) || !present(row[state.idProperty]) || validate?.(row)) skipped++;
    else records.push(tenant === undefined ? row : { [TENANT_KEY]: tenant, ...row });
  }
  return { resource: state.resource, records, skipped };
};

/** The request's top-level plain values (secrets left out): a replayed rule fires for the same request only. */
export const whenOf = (dto: Record<string, unknown>): Record<string, RuleMatcher> | undefined => {
  const when: Record<string, RuleMatcher> = {};
  for (const [name, value] of Object.entries(dto))
    if (!isSecretName(name) && present(value) && typeof value !== 'object') when[name] = value as RuleMatcher;
  return Object.keys(when).length ? when : undefined;
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A property of a ServiceStack body by either casing (`responseStatus`, or `ResponseStatus` from PascalCase hosts). */
const prop = (body: unknown, name: string): unknown => {
  if (!isPlainObject(body)) return undefined;
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
};

const fieldErrorsOf = (errors: unknown): NonNullable<NonNullable<Rule['responseStatus']>['errors']> =>
  (Array.isArray(errors) ? errors : []).flatMap((e) => {
    const fieldName = text(prop(e, 'fieldName'));
    if (!fieldName) return [];
    const errorCode = text(prop(e, 'errorCode'));
    const meta = prop(e, 'meta');
    const strings = isPlainObject(meta)
      ? Object.fromEntries(Object.entries(meta).filter((m): m is [string, string] => typeof m[1] === 'string'))
      : {};
    return [
      {
        fieldName,
        message: text(prop(e, 'message')) ?? '',
        ...(errorCode ? { errorCode } : {}),
        ...(Object.keys(strings).length ? { meta: strings } : {}),
      },
    ];
  });

/** The rule an error answer becomes (undefined for a success, or a 401/403). */
export const errorRuleOf = (answer: RecordedAnswer, withApi: boolean): Rule | undefined => {
  if (answer.status < 400 || answer.status > 599 || CREDENTIAL_STATUSES.has(answer.status)) return undefined;
  const status = prop(answer.body, 'responseStatus');
  const errorCode = text(prop(status, 'errorCode'));
  const message = text(prop(status, 'message'));
  const errors = fieldErrorsOf(prop(status, 'errors'));
  const when = whenOf(answer.dto);
  return {
    operation: answer.operation.name,
    ...(withApi ? { api: answer.api.id } : {}),
    ...(when ? { when } : {}),
    status: answer.status,
    ...(errorCode || message || errors.length
      ? {
          responseStatus: {
            ...(errorCode ? { errorCode } : {}),
            ...(message ? { message } : {}),
            ...(errors.length ? { errors } : {}),
          },
        }
      : {}),
  };
};

const ruleKey = (answer: RecordedAnswer): string =>
  JSON.stringify([answer.api.id, answer.operation.name, whenOf(answer.dto) ?? {}]);

const recordKey = (row: RecordRow, idProperty: string): string =>
  JSON.stringify([row[TENANT_KEY] ?? '', String(row[idProperty])]);

/** `$schema` of the file: the scenario schema shipped with ssmock, relative to where the file is (editor completion). */
const schemaRef = (file: string): string =>
  path
    .relative(path.dirname(path.resolve(file)), path.join(PACKAGE_ROOT, 'schemas', 'meta', 'scenario.schema.json'))
    .split(path.sep)
    .join('/');

export class ScenarioRecorder {
  readonly #file: string;
  readonly #description: string;
  readonly #withApi: boolean;
  readonly #log: (line: string) => void;
  /** api → resource → (tenant, id) → record, in the order first seen. */
  readonly #data = new Map<string, Map<string, Map<string, RecordRow>>>();
  readonly #rules = new Map<string, Rule>();
  #writing: Promise<void> = Promise.resolve();
  #queued = false;

  constructor(file: string, options: { backend: string; apiCount: number; log: (line: string) => void }) {
    this.#file = path.resolve(file);
    this.#description = `Recorded from ${options.backend} by 'ssmock serve --record' (started ${new Date().toISOString()}).`;
    this.#withApi = options.apiCount > 1;
    this.#log = options.log;
  }

  /** Writes the empty scenario: a path that cannot be written fails at start-up, not at the first answer. */
  async start(): Promise<void> {
    makeFolder(path.dirname(this.#file), this.#file); // not mkdir({ recursive }): it loops forever under /proc
    await this.#write();
  }

  /** Takes an answer into the scenario and schedules the file's rewrite. */
  note(answer: RecordedAnswer): void {
    const key = ruleKey(answer);
    const rule = errorRuleOf(answer, this.#withApi);
    if (rule) this.#rules.set(key, rule);
    else if (answer.status < 300) this.#rules.delete(key);
    this.#noteRecords(answer);
    this.#schedule();
  }

  /** Resolves once everything noted so far is on disk. */
  flush(): Promise<void> {
    return this.#writing;
  }

  /** The scenario as it stands. */
  scenario(): Scenario & { $schema: string } {
    const data: NonNullable<Scenario['data']> = {};
    for (const [api, resources] of this.#data) {
      const byType: Record<string, RecordRow[]> = {};
      for (const [resource, rows] of resources) if (rows.size) byType[resource] = [...rows.values()];
      if (Object.keys(byType).length) data[api] = byType;
    }
    return { $schema: schemaRef(this.#file), description: this.#description, data, rules: [...this.#rules.values()] };
  }

  #noteRecords(answer: RecordedAnswer): void {
    const state = answer.operation.state;
    if (!state || answer.status >= 300) return;
    const rows = this.#collection(answer.api.id, state.resource);
    if (state.effects[answer.verb] === 'delete') {
      const id = answer.dto[state.idProperty];
      if (present(id)) rows.delete(JSON.stringify([tenantOf(answer) ?? '', String(id)]));
      return;
    }
    const { records, skipped } = recordsOf(answer);
    for (const row of records) {
      const key = recordKey(row, state.idProperty);
      rows.set(key, { ...rows.get(key), ...row });
    }
    if (skipped)
      this.#log(
        `[ssmock] record: ${skipped} ${state.resource} record(s) of ${answer.operation.name} left out (no id, or not valid against ${state.resource})`,
      );
  }

  #collection(api: string, resource: string): Map<string, RecordRow> {
    let resources = this.#data.get(api);
    if (!resources) this.#data.set(api, (resources = new Map()));
    let rows = resources.get(resource);
    if (!rows) resources.set(resource, (rows = new Map()));
    return rows;
  }

  /** One rewrite at a time; answers that arrive meanwhile are written together by the next one. */
  #schedule(): void {
    if (this.#queued) return;
    this.#queued = true;
    this.#writing = this.#writing
      .then(() => {
        this.#queued = false;
        return this.#write();
      })
      .catch((err: unknown) => this.#log(`[ssmock] record: could not write ${this.#file}: ${(err as Error).message}`));
  }

  async #write(): Promise<void> {
    const temp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(this.scenario(), null, 2)}\n`);
    await rename(temp, this.#file);
  }
}
