// node bench/events.js (needs a built dist/): what idle Server Events subscribers cost the server (README "Server
// Events"). Opens BENCH_EVENTS subscriptions (default 1,000) to /event-stream over loopback, each in a channel of
// its own (subscribers of one channel each hear every later join: N of them cost N²/2 notices, as on ServiceStack),
// then reports the server's heap and RSS per subscriber, how long one broadcast (NotifyAll) takes to reach them all,
// and how long close() takes with them open. The server runs in a child process with --expose-gc, so its memory is
// its own and measured after a collection.
//
// Usage: node bench/events.js          (the parent: the load)
//        node bench/events.js serve    (the child: the server under test)
import { fork } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const COUNT = Number(process.env.BENCH_EVENTS ?? 1000);
const MB = 1024 * 1024;

if (process.argv[2] === 'serve') {
  const { startMockServer } = await import('../dist/index.js');
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', db: 'memory', api: 'billiecart' });
  const memory = () => {
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    return { heapUsed, rss };
  };
  process.on('message', async (msg) => {
    if (msg === 'memory') process.send({ memory: memory() });
    if (msg === 'publish') process.send({ delivered: mock.publish({ selector: 'cmd.tick', body: { n: 1 } }) });
    if (msg === 'close') {
      const started = performance.now();
      await mock.close();
      process.send({ closedMs: performance.now() - started });
      process.exit(0);
    }
  });
  process.send({ url: mock.apis[0].url, memory: memory() });
} else {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--expose-gc'] });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { url, memory: before } = await next();
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const streams = [];
  let ticks = 0;
  let tickDone;
  const allTicked = new Promise((resolve) => (tickDone = resolve));
  const open = () =>
    new Promise((resolve, reject) => {
      const req = http.get(`${url}/event-stream?channels=s${streams.length}`, { agent }, (res) => {
        let connected = false;
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          if (!connected && chunk.includes('cmd.onConnect')) {
            connected = true;
            resolve();
          }
          if (chunk.includes('cmd.tick') && ++ticks === COUNT) tickDone();
        });
        res.on('error', () => undefined);
      });
      req.on('error', reject);
      streams.push(req);
    });
  for (let i = 0; i < COUNT; i += 100) await Promise.all(Array.from({ length: Math.min(100, COUNT - i) }, open));
  child.send('memory');
  const { memory: after } = await next();
  const started = performance.now();
  child.send('publish');
  const { delivered } = await next();
  await allTicked;
  const broadcastMs = performance.now() - started;
  child.send('close');
  const { closedMs } = await next();
  for (const s of streams) s.destroy();
  agent.destroy();
  const per = (k) => Math.round((after[k] - before[k]) / COUNT);
  console.log(`server events: ${COUNT} idle subscribers`);
  console.log(
    `  heap  ${(before.heapUsed / MB).toFixed(1)} → ${(after.heapUsed / MB).toFixed(1)} MB (${per('heapUsed')} B per subscriber)`,
  );
  console.log(
    `  rss   ${(before.rss / MB).toFixed(1)} → ${(after.rss / MB).toFixed(1)} MB (${per('rss')} B per subscriber)`,
  );
  console.log(
    `  one broadcast to all ${delivered}: ${broadcastMs.toFixed(1)} ms; close() with them open: ${closedMs.toFixed(1)} ms`,
  );
}
