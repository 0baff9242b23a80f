import fc from 'fast-check';
import { UserError } from '../user-error.js';
import type { Answer } from './from-url.js';
import { apiIdFromUrl, fetchPublished, judgeAnswer, parseHeader, planFetch } from './from-url.js';

describe('planFetch: what a --from URL points at', () => {
  it.each<[string, string, string, string, string, { id: string; from: string }]>([
    // from, GET, base, endpoint, saved as, api id
    [
      'http://localhost:5050/billiecart',
      'http://localhost:5050/billiecart/types/metadata',
      'http://localhost:5050/billiecart',
      '/types/metadata',
      'types-metadata.json',
      { id: 'billiecart', from: 'path' },
    ],
    [
      'https://staging-api.billiecart.com.au/',
      'https://staging-api.billiecart.com.au/types/metadata',
      'https://staging-api.billiecart.com.au',
      '/types/metadata',
      'types-metadata.json',
      { id: 'billiecart', from: 'host' },
    ],
    [
      'https://test.servicestack.net/types/metadata',
      'https://test.servicestack.net/types/metadata',
      'https://test.servicestack.net',
      '/types/metadata',
      'types-metadata.json',
      { id: 'servicestack', from: 'host' },
    ],
    [
      'http://127.0.0.1:5001/api/types',
      'http://127.0.0.1:5001/api/types/metadata',
      'http://127.0.0.1:5001/api',
      '/types/metadata',
      'types-metadata.json',
      { id: 'localhost', from: 'host' },
    ],
    [
      'http://localhost:5001/types/typescript?IncludeTypes=Booking.*',
      'http://localhost:5001/types/typescript?IncludeTypes=Booking.*',
      'http://localhost:5001',
      '/types/typescript?IncludeTypes=Booking.*',
      'types-typescript.ts',
      { id: 'localhost', from: 'host' },
    ],
    [
      'http://10.0.0.5/types/typescript.d',
      'http://10.0.0.5/types/typescript.d',
      'http://10.0.0.5',
      '/types/typescript.d',
      'types-typescript.d.ts',
      { id: '10-0-0-5', from: 'host' },
    ],
    [
      'https://example.org/Bookings%20Api/types/csharp',
      'https://example.org/Bookings%20Api/types/csharp',
      'https://example.org/Bookings%20Api',
      '/types/csharp',
      'types-csharp.cs',
      { id: 'bookings-api', from: 'path' },
    ],
    [
      'https://api.example.com/json/metadata?op=CreateCustomerRequest&lang=python',
      'https://api.example.com/json/metadata?op=CreateCustomerRequest&lang=python',
      'https://api.example.com',
      '/json/metadata?op=CreateCustomerRequest&lang=python',
      'CreateCustomerRequest.python.json.html',
      { id: 'example', from: 'host' },
    ],
    [
      'https://www.example.com/api/xml/metadata?op=Hello',
      'https://www.example.com/api/xml/metadata?op=Hello',
      'https://www.example.com/api',
      '/xml/metadata?op=Hello',
      'Hello.parameters.xml.html',
      { id: 'example', from: 'host' },
    ],
  ])('%s', (from, url, base, endpoint, fileName, api) => {
    const plan = planFetch(from);
    expect({
      url: plan.url.href,
      base: plan.base,
      endpoint: plan.endpoint,
      fileName: plan.fileName,
      api: plan.api,
    }).toEqual({ url, base, endpoint, fileName, api });
  });

  it.each<[string, string]>([
    ['https://h.test/metadata', 'https://h.test/types/metadata'],
    ['https://h.test/api/json/metadata', 'https://h.test/api/types/metadata'],
    ['https://h.test/app/metadata/', 'https://h.test/app/types/metadata'],
  ])('takes the metadata index %s for the server it describes', (from, url) => {
    expect(planFetch(from).url.href).toBe(url);
  });

  it('asks for JSON from /types/metadata, which ServiceStack would otherwise render as HTML for a browser', () => {
    expect(planFetch('http://localhost:5001').accept).toBe('application/json');
    expect(planFetch('http://localhost:5001/json/metadata?op=X').accept).toBe('text/html');
  });

  it.each<[string, string]>([
    ['not a url', "--from must be a URL like http://localhost:5000, got 'not a url'"],
    ['ftp://example.com', "--from must be an http(s) URL, got 'ftp://example.com'"],
    ['http://h/types/cobol', 'http://h/types/cobol: /types/cobol is no DTO generator ServiceStack serves'],
  ])('refuses %s as a usage mistake (exit 2)', (from, message) => {
    let thrown: unknown;
    try {
      planFetch(from);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).message).toContain(message);
    expect((thrown as UserError).exitCode).toBe(2);
  });

  it('keeps any base path as the base and fetches the endpoint under it', () => {
    // Slugs already, and never the endpoints' own names.
    const segment = fc
      .stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,5})?$/)
      .filter((s) => s !== 'types' && s !== 'metadata');
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        fc.constantFrom('', '/types/metadata', '/types/go'),
        (segments, tail) => {
          const base = `http://host.test${segments.map((s) => `/${s}`).join('')}`;
          const plan = planFetch(base + tail);
          expect(plan.base).toBe(base);
          expect(plan.url.href).toBe(base + (tail || '/types/metadata'));
          const named = segments.filter((s) => s !== 'api');
          expect(plan.api).toEqual(named.length ? { id: named.at(-1), from: 'path' } : { id: 'host', from: 'host' });
        },
      ),
    );
  });
});

