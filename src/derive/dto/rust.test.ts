import fc from 'fast-check';
import type { TypeDef, TypeRef } from '../model.js';
import { detectDtoLanguage } from './index.js';
import { parseRustDtos } from './rust.js';

// A /types/rust file as RustGenerator prints it.
const TYPES_FILE = `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//GlobalNamespace:
//MakePropertiesOptional: False
//AddServiceStackTypes: True
//AddResponseStatus: False
//AddImplicitVersion:
//AddDescriptionAsComments: True
//IncludeTypes:
//ExcludeTypes:
//DefaultImports: serde::{Deserialize, Serialize},serde_json::Value,std::collections::HashMap
*/

#![allow(
    dead_code,
    non_camel_case_types,
    non_snake_case,
    clippy::upper_case_acronyms
)]

use serde::{Deserialize, Serialize};
use serde_json::Value;
use servicestack::*;
use std::collections::HashMap;

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RoomType {
    #[default]
    #[serde(rename = "Single")]
    Single,
    #[serde(rename = "Double")]
    Double,
    #[serde(rename = "Suite")]
    Suite,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(i32)]
pub enum Flags {
    #[default]
    None = 0,
    First = 1,
    Second = 2,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct Booking {
    #[serde(flatten)]
    pub audit_base: AuditBase,
    pub id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "roomType")]
    pub room_type: RoomType,
    #[serde(rename = "roomNumber")]
    pub room_number: i32,
    #[serde(rename = "bookingStartDate")]
    pub booking_start_date: String,
    #[serde(rename = "bookingEndDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_end_date: Option<String>,
    pub cost: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<bool>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct KeyValuePair<K, V> {
    pub key: K,
    pub value: V,
}

/// Find Bookings
// Route("/bookings", "GET")
// Route("/bookings/{Id}", "GET")
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct QueryBookings {
    #[serde(flatten)]
    pub query_db: QueryDb,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    #[serde(rename = "costAbove")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_above: Option<f64>,
    #[serde(rename = "roomNumbers")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_numbers: Option<Vec<i32>>,
}

impl IRequest for QueryBookings {
    const NAME: &'static str = "QueryBookings";
    const VERB: &'static str = "GET";
}
impl IReturn for QueryBookings {
    type Response = QueryResponse<Booking>;
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct QueryBookingSummaries {
    #[serde(flatten)]
    pub query_db: QueryDb,
    #[serde(rename = "nameStartsWith")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_starts_with: Option<String>,
}

impl IRequest for QueryBookingSummaries {
    const NAME: &'static str = "QueryBookingSummaries";
    const VERB: &'static str = "GET";
}
impl IReturn for QueryBookingSummaries {
    type Response = QueryResponse<BookingSummary>;
}

// Route("/bookings", "POST")
// ValidateHasRole("Employee")
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct CreateBooking {
    /// Name this Booking
    // ValidateNotEmpty
    pub name: String,
    #[serde(rename = "roomType")]
    pub room_type: RoomType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<HashMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairs: Option<Vec<KeyValuePair<String, i32>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

impl IRequest for CreateBooking {
    const NAME: &'static str = "CreateBooking";
    const VERB: &'static str = "POST";
}
impl IReturn for CreateBooking {
    type Response = IdResponse;
}

// Route("/bookings/{Id}", "DELETE")
// ValidateIsAuthenticated
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct DeleteBooking {
    pub id: i32,
}

impl IRequest for DeleteBooking {
    const NAME: &'static str = "DeleteBooking";
    const VERB: &'static str = "DELETE";
}
impl IReturnVoid for DeleteBooking {}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct BookingSummary {
    pub id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct Rockstars(pub Vec<BookingSummary>);

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct EmptyResponse {}
`;

const parsed = parseRustDtos(TYPES_FILE, 'dtos.rs', 1);
const byName = (name: string): TypeDef => {
  const t = parsed.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };
