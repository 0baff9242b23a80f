import type { JsonSchema } from '../schema/json-schema.js';
import type { Row } from './conditions.js';
import { MIN_DATE } from './fields.js';
import { QueryError } from './query-error.js';
import type { QueryInput, QueryOptions, QueryResult } from './run-query.js';
import { runQuery } from './run-query.js';
import { CUSTOM_ROCKSTAR, ROCKSTAR, ROCKSTARS, requestSchema, resolve, schemas } from './__fixtures__/rockstars.js';

const base: QueryOptions = { table: ROCKSTAR, tableName: 'Rockstar', resolve, request: requestSchema() };

const run = (
  query: QueryInput['query'] = {},
  dto: QueryInput['dto'] = {},
  options: Partial<QueryOptions> = {},
  rows: readonly Row[] = ROCKSTARS,
): QueryResult => runQuery(rows, { dto, query }, { ...base, ...options });

const ids = (r: QueryResult): unknown[] => r.results.map((x) => x['id']);
const count = (query: QueryInput['query'], dto: QueryInput['dto'] = {}, options: Partial<QueryOptions> = {}): number =>
  run(query, dto, options).results.length;

const errorOf = (fn: () => unknown): QueryError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('no QueryError thrown');
};

describe('runQuery: untyped filters from the query string (AppendUntypedQueries)', () => {
  // The counts ServiceStack's AutoQueryTests assert over the same seven rockstars.
  it.each<[Record<string, string | string[]>, number]>([
    [{ AgeOlderThan: '42' }, 3],
    [{ AgeGreaterThanOrEqualTo: '42' }, 4],
    [{ AgeGreaterThan: '42' }, 3],
    [{ GreaterThanAge: '42' }, 3],
    [{ AgeNotEqualTo: '27' }, 4],
    [{ '>Age': '42' }, 4],
    [{ 'Age>': '42' }, 3],
    [{ '<Age': '42' }, 3],
    [{ 'Age<': '42' }, 4],
    [{ 'Age!': '27' }, 4],
    [{ FirstNameStartsWith: 'jim' }, 2],
    [{ LastNameEndsWith: 'son' }, 2],
    [{ LastNameContains: 'e' }, 3],
    [{ FirstName: 'Jim', LivingStatus: 'Dead' }, 1],
    [{ FirstName: ['Jim', 'Jim'] }, 1],
    [{ FirstNameStartsWith: ['Jim', 'Jimi'] }, 1],
    [{ DateDied: '' }, 2],
    [{ DateDiedIsNull: '' }, 2],
    [{ DateDiedIsNotNull: '' }, 5],
    [{ Ids: '1,2,3' }, 3],
    [{ Ids: '[1,2,3]' }, 3],
    [{ Ages: '42, 44' }, 2],
    [{ FirstNames: 'Jim,Kurt' }, 2],
    [{ IdsBetween: '1,3' }, 3],
    [{ AgeBetween: '27,44' }, 5],
    [{ AgeIn: '27,50' }, 4],
    [{ RockstarIds: '7' }, 1], // {Table}{Field} without the s: a single value (not `Ids`, so not a list)
    [{ FirstNameLike: 'j%' }, 2],
    [{ FirstNameLike: 'J_m' }, 1],
    [{ FirstNameStartsWith: 'J_m' }, 2], // `_` is a LIKE wildcard: ServiceStack does not escape it
    [{ FirstNameContains: '%' }, 7],
    [{ FirstNameStartsWith: '' }, 7], // null formats to '%'
    [{ DateOfBirthAfter: '1960-01-01' }, 3],
    [{ DateDiedBefore: '1980-01-01T00:00:00Z' }, 3],
    [{ DateOfBirth: '1942-11-27' }, 1], // a date as an instant, whatever its spelling
    [{ DateOfBirth: '\\/Date(-855100800000)\\/' }, 1],
    [{ MinAge: '44' }, 3],
    [{ MaxAge: '42' }, 4],
    [{ livingStatus: 'dead' }, 5], // an enum name parses case-insensitively
    [{ FirstName: 'jim' }, 0], // `=` is case-sensitive
    [{ ageabove: '30' }, 7], // not a convention: ignored
    [{ minAge: '44' }, 7], // a prefix convention needs its capital: ignored
    [{ Nickname: 'x', AgeAround: '3', format: 'json', callback: 'x' }, 7],
  ])('%j → %d rows', (query, expected) => {
    expect(count(query)).toBe(expected);
  });

  it('IN on nothing is no filter; an empty IN value is no filter', () => {
    expect(count({ AgeIn: '' })).toBe(7);
    expect(count({ Ids: '' })).toBe(0); // `Ids=` is `Id IS NULL`
  });

  it('BETWEEN with one value compares with NULL: nothing matches', () => {
    expect(count({ AgeBetween: '27' })).toBe(0);
  });

  it('a comparison with an empty value compares with NULL: nothing matches', () => {
    expect(count({ AgeAbove: '' })).toBe(0);
  });

  it('NULL never passes a comparison, `<>` included', () => {
    const rows = [...ROCKSTARS, { id: 8, firstName: 'Nobody' }];
    expect(run({ 'Age!': '27' }, {}, {}, rows).results).toHaveLength(4);
    expect(run({ AgeBelow: '100' }, {}, {}, rows).results).toHaveLength(7);
  });

  it('query names that are declared DTO properties are left to the typed filter', () => {
    const request = requestSchema({ age: schemas.nullableInt });
    expect(count({ AGE: '27' }, {}, { request })).toBe(7);
    expect(count({ AGE: '27' }, { age: 27 }, { request })).toBe(3);
  });

  it('untyped filters can be switched off (EnableUntypedQueries = false)', () => {
    expect(count({ Age: '27' }, {}, { untypedQueries: false })).toBe(7);
  });
});

