/**
 * Kills a writing process with SIGKILL and checks that everything it was
 * told is on disk is there: the file parses, and every id whose flush()
 * resolved is present after a restart. The child runs the compiled store
 * (`dist/`, built by `npm run build`, which CI runs before the tests),
 * because a plain Node child cannot load our TypeScript.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStore, type StoreTuning } from './index.js';

const compiled = fileURLToPath(new URL('../../dist/store/index.js', import.meta.url));

// Creates records in a loop, a few at a time, printing each id once its flush() has resolved.
const CHILD = `
const [entry, file, tuning] = process.argv.slice(2);
const { openStore } = await import(entry);
const store = await openStore({ file, tuning: JSON.parse(tuning) });
const scope = { api: 'billiecart', session: 'default', tenant: '' };
let n = 0;
for (;;) {
  await Promise.all(Array.from({ length: 8 }, async () => {
    const made = store.create(scope, 'Customer', { n: n++, note: 'x'.repeat(200) }, { property: 'id', type: 'integer' });
    await store.flush();
    process.stdout.write(made.id + '\\n');
  }));
}
`;

const KILL_AFTER_ACKS = 800;

interface Killed {
  acknowledged: number[];
  signal: NodeJS.Signals | null;
}

async function runAndKill(script: string, file: string, tuning: StoreTuning): Promise<Killed> {
  const child = spawn(process.execPath, [script, pathToFileURL(compiled).href, file, JSON.stringify(tuning)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Mid-work, by count rather than by time: past a few compactions in journal mode (~260 records each).
      if (out.split('\n').length > KILL_AFTER_ACKS) resolve();
    });
    void exited.then(() => reject(new Error(`the child exited before writing: ${err}`)));
  });
  child.kill('SIGKILL');
  const signal = await exited;
  // Only complete lines: the last one may have been cut by the kill.
  const acknowledged = out.split('\n').slice(0, -1).map(Number);
  return { acknowledged, signal };
}

const haveBuild = existsSync(compiled);
const test = haveBuild ? it : it.skip;
const why = haveBuild ? '' : ' [SKIPPED: dist/store/index.js is missing; run `npm run build` first]';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssmock-sigkill-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe.each<[string, StoreTuning]>([
  ['replacing db.json on every commit', {}],
  ['journalling, with compactions under way', { fullWriteLimit: 0, compactMinBytes: 64 * 1024 }],
])('SIGKILL while %s', (_, tuning) => {
  test(`keeps every acknowledged write and a file that parses${why}`, async () => {
    const script = join(dir, 'child.mjs');
    await writeFile(script, CHILD);
    const file = join(dir, 'db.json');
    const { acknowledged, signal } = await runAndKill(script, file, tuning);
    expect(signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(8);
    const text = await readFile(file, 'utf8');
    expect(() => JSON.parse(text)).not.toThrow();
    // The child's lock is stale now (its pid is gone): reopening takes it over.
    const store = await openStore({ file });
    try {
      const scope = { api: 'billiecart', session: 'default', tenant: '' };
      const missing = acknowledged.filter((id) => store.get(scope, 'Customer', id) === undefined);
      expect(missing).toEqual([]);
      const next = store.create(scope, 'Customer', {}, { property: 'id', type: 'integer' }).id as number;
      expect(next).toBeGreaterThan(Math.max(...acknowledged));
    } finally {
      await store.close();
    }
  });
});
