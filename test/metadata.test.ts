/**
 * ServiceStack's metadata surface on a started mock (README, "Metadata surface"): `/types/metadata` derives back
 * into the contract it was served from, `/types` lists the languages, `/metadata` and the landing page are HTML.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import type { ApiManifest } from '../src/schema/manifest.js';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';
import { byName, propertyNames, readManifest } from './round-trip.js';

let mock: MockServer;
let tmp: string;

beforeAll(async () => {
  mock = await startTestServer();
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-metadata-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** GETs `<base>/types/metadata` of a served API and derives it into `<out>/<id>/`. */
const deriveServed = async (base: string, id: string, out: string): Promise<ApiManifest> => {
  const res = await fetch(`${base}/types/metadata`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const docs = path.join(tmp, 'served', id, 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, 'metadata.json'), await res.text());
  const result = deriveSchemas({ inputs: [docs], out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return readManifest(out, id);
};

describe('GET <base>/types/metadata', () => {
  it.each(['billiecart', 'servicestack-home'])('%s: derives back into the same operations and types', async (id) => {
    const out = path.join(tmp, 'derived');
    const derived = await deriveServed(`${mock.url}/${id}`, id, out);
    const committed = readManifest('schemas', id);
    expect(byName(derived.operations)).toEqual(byName(committed.operations));
    expect([...derived.types].sort()).toEqual([...committed.types].sort());
    for (const type of committed.types)
      expect([type, propertyNames(out, id, type)]).toEqual([type, propertyNames('schemas', id, type)]);
  });

  it("answers ServiceStack's MetadataTypes shape with the mock's base URL", async () => {
    const res = await fetch(`${mock.url}/billiecart/types/metadata`);
    const doc = (await res.json()) as {
      config: { baseUrl: string };
      namespaces: string[];
      types: { name: string }[];
      operations: { request: { name: string }; routes: { path: string; verbs?: string }[]; requiresAuth?: boolean }[];
    };
    expect(doc.config.baseUrl).toBe(`${mock.url}/billiecart`);
    expect(doc.namespaces).toContain('ServiceStack');
    const create = doc.operations.find((o) => o.request.name === 'CreateCustomerRequest');
    expect(create?.routes).toEqual([{ path: '/customers', verbs: 'POST' }]);
    expect(create?.requiresAuth).toBe(true);
  });

  it('round-trips the AutoQuery fixture API, bindings included', async () => {
    const source = path.join(tmp, 'aq-source', 'bookings', 'docs');
    mkdirSync(source, { recursive: true });
    copyFileSync(path.resolve('test/fixtures/autoquery/dtos.ts'), path.join(source, 'dtos.ts'));
    const schemas = path.join(tmp, 'aq-schemas');
    deriveSchemas({ inputs: [source], out: schemas });
    // The only API served is served at `/`.
    const served = await startTestServer({ schemas });
    try {
      const out = path.join(tmp, 'aq-derived');
      const derived = await deriveServed(served.url, 'bookings', out);
      const original = readManifest(schemas, 'bookings');
      expect(byName(derived.operations)).toEqual(byName(original.operations));
      expect(derived.operations.filter((o) => o.autoQuery)).toHaveLength(10);
      expect([...derived.types].sort()).toEqual([...original.types].sort());
      for (const type of original.types)
        expect([type, propertyNames(out, 'bookings', type)]).toEqual([type, propertyNames(schemas, 'bookings', type)]);
    } finally {
      await served.close();
    }
  });
});

describe('GET <base>/types', () => {
  it('lists the language endpoints as absolute links, /types/metadata among them and live', async () => {
    const res = await fetch(`${mock.url}/billiecart/types`);
    expect(res.status).toBe(200);
    const links = (await res.json()) as Record<string, string>;
    expect(links['Metadata']).toBe(`${mock.url}/billiecart/types/metadata`);
    expect(links['TypeScript']).toBe(`${mock.url}/billiecart/types/typescript`);
    expect((await fetch(links['Metadata']!)).status).toBe(200);
  });
});

describe('HTML pages', () => {
  it('GET <base>/metadata lists each operation with its routes, verbs and auth', async () => {
    const res = await fetch(`${mock.url}/billiecart/metadata`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const rows = [...html.matchAll(/<tr><td><strong>([^<]+)<\/strong>/g)];
    const committed = readManifest('schemas', 'billiecart');
    expect(rows.map((r) => r[1]).sort()).toEqual(committed.operations.map((o) => o.name).sort());
    expect(html).toContain('<code>POST /customers</code>');
    expect(html).not.toMatch(/<script/i);
  });

  it('a browser at / gets the landing page linking every API; an API client keeps the JSON 404', async () => {
    const page = await fetch(`${mock.url}/`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('href="/billiecart/metadata"');
    expect(html).toContain('href="/servicestack-home/metadata"');
    expect(html).toContain('href="/__ssmock/requests"');
    for (const accept of ['application/json', undefined]) {
      const res = await fetch(`${mock.url}/`, accept ? { headers: { Accept: accept } } : {});
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/json/);
    }
  });

  it('a browser at an API base gets the same landing page', async () => {
    const res = await fetch(`${mock.url}/billiecart/`, { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="/servicestack-home/metadata"');
  });
});
