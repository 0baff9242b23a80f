/**
 * `ssmock derive --from URL` against a stand-in ServiceStack server started here: what it fetches is saved under
 * `<out>/<api>/docs/`, derived like a saved page, and a later `derive --check` passes with the server gone; a URL
 * that is unreachable or not ServiceStack's is one line and a non-zero exit (README, "Command line").
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer } from './helpers.js';

const CLI = path.resolve('dist/cli/index.js');
const METADATA_TYPES = readFileSync(path.resolve('test/fixtures/autoquery/metadata.json'), 'utf8');
const TYPESCRIPT_DTOS = readFileSync(path.resolve('test/fixtures/autoquery/dtos.ts'), 'utf8');
const BOOKINGS_OPERATIONS = [
  'CreateBooking',
  'CreateCoupon',
  'DeleteBooking',
  'DeleteCoupon',
  'QueryBookings',
  'QueryBookingSummaries',
  'QueryCoupons',
  'ReplaceBooking',
  'SaveCoupon',
  'UpdateBooking',
];
const TOKEN = 'Bearer stand-in-token';

/**
 * An operation page in the shape of ServiceStack's OperationControl template: the stylesheet in its head pushes
 * "<back to all web services" well past the start of the file.
 */
const helloPage = (): string => `<!DOCTYPE html>
<html>
<head><title>Hello</title>
<style type="text/css">
${Array.from({ length: 300 }, (_, i) => `.c${i} { margin: ${i}px; padding: 0 }`).join('\n')}
</style>
</head>
<body>
<h1>Greetings API</h1>
<a href="http://localhost/metadata">&lt;back to all web services</a>
<h2>Hello</h2>
<table><caption>The following routes are available for this service:</caption>
<tr><th>GET,POST</th><th>/hello/{Name}</th><td></td><td></td></tr>
</table>
<div class="lang-csharp"><pre>
[Route("/hello/{Name}", "GET,POST")]
public partial class Hello
    : IReturn&lt;HelloResponse&gt;
{
    public virtual string Name { get; set; }
    public virtual int Times { get; set; }
}

public partial class HelloResponse
{
    public virtual string Result { get; set; }
    public virtual ResponseStatus ResponseStatus { get; set; }
}
</pre>
<p>C# Hello DTOs</p></div>
<p>To override the Content-type in your clients, use the HTTP <b>Accept</b> Header, append the <b>.json</b> suffix or <b>?format=json</b></p>
<h3>HTTP + JSON</h3>
<p>The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.</p>
<div class="request"><pre>
POST /hello/{Name} HTTP/1.1 
Host: localhost 
Accept: application/json
Content-Type: application/json
Content-Length: <span class="value">length</span>

{"name":"String","times":0}
</pre></div>
<div class="response"><pre>
HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: length

{"result":"String","responseStatus":{"errorCode":"String","message":"String","stackTrace":"String"}}
</pre></div>
</body>
</html>
`;

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const send =
  (status: number, contentType: string, body: string): Route =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };

/** What the stand-in answers, by path. */
const ROUTES: Record<string, Route> = {
  '/bookings/types/metadata': (req, res) =>
    req.headers.accept === 'application/json'
      ? send(200, 'application/json; charset=utf-8', METADATA_TYPES)(req, res)
      : send(200, 'text/html', '<!DOCTYPE html><html><body>MetadataTypes as HTML</body></html>')(req, res),
  '/bookings/types/typescript': send(200, 'text/plain; charset=utf-8', TYPESCRIPT_DTOS),
  '/json/metadata': send(200, 'text/html; charset=utf-8', helloPage()),
  '/moved/types/metadata': (_req, res) => {
    res.writeHead(301, { location: '/bookings/types/metadata' });
    res.end();
  },
  '/secure/types/metadata': (req, res) =>
    req.headers.authorization === TOKEN
      ? send(200, 'application/json', METADATA_TYPES)(req, res)
      : send(401, 'application/json', '{"responseStatus":{"errorCode":"Unauthorized"}}')(req, res),
  '/site/types/metadata': send(200, 'text/html', '<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>'),
  '/plain/types/metadata': send(200, 'text/plain', 'OK'),
  '/other-json/types/metadata': send(200, 'application/json', '{"status":"healthy"}'),
  '/site/types/csharp': send(200, 'text/html', '<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>'),
  '/silent/types/metadata': () => undefined, // never answers
};

