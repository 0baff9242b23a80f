import fc from 'fast-check';
import type { JsonSchema } from '../schema/json-schema.js';
import { answerRows } from './answer-rows.js';
import { jsvText, valueFor } from './__fixtures__/arbitraries.js';
import { csvCodec, parseCsv, parseCsvRecords, toCsvField, writeCsv } from './csv.js';

const SS_NS = 'http://schemas.servicestack.net/types';
const SCHEMAS: Record<string, JsonSchema> = {
  'Booking.json': {
    type: 'object',
    properties: {
      id: { type: 'integer', 'x-dotnet-type': 'int' },
      name: { type: 'string' },
      roomType: { $ref: 'RoomType.json' },
      cost: { type: 'number', 'x-dotnet-type': 'decimal' },
      startDate: { type: 'string', format: 'date-time', 'x-dotnet-type': 'DateTime' },
      cancelled: { type: 'boolean' },
      address: { $ref: 'Address.json' },
      tags: { type: 'array', items: { type: 'string' } },
    },
  },
  'RoomType.json': { type: 'string', enum: ['Single', 'Double'] },
  'Address.json': { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string' } } },
  'QueryResponseOfBooking.json': {
    type: 'object',
    'x-xml-namespace': SS_NS,
    properties: {
      offset: { type: 'integer' },
      total: { type: 'integer' },
      results: { type: 'array', items: { $ref: 'Booking.json' } },
      meta: { type: 'object', additionalProperties: { type: 'string' } },
      responseStatus: { $ref: 'ResponseStatus.json' },
    },
  },
  'ResponseStatus.json': { type: 'object', 'x-xml-namespace': SS_NS, properties: { errorCode: { type: 'string' } } },
  // A [DataContract] response whose first reference-type property is an object, not a list: that object is the row.
  'GetBookingResponse.json': {
    type: 'object',
    'x-xml-namespace': 'http://schemas.datacontract.org/2004/07/Acme',
    properties: {
      count: { type: 'integer' },
      responseStatus: { $ref: 'ResponseStatus.json' },
      booking: { $ref: 'Booking.json' },
      others: { type: 'array', items: { $ref: 'Booking.json' } },
    },
  },
  'MetaResponse.json': {
    type: 'object',
    'x-xml-namespace': SS_NS,
    properties: { name: { type: 'string' }, meta: { type: 'object', additionalProperties: { type: 'string' } } },
  },
};
const resolve = (ref: string): JsonSchema | undefined => SCHEMAS[ref];
const ctx = (type: string) => ({ schema: { $ref: `${type}.json` } as JsonSchema, resolve, typeName: type });
const HEADER = 'Id,Name,RoomType,Cost,StartDate,Cancelled,Address,Tags';

describe('CSV writer: the rows ServiceStack picks and how CsvWriter writes them', () => {
  it.each<[string, string, unknown, string]>([
    [
      "a QueryResponse writes its results, headers in .NET's PascalCase, CRLF after each row",
      'QueryResponseOfBooking',
      { offset: 0, total: 2, results: [{ id: 1, name: 'Ann' }, { id: 2 }] },
      `${HEADER}\r\n1,Ann,,,,,,\r\n2,,,,,,,\r\n`,
    ],
    [
      'an empty result list writes the header alone',
      'QueryResponseOfBooking',
      { total: 0, results: [] },
      `${HEADER}\r\n`,
    ],
    ['no results at all writes nothing', 'QueryResponseOfBooking', { total: 0 }, ''],
    [
      'bool True/False, enum by name, a date in the shortest XSD form, a number as is',
      'QueryResponseOfBooking',
      {
        results: [
          { id: 3, roomType: 'Double', cost: 12.5, startDate: '2026-02-01T00:00:00.000Z', cancelled: false },
          { id: 4, startDate: '2026-02-01T10:30:00.000Z', cancelled: true },
        ],
      },
      `${HEADER}\r\n3,,Double,12.5,2026-02-01,False,,\r\n4,,,,2026-02-01T10:30:00Z,True,,\r\n`,
    ],
    [
      'quotes a field with a comma, quote or line break, doubling inner quotes',
      'QueryResponseOfBooking',
      { results: [{ id: 5, name: 'Lee, "Ann"\nJr' }] },
      `${HEADER}\r\n5,"Lee, ""Ann""\nJr",,,,,,\r\n`,
    ],
    [
      'a nested object or list as its JSV, quoted since it starts with { or [',
      'QueryResponseOfBooking',
      { results: [{ id: 6, address: { city: 'Perth', zip: '6000' }, tags: ['a', 'b c'] }] },
      `${HEADER}\r\n6,,,,,,"{city:Perth,zip:6000}","[a,b c]"\r\n`,
    ],
    ['a list answer writes its items', 'Booking', [{ id: 7, name: 'Cara' }], `${HEADER}\r\n7,Cara,,,,,,\r\n`],
    [
      'a plain DTO (no DataContract) is its own one row',
      'Booking',
      { id: 8, name: 'Dan' },
      `${HEADER}\r\n8,Dan,,,,,,\r\n`,
    ],
    [
      "a DataContract DTO's first reference-type property that is no list is the one row",
      'GetBookingResponse',
      { count: 1, booking: { id: 9 }, others: [{ id: 10 }] },
      `${HEADER}\r\n9,,,,,,,\r\n`,
    ],
    [
      "a DataContract DTO's dictionary writes Key/Value rows",
      'MetaResponse',
      { name: 'x', meta: { a: '1', b: 'x,y' } },
      'Key,Value\r\na,1\r\nb,"x,y"\r\n',
    ],
  ])('%s', (_case, type, value, csv) => {
    expect(csvCodec.write(value, ctx(type))).toBe(csv);
  });

  it('a list of strings is one row without a header', () => {
    expect(writeCsv(['a', 'b,c', ''], { schema: { type: 'array', items: { type: 'string' } } })).toBe('a,"b,c",\r\n');
  });

  it('schemaless rows take their columns from the first row', () => {
    expect(writeCsv([{ a: 1, b: 'x' }, { b: 'y' }], {})).toBe('A,B\r\n1,x\r\n,y\r\n');
  });

  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['[not a list', '"[not a list"'],
    ['{x', '"{x"'],
    ['mid[dle]', 'mid[dle]'],
  ])('toCsvField(%j) → %j', (text, field) => expect(toCsvField(text)).toBe(field));
});

