// npm run bench: ssmock's validated, faked, self-checked and durably persisted create against a bare Express handler
// returning a fixed body (README "Development", performance), in one run, as ratios with a PASS/FAIL per target.
//
// Method: each target is its own process, pinned to core 0 with taskset; autocannon (this process) runs on core 1;
// 50 connections. ROUNDS interleaved rounds of SECONDS-long runs after a warm-up; in each round every target runs
// right beside its own bare Express run, the pair's order flipping every round, so each ratio is taken between two
// adjacent runs and the median of the rounds is the verdict (a shared VM's speed drifts by half within a minute;
// adjacent, alternating pairs cancel it and the median shrugs off one bad round). Every run is printed.
//
//   create    POST /billiecart/api/CreatePersonRequest           auth off, file db          ≥ 1.0× bare, p99 < 50 ms
//   customers POST /billiecart/customers (CreateCustomerRequest) auth off, file db          ≥ 1.0× bare, p99 < 50 ms
//   bearer    POST /billiecart/customers, auth on, a signed-in manager's bearer token       ≥ 0.9× bare
//   unpinned  the create and bare Express on any core, load generator too                   (printed)
//   memory    server RSS after 100,000 creates                                              < 300 MB
//   start-up  `ssmock serve` to its `listening on` line: committed schemas < 1 s, a 400-operation API < 1.5 s
//             (validators compiled on first use once the schemas have compiled cleanly; the first start printed too)
// then bench/autoquery.js (QueryDb, one filter, Take=50 over 100,000 rows ≥ 0.5×), µs per fake, the session flood.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { csharpDtos } from './derive.js';
import {
  ALL_CPUS,
  LOAD_CPU,
  SERVER_CPU,
  fmt,
  load,
  median,
  pairedRounds,
  pinSelf,
  rssOf,
  startTarget,
  verdict,
} from './pin.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CREATES = Number(process.env.BENCH_CREATES ?? 100_000);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
/** A commit in flight or an idle compaction (1 s after the last write) must not land in the next target's run. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1500);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/index.js');
const SERVER = path.join(ROOT, 'bench/server.js');
const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-bench-'));
const results = [];

const person = {
  path: '/billiecart/api/CreatePersonRequest',
  body: { phoneNumber: '+61 412 345 678', timezone: 'Australia/Sydney', userAccountId: 'ua-1' },
};
const customer = { path: '/billiecart/customers', body: { email: 'ann@example.com', organisationId: 'org-1' } };

const signIn = async (url) => {
  const res = await globalThis.fetch(`${url}/billiecart/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'credentials', userName: 'manager', password: 'p@ssw0rd' }),
  });
  const { bearerToken } = await res.json();
  if (!bearerToken) throw new Error(`sign-in answered ${res.status} with no bearerToken`);
  return bearerToken;
};

const record = (label, ok, line) => {
  results.push({ label, ok });
  console.log(`${label.padEnd(58)} ${line}  ${verdict(ok)}`);
};

const throughput = async () => {
  console.log(
    `load average ${loadavg()[0].toFixed(1)} (${cpus().length} cores); servers on core ${SERVER_CPU}, ` +
      `autocannon on core ${LOAD_CPU}; ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s runs`,
  );
  const pinned = { cpus: SERVER_CPU };
  const unpinned = { cpus: ALL_CPUS };
  const targets = await Promise.all([
    startTarget(SERVER, ['bare'], pinned),
    startTarget(SERVER, ['mock', path.join(dir, 'off.json'), '0', 'off'], pinned),
    startTarget(SERVER, ['mock', path.join(dir, 'on.json'), '0', 'on'], pinned),
    startTarget(SERVER, ['bare'], unpinned),
    startTarget(SERVER, ['mock', path.join(dir, 'unpinned.json'), '0', 'off'], unpinned),
  ]);
  const [bare, off, on, bareU, offU] = targets;
  try {
    const bearer = { authorization: `Bearer ${await signIn(on.url)}` };
    const at = (server, shape, cpus, headers) => (seconds) => {
      pinSelf(cpus);
      return load(server.url, { ...shape, headers, seconds, connections: CONNECTIONS });
    };
    const bareRun = at(bare, person, LOAD_CPU);
    const runs = await pairedRounds(ROUNDS, SECONDS, SETTLE_MS, {
      create: { target: at(off, person, LOAD_CPU), reference: bareRun },
      customers: { target: at(off, customer, LOAD_CPU), reference: bareRun },
      bearer: { target: at(on, customer, LOAD_CPU, bearer), reference: bareRun },
      unpinned: { target: at(offU, person, ALL_CPUS), reference: at(bareU, person, ALL_CPUS) },
    });
    pinSelf(LOAD_CPU);
    const list = (v) =>
      `median ${fmt(median(v.map((r) => r.rps))).padStart(6)}  [${v.map((r) => `${fmt(r.rps)} (${r.p99})`).join(', ')}]`;
    console.log('req/s (p99 ms) of each run, each beside its bare Express run:');
    for (const [k, { target, reference }] of Object.entries(runs)) {
      console.log(`  ${k.padEnd(15)} ${list(target)}`);
      console.log(`  ${'  bare'.padEnd(15)} ${list(reference)}`);
    }
    const ratio = (label, name, target, p99Target) => {
      const { target: a, reference: b } = runs[name];
      const perRound = a.map((x, i) => x.rps / b[i].rps);
      const value = median(perRound);
      // p99 as the ratio: the median of the rounds' (bare Express's beside it, for the machine's own tail).
      const p99 = median(a.map((r) => r.p99));
      const bareP99 = median(b.map((r) => r.p99));
      const ok = (target === undefined || value >= target) && (p99Target === undefined || p99 < p99Target);
      const targets = [target && `≥ ${target}`, p99Target && `p99 < ${p99Target} ms`].filter(Boolean).join(', ');
      const line =
        `${value.toFixed(2)}  p99 ${p99} ms (bare ${bareP99})  (target ${targets || 'none'}; ` +
        `rounds ${perRound.map((x) => x.toFixed(2)).join(', ')}; p99s ${a.map((r) => r.p99).join(', ')})`;
      if (target === undefined) console.log(`${label.padEnd(58)} ${line}`);
      else record(label, ok, line);
    };
    console.log('ratios (median of the per-round ratios) against bare Express pinned the same way:');
    ratio('POST /api/CreatePersonRequest, file db / bare', 'create', 1.0, 50);
    ratio('POST /customers (auth off), file db / bare', 'customers', 1.0, 50);
    ratio('POST /customers, bearer token (auth on), file db / bare', 'bearer', 0.9);
    ratio('unpinned: POST /api/CreatePersonRequest / bare', 'unpinned');
  } finally {
    pinSelf(LOAD_CPU);
    await Promise.all(targets.map((t) => t.stop()));
  }
};

const memory = async () => {
  const mock = await startTarget(SERVER, ['mock', path.join(dir, 'rss.json'), '0', 'off'], { cpus: SERVER_CPU });
  try {
    const before = rssOf(mock.pid);
    const started = performance.now();
    await load(mock.url, { ...person, amount: CREATES, connections: CONNECTIONS });
    const seconds = (performance.now() - started) / 1000;
    const after = rssOf(mock.pid);
    // The verdict is on RSS at once; a few idle seconds later V8 may have collected and returned some.
    await sleep(3000);
    const idle = rssOf(mock.pid);
    const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
    record(
      `server RSS after ${fmt(CREATES)} creates (file db)`,
      after < 300 * 1024 * 1024,
      `${mb(after)} MB (before ${mb(before)} MB, 3 s idle after ${mb(idle)} MB; ${seconds.toFixed(1)} s; target < 300 MB)`,
    );
  } finally {
    await mock.stop();
  }
};

/**
 * Wall time from spawning `ssmock serve` to its `listening on` line (Node's own start-up included), STARTS times
 * with a fresh compile-verdict dir (SSMOCK_CACHE_DIR): the first start compiles every validator (schemas never
 * seen here), the others compile on first use (src/schema/compile-verdicts.ts). The target is on those.
 */
