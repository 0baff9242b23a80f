/**
 * Precision a TypeScript or JavaScript DTO file hides (`number`, dates as `string`), recovered from the API's
 * other files, else from ServiceStack's naming conventions — and listed, so derive can say what it inferred.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFaker } from '../faker/index.js';
import { loadApi } from '../schema/registry.js';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { addDerivedFileToDraft } from './dto-file.js';
import { deriveSchemas } from './index.js';
import type { Diagnostic, Primitive } from './model.js';
import { conventionFor, inferredNotes } from './precision.js';

describe("ServiceStack's naming conventions", () => {
  it.each<[string, Primitive, Primitive | undefined]>([
    ['Id', 'double', 'int'],
    ['Offset', 'double', 'int'],
    ['Total', 'double', 'int'],
    ['Skip', 'double', 'int'],
    ['Take', 'double', 'int'],
    ['CustomerId', 'double', 'int'],
    ['RoomIds', 'double', 'int'],
    ['Paid', 'double', undefined], // ends in "id", but is no `…Id`
    ['Cost', 'double', undefined],
    ['BookingStartDate', 'string', 'datetime'],
    ['DateOfBirth', 'string', 'datetime'],
    ['CreatedAt', 'string', 'datetime'],
    ['ExpiresOn', 'string', 'datetime'],
    ['ModifiedDateUtc', 'string', 'datetime'],
    ['Created', 'string', 'datetime'],
    ['Modified', 'string', 'datetime'],
    ['Format', 'string', undefined], // ends in "at", but is no `…At`
    ['Json', 'string', undefined],
    ['Update', 'string', undefined],
    ['Notes', 'string', undefined],
    ['Id', 'string', undefined], // a string id is a string (Guid keys, natural keys)
    ['CreatedAt', 'double', undefined], // a number named like a date is no date
  ])('%s: %s → %s', (name, declared, expected) => {
    expect(conventionFor(name, declared)).toBe(expected);
  });
});

const typescriptOnly = `/* Options:
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
    public roomIds: number[];

    public constructor(init?: Partial<Booking>) { (Object as any).assign(this, init); }
}

export class GetBookingResponse
{
    public booking: Booking;
    public total: number;

    public constructor(init?: Partial<GetBookingResponse>) { (Object as any).assign(this, init); }
}

// @Route("/bookings/{Id}", "GET")
export class GetBooking implements IReturn<GetBookingResponse>
{
    public id: number;

    public constructor(init?: Partial<GetBooking>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'GetBooking'; }
    public getMethod() { return 'GET'; }
    public createResponse() { return new GetBookingResponse(); }
}
`;

const derive = (...files: [string, string][]) => {
  const draft = newDraft('t', 't');
  const diagnostics: Diagnostic[] = [];
  for (const [name, text] of files) addDerivedFileToDraft(draft, text, `docs/${name}`, name, diagnostics);
  return { ...buildApi(draft), parseDiagnostics: diagnostics };
};

describe('a TypeScript-only API', () => {
  const out = derive(['dtos.ts', typescriptOnly]);
  const booking = out.schemas.get('Booking')!.properties!;

  it('ids, totals and date-named strings get the types ServiceStack gives them; the rest stays as declared', () => {
    expect(out.parseDiagnostics).toEqual([]);
    expect(booking['id']).toMatchObject({ type: 'integer', 'x-dotnet-type': 'int' });
    expect(booking['customerId']).toMatchObject({ type: 'integer' });
    expect(booking['roomIds']).toMatchObject({ type: 'array', items: { type: 'integer' } });
    expect(booking['bookingStartDate']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(booking['createdAt']).toMatchObject({ format: 'date-time' });
    expect(booking['cost']).toMatchObject({ type: 'number', 'x-dotnet-type': 'double' });
    expect(booking['notes']).toEqual({ type: 'string', 'x-dotnet-type': 'string' });
    expect(out.schemas.get('GetBookingResponse')!.properties!['total']).toMatchObject({ type: 'integer' });
  });

  it('lists every inference with its file and line, and one note per file says them', () => {
    expect(out.inferred.map((i) => [`${i.type}.${i.property}`, i.declared, i.inferred, i.line])).toEqual([
      ['Booking.Id', 'number', 'int', 14],
      ['Booking.CustomerId', 'number', 'int', 15],
      ['Booking.BookingStartDate', 'string', 'DateTime', 16],
      ['Booking.CreatedAt', 'string', 'DateTime', 17],
      ['Booking.RoomIds', 'List<number>', 'List<int>', 20],
      ['GetBookingResponse.Total', 'number', 'int', 28],
      ['GetBooking.Id', 'number', 'int', 36],
    ]);
    expect(new Set(out.inferred.map((i) => i.file))).toEqual(new Set(['dtos.ts']));
    expect(inferredNotes(out.inferred)).toEqual([
      "dtos.ts:14: note: inferred 7 type(s) its language hides, by ServiceStack's naming conventions unless said: " +
        'Booking.Id int, Booking.CustomerId int, Booking.BookingStartDate DateTime, Booking.CreatedAt DateTime, ' +
        'Booking.RoomIds List<int>, GetBookingResponse.Total int, GetBooking.Id int',
    ]);
  });

  it("another file's precise declaration of the same name wins over the conventions", () => {
    const page = `namespace MyApp.ServiceModel
{
    [Route("/invoices")]
    public class CreateInvoice : IReturn<CreateInvoice>
    {
        public long CustomerId { get; set; }
        public decimal Cost { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}`;
    const both = derive(['dtos.ts', typescriptOnly], ['invoices.cs', page]);
    const props = both.schemas.get('Booking')!.properties!;
    expect(props['customerId']).toMatchObject({ 'x-dotnet-type': 'long' });
    expect(props['cost']).toMatchObject({ 'x-dotnet-type': 'decimal' });
    expect(props['createdAt']).toMatchObject({ 'x-dotnet-type': 'DateTimeOffset' });
    expect(both.inferred.find((i) => i.property === 'Cost')).toMatchObject({
      type: 'Booking',
      inferred: 'decimal',
      from: 'CreateInvoice.Cost',
    });
  });

  it('a …Id takes the type of the key of the table it names', () => {
    const customers = `namespace MyApp.ServiceModel
{
    [Route("/customers/{Id}")]
    public class GetCustomer : IReturn<Customer> { public long Id { get; set; } }
    public class Customer { public long Id { get; set; } public string Name { get; set; } }
}`;
    const both = derive(['dtos.ts', typescriptOnly], ['customers.cs', customers]);
    expect(both.schemas.get('Booking')!.properties!['customerId']).toMatchObject({ 'x-dotnet-type': 'long' });
    expect(both.inferred.find((i) => i.property === 'CustomerId')).toMatchObject({
      inferred: 'long',
      from: 'Customer.Id',
    });
    // `Id` names no table; the API's other ids are longs, so this one is too.
    expect(both.inferred.find((i) => i.type === 'Booking' && i.property === 'Id')).toMatchObject({ inferred: 'long' });
  });

  it('the faker answers integers and ISO dates for it (derive → schemas → fake)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ssmock-precision-'));
    try {
      const docs = path.join(root, 'bookings', 'docs');
      mkdirSync(docs, { recursive: true });
      writeFileSync(path.join(docs, 'dtos.ts'), typescriptOnly);
      const result = deriveSchemas({ inputs: [docs], out: root });
      expect(result.diagnostics).toEqual([]);
      expect(result.apis[0]?.inferred).toHaveLength(7);
      const api = loadApi(root, 'bookings');
      const resolve = (ref: string) => api.schemas.get(ref.replace(/\.json$/, ''));
      for (const seed of [1, 2, 3, 42]) {
        const faked = createFaker({ seed }).fake(api.schemas.get('Booking')!, {
          resolve,
          typeName: 'Booking',
        }) as Record<string, unknown>;
        expect(Number.isInteger(faked['id'])).toBe(true);
        expect(Number.isInteger(faked['customerId'])).toBe(true);
        expect(faked['bookingStartDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
        expect(faked['createdAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** A metadata page showing TypeScript DTOs: its JSON samples print the DateTime, TimeSpan and Guid defaults. */
