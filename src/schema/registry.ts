/**
 * Loads `schemas/<api>/` once at start-up and compiles every DTO schema with
 * ajv, so the request path never compiles, reads files or re-parses JSON.
 * This is the only module that imports ajv.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { BUILTIN_OPERATIONS, builtinSchemas } from './builtin-operations.js';
import type { JsonSchema } from './json-schema.js';
import type { ApiManifest, OperationManifest } from './manifest.js';

// ajv-formats is CommonJS with a default export that NodeNext types as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export type SchemaValidator = (value: unknown) => ErrorObject[] | null;

export interface ApiSchemas {
  id: string;
  manifest: ApiManifest;
  /** DTO type → its schema. */
  schemas: Map<string, JsonSchema>;
  /** `$ref` (`BankAccount.json`) or type name → schema. */
  resolve: (ref: string) => JsonSchema | undefined;
  /** Compiled validator of a DTO type (every type is compiled at load). */
  validator: (type: string) => SchemaValidator | undefined;
  /** Operation by name, case-insensitively. */
  operation: (name: string) => OperationManifest | undefined;
}

export class SchemaLoadError extends Error {}

export const createAjv = (): Ajv2020 => {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
};

export const typeOfRef = (ref: string): string => ref.replace(/^.*\//, '').replace(/\.json$/, '');

/** Builds an API's runtime view from a manifest and its schemas (from disk or memory). */
export const compileApi = (manifest: ApiManifest, derived: Map<string, JsonSchema>): ApiSchemas => {
  // ServiceStack's own auth DTOs join every API (schema/builtin-operations.ts); a derived type of the same name wins.
  const schemas = new Map(derived);
  for (const builtin of builtinSchemas(manifest.api))
    if (!schemas.has(builtin.title!)) schemas.set(builtin.title!, builtin);
  const ajv = createAjv();
  for (const schema of schemas.values()) ajv.addSchema(schema as object);
  const validators = new Map<string, SchemaValidator>();
  for (const [type, schema] of schemas) {
    const compiled = schema.$id ? (ajv.getSchema(schema.$id) as ValidateFunction | undefined) : undefined;
    if (!compiled) throw new SchemaLoadError(`[ssmock] schema of ${type} in API '${manifest.api}' did not compile`);
    validators.set(type, (value) => (compiled(value) ? null : [...(compiled.errors ?? [])]));
  }
  // Built-in operations are operations too (rules, the journal); a derived one of the same name wins.
  const operations = new Map([...BUILTIN_OPERATIONS, ...manifest.operations].map((op) => [op.name.toLowerCase(), op]));
  return {
    id: manifest.api,
    manifest,
    schemas,
    resolve: (ref) => schemas.get(typeOfRef(ref)),
    validator: (type) => validators.get(type),
    operation: (name) => operations.get(name.toLowerCase()),
  };
};

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SchemaLoadError(`[ssmock] cannot read ${file}: ${(err as Error).message}`);
  }
};

export const loadApi = (root: string, id: string): ApiSchemas => {
  const dir = path.join(root, id);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile))
    throw new SchemaLoadError(`[ssmock] no API '${id}' in ${root}: ${manifestFile} is missing (run 'ssmock derive')`);
  const manifest = readJson(manifestFile) as ApiManifest;
  const schemas = new Map<string, JsonSchema>();
  const typesDir = path.join(dir, 'types');
  for (const file of existsSync(typesDir) ? readdirSync(typesDir).sort() : []) {
    if (file.endsWith('.json')) schemas.set(file.slice(0, -5), readJson(path.join(typesDir, file)) as JsonSchema);
  }
  return compileApi(manifest, schemas);
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
