/**
 * A front end whose only contract is a Go, Rust or Zig DTO file (`npx get-dtos go|rust|zig <url>`): `derive`
 * reads it into a contract and the mock serves it — routes and verbs, the response types the file names, a
 * void operation, `[ValidateIsAuthenticated]` refusing anonymous callers, and an AutoQuery query over its
 * table. Every answer is checked against its response schema (selfCheck: 'fail').
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import type { ApiManifest } from '../src/schema/manifest.js';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

const GO = `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*/

package dtos

import (
	ss "github.com/ServiceStack/servicestack-go"
	"time"
)

type RoomType string

const (
	RoomTypeSingle RoomType = "Single"
	RoomTypeDouble          = "Double"
)

type Booking struct {
	ss.AuditBase
	Id               int       \`json:"id,omitempty"\`
	Name             string    \`json:"name"\`
	RoomType         RoomType  \`json:"roomType,omitempty"\`
	BookingStartDate time.Time \`json:"bookingStartDate,omitempty"\`
	Cost             float64   \`json:"cost,omitempty"\`
}

type HelloResponse struct {
	Result         string             \`json:"result"\`
	ResponseStatus *ss.ResponseStatus \`json:"responseStatus,omitempty"\`
}

// @Route("/bookings", "GET")
type QueryBookings struct {
	ss.QueryDb
	Id *int \`json:"id,omitempty"\`
}

func (QueryBookings) CreateResponse() (r ss.QueryResponse[Booking]) { return }
func (QueryBookings) HttpMethod() string                             { return "GET" }

// @Route("/hello/{Name}", "GET")
type Hello struct {
	Name *string \`json:"name,omitempty"\`
}

func (Hello) CreateResponse() (r HelloResponse) { return }
func (Hello) HttpMethod() string                { return "GET" }

// @Route("/secure", "GET")
// @ValidateIsAuthenticated()
type HelloSecure struct {
}

func (HelloSecure) CreateResponse() (r HelloResponse) { return }
func (HelloSecure) HttpMethod() string                { return "GET" }

// @Route("/bookings/{Id}/cancel", "POST")
type CancelBooking struct {
	Id int \`json:"id,omitempty"\`
}

func (CancelBooking) CreateResponseVoid() {}
func (CancelBooking) HttpMethod() string  { return "POST" }
`;

const RUST = `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*/

use serde::{Deserialize, Serialize};
use servicestack::*;

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RoomType {
    #[default]
    #[serde(rename = "Single")]
    Single,
    #[serde(rename = "Double")]
    Double,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct Booking {
    #[serde(flatten)]
    pub audit_base: AuditBase,
    pub id: i32,
    pub name: String,
    #[serde(rename = "roomType")]
    pub room_type: RoomType,
    #[serde(rename = "bookingStartDate")]
    pub booking_start_date: String,
    pub cost: f64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct HelloResponse {
    pub result: String,
    #[serde(rename = "responseStatus")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<ResponseStatus>,
}

// Route("/bookings", "GET")
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct QueryBookings {
    #[serde(flatten)]
    pub query_db: QueryDb,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
}

impl IRequest for QueryBookings {
    const NAME: &'static str = "QueryBookings";
    const VERB: &'static str = "GET";
}
impl IReturn for QueryBookings {
    type Response = QueryResponse<Booking>;
}

// Route("/hello/{Name}", "GET")
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct Hello {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl IRequest for Hello {
    const NAME: &'static str = "Hello";
    const VERB: &'static str = "GET";
}
impl IReturn for Hello {
    type Response = HelloResponse;
}

// Route("/secure", "GET")
// ValidateIsAuthenticated
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct HelloSecure {}

impl IRequest for HelloSecure {
    const NAME: &'static str = "HelloSecure";
    const VERB: &'static str = "GET";
}
impl IReturn for HelloSecure {
    type Response = HelloResponse;
}

// Route("/bookings/{Id}/cancel", "POST")
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct CancelBooking {
    pub id: i32,
}

impl IRequest for CancelBooking {
    const NAME: &'static str = "CancelBooking";
    const VERB: &'static str = "POST";
}
impl IReturnVoid for CancelBooking {}
`;

const ZIG = `/// Options:
/// Date: 2026-11-30 09:12:04
/// Version: 8.80
/// Tip: To override a DTO option, remove "/" prefix before updating
/// BaseUrl: https://localhost:5001
///
const std = @import("std");
const ss = @import("servicestack");

pub const RoomType = enum {
    Single,
    Double,
};

pub const Booking = struct {
    createdDate: ?[]const u8 = null,
    createdBy: ?[]const u8 = null,
    modifiedDate: ?[]const u8 = null,
    modifiedBy: ?[]const u8 = null,
    deletedDate: ?[]const u8 = null,
    deletedBy: ?[]const u8 = null,
    id: i32 = 0,
    name: ?[]const u8 = null,
    roomType: ?RoomType = null,
    bookingStartDate: ?[]const u8 = null,
    cost: f64 = 0,
};

pub const HelloResponse = struct {
    result: ?[]const u8 = null,
    responseStatus: ?ss.ResponseStatus = null,
};

// @Route("/bookings", "GET")
pub const QueryBookings = struct {
    pub const ss_name = "QueryBookings";
    pub const ss_verb = "GET";
    pub const Response = ss.QueryResponse(Booking);

    skip: ?i32 = null,
    take: ?i32 = null,
    orderBy: ?[]const u8 = null,
    orderByDesc: ?[]const u8 = null,
    include: ?[]const u8 = null,
    fields: ?[]const u8 = null,
    meta: ?std.json.Value = null,
    id: ?i32 = null,
};

// @Route("/hello/{Name}", "GET")
pub const Hello = struct {
    pub const ss_name = "Hello";
    pub const ss_verb = "GET";
    pub const Response = HelloResponse;

    name: ?[]const u8 = null,
};

// @Route("/secure", "GET")
// @ValidateIsAuthenticated()
pub const HelloSecure = struct {
    pub const ss_name = "HelloSecure";
    pub const ss_verb = "GET";
    pub const Response = HelloResponse;
};

// @Route("/bookings/{Id}/cancel", "POST")
pub const CancelBooking = struct {
    pub const ss_name = "CancelBooking";
    pub const ss_verb = "POST";

    id: i32 = 0,
};
`;

describe.each([
  ['go', GO],
  ['rs', RUST],
  ['zig', ZIG],
])('an API known only from its dtos.%s', (ext, source) => {
  let dir: string;
  let served: MockServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-native-dtos-'));
    const file = path.join(dir, `dtos.${ext}`);
    writeFileSync(file, source);
    const derived = deriveSchemas({ inputs: [file], out: path.join(dir, 'schemas'), api: 'hotel' });
    expect(derived.diagnostics).toEqual([]);
    served = await startTestServer({ schemas: path.join(dir, 'schemas'), api: ['hotel'] });
  });
  afterAll(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('derives every operation with its route, verb, response and auth, and the query as AutoQuery', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(dir, 'schemas', 'hotel', 'manifest.json'), 'utf8'),
    ) as ApiManifest;
    const ops = Object.fromEntries(manifest.operations.map((o) => [o.name, o]));
    expect(Object.keys(ops).sort()).toEqual(['CancelBooking', 'Hello', 'HelloSecure', 'QueryBookings']);
    expect(ops['Hello']).toMatchObject({ primaryVerb: 'GET', response: 'HelloResponse', auth: { required: false } });
    expect(ops['HelloSecure']).toMatchObject({ response: 'HelloResponse', auth: { required: true } });
    expect(ops['CancelBooking']).toMatchObject({ primaryVerb: 'POST', response: null });
    expect(ops['QueryBookings']).toMatchObject({
      primaryVerb: 'GET',
      response: 'QueryResponseOfBooking',
      autoQuery: { action: 'query', table: 'Booking', idProperty: 'id' },
    });
  });

  it('writes the table with its dates as dates (Go prints time.Time; Rust and Zig strings named as dates are)', () => {
    const booking = JSON.parse(readFileSync(path.join(dir, 'schemas', 'hotel', 'types', 'Booking.json'), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    expect(booking.properties['bookingStartDate']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(booking.properties['id']).toMatchObject({ type: 'integer' });
    expect(Object.keys(booking.properties)).toEqual(expect.arrayContaining(['createdBy', 'roomType', 'cost']));
  });

  it('answers each route as the file says', async () => {
    const hello = await fetch(`${served.url}/hello/World`);
    expect(hello.status).toBe(200);
    expect(await hello.json()).toEqual(expect.objectContaining({ result: expect.any(String) }));

    const query = await fetch(`${served.url}/bookings`);
    expect(query.status).toBe(200);
    expect(await query.json()).toMatchObject({ offset: 0, results: [] });

    const cancel = await fetch(`${served.url}/bookings/1/cancel`, { method: 'POST' });
    expect(cancel.status).toBeLessThan(300);
  });

  it('refuses an anonymous caller where the file says [ValidateIsAuthenticated], and serves a signed-in one', async () => {
    expect((await fetch(`${served.url}/secure`)).status).toBe(401);
    const token = await signIn(served.url);
    const res = await fetch(`${served.url}/secure`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});
