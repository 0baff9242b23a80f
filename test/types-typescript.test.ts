/**
 * `GET <base>/types/typescript` (README, "Metadata surface"): the DTOs `npx get-dtos typescript <base>` writes.
 * What is served compiles under `tsc --strict` with code that uses it, its classes sent with `JsonServiceClient`
 * reach the mock, deriving it gives back the operations and types it was served from, and the query options
 * `IncludeTypes` / `ExcludeTypes` / `AddServiceStackTypes` narrow it as ServiceStack's endpoint does.
 * The file carries `// @ts-nocheck` as ServiceStack's generator prints it, so `--strict` is checked on the code
 * that imports and uses its classes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JsonServiceClient } from '@servicestack/client';
import ts from 'typescript';
import { deriveSchemas } from '../src/derive/index.js';
import type { ApiManifest } from '../src/schema/manifest.js';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';
import { byName, readManifest } from './round-trip.js';

let mock: MockServer;
let tmp: string;

beforeAll(async () => {
  mock = await startTestServer();
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-types-ts-'));
  symlinkSync(path.resolve('node_modules'), path.join(tmp, 'node_modules'), 'dir');
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

const served = async (base: string, query = ''): Promise<string> => {
  const res = await fetch(`${base}/types/typescript${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
};
const declared = (source: string, kinds = 'class|enum|interface'): string[] =>
  [...source.matchAll(new RegExp(`^export (?:${kinds}) (\\w+)`, 'gm'))].map((m) => m[1]!);
const classNames = (source: string): string[] => declared(source, 'class|enum');

/** Type-checks `files` (name → source) together under `--strict`; returns the diagnostics as text. */
const strictErrors = (dir: string, files: Record<string, string>): string[] => {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const program = ts.createProgram(
    Object.keys(files).map((f) => path.join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
    },
  );
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
};

/** The served file as an ES module the test can import. */
const importDtos = async (source: string, name: string): Promise<Record<string, new (init?: object) => object>> => {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = path.join(tmp, `${name}.mjs`);
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)) as Record<string, new (init?: object) => object>;
};

