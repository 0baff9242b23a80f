/**
 * AutoQuery and AutoQuery CRUD as a front end meets them: an API of `QueryDb<T>`, `QueryDb<From, Into>`,
 * `ICreateDb`, `IPatchDb`, `IUpdateDb`, `IDeleteDb` and `ISaveDb` DTOs (test/fixtures/schemas/bookings,
 * derived from its docs/dtos.cs) served by startMockServer and driven through @servicestack/client's
 * JsonApiClient: create → query with the conventions, paging, ordering, total and fields → patch → update
 * → delete → batch → restart. Every answer is checked against its response schema (selfCheck: 'fail').
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonApiClient, type JsonServiceClient } from '@servicestack/client';
import { deriveSchemas } from '../src/derive/index.js';
import type { MockServer } from '../src/server/start.js';
import { rejection, startTestServer } from './helpers.js';

const SCHEMAS = new URL('./fixtures/schemas', import.meta.url).pathname;

type Dto = Record<string, unknown>;

// Request DTOs as ServiceStack's TypeScript generator writes them.
class IdResponse {
  id?: string;
}
class QueryResponse<T> {
  offset?: number;
  total?: number;
  results?: T[];
  meta?: Record<string, string>;
}
interface Booking {
  id: number;
  name: string;
  roomType: string;
  roomNumber: number;
  bookingStartDate: string;
  cost: number;
  notes?: string;
  cancelled?: boolean;
  createdBy?: string;
}

const requestClass = <Res>(name: string, method: string, response: () => Res) =>
  class {
    constructor(init?: Dto) {
      Object.assign(this, init);
    }
    getTypeName() {
      return name;
    }
    getMethod() {
      return method;
    }
    createResponse() {
      return response();
    }
  };

const QueryBookings = requestClass('QueryBookings', 'GET', () => new QueryResponse<Booking>());
const QueryBookingViews = requestClass('QueryBookingViews', 'GET', () => new QueryResponse<Dto>());
const CreateBooking = requestClass('CreateBooking', 'POST', () => new IdResponse());
const UpdateBooking = requestClass('UpdateBooking', 'PATCH', () => new IdResponse());
const ReplaceBooking = requestClass('ReplaceBooking', 'PUT', () => new IdResponse());
const DeleteBooking = requestClass('DeleteBooking', 'DELETE', () => undefined);
const SaveBooking = requestClass('SaveBooking', 'POST', () => new IdResponse());
const CreateCoupon = requestClass('CreateCoupon', 'POST', () => ({}) as Dto);
const QueryCoupons = requestClass('QueryCoupons', 'GET', () => new QueryResponse<Dto>());

const BOOKINGS = [
  { name: 'Ann Lee', roomType: 'Single', roomNumber: 101, cost: 120, bookingStartDate: '2026-02-01T00:00:00.000Z' },
  { name: 'Bob Stone', roomType: 'Double', roomNumber: 202, cost: 180, bookingStartDate: '2026-02-10T00:00:00.000Z' },
  { name: 'Cara Wu', roomType: 'Suite', roomNumber: 303, cost: 450, bookingStartDate: '2026-03-05T00:00:00.000Z' },
  { name: 'Dan Annett', roomType: 'Queen', roomNumber: 204, cost: 220, bookingStartDate: '2026-01-20T00:00:00.000Z' },
  {
    name: 'Eve Park',
    roomType: 'Double',
    roomNumber: 205,
    cost: 180,
    bookingStartDate: '2026-04-01T00:00:00.000Z',
    notes: 'late check-in',
  },
];

let mock: MockServer;
let client: JsonServiceClient;

const start = (options: { db?: string } = {}) =>
  startTestServer({ schemas: SCHEMAS, api: ['bookings'], ...options }).then((m) => {
    mock = m;
    client = JsonApiClient.create(m.url);
  });

const state = async (): Promise<unknown> => (await fetch(`${mock.url}/__ssmock/state`)).json();

/** Integer keys are never reused, not even after a reset (as an identity column): ids are relative to the first. */
let ids: number[] = [];
const createAll = async (): Promise<string[]> => {
  const made: string[] = [];
  for (const b of BOOKINGS) made.push(((await client.post(new CreateBooking(b))) as IdResponse).id ?? '');
  ids = made.map(Number);
  return made;
};