describe('answerRows', () => {
  it('says which shape it chose', () => {
    expect(answerRows({ results: [] }, ctx('QueryResponseOfBooking').schema, resolve).shape).toBe('list');
    expect(answerRows({ booking: {} }, ctx('GetBookingResponse').schema, resolve).shape).toBe('row');
    expect(answerRows({ id: 1 }, ctx('Booking').schema, resolve).shape).toBe('self');
  });
});

describe('CSV reader (a request body ServiceStack deserialises with CsvSerializer)', () => {
  it.each<[string, string, unknown]>([
    ['the header names the first row, whatever its case', 'id,NAME\r\n5,Ann\r\n6,Bob\r\n', { id: 5, name: 'Ann' }],
    [
      'typed by the schema, JSV for nested values',
      'Id,Cancelled,Address\n1,True,"{city:Perth}"',
      {
        id: 1,
        cancelled: true,
        address: { city: 'Perth' },
      },
    ],
    ['an empty field is absent', 'Id,Name\r\n1,\r\n', { id: 1 }],
    ['a header alone is a blank DTO', 'Id,Name\r\n', {}],
    ['unknown columns are kept as given', 'Id,Colour\r\n1,red\r\n', { id: 1, Colour: 'red' }],
  ])('%s', (_case, text, dto) => {
    expect(csvCodec.parse(text, ctx('Booking'))).toEqual(dto);
  });

  it('a quote left open is a CodecError', () => {
    expect(() => parseCsvRecords('a,"b\r\n')).toThrow(/not closed/);
  });
});

describe('CSV properties (fixed seed)', () => {
  const fieldText = fc.string({ unit: 'binary', maxLength: 8 });
  const records = fc
    .array(fc.array(fieldText, { minLength: 1, maxLength: 4 }), { maxLength: 5 })
    .map((rows) => rows.filter((r) => !(r.length === 1 && r[0] === '')));

  it('reads back every field toCsvField wrote, separators, quotes and line breaks included', () => {
    fc.assert(
      fc.property(records, (rows) => {
        const text = rows.map((r) => r.map(toCsvField).join(',')).join('\r\n');
        expect(parseCsvRecords(text)).toEqual(rows);
      }),
      { seed: 1616, numRuns: 400 },
    );
  });

  it('round-trips a DTO written as its own row: parseCsv(writeCsv(x)) equals x (empty strings read as absent)', () => {
    const booking = ctx('Booking');
    const withoutEmpty = (x: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(x).filter(([, v]) => v !== ''));
    fc.assert(
      fc.property(valueFor(booking.schema, resolve, jsvText), (value) => {
        const dto = value as Record<string, unknown>;
        expect(parseCsv(writeCsv(dto, booking), booking)).toEqual(withoutEmpty(dto));
      }),
      { seed: 1616, numRuns: 300 },
    );
  });
});