describe('runQuery: typed filters (AppendTypedQueries)', () => {
  const conventions = requestSchema({
    dateOfBirthGreaterThan: schemas.nullableDate,
    dateDiedLessThan: schemas.nullableDate,
    ids: { type: 'array', items: schemas.int },
    ageOlderThan: schemas.nullableInt,
    ageGreaterThanOrEqualTo: schemas.nullableInt,
    ageGreaterThan: schemas.nullableInt,
    greaterThanAge: schemas.nullableInt,
    firstNameStartsWith: schemas.str,
    lastNameEndsWith: schemas.str,
    lastNameContains: schemas.str,
    minAge: schemas.nullableInt,
    ageIn: schemas.nullableInt,
    unknownProperty: schemas.str,
    kind: schemas.str,
  });

  // QueryRockstarsConventions in ServiceStack's AutoQueryTests, same expectations.
  it.each<[Record<string, unknown>, number]>([
    [{ ids: [1, 2, 3] }, 3],
    [{ ageOlderThan: 42 }, 3],
    [{ ageGreaterThanOrEqualTo: 42 }, 4],
    [{ ageGreaterThan: 42 }, 3],
    [{ greaterThanAge: 42 }, 3],
    [{ firstNameStartsWith: 'Jim' }, 2],
    [{ lastNameEndsWith: 'son' }, 2],
    [{ lastNameContains: 'e' }, 3],
    [{ dateOfBirthGreaterThan: '1960-01-01T00:00:00.000Z' }, 3],
    [{ dateDiedLessThan: '1980-01-01T00:00:00.000Z' }, 3],
    [{ minAge: 44 }, 3], // the .NET name MinAge carries the prefix convention
    [{ ids: [] }, 7], // empty collections are ignored
    [{ unknownProperty: 'Foo' }, 7], // a property naming no field is ignored
    [{ kind: 'x' }, 7],
  ])('%j → %d rows', (dto, expected) => {
    expect(count({}, dto, { request: conventions })).toBe(expected);
  });

  it('a non-nullable property always filters, by its default when not sent (`int Age` → Age = 0)', () => {
    const request = requestSchema({ age: schemas.int });
    expect(count({}, {}, { request })).toBe(0);
    expect(count({}, { age: 27 }, { request })).toBe(3);
  });

  it('scope properties (the tenant) never filter, typed, untyped or by a non-nullable default', () => {
    const request = requestSchema({ age: schemas.int });
    expect(count({}, {}, { request, scopeProperties: ['AGE'] })).toBe(7);
    expect(count({ Age: '27' }, { age: 27 }, { request, scopeProperties: ['age'] })).toBe(7);
  });

  it('a scalar for an IN convention is an ArgumentException', () => {
    const e = errorOf(() => run({}, { ageIn: 5 }, { request: conventions }));
    expect(e).toMatchObject({ errorCode: 'ArgumentException', status: 400, fieldName: 'AgeIn' });
  });

  it('[QueryDb(QueryTerm.Or)]: filters widen, and no filter matches nothing', () => {
    const or: Partial<QueryOptions> = { defaultTerm: 'or' };
    expect(count({}, {}, or)).toBe(0);
    expect(count({ Ids: '1,2,3' }, {}, or)).toBe(3);
    expect(count({ Ages: '42, 44' }, {}, or)).toBe(2);
    expect(count({ FirstNames: 'Jim,Kurt' }, {}, or)).toBe(2);
    expect(count({ IdsBetween: '1,3' }, {}, or)).toBe(3);
    expect(count({ FirstName: 'Jim', LastName: 'Presley' }, {}, or)).toBe(2);
  });
});

