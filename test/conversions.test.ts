/**
 * A value of another JSON type than the property's: which ones are converted and which are a 400, over HTTP.
 * This table is the README's Errors table ("a value of another type") in executable form.
 *
 * ServiceStack.Text reads a JSON body as text and parses each value with the property type's parser, so a number
 * or boolean for a string is its text and "10" for an int is 10. A value that parser rejects is dropped silently by
 * default (`JsConfig.ThrowOnError` off) and rejected by System.Text.Json hosts; the mock answers 400 instead, so a
 * front end learns about it (README, "Decisions where the contract is silent").
 *
 * ServiceStack Home's `Customer` is the request: `firstName` string, `id` int, `isReferrer` bool,
 * `createdDate` DateTime, `orders` a list of `Order` (with `orderDetails[].skuType`, an enum).
 */
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

let mock: MockServer;
let home: string;
let nextId = 1000;

beforeAll(async () => {
  mock = await startTestServer({ api: 'servicestack-home' });
  home = mock.url;
});
afterAll(() => mock.close());

interface Answer {
  status: number;
  body: { responseStatus?: { errorCode: string; errors?: { errorCode: string; fieldName: string }[] } };
  /** The request DTO as the mock bound it (from the journal). */
  bound: Record<string, unknown> | undefined;
}

/** POSTs `{ id, ...fields }` as JSON to the predefined route (a fresh id each time, so every create succeeds). */
const send = async (fields: Record<string, unknown>): Promise<Answer> => {
  const res = await fetch(`${home}/api/Customer`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ id: nextId++, ...fields }),
  });
  const body = (await res.json()) as Answer['body'];
  return { status: res.status, body, bound: mock.requests().at(-1)?.request };
};

/** [property, JSON value sent, value bound]. */
const converted: [string, unknown, unknown][] = [
  // string ← number / boolean: the value's text (JavaScript's shortest form: 1.50 is "1.5").
  ['firstName', 42, '42'],
  ['firstName', -1.5, '-1.5'],
  ['firstName', 1.5e21, '1.5e+21'],
  ['firstName', true, 'true'],
  ['firstName', false, 'false'],
  // int ← string holding an integer
  ['id', '77', 77],
  ['id', ' -3 ', -3],
  // bool ← ServiceStack's words (any case) and the numbers 1 and 0
  ['isReferrer', 'true', true],
  ['isReferrer', 'False', false],
  ['isReferrer', 't', true],
  ['isReferrer', 'Y', true],
  ['isReferrer', 'on', true],
  ['isReferrer', 'n', false],
  ['isReferrer', '1', true],
  ['isReferrer', '0', false],
  ['isReferrer', 1, true],
  ['isReferrer', 0, false],
  // DateTime ← ISO-8601 (any offset, date only) or WCF text, held as UTC ISO
  ['createdDate', '2024-01-15T10:30:00+10:00', '2024-01-15T00:30:00.000Z'],
  ['createdDate', '2024-01-15', '2024-01-15T00:00:00.000Z'],
  ['createdDate', '/Date(1705314600000)/', '2024-01-15T10:30:00.000Z'],
  ['createdDate', '\\/Date(1705314600000-0000)\\/', '2024-01-15T10:30:00.000Z'],
];

describe('a JSON body value of another type', () => {
  it.each(converted)('%s ← %j is converted to %j', async (property, sent, bound) => {
    const answer = await send({ [property]: sent });
    expect(answer.status).toBe(200);
    expect(answer.bound?.[property]).toEqual(bound);
  });

  it('converts inside lists and nested DTOs too (Orders[0].CustomerId ← "5", enum names in any case)', async () => {
    const answer = await send({
      orders: [{ customerId: '5', paid: 1, notes: 7, orderDetails: [{ skuType: 'perdev' }] }],
    });
    expect(answer.status).toBe(200);
    expect(answer.bound?.['orders']).toEqual([
      { customerId: 5, paid: true, notes: '7', orderDetails: [{ skuType: 'PerDev' }] },
    ]);
  });

  /** [property, JSON value sent, errorCode, fieldName]. */
  const rejected: [string, unknown, string, string][] = [
    // string ← object or list
    ['firstName', { first: 'Ann' }, 'SerializationException', 'FirstName'],
    ['firstName', ['Ann'], 'SerializationException', 'FirstName'],
    // int ← text that is not an integer, a fraction, a boolean, an object
    ['id', 'abc', 'SerializationException', 'Id'],
    ['id', '1.5', 'SerializationException', 'Id'],
    ['id', 1.5, 'SerializationException', 'Id'],
    ['id', true, 'SerializationException', 'Id'],
    ['id', { value: 1 }, 'SerializationException', 'Id'],
    // bool ← other numbers, other words, an object
    ['isReferrer', 2, 'SerializationException', 'IsReferrer'],
    ['isReferrer', 'maybe', 'SerializationException', 'IsReferrer'],
    ['isReferrer', {}, 'SerializationException', 'IsReferrer'],
    // DateTime ← a number or boolean (no Unix times: ServiceStack's default date handler reads none)
    ['createdDate', 1705314600000, 'SerializationException', 'CreatedDate'],
    ['createdDate', true, 'SerializationException', 'CreatedDate'],
    // DateTime ← text that is no date: the type is right, the format is not
    ['createdDate', 'yesterday', 'InvalidFormat', 'CreatedDate'],
    // list ← a single value or an object; DTO ← a scalar
    ['orders', { customerId: 5 }, 'SerializationException', 'Orders'],
    ['orders', 'none', 'SerializationException', 'Orders'],
    ['orders', [5], 'SerializationException', 'Orders[0]'],
  ];

  it.each(rejected)('%s ← %j is a 400 %s naming %s', async (property, sent, errorCode, fieldName) => {
    const answer = await send({ [property]: sent });
    expect(answer.status).toBe(400);
    expect(answer.body.responseStatus?.errorCode).toBe(errorCode);
    expect(answer.body.responseStatus?.errors).toContainEqual(expect.objectContaining({ errorCode, fieldName }));
  });

  it('an enum ← a name it does not declare, or a number (the mock knows names, not ordinals): 400 Enum', async () => {
    for (const skuType of ['Gold', 2]) {
      const answer = await send({ orders: [{ orderDetails: [{ skuType }] }] });
      expect(answer.status).toBe(400);
      expect(answer.body.responseStatus?.errors).toContainEqual(
        expect.objectContaining({ errorCode: 'Enum', fieldName: 'Orders[0].OrderDetails[0].SkuType' }),
      );
    }
  });
});

describe('a query-string or path value (always text)', () => {
  it('is converted to the property type with the same rules', async () => {
    const res = await fetch(`${home}/Customer?isReferrer=on&firstName=42&createdDate=2024-01-15`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ id: nextId++ }),
    });
    expect(res.status).toBe(200);
    expect(mock.requests().at(-1)?.request).toMatchObject({
      isReferrer: true,
      firstName: '42',
      createdDate: '2024-01-15T00:00:00.000Z',
    });
  });

  it.each([
    ['/Customer/abc', 'Id'],
    ['/Customer?isReferrer=maybe', 'IsReferrer'],
    ['/Customer?createdDate=yesterday', 'CreatedDate'],
  ])('%s is a 400 SerializationException naming %s', async (url, fieldName) => {
    const res = await fetch(`${home}${url}`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Answer['body'];
    expect(body.responseStatus?.errorCode).toBe('SerializationException');
    expect(body.responseStatus?.errors).toContainEqual(
      expect.objectContaining({ errorCode: 'SerializationException', fieldName }),
    );
  });
});
