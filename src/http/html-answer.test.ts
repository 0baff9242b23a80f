import type { JsonSchema } from '../schema/json-schema.js';
import { htmlAnswer, type HtmlAnswerInput } from './html-answer.js';

const SCHEMAS: Record<string, JsonSchema> = {
  'Row.json': { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
  'QueryResponseOfRow.json': {
    type: 'object',
    'x-xml-namespace': 'http://schemas.servicestack.net/types',
    properties: { total: { type: 'integer' }, results: { type: 'array', items: { $ref: 'Row.json' } } },
  },
};
const input = (type: string, body: unknown, more: Partial<HtmlAnswerInput> = {}): HtmlAnswerInput => ({
  title: 'QueryRows',
  status: 200,
  body,
  schema: { $ref: `${type}.json` },
  resolve: (ref) => SCHEMAS[ref],
  base: '/shop',
  url: '/shop/rows?take=2',
  ...more,
});
const headers = (html: string): string[] => [...html.matchAll(/<th>(.*?)<\/th>/g)].map((m) => m[1]!);
const rows = (html: string): number => /<tbody>(.*?)<\/tbody>/s.exec(html)?.[1]?.match(/<tr>/g)?.length ?? 0;

describe('htmlAnswer', () => {
  it.each<[string, HtmlAnswerInput, string[], number]>([
    [
      "a QueryResponse: its results' table, columns of the row type",
      input('QueryResponseOfRow', { total: 2, results: [{ id: 1, name: 'a' }, { id: 2 }] }),
      ['Id', 'Name'],
      2,
    ],
    ['a list answer: its items', input('Row', [{ id: 1, extra: true }]), ['Id', 'Name', 'Extra'], 1],
    ['a DTO that is its own row: no table, the JSON alone', input('Row', { id: 1 }), [], 0],
    ['an error: no table', input('QueryResponseOfRow', { responseStatus: { errorCode: 'X' } }, { status: 400 }), [], 0],
  ])('%s', (_case, answer, columns, count) => {
    const html = htmlAnswer(answer);
    expect(headers(html)).toEqual(columns);
    expect(rows(html)).toBe(count);
    expect(html).toContain(`<span class="status">${answer.status}</span>`);
  });

  it('escapes every value and runs no script', () => {
    const evil = '<script>alert("x")</script>&';
    const html = htmlAnswer(input('QueryResponseOfRow', { results: [{ id: 1, name: evil }] }, { title: evil }));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
  });

  it("links the same answer as JSON and CSV, keeping the query, and the API's /metadata", () => {
    const html = htmlAnswer(input('Row', { id: 1 }));
    expect(html).toContain('href="/shop/rows?take=2&amp;format=json"');
    expect(html).toContain('href="/shop/rows?take=2&amp;format=csv"');
    expect(html).toContain('href="/shop/metadata"');
  });

  it('clips a long cell; the JSON below keeps it whole', () => {
    const long = 'x'.repeat(500);
    const html = htmlAnswer(input('Row', [{ id: 1, name: long }]));
    expect(html).toContain(`<td>${'x'.repeat(200)}…</td>`);
    expect(html).toContain(`&quot;name&quot;: &quot;${long}&quot;`);
  });
});
