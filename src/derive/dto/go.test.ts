import fc from 'fast-check';
import type { TypeDef, TypeRef } from '../model.js';
import { parseGoDtos } from './go.js';
import { detectDtoLanguage } from './index.js';

// A /types/go file as GoGenerator prints it (gofmt-formatted: tabs, aligned fields and methods).
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
//DefaultImports:
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
	RoomTypeSuite           = "Suite"
)

type Flags int

const (
	FlagsNone   Flags = 0
	FlagsFirst  Flags = 1
	FlagsSecond Flags = 2
)

type Booking struct {
	ss.AuditBase
	Id               int        \`json:"id,omitempty"\`
	Name             *string    \`json:"name,omitempty"\`
	RoomType         RoomType   \`json:"roomType,omitempty"\`
	RoomNumber       int        \`json:"roomNumber,omitempty"\`
	BookingStartDate time.Time  \`json:"bookingStartDate,omitempty"\`
	BookingEndDate   *time.Time \`json:"bookingEndDate,omitempty"\`
	Cost             float64    \`json:"cost,omitempty"\`
	Notes            *string    \`json:"notes,omitempty"\`
	Cancelled        *bool      \`json:"cancelled,omitempty"\`
}

type KeyValuePair[K any, V any] struct {
	Key   K \`json:"key"\`
	Value V \`json:"value"\`
}

/** @description Find Bookings */
// @Route("/bookings", "GET")
// @Route("/bookings/{Id}", "GET")
type QueryBookings struct {
	ss.QueryDb
	Id          *int     \`json:"id,omitempty"\`
	CostAbove   *float64 \`json:"costAbove,omitempty"\`
	RoomNumbers []int    \`json:"roomNumbers,omitempty"\`
}

func (QueryBookings) CreateResponse() (r ss.QueryResponse[Booking]) { return }
func (QueryBookings) HttpMethod() string                             { return "GET" }

type QueryBookingSummaries struct {
	ss.QueryDb
	NameStartsWith *string \`json:"nameStartsWith,omitempty"\`
}

func (QueryBookingSummaries) CreateResponse() (r ss.QueryResponse[BookingSummary]) { return }
func (QueryBookingSummaries) HttpMethod() string                                   { return "GET" }

// @Route("/bookings", "POST")
// @ValidateHasRole("Employee")
type CreateBooking struct {
	/** @description Name this Booking */
	// @Validate(Validator="NotEmpty")
	Name       string            \`json:"name"\`
	RoomType   RoomType          \`json:"roomType,omitempty"\`
	RoomNumber int               \`json:"roomNumber,omitempty"\`
	Tags       []string          \`json:"tags,omitempty"\`
	Labels     map[string]string \`json:"labels,omitempty"\`
	Extra      interface{}       \`json:"extra,omitempty"\`
	Pairs      []KeyValuePair[string, int] \`json:"pairs,omitempty"\`
}

func (CreateBooking) CreateResponse() (r ss.IdResponse) { return }
func (CreateBooking) HttpMethod() string              { return "POST" }

// @Route("/bookings/{Id}", "DELETE")
// @ValidateIsAuthenticated()
type DeleteBooking struct {
	Id int \`json:"id,omitempty"\`
}

func (DeleteBooking) CreateResponseVoid() {}
func (DeleteBooking) HttpMethod() string  { return "DELETE" }

type BookingSummary struct {
	Id   int     \`json:"id,omitempty"\`
	Name *string \`json:"name,omitempty"\`
}

type Rockstars []BookingSummary

type HelloResponse struct {
	Result         *string            \`json:"result,omitempty"\`
	ResponseStatus *ss.ResponseStatus \`json:"responseStatus,omitempty"\`
}

// @Route("/hello/{Name}")
type Hello struct {
	Name *string \`json:"name,omitempty"\`
}

func (Hello) CreateResponse() (r HelloResponse) {
	return
}
`;

const parsed = parseGoDtos(TYPES_FILE, 'dtos.go', 1);
const byName = (name: string): TypeDef => {
  const t = parsed.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };
const prim = (name: string): TypeRef => ({ kind: 'primitive', name }) as TypeRef;

describe('parseGoDtos on a /types/go file', () => {
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
      'HelloResponse',
      'Hello',
    ]);
  });

  it.each<[string, string[], number[] | undefined]>([
    ['RoomType', ['Single', 'Double', 'Suite'], undefined],
    // An enum printed as integers is one ServiceStack writes as numbers: its members' values are kept.
    ['Flags', ['None', 'First', 'Second'], [0, 1, 2]],
  ])('reads enum %s from its const block', (name, values, numbers) => {
    expect(byName(name)).toMatchObject({ kind: 'enum', enumValues: values });
    expect(byName(name).enumNumbers).toEqual(numbers);
  });

  it('reads properties, keeping their C# names, with embedded bases as the base class', () => {
    const booking = byName('Booking');
    expect(booking.inherits).toEqual({ name: 'AuditBase' });
    expect(booking.properties.map((p) => [p.name, p.type, p.nullable, p.required])).toEqual([
      ['Id', prim('int'), false, false],
      ['Name', prim('string'), true, false],
      ['RoomType', named('RoomType'), false, false],
      ['RoomNumber', prim('int'), false, false],
      ['BookingStartDate', prim('datetime'), false, false],
      ['BookingEndDate', prim('datetime'), true, false],
      ['Cost', prim('double'), false, false],
      ['Notes', prim('string'), true, false],
      ['Cancelled', prim('bool'), true, false],
    ]);
    expect(booking.properties[0]?.line).toBe(
      TYPES_FILE.split('\n').findIndex((l) => l.includes('Id               int')) + 1,
    );
  });

  it('reads generic definitions and their parameters', () => {
    expect(byName('KeyValuePair')).toMatchObject({
      genericParams: ['K', 'V'],
      properties: [
        { name: 'Key', type: named('K'), required: true },
        { name: 'Value', type: named('V'), required: true },
      ],
    });
  });

  it('reads routes, the response of CreateResponse() and the verb of HttpMethod()', () => {
    expect(byName('QueryBookings')).toMatchObject({
      description: 'Find Bookings',
      routes: [
        { path: '/bookings', verbs: ['GET'] },
        { path: '/bookings/{Id}', verbs: ['GET'] },
      ],
      implements: [{ name: 'IReturn', args: [named('QueryResponse', [named('Booking')])] }, { name: 'IGet' }],
    });
    expect(byName('Hello')).toMatchObject({
      routes: [{ path: '/hello/{Name}', verbs: [] }],
      implements: [{ name: 'IReturn', args: [named('HelloResponse')] }],
    });
    expect(byName('DeleteBooking').implements).toEqual([{ name: 'IReturnVoid' }, { name: 'IDelete' }]);
  });

  it('gives ss.QueryDb back the type argument its response names', () => {
    expect(byName('QueryBookings').inherits).toEqual({ name: 'QueryDb', args: [named('Booking')] });
    // QueryDb<From, Into> prints as ss.QueryDb too: only Into survives.
    expect(byName('QueryBookingSummaries').inherits).toEqual({ name: 'QueryDb', args: [named('BookingSummary')] });
  });

  it('reads auth and property attribute comments, descriptions and required tags', () => {
    const create = byName('CreateBooking');
    expect(create.auth).toMatchObject({ required: true, roles: ['Employee'], style: 'validator' });
    expect(byName('DeleteBooking').auth).toMatchObject({ required: true, style: 'validator' });
    expect(create.properties[0]).toMatchObject({
      name: 'Name',
      description: 'Name this Booking',
      required: true,
      nullable: false,
    });
    expect(create.properties.slice(3).map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Tags', { kind: 'list', of: prim('string') }, true],
      ['Labels', { kind: 'map', key: prim('string'), value: prim('string') }, true],
      ['Extra', prim('object'), true],
      ['Pairs', { kind: 'list', of: named('KeyValuePair', [prim('string'), prim('int')]) }, true],
    ]);
  });

  it('reads a named slice as a DTO inheriting a collection', () => {
    expect(byName('Rockstars').inherits).toEqual({ name: 'List', args: [named('BookingSummary')] });
  });
});

