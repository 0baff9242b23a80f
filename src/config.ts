/**
 * ssmock's defaults, in one place: the CLI, `startMockServer` and `ssmock seed` read them from here, so a
 * default changes once and the README's option tables can be checked against one object.
 * Add new defaults as plain properties of `DEFAULTS` (grouped by what they configure).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './server/package-root.js';

export const DEFAULTS = {
  /** `ssmock serve` / `startMockServer` port; 0 picks a free one. */
  port: 5050,
  /** Both loopback addresses, named `localhost` (src/server/listen.ts says why). */
  host: 'localhost',
  /** The state file; `MEMORY_DB` keeps state in memory only. */
  db: '.ssmock/db.json',
  /** Largest request body accepted, after decompression (bytes). */
  bodyLimit: 1024 * 1024,
  /** Seed of fake data and generated requests. */
  seed: 0,
  /** An `X-Ssmock-Session` unused this many minutes is forgotten (its rules, journal and state). */
  sessionIdleMinutes: 30,
  /** Sessions kept besides the default one; a new one past it evicts the least recently used. */
  maxSessions: 1000,
  /** Folder names looked up in the current directory before the copies shipped with ssmock. */
  schemasDir: 'schemas',
  fixturesDir: 'fixtures',
};

export type Defaults = typeof DEFAULTS;

/** The `--db` value that keeps state in memory: nothing is read or written. */
export const MEMORY_DB = 'memory';

const localOrShipped = (dir: string): string =>
  existsSync(path.resolve(dir)) ? path.resolve(dir) : path.join(PACKAGE_ROOT, dir);

/** `./schemas` when the current project has one, else the schemas shipped with ssmock. */
export const defaultSchemasRoot = (): string => localOrShipped(DEFAULTS.schemasDir);
/** `./fixtures` when the current project has one, else the fixtures shipped with ssmock. */
export const defaultFixtures = (): string => localOrShipped(DEFAULTS.fixturesDir);
