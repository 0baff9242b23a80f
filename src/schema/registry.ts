/**
 * Loads `schemas/<api>/` once at start-up and compiles every DTO schema with
 * ajv (or, for schemas that compiled cleanly before, on first use: compile-verdicts.ts), so the request path
 * never reads files or re-parses JSON.
 * A mistake in a hand-edited file stops the load with one line naming the
 * file and the place (`SchemaLoadError`); ajv itself is made in ./ajv.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { compileKey, compiledCleanly, rememberCleanCompile } from './compile-verdicts.js';
import { BUILTIN_OPERATIONS, builtinSchemas } from './builtin-operations.js';
import type { JsonSchema } from './json-schema.js';
import type { ApiManifest, OperationManifest } from './manifest.js';
import { manifestProblem } from './manifest-check.js';
import { locateSchemaFault } from './schema-faults.js';

export { createAjv } from './ajv.js';

export type SchemaValidator = (value: unknown) => ErrorObject[] | null;

export interface ApiSchemas {
  id: string;
  manifest: ApiManifest;
  /** DTO type → its schema. */
  schemas: Map<string, JsonSchema>;
  /** `$ref` (`BankAccount.json`) or type name → schema. */
  resolve: (ref: string) => JsonSchema | undefined;
  /** Compiled validator of a DTO type (compiled at load, or on first use once known to compile: compile-verdicts.ts). */
  validator: (type: string) => SchemaValidator | undefined;
  /**
   * The validator the self-check runs on every answer, compiled on first use: formats checked for shape only
   * (ajv-formats' fast mode), since the answer is our own output and a full check of 50 dates costs ~9× as much.
   */
  answerValidator: (type: string) => SchemaValidator | undefined;
  /** Operation by name, case-insensitively. */
  operation: (name: string) => OperationManifest | undefined;
}

export class SchemaLoadError extends Error {}

/** A file as the user would type it: relative to the current directory when it is inside it. */
const shown = (file: string): string => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
};

/** A validator of a schema known to compile cleanly (compile-verdicts.ts), compiled when first called. */
const validatorOnFirstUse = (ajv: Ajv2020, id: string): SchemaValidator => {
  let compiled: ValidateFunction | undefined;
  return (value) => {
    compiled ??= ajv.getSchema(id) as ValidateFunction;
    return compiled(value) ? null : [...(compiled.errors ?? [])];
  };
};