const startUp = async (label, args) => {
  const env = { ...process.env, SSMOCK_CACHE_DIR: path.join(dir, `verdicts-${label}`) };
  const times = [];
  for (let i = 0; i <= STARTS; i++) {
    const started = performance.now();
    const server = await startTarget(CLI, ['serve', '--port', '0', '--db', 'memory', '--quiet', ...args], {
      cpus: SERVER_CPU,
      ready: /listening on (\S+)/,
      env,
    });
    times.push(performance.now() - started);
    await server.stop();
  }
  return { first: times[0], warm: times.slice(1) };
};

const startUps = async () => {
  const committed = await startUp('committed', []);
  const dtos = path.join(dir, 'dtos.cs');
  writeFileSync(dtos, csharpDtos());
  const schemas = path.join(dir, 'schemas');
  const derived = spawnSync(process.execPath, [CLI, 'derive', dtos, '--api', 'bench', '--out', schemas], {
    encoding: 'utf8',
  });
  if (derived.status !== 0) throw new Error(`derive of the 400-operation API failed:\n${derived.stderr}`);
  const big = await startUp('big', ['--schemas', schemas, '--api', 'bench']);
  const line = ({ first, warm }, target) =>
    `median ${fmt(median(warm))} ms of ${STARTS} (${warm.map(fmt).join(', ')}; first start, compiling all: ` +
    `${fmt(first)} ms; target < ${target} ms)`;
  record('start-up to `listening on`, committed schemas', median(committed.warm) < 1000, line(committed, 1000));
  record('start-up to `listening on`, 400-operation API', median(big.warm) < 1500, line(big, 1500));
};

pinSelf(LOAD_CPU);
try {
  await throughput();
  await memory();
  await startUps();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { passed } = await import('./autoquery.js'); // QueryDb over 100,000 rows against bare express
results.push({ label: 'QueryDb', ok: passed });
await import('./faker.js'); // µs per fake, once the HTTP targets have stopped
if (!process.env.BENCH_SKIP_SESSIONS) await import('./sessions.js'); // server RSS under a flood of new session ids
const failed = results.filter((r) => !r.ok).map((r) => r.label);
console.log(failed.length ? `FAIL: ${failed.join('; ')}` : `PASS: all ${results.length} targets met`);
process.exitCode = failed.length ? 1 : process.exitCode;