describe('requests as servicestack-go declares them', () => {
  const source = `type QueryDbTenant[From any, Into any] struct {
	ss.QueryDb
}

type QueryRockstars struct {
	QueryDbTenant[Rockstar, RockstarView]
	Age *int \`json:"age,omitempty"\`
}

func (QueryRockstars) CreateResponse() (r ss.QueryResponse[RockstarView]) { return }

// @Route("/echo/types")
type EchoTypes struct {
	Int int \`json:"int,omitempty"\`
}

func (EchoTypes) HttpMethod() string { return "POST" }

type Hello struct {
	Name string \`json:"name,omitempty"\`
}

func (Hello) CreateResponse() (r HelloResponse) { return }
func (Hello) HttpMethod() string                { return ss.HttpGet }
`;
  const { types, diagnostics } = parseGoDtos(source, 'x.go', 1);
  const find = (name: string) => types.find((t) => t.name === name);

  it('reads them without diagnostics', () => expect(diagnostics).toEqual([]));

  it("passes a generic base's parameters on to the ss.QueryDb it embeds", () => {
    expect(find('QueryDbTenant')?.inherits).toEqual({ name: 'QueryDb', args: [named('From'), named('Into')] });
    expect(find('QueryRockstars')?.inherits).toEqual({
      name: 'QueryDbTenant',
      args: [named('Rockstar'), named('RockstarView')],
    });
  });

  it('reads a request with HttpMethod() alone as returning itself', () => {
    expect(find('EchoTypes')?.implements).toEqual([{ name: 'IPost' }, { name: 'IReturn', args: [named('EchoTypes')] }]);
  });

  it("reads servicestack-go's verb constants", () => {
    expect(find('Hello')?.implements).toEqual([{ name: 'IReturn', args: [named('HelloResponse')] }, { name: 'IGet' }]);
  });
});