describe('runQuery: HasAll / HasAny on flags', () => {
  const FLAGS: JsonSchema = { type: 'object', properties: { id: schemas.int, flags: schemas.int } };
  const rows = [
    { id: 1, flags: 0b001 },
    { id: 2, flags: 0b011 },
    { id: 3, flags: 0b110 },
  ];
  it.each([
    ['FlagsHasAll', '3', [2]],
    ['FlagsHasAny', '3', [1, 2, 3]],
    ['FlagsHasAny', '4', [3]],
    ['FlagsHasAll', '6', [3]],
  ])('%s=%s → ids %j', (name, value, expected) => {
    expect(ids(runQuery(rows, { dto: {}, query: { [name]: value } }, { table: FLAGS }))).toEqual(expected);
  });
});

describe('runQuery: paging (AppendLimits)', () => {
  const many = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, firstName: `n${i % 5}`, age: i % 3 }));

  it.each<[Partial<QueryInput['dto']>, number, number[]]>([
    [{ skip: 2 }, 2, [3, 4, 5, 6, 7]],
    [{ take: 2 }, 0, [1, 2]],
    [{ skip: 2, take: 2 }, 2, [3, 4]],
    [{ skip: 7 }, 7, []],
    [{ skip: 1_000_000_000 }, 1_000_000_000, []],
    [{ take: 0 }, 0, []],
    [{ take: -1 }, 0, [1, 2, 3, 4, 5, 6, 7]], // SQLite: LIMIT -1 is no limit
    [{ skip: -5, take: 2 }, -5, [1, 2]], // SQLite: a negative OFFSET is 0; `offset` echoes Skip
  ])('%j → offset %d, ids %j', (dto, offset, expected) => {
    const r = run({}, { ...dto, include: 'Total' });
    expect(r.offset).toBe(offset);
    expect(r.total).toBe(7);
    expect(ids(r)).toEqual(expected);
  });

  it('MaxLimit is the default Take and its cap', () => {
    const r = (dto: QueryInput['dto']): QueryResult => run({}, { include: 'Total', ...dto }, { maxLimit: 100 }, many);
    expect(r({}).results).toHaveLength(100);
    expect(r({}).total).toBe(250);
    expect(r({ take: 500 }).results).toHaveLength(100);
    expect(r({ skip: 200 }).results).toHaveLength(50);
    expect(r({ take: 10 }).results).toHaveLength(10);
  });

  it("negativePaging 'reject' answers as PostgreSQL and SQL Server do: ArgumentException", () => {
    expect(errorOf(() => run({}, { take: -1 }, { negativePaging: 'reject' }))).toMatchObject({
      errorCode: 'ArgumentException',
      fieldName: 'Take',
    });
    expect(errorOf(() => run({}, { skip: -1 }, { negativePaging: 'reject' }))).toMatchObject({ fieldName: 'Skip' });
  });

  it('orders by primary key when paging without an order, and keeps storage order otherwise', () => {
    const shuffled = [ROCKSTARS[4], ROCKSTARS[0], ROCKSTARS[6], ROCKSTARS[2]] as Row[];
    expect(ids(run({}, { take: 10 }, {}, shuffled))).toEqual([1, 3, 5, 7]);
    expect(ids(run({}, { skip: 0 }, {}, shuffled))).toEqual([1, 3, 5, 7]);
    expect(ids(run({}, {}, {}, shuffled))).toEqual([5, 1, 7, 3]);
    expect(ids(run({}, {}, { maxLimit: 2 }, shuffled))).toEqual([5, 1]); // MaxLimit alone is not paging
    expect(ids(run({}, { take: 10 }, { orderByPrimaryKeyOnPagedQuery: false }, shuffled))).toEqual([5, 1, 7, 3]);
  });
});

