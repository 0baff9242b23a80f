/**
 * The AutoQuery fixture API (test/fixtures/autoquery: Booking with an int key and audit columns, Coupon with a
 * string key) derived from each of its three sources — the TypeScript and C# DTO files and the
 * `/types/metadata` JSON — gives the same AutoQuery manifest and schemas.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JsonSchema } from '../schema/json-schema.js';
import type { ApiManifest, AutoQueryBinding, OperationManifest } from '../schema/manifest.js';
import { deriveSchemas } from './index.js';

const FIXTURES = path.resolve('test/fixtures/autoquery');
const SOURCES = ['dtos.ts', 'dtos.cs', 'metadata.json'];

interface Expected {
  primaryVerb: OperationManifest['primaryVerb'];
  response: string | null;
  autoQuery: AutoQueryBinding;
  effect: string;
}

const BOOKING = { table: 'Booking', into: null, idProperty: 'id', idType: 'integer' } as const;
const COUPON = { table: 'Coupon', into: null, idProperty: 'id', idType: 'string' } as const;

const EXPECTED: Record<string, Expected> = {
  QueryBookings: {
    primaryVerb: 'GET',
    response: 'QueryResponseOfBooking',
    effect: 'list',
    autoQuery: {
      action: 'query',
      ...BOOKING,
      filters: {
        id: { field: 'id', convention: '=' },
        ids: { field: 'id', convention: '%In' },
        roomType: { field: 'roomType', convention: '=' },
        nameStartsWith: { field: 'name', convention: '%StartsWith' },
        costAbove: { field: 'cost', convention: '%Above%' },
        costBelow: { field: 'cost', convention: '%Below%' },
        roomNumberGreaterThan: { field: 'roomNumber', convention: '%GreaterThan%' },
        bookingStartDateAfter: { field: 'bookingStartDate', convention: '%After%' },
        notesContains: { field: 'notes', convention: '%Contains' },
        createdBy: { field: 'createdBy', convention: '=' },
      },
    },
  },
  QueryBookingSummaries: {
    primaryVerb: 'GET',
    response: 'QueryResponseOfBookingSummary',
    effect: 'list',
    autoQuery: {
      action: 'query',
      ...BOOKING,
      into: 'BookingSummary',
      filters: {
        roomNumbers: { field: 'roomNumber', convention: '%In' },
        cancelled: { field: 'cancelled', convention: '=' },
      },
    },
  },
  // No route: GET because it is a query.
  QueryCoupons: {
    primaryVerb: 'GET',
    response: 'QueryResponseOfCoupon',
    effect: 'list',
    autoQuery: {
      action: 'query',
      ...COUPON,
      filters: {
        id: { field: 'id', convention: '=' },
        descriptionContains: { field: 'description', convention: '%Contains' },
        discountBetween: { field: 'discount', convention: '%Between%' },
        expiryDateBefore: { field: 'expiryDate', convention: '%Before%' },
      },
    },
  },
  CreateBooking: {
    primaryVerb: 'POST',
    response: 'IdResponse',
    effect: 'create',
    autoQuery: { action: 'create', ...BOOKING, filters: {} },
  },
  UpdateBooking: {
    primaryVerb: 'PATCH',
    response: 'IdResponse',
    effect: 'update',
    autoQuery: { action: 'patch', ...BOOKING, filters: {} },
  },
  ReplaceBooking: {
    primaryVerb: 'PUT',
    response: 'IdResponse',
    effect: 'update',
    autoQuery: { action: 'update', ...BOOKING, filters: {} },
  },
  DeleteBooking: {
    primaryVerb: 'DELETE',
    response: null,
    effect: 'delete',
    autoQuery: { action: 'delete', ...BOOKING, filters: {} },
  },
  CreateCoupon: {
    primaryVerb: 'POST',
    response: 'IdResponse',
    effect: 'create',
    autoQuery: { action: 'create', ...COUPON, filters: {} },
  },
  SaveCoupon: {
    primaryVerb: 'POST',
    response: 'Coupon',
    effect: 'create',
    autoQuery: { action: 'save', ...COUPON, filters: {} },
  },
  DeleteCoupon: {
    primaryVerb: 'DELETE',
    response: null,
    effect: 'delete',
    autoQuery: { action: 'delete', ...COUPON, filters: {} },
  },
};

describe.each(SOURCES)('the AutoQuery fixture derived from %s', (source) => {
  let out: string;
  let manifest: ApiManifest;
  let diagnostics: ReturnType<typeof deriveSchemas>['diagnostics'];
  const schema = (name: string): JsonSchema =>
    JSON.parse(readFileSync(path.join(out, 'bookings', 'types', `${name}.json`), 'utf8')) as JsonSchema;
  const op = (name: string): OperationManifest => manifest.operations.find((o) => o.name === name)!;

  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'ssmock-autoquery-'));
    ({ diagnostics } = deriveSchemas({ inputs: [path.join(FIXTURES, source)], out, api: 'bookings' }));
    manifest = JSON.parse(readFileSync(path.join(out, 'bookings', 'manifest.json'), 'utf8')) as ApiManifest;
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('derives without a diagnostic', () => {
    expect(diagnostics).toEqual([]);
    expect(manifest.operations.map((o) => o.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('binds %s', (name, expected) => {
    const { primaryVerb, response, autoQuery, state } = op(name);
    expect({ primaryVerb, response }).toEqual({ primaryVerb: expected.primaryVerb, response: expected.response });
    expect(autoQuery).toEqual(expected.autoQuery);
    expect(state).toEqual({
      resource: expected.autoQuery.table,
      idProperty: 'id',
      idType: expected.autoQuery.idType,
      resultProperty: null,
      effects: {
        GET: expected.effect,
        POST: expected.effect,
        PUT: expected.effect,
        PATCH: expected.effect,
        DELETE: expected.effect,
      },
    });
  });

  it("gives a QueryDb request QueryBase's paging and ordering after its own filters", () => {
    expect(Object.keys(schema('QueryBookings').properties ?? {}).slice(-7)).toEqual([
      'skip',
      'take',
      'orderBy',
      'orderByDesc',
      'include',
      'fields',
      'meta',
    ]);
    expect(schema('QueryBookings').properties?.['take']).toMatchObject({
      type: expect.stringMatching(/integer|number/),
    });
    expect(schema('QueryBookingSummaries').properties).toHaveProperty('skip');
  });

  it.each([
    ['QueryResponseOfBooking', 'Booking.json'],
    ['QueryResponseOfBookingSummary', 'BookingSummary.json'],
    ['QueryResponseOfCoupon', 'Coupon.json'],
  ])('answers %s: offset, total, results of %s, meta, responseStatus', (name, row) => {
    const response = schema(name);
    expect(Object.keys(response.properties ?? {})).toEqual(['offset', 'total', 'results', 'meta', 'responseStatus']);
    expect(response.properties?.['results']).toEqual({ type: 'array', items: { $ref: row } });
  });

  it('gives the tables schemas of their own, audit columns flattened into Booking', () => {
    expect(Object.keys(schema('Booking').properties ?? {})).toEqual([
      'id',
      'name',
      'roomType',
      'roomNumber',
      'bookingStartDate',
      'bookingEndDate',
      'cost',
      'couponId',
      'notes',
      'cancelled',
      'createdDate',
      'createdBy',
      'modifiedDate',
      'modifiedBy',
      'deletedDate',
      'deletedBy',
    ]);
    expect(Object.keys(schema('Coupon').properties ?? {})).toEqual(['id', 'description', 'discount', 'expiryDate']);
    expect(Object.keys(schema('IdResponse').properties ?? {})).toEqual(['id', 'responseStatus']);
  });
});
