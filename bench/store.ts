/**
 * Micro-benchmark of the state store alone (no HTTP): serialisation of a
 * large state, flush latency, create+flush throughput and get-by-id at 0 and
 * at N stored records. The HTTP benchmark (bench/run.js) measures the
 * product's promises; this one says where the store's share of them goes.
 *
 * It runs the compiled store in dist/, so, from the repository root:
 *
 *   npm run build
 *   npx tsc --ignoreConfig --outDir /tmp/ssmock-bench --module nodenext --moduleResolution nodenext \
 *     --target es2022 --skipLibCheck --types node bench/store.ts
 *   node /tmp/ssmock-bench/bench/store.js [records=100000] [seconds=3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as StoreModule from '../src/store/index.js';
import type * as SerializeModule from '../src/store/serialize.js';
import type * as StateModule from '../src/store/state.js';

const load = async <T>(name: string): Promise<T> =>
  (await import(pathToFileURL(resolve('dist/store', name)).href)) as T;
const { openStore } = await load<typeof StoreModule>('index.js');
const { refreshChunks, render } = await load<typeof SerializeModule>('serialize.js');
const { StoreState } = await load<typeof StateModule>('state.js');

const RECORDS = Number(process.argv[2] ?? 100_000);
const SECONDS = Number(process.argv[3] ?? 3);
const scope = { api: 'billiecart', session: 'default', tenant: '' };
const intId = { property: 'id', type: 'integer' } as const;

/** ~15 fields, ~360 bytes of JSON. */
const customer = (id?: number): Record<string, unknown> => ({
  ...(id === undefined ? {} : { id }),
  firstName: `Jane${id ?? ''}`,
  lastName: 'Citizen',
  email: `jane${id ?? ''}@example.com.au`,
  phone: '+61 412 345 678',
  addressLine1: '1 George Street',
  addressLine2: 'Level 3',
  suburb: 'Sydney',
  state: 'NSW',
  postcode: '2000',
  dateOfBirth: '1980-05-17',
  bsb: '062-000',
  accountNumber: '12345678',
  createdAt: '2024-01-01T00:00:00.000Z',
  organisationId: 'org-1',
});

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function measureStringify(): void {
  const records = Array.from({ length: RECORDS }, (_, i) => customer(i + 1));
  const times = [0, 1, 2].map(() => {
    const start = performance.now();
    JSON.stringify(records);
    return performance.now() - start;
  });
  console.log(`JSON.stringify of ${RECORDS} records: ${ms(median(times))} (median of 3), blocking`);
}

async function measureChunked(): Promise<void> {
  const state = new StoreState();
  for (let id = 1; id <= RECORDS; id += 1)
    state.put(['default', 'billiecart', 'Customer', ''], String(id), customer(id));
  let longest = 0;
  let last = performance.now();
  let ticking = true;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const start = performance.now();
  await refreshChunks(state);
  const refreshed = performance.now() - start;
  ticking = false;
  const renderStart = performance.now();
  const { bytes } = render(state);
  const rendered = performance.now() - renderStart;
  console.log(
    `chunked serialisation of ${RECORDS} records: ${ms(refreshed)} in slices (longest event-loop gap ${ms(longest)}), ` +
      `then render ${ms(rendered)}, ${(bytes / 1e6).toFixed(1)} MB`,
  );
  state.put(['default', 'billiecart', 'Customer', ''], String(RECORDS + 1), customer(RECORDS + 1));
  const again = performance.now();
  await refreshChunks(state);
  render(state);
  console.log(`  after one more create: refresh + render ${ms(performance.now() - again)}`);
}

async function throughput(store: StoreModule.StateStore, concurrency: number): Promise<string> {
  const before = store.stats().writes;
  const end = performance.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        store.create(scope, 'Customer', customer(), intId);
        await store.flush();
        latencies.push(performance.now() - start);
        count += 1;
      }
    }),
  );
  const writes = store.stats().writes - before;
  return (
    `${Math.round(count / SECONDS)} creates/s at concurrency ${concurrency}, ` +
    `median create+flush ${ms(median(latencies))}, ${(count / Math.max(writes, 1)).toFixed(1)} creates per file write`
  );
}

function gets(store: StoreModule.StateStore, size: number): string {
  const end = performance.now() + 1000;
  let count = 0;
  let found = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i += 1) {
      if (store.get(scope, 'Customer', String((((count + i) * 7919) % size) + 1))) found += 1;
    }
    count += 1000;
  }
  return `${Math.round(count / 1000)}k gets/s (${found === count ? 'all found' : `${count - found} missing`})`;
}

async function measureStore(dir: string): Promise<void> {
  const empty = await openStore({ file: join(dir, 'empty.json') });
  await empty.flush();
  const latencies: number[] = [];
  for (let i = 0; i < 100; i += 1) {
    const start = performance.now();
    empty.create(scope, 'Customer', customer(), intId);
    await empty.flush();
    latencies.push(performance.now() - start);
  }
  console.log(`single create+flush at 100 records: median ${ms(median(latencies))} (db.json replaced each time)`);
  for (const concurrency of [10, 50]) console.log(`at ~0 records: ${await throughput(empty, concurrency)}`);
  await empty.close();

  const bigFile = join(dir, 'big.json');
  const seeding = await openStore({ file: bigFile });
  seeding.replace('default', { billiecart: { Customer: Array.from({ length: RECORDS }, (_, i) => customer(i + 1)) } });
  let start = performance.now();
  await seeding.close();
  console.log(`first write of ${RECORDS} records (all chunks stale): ${ms(performance.now() - start)}`);
  start = performance.now();
  const big = await openStore({ file: bigFile });
  console.log(`open with ${RECORDS} records (read, parse, index, freeze): ${ms(performance.now() - start)}`);
  for (const concurrency of [10, 50]) console.log(`at ${RECORDS} records: ${await throughput(big, concurrency)}`);
  console.log(`get by id at ${RECORDS} records: ${gets(big, RECORDS)}`);
  start = performance.now();
  await big.close();
  console.log(
    `close (folds the journal into db.json): ${ms(performance.now() - start)}, stats ${JSON.stringify(big.stats())}`,
  );

  const small = await openStore({ memory: true });
  for (let id = 1; id <= 1000; id += 1) small.create(scope, 'Customer', customer(id), intId);
  console.log(`get by id at 1000 records: ${gets(small, 1000)}`);
}

const dir = await mkdtemp(join(tmpdir(), 'ssmock-bench-'));
try {
  measureStringify();
  await measureChunked();
  await measureStore(dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
