/**
 * `GET <base>/{json|xml|jsv}/metadata?op=X[&lang=]` (README, "Metadata surface"): an operation's page as
 * ServiceStack's BaseMetadataHandler prints it. Saving every served page of an API and deriving them gives back
 * the committed operations (routes, verbs, auth, request and response types) and types; the page reads as the real
 * one does (title, back link, auth and routes tables, parameter tables or DTO source, samples in the format); a
 * missing operation or language is a 404 in ServiceStack's shape.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import { parseJsv, parseXmlDocument } from '../src/formats/index.js';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';
import { byName, readManifest } from './round-trip.js';

let mock: MockServer;
let tmp: string;

beforeAll(async () => {
  mock = await startTestServer();
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-op-pages-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
/** The page as a browser shows its text: cells tab-separated, blocks on their own lines, `<pre>` kept as is. */
const textOf = (html: string): string =>
  html
    .replace(/<(head|style|script)\b[\s\S]*?<\/\1>/gi, '')
    .replace(
      /<pre\b[^>]*>([\s\S]*?)<\/pre>/gi,
      (_m, pre: string) => `\n${pre.replace(/<[^>]+>/g, '').replace(/\n/g, '\uE000')}\n`,
    )
    .replace(/\s*\n\s*/g, ' ')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(/<\/?(tr|p|div|h\d|caption|table|nav|br)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e]!)
    .replace(/\uE000/g, '\n')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').replace(/\t+$/, '').trim())
    .filter(Boolean)
    .join('\n');

const page = async (url: string): Promise<string> => {
  const res = await fetch(url);
  expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  return res.text();
};

