/**
 * The formats ServiceStack enables by default besides JSON, JSV and XML, as a front end meets them (README,
 * Formats): an AutoQuery answer as CSV (`?format=csv`, `.csv`, `/csv/reply/Op`, `Accept: text/csv`) parsed back
 * into the same rows JSON gives, as JSON Lines, a CSV request body, and the HTML page a browser gets of an answer.
 */
import { JsonApiClient, type JsonServiceClient } from '@servicestack/client';
import { parseCsvRecords } from '../src/formats/csv.js';
import { parseJsonl } from '../src/formats/jsonl.js';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const SCHEMAS = new URL('./fixtures/schemas', import.meta.url).pathname;

type Row = Record<string, unknown>;
class CreateBooking {
  constructor(init: Row) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'CreateBooking';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return {};
  }
}

const BOOKINGS = [
  { name: 'Ann Lee', roomType: 'Single', roomNumber: 101, cost: 120.5, bookingStartDate: '2026-02-01T00:00:00.000Z' },
  {
    name: 'Lee, "Bob"\nStone',
    roomType: 'Double',
    roomNumber: 202,
    cost: 180,
    bookingStartDate: '2026-02-10T09:30:00.000Z',
    notes: '[late] <b>check-in</b>',
    cancelled: true,
  },
];

let mock: MockServer;
let client: JsonServiceClient;

beforeAll(async () => {
  mock = await startTestServer({ schemas: SCHEMAS, api: ['bookings'] });
  client = JsonApiClient.create(mock.url);
  for (const b of BOOKINGS) await client.post(new CreateBooking(b));
});
afterAll(() => mock.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${mock.url}${path}`, { headers });
const jsonResults = async (): Promise<Row[]> =>
  ((await (await get('/api/QueryBookings', { Accept: 'application/json' })).json()) as { results: Row[] }).results;

/** CSV text → one object per row keyed by the header. */
const csvRows = (text: string): Record<string, string>[] => {
  const [header = [], ...rows] = parseCsvRecords(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
};

describe('CSV', () => {
  it.each([
    ['?format=csv', '/api/QueryBookings?format=csv', {}],
    ['a .csv extension on the user route', '/bookings.csv', {}],
    ['the /csv/reply predefined route', '/csv/reply/QueryBookings', {}],
    ['Accept: text/csv', '/bookings', { Accept: 'text/csv' }],
  ])('%s answers the results as CSV that parses back into the JSON rows', async (_case, path, headers) => {
    const res = await get(path, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment;filename="QueryBookings.csv"');
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe(
      'Id,Name,RoomType,RoomNumber,BookingStartDate,BookingEndDate,Cost,Notes,Cancelled,CreatedBy,CreatedDate',
    );
    const rows = csvRows(text);
    const json = await jsonResults();
    expect(rows).toHaveLength(json.length);
    rows.forEach((row, i) => {
      const b = json[i]!;
      expect(row).toMatchObject({
        Id: String(b['id']),
        Name: b['name'],
        RoomType: b['roomType'],
        RoomNumber: String(b['roomNumber']),
        Cost: String(b['cost']),
        Notes: b['notes'] ?? '',
        Cancelled: b['cancelled'] ? 'True' : 'False',
        BookingEndDate: '',
      });
    });
    expect(rows.map((r) => r['BookingStartDate'])).toEqual(['2026-02-01', '2026-02-10T09:30:00Z']);
  });

  it('an error is the error DTO as one row, with no Content-Disposition', async () => {
    const res = await get('/api/QueryBookings?format=csv&Id=x');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    const [row] = csvRows(await res.text());
    expect(row?.['ResponseStatus']).toMatch(/^\{errorCode:SerializationException,/);
  });

  it('reads a request body in CSV, as ServiceStack registers a CSV deserialiser', async () => {
    const res = await fetch(`${mock.url}/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Accept: 'application/json' },
      body: 'Name,RoomType,RoomNumber,Cost,BookingStartDate\r\n"Cara, Wu",Suite,303,450,2026-03-05\r\n',
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const made = (await jsonResults()).find((b) => String(b['id']) === id);
    expect(made).toMatchObject({ name: 'Cara, Wu', roomType: 'Suite', roomNumber: 303, cost: 450 });
  });
  it('a CSV body with a quote left open is a 400 SerializationException naming CSV', async () => {
    const res = await fetch(`${mock.url}/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Accept: 'application/json' },
      body: 'Name,Cost\r\n"Dan,5\r\n',
    });
    expect(res.status).toBe(400);
    const { responseStatus } = (await res.json()) as { responseStatus: { errorCode: string; message: string } };
    expect(responseStatus.errorCode).toBe('SerializationException');
    expect(responseStatus.message).toMatch(/'text\/csv'.*CSV: a quoted field is not closed/);
  });
});

describe('JSON Lines', () => {
  it.each([
    ['?format=jsonl', '/api/QueryBookings?format=jsonl', {}],
    ['a .jsonl extension', '/bookings.jsonl', {}],
    ['Accept: text/jsonl', '/bookings', { Accept: 'text/jsonl' }],
    ['Accept: application/jsonl', '/bookings', { Accept: 'application/jsonl' }],
  ])('%s answers one JSON line per result, the same rows JSON gives', async (_case, path, headers) => {
    const res = await get(path, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/jsonl');
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(parseJsonl(text)).toEqual(await jsonResults());
  });
});

describe('HTML for a browser', () => {
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  it('a browser gets a page: a table of the results and the answer as JSON, every value escaped', async () => {
    const res = await get('/bookings', { Accept: BROWSER });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<title>QueryBookings</title>');
    expect(html).not.toMatch(/<script|<b>/i);
    const headers = [...(/<thead><tr>(.*?)<\/tr><\/thead>/s.exec(html)?.[1] ?? '').matchAll(/<th>(.*?)<\/th>/g)].map(
      (m) => m[1],
    );
    expect(headers.slice(0, 3)).toEqual(['Id', 'Name', 'RoomType']);
    const bodyRows = [...(/<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '').matchAll(/<tr>(.*?)<\/tr>/gs)];
    const json = await jsonResults();
    expect(bodyRows).toHaveLength(json.length);
    expect(html).toContain('&lt;b&gt;check-in&lt;/b&gt;');
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    const pre = /<pre id="json">(.*?)<\/pre>/s.exec(html)?.[1] ?? '';
    expect((JSON.parse(unescape(pre)) as { results: Row[] }).results).toEqual(json);
    expect(html).toContain('href="/metadata"');
    expect(html).toContain('href="/bookings?format=csv"');
  });

  it('an error is a page too, with its status', async () => {
    const res = await get('/bookings?Id=x', { Accept: BROWSER });
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('responseStatus');
  });

  it.each([
    ['Accept: application/json', { Accept: 'application/json' }, '/bookings'],
    ['no Accept', {}, '/bookings'],
    ['a browser asking ?format=json', { Accept: BROWSER }, '/bookings?format=json'],
    ['a browser on /api/{Op}', { Accept: BROWSER }, '/api/QueryBookings'],
  ])('%s keeps JSON', async (_case, headers, path) => {
    const res = await get(path, headers);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await res.json()) as { results: Row[] }).results).toHaveLength(await jsonResults().then((r) => r.length));
  });
});
