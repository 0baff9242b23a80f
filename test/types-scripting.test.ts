/**
 * `GET <base>/types/{php,ruby,js}` (README, "Metadata surface"): what ServiceStack's PhpGenerator, RubyGenerator and
 * CommonJsGenerator write. Deriving the served PHP and Ruby gives back the operations and properties of the committed
 * contract, as far as each prints them; the CommonJS module (which prints no properties and no routes) gives back the
 * operation names, verbs and responses, loads with `require`, and its request classes call the mock through
 * JsonServiceClient. The `Options:` header is what get-dtos reads back when it updates a file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonServiceClient } from '@servicestack/client';
import { deriveSchemas } from '../src/derive/index.js';
import type { ApiManifest, OperationManifest } from '../src/schema/manifest.js';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';
import { getDtosOptions, propertyNames, readManifest, updateUrl } from './round-trip.js';

let mock: MockServer;
let tmp: string;

beforeAll(async () => {
  mock = await startTestServer();
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-types-scripting-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** ServiceStack answers PHP and CommonJS as `text/javascript` (NativeTypesService's `[AddHeader]`), Ruby as text. */
const CONTENT_TYPES: Record<string, string> = {
  php: 'text/javascript; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  ruby: 'text/plain; charset=utf-8',
};
const served = async (url: string): Promise<string> => {
  const res = await fetch(url);
  const lang = new URL(url).pathname.replace(/^.*\//, '');
  expect([res.status, res.headers.get('content-type')]).toEqual([200, CONTENT_TYPES[lang]]);
  return res.text();
};

/** The options of the header alone (up to Ruby's `=end`). */
const headerOptions = (src: string): Record<string, string> => {
  const end = src.search(/^(\*\/|=end)$/m);
  return getDtosOptions(src.slice(0, end)).options;
};

const deriveFile = (id: string, file: string, text: string, out: string): ApiManifest => {
  const docs = path.join(tmp, 'served', path.basename(out), id, 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, file), text);
  const result = deriveSchemas({ inputs: [docs], out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return readManifest(out, id);
};
const sorted = (ops: OperationManifest[]): OperationManifest[] => [...ops].sort((a, b) => a.name.localeCompare(b.name));

/** ServiceStack's own DTOs come from each client library (servicestack/client, the servicestack gem). */
const SERVICESTACK_DTOS = ['ErrorResponse', 'ResponseStatus', 'ResponseError'];
const APIS = ['billiecart', 'servicestack-home'];

describe.each([
  ['php', 'dtos.php'],
  ['ruby', 'dtos.rb'],
])('GET <base>/types/%s → ssmock derive', (lang, file) => {
  it.each(APIS)('%s: gives back the same operations and properties', async (id) => {
    const out = path.join(tmp, `derived-${lang}`);
    const derived = deriveFile(id, file, await served(`${mock.url}/${id}/types/${lang}`), out);
    const committed = readManifest('schemas', id);
    // Ruby prints an attribute once per name: a request's first [Route] only (README, "Metadata surface").
    const printedRoutes = (op: OperationManifest) => (lang === 'ruby' ? op.routes.slice(0, 1) : op.routes);
    const contract = (op: OperationManifest) => ({
      name: op.name,
      request: op.request,
      response: op.response,
      primaryVerb: op.primaryVerb,
      routes: printedRoutes(op),
      auth: { required: op.auth.required, roles: op.auth.roles, permissions: op.auth.permissions },
    });
    expect(sorted(derived.operations).map(contract)).toEqual(sorted(committed.operations).map(contract));
    const missing = committed.types.filter((t) => !derived.types.includes(t));
    expect(missing.filter((t) => !SERVICESTACK_DTOS.includes(t))).toEqual([]);
    expect(derived.types.filter((t) => !committed.types.includes(t))).toEqual([]);
    for (const type of committed.types.filter((t) => derived.types.includes(t)))
      expect([type, propertyNames(out, id, type)]).toEqual([type, propertyNames('schemas', id, type)]);
  });
});

describe('GET <base>/types/js (CommonJS) → ssmock derive', () => {
  it.each(APIS)('%s: gives back the operation names, verbs and responses (it prints nothing more)', async (id) => {
    const out = path.join(tmp, 'derived-js');
    const derived = deriveFile(id, 'dtos.js', await served(`${mock.url}/${id}/types/js`), out);
    const committed = readManifest('schemas', id);
    const printed = (op: OperationManifest) => ({
      name: op.name,
      request: op.request,
      response: op.response,
      primaryVerb: op.primaryVerb,
    });
    expect(sorted(derived.operations).map(printed)).toEqual(sorted(committed.operations).map(printed));
    expect(derived.operations.every((o) => o.routes.length === 0)).toBe(true);
  });
});

describe('GET <base>/types/js', () => {
  it('is a CommonJS module: require() loads it, and its request classes call the mock with JsonServiceClient', async () => {
    const base = `${mock.url}/billiecart`;
    const file = path.join(tmp, 'billiecart.dtos.js');
    writeFileSync(file, await served(`${base}/types/js`));
    const dtos = createRequire(import.meta.url)(file) as Record<string, new (init?: object) => object>;
    expect(Object.keys(dtos)).toEqual(expect.arrayContaining(['Customer', 'ResponseStatus', 'CreatePersonRequest']));
    const request = new dtos['CreateCustomerRequest']!({ email: 'cjs@example.com', organisationId: 'org-1' });
    expect(request).toMatchObject({ email: 'cjs@example.com' });
    const client = new JsonServiceClient(base);
    client.bearerToken = await signIn(base);
    const created = (await client.post(request as never)) as { customer?: { id?: string; email?: string } };
    expect(created.customer?.email).toBe('cjs@example.com');
    // The route's verb comes from getMethod(): PUT /customers/{Id}/associate-to-user-account.
    const associate = new dtos['AssociateUserAccountToCustomerRequest']!({
      id: created.customer?.id,
      userAccountId: 'u1',
      organisationId: 'org-1',
    });
    const answer = await client.send(associate as never);
    expect(answer).toMatchObject({ customer: { id: created.customer?.id, email: 'cjs@example.com' } });
    expect((associate as { createResponse(): object }).createResponse()).toBeInstanceOf(
      dtos['AssociateUserAccountToCustomerResponse']!,
    );
  });
});

describe('the Options header', () => {
  it.each([
    ['php', '<?php namespace dtos;\n/* Options:\n', '//'],
    ['ruby', '# frozen_string_literal: true\n# encoding: utf-8\n\n# Options:\n=begin\n', '#'],
    ['js', '/* Options:\n', '//'],
  ])(
    "%s: get-dtos reads the mock's BaseUrl, and an update sends back the options the caller set",
    async (lang, open, off) => {
      const base = `${mock.url}/billiecart`;
      const first = await served(`${base}/types/${lang}`);
      expect(first.startsWith(open)).toBe(true);
      const lines = first.slice(open.length).split('\n');
      expect(lines[0]).toMatch(/^Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(lines[1]).toMatch(/^Version: \d+\.\d+$/);
      // Every generator's tip names `//`, Ruby's too.
      expect(lines[2]).toBe('Tip: To override a DTO option, remove "//" prefix before updating');
      expect(lines[3]).toBe(`BaseUrl: ${base}`);
      expect(lines.slice(5, 7).every((l) => l.startsWith(off))).toBe(true);
      expect(getDtosOptions(first).baseUrl).toBe(base);
      expect(headerOptions(first)).toEqual({});

      const query = 'IncludeTypes=CreateCustomerRequest.*&ExcludeTypes=Customer&NoSuchOption=x';
      const narrowed = await served(`${base}/types/${lang}?${query}`);
      expect(headerOptions(narrowed)).toEqual({ IncludeTypes: 'CreateCustomerRequest.*', ExcludeTypes: 'Customer' });
      // The update asks for the same file again (for Ruby, with the property rows get-dtos also reads as options).
      const updated = await served(updateUrl(narrowed, lang));
      const body = (text: string) => text.slice(text.indexOf('BaseUrl:'));
      expect(body(updated)).toBe(body(narrowed));
    },
  );

  it('PHP: a GlobalNamespace the caller sets names the namespace, as a PHP name', async () => {
    const text = await served(
      `${mock.url}/billiecart/types/php?GlobalNamespace=${encodeURIComponent('Acme\\Dtos; system("x")*/')}`,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('<?php namespace Acme\\Dtossystemx;');
    // The value cannot close the header: it ends at its own `*/` line, after the option lines.
    expect(lines.indexOf('*/')).toBe(lines.indexOf('//DefaultImports: ') + 1);
    expect(headerOptions(text)).toEqual({ GlobalNamespace: 'Acme\\Dtos; system("x")' });
  });
});

describe('query options', () => {
  const names = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!).sort();
  const CLASS_LINES: Record<string, RegExp> = {
    php: /^(?:class|enum) (\w+)/gm,
    ruby: /^(?:class|module) (\w+)/gm,
    js: /^var (\w+) = \/\*\* @class/gm,
  };

  it.each(['php', 'ruby', 'js'])(
    '%s: IncludeTypes keeps the names given, Name.* what they reference; ExcludeTypes leaves names out',
    async (lang) => {
      const base = `${mock.url}/billiecart`;
      const re = CLASS_LINES[lang]!;
      expect(names(await served(`${base}/types/${lang}?IncludeTypes=CreateCustomerRequest`), re)).toEqual([
        'CreateCustomerRequest',
      ]);
      const deep = names(await served(`${base}/types/${lang}?IncludeTypes=CreateCustomerRequest.*`), re);
      // CommonJS prints the ServiceStack classes the types use; PHP and Ruby take them from their libraries.
      expect(deep.filter((n) => !SERVICESTACK_DTOS.includes(n))).toEqual([
        'BankAccount',
        'CreateCustomerRequest',
        'CreateCustomerResponse',
        'Customer',
      ]);
      const all = names(await served(`${base}/types/${lang}`), re);
      const without = names(await served(`${base}/types/${lang}?ExcludeTypes=BankAccount,Customer`), re);
      expect(all.filter((n) => !without.includes(n))).toEqual(['BankAccount', 'Customer']);
    },
  );

  it.each(['php', 'ruby', 'js'])('%s: hostile IncludeTypes is a 200 with nothing matched', async (lang) => {
    for (const hostile of ['../../etc/passwd', '<script>', '*/', '=end', '%00', 'A'.repeat(4000)]) {
      const res = await fetch(`${mock.url}/billiecart/types/${lang}?IncludeTypes=${encodeURIComponent(hostile)}`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toMatch(CLASS_LINES[lang]!);
    }
  });

  it("PHP and Ruby never print ServiceStack's own DTOs (their client libraries ship them)", async () => {
    const base = `${mock.url}/billiecart`;
    expect(await served(`${base}/types/php?AddServiceStackTypes=true`)).not.toMatch(/^class Response(Status|Error)\b/m);
    expect(await served(`${base}/types/ruby`)).toContain('attr_accessor :response_status');
    expect(await served(`${base}/types/ruby`)).not.toMatch(/^class Response(Status|Error)\b/m);
  });
});

describe('the language list and the pages', () => {
  it('/types links PHP, Ruby and CommonJS, and /metadata links them as served', async () => {
    const base = `${mock.url}/billiecart`;
    const links = (await (await fetch(`${base}/types`)).json()) as Record<string, string>;
    expect(links).toMatchObject({ Php: `${base}/types/php`, Ruby: `${base}/types/ruby`, CommonJs: `${base}/types/js` });
    const index = await (await fetch(`${base}/metadata`)).text();
    for (const [key, lang] of [
      ['Php', 'php'],
      ['Ruby', 'ruby'],
      ['CommonJs', 'js'],
    ])
      expect(index).toContain(`<a href="/billiecart/types/${lang}">${key}</a>`);
  });

  it.each([
    ['php', 'class CreateCustomerRequest implements IReturn, ITenantedRequest, IPost, JsonSerializable'],
    ['ruby', 'class CreateCustomerRequest'],
  ])('the operation page with lang=%s shows its DTOs', async (lang, line) => {
    const res = await fetch(`${mock.url}/billiecart/json/metadata?op=CreateCustomerRequest&lang=${lang}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(line);
    expect(html).not.toContain('Options:');
  });
});
