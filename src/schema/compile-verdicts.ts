/**
 * Which sets of schemas have compiled cleanly before on this machine (README "Performance"). Compiling every
 * validator of a 400-operation API takes about a second, most of start-up; strict compilation is also what finds
 * the mistakes of a hand-edited schema, so a set of schemas is compiled whole the first time it loads. A set that
 * compiled cleanly is remembered by a hash of everything its compilation depends on (the schemas, the manifest,
 * ajv's version and our ajv setup); from then on its validators are compiled on first use, as the same input
 * compiles the same way. The verdicts are empty files under the OS temp dir (`ssmock-compiled/`): losing them costs one slow start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFolder } from '../output-paths.js';

/** `SSMOCK_CACHE_DIR` moves them (a test, a bench's cold start). */
const verdictsDir = (): string => process.env['SSMOCK_CACHE_DIR'] ?? path.join(tmpdir(), 'ssmock-compiled');

/** Our ajv setup as source text (compiled .js, or .ts under the tests): a change to it may refuse what it passed. */
const sourceOf = (name: string): string => {
  for (const ext of ['.js', '.ts']) {
    const file = fileURLToPath(new URL(`./${name}${ext}`, import.meta.url));
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  return '';
};

let setup: string | undefined;
const setupText = (): string => {
  const ajvVersion = (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version;
  setup ??= [ajvVersion, sourceOf('ajv'), sourceOf('validator-rules')].join('\0');
  return setup;
};

/** The hash of one API's compilation: its manifest and every schema, in load order, and the setup. */
export const compileKey = (manifest: unknown, schemas: ReadonlyMap<string, unknown>): string => {
  const hash = createHash('sha256').update(setupText()).update(JSON.stringify(manifest));
  for (const [type, schema] of schemas) hash.update(`\0${type}\0${JSON.stringify(schema)}`);
  return hash.digest('hex');
};

export const compiledCleanly = (key: string): boolean => existsSync(path.join(verdictsDir(), key));

export const rememberCleanCompile = (key: string): void => {
  try {
    makeFolder(verdictsDir()); // not mkdir({ recursive }): it loops forever under /proc
    writeFileSync(path.join(verdictsDir(), key), '');
  } catch {
    // A read-only temp dir only costs the next start-up its compile time.
  }
};