let server: http.Server;
let base: string;
/** Requests the stand-in has answered: a --check must add none. */
let requests = 0;
/** A port that was free a moment ago: nothing listens there. */
let closedPort: string;
let project: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests += 1;
    const route = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(req, res);
    else send(404, 'text/plain', 'Not Found')(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'ssmock-from-'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const ssmock = (...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: project, timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr }),
    );
  });

/**
 * Exit 0 with no failure line; stderr may still hold derive's notes (types whose precision it inferred from a
 * TypeScript file), which are not failures.
 */
const succeeded = (run: Run): void => {
  expect([run.code, run.stderr.split('\n').filter((l) => l.startsWith('ssmock:'))]).toEqual([0, []]);
};

const read = (rel: string): string => readFileSync(path.join(project, rel), 'utf8');
const manifest = (api: string) =>
  JSON.parse(read(`schemas/${api}/manifest.json`)) as {
    api: string;
    operations: { name: string; sources: string[] }[];
  };
const operationNames = (api: string) => manifest(api).operations.map((o) => o.name);

describe('ssmock derive --from URL', () => {
  it('fetches <URL>/types/metadata, saves it under schemas/<api>/docs/, derives it, and a later --check is offline', async () => {
    const fetched = await ssmock('derive', '--from', `${base}/bookings`);
    succeeded(fetched);
    expect(fetched.stdout).toContain(
      `fetched ${base}/bookings/types/metadata → ${path.join('schemas', 'bookings', 'docs', 'types-metadata.json')} (API id 'bookings' from the URL's path; --api to choose another)`,
    );
    expect(read('schemas/bookings/docs/types-metadata.json')).toBe(METADATA_TYPES);
    expect(operationNames('bookings')).toEqual(BOOKINGS_OPERATIONS);
    expect(manifest('bookings').operations[0]!.sources).toEqual(['docs/types-metadata.json']);
    expect(readdirSync(path.join(project, 'schemas/bookings/types'))).toContain('Booking.json');

    const before = requests;
    const check = await ssmock('derive', '--check');
    succeeded(check);
    expect(requests - before).toBe(0);
    expect(check.stdout).toContain('schemas are up to date');
  });

  it('fetches a /types/{lang} DTO file under the --api id', async () => {
    const run = await ssmock('derive', '--from', `${base}/bookings/types/typescript`, '--api', 'Trips');
    succeeded(run);
    expect(run.stdout).toContain("(API id 'Trips' from --api)");
    expect(read('schemas/Trips/docs/types-typescript.ts')).toBe(TYPESCRIPT_DTOS);
    expect(operationNames('Trips')).toEqual(BOOKINGS_OPERATIONS);
    expect((await ssmock('derive', '--check')).code).toBe(0);
  });

  it('fetches an operation page, whose id then comes from the host', async () => {
    const run = await ssmock('derive', '--from', `${base}/json/metadata?op=Hello&lang=csharp`);
    succeeded(run);
    expect(run.stdout).toContain("(API id 'localhost' from the URL's host; --api to choose another)");
    expect(read('schemas/localhost/docs/Hello.csharp.json.html')).toBe(helloPage());
    expect(manifest('localhost').operations).toMatchObject([
      { name: 'Hello', routes: [{ path: '/hello/{Name}', verbs: ['GET', 'POST'] }], response: 'HelloResponse' },
    ]);
    expect((await ssmock('derive', '--check')).code).toBe(0);
  });

  it('takes several URLs into one API, follows redirects, and sends --header', async () => {
    const run = await ssmock(
      'derive',
      '--api',
      'mixed',
      '--from',
      `${base}/moved`,
      '--from',
      `${base}/json/metadata?op=Hello`,
      '--from',
      `${base}/secure/types/metadata`,
      '--header',
      `Authorization: ${TOKEN}`,
    );
    succeeded(run);
    expect(readdirSync(path.join(project, 'schemas/mixed/docs')).sort()).toEqual([
      'Hello.parameters.json.html',
      'types-metadata.json',
    ]);
    expect(operationNames('mixed').sort()).toEqual(['Hello', ...BOOKINGS_OPERATIONS].sort());
  });

  it("derives from ssmock's own metadata surface (MetadataTypes, C# DTOs, an operation page) what the committed schemas say", async () => {
    const mock = await startTestServer();
    try {
      const api = `${mock.url}/billiecart`;
      const run = await ssmock(
        'derive',
        '--from',
        api,
        '--from',
        `${api}/types/csharp`,
        '--from',
        `${api}/json/metadata?op=CreateCustomerRequest&lang=python`,
      );
      succeeded(run);
      expect(run.stdout).toContain("(API id 'billiecart' from the URL's path; --api to choose another)");
    } finally {
      await mock.close();
    }
    expect(readdirSync(path.join(project, 'schemas/billiecart/docs')).sort()).toEqual([
      'CreateCustomerRequest.python.json.html',
      'types-csharp.cs',
      'types-metadata.json',
    ]);
    const committed = JSON.parse(readFileSync(path.resolve('schemas/billiecart/manifest.json'), 'utf8')) as {
      operations: { name: string }[];
    };
    expect(operationNames('billiecart')).toEqual(committed.operations.map((o) => o.name));
  });

  it.each<[string, () => string, number, (url: string) => string]>([
    ['nothing listens on the port', () => closedPort, 2, (b) => `cannot reach ${b}/types/metadata: ECONNREFUSED`],
    ['a 404', () => `${base}/nothing-here`, 1, (b) => `${b}/types/metadata answered 404: is ${b} the base URL`],
    [
      'a 401 without --header',
      () => `${base}/secure`,
      1,
      (b) => `${b}/types/metadata answered 401: the server wants credentials`,
    ],
    [
      'an HTML site',
      () => `${base}/site`,
      1,
      (b) => `${b} is not a ServiceStack server: /types/metadata answered text/html, not the MetadataTypes JSON`,
    ],
    [
      'text that is not JSON',
      () => `${base}/plain`,
      1,
      (b) => `${b} is not a ServiceStack server: /types/metadata answered text/plain that is not JSON`,
    ],
    [
      'JSON that is not MetadataTypes',
      () => `${base}/other-json`,
      1,
      (b) =>
        `${b} is not a ServiceStack server: /types/metadata answered application/json (JSON), not the MetadataTypes JSON`,
    ],
    [
      'an HTML answer to /types/csharp',
      () => `${base}/site/types/csharp`,
      1,
      () => `${base}/site is not a ServiceStack server: /types/csharp answered text/html, not DTO source`,
    ],
    [
      'a server that never answers',
      () => `${base}/silent`,
      2,
      (b) => `cannot reach ${b}/types/metadata: no answer within 500 ms`,
    ],
  ])('%s: one line, a non-zero exit, nothing written', async (_name, url, code, message) => {
    const from = url();
    const run = await ssmock('derive', '--from', from, '--timeout', '500');
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`ssmock: ${message(from)}`);
    expect(existsSync(path.join(project, 'schemas'))).toBe(false);
  });

  it('writes nothing when one of several URLs fails', async () => {
    const run = await ssmock('derive', '--from', `${base}/bookings`, '--from', `${base}/site`);
    expect(run.code).toBe(1);
    expect(existsSync(path.join(project, 'schemas'))).toBe(false);
  });

  it.each<[string[], string]>([
    [['--from', 'localhost:5000'], "--from must be an http(s) URL, got 'localhost:5000'"],
    [['--from', 'http://h/x', '--check'], '--check reads the saved copies only'],
    [['pages/', '--from', 'http://h/x'], 'pass either metadata pages or --from URL, not both'],
    [['http://h/x'], 'http://h/x is a URL: fetch it with --from http://h/x'],
    [['--from', 'http://h/x', '--header', 'Authorization Bearer t'], '--header must be "Name: value"'],
  ])('refuses %j as a usage mistake (exit 2)', async (args, message) => {
    const run = await ssmock('derive', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`ssmock: ${message}`)]);
  });
});
