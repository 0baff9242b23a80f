// npm run bench (after run.js): AutoQuery against bare Express, in one run, as ratios.
//
// - query: `GET /bookings?RoomType=Suite&take=50` (a `QueryDb<Booking>` with one filter, paged by primary key)
//   over BENCH_AQ_ROWS (default 100,000) rows of one table; bare Express answers the same 50 rows, pre-serialised.
// - create: `POST /bookings` through `ICreateDb<Booking>` (validation, a seeded fake for the columns the DTO lacks,
//   a new int id), file db; bare Express answers a fixed IdResponse.
// - the query again on a server started with selfCheck: 'off', to show what validating each answer costs.
// The API is test/fixtures/schemas/bookings. Each target runs in its own child process (loopback only).
//
// Usage: node bench/autoquery.js            (needs a built dist/)
//        node bench/autoquery.js serve bare|mock
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import autocannon from 'autocannon';
import { LOAD_CPU, SERVER_CPU, pairedRounds, pinSelf, startTarget } from './pin.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROWS = Number(process.env.BENCH_AQ_ROWS ?? 100_000);
const SCHEMAS = fileURLToPath(new URL('../test/fixtures/schemas', import.meta.url));
const ROOM_TYPES = ['Single', 'Double', 'Queen', 'Suite'];
const QUERY = '/bookings?RoomType=Suite&take=50';

const booking = (i) => ({
  id: i + 1,
  name: `Guest ${i}`,
  roomType: ROOM_TYPES[i % ROOM_TYPES.length],
  roomNumber: 100 + (i % 400),
  bookingStartDate: new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString(),
  cost: 100 + (i % 50) * 10,
  createdBy: 'admin@example.com',
  createdDate: '2025-12-01T00:00:00.000Z',
});

const newBooking = {
  name: 'Ann Lee',
  roomType: 'Double',
  roomNumber: 202,
  cost: 180,
  bookingStartDate: '2026-02-01T00:00:00.000Z',
};

const serve = async (kind) => {
  if (kind === 'bare') {
    const { default: express } = await import('express');
    const app = express();
    app.disable('etag');
    const rows = [];
    for (let i = 0; rows.length < 50; i++) if (booking(i).roomType === 'Suite') rows.push(booking(i));
    const queryBody = JSON.stringify({ offset: 0, total: 0, results: rows, meta: {} });
    app.use(express.raw({ type: () => true }));
    app.get('/bookings', (_req, res) => res.type('application/json').send(queryBody));
    app.post('/bookings', (_req, res) => res.type('application/json').send('{"id":"100001"}'));
    const server = app.listen(0, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${server.address().port}`));
  } else {
    const { startMockServer } = await import('../dist/index.js');
    const { openStore } = await import('../dist/store/index.js');
    // The rows go into a db file first, as a scenario's data would (faking 100,000 rows would measure the faker).
    const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-bench-aq-'));
    const db = path.join(dir, 'db.json');
    const store = await openStore({ file: db });
    store.replace('default', { bookings: { Booking: Array.from({ length: ROWS }, (_, i) => booking(i)) } }, () => ({
      property: 'id',
      type: 'integer',
    }));
    await store.close();
    const selfCheck = kind === 'mock-unchecked' ? 'off' : 'log';
    const mock = await startMockServer({
      port: 0,
      host: '127.0.0.1',
      db,
      schemas: SCHEMAS,
      api: 'bookings',
      seed: 1,
      selfCheck,
    });
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    console.log(`READY ${mock.url}`);
  }
};

/** The QueryDb target's verdict (bench/run.js sums them up). */
export let passed = false;

if (process.argv[2] === 'serve') {
  await serve(process.argv[3]);
  process.on('SIGTERM', () => process.exit(0));
} else {
  // Pinned as bench/run.js pins: the target on core 0, autocannon (this process) on core 1.
  pinSelf(LOAD_CPU);
  const start = (kind) => startTarget(fileURLToPath(import.meta.url), ['serve', kind], { cpus: SERVER_CPU });

  const load = async (url, method, path, body, seconds = SECONDS) => {
    const result = await autocannon({
      url: url + path,
      method,
      connections: CONNECTIONS,
      duration: seconds,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (result.non2xx > 0) throw new Error(`${method} ${path}: ${result.non2xx} non-2xx answers`);
    return result.requests.average;
  };
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };

  const bare = await start('bare');
  const mock = await start('mock');
  const unchecked = await start('mock-unchecked');
  try {
    const bareQuery = (s) => load(bare.url, 'GET', QUERY, undefined, s);
    // Each target beside its own bare Express run, the order flipping every round (pin.js pairedRounds).
    const runs = await pairedRounds(ROUNDS, SECONDS, 0, {
      query: { target: (s) => load(mock.url, 'GET', QUERY, undefined, s), reference: bareQuery },
      unchecked: { target: (s) => load(unchecked.url, 'GET', QUERY, undefined, s), reference: bareQuery },
      create: {
        target: (s) => load(mock.url, 'POST', '/bookings', newBooking, s),
        reference: (s) => load(bare.url, 'POST', '/bookings', newBooking, s),
      },
    });
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    console.log(
      `AutoQuery req/s (median of ${ROUNDS} rounds of adjacent ${SECONDS}s runs, ${CONNECTIONS} connections, pinned as above):`,
    );
    for (const [k, { target, reference }] of Object.entries(runs))
      for (const [name, v] of [
        [k, target],
        ['  bare', reference],
      ])
        console.log(`  ${name.padEnd(10)} ${fmt(median(v)).padStart(6)}  [${v.map(fmt).join(', ')}]`);
    const ratio = (label, name, target) => {
      const perRound = runs[name].target.map((x, i) => x / runs[name].reference[i]);
      const value = median(perRound);
      const verdict = value >= target ? 'PASS' : 'FAIL';
      console.log(
        `${label.padEnd(62)} ${value.toFixed(2)}  (target ≥ ${target}; per round: ${perRound.map((x) => x.toFixed(2)).join(', ')})  ${verdict}`,
      );
      return value >= target;
    };
    passed = ratio(`QueryDb, 1 filter, Take=50 over ${fmt(ROWS)} rows / bare express`, 'query', 0.5);
    // What the self-check (every answer validated against its schema, on by default) costs a 50-row answer.
    ratio('  the same, selfCheck off / bare express', 'unchecked', 0.5);
    ratio('ICreateDb create (file db, every write on disk) / bare express', 'create', 0.6);
  } finally {
    await Promise.all([bare.stop(), mock.stop(), unchecked.stop()]);
  }
}
