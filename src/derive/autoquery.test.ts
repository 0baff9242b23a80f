import fc from 'fast-check';
import type { JsonSchema } from '../schema/json-schema.js';
import { autoQueryShape, queryBaseName, queryFilters, tableKey } from './autoquery.js';
import { builtinType } from './builtins.js';
import { flatten } from './flatten.js';
import type { Property, TypeDef, TypeRef } from './model.js';

const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };
const prim = (name: 'int' | 'long' | 'string' | 'guid' | 'double' | 'decimal'): TypeRef => ({
  kind: 'primitive',
  name,
});
const prop = (name: string, type: TypeRef, extra: Partial<Property> = {}): Property => ({
  name,
  type,
  nullable: true,
  required: false,
  ...extra,
});
const cls = (name: string, extra: Partial<TypeDef> = {}): TypeDef => ({
  name,
  kind: 'class',
  properties: [],
  ...extra,
});

/** A DTO file's own generic bases, as ServiceStack templates declare them. */
const OWN: TypeDef[] = [
  cls('QueryDbTenant', {
    genericParams: ['From', 'Into'],
    inherits: { name: 'QueryDb', args: [named('From'), named('Into')] },
    properties: [prop('TenantId', prim('int'))],
  }),
  cls('CreateAuditBase', {
    genericParams: ['Table', 'TResponse'],
    implements: [
      { name: 'IReturn', args: [named('TResponse')] },
      { name: 'ICreateDb', args: [named('Table')] },
    ],
  }),
];
const lookup = (name: string, arity?: number) => OWN.find((t) => t.name === name) ?? builtinType(name, arity);
const shapeOf = (def: TypeDef) => autoQueryShape(flatten(def, [], lookup));

describe('autoQueryShape', () => {
  it.each<[string, TypeDef, ReturnType<typeof autoQueryShape>]>([
    [
      'QueryDb<T>',
      cls('QueryBookings', { inherits: { name: 'QueryDb', args: [named('Booking')] } }),
      { action: 'query', table: named('Booking'), into: null },
    ],
    [
      'QueryDb<From, Into>',
      cls('QueryViews', { inherits: { name: 'QueryDb', args: [named('Booking'), named('BookingView')] } }),
      { action: 'query', table: named('Booking'), into: named('BookingView') },
    ],
    [
      'QueryData<T>',
      cls('QueryTodos', { inherits: { name: 'QueryData', args: [named('Todo')] } }),
      { action: 'query', table: named('Todo'), into: null },
    ],
    [
      "TypeScript's QueryDb_2",
      cls('QueryViews', { inherits: { name: 'QueryDb_2', args: [named('Booking'), named('BookingView')] } }),
      { action: 'query', table: named('Booking'), into: named('BookingView') },
    ],
    [
      'a base of its own over QueryDb<From, Into>',
      cls('QueryTenantBookings', {
        inherits: { name: 'QueryDbTenant', args: [named('Booking'), named('BookingView')] },
      }),
      { action: 'query', table: named('Booking'), into: named('BookingView') },
    ],
    [
      'IQueryDb<T> implemented directly',
      cls('FindBookings', { implements: [{ name: 'IQueryDb', args: [named('Booking')] }] }),
      { action: 'query', table: named('Booking'), into: null },
    ],
    ...(
      [
        ['ICreateDb', 'create'],
        ['IUpdateDb', 'update'],
        ['IPatchDb', 'patch'],
        ['IDeleteDb', 'delete'],
        ['ISaveDb', 'save'],
      ] as const
    ).map(([iface, action]): [string, TypeDef, ReturnType<typeof autoQueryShape>] => [
      `${iface}<T>`,
      cls('Op', {
        implements: [
          { name: 'IReturn', args: [named('IdResponse')] },
          { name: iface, args: [named('Coupon')] },
        ],
      }),
      { action, table: named('Coupon'), into: null },
    ]),
    [
      'ICreateDb<Table> through a generic base',
      cls('CreateBooking', { inherits: { name: 'CreateAuditBase', args: [named('Booking'), named('IdResponse')] } }),
      { action: 'create', table: named('Booking'), into: null },
    ],
    [
      "two CRUD markers: ServiceStack's order decides (update before patch)",
      cls('EditBooking', {
        implements: [
          { name: 'IPatchDb', args: [named('Booking')] },
          { name: 'IUpdateDb', args: [named('Booking')] },
        ],
      }),
      { action: 'update', table: named('Booking'), into: null },
    ],
    [
      'an ordinary operation',
      cls('Hello', { implements: [{ name: 'IReturn', args: [named('HelloResponse')] }] }),
      null,
    ],
    [
      'a marker with no table argument (Swift drops it)',
      cls('CreateBooking', { implements: [{ name: 'ICreateDb' }] }),
      null,
    ],
  ])('%s', (_, def, expected) => {
    expect(shapeOf(def)).toEqual(expected);
  });

  it('gives a QueryDb request the QueryBase members and the IReturn<QueryResponse<T>> of the built-in', () => {
    const flat = flatten(cls('QueryBookings', { inherits: { name: 'QueryDb', args: [named('Booking')] } }), [], lookup);
    expect(flat.properties.map((p) => p.name)).toEqual([
      'Skip',
      'Take',
      'OrderBy',
      'OrderByDesc',
      'Include',
      'Fields',
      'Meta',
    ]);
    expect(flat.interfaces).toContainEqual({ name: 'IReturn', args: [named('QueryResponse', [named('Booking')])] });
    const into = flatten(cls('Q', { inherits: { name: 'QueryDb', args: [named('A'), named('B')] } }), [], lookup);
    expect(into.interfaces).toContainEqual({ name: 'IReturn', args: [named('QueryResponse', [named('B')])] });
  });
});

