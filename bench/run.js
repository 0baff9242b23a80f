// npm run bench: req/s of ssmock against a bare Express handler returning a fixed body, measured in one run,
// alternating targets so machine noise hits both sides alike, and printed as ratios.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-bench-'));

const start = (...args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/server.js', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m)
        resolve({
          url: m[1],
          stop: () =>
            new Promise((r) => {
              child.once('exit', r);
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`bench server ${args.join(' ')} exited ${code}`)));
  });

const load = async (url, { method = 'POST', path: p, body }) => {
  const result = await autocannon({
    url: url + p,
    method,
    connections: 16,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (result.non2xx > 0) throw new Error(`${method} ${p}: ${result.non2xx} non-2xx answers`);
  return result.requests.average;
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Measures each target ROUNDS times, alternating, and returns each target's runs. Each ratio is taken per
 * round, between runs seconds apart (compared targets sit next to each other in the order), and the median
 * of those is reported: on a shared VM the speed of the whole machine drifts by half within a minute
 * (CPU steal), which pairing cancels and a median of rounds shrugs off.
 */
const alternate = async (targets) => {
  const runs = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, run] of Object.entries(targets)) runs[name].push(await run());
  return runs;
};

const person = {
  path: '/billiecart/api/CreatePersonRequest',
  body: { phoneNumber: '+61 412 345 678', timezone: 'Australia/Sydney', userAccountId: 'ua-1' },
};

const bare = await start('bare');
const memory = await start('mock', 'memory');
const empty = await start('mock', path.join(dir, 'empty.json'), '1');
const full = await start('mock', path.join(dir, 'full.json'), String(RECORDS));
try {
  const runs = await alternate({
    memory: () => load(memory.url, person),
    bare: () => load(bare.url, person),
    fileEmpty: () => load(empty.url, person),
    fileFull: () => load(full.url, person),
    getEmpty: () => load(empty.url, { method: 'GET', path: '/servicestack-home/Customer/1' }),
    getFull: () => load(full.url, { method: 'GET', path: `/servicestack-home/Customer/${Math.floor(RECORDS / 2)}` }),
  });
  const r = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`req/s (median of ${ROUNDS} alternating ${SECONDS}s runs, 16 connections; each run in brackets):`);
  for (const [k, v] of Object.entries(r))
    console.log(`  ${k.padEnd(10)} ${fmt(v).padStart(6)}  [${runs[k].map(fmt).join(', ')}]`);
  const ratio = (label, a, b, target) => {
    const perRound = runs[a].map((x, i) => x / runs[b][i]);
    const shown = perRound.map((x) => x.toFixed(2)).join(', ');
    console.log(`${label.padEnd(62)} ${median(perRound).toFixed(2)}  (target ≥ ${target}; per round: ${shown})`);
  };
  console.log('ratios (median of the per-round ratios):');
  ratio('create (validation + faking, memory db) / bare express', 'memory', 'bare', 0.7);
  ratio('create (file db, every write on disk) / bare express', 'fileEmpty', 'bare', 0.6);
  ratio(`create at ${fmt(RECORDS)} records / at ~0`, 'fileFull', 'fileEmpty', 0.8);
  ratio(`GET by id at ${fmt(RECORDS)} records / at ~0`, 'getFull', 'getEmpty', 0.9);
} finally {
  await Promise.all([bare, memory, empty, full].map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}
await import('./faker.js'); // µs per fake, once the HTTP targets have stopped
await import('./sessions.js'); // server RSS under a flood of new session ids
await import('./autoquery.js'); // QueryDb over 100,000 rows and ICreateDb vs bare express
