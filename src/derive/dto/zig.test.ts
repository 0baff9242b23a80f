import fc from 'fast-check';
import type { TypeDef, TypeRef } from '../model.js';
import { detectDtoLanguage } from './index.js';
import { parseZigDtos } from './zig.js';

// A /types/zig file as ZigGenerator prints it: the options are one doc-comment block.
const TYPES_FILE = `/// Options:
/// Date: 2026-11-30 09:12:04
/// Version: 8.80
/// Tip: To override a DTO option, remove "/" prefix before updating
/// BaseUrl: https://localhost:5001
/// GlobalNamespace:
/// MakePropertiesOptional: False
/// AddServiceStackTypes: True
/// AddResponseStatus: False
/// AddImplicitVersion:
/// AddDescriptionAsComments: True
/// IncludeTypes:
/// ExcludeTypes:
/// DefaultImports: const std = @import("std");
///
const std = @import("std");
const ss = @import("servicestack");

pub const RoomType = enum {
    Single,
    Double,
    Suite,
};

pub const Flags = enum(i32) {
    None = 0,
    First = 1,
    Second = 2,
};

pub const Booking = struct {
    created_date: ?[]const u8 = null,
    created_by: ?[]const u8 = null,
    modified_date: ?[]const u8 = null,
    modified_by: ?[]const u8 = null,
    deleted_date: ?[]const u8 = null,
    deleted_by: ?[]const u8 = null,
    id: i32 = 0,
    name: ?[]const u8 = null,
    room_type: ?RoomType = null,
    room_number: i32 = 0,
    booking_start_date: ?[]const u8 = null,
    cost: f64 = 0,
    cancelled: ?bool = null,
};

pub fn KeyValuePair(comptime K: type, comptime V: type) type {
    return struct {
        key: ?K = null,
        value: ?V = null,
    };
}

pub fn Marker(comptime T: type) type {
    _ = T;
    return struct {};
}

/// Find Bookings
// @Route("/bookings", "GET")
// @Route("/bookings/{Id}", "GET")
pub const QueryBookings = struct {
    pub const ss_name = "QueryBookings";
    pub const ss_verb = "GET";
    pub const Response = ss.QueryResponse(Booking);

    skip: ?i32 = null,
    take: ?i32 = null,
    order_by: ?[]const u8 = null,
    order_by_desc: ?[]const u8 = null,
    include: ?[]const u8 = null,
    fields: ?[]const u8 = null,
    meta: ?std.json.Value = null,
    id: ?i32 = null,
    cost_above: ?f64 = null,
    room_numbers: ?[]i32 = null,
};

pub const QueryBookingSummaries = struct {
    pub const ss_name = "QueryBookingSummaries";
    pub const ss_verb = "GET";
    pub const Response = ss.QueryResponse(BookingSummary);

    skip: ?i32 = null,
    take: ?i32 = null,
    order_by: ?[]const u8 = null,
    order_by_desc: ?[]const u8 = null,
    include: ?[]const u8 = null,
    fields: ?[]const u8 = null,
    meta: ?std.json.Value = null,
    name_starts_with: ?[]const u8 = null,
};

// @Route("/bookings", "POST")
// @ValidateHasRole("Employee")
pub const CreateBooking = struct {
    pub const ss_name = "CreateBooking";
    pub const ss_verb = "POST";
    pub const Response = ss.IdResponse;

    /// Name this Booking
    // @ValidateNotEmpty()
    name: ?[]const u8 = null,

    room_type: ?RoomType = null,
    tags: ?[][]const u8 = null,
    labels: ?std.json.Value = null,
    pairs: ?[]KeyValuePair([]const u8, i32) = null,
    @"type": ?[]const u8 = null,
};

// @Route("/bookings/{Id}", "DELETE")
// @ValidateIsAuthenticated()
pub const DeleteBooking = struct {
    pub const ss_name = "DeleteBooking";
    pub const ss_verb = "DELETE";

    id: i32 = 0,
};

pub const BookingSummary = struct {
    id: i32 = 0,
    name: ?[]const u8 = null,
};

pub const Rockstars = struct {
    pub const ss_collection = "items";

    items: []const BookingSummary = &.{},
};

pub const EmptyResponse = struct {};
`;

const parsed = parseZigDtos(TYPES_FILE, 'dtos.zig', 1);
const byName = (name: string): TypeDef => {
  const t = parsed.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };
const prim = (name: string): TypeRef => ({ kind: 'primitive', name }) as TypeRef;

