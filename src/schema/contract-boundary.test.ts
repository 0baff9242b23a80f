/**
 * The manifest (src/schema/manifest.ts) is the contract between derive and the
 * server: the serving side reads what derive wrote, never derive's own model.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SERVING = [
  'http',
  'server',
  'handlers',
  'auth',
  'store',
  'scenarios',
  'admin',
  'faker',
  'formats',
  'openapi',
  'verify',
  'testing',
  'schema',
  'autoquery',
]
  .map((dir) => path.join('src', dir))
  .filter((dir) => existsSync(dir));

const IMPORTS_DERIVE = /(?:from|import\()\s*'(?:\.\.\/)+derive\//;

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));

describe('the serving side', () => {
  it('is told apart by its imports', () => {
    expect(IMPORTS_DERIVE.test("import type { TypeDef } from '../derive/model.js';")).toBe(true);
    expect(IMPORTS_DERIVE.test("const m = await import('../../derive/index.js');")).toBe(true);
    expect(IMPORTS_DERIVE.test("import type { Verb } from '../schema/manifest.js';")).toBe(false);
  });

  it.each(SERVING)('%s imports nothing from src/derive', (dir) => {
    const offenders = sources(dir).filter((file) => IMPORTS_DERIVE.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
