/**
 * `serve --watch` as a front-end developer meets it (README, "Live reload"): the mock keeps running while a DTO
 * file, users.json or a scenario is edited, and the next call sees the change; a page that does not derive is
 * reported at its line and the last good contract stays; state, sessions and the journal survive; a request in
 * flight finishes on the contract it started with. Each test waits for the reload's report (an event, or the
 * CLI's one line), never a fixed time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import type { MockServer, MockServerOptions } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

const THING_DTOS = `/* Options:
Version: 8.80
BaseUrl: https://things.example.com
*/
using System;
using ServiceStack;

namespace Things.ServiceModel
{
    [Route("/things", "POST")]
    public partial class CreateThing
        : IReturn<IdResponse>, IPost, ICreateDb<Thing>
    {
        public virtual string Name { get; set; }
    }

    [Route("/things/{Id}", "GET")]
    public partial class GetThing
        : IReturn<Thing>, IGet
    {
        public virtual int Id { get; set; }
    }

    public partial class Thing
    {
        public virtual int Id { get; set; }
        public virtual string Name { get; set; }
    }
//MORE
}
`;

/** A third operation, added where the file says //MORE. */
const PING = `
    [Route("/ping", "GET")]
    public partial class Ping
        : IReturn<PingResponse>, IGet
    {
    }

    public partial class PingResponse
    {
        public virtual string Result { get; set; }
    }
