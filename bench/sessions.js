// npm run bench:sessions (also the last step of npm run bench): a flood of new X-Ssmock-Session ids must not run
// the server out of memory (README "Admin API": sessions are evicted when idle or past the maximum).
//
// 100,000 requests, each with a distinct session id, against a server started with the happy-path scenario and a
// db file: 9 in 10 read a customer (the session shares the start-up data), 1 in 10 creates a person (the session
// gets its own copy, on disk, until it is evicted). Prints the server's RSS before, at its peak and after; the
// target is < 300 MB with no errors. The server runs in a child process (loopback only), so its RSS is its own.
// Bounded in time: the load stops after BENCH_SESSIONS_MAX_SECONDS (default 180) whatever it has reached.
//
// Usage: node bench/sessions.js        (run by npm; needs a built dist/)
//        node bench/sessions.js serve <db>   (the child: the server under test)
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const REQUESTS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const MAX_SECONDS = Number(process.env.BENCH_SESSIONS_MAX_SECONDS ?? 180);
const TARGET_MB = 300;
const MB = 1024 * 1024;

if (process.argv[2] === 'serve') {
  const { startMockServer } = await import('../dist/index.js');
  const mock = await startMockServer({
    port: 0,
    host: '127.0.0.1',
    db: process.argv[3],
    scenario: 'happy-path',
    seed: 1,
    auth: 'off',
  });
  process.on('message', (message) => {
    if (message === 'rss') process.send({ rss: process.memoryUsage().rss });
    if (message === 'stop') void mock.close().then(() => process.exit(0));
  });
  process.send({ url: mock.url });
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-bench-sessions-'));
  const child = fork(fileURLToPath(import.meta.url), ['serve', path.join(dir, 'db.json')], { stdio: 'inherit' });
  const replies = [];
  const waiters = [];
  child.on('message', (m) => (waiters.length ? waiters.shift()(m) : replies.push(m)));
  const next = () => new Promise((resolve) => (replies.length ? resolve(replies.shift()) : waiters.push(resolve)));
  const rss = async () => {
    child.send('rss');
    return (await next()).rss;
  };
  try {
    const { url } = await next();
    const before = await rss();
    let peak = before;
    let sampling = Promise.resolve();
    const sampler = setInterval(() => {
      sampling = sampling.then(async () => (peak = Math.max(peak, await rss())));
    }, 1000);

    let sent = 0;
    const read = { method: 'GET', path: '/servicestack-home/Customer/1', body: undefined };
    const create = {
      method: 'POST',
      path: '/billiecart/api/CreatePersonRequest',
      body: JSON.stringify({ phoneNumber: '+61 412 345 678', timezone: 'Australia/Sydney', userAccountId: 'ua-1' }),
    };
    const started = performance.now();
    const instance = autocannon({
      url,
      connections: 16,
      amount: REQUESTS,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => {
            sent += 1;
            const shape = sent % 10 === 0 ? create : read;
            return { ...request, ...shape, headers: { ...request.headers, 'x-ssmock-session': `flood-${sent}` } };
          },
        },
      ],
    });
    const timeLimit = setTimeout(() => instance.stop(), MAX_SECONDS * 1000);
    const result = await instance;
    clearTimeout(timeLimit);
    clearInterval(sampler);
    await sampling;
    const seconds = (performance.now() - started) / 1000;
    const after = await rss();
    peak = Math.max(peak, after);
    const sessions = (await (await globalThis.fetch(`${url}/__ssmock/sessions`)).json()).sessions.length;
    const errors = result.errors + result.timeouts + result.non2xx;
    const mb = (bytes) => `${(bytes / MB).toFixed(0)} MB`;
    console.log(
      `sessions flood: ${result.requests.total.toLocaleString('en-US')} requests with distinct session ids ` +
        `(1 in 10 writes) in ${seconds.toFixed(1)} s, ${errors} errors; sessions kept ${sessions}`,
    );
    console.log(
      `  server RSS before ${mb(before)}, peak ${mb(peak)}, after ${mb(after)}  (target < ${TARGET_MB} MB, 0 errors)`,
    );
    if (result.requests.total < REQUESTS) console.log(`  stopped at the ${MAX_SECONDS} s limit`);
    if (errors > 0 || peak >= TARGET_MB * MB) process.exitCode = 1;
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
