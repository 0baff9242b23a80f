/**
 * `GET <base>/types/{csharp,python,typescript.d}` (README, "Metadata surface"): the DTOs `npx get-dtos <lang> <base>`
 * writes. Deriving the served C# and Python gives back the operations (names, routes, verbs, auth, request and
 * response types) and the properties of the committed contract; the served `typescript.d` type-checks under
 * `tsc --strict` with code that uses it; the `Options:` header is what get-dtos reads back when it updates a file;
 * hostile options and unknown languages are 4xx answers, never 5xx.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { JsonServiceClient } from '@servicestack/client';
import ts from 'typescript';
import { deriveSchemas } from '../src/derive/index.js';
import type { ApiManifest } from '../src/schema/manifest.js';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';
import { byName, getDtosOptions, propertyNames, readManifest, updateUrl } from './round-trip.js';

let mock: MockServer;
let tmp: string;

beforeAll(async () => {
  mock = await startTestServer();
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-types-langs-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

const served = async (url: string): Promise<string> => {
  const res = await fetch(url);
  const type = new URL(url).pathname.endsWith('/mjs') ? 'text/javascript' : 'text/plain';
  expect([res.status, res.headers.get('content-type')]).toEqual([200, `${type}; charset=utf-8`]);
  return res.text();
};

const SERVICESTACK_DTOS = ['ErrorResponse', 'ResponseStatus', 'ResponseError'];

const deriveFile = (id: string, file: string, text: string, out: string): ApiManifest => {
  const docs = path.join(tmp, 'served', path.basename(out), id, 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, file), text);
  const result = deriveSchemas({ inputs: [docs], out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return readManifest(out, id);
};

describe.each([
  ['csharp', 'dtos.cs'],
  ['python', 'dtos.py'],
])('GET <base>/types/%s → ssmock derive', (lang, file) => {
  it.each(['billiecart', 'servicestack-home'])('%s: gives back the same operations and properties', async (id) => {
    const out = path.join(tmp, `derived-${lang}`);
    const derived = deriveFile(id, file, await served(`${mock.url}/${id}/types/${lang}`), out);
    const committed = readManifest('schemas', id);
    expect(byName(derived.operations)).toEqual(byName(committed.operations));
    // ServiceStack's own DTOs (ResponseStatus, …) come from the client library, not the served file: derive may add
    // them as builtins or leave them out; every other type comes back with the same properties.
    const missing = committed.types.filter((t) => !derived.types.includes(t));
    expect(missing.filter((t) => !SERVICESTACK_DTOS.includes(t))).toEqual([]);
    expect(derived.types.filter((t) => !committed.types.includes(t))).toEqual([]);
    const own = committed.types.filter((t) => derived.types.includes(t));
    for (const type of own)
      expect([type, propertyNames(out, id, type)]).toEqual([type, propertyNames('schemas', id, type)]);
  });
});

describe('the AutoQuery fixture API → C# and Python → ssmock derive', () => {
  it.each([
    ['csharp', 'dtos.cs'],
    ['python', 'dtos.py'],
  ])('%s: gives back the operations with their AutoQuery bindings, and the types', async (lang, file) => {
    const source = path.join(tmp, `aq-source-${lang}`, 'bookings', 'docs');
    mkdirSync(source, { recursive: true });
    copyFileSync(path.resolve('test/fixtures/autoquery/dtos.ts'), path.join(source, 'dtos.ts'));
    const schemas = path.join(tmp, `aq-schemas-${lang}`);
    deriveSchemas({ inputs: [source], out: schemas });
    const aq = await startTestServer({ schemas });
    try {
      const text = await served(`${aq.url}/types/${lang}`);
      const derived = deriveFile('bookings', file, text, path.join(tmp, `aq-derived-${lang}`));
      const original = readManifest(schemas, 'bookings');
      expect(byName(derived.operations)).toEqual(byName(original.operations));
      expect(derived.operations.filter((o) => o.autoQuery)).toHaveLength(10);
      expect([...derived.types].sort()).toEqual([...original.types].sort());
    } finally {
      await aq.close();
    }
  });
});

describe('the Options header', () => {
  it.each([
    ['csharp', '/* Options:', '//'],
    ['python', '""" Options:', '#'],
    ['typescript.d', '/* Options:', '//'],
    ['mjs', '/* Options:', '//'],
    ['kotlin', '/* Options:', '//'],
    ['java', '/* Options:', '//'],
    ['swift', '/* Options:', '//'],
    ['dart', '/* Options:', '//'],
  ])(
    "%s: get-dtos reads the mock's BaseUrl, and an update sends back the options the caller set",
    async (lang, open, off) => {
      const base = `${mock.url}/billiecart`;
      const first = await served(`${base}/types/${lang}`);
      // Swift prints `SwiftVersion: 6.0` after the date; the other lines are the same in every generator.
      const lines = first.split('\n').filter((l) => !l.startsWith('SwiftVersion: '));
      expect(lines[0]).toBe(open);
      expect(lines[1]).toMatch(/^Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(lines[2]).toMatch(/^Version: \d+\.\d+$/);
      expect(lines[3]).toBe(`Tip: To override a DTO option, remove "${off}" prefix before updating`);
      expect(getDtosOptions(first)).toEqual({ baseUrl: base, options: {} });
      expect(updateUrl(first, lang)).toBe(`${base}/types/${lang}`);

      const narrowed = await served(`${base}/types/${lang}?IncludeTypes=CreateCustomerRequest.*&ExcludeTypes=Customer`);
      expect(getDtosOptions(narrowed).options).toEqual({
        IncludeTypes: 'CreateCustomerRequest.*',
        ExcludeTypes: 'Customer',
      });
      // The update asks for the same file again.
      const updated = await served(updateUrl(narrowed, lang));
      const body = (text: string) => text.slice(text.indexOf('BaseUrl:'));
      expect(body(updated)).toBe(body(narrowed));
    },
  );

  it('a value that would close the header or add a line is cut, so the file stays one header and its code', async () => {
    const base = `${mock.url}/billiecart`;
    const text = await served(`${base}/types/csharp?GlobalNamespace=${encodeURIComponent('Evil*/\nclass X {}\n/*')}`);
    expect(text.indexOf('*/')).toBe(text.lastIndexOf('*/'));
    expect(getDtosOptions(text).options).toEqual({ GlobalNamespace: 'Evil class X {} /*' });
    const py = await served(`${base}/types/python?DataClass=${encodeURIComponent('x"""\nimport os')}`);
    expect(py.split('"""').length).toBe(3);
  });
});