const typescriptPage = `Acme Bookings

<back to all web services

CreateBooking

The following routes are available for this service:
POST/bookings

export class IdResponse
{
    public id: string;
    public issued: string;
    public constructor(init?: Partial<IdResponse>) { (Object as any).assign(this, init); }
}

// @Route("/bookings", "POST")
export class CreateBooking implements IReturn<IdResponse>, IPost
{
    public arrival: string;
    public stay: string;
    public token: string;
    public notes: string;
    public constructor(init?: Partial<CreateBooking>) { (Object as any).assign(this, init); }
}

TypeScript CreateBooking DTOs

HTTP + JSON

The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.

POST /bookings HTTP/1.1 
Host: bookings.example.org 
Accept: application/json
Content-Type: application/json
Content-Length: length

{"arrival":"0001-01-01T00:00:00.0000000","stay":"PT0S","token":"00000000000000000000000000000000","notes":"String"}
HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: length

{"id":"String","issued":"\\/Date(-62135596800000-0000)\\/"}
`;

describe('a JavaScript-only API (/types/mjs)', () => {
  const mjs = `"use strict";
export class Booking {
    /** @param {{id?:number,bookingStartDate?:string,cost?:number}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {number} */
    id;
    /** @type {string} */
    bookingStartDate;
    /** @type {number} */
    cost;
}
export class GetBooking {
    /** @param {{id?:number}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {number} */
    id;
    getTypeName() { return 'GetBooking' }
    getMethod() { return 'GET' }
    createResponse() { return new Booking() }
}
`;

  it('JSDoc numbers and strings are refined as TypeScript’s are', () => {
    const out = derive(['dtos.mjs', mjs]);
    const props = out.schemas.get('Booking')!.properties!;
    expect(props['id']).toMatchObject({ type: 'integer' });
    expect(props['bookingStartDate']).toMatchObject({ format: 'date-time' });
    expect(props['cost']).toMatchObject({ type: 'number' });
    expect(out.inferred.map((i) => `${i.type}.${i.property} ${i.inferred}`)).toEqual([
      'Booking.Id int',
      'Booking.BookingStartDate DateTime',
      'GetBooking.Id int',
    ]);
  });
});

