/**
 * `GET <base>/types/{fsharp,vbnet}` (README, "Metadata surface"): the F# and VB.NET DTOs `npx get-dtos fsharp|vbnet
 * <base>` writes. Deriving the served file gives back the committed contract's operations (names, routes, verbs,
 * auth, request and response types) and properties; the `Options:` header is what get-dtos reads back when it updates
 * a file; IncludeTypes / ExcludeTypes choose the types; the operation pages show the same source.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';
import { byName, propertyNames, readManifest } from './round-trip.js';

let mock: MockServer;
let tmp: string;

beforeAll(async () => {
  mock = await startTestServer();
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-types-dotnet-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

const LANGUAGES = [
  // lang, file get-dtos writes, the header's first line, the prefix of a default option
  ['fsharp', 'dtos.fs', '(* Options:', '//'],
  ['vbnet', 'dtos.vb', "' Options:", "'''"],
] as const;

const served = async (url: string): Promise<string> => {
  const res = await fetch(url);
  expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);
  return res.text();
};

/** The two clients that update a ServiceStack Reference: the npm `get-dtos` and the .NET `x` tool. */
type Client = 'get-dtos' | 'x';

/**
 * How a client reads the header back (ServiceStack/get-dtos `src/index.ts`, `updateReference`; the `x` tool the same
 * way): from `Options:`, stop at a line starting with `*\/` — `x` also at `*)`, F#'s closing line, which get-dtos
 * reads past —; for vbnet also at a blank line, each line losing one leading `'`. Before `BaseUrl: ` nothing counts;
 * after it, every line not starting with `//` or `'` that has a `:` is an option `key: value`, both trimmed. An
 * update then GETs `<BaseUrl>/types/<lang>?key=value&…`.
 */
