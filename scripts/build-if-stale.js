/**
 * `npm start`'s prestart: rebuilds dist/ only when a source is newer than the last build, so starting an
 * installed, built clone costs no compile (a full `tsc` took 8 s warm). A rebuild is incremental
 * (tsconfig.build.json keeps its build info in dist/), so after a change only what changed is compiled.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written by every build (tsconfig.build.json `tsBuildInfoFile`); its time is the time of the last build. */
const STAMP = path.join(root, 'dist', 'tsconfig.build.tsbuildinfo');
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'].map((f) => path.join(root, f));

/** Newest modification time of the files tsc compiles into dist/ (tests and test fixtures are not compiled). */
const newestSource = (dir) => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__') newest = Math.max(newest, newestSource(file));
    } else if (!/\.test\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
};

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(newestSource(path.join(root, 'src')), ...CONFIGS.map((f) => statSync(f).mtimeMs));
if (changed > built) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  // tsc leaves its build info untouched when a file was saved without a change: mark this build as the latest.
  const now = new Date();
  utimesSync(STAMP, now, now);
}