describe('a Rust-only API', () => {
  // RustGenerator prints DateTime, TimeSpan and Guid as String; its numbers keep their sizes.
  const rust = `use serde::{Deserialize, Serialize};
use servicestack::*;

// Route("/bookings", "POST")
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct CreateBooking {
    pub id: i32,
    pub cost: f64,
    #[serde(rename = "bookingStartDate")]
    pub booking_start_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl IRequest for CreateBooking {
    const NAME: &'static str = "CreateBooking";
    const VERB: &'static str = "POST";
}
impl IReturn for CreateBooking {
    type Response = CreateBooking;
}
`;

  it('date-named strings are dates; its f64 stays a double and nothing else is inferred', () => {
    const out = derive(['dtos.rs', rust]);
    expect(out.parseDiagnostics).toEqual([]);
    const props = out.schemas.get('CreateBooking')!.properties!;
    expect(props['bookingStartDate']).toMatchObject({ format: 'date-time' });
    expect(props['cost']).toMatchObject({ 'x-dotnet-type': 'double' });
    expect(out.inferred.map((i) => `${i.property} ${i.inferred}`)).toEqual(['BookingStartDate DateTime']);
  });
});

describe("a TypeScript page's samples", () => {
  it('show the DateTime, TimeSpan and Guid properties the source prints as string', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ssmock-precision-page-'));
    try {
      const docs = path.join(root, 'acme', 'docs');
      mkdirSync(docs, { recursive: true });
      writeFileSync(path.join(docs, 'json.typescript.txt'), typescriptPage);
      const result = deriveSchemas({ inputs: [docs], out: root });
      expect(result.diagnostics).toEqual([]);
      expect(result.apis[0]?.inferred.map((i) => [`${i.type}.${i.property}`, i.declared, i.inferred, i.from])).toEqual([
        ['CreateBooking.Arrival', 'string', 'DateTime', 'the sample shows'],
        ['CreateBooking.Stay', 'string', 'TimeSpan', 'the sample shows'],
        ['CreateBooking.Token', 'string', 'Guid', 'the sample shows'],
        ['IdResponse.Issued', 'string', 'DateTime', 'the sample shows'],
      ]);
      const api = loadApi(root, 'acme');
      expect(api.schemas.get('CreateBooking')!.properties!['notes']).toEqual({
        type: 'string',
        'x-dotnet-type': 'string',
      });
      expect(api.schemas.get('IdResponse')!.properties!['id']).toEqual({ type: 'string', 'x-dotnet-type': 'string' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
