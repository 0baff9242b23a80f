import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { watchFolders, type FolderWatch } from './watch.js';

let dir: string;
let watch: FolderWatch | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-watch-unit-'));
});
afterEach(() => {
  watch?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a watch whose batches are handed out one by one. */
const batches = (folders: () => string[]) => {
  const waiting: ((files: string[]) => void)[] = [];
  const ready: string[][] = [];
  watch = watchFolders(
    folders,
    (files) => {
      const taker = waiting.shift();
      if (taker) taker(files);
      else ready.push(files);
      return Promise.resolve();
    },
    50,
  );
  return (): Promise<string[]> =>
    ready.length ? Promise.resolve(ready.shift()!) : new Promise((resolve) => waiting.push(resolve));
};

it('hands a burst of changes over as one batch, each file once', async () => {
  const next = batches(() => [dir]);
  const names = ['a.json', 'b.json', 'c.json'];
  for (const name of names) writeFileSync(path.join(dir, name), '1');
  for (const name of names) writeFileSync(path.join(dir, name), '2');
  expect(await next()).toEqual(names.map((n) => path.join(dir, n)));
});

it('watches a folder that appears later, counting the files it already holds', async () => {
  const sub = path.join(dir, 'api', 'docs');
  const next = batches(() => [dir, path.join(dir, 'api'), sub]);
  mkdirSync(sub, { recursive: true });
  writeFileSync(path.join(sub, 'dtos.cs'), 'class A {}');
  const seen = new Set<string>();
  while (!seen.has(path.join(sub, 'dtos.cs'))) for (const file of await next()) seen.add(file);
  // From now on, changes inside it arrive too.
  writeFileSync(path.join(sub, 'more.cs'), 'class B {}');
  while (!seen.has(path.join(sub, 'more.cs'))) for (const file of await next()) seen.add(file);
  expect(seen).toContain(path.join(dir, 'api'));
});