describe('query options', () => {
  const classes = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);
  const csClasses = (text: string) => classes(text, /^ {4}public partial class (\w+)/gm);
  const pyClasses = (text: string) => classes(text, /^class (\w+)/gm);

  it('IncludeTypes keeps the names given, Name.* what they reference; ExcludeTypes leaves names out', async () => {
    const base = `${mock.url}/billiecart`;
    expect(csClasses(await served(`${base}/types/csharp?IncludeTypes=CreateCustomerRequest`))).toEqual([
      'CreateCustomerRequest',
    ]);
    expect(pyClasses(await served(`${base}/types/python?IncludeTypes=CreateCustomerRequest.*`)).sort()).toEqual([
      'BankAccount',
      'CreateCustomerRequest',
      'CreateCustomerResponse',
      'Customer',
    ]);
    const all = csClasses(await served(`${base}/types/csharp`));
    const without = csClasses(await served(`${base}/types/csharp?ExcludeTypes=BankAccount,Customer`));
    expect(all.filter((n) => !without.includes(n)).sort()).toEqual(['BankAccount', 'Customer']);
  });

  it("AddServiceStackTypes=true adds the API's copies of ServiceStack's DTOs to C#", async () => {
    const base = `${mock.url}/billiecart`;
    expect(csClasses(await served(`${base}/types/csharp`))).not.toContain('ResponseStatus');
    const withTypes = await served(`${base}/types/csharp?AddServiceStackTypes=true`);
    expect(csClasses(withTypes)).toEqual(expect.arrayContaining(['ResponseStatus', 'ResponseError']));
    expect(withTypes).toContain('\nAddServiceStackTypes: True\n');
  });

  it.each(['csharp', 'python', 'typescript.d', 'mjs', 'kotlin', 'java', 'swift', 'dart'])(
    '%s: hostile IncludeTypes (thousands of names, odd characters) is a 200 with nothing matched',
    async (lang) => {
      // Node refuses a request line over 16 KB itself (431), so 2,000 names is as hostile as a URL gets here.
      const many = Array.from({ length: 2000 }, (_, i) => `T${i}`).join(',');
      for (const names of [many, '../../etc/passwd', '<script>', '*/', '%00', 'A'.repeat(4000)]) {
        const res = await fetch(`${mock.url}/billiecart/types/${lang}?IncludeTypes=${encodeURIComponent(names)}`);
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).not.toMatch(
          /^(export | {4}public partial | {4}public static |class |interface |open class |public class (?!dtos\b))/m,
        );
      }
    },
  );
});

