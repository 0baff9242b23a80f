/**
 * The check of a `manifest.json` when it is loaded. People edit manifests by
 * hand (README, "The schemas"), so the first mistake is worded as one line,
 * `file: /json/pointer: what was expected`:
 *
 *   schemas/billiecart/manifest.json: /operations/0/routes/1/verbs/0: must be one of GET, POST, PUT, PATCH, DELETE
 *
 * The shape is `schemas/meta/manifest.schema.json` (what editors complete
 * from); then the manifest must fit its folder: the `api` id is the folder's
 * name, and every type the server looks up has a schema file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { didYouMean, firstMistake, type Mistake } from './ajv-wording.js';
import type { ApiManifest } from './manifest.js';

export const MANIFEST_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/meta/manifest.schema.json', import.meta.url));

/** What a manifest is checked against besides its own schema. */
export interface ManifestFolder {
  /** How the manifest file is named in the message (`schemas/billiecart/manifest.json`). */
  file: string;
  /** The API folder's name, which the manifest's `api` must equal. */
  id: string;
  /** The DTO types with a schema: a file in `types/`, or one of ServiceStack's built-in auth DTOs. */
  types: ReadonlySet<string>;
}

let compiled: ValidateFunction | undefined;
// Compiled once per process; verbose errors carry the value and the schema they failed on.
const validator = (): ValidateFunction =>
  (compiled ??= createAjv({ verbose: true }).compile(JSON.parse(readFileSync(MANIFEST_SCHEMA_FILE, 'utf8')) as object));

const shapeMistake = (value: unknown): Mistake | undefined => {
  const validate = validator();
  return validate(value) ? undefined : firstMistake(validate.errors ?? []);
};

const folderMistake = (manifest: ApiManifest, folder: ManifestFolder): Mistake | undefined => {
  if (manifest.api !== folder.id)
    return { pointer: '/api', expected: `must be "${folder.id}", the name of the folder the manifest is in` };
  const known = [...folder.types];
  const needsSchema = (type: string | null | undefined, pointer: string): Mistake | undefined =>
    type === null || type === undefined || folder.types.has(type)
      ? undefined
      : {
          pointer,
          expected: `must name a type with a schema file; there is no types/${type}.json${didYouMean(type, known)}`,
        };
  for (const [i, op] of manifest.operations.entries()) {
    const mistake =
      needsSchema(op.request, `/operations/${i}/request`) ??
      needsSchema(op.response, `/operations/${i}/response`) ??
      needsSchema(op.state?.resource, `/operations/${i}/state/resource`);
    if (mistake) return mistake;
  }
  return undefined;
};

/** The first mistake in a manifest as one line (`file: /pointer: what was expected`), or null when there is none. */
export const manifestProblem = (value: unknown, folder: ManifestFolder): string | null => {
  const mistake = shapeMistake(value) ?? folderMistake(value as ApiManifest, folder);
  return mistake ? `${folder.file}: ${mistake.pointer || '(root)'}: ${mistake.expected}` : null;
};
