/**
 * `GET <base>/types/{go,rust,zig}` (README, "Metadata surface"): the DTOs `npx get-dtos <lang> <base>` writes.
 * Each is served as text with the `Options:` header get-dtos reads back (its BaseUrl and the caller's options, so an
 * update asks for the same file again); deriving the served file gives back the committed contract's operations
 * (names, routes, verbs, auth, request and response types) and properties; IncludeTypes / ExcludeTypes choose the
 * types; the served Rust compiles under rustc against stand-ins of its crates when rustc is on the machine.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import type { ApiManifest, OperationManifest } from '../src/schema/manifest.js';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';
import { byName, propertyNames, readManifest } from './round-trip.js';

let mock: MockServer;
let tmp: string;

beforeAll(async () => {
  mock = await startTestServer();
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-types-systems-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

const LANGS = [
  ['go', 'dtos.go'],
  ['rust', 'dtos.rs'],
  ['zig', 'dtos.zig'],
] as const;
type Lang = (typeof LANGS)[number][0];

const served = async (url: string): Promise<string> => {
  const res = await fetch(url);
  expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);
  return res.text();
};

/**
 * get-dtos' header reading (ServiceStack/get-dtos `src/index.ts`, `parseOptions`): from `Options:`, stop at a line
 * starting with `*\/` (or, for Zig, a bare `///`); Zig lines lose a `/// ` prefix first; before `BaseUrl: ` nothing
 * counts; after it, every line not starting with `//`, `'` or `#` that has a `:` is an option `key: value`.
 */
