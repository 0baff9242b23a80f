import fc from 'fast-check';
import type { JsonSchema } from '../schema/json-schema.js';
import { jsvText, valueFor } from './__fixtures__/arbitraries.js';
import { jsonlCodec, parseJsonl, writeJsonl } from './jsonl.js';

const SCHEMAS: Record<string, JsonSchema> = {
  'Row.json': {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
      at: { type: 'string', format: 'date-time' },
    },
  },
  'QueryResponseOfRow.json': {
    type: 'object',
    'x-xml-namespace': 'http://schemas.servicestack.net/types',
    properties: {
      offset: { type: 'integer' },
      total: { type: 'integer' },
      results: { type: 'array', items: { $ref: 'Row.json' } },
    },
  },
};
const resolve = (ref: string): JsonSchema | undefined => SCHEMAS[ref];
const ctx = (type: string) => ({ schema: { $ref: `${type}.json` } as JsonSchema, resolve, typeName: type });

describe('JSONL writer (JsonlSerializer)', () => {
  it.each<[string, string, unknown, string]>([
    [
      'a QueryResponse writes one JSON line per result',
      'QueryResponseOfRow',
      { total: 2, results: [{ id: 1, name: 'a\nb' }, { id: 2 }] },
      '{"id":1,"name":"a\\nb"}\n{"id":2}\n',
    ],
    ['no results writes nothing', 'QueryResponseOfRow', { total: 0 }, ''],
    ['an empty list writes nothing', 'QueryResponseOfRow', { results: [] }, ''],
    ['a list answer writes its items', 'Row', [{ id: 3 }], '{"id":3}\n'],
    ['a DTO that is its own row is one JSON document, no line break (WriteSelf)', 'Row', { id: 4 }, '{"id":4}'],
  ])('%s', (_case, type, value, text) => {
    expect(jsonlCodec.write(value, ctx(type))).toBe(text);
  });
});

describe('JSONL reader', () => {
  it('a request DTO is the first line', () => {
    expect(jsonlCodec.parse('{"id":1}\n{"id":2}\n', ctx('Row'))).toEqual({ id: 1 });
  });
  it('blank text is a blank DTO', () => expect(jsonlCodec.parse('\n\n', ctx('Row'))).toEqual({}));
  it('a broken line is named', () => expect(() => parseJsonl('{"id":1}\n{"id":')).toThrow(/JSONL line 2/));
});

describe('JSONL properties (fixed seed)', () => {
  it('every row is one line: parseJsonl(writeJsonl(rows)) equals the rows', () => {
    fc.assert(
      fc.property(fc.array(valueFor(ctx('Row').schema, resolve, jsvText), { maxLength: 6 }), (rows) => {
        const text = writeJsonl({ results: rows }, ctx('QueryResponseOfRow'));
        expect(text.split('\n')).toHaveLength(rows.length + 1);
        expect(parseJsonl(text)).toEqual(rows);
      }),
      { seed: 1616, numRuns: 300 },
    );
  });
});
