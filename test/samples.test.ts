/**
 * The sample requests and responses of every metadata page parse, in their own
 * format, into values that validate against the derived schemas — the pages'
 * "String" / 0 / False / 0001-01-01 placeholders included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMetadataPage } from '../src/derive/metadata-page.js';
import { CODECS } from '../src/formats/index.js';
import { loadApis } from '../src/schema/registry.js';

const apis = loadApis('schemas');
const pages = apis.flatMap((api) =>
  readdirSync(path.join('schemas', api.id, 'docs')).map((file) => [api.id, file] as const),
);

it.each(pages)('%s %s', (apiId, file) => {
  const api = apis.find((a) => a.id === apiId)!;
  const { page } = parseMetadataPage(readFileSync(path.join('schemas', apiId, 'docs', file), 'utf8'), file);
  const op = api.operation(page!.operation)!;
  const format = page!.sampleFormat ?? 'json';
  if (format === 'csv') return; // ssmock serves no CSV, so it has no codec to read one with
  const codec = CODECS[format];
  const samples = [
    [page!.request?.body, op.request],
    [page!.response?.body, op.response],
  ] as const;
  let checked = 0;
  for (const [body, type] of samples) {
    if (!body || !type) continue;
    const value = codec.parse(body, { schema: api.schemas.get(type), resolve: api.resolve, typeName: type });
    expect({ type, errors: api.validator(type)!(value) }).toEqual({ type, errors: null });
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
});