const prim = (name: string): TypeRef => ({ kind: 'primitive', name }) as TypeRef;

describe('parseRustDtos on a /types/rust file', () => {
  it('reads it without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.types.map((t) => t.name)).toEqual([
      'RoomType',
      'Flags',
      'Booking',
      'KeyValuePair',
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

  it('reads properties by their wire names, with the flattened field as the base class', () => {
    const booking = byName('Booking');
    expect(booking.inherits).toEqual({ name: 'AuditBase' });
    expect(booking.properties.map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Id', prim('int'), false],
      ['Name', prim('string'), true],
      ['RoomType', named('RoomType'), false],
      ['RoomNumber', prim('int'), false],
      ['BookingStartDate', prim('string'), false],
      ['BookingEndDate', prim('string'), true],
      ['Cost', prim('double'), false],
      ['Cancelled', prim('bool'), true],
    ]);
    expect(booking.properties[0]?.line).toBe(TYPES_FILE.split('\n').indexOf('    pub id: i32,') + 1);
  });

  it('reads generic definitions and their parameters', () => {
    expect(byName('KeyValuePair')).toMatchObject({
      genericParams: ['K', 'V'],
      properties: [
        { name: 'Key', type: named('K') },
        { name: 'Value', type: named('V') },
      ],
    });
  });

  it('reads routes, the IReturn impl and the VERB of IRequest', () => {
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
  });

  it('gives the flattened QueryDb back the type argument its response names', () => {
    expect(byName('QueryBookings').inherits).toEqual({ name: 'QueryDb', args: [named('Booking')] });
    expect(byName('QueryBookingSummaries').inherits).toEqual({ name: 'QueryDb', args: [named('BookingSummary')] });
  });

  it('reads attribute comments (no @), doc comments, collections and raw identifiers', () => {
    const create = byName('CreateBooking');
    expect(create.auth).toMatchObject({ required: true, roles: ['Employee'], style: 'validator' });
    expect(byName('DeleteBooking').auth).toMatchObject({ required: true, style: 'validator' });
    expect(create.properties[0]).toMatchObject({ name: 'Name', description: 'Name this Booking', required: true });
    expect(create.properties.slice(2).map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Tags', { kind: 'list', of: prim('string') }, true],
      ['Labels', { kind: 'map', key: prim('string'), value: prim('string') }, true],
      ['Extra', prim('object'), true],
      ['Pairs', { kind: 'list', of: named('KeyValuePair', [prim('string'), prim('int')]) }, true],
      ['Type', prim('string'), true],
    ]);
  });

  it('reads a newtype struct as a DTO inheriting a collection, and an empty struct', () => {
    expect(byName('Rockstars').inherits).toEqual({ name: 'List', args: [named('BookingSummary')] });
    expect(byName('EmptyResponse').properties).toEqual([]);
  });
});

describe('a request with no impl IReturn', () => {
  it('returns itself', () => {
    const source = `pub struct EchoTypes {\n    pub int: i32,\n}\n\nimpl IRequest for EchoTypes {\n    const NAME: &'static str = "EchoTypes";\n    const VERB: &'static str = "POST";\n}\n`;
    const { types, diagnostics } = parseRustDtos(source, 'x.rs', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]?.implements).toEqual([{ name: 'IPost' }, { name: 'IReturn', args: [named('EchoTypes')] }]);
  });
});

describe('an enum printed as integers', () => {
  it('numbers a member without a value one more than the one before, as C# does', () => {
    const source = `#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(i32)]
pub enum Level {
    #[default]
    Low = -1,
    Mid,
    High = 10,
}
`;
    const { types, diagnostics } = parseRustDtos(source, 'x.rs', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]).toMatchObject({ enumValues: ['Low', 'Mid', 'High'], enumNumbers: [-1, 0, 10] });
  });
});