describe('Go type expressions', () => {
  it.each<[string, TypeRef, boolean]>([
    ['string', prim('string'), false],
    ['*string', prim('string'), true],
    ['bool', prim('bool'), false],
    ['byte', prim('byte'), false],
    ['int16', prim('short'), false],
    ['int', prim('int'), false],
    ['int64', prim('long'), false],
    ['uint16', prim('ushort'), false],
    ['uint32', prim('uint'), false],
    ['uint64', prim('ulong'), false],
    ['float32', prim('float'), false],
    ['float64', prim('double'), false],
    ['time.Time', prim('datetime'), false],
    ['*time.Duration', prim('timespan'), true],
    ['[]byte', prim('bytes'), false],
    ['interface{}', prim('object'), false],
    ['[]*int', { kind: 'list', of: { kind: 'primitive', name: 'int', nullable: true } }, false],
    ['map[string][]int', { kind: 'map', key: prim('string'), value: { kind: 'list', of: prim('int') } }, false],
    ['*ss.ResponseStatus', named('ResponseStatus'), true],
    ['ss.QueryResponse[Booking]', named('QueryResponse', [named('Booking')]), false],
  ])('%s', (goType, type, nullable) => {
    const { types, diagnostics } = parseGoDtos(`type T struct {\n\tX ${goType} \`json:"x"\`\n}\n`, 't.go', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]?.properties[0]).toMatchObject({ type, nullable });
  });
});

describe('wire names', () => {
  it('keeps a json name that camelCasing the C# name would not give as its DataMember alias', () => {
    const source = `type AiMessage struct {
\t// @DataMember(Name="tool_calls")
\tToolCalls []ToolCall \`json:"tool_calls,omitempty"\`
\tAliased float64 \`json:"Aliased"\`
\tRoomNumber int \`json:"roomNumber,omitempty"\`
}
`;
    const { types } = parseGoDtos(source, 'x.go', 1);
    expect(types[0]?.properties.map((p) => [p.name, p.dataMemberName])).toEqual([
      ['ToolCalls', 'tool_calls'],
      ['Aliased', 'Aliased'],
      ['RoomNumber', undefined],
    ]);
  });
});

describe('declarative validators', () => {
  it('carries each property’s [Validate] comments into the IR', () => {
    const source = `type CreateRoom struct {
	// @Validate(Validator="GreaterThan(0)")
	LengthMetres int \`json:"lengthMetres,omitempty"\`
	// @Validate(Validator="NotEmpty")
	// @Validate(Validator="MaximumLength(20)")
	Name *string \`json:"name,omitempty"\`
}
`;
    const { types } = parseGoDtos(source, 'dtos.go', 1);
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
    ['type T struct {\n\tX %%% `json:"x"`\n}\n', 12, 13, 'expected a field (Name Type `json:"name"`) in T'],
    ['\n\nvar x = 1\nfoo bar\n', 12, 15, "expected a type, const or func declaration, found 'foo bar'"],
    ['type T struct {\n\tX int `json:"x"`\n', 12, 12, "expected '}' to close the block opened here"],
  ])('%p reports at its line', (source, first, line, message) => {
    const { diagnostics } = parseGoDtos(source, 'x.go', first);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'x.go', line, message: expect.stringContaining(message) }),
    ]);
  });

  it('skips package, imports and plain functions silently', () => {
    const { types, diagnostics } = parseGoDtos(
      'package dtos\n\nimport "time"\n\nfunc helper() int { return 1 }\n',
      'x.go',
      1,
    );
    expect({ types, diagnostics }).toEqual({ types: [], diagnostics: [] });
  });
});

describe('detectDtoLanguage', () => {
  it('recognises a /types/go file and a bare fragment', () => {
    expect(detectDtoLanguage(TYPES_FILE)).toBe('go');
    expect(detectDtoLanguage('type A struct {\n\tName *string `json:"name,omitempty"`\n}\n')).toBe('go');
  });
});

describe('parseGoDtos on arbitrary and damaged input (property)', () => {
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
          const { diagnostics } = parseGoDtos(text, 'fuzz.go', 7);
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