describe('runQuery: ordering (OrmLite OrderByFields)', () => {
  it.each<[Partial<QueryInput['dto']>, number[]]>([
    [{ orderBy: 'Age,-Id' }, [3, 2, 1, 4, 5, 6, 7]],
    [{ orderBy: 'age, -id' }, [3, 2, 1, 4, 5, 6, 7]],
    [{ orderBy: 'Age;-Id' }, [3, 2, 1, 4, 5, 6, 7]],
    [{ orderByDesc: 'Age,Id' }, [7, 6, 5, 4, 3, 2, 1]],
    [{ orderByDesc: 'Age,-Id' }, [7, 6, 5, 4, 1, 2, 3]],
    [{ orderBy: 'FirstName' }, [5, 6, 4, 2, 1, 3, 7]],
    [{ orderBy: 'DateOfBirth' }, [4, 1, 2, 7, 6, 3, 5]],
    [{ orderBy: 'DateDied' }, [5, 6, 1, 2, 4, 3, 7]], // NULLs first
    [{ orderByDesc: 'DateDied' }, [7, 3, 4, 2, 1, 5, 6]],
    [{ orderBy: 'Id', orderByDesc: 'Id' }, [1, 2, 3, 4, 5, 6, 7]], // OrderBy wins
    [{ orderBy: 'RockstarId' }, [1, 2, 3, 4, 5, 6, 7]], // {Table}{Field}
    [{ orderBy: '-Id', take: 3 }, [7, 6, 5]],
  ])('%j → %j', (dto, expected) => {
    expect(ids(run({}, dto))).toEqual(expected);
  });

  it('dates order as instants, whatever the offset they were written with', () => {
    const rows = [
      { id: 1, dateOfBirth: '2020-01-01T00:30:00.000+01:00' }, // 2019-12-31T23:30Z
      { id: 2, dateOfBirth: '2020-01-01T00:00:00.000Z' },
    ];
    expect(ids(run({}, { orderBy: 'DateOfBirth' }, {}, rows))).toEqual([1, 2]);
    expect(ids(run({ DateOfBirthBefore: '2020-01-01' }, {}, {}, rows))).toEqual([1]);
  });

  it('OrderBy=Random shuffles with the given random source', () => {
    let n = 0;
    const random = (): number => [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8][n++ % 7] as number;
    expect(ids(run({}, { orderBy: 'Random' }, { random }))).toEqual([2, 6, 4, 1, 5, 7, 3]);
  });

  it('an unknown field is an ArgumentException, as OrmLite throws it', () => {
    const e = errorOf(() => run({}, { orderBy: 'Age,Nickname' }));
    expect(e).toMatchObject({
      errorCode: 'ArgumentException',
      message: 'Could not find field Nickname',
      fieldName: 'Nickname',
    });
    expect(errorOf(() => run({}, { orderByDesc: '-Foo' })).message).toBe('Could not find field Foo');
  });
});