export const typeOfRef = (ref: string): string => ref.replace(/^.*\//, '').replace(/\.json$/, '');

/**
 * Builds an API's runtime view from a manifest and its schemas (from disk or
 * memory). `dir` is the API folder they were read from, for messages.
 */
export const compileApi = (manifest: ApiManifest, derived: Map<string, JsonSchema>, dir?: string): ApiSchemas => {
  // ServiceStack's own auth DTOs join every API (schema/builtin-operations.ts); a derived type of the same name wins.
  const schemas = new Map(derived);
  for (const builtin of builtinSchemas(manifest.api))
    if (!schemas.has(builtin.title!)) schemas.set(builtin.title!, builtin);
  const fileOf = (type: string): string =>
    dir ? shown(path.join(dir, 'types', `${type}.json`)) : `schema ${type} of API '${manifest.api}'`;
  const ajv = createAjv();
  const validators = new Map<string, SchemaValidator>();
  // Every validator is compiled now the first time these schemas load (compiling is what finds their mistakes);
  // once they have compiled cleanly, on first use (compile-verdicts.ts): a large API starts in a fraction of the time.
  const key = compileKey(manifest, schemas);
  const lazy = compiledCleanly(key);
  let current = '';
  try {
    for (const [type, schema] of schemas) {
      current = type;
      ajv.addSchema(schema as object);
    }
    for (const [type, schema] of schemas) {
      current = type;
      if (lazy && schema.$id) {
        validators.set(type, validatorOnFirstUse(ajv, schema.$id));
        continue;
      }
      const compiled = schema.$id ? (ajv.getSchema(schema.$id) as ValidateFunction | undefined) : undefined;
      if (!compiled) throw new SchemaLoadError(`[ssmock] ${fileOf(type)}: (root): must have an "$id"`);
      validators.set(type, (value) => (compiled(value) ? null : [...(compiled.errors ?? [])]));
    }
    if (!lazy) rememberCleanCompile(key);
  } catch (err) {
    if (err instanceof SchemaLoadError) throw err;
    const fault = locateSchemaFault(schemas, current, err as Error);
    throw new SchemaLoadError(`[ssmock] ${fileOf(fault.type)}: ${fault.pointer || '(root)'}: ${fault.message}`);
  }
  let answers: Ajv2020 | undefined;
  const answerValidators = new Map<string, SchemaValidator>();
  const answerValidator = (type: string): SchemaValidator | undefined => {
    const known = answerValidators.get(type);
    const id = schemas.get(type)?.$id;
    if (known || !id) return known;
    if (!answers) {
      answers = createAjv({ formats: 'fast' });
      for (const schema of schemas.values()) answers.addSchema(schema as object);
    }
    const compiled = answers.getSchema(id) as ValidateFunction;
    const validate: SchemaValidator = (value) => (compiled(value) ? null : [...(compiled.errors ?? [])]);
    answerValidators.set(type, validate);
    return validate;
  };
  // Built-in operations are operations too (rules, the journal); a derived one of the same name wins.
  const operations = new Map([...BUILTIN_OPERATIONS, ...manifest.operations].map((op) => [op.name.toLowerCase(), op]));
  return {
    id: manifest.api,
    manifest,
    schemas,
    resolve: (ref) => schemas.get(typeOfRef(ref)),
    validator: (type) => validators.get(type),
    answerValidator,
    operation: (name) => operations.get(name.toLowerCase()),
  };
};

const readJson = (file: string): unknown => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SchemaLoadError(`[ssmock] cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    // A hand-edited file: say where, as an editor counts (V8 gives only a character offset).
    const message = (err as Error).message;
    const offset = Number(/ at position (\d+)/.exec(message)?.[1] ?? text.length);
    const before = text.slice(0, offset).split('\n');
    const where = `line ${before.length}, column ${before.at(-1)!.length + 1}`;
    const what = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    throw new SchemaLoadError(`[ssmock] ${shown(file)}: ${where}: not valid JSON (${what})`);
  }
};

export const loadApi = (root: string, id: string): ApiSchemas => {
  const dir = path.join(root, id);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile))
    throw new SchemaLoadError(`[ssmock] no API '${id}' in ${root}: ${manifestFile} is missing (run 'ssmock derive')`);
  const manifest = readJson(manifestFile);
  const schemas = new Map<string, JsonSchema>();
  const typesDir = path.join(dir, 'types');
  for (const file of existsSync(typesDir) ? readdirSync(typesDir).sort() : []) {
    if (file.endsWith('.json')) schemas.set(file.slice(0, -5), readJson(path.join(typesDir, file)) as JsonSchema);
  }
  const types = new Set([...schemas.keys(), ...builtinSchemas(id).map((schema) => schema.title!)]);
  const problem = manifestProblem(manifest, { file: shown(manifestFile), id, types });
  if (problem) throw new SchemaLoadError(`[ssmock] ${problem}`);
  return compileApi(manifest as ApiManifest, schemas, dir);
};

/** The API ids under a schemas root (folders with a manifest). */
export const listApis = (root: string): string[] =>
  existsSync(root)
    ? readdirSync(root)
        .filter((id) => existsSync(path.join(root, id, 'manifest.json')))
        .sort()
    : [];

export const loadApis = (root: string, ids?: string[]): ApiSchemas[] => {
  const wanted = ids?.length ? ids : listApis(root);
  if (wanted.length === 0) throw new SchemaLoadError(`[ssmock] no APIs found in ${root} (run 'ssmock derive' first)`);
  return wanted.map((id) => loadApi(root, id));
};
