/**
 * Type fidelity end to end (README, "What derive reads"): an API known only from its TypeScript DTO file is derived,
 * served and called through @servicestack/client — its ids answer as integers and its dates as ISO dates, not
 * `850.22` and `"accusamus"`; and `[DataMember(Name=…)]` names travel on the wire as written, both ways.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonServiceClient } from '@servicestack/client';
import { deriveSchemas } from '../src/derive/index.js';
import type { MockServer } from '../src/server/start.js';
import { rejection, startTestServer } from './helpers.js';

const bookingsTs = `/* Options:
Date: 2026-12-03 04:00:00
Version: 8.52
BaseUrl: https://bookings.example.org
*/

export interface IReturn<T>
{
    createResponse(): T;
}

export class Booking
{
    public id: number;
    public customerId: number;
    public bookingStartDate: string;
    public createdAt: string;
    public cost: number;
    public notes: string;

    public constructor(init?: Partial<Booking>) { (Object as any).assign(this, init); }
}

export class SearchBookingsResponse
{
    public results: Booking[];
    public total: number;

    public constructor(init?: Partial<SearchBookingsResponse>) { (Object as any).assign(this, init); }
}

// @Route("/bookings/search", "GET")
export class SearchBookings implements IReturn<SearchBookingsResponse>
{
    public notes: string;

    public constructor(init?: Partial<SearchBookings>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'SearchBookings'; }
    public getMethod() { return 'GET'; }
    public createResponse() { return new SearchBookingsResponse(); }
}
`;

const ticketsCs = `namespace Tickets.ServiceModel
{
    [Route("/tickets", "POST")]
    [DataContract]
    public class CreateTicket : IReturn<CreateTicketResponse>
    {
        [DataMember(Name = "ticket_ref")]
        public string TicketRef { get; set; }

        [DataMember]
        public int Seats { get; set; }
    }

    [DataContract]
    public class CreateTicketResponse
    {
        [DataMember(Name = "ticket_ref")]
        public string TicketRef { get; set; }

        [DataMember(Name = "issued_at")]
        public DateTime IssuedAt { get; set; }
    }
}
`;

/** The request DTOs as the TypeScript generator prints them for the client. */
class SearchBookings {
  notes?: string;
  constructor(init?: Partial<SearchBookings>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'SearchBookings';
  }
  getMethod() {
    return 'GET';
  }
  createResponse() {
    return {} as { results: Record<string, unknown>[]; total: unknown };
  }
}

class CreateTicket {
  constructor(init?: Record<string, unknown>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'CreateTicket';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return {} as Record<string, unknown>;
  }
}

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;

let root: string;
let mock: MockServer;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ssmock-type-fidelity-'));
  const schemas = path.join(root, 'schemas');
  for (const [api, file, text] of [
    ['bookings', 'dtos.ts', bookingsTs],
    ['tickets', 'dtos.cs', ticketsCs],
  ] as const) {
    const docs = path.join(schemas, api, 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, file), text);
  }
  const result = deriveSchemas({
    inputs: [path.join(schemas, 'bookings', 'docs'), path.join(schemas, 'tickets', 'docs')],
    out: schemas,
  });
  expect(result.diagnostics).toEqual([]);
  mock = await startTestServer({ schemas, strict: true });
});
afterAll(async () => {
  await mock?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('an API known only from its TypeScript DTOs', () => {
  it('derive says what it inferred', () => {
    const result = deriveSchemas({
      inputs: [path.join(root, 'schemas', 'bookings', 'docs')],
      out: path.join(root, 'again'),
    });
    expect(result.apis[0]?.inferred.map((i) => `${i.type}.${i.property} ${i.inferred}`)).toEqual([
      'Booking.Id int',
      'Booking.CustomerId int',
      'Booking.BookingStartDate DateTime',
      'Booking.CreatedAt DateTime',
      'SearchBookingsResponse.Total int',
    ]);
  });

  it('ssmock derive says it in one note line for the file, and counts it in the summary', async () => {
    const docs = path.join(root, 'schemas', 'bookings', 'docs');
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        process.execPath,
        [path.resolve('dist/cli/index.js'), 'derive', docs, '--out', path.join(root, 'cli')],
        { timeout: 30_000 },
        (err, out, errOut) => (err ? reject(err) : resolve({ stdout: out, stderr: errOut })),
      ),
    );
    expect(stderr.trim().split('\n')).toEqual([
      `${path.join(docs, 'dtos.ts')}:14: note: inferred 5 type(s) its language hides, by ServiceStack's naming ` +
        'conventions unless said: Booking.Id int, Booking.CustomerId int, Booking.BookingStartDate DateTime, ' +
        'Booking.CreatedAt DateTime, SearchBookingsResponse.Total int',
    ]);
    expect(stdout).toMatch(/^bookings: 1 operation \(SearchBookings\), .*precision inferred for 5 properties$/m);
  });

  it('answers integer ids and totals and ISO dates; other numbers and strings stay as declared', async () => {
    const client = new JsonServiceClient(`${mock.url}/bookings`);
    const answer = await client.get(new SearchBookings({ notes: 'window seat' }));
    expect(Number.isInteger(answer.total)).toBe(true);
    expect(answer.results.length).toBeGreaterThan(0);
    for (const booking of answer.results) {
      expect(Number.isInteger(booking['id'])).toBe(true);
      expect(Number.isInteger(booking['customerId'])).toBe(true);
      expect(booking['bookingStartDate']).toMatch(ISO_DATE);
      expect(booking['createdAt']).toMatch(ISO_DATE);
      expect(typeof booking['cost']).toBe('number');
      expect(typeof booking['notes']).toBe('string');
    }
  });
});