describe('queryBaseName', () => {
  it.each([
    ['QueryDb_2', 'QueryDb'],
    ['QueryDb2', 'QueryDb'],
    ['QueryDb1', 'QueryDb'],
    ['QueryDb`2', 'QueryDb'],
    ['QueryData_1', 'QueryData'],
    ['QueryDb', 'QueryDb'],
    ['QueryDbTenant', 'QueryDbTenant'],
    ['QueryDb22', 'QueryDb22'],
  ])('%s → %s', (name, bare) => expect(queryBaseName(name)).toBe(bare));
});

describe('tableKey', () => {
  it.each<[string, Property[], ReturnType<typeof tableKey>]>([
    ['an int Id', [prop('Name', prim('string')), prop('Id', prim('int'))], { property: 'id', type: 'integer' }],
    ['a long Id', [prop('Id', prim('long'))], { property: 'id', type: 'integer' }],
    ['a TypeScript number Id', [prop('Id', prim('double'))], { property: 'id', type: 'integer' }],
    ['a string Id', [prop('Id', prim('string'))], { property: 'id', type: 'string' }],
    ['a Guid Id', [prop('Id', prim('guid'))], { property: 'id', type: 'string' }],
    ['an ID spelt otherwise', [prop('ID', prim('int'))], { property: 'iD', type: 'integer' }],
    [
      '[PrimaryKey] on another property',
      [prop('Id', prim('int')), prop('Code', prim('string'), { primaryKey: true })],
      { property: 'code', type: 'string' },
    ],
    [
      'no Id: the first property, as OrmLite',
      [prop('Sku', prim('string')), prop('Qty', prim('int'))],
      { property: 'sku', type: 'string' },
    ],
    ['no properties', [], null],
  ])('%s', (_, properties, expected) => {
    expect(tableKey(flatten(cls('T', { properties }), [], lookup), 'camel')).toEqual(expected);
  });

  it('writes the key in the API text case', () => {
    expect(tableKey(flatten(cls('T', { properties: [prop('Id', prim('int'))] }), [], lookup), 'pascal')).toEqual({
      property: 'Id',
      type: 'integer',
    });
  });
});

const BOOKING: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    age: { type: 'integer' },
    cost: { type: 'number' },
    roomNumber: { type: 'integer' },
  },
};

const requestWith = (...names: string[]) =>
  flatten(
    cls('QueryBookings', {
      inherits: { name: 'QueryDb', args: [named('Booking')] },
      properties: names.map((n) => prop(n, prim('string'))),
    }),
    [],
    lookup,
  );

describe('queryFilters', () => {
  it.each([
    ['Id', { field: 'id', convention: '=' }],
    ['Ids', { field: 'id', convention: '%In' }],
    ['RoomNumbers', { field: 'roomNumber', convention: '%In' }],
    ['IdIn', { field: 'id', convention: '%In' }],
    ['AgeAbove', { field: 'age', convention: '%Above%' }],
    ['AgeGreaterThan', { field: 'age', convention: '%GreaterThan%' }],
    ['AgeGreaterThanOrEqualTo', { field: 'age', convention: '%GreaterThanOrEqualTo%' }],
    ['AgeLessThan', { field: 'age', convention: '%LessThan%' }],
    ['MinAge', { field: 'age', convention: 'Min%' }],
    ['CostBetween', { field: 'cost', convention: '%Between%' }],
    ['NameStartsWith', { field: 'name', convention: '%StartsWith' }],
    ['NameContains', { field: 'name', convention: '%Contains' }],
    ['NameEndsWith', { field: 'name', convention: '%EndsWith' }],
    ['NameLike', { field: 'name', convention: '%Like%' }],
    ['NameIsNull', { field: 'name', convention: '%IsNull' }],
    ['BookingId', { field: 'id', convention: '=' }],
  ])('%s', (name, filter) => {
    expect(queryFilters(requestWith(name), 'Booking', BOOKING, { property: 'id', type: 'integer' }, 'camel')).toEqual({
      [name.charAt(0).toLowerCase() + name.slice(1)]: filter,
    });
  });

  it('leaves out QueryBase members and properties that name no field', () => {
    expect(
      queryFilters(
        requestWith('Colour', 'Take', 'Skip'),
        'Booking',
        BOOKING,
        { property: 'id', type: 'integer' },
        'camel',
      ),
    ).toEqual({});
  });

  it('names only table fields, never a QueryBase member, whatever the request declares', () => {
    const fields = Object.keys(BOOKING.properties ?? {});
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z][A-Za-z]{0,14}$/), { maxLength: 8 }), (names) => {
        const filters = queryFilters(
          requestWith(...new Set(names)),
          'Booking',
          BOOKING,
          { property: 'id', type: 'integer' },
          'camel',
        );
        for (const [wire, filter] of Object.entries(filters)) {
          expect(fields).toContain(filter.field);
          expect(['skip', 'take', 'orderBy', 'orderByDesc', 'include', 'fields', 'meta']).not.toContain(wire);
        }
      }),
    );
  });
});
