/**
 * A browser front end signs in with cookies only, in real Chromium: a page on one localhost port loads
 * @servicestack/client's ES module build, signs in at `<mock>/auth/credentials` without keeping the bearer token,
 * then calls a manager-only operation. The second case is why the README pairs `localhost` with `localhost`: a
 * page on `localhost` calling `127.0.0.1` is cross-site, so Chromium drops the `SameSite=Lax` cookies.
 *
 * Chromium comes from the system (CI installs Debian's `chromium`); no browser is downloaded. Without one the
 * cases are skipped with a console message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const CHROMIUM_CANDIDATES = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const executablePath = CHROMIUM_CANDIDATES.find((p): p is string => !!p && existsSync(p));
if (!executablePath)
  console.warn(
    `browser-cookies: skipped, no Chromium found (looked for ${CHROMIUM_CANDIDATES.filter(Boolean).join(', ')}; ` +
      'install it with `apt-get install chromium` or set CHROMIUM_PATH)',
  );
const describeInChromium = executablePath ? describe : describe.skip;

const require = createRequire(import.meta.url);
/** The package's ES module build (its `main` lives in the same `dist/`): loads in a browser without a bundler. */
const CLIENT_MODULE = path.join(path.dirname(require.resolve('@servicestack/client')), 'servicestack-client.mjs');

/**
 * The front end: `?api=<base URL>`. It writes each step's outcome into the page, and `#done` when finished, so
 * the test reads what a user would see. Request DTOs as ServiceStack's TypeScript generator emits them.
 */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>cookie sign-in</title>
<style>body{font:16px sans-serif;margin:2em} dt{font-weight:bold;margin-top:.6em}</style></head>
<body>
<h1>Cookie sign-in against ssmock</h1>
<dl>
  <dt>API</dt><dd id="api"></dd>
  <dt>POST /auth/credentials</dt><dd id="signin">…</dd>
  <dt>bearer token kept by the client</dt><dd id="bearer">…</dd>
  <dt>GET /auth</dt><dd id="session">…</dd>
  <dt>CreateCustomerRequest (role manager)</dt><dd id="create">…</dd>
</dl>
<p id="done" hidden>done</p>
<script type="module">
import { JsonServiceClient } from '/servicestack-client.mjs';
class Authenticate {
  constructor(init) { Object.assign(this, init); }
  getTypeName() { return 'Authenticate'; }
  getMethod() { return 'POST'; }
  createResponse() { return {}; }
}
class CreateCustomerRequest {
  constructor(init) { Object.assign(this, init); }
  getTypeName() { return 'CreateCustomerRequest'; }
  getMethod() { return 'POST'; }
  createResponse() { return {}; }
}
const show = (id, text) => { document.getElementById(id).textContent = text; };
const failure = (e) => 'failed: ' + (e?.responseStatus?.errorCode ?? e?.message ?? String(e));
const api = new URLSearchParams(location.search).get('api');
show('api', api);
const client = new JsonServiceClient(api);
try {
  const auth = await client.postToUrl('/auth/credentials',
    new Authenticate({ provider: 'credentials', userName: 'manager', password: 'p@ssw0rd' }));
  show('signin', 'signed in as ' + auth.userName);
} catch (e) { show('signin', failure(e)); }
show('bearer', client.bearerToken ? 'yes' : 'no');
const session = await fetch(api + '/auth', { credentials: 'include', headers: { Accept: 'application/json' } });
show('session', String(session.status));
try {
  const created = await client.post(new CreateCustomerRequest({ email: 'ann@example.com', organisationId: 'org-1' }));
  show('create', 'created ' + created.customer.email);
} catch (e) { show('create', failure(e)); }
document.getElementById('done').hidden = false;
</script>
</body></html>`;

/** The front end's own server: another port, so every call to the mock is cross-origin (CORS with credentials). */
const startPageServer = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/servicestack-client.mjs')) {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(CLIENT_MODULE));
      } else if (req.url === '/' || req.url?.startsWith('/?')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
      } else res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

interface PageOutcome {
  signin: string;
  bearer: string;
  session: string;
  create: string;
}

describeInChromium('a browser front end on another localhost port (real Chromium)', () => {
  let mock: MockServer;
  let pages: Server;
  let browser: Browser;
  let pageOrigin: string;

  beforeAll(async () => {
    // The default host: both loopback addresses, and the URL it prints is `http://localhost:PORT`.
    mock = await startTestServer();
    pages = await startPageServer();
    pageOrigin = `http://localhost:${(pages.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: executablePath!, timeout: 20_000 });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pages?.close(resolve));
    await mock?.close();
  });

  /** Opens the page against `api` in a fresh profile and returns what it shows. */
  const runPage = async (api: string): Promise<PageOutcome> => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${pageOrigin}/?api=${encodeURIComponent(api)}`);
      await page.locator('#done').waitFor({ state: 'visible', timeout: 15_000 });
      const text = (id: string) => page.locator(`#${id}`).innerText();
      return {
        signin: await text('signin'),
        bearer: await text('bearer'),
        session: await text('session'),
        create: await text('create'),
      };
    } finally {
      await context.close();
    }
  };

  it('localhost page → the URL the mock prints (localhost): signs in with cookies only and calls a manager operation', async () => {
    const billiecart = mock.apis.find((a) => a.id === 'billiecart')!.url;
    expect(billiecart).toBe(`http://localhost:${mock.port}/billiecart`);
    const outcome = await runPage(billiecart);
    expect(outcome).toEqual({
      signin: 'signed in as manager',
      bearer: 'no',
      session: '200',
      create: 'created ann@example.com',
    });
    const calls = mock.requests().filter((r) => r.operation === 'CreateCustomerRequest');
    expect(calls.map((r) => r.status)).toEqual([200]);
  }, 30_000);

  it('localhost page → 127.0.0.1 mock: cross-site, the SameSite=Lax cookies are not kept and the call is refused', async () => {
    const outcome = await runPage(`http://127.0.0.1:${mock.port}/billiecart`);
    // Sign-in itself answers (CORS lets the page read it), but Chromium refuses its Lax cookies.
    expect(outcome.signin).toBe('signed in as manager');
    expect(outcome.bearer).toBe('no');
    expect(outcome.session).toBe('401');
    expect(outcome.create).toMatch(/^failed: /);
    const calls = mock.requests().filter((r) => r.operation === 'CreateCustomerRequest');
    expect(calls.at(-1)?.status).toBe(401);
  }, 30_000);
});
