// Helpers shared by the benches: targets in their own processes, pinned to a core with taskset (util-linux), the
// load generator (autocannon, in this process) pinned to the other, so neither steals the other's core.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

/** The server's core and the load generator's; on one core both share it (the ratios then say less). */
export const SERVER_CPU = '0';
export const LOAD_CPU = availableParallelism() > 1 ? '1' : '0';
export const ALL_CPUS = `0-${availableParallelism() - 1}`;

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Moves every thread of this process (autocannon's event loop, libuv's pool) onto `cpus`. */
export const pinSelf = (cpus) => {
  if (!hasTaskset) return false;
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
  return true;
};

/**
 * Starts `node <script> ...args` on `cpus` (all when undefined) and resolves once it prints `READY <url>` or
 * the `ready` pattern; `pid` is the node process itself (taskset execs it).
 */
export const startTarget = (script, args, { cpus, ready = /READY (\S+)/, env, nodeArgs = [] } = {}) =>
  new Promise((resolve, reject) => {
    const node = [...nodeArgs, script, ...args];
    const child =
      hasTaskset && cpus !== undefined
        ? spawn('taskset', ['-c', cpus, process.execPath, ...node], { stdio: ['ignore', 'pipe', 'inherit'], env })
        : spawn(process.execPath, node, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    let exited = false;
    const onExit = (code) => {
      exited = true;
      reject(new Error(`bench target ${script} ${args.join(' ')} exited ${code}`));
    };
    child.once('exit', onExit);
    child.stdout.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (!m) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: m[1],
        pid: child.pid,
        stop: () =>
          new Promise((r) => {
            if (exited) return r();
            child.removeListener('exit', onExit);
            child.once('exit', r);
            child.kill('SIGTERM');
          }),
      });
    });
  });

/** Resident set size of a process, from /proc (Linux), in bytes. */
export const rssOf = (pid) => {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return NaN;
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(file, 'utf8'))?.[1];
  return kb === undefined ? NaN : Number(kb) * 1024;
};

/** One autocannon run: req/s and p99 latency (ms); any non-2xx answer or error fails the bench. */
export const load = async (url, { method = 'POST', path = '', body, headers = {}, seconds, connections, amount }) => {
  const result = await autocannon({
    url: url + path,
    method,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    headers: { 'content-type': 'application/json', ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0)
    throw new Error(
      `${method} ${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total };
};

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const fmt = (n) => Math.round(n).toLocaleString('en-US');
export const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

/**
 * Runs each pair (a target and its reference) side by side, once per round, after one warm-up run each: the two runs
 * of a pair are adjacent, and their order flips every round (A B, then B A), so the machine's drift from one run to
 * the next falls on both sides alike. Returns each pair's runs: `{ target: [...], reference: [...] }`.
 */
export const pairedRounds = async (rounds, seconds, settleMs, pairs) => {
  for (const { target, reference } of Object.values(pairs)) {
    await target(Math.min(2, seconds));
    await reference(Math.min(2, seconds));
  }
  const runs = Object.fromEntries(Object.keys(pairs).map((k) => [k, { target: [], reference: [] }]));
  for (let round = 0; round < rounds; round++)
    for (const [name, pair] of Object.entries(pairs)) {
      const order = round % 2 === 0 ? ['target', 'reference'] : ['reference', 'target'];
      for (const side of order) {
        runs[name][side].push(await pair[side](seconds));
        if (settleMs > 0) await sleep(settleMs);
      }
    }
  return runs;
};