describe('runQuery: Include, total and meta (AutoQuery.ResponseFilter)', () => {
  it.each<[string | undefined, boolean, number, Record<string, string> | undefined]>([
    [undefined, false, 0, {}], // no Include: total 0, meta an empty dictionary
    ['Total', false, 7, undefined],
    ['total', false, 7, undefined],
    [undefined, true, 7, undefined], // AutoQueryFeature.IncludeTotal
    ['COUNT', false, 7, { 'COUNT(*)': '7' }],
    ['COUNT(*)', false, 7, { 'COUNT(*)': '7' }],
    ['COUNT(DISTINCT LivingStatus), Total', false, 7, { 'COUNT(DISTINCT LivingStatus)': '2' }],
    ['FOO(1), Total', false, 7, undefined],
    ['MIN(Age)', false, 0, { 'MIN(Age)': '27' }],
    ['MIN(Age) minage', false, 0, { minage: '27' }],
    ['COUNT(*) count', false, 7, { count: '7' }],
    ['COUNT(DISTINCT LivingStatus) as uniquestatus', false, 0, { uniquestatus: '2' }],
    [
      'Count(*), Min(Age), Max(Age), Sum(Id), Avg(Age)',
      false,
      7,
      { 'Count(*)': '7', 'Min(Age)': '27', 'Max(Age)': '50', 'Sum(Id)': '28', 'Avg(Age)': String(265 / 7) },
    ],
    [
      'Min(FirstName), Max(DateDied), First(Id), Last(Id)',
      false,
      0,
      {
        'Min(FirstName)': 'David',
        'Max(DateDied)': '2009-06-05T00:00:00.000Z',
        'First(Id)': '1',
        'Last(Id)': '7',
      },
    ],
    ["FOO(1), Min(Age), Bar('a') alias, Count(*), Baz(1,'foo')", false, 7, { 'Min(Age)': '27', 'Count(*)': '7' }],
  ])('Include=%s (IncludeTotal %s) → total %d, meta %j', (include, includeTotal, total, meta) => {
    const r = run({}, include === undefined ? {} : { include }, { includeTotal });
    expect(r.total).toBe(total);
    expect(r.meta).toEqual(meta);
    expect(r.results).toHaveLength(7);
  });

  it('counts and aggregates the filtered rows, before paging', () => {
    const r = run(
      {},
      { age: 27, include: 'Total, Sum(Id)', take: 1 },
      { request: requestSchema({ age: schemas.nullableInt }) },
    );
    expect(r).toMatchObject({ total: 3, meta: { 'Sum(Id)': '6' } });
    expect(r.results).toHaveLength(1);
  });

  it('aggregates over no rows are empty (SQL NULL), COUNT is 0', () => {
    const r = run({ Age: '99' }, { include: 'Total, Min(Age), Sum(Age), Count(Age)' });
    expect(r).toMatchObject({ total: 0, meta: { 'Min(Age)': '', 'Sum(Age)': '', 'Count(Age)': '0' } });
  });
});

describe('runQuery: Fields and Into (OrmLite Select(fields), LoadSelect<Into, From>)', () => {
  it('returns only the selected columns; unselected value types hold their .NET default', () => {
    const r = run({ Age: '27' }, { fields: 'Id,FirstName,Age' });
    expect(r.results).toEqual([
      { id: 1, firstName: 'Jimi', age: 27, dateOfBirth: MIN_DATE },
      { id: 2, firstName: 'Jim', age: 27, dateOfBirth: MIN_DATE },
      { id: 3, firstName: 'Kurt', age: 27, dateOfBirth: MIN_DATE },
    ]);
  });

  it('matches field names case-insensitively and drops duplicates and unknown names', () => {
    const r = run({ Age: '27' }, { fields: 'firstname,FIRSTNAME,nickname' });
    expect(r.results[0]).toEqual({ id: 0, firstName: 'Jimi', dateOfBirth: MIN_DATE }); // the id is not kept
  });

  it('no known field selects every column', () => {
    expect(run({}, { fields: 'Nickname' }).results[0]).toEqual(ROCKSTARS[0]);
  });

  it('DISTINCT selects distinct rows of the columns, before paging', () => {
    const r = run({}, { fields: 'DISTINCT Age', include: 'Total' });
    expect(r.results.map((x) => x['age'])).toEqual([27, 42, 44, 48, 50]);
    expect(r.results.every((x) => x['id'] === 0 && x['firstName'] === undefined)).toBe(true);
    expect(r.total).toBe(7);
    expect(run({}, { fields: 'DISTINCT Age', skip: 1, take: 2 }).results.map((x) => x['age'])).toEqual([42, 44]);
  });

  it('QueryDb<From, Into> projects rows into Into by name; filters and order use From', () => {
    const r = run(
      {},
      { age: 27, orderBy: 'Id' },
      { into: CUSTOM_ROCKSTAR, request: requestSchema({ age: schemas.nullableInt }) },
    );
    expect(r.results).toEqual([
      { firstName: 'Jimi', lastName: 'Hendrix', age: 27 },
      { firstName: 'Jim', lastName: 'Morrison', age: 27 },
      { firstName: 'Kurt', lastName: 'Cobain', age: 27 },
    ]);
    expect(run({}, { fields: 'LastName' }, { into: CUSTOM_ROCKSTAR }).results[0]).toEqual({ lastName: 'Hendrix' });
  });
});