describe('apiIdFromUrl', () => {
  it.each<[string, string]>([
    ['http://localhost', 'localhost'],
    ['http://[::1]:5000', 'localhost'],
    ['https://blazor-vue.web-templates.io', 'web-templates'],
    ['https://northwind.netcore.io', 'netcore'],
    ['https://my.gov.au', 'my'],
  ])('%s → %s', (url, id) => expect(apiIdFromUrl(new URL(url)).id).toBe(id));
});

const metadataTypes = JSON.stringify({ config: {}, namespaces: [], types: [], operations: [] });
const answer = (over: Partial<Answer>): Answer => ({
  status: 200,
  contentType: 'application/json',
  text: metadataTypes,
  finalUrl: 'http://h.test/types/metadata',
  ...over,
});

describe('judgeAnswer: is it what a ServiceStack server publishes?', () => {
  const meta = planFetch('http://h.test');
  const dto = planFetch('http://h.test/types/typescript');
  const page = planFetch('http://h.test/json/metadata?op=Hello');
  it.each<[string, ReturnType<typeof planFetch>, Partial<Answer>, string | undefined]>([
    ['the MetadataTypes JSON', meta, {}, undefined],
    ['MetadataTypes without operations (nulls are omitted)', meta, { text: '{"types":[]}' }, undefined],
    [
      'a 404',
      meta,
      { status: 404, text: 'Not Found', contentType: 'text/plain' },
      'http://h.test/types/metadata answered 404: is http://h.test the base URL of a ServiceStack server?',
    ],
    ['a 500', dto, { status: 500 }, 'http://h.test/types/typescript answered 500'],
    [
      'a 401',
      meta,
      { status: 401 },
      'http://h.test/types/metadata answered 401: the server wants credentials; pass them with --header "Authorization: Bearer …"',
    ],
    [
      'an HTML page',
      meta,
      { contentType: 'text/html', text: '<!DOCTYPE html><html><body>Welcome</body></html>' },
      'http://h.test is not a ServiceStack server: /types/metadata answered text/html, not the MetadataTypes JSON',
    ],
    [
      'a sign-in page it was redirected to',
      meta,
      { contentType: 'text/html', text: '<html>sign in</html>', finalUrl: 'http://h.test/login' },
      'http://h.test is not a ServiceStack server: /types/metadata answered text/html (redirected to http://h.test/login), not the MetadataTypes JSON',
    ],
    [
      'other JSON',
      meta,
      { text: '{"status":"ok"}' },
      'http://h.test is not a ServiceStack server: /types/metadata answered application/json (JSON), not the MetadataTypes JSON',
    ],
    [
      'text that is not JSON',
      meta,
      { contentType: 'text/plain', text: 'hello' },
      'http://h.test is not a ServiceStack server: /types/metadata answered text/plain that is not JSON, not the MetadataTypes JSON',
    ],
    [
      'an empty body',
      meta,
      { contentType: '', text: '' },
      'http://h.test is not a ServiceStack server: /types/metadata answered no content type with an empty body, not the MetadataTypes JSON',
    ],
    [
      'TypeScript DTOs',
      dto,
      {
        contentType: 'text/plain',
        text: 'export class Hello implements IReturn<HelloResponse>\n{\n    public name?: string;\n}\n',
      },
      undefined,
    ],
    [
      "a generator's output derive cannot place yet, known by its Options header",
      planFetch('http://h.test/types/zig'),
      { contentType: 'text/plain', text: '/* Options:\nDate: 2026-12-03 05:00:00\nVersion: 8.80\n*/\n' },
      undefined,
    ],
    [
      'text that is no DTO source',
      dto,
      { contentType: 'text/plain', text: 'Hello, world' },
      'http://h.test is not a ServiceStack server: /types/typescript answered text/plain, not DTO source',
    ],
    [
      'HTML where DTOs were asked for',
      dto,
      { contentType: 'text/html', text: '<html><body>hi</body></html>' },
      'http://h.test is not a ServiceStack server: /types/typescript answered text/html, not DTO source',
    ],
    [
      'an operation page',
      page,
      { contentType: 'text/html', text: '<html><body><h1>X</h1><a>&lt;back to all web services</a></body></html>' },
      undefined,
    ],
    [
      'HTML that is no operation page',
      page,
      { contentType: 'text/html', text: '<html><body>Welcome</body></html>' },
      'http://h.test is not a ServiceStack server: /json/metadata?op=Hello answered text/html, not a metadata page ("<back to all web services")',
    ],
  ])('%s', (_name, plan, over, expected) => {
    expect(judgeAnswer(plan, answer({ finalUrl: plan.url.href, ...over }))).toBe(expected);
  });
});