describe('[DataMember(Name=…)] on the wire', () => {
  it('the request binds by the alias and the answer is written with it', async () => {
    const client = new JsonServiceClient(`${mock.url}/tickets`);
    const answer = await client.post(new CreateTicket({ ticket_ref: 'T-100', seats: 2 }));
    expect(Object.keys(answer).sort()).toEqual(['issued_at', 'ticket_ref']);
    expect(answer['issued_at']).toMatch(ISO_DATE);
  });

  it('XML names the elements by the alias too, as DataContractSerializer does', async () => {
    const res = await fetch(`${mock.url}/tickets/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/xml' },
      body:
        '<CreateTicket xmlns="http://schemas.datacontract.org/2004/07/Tickets.ServiceModel">' +
        '<Seats>2</Seats><ticket_ref>T-100</ticket_ref></CreateTicket>',
    });
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(xml).toMatch(/<issued_at>\d{4}-\d\d-\d\dT[^<]+<\/issued_at>/);
    expect(xml).toMatch(/<ticket_ref>[^<]*<\/ticket_ref>/);
    expect(xml).not.toMatch(/Ticket_ref|TicketRef|IssuedAt/);
  });

  it('the C# name is no wire name: --strict refuses it as an unknown property', async () => {
    const client = new JsonServiceClient(`${mock.url}/tickets`);
    const failure = await rejection(client.post(new CreateTicket({ ticketRef: 'T-100', seats: 2 })));
    expect(failure.responseStatus.message).toMatch(/ticketRef/);
  });
});

describe('served back as /types/metadata', () => {
  const stockCs = `namespace Acme.ServiceModel
{
    [Route("/stock", "GET")]
    public class GetStock : IReturn<GetStock>
    {
        public Perms Perms { get; set; }
        public List<int?> Counts { get; set; }
        [DataMember(Name = "stock_ref")]
        public string StockRef { get; set; }
    }

    [Flags]
    public enum Perms { None = 0, Read = 1, Write = 2 }
}
`;

  it('[Flags] enums, nullable generic arguments and DataMember aliases derive back the same', async () => {
    const first = path.join(root, 'round-trip', 'first');
    const docs = path.join(first, 'stock', 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, 'dtos.cs'), stockCs);
    expect(deriveSchemas({ inputs: [docs], out: first }).diagnostics).toEqual([]);
    const served = await startTestServer({ schemas: first });
    try {
      const res = await fetch(`${served.url}/types/metadata`);
      const metadata = (await res.json()) as { types: { name: string }[] };
      expect(metadata.types.find((t) => t.name === 'Perms')).toMatchObject({
        isEnum: true,
        isEnumInt: true,
        enumNames: ['None', 'Read', 'Write'],
        enumValues: ['0', '1', '2'],
      });
      const second = path.join(root, 'round-trip', 'second');
      const again = path.join(second, 'stock', 'docs');
      mkdirSync(again, { recursive: true });
      writeFileSync(path.join(again, 'metadata.json'), JSON.stringify(metadata, null, 2));
      expect(deriveSchemas({ inputs: [again], out: second }).diagnostics).toEqual([]);
      const schema = (dir: string, type: string) =>
        JSON.parse(readFileSync(path.join(dir, 'stock', 'types', `${type}.json`), 'utf8')) as Record<string, unknown>;
      expect(schema(second, 'Perms')).toEqual(schema(first, 'Perms'));
      // (The JSON's `method` adds the IGet marker the C# did not print: the properties are the contract.)
      expect(schema(second, 'GetStock')['properties']).toEqual(schema(first, 'GetStock')['properties']);
      expect(Object.keys(schema(first, 'GetStock')['properties'] as object)).toEqual(['perms', 'counts', 'stock_ref']);
    } finally {
      await served.close();
    }
  });
});
