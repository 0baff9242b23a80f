import fc from 'fast-check';
import type { JsonSchema } from '../schema/json-schema.js';
import type { Row } from './conditions.js';
import { likePattern } from './conditions.js';
import type { QueryInput, QueryOptions } from './run-query.js';
import { runQuery } from './run-query.js';
import { schemas } from './__fixtures__/rockstars.js';

const TABLE: JsonSchema = {
  type: 'object',
  properties: {
    id: schemas.int,
    name: schemas.str,
    age: schemas.nullableInt,
    joined: schemas.nullableDate,
  },
};
const options: QueryOptions = { table: TABLE };

const NAMES = ['Ann', 'ann', 'Bob', 'Cy', 'Dee'];

/** Tables with unique ids in any storage order, some NULLs, few distinct values (so filters and ties hit). */
const tablesOf = (minLength: number, maxLength: number): fc.Arbitrary<Row[]> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength, maxLength, size: 'max' })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
            age: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
            joined: fc.option(
              fc.integer({ min: 0, max: 3 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString()),
              { nil: undefined },
            ),
          }),
        ),
      ),
    )
    .map((rows) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Row));
const tables = tablesOf(0, 40);

const run = (
  rows: readonly Row[],
  dto: QueryInput['dto'],
  query: QueryInput['query'] = {},
  extra: Partial<QueryOptions> = {},
) => runQuery(rows, { dto, query }, { ...options, ...extra });
const idsOf = (r: { results: Record<string, unknown>[] }): unknown[] => r.results.map((x) => x['id']);

const orders = fc.constantFrom(undefined, 'Id', '-Id', 'Age', 'Name,-Id', '-Age,Name,Id', 'Joined,Id');
const filters = fc.constantFrom<Record<string, string>>(
  {},
  { Age: '3' },
  { AgeAbove: '2' },
  { NameStartsWith: 'a' },
  { JoinedBefore: '2025-01-03' },
  { AgeIsNull: '' },
  { Ages: '1,4' },
);

describe('runQuery properties', () => {
  it('Skip/Take slice the full ordered result; offset echoes Skip', () => {
    fc.assert(
      fc.property(tables, orders, filters, fc.nat(45), fc.nat(45), (rows, orderBy, query, skip, take) => {
        // Paging without an order orders by the primary key: the full result must too.
        const full = run(rows, { orderBy: orderBy ?? 'Id' }, query);
        const page = run(rows, { skip, take, ...(orderBy ? { orderBy } : {}) }, query);
        expect(page.offset).toBe(skip);
        expect(page.results).toEqual(full.results.slice(skip, skip + take));
      }),
    );
  });

  it('a small page of a large result is the same slice a full sort gives (the top-k path)', () => {
    // More than 8 × (Skip + Take) rows, where the engine keeps a top-k heap instead of sorting.
    const big = tablesOf(40, 60);
    fc.assert(
      fc.property(big, orders, fc.nat(2), fc.nat(2), (rows, orderBy, skip, take) => {
        const full = run(rows, { orderBy: orderBy ?? 'Id' });
        const page = run(rows, { skip, take, ...(orderBy ? { orderBy } : {}) });
        expect(page.results).toEqual(full.results.slice(skip, skip + take));
      }),
    );
  });

  it('total with Include=Total is the number of rows the filters keep, whatever the page', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: -1, max: 6 }), fc.nat(10), fc.nat(10), (rows, above, skip, take) => {
        const r = run(rows, { include: 'Total', skip, take }, { AgeAbove: String(above) });
        const expected = rows.filter((row) => typeof row['age'] === 'number' && row['age'] > above).length;
        expect(r.total).toBe(expected);
        expect(r.results.length).toBe(Math.max(0, Math.min(take, expected - skip)));
      }),
    );
  });

  it('XIn=a,b keeps the union of X=a and X=b', () => {
    fc.assert(
      fc.property(tables, fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), (rows, a, b) => {
        const both = new Set(idsOf(run(rows, {}, { NameIn: `${a},${b}` })));
        const union = new Set([...idsOf(run(rows, {}, { Name: a })), ...idsOf(run(rows, {}, { Name: b }))]);
        expect(both).toEqual(union);
      }),
    );
  });

  it('OrderBy=-X,-Y is OrderByDesc=X,Y, and reverses OrderBy=X,Y when keys are unique', () => {
    fc.assert(
      fc.property(tables, (rows) => {
        const desc = idsOf(run(rows, { orderByDesc: 'Age,Id' }));
        expect(idsOf(run(rows, { orderBy: '-Age,-Id' }))).toEqual(desc);
        expect(idsOf(run(rows, { orderBy: 'Age,Id' })).reverse()).toEqual(desc);
      }),
    );
  });

  it('an equality index gives the same answer as a scan', () => {
    fc.assert(
      fc.property(
        tables,
        fc.constantFrom(...NAMES),
        orders,
        fc.nat(10),
        fc.nat(10),
        (rows, name, orderBy, skip, take) => {
          const sorted = [...rows].sort((x, y) => (x['id'] as number) - (y['id'] as number));
          const index = new Map<unknown, Row[]>();
          for (const row of sorted) index.set(row['name'], [...(index.get(row['name']) ?? []), row]);
          const dto = { include: 'Total', skip, take, ...(orderBy ? { orderBy } : {}) };
          const scanned = run(sorted, dto, { Name: name, AgeIsNotNull: '' });
          const indexed = run(
            sorted,
            dto,
            { Name: name, AgeIsNotNull: '' },
            {
              rowsInKeyOrder: true,
              equalityIndex: (field) => (field === 'name' ? index : undefined),
            },
          );
          expect(indexed).toEqual(scanned);
        },
      ),
    );
  });

  it('StartsWith/Contains/EndsWith match case-insensitively, as UPPER(x) LIKE UPPER(y)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'É', ' '), maxLength: 6 });
    fc.assert(
      fc.property(text, text, (value, part) => {
        const [v, p] = [value.toUpperCase(), part.toUpperCase()];
        expect(likePattern(`${part}%`).test(value)).toBe(v.startsWith(p));
        expect(likePattern(`%${part}%`).test(value)).toBe(v.includes(p));
        expect(likePattern(`%${part}`).test(value)).toBe(v.endsWith(p));
      }),
    );
  });
});