describe('Rust type expressions', () => {
  it.each<[string, TypeRef, boolean]>([
    ['String', prim('string'), false],
    ['Option<String>', prim('string'), true],
    ['bool', prim('bool'), false],
    ['char', prim('char'), false],
    ['u8', prim('byte'), false],
    ['i16', prim('short'), false],
    ['i32', prim('int'), false],
    ['i64', prim('long'), false],
    ['u16', prim('ushort'), false],
    ['u32', prim('uint'), false],
    ['u64', prim('ulong'), false],
    ['f32', prim('float'), false],
    ['f64', prim('double'), false],
    ['Value', prim('object'), false],
    ['serde_json::Value', prim('object'), false],
    ['Vec<u8>', prim('bytes'), false],
    ['Vec<Option<i32>>', { kind: 'list', of: { kind: 'primitive', name: 'int', nullable: true } }, false],
    [
      'HashMap<String, Vec<i32>>',
      { kind: 'map', key: prim('string'), value: { kind: 'list', of: prim('int') } },
      false,
    ],
    ['Option<ResponseStatus>', named('ResponseStatus'), true],
    ['QueryResponse<Booking>', named('QueryResponse', [named('Booking')]), false],
  ])('%s', (rustType, type, nullable) => {
    const { types, diagnostics } = parseRustDtos(`pub struct T {\n    pub x: ${rustType},\n}\n`, 't.rs', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]?.properties[0]).toMatchObject({ type, nullable });
  });
});

describe('wire names', () => {
  it('keeps a field or rename that camelCasing the C# name would not give as its DataMember alias', () => {
    const source = `pub struct AiMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<ToolCall>>,
    #[serde(rename = "roomNumber")]
    pub room_number: i32,
    pub id: i32,
}
`;
    const { types } = parseRustDtos(source, 'x.rs', 1);
    expect(types[0]?.properties.map((p) => [p.name, p.dataMemberName])).toEqual([
      ['ToolCalls', 'tool_calls'],
      ['RoomNumber', undefined],
      ['Id', undefined],
    ]);
  });
});

describe('declarative validators', () => {
  it('carries each property’s [Validate] comments into the IR', () => {
    const source = `pub struct CreateRoom {
    // Validate(Validator="GreaterThan(0)")
    #[serde(rename = "lengthMetres")]
    pub length_metres: i32,
    // Validate(Validator="NotEmpty")
    // Validate(Validator="MaximumLength(20)")
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
`;
    const { types } = parseRustDtos(source, 'dtos.rs', 1);
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
    ['pub struct T {\n    pub x: %%%,\n}\n', 12, 13, 'expected a field (pub name: Type,) in T'],
    ['\n\nuse x;\nfoo bar\n', 12, 15, "expected a struct, enum or impl declaration, found 'foo bar'"],
    ['pub struct T {\n    pub x: i32,\n', 12, 12, "expected '}' to close the block opened here"],
  ])('%p reports at its line', (source, first, line, message) => {
    const { diagnostics } = parseRustDtos(source, 'x.rs', first);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'x.rs', line, message: expect.stringContaining(message) }),
    ]);
  });

  it('skips uses, functions and other impls silently', () => {
    const source = 'use std::fmt;\n\nfn helper() -> i32 { 1 }\n\nimpl fmt::Display for X {\n    fn fmt(&self) {}\n}\n';
    expect(parseRustDtos(source, 'x.rs', 1)).toEqual({ types: [], diagnostics: [] });
  });
});

describe('detectDtoLanguage', () => {
  it('recognises a /types/rust file and a bare fragment', () => {
    expect(detectDtoLanguage(TYPES_FILE)).toBe('rust');
    expect(
      detectDtoLanguage('#[derive(Serialize, Deserialize)]\npub struct A {\n    pub name: Option<String>,\n}\n'),
    ).toBe('rust');
  });
});

describe('parseRustDtos on arbitrary and damaged input (property)', () => {
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
          const { diagnostics } = parseRustDtos(text, 'fuzz.rs', 7);
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