describe('fetchPublished', () => {
  const plan = planFetch('http://h.test/');
  const failing =
    (err: unknown): typeof fetch =>
    () =>
      Promise.reject(err);

  it('returns the body of a good answer, sent with the Accept header and the extra headers', async () => {
    const seen: Headers[] = [];
    const fetchFn: typeof fetch = (_url, init) => {
      seen.push(new Headers(init?.headers));
      return Promise.resolve(new Response(metadataTypes, { headers: { 'content-type': 'application/json' } }));
    };
    await expect(
      fetchPublished(plan, { timeoutMs: 1000, fetchFn, headers: { Authorization: 'Bearer t' } }),
    ).resolves.toBe(metadataTypes);
    expect([seen[0]!.get('accept'), seen[0]!.get('authorization')]).toEqual(['application/json', 'Bearer t']);
  });

  it("lets --header replace the Accept it asks with, whatever the header's case", async () => {
    let accept: string | null = null;
    const fetchFn: typeof fetch = (_url, init) => {
      accept = new Headers(init?.headers).get('accept');
      return Promise.resolve(new Response(metadataTypes));
    };
    await fetchPublished(plan, { timeoutMs: 1000, fetchFn, headers: { ACCEPT: 'application/json; q=1' } });
    expect(accept).toBe('application/json; q=1');
  });

  it.each<[string, unknown, string]>([
    [
      'a refused connection',
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      }),
      'cannot reach http://h.test/types/metadata: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:1)',
    ],
    [
      'no answer in time',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'cannot reach http://h.test/types/metadata: no answer within 1000 ms',
    ],
  ])('says it cannot reach the server on %s (exit 2)', async (_name, err, message) => {
    const thrown = await fetchPublished(plan, { timeoutMs: 1000, fetchFn: failing(err) }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(UserError);
    expect([(thrown as UserError).message, (thrown as UserError).exitCode]).toEqual([message, 2]);
  });

  it('says what a wrong answer is (exit 1)', async () => {
    const fetchFn: typeof fetch = () => Promise.resolve(new Response('nope', { status: 404 }));
    const thrown = await fetchPublished(plan, { timeoutMs: 1000, fetchFn }).catch((e: unknown) => e);
    expect([(thrown as UserError).message, (thrown as UserError).exitCode]).toEqual([
      'http://h.test/types/metadata answered 404: is http://h.test the base URL of a ServiceStack server?',
      1,
    ]);
  });
});

describe('parseHeader', () => {
  it.each<[string, [string, string]]>([
    ['Authorization: Bearer abc', ['Authorization', 'Bearer abc']],
    ['Cookie:ss-id=1; ss-pid=2', ['Cookie', 'ss-id=1; ss-pid=2']],
    ['X-Api-Key:   k:v ', ['X-Api-Key', 'k:v']],
  ])('%s', (header, expected) => expect(parseHeader(header)).toEqual(expected));

  it.each(['Authorization Bearer abc', ': value', 'Bad Name: v'])('refuses %s', (header) => {
    expect(() => parseHeader(header)).toThrow('--header must be "Name: value"');
  });
});