describe('runQuery: bad input', () => {
  it.each<[Record<string, string>, string, string]>([
    [{ Age: 'abc' }, 'FormatException', 'Age'],
    [{ Age: '1.5' }, 'FormatException', 'Age'],
    [{ AgeAbove: 'x' }, 'FormatException', 'AgeAbove'],
    [{ Ids: '1,x' }, 'FormatException', 'Ids'],
    [{ RockstarIds: '1,7' }, 'FormatException', 'RockstarIds'], // only `{Field}s` is read as a list
    [{ DateOfBirthAfter: 'yesterday' }, 'FormatException', 'DateOfBirthAfter'],
    [{ LivingStatus: 'Zombie' }, 'ArgumentException', 'LivingStatus'],
  ])('%j → 400 %s naming %s', (query, errorCode, fieldName) => {
    expect(errorOf(() => run(query))).toMatchObject({ errorCode, fieldName, status: 400 });
  });

  it('the error names the query parameter as sent, repeated ones included', () => {
    expect(errorOf(() => run({ age: ['27', 'x'] })).fieldName).toBe('age');
  });
});

describe('runQuery: speed paths', () => {
  /** Rows whose reads are counted, to see how much of the table a query touches. */
  const counted = (n: number): { rows: Row[]; reads: () => number } => {
    let reads = 0;
    const rows = Array.from({ length: n }, (_, i) => {
      const row: Record<string, unknown> = { id: i + 1 };
      Object.defineProperty(row, 'age', {
        enumerable: true,
        get: () => {
          reads++;
          return i % 10;
        },
      });
      return row;
    });
    return { rows, reads: () => reads };
  };

  it('a paged query over rows in key order stops at its last row', () => {
    const { rows, reads } = counted(10_000);
    const r = runQuery(rows, { dto: { take: 5 }, query: { Age: '3' } }, { table: ROCKSTAR, rowsInKeyOrder: true });
    expect(ids(r)).toEqual([4, 14, 24, 34, 44]);
    expect(reads()).toBeLessThan(100);
  });

  it('an equality index answers from its bucket, and counts it without reading rows', () => {
    const { rows, reads } = counted(10_000);
    const buckets = new Map<unknown, Row[]>();
    for (const [i, row] of rows.entries()) buckets.set(i % 10, [...(buckets.get(i % 10) ?? []), row]);
    const options: QueryOptions = {
      table: ROCKSTAR,
      rowsInKeyOrder: true,
      equalityIndex: (field) => (field === 'age' ? buckets : undefined),
    };
    const r = runQuery(rows, { dto: { take: 3, include: 'Total' }, query: { Age: '3' } }, options);
    expect(r).toMatchObject({ total: 1000 });
    expect(ids(r)).toEqual([4, 14, 24]);
    expect(reads()).toBe(3); // only the projected page
    expect(runQuery(rows, { dto: {}, query: { Age: '11' } }, options).results).toEqual([]);
  });
});