describe('parseZigDtos on a /types/zig file', () => {
  it('reads it without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.types.map((t) => t.name)).toEqual([
      'RoomType',
      'Flags',
      'Booking',
      'KeyValuePair',
      'Marker',
      'QueryBookings',
      'QueryBookingSummaries',
      'CreateBooking',
      'DeleteBooking',
      'BookingSummary',
      'Rockstars',
      'EmptyResponse',
    ]);
  });

  it.each<[string, string[], number[] | undefined]>([
    ['RoomType', ['Single', 'Double', 'Suite'], undefined],
    // An enum printed as integers is one ServiceStack writes as numbers: its members' values are kept.
    ['Flags', ['None', 'First', 'Second'], [0, 1, 2]],
  ])('reads enum %s', (name, values, numbers) => {
    expect(byName(name)).toMatchObject({ kind: 'enum', enumValues: values });
    expect(byName(name).enumNumbers).toEqual(numbers);
  });

  it('reads properties, the flattened base members included, in PascalCase', () => {
    const booking = byName('Booking');
    expect(booking.description).toBeUndefined();
    expect(booking.properties.map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['CreatedDate', prim('string'), true],
      ['CreatedBy', prim('string'), true],
      ['ModifiedDate', prim('string'), true],
      ['ModifiedBy', prim('string'), true],
      ['DeletedDate', prim('string'), true],
      ['DeletedBy', prim('string'), true],
      ['Id', prim('int'), false],
      ['Name', prim('string'), true],
      ['RoomType', named('RoomType'), true],
      ['RoomNumber', prim('int'), false],
      ['BookingStartDate', prim('string'), true],
      ['Cost', prim('double'), false],
      ['Cancelled', prim('bool'), true],
    ]);
    expect(booking.properties[6]?.line).toBe(TYPES_FILE.split('\n').indexOf('    id: i32 = 0,') + 1);
  });

  it('reads generic functions as generic definitions', () => {
    expect(byName('KeyValuePair')).toMatchObject({
      genericParams: ['K', 'V'],
      properties: [
        { name: 'Key', type: named('K'), nullable: true },
        { name: 'Value', type: named('V'), nullable: true },
      ],
    });
    expect(byName('Marker')).toMatchObject({ genericParams: ['T'], properties: [] });
  });

  it('reads routes, Response and ss_verb; a request without Response returns nothing', () => {
    expect(byName('QueryBookings')).toMatchObject({
      description: 'Find Bookings',
      routes: [
        { path: '/bookings', verbs: ['GET'] },
        { path: '/bookings/{Id}', verbs: ['GET'] },
      ],
      implements: [{ name: 'IGet' }, { name: 'IReturn', args: [named('QueryResponse', [named('Booking')])] }],
    });
    expect(byName('CreateBooking').implements).toEqual([
      { name: 'IPost' },
      { name: 'IReturn', args: [named('IdResponse')] },
    ]);
    expect(byName('DeleteBooking').implements).toEqual([{ name: 'IDelete' }, { name: 'IReturnVoid' }]);
    expect(byName('BookingSummary').implements).toBeUndefined();
  });

  it('reads a query with the QueryBase members flattened into it as QueryDb<T> of its response', () => {
    expect(byName('QueryBookings')).toMatchObject({
      inherits: { name: 'QueryDb', args: [named('Booking')] },
      properties: [
        { name: 'Id' },
        { name: 'CostAbove' },
        { name: 'RoomNumbers', type: { kind: 'list', of: prim('int') } },
      ],
    });
    expect(byName('QueryBookingSummaries').inherits).toEqual({ name: 'QueryDb', args: [named('BookingSummary')] });
  });

  it('reads attribute comments, doc comments, collections and quoted names', () => {
    const create = byName('CreateBooking');
    expect(create.auth).toMatchObject({ required: true, roles: ['Employee'], style: 'validator' });
    expect(byName('DeleteBooking').auth).toMatchObject({ required: true, style: 'validator' });
    expect(create.properties[0]).toMatchObject({ name: 'Name', description: 'Name this Booking', required: true });
    expect(create.properties.slice(2).map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Tags', { kind: 'list', of: prim('string') }, true],
      ['Labels', prim('object'), true],
      ['Pairs', { kind: 'list', of: named('KeyValuePair', [prim('string'), prim('int')]) }, true],
      ['Type', prim('string'), true],
    ]);
  });

  it('reads the ss_collection field as an inherited collection, and an empty struct', () => {
    expect(byName('Rockstars')).toMatchObject({
      inherits: { name: 'List', args: [named('BookingSummary')] },
      properties: [],
    });
    expect(byName('EmptyResponse').properties).toEqual([]);
  });
});

describe("a query as ZigGenerator's docs abridge it", () => {
  it('is still QueryDb<T> of its response', () => {
    const source = `pub const QueryBookings = struct {
    pub const ss_name = "QueryBookings";
    pub const ss_verb = "GET";
    pub const Response = ss.QueryResponse(Booking);

    // Inherited AutoQuery params
    skip: ?i32 = null,
    take: ?i32 = null,
    orderBy: ?[]const u8 = null,
    orderByDesc: ?[]const u8 = null,

    id: ?i32 = null,
};
`;
    const { types, diagnostics } = parseZigDtos(source, 'x.zig', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]).toMatchObject({
      inherits: { name: 'QueryDb', args: [named('Booking')] },
      properties: [{ name: 'Id', type: prim('int'), nullable: true }],
    });
  });
});