describe('unknown languages', () => {
  it.each(['fortran', 'cobol', '..%2F..%2Fetc', 'typescript.dd'])(
    '/types/%s is a 404 in ServiceStack shape',
    async (lang) => {
      const res = await fetch(`${mock.url}/billiecart/types/${lang}`);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { responseStatus: { errorCode: string; message: string } };
      expect(body.responseStatus.errorCode).toBe('NotFound');
      expect(body.responseStatus.message).toMatch(
        /^No Add ServiceStack Reference generator for '.*': ssmock serves csharp/,
      );
    },
  );
});

describe('GET <base>/types/mjs', () => {
  it('is an ES module whose classes, sent with JsonServiceClient, call the mock', async () => {
    const base = `${mock.url}/billiecart`;
    const file = path.join(tmp, 'billiecart.dtos.mjs');
    writeFileSync(file, await served(`${base}/types/mjs`));
    const dtos = (await import(pathToFileURL(file).href)) as Record<string, new (init?: object) => object>;
    const client = new JsonServiceClient(base);
    client.bearerToken = await signIn(base);
    const request = new dtos['CreateCustomerRequest']!({ email: 'mjs@example.com', organisationId: 'org-1' });
    expect(request).toMatchObject({ email: 'mjs@example.com' });
    const created = (await client.post(request as never)) as { customer?: { email?: string } };
    expect(created.customer?.email).toBe('mjs@example.com');
    expect(Object.keys(dtos)).toEqual(expect.arrayContaining(['Customer', 'ResponseStatus', 'CreatePersonRequest']));
  });
});

describe('GET <base>/types/kotlin', () => {
  it("prints KotlinGenerator's open classes: annotations, nullable vars, the response class for the client", async () => {
    const kt = await served(`${mock.url}/billiecart/types/kotlin`);
    expect(kt).toContain('\nimport net.servicestack.client.*\n');
    expect(kt).toContain(
      [
        '@Route(Path="/customers", Verbs="POST")',
        '@ValidateHasRole(Role="manager")',
        'open class CreateCustomerRequest : IReturn<CreateCustomerResponse>, ITenantedRequest, IPost',
        '{',
        '    open var email:String? = null',
        '    open var organisationId:String? = null',
        '    companion object { private val responseType = CreateCustomerResponse::class.java }',
        '    override fun getResponseType(): Any? = CreateCustomerRequest.responseType',
        '}',
      ].join('\n'),
    );
    // The client library has its own ResponseStatus and ResponseError.
    expect(kt).not.toMatch(/^open class (ResponseStatus|ResponseError|ErrorResponse)\b/m);
    const home = await served(`${mock.url}/servicestack-home/types/kotlin`);
    expect(home).toContain('enum class SkuType\n{\n    Product,\n    PerDev,');
    // Kotlin's @Route is not repeatable: ServiceStack comments out the second one.
    expect(home).toContain(
      '@Route(Path="/Customer")\n// @Route(Path="/Customer/{Id}")\nopen class Customer : IReturn<Customer>',
    );
    expect(home).toContain('open var orders:ArrayList<Order>? = null');
  });
});