`;

let dir: string;
let docs: string;
let server: MockServer | undefined;
let warnings: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-watch-'));
  docs = path.join(dir, 'schemas', 'things', 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, 'dtos.cs'), THING_DTOS);
  const derived = deriveSchemas({ inputs: [docs], out: path.join(dir, 'schemas') });
  expect(derived.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  mkdirSync(path.join(dir, 'fixtures', 'scenarios'), { recursive: true });
  cpSync(path.resolve('fixtures/users.json'), path.join(dir, 'fixtures', 'users.json'));
  warnings = [];
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const start = async (options: MockServerOptions = {}): Promise<MockServer> =>
  (server = await startTestServer({
    schemas: path.join(dir, 'schemas'),
    fixtures: path.join(dir, 'fixtures'),
    auth: false,
    watch: true,
    watchQuietMs: 30,
    warn: (line) => warnings.push(line),
    ...options,
  }));

const editDtos = (edit: (text: string) => string) => {
  const file = path.join(docs, 'dtos.cs');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
};

/** Asks again until `done` says yes: the server is asked, no time is guessed. */
const until = async (done: () => Promise<boolean>): Promise<void> => {
  while (!(await done())) await new Promise((r) => setImmediate(r));
};

const createThing = async (url: string, name: string, session?: string) => {
  const res = await fetch(`${url}/things`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(session ? { 'X-Ssmock-Session': session } : {}) },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
};

it('derives an edited DTO file again and serves it on the next call, without a restart', async () => {
  const { url, nextReload } = await start();
  expect((await fetch(`${url}/ping`)).status).toBe(404);
  const reloaded = nextReload!();
  editDtos((text) => text.replace('//MORE', PING));
  const report = await reloaded;
  expect(report).toMatchObject({ ok: true, problems: [] });
  expect(report.line).toMatch(/^reload: \S*dtos\.cs → things, 3 operations$/);
  expect(server!.apis[0]!.operations).toEqual(['CreateThing', 'GetThing', 'Ping']);
  const ping = await fetch(`${url}/ping`);
  expect(ping.status).toBe(200);
  expect(await ping.json()).toEqual({ result: expect.any(String) });
  // What derive wrote is what `ssmock derive` would write.
  expect(existsSync(path.join(dir, 'schemas', 'things', 'types', 'PingResponse.json'))).toBe(true);
});

it('keeps serving the last good contract when a page does not derive, and says where it breaks', async () => {
  const { url, nextReload } = await start();
  const id = await createThing(url, 'before');
  let reloaded = nextReload!();
  editDtos((text) => text.replace('//MORE', PING).replace('public virtual string Result { get; set; }', '{'));
  const broken = await reloaded;
  expect(broken.ok).toBe(false);
  expect(broken.line).toMatch(/→ not loaded: things keeps its last good contract \(2 operations\)$/);
  expect(broken.problems.length).toBeGreaterThan(0);
  expect(warnings).toEqual(broken.problems);
  expect(broken.problems[0]).toMatch(/dtos\.cs:\d+: expected '}'/);
  // Nothing was written: the schemas on disk and the contract served are the last good ones.
  expect(existsSync(path.join(dir, 'schemas', 'things', 'types', 'Ping.json'))).toBe(false);
  expect((await fetch(`${url}/ping`)).status).toBe(404);
  expect(await (await fetch(`${url}/things/${id}`)).json()).toEqual({ id: Number(id), name: 'before' });
  // Fixed: served.
  reloaded = nextReload!();
  editDtos(() => THING_DTOS.replace('//MORE', PING));
  expect((await reloaded).ok).toBe(true);
  expect((await fetch(`${url}/ping`)).status).toBe(200);
});

it('keeps state, sessions and the journal across a reload', async () => {
  const { url, nextReload } = await start();
  const mine = await createThing(url, 'default session');
  const theirs = await createThing(url, 'session B', 'B');
  const journalled = server!.requests().length;
  const health = async () => (await (await fetch(`${url}/__ssmock/health`)).json()) as { started: string };
  const { started } = await health();
  const reloaded = nextReload!();
  editDtos((text) => text.replace('//MORE', PING));
  await reloaded;
  expect(await (await fetch(`${url}/things/${mine}`)).json()).toMatchObject({ name: 'default session' });
  const b = await fetch(`${url}/things/${theirs}`, { headers: { 'X-Ssmock-Session': 'B' } });
  expect(await b.json()).toMatchObject({ name: 'session B' });
  expect(server!.requests().length).toBe(journalled + 1); // the GET (admin calls are not journalled)
  expect((await health()).started).toBe(started);
  expect(server!.requests('B').map((e) => e.operation)).toEqual(['CreateThing', 'GetThing']);
  const sessions = (await (await fetch(`${url}/__ssmock/sessions`)).json()) as { sessions: { id: string }[] };
  expect(JSON.stringify(sessions)).toContain('"B"');
});

it('finishes a request in flight on the contract it started with', async () => {
  const { url, nextReload } = await start();
  editDtos((text) => text.replace('//MORE', PING));
  await nextReload!();
  // Ping's answer waits 3 s: the reload (a derive of one small file) ends well inside it.
  server!.addRule({ operation: 'Ping', delayMs: 3000 });
  const inFlight = fetch(`${url}/ping`);
  await until(async () => {
    const { rules } = (await (await fetch(`${url}/__ssmock/rules`)).json()) as { rules: { fired: number }[] };
    return rules[0]!.fired === 1;
  });
  const reloaded = nextReload!();
  editDtos(() => THING_DTOS); // Ping is gone from the next contract
  const first = await Promise.race([reloaded.then(() => 'reload'), inFlight.then(() => 'answer')]);
  expect(first).toBe('reload');
  expect((await inFlight).status).toBe(200);
  expect((await fetch(`${url}/ping`)).status).toBe(404);
});

it('loads a hand-edited type schema or manifest again; one that does not load is reported and the API before it stays', async () => {
  const { url, nextReload } = await start();
  const types = path.join(dir, 'schemas', 'things', 'types');
  const thing = JSON.parse(readFileSync(path.join(types, 'CreateThing.json'), 'utf8')) as {
    properties: Record<string, Record<string, unknown>>;
  };
  thing.properties['name']!['maxLength'] = 3;
  let reloaded = nextReload!();
  writeFileSync(path.join(types, 'CreateThing.json'), JSON.stringify(thing, null, 2));
  expect((await reloaded).line).toMatch(/^reload: \S*types\/CreateThing\.json → things, 2 operations$/);
  const long = await fetch(`${url}/things`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'too long' }),
  });
  expect(long.status).toBe(400);
  reloaded = nextReload!();
  const manifest = path.join(dir, 'schemas', 'things', 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"operations"', '"operations",'));
  const broken = await reloaded;
  expect(broken.ok).toBe(false);
  expect(broken.problems).toEqual([expect.stringMatching(/manifest\.json: line \d+, column \d+: not valid JSON/)]);
  expect(broken.line).toMatch(/manifest\.json → not loaded: things keeps its last good contract \(2 operations\)$/);
  expect(await createThing(url, 'ok')).toEqual(expect.any(String));
});

it('serves an API added while it runs at its own base, beside the one served at /', async () => {
  const { url, nextReload } = await start();
  const other = path.join(dir, 'schemas', 'other', 'docs');
  mkdirSync(other, { recursive: true });
  const reloaded = nextReload!();
  writeFileSync(path.join(other, 'dtos.cs'), THING_DTOS.replace('//MORE', PING).replace(/Things/g, 'Others'));
  expect((await reloaded).line).toMatch(/^reload: \S*other\/docs\/dtos\.cs → other, 3 operations$/);
  expect(server!.apis.map((a) => [a.id, a.url])).toEqual([
    ['other', `${url}/other`],
    ['things', url],
  ]);
  expect((await fetch(`${url}/other/ping`)).status).toBe(200);
  expect((await fetch(`${url}/ping`)).status).toBe(404);
  expect(await createThing(url, 'still at /')).toEqual(expect.any(String));
});

it('reads users.json again: a user added there can sign in', async () => {
  const { url, nextReload } = await start({ auth: true });
  await expect(signIn(url, 'newbie', 'n3w')).rejects.toThrow('sign-in failed: 401');
  const file = path.join(dir, 'fixtures', 'users.json');
  const users = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  const reloaded = nextReload!();
  writeFileSync(file, JSON.stringify([...users, { userName: 'newbie', password: 'n3w', roles: [] }]));
  expect((await reloaded).line).toMatch(new RegExp(`users\\.json → ${users.length + 1} users$`));
  expect(await signIn(url, 'newbie', 'n3w')).toEqual(expect.any(String));
});

it('reads the start-up scenario again: its rules apply at the next call, written state stays', async () => {
  const scenario = path.join(dir, 'fixtures', 'scenarios', 'qa.json');
  const withRule = (status: number) => ({ rules: [{ operation: 'GetThing', status, times: 100 }] });
  writeFileSync(scenario, JSON.stringify(withRule(503)));
  const { url, nextReload } = await start({ scenario: 'qa' });
  const id = await createThing(url, 'written');
  expect((await fetch(`${url}/things/${id}`)).status).toBe(503);
  let reloaded = nextReload!();
  writeFileSync(scenario, JSON.stringify(withRule(418)));
  expect((await reloaded).line).toMatch(/qa\.json → 1 rule$/);
  expect((await fetch(`${url}/things/${id}`)).status).toBe(418);
  reloaded = nextReload!();
  writeFileSync(scenario, JSON.stringify({ rules: [] }));
  await reloaded;
  expect(await (await fetch(`${url}/things/${id}`)).json()).toMatchObject({ name: 'written' });
  // A scenario that no longer loads is reported; the one before it stays.
  reloaded = nextReload!();
  writeFileSync(scenario, JSON.stringify({ rules: [{ operation: 'NoSuchOp', status: 500 }] }));
  const bad = await reloaded;
  expect(bad.ok).toBe(false);
  expect(bad.problems.join('\n')).toMatch(/NoSuchOp/);
  expect((await fetch(`${url}/things/${id}`)).status).toBe(200);
});

describe('the CLI', () => {
  const CLI = path.resolve('dist/cli/index.js');
  beforeAll(() => {
    if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  });

  it('serve --watch prints one line per reload and serves the edited DTO file', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--watch', '--port', '0', '--db', 'memory', '--auth', 'off'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SSMOCK_'))),
    });
    let out = '';
    const waiters: [RegExp, (m: RegExpExecArray) => void][] = [];
    const seen = (pattern: RegExp) => new Promise<RegExpExecArray>((resolve) => waiters.push([pattern, resolve]));
    const check = () => {
      for (const [pattern, resolve] of waiters) {
        const m = pattern.exec(out);
        if (m) resolve(m);
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      check();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
      check();
    });
    try {
      const url = (await seen(/listening on (\S+)/))[1]!;
      expect(out).toMatch(/^watching schemas, fixtures for changes$/m);
      editDtos((text) => text.replace('//MORE', PING));
      await seen(/^reload: schemas\/things\/docs\/dtos\.cs → things, 3 operations$/m);
      expect((await fetch(`${url}/ping`)).status).toBe(200);
      editDtos((text) => text.replace('public virtual string Result { get; set; }', '{'));
      await seen(/^reload: .*not loaded: things keeps its last good contract \(3 operations\)$/m);
      expect(out).toMatch(/^schemas\/things\/docs\/dtos\.cs:\d+: expected '}'/m);
      expect((await fetch(`${url}/ping`)).status).toBe(200);
      expect(out.match(/^reload:/gm)).toHaveLength(2);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