/** Every operation's page of an API saved under `<tmp>/<label>/<id>/docs/`, derived into `<tmp>/<label>-out/`. */
const deriveServedPages = async (id: string, format: string, lang: string | undefined, label: string) => {
  const committed = readManifest('schemas', id);
  const docs = path.join(tmp, label, id, 'docs');
  mkdirSync(docs, { recursive: true });
  for (const op of committed.operations) {
    const query = `op=${op.request}${lang ? `&lang=${lang}` : ''}`;
    writeFileSync(path.join(docs, `${op.request}.html`), await page(`${mock.url}/${id}/${format}/metadata?${query}`));
  }
  const out = path.join(tmp, `${label}-out`);
  const result = deriveSchemas({ inputs: [docs], out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { derived: readManifest(out, id), committed };
};

describe('served operation pages → ssmock derive', () => {
  it.each([
    ['billiecart', 'json', undefined],
    ['servicestack-home', 'json', undefined],
    ['billiecart', 'jsv', 'csharp'],
    ['servicestack-home', 'xml', 'python'],
  ])('%s, /%s/metadata?op=X&lang=%s: gives back the same operations and types', async (id, format, lang) => {
    const { derived, committed } = await deriveServedPages(id, format, lang, `${id}-${format}-${lang ?? 'tables'}`);
    expect(byName(derived.operations, { autoQuery: false })).toEqual(
      byName(committed.operations, { autoQuery: false }),
    );
    expect([...derived.types].sort()).toEqual(
      expect.arrayContaining(committed.types.filter((t) => t !== 'ErrorResponse')),
    );
  });
});

describe('the page', () => {
  it("reads as ServiceStack's: title, back link, operation, auth, routes, parameter tables, format note, samples", async () => {
    const html = await page(`${mock.url}/billiecart/json/metadata?op=CreateCustomerRequest`);
    const lines = textOf(html).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Billiecart API',
      '<back to all web services',
      'CreateCustomerRequest',
      'Requires Authentication',
      'Required role:\tmanager',
      'The following routes are available for this service:',
      'POST\t/customers',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'CreateCustomerRequest Parameters:',
        'Name\tParameter\tData Type\tRequired\tDescription',
        'Email\tbody\tstring\tNo',
        'Customer Parameters:',
        'DateOfBirth\tform\tDateTime?\tNo',
        'To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json',
        'HTTP + JSON',
        'POST /customers HTTP/1.1',
        'HTTP/1.1 200 OK',
      ]),
    );
    expect(html).toContain('<a href="/billiecart/metadata">&lt;back to all web services</a>');
  });

  it('shows the DTOs in the chosen language with the link to them, and samples in the chosen format', async () => {
    const text = textOf(await page(`${mock.url}/servicestack-home/xml/metadata?op=Customer&lang=csharp`));
    expect(text).toContain('public partial class Customer\n: IReturn<Customer>, IAddress');
    expect(text).toContain('C# Customer DTOs');
    expect(text).not.toContain('Options:');
    const xml = /HTTP\/1\.1 200 OK\nContent-Type: application\/xml\nContent-Length: length\n([\s\S]*)$/.exec(text)?.[1];
    expect(parseXmlDocument(xml ?? '')).toMatchObject({ root: 'Customer' });

    const jsv = textOf(await page(`${mock.url}/billiecart/jsv/metadata?op=CreatePersonRequest&lang=python`));
    expect(jsv).toContain('class CreatePersonRequest(IReturn[CreatePersonResponse], IPost):');
    expect(jsv).toContain('Python CreatePersonRequest DTOs');
    const body = /HTTP\/1\.1 200 OK\nContent-Type: text\/jsv\nContent-Length: length\n([\s\S]*)$/.exec(jsv)?.[1] ?? '';
    expect(parseJsv(body)).toHaveProperty('person');
  });

  it.each([
    ['typescript', 'TypeScript', 'export class CreateCustomerRequest implements IReturn<CreateCustomerResponse>'],
    ['mjs', 'JavaScript', 'export class CreateCustomerRequest {'],
    ['kotlin', 'Kotlin', 'open class CreateCustomerRequest : IReturn<CreateCustomerResponse>'],
    ['java', 'Java', 'public static class CreateCustomerRequest implements IReturn<CreateCustomerResponse>'],
    ['swift', 'Swift', 'public class CreateCustomerRequest : IReturn, ITenantedRequest, IPost, Codable'],
    ['dart', 'Dart', 'class CreateCustomerRequest implements IReturn<CreateCustomerResponse>'],
  ])('&lang=%s shows the operation in that language, without the Options header', async (lang, label, declaration) => {
    const text = textOf(await page(`${mock.url}/billiecart/json/metadata?op=CreateCustomerRequest&lang=${lang}`));
    expect(text).toContain(declaration);
    expect(text).toContain(`${label} CreateCustomerRequest DTOs`);
    expect(text).not.toContain('Options:');
  });

  it('is linked from /metadata, and /json/metadata without op is the index', async () => {
    const index = await page(`${mock.url}/billiecart/metadata`);
    expect(index).toContain('href="/billiecart/json/metadata?op=CreateCustomerRequest"');
    expect(index).toContain('href="/billiecart/types/csharp"');
    expect(await page(`${mock.url}/billiecart/json/metadata`)).toBe(index);
  });

  it.each([
    ['op=NoSuchOperation', 'Could not find operation: NoSuchOperation'],
    ['op=..%2F..%2Fetc%2Fpasswd', 'Could not find operation: ../../etc/passwd'],
    ['op=CreateCustomerRequest&lang=cobol', "No Add ServiceStack Reference generator for 'cobol'"],
    ['op=CreateCustomerRequest&lang=typescript.d', "No Add ServiceStack Reference generator for 'typescript.d'"],
  ])('?%s is a 404 in ServiceStack shape', async (query, message) => {
    const res = await fetch(`${mock.url}/billiecart/json/metadata?${query}`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { responseStatus: { errorCode: string; message: string } };
    expect(body.responseStatus.errorCode).toBe('NotFound');
    expect(body.responseStatus.message.startsWith(message)).toBe(true);
  });
});
