import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../server/package-root.js';

/** `./schemas` when the current project has one, else the schemas shipped with ssmock. */
export const defaultSchemasRoot = (): string =>
  existsSync(path.resolve('schemas')) ? path.resolve('schemas') : path.join(PACKAGE_ROOT, 'schemas');
export const defaultFixtures = (): string =>
  existsSync(path.resolve('fixtures')) ? path.resolve('fixtures') : path.join(PACKAGE_ROOT, 'fixtures');