describe('Zig type expressions', () => {
  it.each<[string, TypeRef, boolean]>([
    ['[]const u8', prim('string'), false],
    ['?[]const u8', prim('string'), true],
    ['bool', prim('bool'), false],
    ['u8', prim('byte'), false],
    ['i16', prim('short'), false],
    ['i32', prim('int'), false],
    ['i64', prim('long'), false],
    ['isize', prim('long'), false],
    ['u16', prim('ushort'), false],
    ['u32', prim('uint'), false],
    ['u64', prim('ulong'), false],
    ['f32', prim('float'), false],
    ['f64', prim('double'), false],
    ['std.json.Value', prim('object'), false],
    ['[]u8', prim('bytes'), false],
    ['[]?i32', { kind: 'list', of: { kind: 'primitive', name: 'int', nullable: true } }, false],
    ['?ss.ResponseStatus', named('ResponseStatus'), true],
    ['ss.QueryResponse(Booking)', named('QueryResponse', [named('Booking')]), false],
  ])('%s', (zigType, type, nullable) => {
    const { types, diagnostics } = parseZigDtos(
      `pub const T = struct {\n    x: ${zigType} = undefined,\n};\n`,
      't.zig',
      1,
    );
    expect(diagnostics).toEqual([]);
    expect(types[0]?.properties[0]).toMatchObject({ type, nullable });
  });
});

describe('declarative validators', () => {
  it('carries each property’s [Validate] comments into the IR', () => {
    const source = `pub const CreateRoom = struct {
    // @Validate(Validator="GreaterThan(0)")
    lengthMetres: i32 = 0,

    // @Validate(Validator="NotEmpty")
    // @Validate(Validator="MaximumLength(20)")
    name: ?[]const u8 = null,
};
`;
    const { types } = parseZigDtos(source, 'dtos.zig', 1);
    const [lengthMetres, name] = types[0]?.properties ?? [];
    expect(lengthMetres?.validators).toEqual([{ validator: 'GreaterThan', args: [0] }]);
    expect(name).toMatchObject({
      validators: [{ validator: 'NotEmpty' }, { validator: 'MaximumLength', args: [20] }],
      required: true,
    });
  });
});

describe('diagnostics', () => {
  it.each([
    ['pub const T = struct {\n    x: %%% = null,\n};\n', 12, 13, 'expected a field (name: Type = default,) in T'],
    ['\n\nconst std = @import("std");\nfoo bar\n', 12, 15, "found 'foo bar'"],
    ['pub const T = struct {\n    x: i32 = 0,\n', 12, 12, "expected '}' to close the block opened here"],
  ])('%p reports at its line', (source, first, line, message) => {
    const { diagnostics } = parseZigDtos(source, 'x.zig', first);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'x.zig', line, message: expect.stringContaining(message) }),
    ]);
  });

  it('skips imports, plain functions and methods silently', () => {
    const source =
      'const std = @import("std");\n\npub fn helper(x: i32) i32 {\n    return x;\n}\n\npub const A = struct {\n    pub fn name(self: A) []const u8 {\n        return "a";\n    }\n};\n';
    expect(parseZigDtos(source, 'x.zig', 1)).toEqual({
      types: [{ name: 'A', kind: 'class', properties: [], line: 7 }],
      diagnostics: [],
    });
  });
});

describe('detectDtoLanguage', () => {
  it('recognises a /types/zig file and a bare fragment', () => {
    expect(detectDtoLanguage(TYPES_FILE)).toBe('zig');
    expect(detectDtoLanguage('pub const A = struct {\n    name: ?[]const u8 = null,\n};\n')).toBe('zig');
  });
});

describe('parseZigDtos on arbitrary and damaged input (property)', () => {
  it('never throws; diagnostics stay inside the source', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .tuple(fc.nat(TYPES_FILE.length), fc.nat(TYPES_FILE.length), fc.string({ maxLength: 8 }))
            .map(([a, b, junk]) => TYPES_FILE.slice(0, Math.min(a, b)) + junk + TYPES_FILE.slice(Math.max(a, b))),
        ),
        (text) => {
          const { diagnostics } = parseZigDtos(text, 'fuzz.zig', 7);
          for (const d of diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(7);
            expect(d.line).toBeLessThanOrEqual(7 + text.split('\n').length - 1);
          }
        },
      ),
      { numRuns: 300, seed: 1414 },
    );
  });
});