/**
 * Just enough of the Java client library (`net.servicestack.client`) for `javac` to check the served file: the
 * interfaces and annotations the DTOs use, with the annotation elements named as the generator prints them.
 */
const JAVA_CLIENT: Record<string, string> = {
  IReturn: 'public interface IReturn<T> { Object getResponseType(); }',
  IReturnVoid: 'public interface IReturnVoid {}',
  ...Object.fromEntries(['IGet', 'IPost', 'IPut', 'IPatch', 'IDelete'].map((n) => [n, `public interface ${n} {}`])),
  Route: 'public @interface Route { String Path() default ""; String Verbs() default ""; }',
  ValidateHasRole: 'public @interface ValidateHasRole { String Role(); }',
  ValidateHasPermission: 'public @interface ValidateHasPermission { String Permission(); }',
  ValidateIsAuthenticated: 'public @interface ValidateIsAuthenticated {}',
  ValidateRequest: 'public @interface ValidateRequest { String Validator(); }',
  ResponseStatus: 'public class ResponseStatus {}',
  TimeSpan: 'public class TimeSpan {}',
};

describe('GET <base>/types/java', () => {
  const run = promisify(execFile);

  it.each(['billiecart', 'servicestack-home'])('%s: compiles with javac against the client interfaces', async (id) => {
    const java = await served(`${mock.url}/${id}/types/java`);
    expect(java).toContain('\npublic class dtos\n{\n');
    const dir = path.join(tmp, `java-${id}`);
    const client = path.join(dir, 'net', 'servicestack', 'client');
    mkdirSync(client, { recursive: true });
    for (const [name, body] of Object.entries(JAVA_CLIENT))
      writeFileSync(path.join(client, `${name}.java`), `package net.servicestack.client;\n${body}\n`);
    // The API's own marker interfaces live in its server assemblies; the file names them without defining them.
    const declared = new Set([...java.matchAll(/public static (?:class|enum) (\w+)/g)].map((m) => m[1]!));
    const named = [...java.matchAll(/implements ([^{\n]+)/g)].flatMap((m) =>
      m[1]!.split(/,\s*/).map((n) => n.replace(/<.*$/, '')),
    );
    for (const name of new Set(named.filter((n) => !declared.has(n) && !JAVA_CLIENT[n])))
      writeFileSync(path.join(dir, `${name}.java`), `public interface ${name} {}\n`);
    writeFileSync(path.join(dir, 'dtos.java'), java);
    const sources = [
      path.join(dir, 'dtos.java'),
      ...Object.keys(JAVA_CLIENT).map((n) => path.join(client, `${n}.java`)),
    ];
    const { stderr } = await run('javac', ['-d', path.join(dir, 'out'), '-sourcepath', dir, ...sources], { cwd: dir });
    expect(stderr).toBe('');
  });
});

describe('GET <base>/types/swift', () => {
  it("prints SwiftGenerator's Codable classes: IReturn with a Return alias, optional vars, spelled-out Codable", async () => {
    const swift = await served(`${mock.url}/billiecart/types/swift`);
    expect(swift.split('\n').slice(0, 3)).toEqual([
      '/* Options:',
      expect.stringMatching(/^Date: /),
      'SwiftVersion: 6.0',
    ]);
    expect(swift).toContain('\nimport Foundation\nimport ServiceStack\n');
    expect(swift).toContain(
      [
        '// @Route(Path="/customers", Verbs="POST")',
        '// @ValidateHasRole("manager")',
        'public class CreateCustomerRequest : IReturn, ITenantedRequest, IPost, Codable',
        '{',
        '    public typealias Return = CreateCustomerResponse',
        '',
        '    public var email:String?',
        '    public var organisationId:String?',
        '',
        '    required public init(){}',
        '}',
      ].join('\n'),
    );
    expect(swift).not.toMatch(/^public class (ResponseStatus|ResponseError|ErrorResponse)\b/m);
    // A class returning itself gets its Codable members written out: the compiler cannot synthesise them.
    const home = await served(`${mock.url}/servicestack-home/types/swift`);
    expect(home).toMatch(
      /public class Customer : IReturn, IAddress, Codable[^]*required public init\(from decoder: Decoder\) throws \{/,
    );
    expect(home).toContain('public enum SkuType : String, Codable\n{\n    case Product\n');
  });
});

describe('GET <base>/types/dart', () => {
  it("prints DartGenerator's IConvertible classes with fromMap/toJson and the TypeContext registering them", async () => {
    const dart = await served(`${mock.url}/billiecart/types/dart`);
    expect(dart).toContain("\nimport 'package:servicestack/servicestack.dart';\n");
    expect(dart).toContain(
      [
        '// @Route(Path="/customers", Verbs="POST")',
        '// @ValidateHasRole("manager")',
        'class CreateCustomerRequest implements IReturn<CreateCustomerResponse>, ITenantedRequest, IPost, IConvertible',
        '{',
        '    String? email;',
        '    String? organisationId;',
        '',
        '    CreateCustomerRequest({this.email,this.organisationId});',
        '    CreateCustomerRequest.fromJson(Map<String, dynamic> json) { fromMap(json); }',
      ].join('\n'),
    );
    expect(dart).toContain("    customer = JsonConverters.fromJson(json['customer'],'Customer',context!);");
    expect(dart).toMatch(/\n {4}getTypeName\(\) => "CreateCustomerRequest";\n {4}TypeContext\? context = _ctx;\n\}/);
    expect(dart).toMatch(/\nTypeContext _ctx = TypeContext\(library: '\w+', types: <String, TypeInfo> \{\n/);
    expect(dart).toContain(
      "    'CreateCustomerRequest': TypeInfo(TypeOf.Class, create:() => CreateCustomerRequest()),",
    );
    const home = await served(`${mock.url}/servicestack-home/types/dart`);
    // A required value (an int) has a constant default; the enum is registered with its values.
    expect(home).toContain('    int id = 0;');
    expect(home).toContain("    'SkuType': TypeInfo(TypeOf.Enum, enumValues:SkuType.values),");
    expect(home).toContain("    'List<Order>': TypeInfo(TypeOf.Class, create:() => <Order>[]),");
  });
});

// Last: a type-check blocks the event loop long enough for the server to drop idle keep-alive sockets.
describe('GET <base>/types/typescript.d', () => {
  // Both files are fetched before either type-check: a check blocks the event loop for seconds, long enough for the
  // server to close an idle keep-alive socket the next fetch would reuse.
  const files = new Map<string, string>();
  beforeAll(async () => {
    for (const id of ['billiecart', 'servicestack-home'])
      files.set(id, await served(`${mock.url}/${id}/types/typescript.d`));
  });

  it.each(['billiecart', 'servicestack-home'])('%s: type-checks under tsc --strict with code using it', (id) => {
    const dts = files.get(id)!;
    expect(dts).not.toMatch(/^export /m);
    expect(dts).not.toContain('constructor(');
    const consumer =
      id === 'billiecart'
        ? `const req: CreateCustomerRequest = { email: 'a@b.co', organisationId: 'org-1' };
export const email = (res: CreateCustomerResponse): string | undefined => res.customer?.email ?? req.email;
`
        : `export const total = (c: Customer): number => (c.orders ?? []).reduce((n, o: Order) => n + (o.total ?? 0), 0);
export const plan: SkuType = 'PerDev';
`;
    const dir = path.join(tmp, `dts-${id}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'dtos.d.ts'), dts);
    writeFileSync(path.join(dir, 'consumer.ts'), consumer);
    const program = ts.createProgram([path.join(dir, 'dtos.d.ts'), path.join(dir, 'consumer.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