const getDtosOptions = (src: string, lang: Lang): { baseUrl: string; options: Record<string, string> } => {
  const start = src.indexOf('Options:');
  if (start < 0) throw new Error('not an existing ServiceStack Reference');
  const options: Record<string, string> = {};
  let baseUrl = '';
  for (let line of src.slice(start).split(/\r?\n/)) {
    if (line.startsWith('*/') || (lang === 'zig' && line.trim() === '///')) break;
    if (lang === 'zig' && line.startsWith('/// ')) line = line.slice(4);
    if (line.startsWith('BaseUrl: ')) baseUrl = line.slice('BaseUrl: '.length);
    else if (baseUrl && !line.startsWith('//') && !line.startsWith("'") && !line.startsWith('#')) {
      const at = line.indexOf(':');
      if (at >= 0) options[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return { baseUrl, options };
};
const updateUrl = (src: string, lang: Lang): string => {
  const { baseUrl, options } = getDtosOptions(src, lang);
  const qs = Object.entries(options)
    .map(([k, v], i) => `${i ? '&' : '?'}${k}=${encodeURIComponent(v)}`)
    .join('');
  return `${baseUrl}/types/${lang}${qs}`;
};

/** The types a file declares, in its order. */
const TYPE_DECLARATION: Record<Lang, RegExp> = {
  go: /^type (\w+)/gm,
  rust: /^pub (?:struct|enum) (\w+)/gm,
  zig: /^pub const (\w+) = (?:struct|enum)/gm,
};
const typeNames = (lang: Lang, text: string): string[] => [...text.matchAll(TYPE_DECLARATION[lang])].map((m) => m[1]!);

/** ServiceStack's own DTOs come with each language's client library, not the served file. */
const SERVICESTACK_DTOS = ['ErrorResponse', 'ResponseStatus', 'ResponseError'];

describe.each(LANGS)('GET <base>/types/%s', (lang, file) => {
  it.each(['billiecart', 'servicestack-home'])(
    '%s → ssmock derive gives back the same operations and properties',
    async (id) => {
      const out = path.join(tmp, `derived-${lang}`);
      const docs = path.join(tmp, 'served', lang, id, 'docs');
      mkdirSync(docs, { recursive: true });
      writeFileSync(path.join(docs, file), await served(`${mock.url}/${id}/types/${lang}`));
      const result = deriveSchemas({ inputs: [docs], out });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const derived = readManifest(out, id);
      const committed = readManifest('schemas', id);
      // ZigGenerator prints no `Response` on a request that returns itself (it would recurse): Zig reads it as void.
      const expected = byName(committed.operations).map((op) =>
        lang === 'zig' && op.response === op.request ? { ...op, response: null } : op,
      );
      expect(byName(derived.operations)).toEqual(expected);
      const missing = committed.types.filter((t) => !derived.types.includes(t));
      expect(missing.filter((t) => !SERVICESTACK_DTOS.includes(t))).toEqual([]);
      expect(derived.types.filter((t) => !committed.types.includes(t))).toEqual([]);
      for (const type of committed.types.filter((t) => derived.types.includes(t)))
        expect([type, propertyNames(out, id, type)]).toEqual([type, propertyNames('schemas', id, type)]);
    },
  );

  it("get-dtos reads the mock's BaseUrl, and an update sends back the options the caller set", async () => {
    const base = `${mock.url}/billiecart`;
    const first = await served(`${base}/types/${lang}`);
    const off = lang === 'zig' ? '/' : '//';
    expect(first).toContain(`Tip: To override a DTO option, remove "${off}" prefix before updating\n`);
    expect(first).toMatch(/^(\/\/\/ |)Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m);
    expect(getDtosOptions(first, lang)).toEqual({ baseUrl: base, options: {} });
    expect(updateUrl(first, lang)).toBe(`${base}/types/${lang}`);

    const narrowed = await served(`${base}/types/${lang}?IncludeTypes=CreateCustomerRequest.*&ExcludeTypes=Customer`);
    expect(getDtosOptions(narrowed, lang).options).toEqual({
      IncludeTypes: 'CreateCustomerRequest.*',
      ExcludeTypes: 'Customer',
    });
    const updated = await served(updateUrl(narrowed, lang));
    const body = (text: string) => text.slice(text.indexOf('BaseUrl:'));
    expect(body(updated)).toBe(body(narrowed));
  });

  it('IncludeTypes keeps the names given, Name.* what they reference; ExcludeTypes leaves names out', async () => {
    const base = `${mock.url}/billiecart/types/${lang}`;
    expect(typeNames(lang, await served(`${base}?IncludeTypes=CreateCustomerRequest`))).toEqual([
      'CreateCustomerRequest',
    ]);
    expect(typeNames(lang, await served(`${base}?IncludeTypes=CreateCustomerRequest.*`)).sort()).toEqual([
      'BankAccount',
      'CreateCustomerRequest',
      'CreateCustomerResponse',
      'Customer',
    ]);
    const all = typeNames(lang, await served(base));
    const without = typeNames(lang, await served(`${base}?ExcludeTypes=BankAccount,Customer`));
    expect(all.filter((n) => !without.includes(n)).sort()).toEqual(['BankAccount', 'Customer']);
  });

  it('an unknown option is harmless: the same types, and no header line for it', async () => {
    const base = `${mock.url}/servicestack-home/types/${lang}`;
    const plain = await served(base);
    const odd = await served(`${base}?NoSuchOption=1&IncludeTypes=`);
    expect(typeNames(lang, odd)).toEqual(typeNames(lang, plain));
    expect(odd).not.toContain('NoSuchOption');
  });

  it("ServiceStack's own DTOs are left to the client library, ErrorResponse printed with AddServiceStackTypes=true", async () => {
    const base = `${mock.url}/billiecart/types/${lang}`;
    expect(typeNames(lang, await served(base))).not.toEqual(expect.arrayContaining(['ErrorResponse']));
    const withTypes = typeNames(lang, await served(`${base}?AddServiceStackTypes=true`));
    expect(withTypes).toContain('ErrorResponse');
    // ResponseStatus and ResponseError come with every one of these libraries, asked for or not.
    expect(withTypes.filter((t) => t === 'ResponseStatus' || t === 'ResponseError')).toEqual([]);
  });

  it("the operation page's tab shows the request's source", async () => {
    const res = await fetch(`${mock.url}/billiecart/json/metadata?op=CreateCustomerRequest&lang=${lang}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const declaration = {
      go: 'type CreateCustomerRequest struct {',
      rust: 'pub struct CreateCustomerRequest {',
      zig: 'pub const CreateCustomerRequest = struct {',
    }[lang];
    expect(html).toContain(declaration);
    expect(html).not.toContain('Options:');
  });
});

describe('the AutoQuery fixture API → Go, Rust and Zig → ssmock derive', () => {
  let aq: MockServer;
  let original: ApiManifest;
  beforeAll(async () => {
    const source = path.join(tmp, 'aq-source', 'bookings', 'docs');
    mkdirSync(source, { recursive: true });
    copyFileSync(path.resolve('test/fixtures/autoquery/dtos.ts'), path.join(source, 'dtos.ts'));
    const schemas = path.join(tmp, 'aq-schemas');
    deriveSchemas({ inputs: [source], out: schemas });
    original = readManifest(schemas, 'bookings');
    aq = await startTestServer({ schemas });
  });
  afterAll(() => aq.close());

  it.each(LANGS)(
    '%s: gives back the operations, the queries bound to their tables, and the types',
    async (lang, file) => {
      const docs = path.join(tmp, `aq-served-${lang}`, 'bookings', 'docs');
      mkdirSync(docs, { recursive: true });
      writeFileSync(path.join(docs, file), await served(`${aq.url}/types/${lang}`));
      const out = path.join(tmp, `aq-derived-${lang}`);
      const result = deriveSchemas({ inputs: [docs], out });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const derived = readManifest(out, 'bookings');
      const withoutBinding = (ops: OperationManifest[]) => byName(ops).map((o) => ({ ...o, autoQuery: null }));
      expect(withoutBinding(derived.operations)).toEqual(withoutBinding(original.operations));
      // These generators print no interfaces, so `ICreateDb<T>` & co. are gone, and `QueryDb<From, Into>` names only
      // Into (through `QueryResponse<Into>`): a query comes back bound to the table it answers rows of.
      const binding = (ops: OperationManifest[]) =>
        byName(ops).map((o) =>
          o.autoQuery?.action === 'query' ? [o.name, o.autoQuery.into ?? o.autoQuery.table] : [o.name, null],
        );
      expect(binding(derived.operations)).toEqual(binding(original.operations));
      expect(derived.operations.filter((o) => o.autoQuery)).toHaveLength(3);
      expect([...derived.types].sort()).toEqual([...original.types].sort());
    },
  );
});

describe('the language list', () => {
  it('GET <base>/types links Go, Rust and Zig, and /metadata offers them', async () => {
    const links = (await (await fetch(`${mock.url}/billiecart/types`)).json()) as Record<string, string>;
    for (const [key, lang] of [
      ['Go', 'go'],
      ['Rust', 'rust'],
      ['Zig', 'zig'],
    ] as const) {
      expect(links[key]).toBe(`${mock.url}/billiecart/types/${lang}`);
      await served(links[key]!);
    }
    const index = await (await fetch(`${mock.url}/billiecart/metadata`)).text();
    for (const lang of ['go', 'rust', 'zig']) expect(index).toContain(`/billiecart/types/${lang}`);
  });
});

/** rustc, when this machine has it (CI may not): `$RUSTC`, else rustup's default place. */
const rustc = ((): string | undefined => {
  for (const candidate of [
    process.env['RUSTC'],
    'rustc',
    path.join(process.env['HOME'] ?? '/root', '.cargo/bin/rustc'),
  ]) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not there: try the next
    }
  }
  return undefined;
})();

/**
 * Stand-ins for the crates the served Rust uses, enough for rustc to type-check it: serde's derives (accepting
 * `#[serde(...)]`) that generate nothing, `serde_json::Value`, and the servicestack crate's traits and types.
 */
const STUBS = {
  serde_derive: `extern crate proc_macro;
use proc_macro::TokenStream;
#[proc_macro_derive(Serialize, attributes(serde))]
pub fn serialize(_: TokenStream) -> TokenStream { TokenStream::new() }
#[proc_macro_derive(Deserialize, attributes(serde))]
pub fn deserialize(_: TokenStream) -> TokenStream { TokenStream::new() }
`,
  serde: 'pub use serde_derive::{Deserialize, Serialize};\n',
  serde_json: '#[derive(Debug, Clone, PartialEq, Default)]\npub struct Value;\n',
  servicestack: `pub trait IRequest { const NAME: &'static str; const VERB: &'static str; }
pub trait IReturn { type Response; }
pub trait IReturnVoid {}
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponseError { pub error_code: Option<String>, pub field_name: Option<String>, pub message: Option<String> }
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponseStatus { pub error_code: Option<String>, pub message: Option<String>, pub errors: Option<Vec<ResponseError>> }
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryResponse<T> { pub offset: i32, pub total: i32, pub results: Vec<T> }
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryDb { pub skip: Option<i32>, pub take: Option<i32> }
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IdResponse { pub id: String }
`,
};

(rustc ? describe : describe.skip)('the served Rust compiles (rustc present)', () => {
  it.each(['billiecart', 'servicestack-home'])('%s: rustc type-checks it against stand-in crates', async (id) => {
    const dir = path.join(tmp, 'rustc', id);
    mkdirSync(dir, { recursive: true });
    const compile = (name: string, source: string, args: string[]) => {
      writeFileSync(path.join(dir, `${name}.rs`), source);
      execFileSync(
        rustc!,
        ['--edition', '2021', '--crate-name', name, '--out-dir', dir, '-L', dir, ...args, path.join(dir, `${name}.rs`)],
        {
          stdio: 'pipe',
        },
      );
    };
    compile('serde_derive', STUBS.serde_derive, ['--crate-type', 'proc-macro']);
    compile('serde', STUBS.serde, [
      '--crate-type',
      'lib',
      '--extern',
      `serde_derive=${path.join(dir, 'libserde_derive.so')}`,
    ]);
    compile('serde_json', STUBS.serde_json, ['--crate-type', 'lib']);
    compile('servicestack', STUBS.servicestack, ['--crate-type', 'lib']);
    const dtos = await served(`${mock.url}/${id}/types/rust`);
    expect(() =>
      compile('dtos', dtos, [
        '--crate-type',
        'lib',
        '--emit=metadata',
        ...['serde', 'serde_json', 'servicestack'].flatMap((c) => [
          '--extern',
          `${c}=${path.join(dir, `lib${c}.rlib`)}`,
        ]),
      ]),
    ).not.toThrow();
  });
});