const readOptions = (
  src: string,
  lang: string,
  client: Client = 'x',
): { baseUrl: string; options: Record<string, string> } => {
  const start = src.indexOf('Options:');
  if (start < 0) throw new Error('not an existing ServiceStack Reference');
  const options: Record<string, string> = {};
  let baseUrl = '';
  for (let line of src.slice(start).split(/\r?\n/)) {
    if (line.startsWith('*/') || (client === 'x' && line.startsWith('*)'))) break;
    if (lang === 'vbnet') {
      if (line.trim().length === 0) break;
      if (line.startsWith("'")) line = line.slice(1);
    }
    if (line.startsWith('BaseUrl: ')) baseUrl = line.slice('BaseUrl: '.length);
    else if (baseUrl && !line.startsWith('//') && !line.startsWith("'")) {
      const at = line.indexOf(':');
      if (at >= 0) options[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return { baseUrl, options };
};
const updateUrl = (src: string, lang: string, client: Client = 'x'): string => {
  const { baseUrl, options } = readOptions(src, lang, client);
  const qs = Object.entries(options)
    .map(([k, v], i) => `${i ? '&' : '?'}${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('');
  return `${baseUrl}/types/${lang}${qs}`;
};

/** ServiceStack's own DTOs come from the client library (the `ServiceStack` package), not the served file. */
const SERVICESTACK_DTOS = ['ErrorResponse', 'ResponseStatus', 'ResponseError'];

describe.each(LANGUAGES)('GET <base>/types/%s → ssmock derive', (lang, file) => {
  it.each(['billiecart', 'servicestack-home'])('%s: gives back the same operations and properties', async (id) => {
    const text = await served(`${mock.url}/${id}/types/${lang}`);
    const docs = path.join(tmp, 'served', lang, id, 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, file), text);
    const out = path.join(tmp, `derived-${lang}`);
    const result = deriveSchemas({ inputs: [docs], out });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const derived = readManifest(out, id);
    const committed = readManifest('schemas', id);
    expect(byName(derived.operations, { autoQuery: false })).toEqual(
      byName(committed.operations, { autoQuery: false }),
    );
    const missing = committed.types.filter((t) => !derived.types.includes(t));
    expect(missing.filter((t) => !SERVICESTACK_DTOS.includes(t))).toEqual([]);
    expect(derived.types.filter((t) => !committed.types.includes(t))).toEqual([]);
    for (const type of committed.types.filter((t) => derived.types.includes(t)))
      expect([type, propertyNames(out, id, type)]).toEqual([type, propertyNames('schemas', id, type)]);
  });
});

describe.each(LANGUAGES)('the /types/%s Options header', (lang, _file, open, off) => {
  const base = () => `${mock.url}/billiecart`;
  // VB.NET comments every header line with `'`; take it off to compare the lines every generator shares.
  const headerLines = (text: string): string[] =>
    text.split('\n').map((l) => (lang === 'vbnet' && l !== open ? l.replace(/^'/, '') : l));

  it("a client reads the mock's BaseUrl and no option the caller did not set", async () => {
    const text = await served(`${base()}/types/${lang}`);
    const lines = headerLines(text);
    expect(lines[0]).toBe(open);
    expect(lines[1]).toMatch(/^Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(lines[2]).toMatch(/^Version: \d+\.\d+$/);
    expect(lines[3]).toBe(
      `Tip: To override a DTO option, remove "${off.slice(lang === 'vbnet' ? 1 : 0)}" prefix before updating`,
    );
    expect(lines[4]).toBe(`BaseUrl: ${base()}`);
    expect(text).toContain(`\n${off}IncludeTypes: \n`);
    expect(readOptions(text, lang)).toEqual({ baseUrl: base(), options: {} });
    expect(updateUrl(text, lang)).toBe(`${base()}/types/${lang}`);
  });

  it('an update sends back the options the caller set and gets the same file', async () => {
    const narrowed = await served(
      `${base()}/types/${lang}?IncludeTypes=CreateCustomerRequest.*&ExcludeTypes=Customer&MakeVirtual=False&Unknown=x`,
    );
    expect(readOptions(narrowed, lang).options).toEqual({
      IncludeTypes: 'CreateCustomerRequest.*',
      ExcludeTypes: 'Customer',
      // An option the generator prints but the mock does not honour is echoed, so it survives the update.
      ...(lang === 'vbnet' ? { MakeVirtual: 'False' } : {}),
    });
    const body = (text: string) => text.slice(text.indexOf('BaseUrl:'));
    expect(body(await served(updateUrl(narrowed, lang)))).toBe(body(narrowed));
    // get-dtos reads an F# file past `*)` and sends its `member val Name:Type` lines too: they are ignored.
    expect(body(await served(updateUrl(narrowed, lang, 'get-dtos')))).toBe(body(narrowed));
  });

  it('a value that would end the header or add a line is cut', async () => {
    const evil = encodeURIComponent(lang === 'vbnet' ? "Evil\n\nClass X\n'" : 'Evil*)\ntype X() = class end\n(*');
    const text = await served(`${base()}/types/${lang}?GlobalNamespace=${evil}`);
    const { options } = readOptions(text, lang);
    expect(Object.keys(options)).toEqual(['GlobalNamespace']);
    expect(options['GlobalNamespace']).not.toMatch(/\n/);
    if (lang === 'fsharp') expect(text.split('*)').length).toBe(2);
    else
      expect(
        text
          .slice(0, text.indexOf('\n\n'))
          .split('\n')
          .every((l) => l.startsWith("'")),
      ).toBe(true);
  });
});

describe('query options', () => {
  const classes: Record<string, RegExp> = {
    fsharp: /^ {4}type (\w+)(?:<[^>]*>)?(?:\(\))? =/gm,
    vbnet: /^ {8}Public (?:Partial Class|Enum|Interface) (\w+)/gm,
  };
  const names = (lang: string, text: string) => [...text.matchAll(classes[lang]!)].map((m) => m[1]!).sort();

  it.each(LANGUAGES.map(([l]) => l))(
    '%s: IncludeTypes keeps the names given, Name.* what they reference; ExcludeTypes leaves names out',
    async (lang) => {
      const base = `${mock.url}/billiecart/types/${lang}`;
      expect(names(lang, await served(`${base}?IncludeTypes=CreateCustomerRequest`))).toEqual([
        'CreateCustomerRequest',
      ]);
      expect(names(lang, await served(`${base}?IncludeTypes=CreateCustomerRequest.*`))).toEqual([
        'BankAccount',
        'CreateCustomerRequest',
        'CreateCustomerResponse',
        'Customer',
      ]);
      const all = names(lang, await served(base));
      const without = names(lang, await served(`${base}?ExcludeTypes=BankAccount,Customer`));
      expect(all.filter((n) => !without.includes(n))).toEqual(['BankAccount', 'Customer']);
      // ServiceStack's own DTOs come from the ServiceStack package unless asked for.
      expect(all).not.toContain('ResponseStatus');
      expect(names(lang, await served(`${base}?AddServiceStackTypes=true`))).toEqual(
        expect.arrayContaining(['ResponseStatus', 'ResponseError']),
      );
    },
  );

  it.each(LANGUAGES.map(([l]) => l))(
    '%s: hostile IncludeTypes (thousands of names, odd characters) is a 200 with nothing matched',
    async (lang) => {
      const many = Array.from({ length: 2000 }, (_, i) => `T${i}`).join(',');
      for (const value of [many, '../../etc/passwd', '<script>', '*)', '%00', 'A'.repeat(4000)]) {
        const text = await served(`${mock.url}/billiecart/types/${lang}?IncludeTypes=${encodeURIComponent(value)}`);
        expect(names(lang, text)).toEqual([]);
      }
    },
  );
});

describe('what the generators print', () => {
  it('F#: one namespace, each type after those it names, IReturn and verb markers, Nullable and ResizeArray', async () => {
    const fs = await served(`${mock.url}/servicestack-home/types/fsharp`);
    expect(fs).toContain('\n*)\n\nnamespace ServiceStackHome.ServiceModel\n\nopen System\nopen System.IO\n');
    expect(fs.match(/^namespace /gm)).toHaveLength(1);
    expect(fs).toContain(
      [
        '    [<Route("/Customer")>]',
        '    [<Route("/Customer/{Id}")>]',
        '    [<AllowNullLiteral>]',
        '    type Customer() = ',
        '        interface IReturn<Customer>',
        '        member val Id:Int32 = new Int32() with get,set',
        '        member val Email:String = null with get,set',
      ].join('\n'),
    );
    expect(fs).toContain('        member val Orders:ResizeArray<Order> = null with get,set\n');
    expect(fs).toContain('        member val RenewalDate:Nullable<DateTime> = new Nullable<DateTime>() with get,set\n');
    expect(fs).toContain('    type SkuType =\n        | Product = 0\n        | PerDev = 1\n');
    // F# cannot name a type declared further down: Order before Customer, SkuType before OrderDetail.
    const at = (name: string) => fs.indexOf(`type ${name}`);
    expect(at('Order()')).toBeLessThan(at('Customer()'));
    expect(at('SkuType')).toBeLessThan(at('OrderDetail()'));
    const bc = await served(`${mock.url}/billiecart/types/fsharp`);
    // The API's own interfaces (ITenantedRequest) are not printed; the verb markers are.
    expect(bc).toContain(
      '    type CreateCustomerRequest() = \n        interface IReturn<CreateCustomerResponse>\n        interface IPost\n',
    );
  });

  it("VB.NET: Namespace Global around each namespace's types by name, VB type names, escaped keywords", async () => {
    const vb = await served(`${mock.url}/servicestack-home/types/vbnet`);
    expect(vb).toMatch(
      /\nImports ServiceStackHome\.ServiceModel\n\nNamespace Global\n\n {4}Namespace ServiceStackHome\.ServiceModel\n\n/,
    );
    expect(vb.endsWith('        End Class\n    End Namespace\nEnd Namespace\n\n')).toBe(true);
    expect(vb).toContain(
      [
        '        <Route("/Customer")>',
        '        <Route("/Customer/{Id}")>',
        '        Public Partial Class Customer',
        '            Implements IReturn(Of Customer)',
        '            Implements IAddress',
        '            Public Overridable Property Id As Integer',
        '            Public Overridable Property Email As String',
      ].join('\n'),
    );
    expect(vb).toContain('            Public Overridable Property Orders As List(Of Order)\n');
    expect(vb).toContain('            Public Overridable Property RenewalDate As Date?\n');
    expect(vb).toContain('            Public Overridable Property [Error] As String\n');
    expect(vb).toContain('        Public Enum SkuType\n            Product\n            PerDev\n');
    const bc = await served(`${mock.url}/billiecart/types/vbnet`);
    expect(bc).toContain(
      [
        '        <Route("/customers", "POST")>',
        '        <ValidateHasRole("manager")>',
        '        Public Partial Class CreateCustomerRequest',
        '            Implements IReturn(Of CreateCustomerResponse)',
        '            Implements ITenantedRequest',
        '            Implements IPost',
      ].join('\n'),
    );
  });
});

describe('the metadata surface lists and shows them', () => {
  it('/types links both, /metadata links them as served, an operation page shows their source', async () => {
    const base = `${mock.url}/billiecart`;
    const links = (await (await fetch(`${base}/types`)).json()) as Record<string, string>;
    expect(links).toMatchObject({ FSharp: `${base}/types/fsharp`, VbNet: `${base}/types/vbnet` });
    const index = await (await fetch(`${base}/metadata`, { headers: { accept: 'text/html' } })).text();
    expect(index).toMatch(/<a href="[^"]*\/types\/fsharp">/);
    expect(index).toMatch(/<a href="[^"]*\/types\/vbnet">/);
    for (const [lang, text] of [
      ['fsharp', 'type CreateCustomerRequest() = '],
      ['vbnet', 'Public Partial Class CreateCustomerRequest'],
    ]) {
      const res = await fetch(`${base}/json/metadata?op=CreateCustomerRequest&lang=${lang}`);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain(text);
      expect(page).not.toContain('Options:');
    }
  });
});