const query = (args: Dto = {}, init: Dto = {}) =>
  client.get(new QueryBookings(init), args) as Promise<QueryResponse<Booking>>;
const names = async (args: Dto = {}, init: Dto = {}) => ((await query(args, init)).results ?? []).map((b) => b.name);

describe('AutoQuery CRUD and QueryDb through JsonApiClient', () => {
  beforeAll(() => start());
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  it('ICreateDb stores a row of the table and answers IdResponse with the new int id as text', async () => {
    const made = await createAll();
    expect(made).toEqual(made.map((_, i) => String(Number(made[0]) + i)));
    const { results } = await query({ Id: ids[2] });
    expect(results).toEqual([
      expect.objectContaining({ id: ids[2], name: 'Cara Wu', roomType: 'Suite', roomNumber: 303, cost: 450 }),
    ]);
    // Columns the DTO does not have are faked realistically (audit fields).
    expect(results?.[0]?.createdBy).toEqual(expect.any(String));
  });

  it('ids keep counting up after a delete, as an identity column does', async () => {
    await createAll();
    await client.delete(new DeleteBooking({ id: ids[4] }));
    expect(((await client.post(new CreateBooking(BOOKINGS[0]))) as IdResponse).id).toBe(String(ids[4]! + 1));
  });

  it('a create whose response is the table answers the row, with a seeded string id when the key is a string', async () => {
    const coupon = (await client.post(
      new CreateCoupon({ description: 'Ten off', discount: 10, expiryDate: '2026-06-01T00:00:00.000Z' }),
    )) as Dto;
    expect(coupon).toMatchObject({ description: 'Ten off', discount: 10 });
    expect(coupon['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const listed = (await client.get(new QueryCoupons())) as QueryResponse<Dto>;
    expect(listed.results).toEqual([coupon]);
  });

  it('an empty table answers an empty list, never made-up rows', async () => {
    expect(await query()).toEqual({ offset: 0, total: 0, results: [], meta: {} });
  });

  describe('QueryDb filters', () => {
    beforeEach(() => createAll());

    it('typed = and typed plural (IN)', async () => {
      expect(await names({}, { id: ids[1] })).toEqual(['Bob Stone']);
      expect(await names({}, { ids: [ids[0], ids[2]] })).toEqual(['Ann Lee', 'Cara Wu']);
    });

    it.each<[string, Dto, Dto, string[]]>([
      ['typed %Above', {}, { costAbove: 200 }, ['Cara Wu', 'Dan Annett']],
      ['typed %Contains (case-insensitive)', {}, { nameContains: 'ANN' }, ['Ann Lee', 'Dan Annett']],
      ['untyped field =', { RoomType: 'Double' }, {}, ['Bob Stone', 'Eve Park']],
      ['untyped %StartsWith', { NameStartsWith: 'c' }, {}, ['Cara Wu']],
      ['untyped %EndsWith', { NameEndsWith: 'park' }, {}, ['Eve Park']],
      ['untyped %Like%', { NameLike: '%an%' }, {}, ['Ann Lee', 'Dan Annett']],
      ['untyped %GreaterThan%', { RoomNumberGreaterThan: 204 }, {}, ['Cara Wu', 'Eve Park']],
      ['untyped %LessThan%', { CostLessThan: 180 }, {}, ['Ann Lee']],
      ['untyped %Below%', { CostBelow: 200 }, {}, ['Ann Lee', 'Bob Stone', 'Eve Park']],
      ['untyped Min%', { MinCost: 220 }, {}, ['Cara Wu', 'Dan Annett']],
      ['untyped Max%', { MaxCost: 180 }, {}, ['Ann Lee', 'Bob Stone', 'Eve Park']],
      ['untyped %In', { RoomNumberIn: '101,303' }, {}, ['Ann Lee', 'Cara Wu']],
      ['untyped %Between%', { CostBetween: '150,250' }, {}, ['Bob Stone', 'Dan Annett', 'Eve Park']],
      ['untyped %After% on dates', { BookingStartDateAfter: '2026-03-01' }, {}, ['Cara Wu', 'Eve Park']],
      ['untyped %Before% on dates', { BookingStartDateBefore: '2026-02-01' }, {}, ['Dan Annett']],
      ['untyped %NotEqualTo', { CostNotEqualTo: 180 }, {}, ['Ann Lee', 'Cara Wu', 'Dan Annett']],
      ['untyped %IsNotNull', { NotesIsNotNull: '' }, {}, ['Eve Park']],
      [
        'untyped, typed and conventions combine with AND',
        { RoomType: 'Double' },
        { costAbove: 100 },
        ['Bob Stone', 'Eve Park'],
      ],
      ['an unknown convention is ignored', { CostAround: 3 }, {}, BOOKINGS.map((b) => b.name)],
    ])('%s', async (_, args, init, expected) => {
      expect(await names(args, init)).toEqual(expected);
    });

    it('%IsNull keeps the rows without a value', async () => {
      expect(await names({ NotesIsNull: '' })).toEqual(['Ann Lee', 'Bob Stone', 'Cara Wu', 'Dan Annett']);
    });
  });

  describe('QueryDb paging, ordering, total and fields', () => {
    beforeEach(() => createAll());

    it('Skip and Take page by primary key; offset echoes Skip', async () => {
      const page = await query({}, { skip: 1, take: 2 });
      expect(page.offset).toBe(1);
      expect(page.results?.map((b) => b.id)).toEqual([ids[1], ids[2]]);
    });

    it('Include=Total counts the filtered rows before paging; without it total is 0', async () => {
      expect((await query({ RoomType: 'Double' }, { take: 1, include: 'Total' })).total).toBe(2);
      expect((await query({ RoomType: 'Double' }, { take: 1 })).total).toBe(0);
    });

    it('OrderBy (comma list, -Field descending) and OrderByDesc', async () => {
      expect(await names({}, { orderBy: 'cost,-roomNumber' })).toEqual([
        'Ann Lee',
        'Eve Park',
        'Bob Stone',
        'Dan Annett',
        'Cara Wu',
      ]);
      expect(await names({}, { orderByDesc: 'bookingStartDate', take: 2 })).toEqual(['Eve Park', 'Cara Wu']);
    });

    it('Fields returns only those columns (.NET defaults for unselected value types)', async () => {
      const { results } = await query({}, { fields: 'Id,Name', take: 1 });
      expect(results?.[0]).toMatchObject({ id: ids[0], name: 'Ann Lee', roomNumber: 0, cost: 0 });
      expect(results?.[0]).not.toHaveProperty('notes');
      expect(results?.[0]).not.toHaveProperty('createdBy');
    });

    it('QueryDb<From, Into> filters the table and answers each row as Into', async () => {
      const views = (await client.get(new QueryBookingViews(), {
        CostAbove: 200,
        OrderBy: '-Cost',
      })) as QueryResponse<Dto>;
      expect(views.results).toEqual([
        { id: ids[2], name: 'Cara Wu', cost: 450 },
        { id: ids[3], name: 'Dan Annett', cost: 220 },
      ]);
    });
  });

  describe('IPatchDb, IUpdateDb, IDeleteDb, ISaveDb', () => {
    beforeEach(() => createAll());

    it('IPatchDb writes only the fields sent with non-default values', async () => {
      expect(await client.patch(new UpdateBooking({ id: ids[4], cost: 199 }))).toEqual({ id: String(ids[4]) });
      const [row] = (await query({ Id: ids[4] })).results ?? [];
      expect(row).toMatchObject({ name: 'Eve Park', cost: 199, notes: 'late check-in', roomType: 'Double' });
    });

    it('IUpdateDb writes every field of the DTO: one left out becomes null', async () => {
      const replacement = { id: ids[4], name: 'Eve Park', roomType: 'Suite', roomNumber: 301, cost: 400 };
      expect(
        await client.put(new ReplaceBooking({ ...replacement, bookingStartDate: '2026-04-02T00:00:00.000Z' })),
      ).toEqual({
        id: String(ids[4]),
      });
      const [row] = (await query({ Id: ids[4] })).results ?? [];
      expect(row).toMatchObject(replacement);
      expect(row).not.toHaveProperty('notes');
      // Columns the update DTO does not have keep their value.
      expect(row?.createdBy).toEqual(expect.any(String));
    });

    it.each<[string, () => Promise<unknown>, number, string, string]>([
      [
        'a patch without the primary key',
        () => client.patch(new UpdateBooking({ cost: 1 })),
        400,
        'ArgumentNullException',
        "Value cannot be null. (Parameter 'Id')",
      ],
      [
        'a patch of an id no row has',
        () => client.patch(new UpdateBooking({ id: 99999, cost: 1 })),
        409,
        'OptimisticConcurrencyException',
        "0 rows were updated by 'UpdateBooking'",
      ],
      [
        'an update of an id no row has',
        () =>
          client.put(
            new ReplaceBooking({
              id: 99999,
              name: 'X',
              roomType: 'Single',
              roomNumber: 1,
              cost: 1,
              bookingStartDate: '2026-01-01',
            }),
          ),
        409,
        'OptimisticConcurrencyException',
        "0 rows were updated by 'ReplaceBooking'",
      ],
    ])('%s is refused as ServiceStack refuses it, the state unchanged', async (_, send, status, errorCode, message) => {
      const before = await state();
      const err = await rejection(send());
      expect(err.responseStatus).toMatchObject({ errorCode, message });
      expect((err as unknown as { responseStatus: unknown; status?: number }).responseStatus).toBeDefined();
      expect(await state()).toEqual(before);
      const raw = await fetch(`${mock.url}/api/UpdateBooking`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: status === 400 ? 0 : 99999, cost: 1 }),
      });
      expect(raw.status).toBe(status);
    });

    it('the missing key names its field', async () => {
      const err = await rejection(client.patch(new UpdateBooking({ cost: 1 })));
      expect(err.responseStatus.errors).toEqual([
        { errorCode: 'ArgumentNullException', fieldName: 'Id', message: 'Value cannot be null.' },
      ]);
    });

    it('IDeleteDb removes by id (204 for IReturnVoid), and nothing matching is not an error', async () => {
      await client.delete(new DeleteBooking({ id: ids[1] }));
      await client.delete(new DeleteBooking({ id: ids[1] }));
      expect(await names()).toEqual(['Ann Lee', 'Cara Wu', 'Dan Annett', 'Eve Park']);
      const raw = await fetch(`${mock.url}/bookings/${ids[2]}`, { method: 'DELETE' });
      expect(raw.status).toBe(204);
    });

    it("IDeleteDb removes every row matching the DTO's other non-default properties", async () => {
      await client.post(new CreateBooking(BOOKINGS[0]));
      await client.delete(new DeleteBooking({ name: 'Ann Lee' }));
      expect(await names()).toEqual(['Bob Stone', 'Cara Wu', 'Dan Annett', 'Eve Park']);
    });

    it('IDeleteDb with no filter at all is refused (405 NotSupportedException), nothing removed', async () => {
      const err = await rejection(client.delete(new DeleteBooking({})));
      expect(err.responseStatus).toMatchObject({
        errorCode: 'NotSupportedException',
        message: "'DeleteBooking' did not contain any filters",
      });
      expect(await names()).toHaveLength(5);
    });

    it('ISaveDb inserts with a default key and updates an existing one', async () => {
      const row = { name: 'Fay Ng', roomType: 'Single', roomNumber: 106, cost: 90, bookingStartDate: '2026-05-01' };
      // As SaveInternal: the answer's Id is the key the DTO carried (an int's default, 0).
      expect(await client.post(new SaveBooking(row))).toEqual({ id: '0' });
      const id = ids[4]! + 1;
      expect((await query({ Id: id })).results?.[0]).toMatchObject({ name: 'Fay Ng', cost: 90 });
      expect(await client.post(new SaveBooking({ ...row, id, cost: 95 }))).toEqual({ id: String(id) });
      expect((await query({ Id: id })).results?.[0]).toMatchObject({ name: 'Fay Ng', cost: 95 });
    });
  });

  it('batched creates (sendAll) answer in order; the query sees them', async () => {
    const answers = (await client.sendAll(BOOKINGS.slice(0, 3).map((b) => new CreateBooking(b)))) as IdResponse[];
    const first = Number(answers[0]?.id);
    expect(answers).toEqual([{ id: String(first) }, { id: String(first + 1) }, { id: String(first + 2) }]);
    expect(await names()).toEqual(['Ann Lee', 'Bob Stone', 'Cara Wu']);
  });

  it('a batched patch whose second item fails keeps the first and names the failed index', async () => {
    await createAll();
    const err = (await rejection(
      client.sendAll([new UpdateBooking({ id: ids[0], cost: 1 }), new UpdateBooking({ id: 99999, cost: 2 })]),
    )) as unknown as { responseStatus: { errorCode: string; meta?: Record<string, string> } };
    expect(err.responseStatus.errorCode).toBe('OptimisticConcurrencyException');
    expect(err.responseStatus.meta?.['AutoBatchIndex']).toBe('1');
    expect((await query({ Id: ids[0] })).results?.[0]?.cost).toBe(1);
  });

  it('each X-Ssmock-Session has its own table', async () => {
    await createAll();
    const other = JsonApiClient.create(mock.url);
    other.headers.set('X-Ssmock-Session', 'qa-1');
    expect(((await other.get(new QueryBookings())) as QueryResponse<Booking>).results).toEqual([]);
    expect(await other.post(new CreateBooking(BOOKINGS[2]))).toEqual({ id: String(ids[4]! + 1) });
    expect(await names()).toHaveLength(5);
  });

  it('each tenant (organisationId) has its own table', async () => {
    const coupon = (organisationId: string, description: string) =>
      client.post(new CreateCoupon({ organisationId, description, discount: 5, expiryDate: '2026-06-01' }));
    await coupon('org-a', 'A one');
    await coupon('org-a', 'A two');
    await coupon('org-b', 'B one');
    const of = async (organisationId: string) =>
      (((await client.get(new QueryCoupons({ organisationId }))) as QueryResponse<Dto>).results ?? []).map(
        (c) => c['description'],
      );
    expect(await of('org-a')).toEqual(['A one', 'A two']);
    expect(await of('org-b')).toEqual(['B one']);
    expect(await of('org-c')).toEqual([]);
  });

  it('a query sees rows written by any path since the last query (scenario data through the admin API)', async () => {
    await createAll();
    expect(await names({ RoomType: 'Suite' })).toEqual(['Cara Wu']);
    const put = await fetch(`${mock.url}/__ssmock/state`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bookings: { Booking: [{ id: 1, name: 'Gil Seed', roomType: 'Suite', cost: 10 }] } }),
    });
    expect(put.status).toBeLessThan(300);
    expect(await names({ RoomType: 'Suite' })).toEqual(['Gil Seed']);
  });

  it('HEAD of an ICreateDb operation answers without a body and stores nothing', async () => {
    const total = async () =>
      ((await (await fetch(`${mock.url}/api/QueryBookings?include=Total`)).json()) as { total: number }).total;
    const before = await total();
    expect(typeof before).toBe('number');
    const res = await fetch(`${mock.url}/api/CreateBooking?name=Head%20Only&roomType=Single`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(await total()).toBe(before);
  });

  it('HEAD of a query answers like GET without a body and writes nothing', async () => {
    await createAll();
    const res = await fetch(`${mock.url}/bookings?take=1`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('bad input answers a ResponseStatus, never a 5xx, and leaves the state as it was', () => {
  beforeAll(async () => {
    await start();
    await createAll();
  });
  afterAll(() => mock.close());

  it.each<[string, string, number, string | null, number | null]>([
    ['Take=-1 is no limit (SQLite)', '?take=-1', 200, null, 5],
    ['a huge Skip is an empty page', '?skip=2147483647', 200, null, 0],
    ['a Skip past the end is an empty page', '?skip=10&take=5', 200, null, 0],
    ['an unknown convention is ignored', '?CostAround=3', 200, null, 5],
    ['an unknown field is ignored', '?Nickname=x', 200, null, 5],
    ['OrderBy of an unknown field', '?orderBy=Nickname', 400, 'ArgumentException', null],
    ['OrderByDesc of an unknown field', '?orderByDesc=-Nope', 400, 'ArgumentException', null],
    ['an untyped filter value of the wrong type', '?RoomNumberAbove=abc', 400, 'FormatException', null],
    ['an untyped date that is not a date', '?BookingStartDateAfter=soon', 400, 'FormatException', null],
    ['an unknown enum name', '?RoomType=Penthouse', 400, 'ArgumentException', null],
    ['a typed filter value of the wrong type', '?costAbove=abc', 400, 'SerializationException', null],
    ['a non-numeric Take', '?take=ten', 400, 'SerializationException', null],
  ])('%s', async (_, search, status, errorCode, count) => {
    const before = await state();
    const res = await fetch(`${mock.url}/bookings${search}`, { headers: { Accept: 'application/json' } });
    const body = (await res.json()) as { results?: unknown[]; responseStatus?: { errorCode: string } };
    expect(res.status).toBe(status);
    if (errorCode) expect(body.responseStatus?.errorCode).toBe(errorCode);
    if (count !== null) expect(body.results).toHaveLength(count);
    expect(await state()).toEqual(before);
  });

  it('a batch body that is not an array is a SerializationException', async () => {
    const res = await fetch(`${mock.url}/api/CreateBooking[]`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { responseStatus: { errorCode: string } }).responseStatus.errorCode).toBe(
      'SerializationException',
    );
  });
});

describe('restart on a db file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-aq-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the rows, and ids continue where they stopped', async () => {
    const db = path.join(dir, 'db.json');
    await start({ db });
    await createAll();
    await mock.close();
    await start({ db });
    try {
      expect(await client.post(new CreateBooking(BOOKINGS[1]))).toEqual({ id: String(ids[4]! + 1) });
      expect((await query({}, { include: 'Total' })).total).toBe(6);
    } finally {
      await mock.close();
    }
  });
});

describe("ServiceStack Home's Customer list filtered, paged and ordered as AutoQuery", () => {
  let home: MockServer;
  let customers: JsonServiceClient;
  const Customer = (method: string) => requestClass('Customer', method, () => ({}) as Dto);

  beforeAll(async () => {
    home = await startTestServer({ api: ['servicestack-home'] });
    customers = JsonApiClient.create(home.url);
    for (const [firstName, company] of [
      ['Ann', 'Acme'],
      ['Bea', 'Globex'],
      ['Cal', 'Acme'],
      ['Dee', 'Initech'],
    ])
      await customers.post(new (Customer('POST'))({ firstName, company, email: `${firstName}@example.com` }));
  });
  afterAll(() => home.close());

  const list = async (search: string) => {
    const res = await fetch(`${home.url}/Customer${search}`, { headers: { Accept: 'application/json' } });
    return { status: res.status, body: (await res.json()) as Dto[] & { responseStatus?: { errorCode: string } } };
  };

  it('a plain list answers every row as stored', async () => {
    expect((await list('')).body.map((c) => c['firstName'])).toEqual(['Ann', 'Bea', 'Cal', 'Dee']);
  });

  it.each<[string, string[]]>([
    ['?company=Acme', ['Ann', 'Cal']],
    ['?FirstNameStartsWith=b', ['Bea']],
    ['?CompanyIn=Globex,Initech', ['Bea', 'Dee']],
    ['?orderBy=-firstName&take=2', ['Dee', 'Cal']],
    ['?skip=1&take=2', ['Bea', 'Cal']],
    ['?company=Acme&orderByDesc=id', ['Cal', 'Ann']],
  ])('%s', async (search, expected) => {
    const { status, body } = await list(search);
    expect(status).toBe(200);
    expect(body.map((c) => c['firstName'])).toEqual(expected);
  });

  it('refuses an unknown OrderBy field as AutoQuery does', async () => {
    const { status, body } = await list('?orderBy=shoeSize');
    expect(status).toBe(400);
    expect(body.responseStatus?.errorCode).toBe('ArgumentException');
  });
});

describe('serve --fill N', () => {
  it('fills each empty AutoQuery table with N seeded rows of its type; the same seed gives the same rows', async () => {
    const fetchAll = async () => {
      const m = await startTestServer({ schemas: SCHEMAS, api: ['bookings'], fill: 25 });
      try {
        const c = JsonApiClient.create(m.url);
        const bookings = (await c.get(new QueryBookings({ include: 'Total', take: 3 }))) as QueryResponse<Booking>;
        const coupons = (await c.get(new QueryCoupons({ include: 'Total' }))) as QueryResponse<Dto>;
        return { bookings, coupons };
      } finally {
        await m.close();
      }
    };
    const first = await fetchAll();
    expect(first.bookings.total).toBe(25);
    expect(first.coupons.total).toBe(25);
    expect(first.bookings.results?.[0]).toEqual(
      expect.objectContaining({ id: expect.any(Number), name: expect.any(String), roomType: expect.any(String) }),
    );
    expect(await fetchAll()).toEqual(first);
  });

  it('ssmock serve --fill 7 (the built CLI)', async () => {
    const cli = path.resolve('dist/cli/index.js');
    if (!existsSync(cli)) throw new Error('build dist first: npx tsc -p tsconfig.build.json');
    const child = spawn(
      process.execPath,
      [
        cli,
        'serve',
        '--port',
        '0',
        '--quiet',
        '--db',
        'memory',
        '--schemas',
        SCHEMAS,
        '--api',
        'bookings',
        '--fill',
        '7',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const res = await fetch(`${url}/bookings?include=Total&take=1`);
      expect(((await res.json()) as QueryResponse<Booking>).total).toBe(7);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null && child.kill('SIGTERM')) await exited;
    }
  });

  it('is off by default: tables start empty', async () => {
    const m = await startTestServer({ schemas: SCHEMAS, api: ['bookings'] });
    try {
      const page = (await JsonApiClient.create(m.url).get(
        new QueryBookings({ include: 'Total' }),
      )) as QueryResponse<Booking>;
      expect(page.total).toBe(0);
    } finally {
      await m.close();
    }
  });
});

/**
 * The same loop from each DTO language derive reads: test/fixtures/autoquery/dtos.ts and dtos.cs (an API with
 * `[ValidateRequest]` roles, an audit base class on the table, a string-keyed table) derived into a temp dir
 * and served as they are.
 */
describe.each(['dtos.ts', 'dtos.cs'])('an AutoQuery API derived from %s', (file) => {
  let dir: string;
  let served: MockServer;
  let api: JsonServiceClient;
  const QueryBookingSummaries = requestClass('QueryBookingSummaries', 'GET', () => new QueryResponse<Dto>());
  const SaveCoupon = requestClass('SaveCoupon', 'POST', () => ({}) as Dto);
  const DeleteCoupon = requestClass('DeleteCoupon', 'DELETE', () => undefined);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-aq-derive-'));
    const derived = deriveSchemas({
      inputs: [new URL(`./fixtures/autoquery/${file}`, import.meta.url).pathname],
      out: dir,
      api: 'bookings',
    });
    expect(derived.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    served = await startTestServer({ schemas: dir, api: ['bookings'], auth: 'off' });
    api = JsonApiClient.create(served.url);
  });
  afterAll(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('create → query (typed, untyped, paged, ordered, total, Into) → patch → update → delete', async () => {
    const made: number[] = [];
    for (const b of BOOKINGS) made.push(Number(((await api.post(new CreateBooking(b))) as IdResponse).id));
    expect(made).toEqual(made.map((_, i) => made[0]! + i));
    const q = (init: Dto, args: Dto = {}) => api.get(new QueryBookings(init), args) as Promise<QueryResponse<Booking>>;
    const namesOf = async (init: Dto, args: Dto = {}) => ((await q(init, args)).results ?? []).map((b) => b.name);
    expect(await namesOf({ roomType: 'Double' })).toEqual(['Bob Stone', 'Eve Park']);
    expect(await namesOf({ nameStartsWith: 'c' })).toEqual(['Cara Wu']);
    expect(await namesOf({ costAbove: 200, orderBy: '-cost' })).toEqual(['Cara Wu', 'Dan Annett']);
    expect(await namesOf({ ids: [made[0], made[4]] })).toEqual(['Ann Lee', 'Eve Park']);
    expect(await namesOf({ notesContains: 'CHECK' })).toEqual(['Eve Park']);
    expect(await namesOf({}, { RoomNumberBetween: '200,205' })).toEqual(['Bob Stone', 'Dan Annett', 'Eve Park']);
    const page = await q({ skip: 1, take: 2, include: 'Total', orderByDesc: 'bookingStartDate' });
    expect([page.offset, page.total, page.results?.map((b) => b.name)]).toEqual([1, 5, ['Cara Wu', 'Bob Stone']]);
    expect((await q({ id: made[0] })).results?.[0]).toMatchObject({ name: 'Ann Lee', createdBy: expect.any(String) });
    const summaries = (await api.get(new QueryBookingSummaries({ roomNumbers: [101, 303] }))) as QueryResponse<Dto>;
    expect(summaries.results).toEqual([
      { id: made[0], name: 'Ann Lee', roomNumber: 101, cost: 120 },
      { id: made[2], name: 'Cara Wu', roomNumber: 303, cost: 450 },
    ]);

    expect(await api.patch(new UpdateBooking({ id: made[1], notes: 'window seat' }))).toEqual({ id: String(made[1]) });
    expect((await q({ id: made[1] })).results?.[0]).toMatchObject({
      name: 'Bob Stone',
      notes: 'window seat',
      cost: 180,
    });
    const replaced = { id: made[1], name: 'Bob Stone', roomType: 'Suite', roomNumber: 310, cost: 500 };
    await api.put(new ReplaceBooking({ ...replaced, bookingStartDate: '2026-02-10T00:00:00.000Z' }));
    const row = (await q({ id: made[1] })).results?.[0];
    expect(row).toMatchObject(replaced);
    expect(row).not.toHaveProperty('notes');

    await api.delete(new DeleteBooking({ id: made[1] }));
    expect((await q({ include: 'Total' })).total).toBe(4);
    const err = await rejection(api.patch(new UpdateBooking({ id: made[1], notes: 'gone' })));
    expect(err.responseStatus.errorCode).toBe('OptimisticConcurrencyException');
  });

  it('Fields answers only the columns asked for, even ones the table requires (the self-check allows it)', async () => {
    await api.post(new CreateBooking(BOOKINGS[0]!));
    const only = (await api.get(new QueryBookings({ fields: 'name' }))) as QueryResponse<Booking>;
    const row = only.results?.[0] as unknown as Dto;
    expect(row['name']).toBe(BOOKINGS[0]!.name);
    // Unselected strings are left out (value types keep their defaults, as OrmLite's SELECT leaves them).
    expect(row).not.toHaveProperty('createdBy');
    expect(row).not.toHaveProperty('notes');
  });

  it('a patch without its key answers ArgumentNullException naming it, as AutoCrud does (the route variable is not required)', async () => {
    const err = await rejection(api.patch(new UpdateBooking({ notes: 'no key' })));
    expect(err.responseStatus).toMatchObject({ errorCode: 'ArgumentNullException' });
    expect(err.responseStatus.errors?.[0]).toMatchObject({ fieldName: 'Id' });
  });

  it('a string-keyed table: ISaveDb inserts then updates, IDeleteDb removes', async () => {
    const saved = (await api.post(
      new SaveCoupon({ id: 'SPRING10', description: 'Spring', discount: 10, expiryDate: '2026-09-01T00:00:00.000Z' }),
    )) as Dto;
    expect(saved).toMatchObject({ id: 'SPRING10', description: 'Spring', discount: 10 });
    await api.post(new SaveCoupon({ id: 'SPRING10', description: 'Spring sale', discount: 15 }));
    const coupons = (await api.get(new QueryCoupons({ descriptionContains: 'sale' }))) as QueryResponse<Dto>;
    expect(coupons.results).toEqual([expect.objectContaining({ id: 'SPRING10', discount: 15 })]);
    await api.delete(new DeleteCoupon({ id: 'SPRING10' }));
    expect(((await api.get(new QueryCoupons())) as QueryResponse<Dto>).results).toEqual([]);
  });
});