describe('GET <base>/types/typescript', () => {
  it("prints the generator's Options header get-dtos reads, with the mock's base URL", async () => {
    const text = await served(`${mock.url}/billiecart`);
    const header = text.slice(0, text.indexOf('*/') + 2).split('\n');
    expect(header[0]).toBe('/* Options:');
    expect(header[1]).toMatch(/^Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(header[2]).toMatch(/^Version: \d+\.\d+$/);
    expect(header[3]).toBe('Tip: To override a DTO option, remove "//" prefix before updating');
    expect(header[4]).toBe(`BaseUrl: ${mock.url}/billiecart`);
    const options = header.filter((l) => l.startsWith('//')).map((l) => l.replace(/:.*$/, ''));
    expect(options).toEqual([
      '//GlobalNamespace',
      '//MakePropertiesOptional',
      '//AddServiceStackTypes',
      '//AddResponseStatus',
      '//AddImplicitVersion',
      '//AddDescriptionAsComments',
      '//IncludeTypes',
      '//ExcludeTypes',
      '//DefaultImports',
    ]);
    expect(text).toContain('// @Route("/customers", "POST")');
    expect(text).toMatch(
      /export class CreateCustomerRequest implements IReturn<CreateCustomerResponse>[^]*public getMethod\(\) \{ return 'POST'; \}/,
    );
  });

  it('its classes, sent with JsonServiceClient, call the mock: a Billiecart create and a Home Customer GET', async () => {
    const billie = await importDtos(await served(`${mock.url}/billiecart`), 'billiecart');
    const client = new JsonServiceClient(`${mock.url}/billiecart`);
    client.bearerToken = await signIn(`${mock.url}/billiecart`);
    const create = new billie['CreateCustomerRequest']!({ email: 'dtos@example.com', organisationId: 'org-1' });
    const created = (await client.post(create as never)) as { customer?: { email?: string } };
    expect(created.customer?.email).toBe('dtos@example.com');

    const home = await importDtos(await served(`${mock.url}/servicestack-home`), 'home');
    const homeClient = new JsonServiceClient(`${mock.url}/servicestack-home`);
    const saved = (await homeClient.post(new home['Customer']!({ email: 'c@example.com' }) as never)) as { id: number };
    const read = (await homeClient.get(new home['Customer']!({ id: saved.id }) as never)) as { id: number };
    expect(read.id).toBe(saved.id);
  });
});

const deriveServed = async (base: string, id: string, out: string): Promise<ApiManifest> => {
  const docs = path.join(tmp, 'served', id, 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, 'dtos.ts'), await served(base));
  const result = deriveSchemas({ inputs: [docs], out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return readManifest(out, id);
};

describe('query options', () => {
  it('IncludeTypes keeps the names given; Name.* adds what the type references', async () => {
    const base = `${mock.url}/billiecart`;
    const only = await served(base, '?IncludeTypes=CreateCustomerRequest');
    expect(classNames(only)).toEqual(['CreateCustomerRequest']);
    expect(only).toContain('\nIncludeTypes: CreateCustomerRequest\n');
    const deep = classNames(await served(base, '?IncludeTypes=CreateCustomerRequest.*'));
    expect(deep).toEqual(expect.arrayContaining(['CreateCustomerRequest', 'CreateCustomerResponse']));
    expect(deep).not.toContain('AssociateUserAccountToCustomerRequest');
  });

  it('ExcludeTypes leaves the names out; AddServiceStackTypes=false leaves out ServiceStack types', async () => {
    const base = `${mock.url}/billiecart`;
    const all = classNames(await served(base));
    const without = classNames(await served(base, '?ExcludeTypes=CreateCustomerRequest,CreateCustomerResponse'));
    expect(all.filter((n) => !without.includes(n)).sort()).toEqual(['CreateCustomerRequest', 'CreateCustomerResponse']);
    const bare = await served(base, '?AddServiceStackTypes=false');
    expect(bare).toContain('\nAddServiceStackTypes: False\n');
    expect(declared(bare)).not.toContain('IReturn');
    expect(declared(await served(base))).toContain('IReturn');
  });

  it('a hostile IncludeTypes (more names than are read) is still a 200, never a 5xx', async () => {
    const names = Array.from({ length: 1500 }, (_, i) => `T${i}`).join(',');
    const text = await served(`${mock.url}/billiecart`, `?IncludeTypes=${names}`);
    expect(classNames(text)).toEqual([]);
  });
});

describe('deriving the served TypeScript', () => {
  it.each(['billiecart', 'servicestack-home'])('%s: gives back the same operations and types', async (id) => {
    const derived = await deriveServed(`${mock.url}/${id}`, id, path.join(tmp, 'derived'));
    const committed = readManifest('schemas', id);
    expect(byName(derived.operations, { auth: false })).toEqual(byName(committed.operations, { auth: false }));
    expect([...derived.types].sort()).toEqual([...committed.types].sort());
  });
});

// Last: a type-check blocks the event loop long enough for the server to drop idle keep-alive sockets.
describe('GET <base>/types/typescript under tsc --strict', () => {
  // Both files are fetched before either type-check: a check blocks the event loop for seconds, long enough for the
  // server to close an idle keep-alive socket the next fetch would reuse ("fetch failed").
  const files = new Map<string, string>();
  beforeAll(async () => {
    for (const id of ['billiecart', 'servicestack-home']) files.set(id, await served(`${mock.url}/${id}`));
  });

  it.each(['billiecart', 'servicestack-home'])(
    '%s: compiles under tsc --strict with code using JsonServiceClient',
    (id) => {
      const dtos = files.get(id)!;
      const consumer =
        id === 'billiecart'
          ? `import { JsonServiceClient } from '@servicestack/client';
import { CreateCustomerRequest, CreateCustomerResponse } from './dtos';
export const create = (client: JsonServiceClient): Promise<CreateCustomerResponse> =>
  client.post(new CreateCustomerRequest({ email: 'a@b.co', organisationId: 'org-1' }));
`
          : `import { JsonServiceClient } from '@servicestack/client';
import { Customer } from './dtos';
export const read = (client: JsonServiceClient, id: number): Promise<Customer> => client.get(new Customer({ id }));
`;
      expect(strictErrors(path.join(tmp, `strict-${id}`), { 'dtos.ts': dtos, 'consumer.ts': consumer })).toEqual([]);
    },
  );

  // A fresh server: its sockets are new after the type-checks above.
  it('round-trips the AutoQuery fixture API, bindings included', async () => {
    const source = path.join(tmp, 'aq-source', 'bookings', 'docs');
    mkdirSync(source, { recursive: true });
    copyFileSync(path.resolve('test/fixtures/autoquery/dtos.ts'), path.join(source, 'dtos.ts'));
    const schemas = path.join(tmp, 'aq-schemas');
    deriveSchemas({ inputs: [source], out: schemas });
    const aq = await startTestServer({ schemas });
    try {
      const text = await served(aq.url);
      expect(text).toContain(
        'export class QueryBookings extends QueryDb<Booking> implements IReturn<QueryResponse<Booking>>',
      );
      expect(text).toContain('export class QueryDb_2<From, Into> extends QueryBase');
      const derived = await deriveServed(aq.url, 'bookings', path.join(tmp, 'aq-derived'));
      const original = readManifest(schemas, 'bookings');
      expect(byName(derived.operations, { auth: false })).toEqual(byName(original.operations, { auth: false }));
      expect(derived.operations.filter((o) => o.autoQuery)).toHaveLength(10);
      expect([...derived.types].sort()).toEqual([...original.types].sort());
      expect(strictErrors(path.join(tmp, 'strict-aq'), { 'dtos.ts': text })).toEqual([]);
    } finally {
      await aq.close();
    }
  });
});
