/**
 * `GET <base>/types/mjs` of an AutoQuery API (test/fixtures/schemas/bookings): `QueryDb<T>` and
 * `QueryDb<From, Into>` are two classes, `QueryDb` and `QueryDb_2`, so a query with an Into type extends a class the
 * module declares, and the module loads. Merged into one, importing it threw `ReferenceError: QueryDb_2`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const SCHEMAS = new URL('./fixtures/schemas', import.meta.url).pathname;

let mock: MockServer;
let tmp: string;
beforeAll(async () => {
  mock = await startTestServer({ schemas: SCHEMAS, api: ['bookings'] });
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-mjs-aq-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});

it('declares every class it extends, and imports', async () => {
  const res = await fetch(`${mock.url}/types/mjs`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const declared = new Set([...text.matchAll(/^export class (\w+)/gm)].map((m) => m[1]));
  const extended = new Set([...text.matchAll(/ extends (\w+) \{/g)].map((m) => m[1]));
  expect(extended).toContain('QueryDb_2');
  for (const base of extended) expect(declared).toContain(base);
  const file = path.join(tmp, 'dtos.mjs');
  writeFileSync(file, text);
  const dtos = (await import(pathToFileURL(file).href)) as Record<string, new (init?: object) => object>;
  const into = [...text.matchAll(/^export class (\w+) extends QueryDb_2 \{/gm)].map((m) => m[1]!);
  expect(into.length).toBeGreaterThan(0);
  for (const name of into) {
    const request = new dtos[name]!({ take: 5 }) as { take?: number; getTypeName(): string };
    expect([request.take, request.getTypeName()]).toEqual([5, name]);
    expect(request).toBeInstanceOf(dtos['QueryDb_2']!);
    expect(request).toBeInstanceOf(dtos['QueryBase']!);
  }
});
