import fc from 'fast-check';
import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseCSharpDtos } from './csharp.js';
import { parseFSharpDtos } from './fsharp.js';

// `/types/fsharp` as FSharpGenerator prints it with the default options (AddDescriptionAsComments, AddReturnMarker).
const TYPES_FILE = `(* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//GlobalNamespace: 
//MakeDataContractsExtensible: False
//AddReturnMarker: True
//AddDescriptionAsComments: True
//AddDataContractAttributes: False
//AddIndexesToDataMembers: False
//AddGeneratedCodeAttributes: False
//AddResponseStatus: False
//AddImplicitVersion: 
//ExportValueTypes: False
//IncludeTypes: 
//ExcludeTypes: 
//InitializeCollections: False
//AddNamespaces: 
*)

namespace MyApp.ServiceModel

open System
open System.IO
open System.Collections
open System.Collections.Generic
open System.Runtime.Serialization
open ServiceStack
open ServiceStack.DataAnnotations

    type RoomType =
        | Single = 0
        | Double = 1
        | Suite = 2

    [<Flags>]
    type Amenities =
        | None = 0
        | Wifi = 1
        | Breakfast = 2

    [<AllowNullLiteral>]
    type Booking() = 
        inherit AuditBase()
        member val Id:Int32 = new Int32() with get,set
        member val Name:String = null with get,set
        member val RoomType:RoomType = new RoomType() with get,set
        member val Cost:Decimal = new Decimal() with get,set
        member val BookingEndDate:Nullable<DateTime> = new Nullable<DateTime>() with get,set

    [<AllowNullLiteral>]
    type IHasName = 
        abstract Name:String with get,set

    [<AllowNullLiteral>]
    type QueryResponse<T>() = 
        member val Offset:Int32 = new Int32() with get,set
        member val Total:Int32 = new Int32() with get,set
        member val Results:ResizeArray<T> = null with get,set

    ///<summary>
    ///Find Bookings
    ///</summary>
    [<Route("/bookings", "GET")>]
    [<Route("/bookings/{Id}", "GET")>]
    [<Authenticate>]
    [<AllowNullLiteral>]
    type QueryBookings() = 
        inherit QueryDb<Booking>()
        interface IReturn<QueryResponse<Booking>>
        member val Id:Nullable<Int32> = new Nullable<Int32>() with get,set
        member val Ids:Int32[] = null with get,set

    [<Route("/bookings", "POST")>]
    [<RequiredRole("Employee")>]
    [<RequiredPermission("bookings:write")>]
    [<AllowNullLiteral>]
    type CreateBooking() = 
        interface IReturn<IdResponse>
        interface IPost
        ///<summary>
        ///Name this Booking
        ///</summary>
        [<ValidateNotEmpty>]
        member val Name:String = null with get,set

        [<ApiMember(Description="Type of room", IsRequired=true, ParameterType="body")>]
        member val RoomType:RoomType = new RoomType() with get,set

        member val Tags:Dictionary<String, String> = null with get,set
        member val Notes:ResizeArray<String> = null with get,set
        member val Photo:Byte[] = null with get,set
        member val Start:DateTime = new DateTime() with get,set
        member val Length:TimeSpan = new TimeSpan() with get,set
        member val RefId:Guid = new Guid() with get,set
        member val Nights:Int64 = new Int64() with get,set
        member val Rating:Double = new Double() with get,set
        member val Vip:Boolean = new Boolean() with get,set
        member val Extra:Object = null with get,set

    [<Route("/bookings/{Id}", "DELETE")>]
    [<ValidateRequest("IsAuthenticated")>]
    [<AllowNullLiteral>]
    type DeleteBooking() = 
        interface IReturnVoid
        interface IDelete
        member val Id:Int32 = new Int32() with get,set

    [<AllowNullLiteral>]
    type Hello() = 
        interface IReturn<String>
        interface IExtensibleDataObject with
            member val ExtensionData:ExtensionDataObject = null with get, set
        end
        member val Version:int = 2 with get, set
        member val Name:String = null with get,set

        member val ExtensionData:ExtensionDataObject = null with get,set

`;

const file = parseFSharpDtos(TYPES_FILE, 'dtos.fs', 1);

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const lineOf = (source: string, text: string, from = 0): number =>
  source.split('\n').findIndex((l, i) => i >= from && l.includes(text)) + 1;
/** The line declaring `prop` in the body of `typeName`. */
const propLine = (source: string, typeName: string, prop: string): number =>
  lineOf(source, ` ${prop}:`, lineOf(source, `type ${typeName}`));
const P = (name: string): TypeRef => ({ kind: 'primitive', name }) as TypeRef;
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseFSharpDtos on a /types/fsharp file', () => {
  it('reads every type, in order, in its namespace, without diagnostics', () => {
    expect(file.diagnostics).toEqual([]);
    expect(file.types.map((t) => `${t.kind} ${t.name}@${t.line}`)).toEqual([
      `enum RoomType@${lineOf(TYPES_FILE, 'type RoomType =')}`,
      `enum Amenities@${lineOf(TYPES_FILE, 'type Amenities =')}`,
      `class Booking@${lineOf(TYPES_FILE, 'type Booking()')}`,
      `interface IHasName@${lineOf(TYPES_FILE, 'type IHasName')}`,
      `class QueryResponse@${lineOf(TYPES_FILE, 'type QueryResponse<T>')}`,
      `class QueryBookings@${lineOf(TYPES_FILE, 'type QueryBookings()')}`,
      `class CreateBooking@${lineOf(TYPES_FILE, 'type CreateBooking()')}`,
      `class DeleteBooking@${lineOf(TYPES_FILE, 'type DeleteBooking()')}`,
      `class Hello@${lineOf(TYPES_FILE, 'type Hello()')}`,
    ]);
    expect(new Set(file.types.map((t) => t.namespace))).toEqual(new Set(['MyApp.ServiceModel']));
  });

  it.each([
    // type, property, TypeRef, nullable, required
    ['Booking', 'Id', P('int'), false, false],
    ['Booking', 'Name', P('string'), true, false],
    ['Booking', 'RoomType', named('RoomType'), false, false],
    ['Booking', 'Cost', P('decimal'), false, false],
    ['Booking', 'BookingEndDate', P('datetime'), true, false],
    ['IHasName', 'Name', P('string'), true, false],
    ['QueryResponse', 'Results', { kind: 'list', of: named('T') }, true, false],
    ['QueryBookings', 'Id', P('int'), true, false],
    ['QueryBookings', 'Ids', { kind: 'list', of: P('int') }, true, false],
    ['CreateBooking', 'Name', P('string'), true, true],
    ['CreateBooking', 'RoomType', named('RoomType'), false, true],
    ['CreateBooking', 'Tags', { kind: 'map', key: P('string'), value: P('string') }, true, false],
    ['CreateBooking', 'Notes', { kind: 'list', of: P('string') }, true, false],
    ['CreateBooking', 'Photo', P('bytes'), true, false],
    ['CreateBooking', 'Start', P('datetime'), false, false],
    ['CreateBooking', 'Length', P('timespan'), false, false],
    ['CreateBooking', 'RefId', P('guid'), false, false],
    ['CreateBooking', 'Nights', P('long'), false, false],
    ['CreateBooking', 'Rating', P('double'), false, false],
    ['CreateBooking', 'Vip', P('bool'), false, false],
    ['CreateBooking', 'Extra', P('object'), true, false],
    ['Hello', 'Version', P('int'), false, false],
  ] as const)('%s.%s is %j (nullable %s, required %s)', (typeName, prop, ref, nullable, required) => {
    const p = type(file, typeName).properties.find((x) => x.name === prop);
    expect(p).toMatchObject({ type: ref, nullable, required, line: propLine(TYPES_FILE, typeName, prop) });
  });

  it('keeps the properties of a type in order and skips the interface implementation block', () => {
    expect(type(file, 'Hello').properties.map((p) => p.name)).toEqual(['Version', 'Name', 'ExtensionData']);
    expect(type(file, 'Hello').implements).toEqual([
      { name: 'IReturn', args: [P('string')] },
      { name: 'IExtensibleDataObject' },
    ]);
  });

  it.each([
    [
      'QueryBookings',
      [
        { path: '/bookings', verbs: ['GET'] },
        { path: '/bookings/{Id}', verbs: ['GET'] },
      ],
    ],
    ['CreateBooking', [{ path: '/bookings', verbs: ['POST'] }]],
    ['DeleteBooking', [{ path: '/bookings/{Id}', verbs: ['DELETE'] }]],
    ['Booking', undefined],
  ])('reads the routes of %s', (name, routes) => {
    expect(type(file, name).routes).toEqual(routes);
  });

  it.each([
    ['QueryBookings', { required: true, style: 'attribute' }],
    ['CreateBooking', { required: true, style: 'attribute', roles: ['Employee'], permissions: ['bookings:write'] }],
    ['DeleteBooking', { required: true, style: 'validator' }],
    ['Booking', undefined],
  ])('reads the auth attributes of %s', (name, auth) => {
    expect(type(file, name).auth).toEqual(auth);
  });

  it.each([
    [
      'QueryBookings',
      { name: 'QueryDb', args: [named('Booking')] },
      [{ name: 'IReturn', args: [named('QueryResponse', [named('Booking')])] }],
    ],
    ['CreateBooking', undefined, [{ name: 'IReturn', args: [named('IdResponse')] }, { name: 'IPost' }]],
    ['DeleteBooking', undefined, [{ name: 'IReturnVoid' }, { name: 'IDelete' }]],
    ['Booking', { name: 'AuditBase' }, undefined],
  ])('reads the base and interfaces of %s', (name, inherits, impls) => {
    expect(type(file, name).inherits).toEqual(inherits);
    expect(type(file, name).implements).toEqual(impls);
  });

  it('reads generic parameters, enums and doc comments', () => {
    expect(type(file, 'QueryResponse').genericParams).toEqual(['T']);
    expect(type(file, 'RoomType').enumValues).toEqual(['Single', 'Double', 'Suite']);
    expect(type(file, 'Amenities')).toMatchObject({
      enumValues: ['None', 'Wifi', 'Breakfast'],
      enumNumbers: [0, 1, 2],
    });
    expect(type(file, 'RoomType').enumNumbers).toBeUndefined();
    expect(type(file, 'QueryBookings').description).toBe('Find Bookings');
    const name = type(file, 'CreateBooking').properties.find((p) => p.name === 'Name');
    expect(name?.description).toBe('Name this Booking');
    const room = type(file, 'CreateBooking').properties.find((p) => p.name === 'RoomType');
    expect(room).toMatchObject({ description: 'Type of room', location: 'body' });
  });
});

describe('parseFSharpDtos on the DTO section of a metadata page (&lang=fsharp)', () => {
  // GenerateSourceCode(..., WithoutOptions): no header; the section starts on page line 12.
  const SECTION = `namespace MyApp.ServiceModel

open System
open ServiceStack

    [<Route("/hello/{Name}")>]
    [<AllowNullLiteral>]
    type Hello() = 
        interface IReturn<HelloResponse>
        [<ApiMember(IsRequired=true, ParameterType="path")>]
        member val Name:String = null with get,set

    [<AllowNullLiteral>]
    type HelloResponse() = 
        member val Result:String = null with get,set
        member val ResponseStatus:ResponseStatus = null with get,set
`;
  const r = parseFSharpDtos(SECTION, 'hello.page.txt', 12);

  it('reads the operation with lines of the page', () => {
    expect(r.diagnostics).toEqual([]);
    expect(type(r, 'Hello')).toMatchObject({
      line: 12 + lineOf(SECTION, 'type Hello()') - 1,
      routes: [{ path: '/hello/{Name}', verbs: [] }],
      implements: [{ name: 'IReturn', args: [named('HelloResponse')] }],
      properties: [
        { name: 'Name', required: true, location: 'path', line: 12 + lineOf(SECTION, 'member val Name') - 1 },
      ],
    });
    expect(type(r, 'HelloResponse').properties.map((p) => p.type)).toEqual([P('string'), named('ResponseStatus')]);
  });
});

describe('parseFSharpDtos on hand-written F#', () => {
  const HAND = `module MyApp.Dtos

open System

type Status =
    | Active
    | Closed

[<CLIMutable>]
type Person =
    { Name: string
      Age: int
      Email: string option
      Scores: float list }

type Page<'T>() =
    [<DefaultValue>] val mutable Items: ResizeArray<'T>
    member val Total: int64 = 0L with get, set
    member val Labels: Map<string, obj> = Map.empty with get, set
    member this.Count = this.Items.Count
    static member Empty() =
        let p = Page<'T>()
        p
    override this.ToString() = sprintf "%d" this.Total

type Ids = ResizeArray<int>

type Point = { X: float32; Y: int16 }
`;
  const r = parseFSharpDtos(HAND, 'dtos.fs', 1);

  it('reads records, unions, val mutable fields, options and postfix lists; skips members with code', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'enum Status',
      'class Person',
      'class Page',
      'class Point',
    ]);
    expect(type(r, 'Status')).toMatchObject({ namespace: 'MyApp.Dtos', enumValues: ['Active', 'Closed'] });
    expect(type(r, 'Person').properties.map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Name', P('string'), true],
      ['Age', P('int'), false],
      ['Email', P('string'), true],
      ['Scores', { kind: 'list', of: P('double') }, true],
    ]);
    expect(type(r, 'Page').genericParams).toEqual(['T']);
    expect(type(r, 'Page').properties.map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Items', { kind: 'list', of: named('T') }, true],
      ['Total', P('long'), false],
      ['Labels', { kind: 'map', key: P('string'), value: P('object') }, true],
    ]);
    expect(type(r, 'Point').properties.map((p) => [p.name, p.type])).toEqual([
      ['X', P('float')],
      ['Y', P('short')],
    ]);
  });
});

describe('parseFSharpDtos on malformed input', () => {
  it.each([
    ['a property without a type', 'type Odd() =\n    member val Name = "" with get,set\n', "expected 'Name:Type'", 2],
    [
      'an unparseable type',
      'type Odd() =\n    member val Xs:Dictionary<String, = null with get,set\n',
      'expected a type for property',
      2,
    ],
    ['a member that is not a declaration', 'type Odd() =\n    42\n', "expected 'member val Name:Type'", 2],
    ['a type without =', 'type Odd()\n', "expected '=' after 'type Odd'", 1],
    [
      'a member outside any type',
      'member val Name:String = null with get,set\n',
      "expected a namespace, 'type' or 'open'",
      1,
    ],
    ['stray text', 'F# Hello DTOs\n', "expected a namespace, 'type' or 'open'", 1],
    ['a word that names an Object method', 'type Odd() =\n    constructor\n', "expected 'member val Name:Type'", 2],
    ['an enum case in a class', 'type Odd() =\n    | A = 1\n', 'found an enum case', 2],
    ['an unterminated comment', '(* Options:\nDate: x\n', "expected '*)'", 1],
  ])('reports %s with its line and carries on', (_what, source, message, line) => {
    const r = parseFSharpDtos(
      `${source}\ntype After() =\n    member val X:Int32 = new Int32() with get,set\n`,
      'bad.fs',
      1,
    );
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', file: 'bad.fs', line, message: expect.stringContaining(message) }),
      ]),
    );
    if (!source.startsWith('(*')) expect(r.types.map((t) => t.name)).toContain('After');
  });

  it('never throws on arbitrary text, and its diagnostics point inside it (property)', () => {
    const fragments = fc.constantFrom(
      '[<Route("/x", "GET")>]',
      'type A() = ',
      'type E =',
      '    | A = 1',
      '    member val X:Nullable<Int32> = null with get,set',
      '    inherit B<C>()',
      '    interface IReturn<D>',
      '(* x',
      '*)',
      '    abstract N:String with get,set',
      '{ A: int; B',
      '///<summary>',
      'namespace N',
      '"',
      "'T",
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fragments, { maxLength: 12 }).map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(text, fc.nat(300), (source, first) => {
        const firstLine = first + 1;
        const lastLine = firstLine + source.split('\n').length - 1;
        const { types, diagnostics } = parseFSharpDtos(source, 'fuzz.fs', firstLine);
        for (const d of diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(firstLine);
          expect(d.line).toBeLessThanOrEqual(lastLine);
        }
        for (const t of types) expect(t.name.length).toBeGreaterThan(0);
      }),
      { numRuns: 400, seed: 2026 },
    );
  });
});

describe('F# and C# DTOs of the same API derive to the same types', () => {
  // The same API as CSharpGenerator prints it.
  const CSHARP = `namespace MyApp.ServiceModel
{
    public enum RoomType
    {
        Single,
        Double,
    }

    [Flags]
    public enum Days
    {
        None = 0,
        Monday = 1,
        Tuesday = 2,
    }

    ///<summary>
    ///Find Bookings
    ///</summary>
    [Route("/bookings", "GET")]
    [Authenticate]
    public partial class QueryBookings
        : QueryDb<Booking>, IReturn<QueryResponse<Booking>>
    {
        public virtual int? Id { get; set; }
        public virtual List<int> RoomNumbers { get; set; }
    }

    [Route("/bookings/{Id}", "DELETE")]
    [RequiredRole("Admin")]
    public partial class DeleteBooking
        : IReturnVoid, IDelete
    {
        [ApiMember(IsRequired=true)]
        public virtual int Id { get; set; }
    }

    public partial class Booking
        : AuditBase
    {
        public virtual int Id { get; set; }
        public virtual string Name { get; set; }
        public virtual RoomType RoomType { get; set; }
        public virtual Dictionary<string, string> Tags { get; set; }
        public virtual DateTime? BookingEndDate { get; set; }
        public virtual byte[] Photo { get; set; }
    }
}
`;
  const FSHARP = `namespace MyApp.ServiceModel

open System
open ServiceStack

    type RoomType =
        | Single = 0
        | Double = 1

    [<Flags>]
    type Days =
        | None = 0
        | Monday = 1
        | Tuesday = 2

    ///<summary>
    ///Find Bookings
    ///</summary>
    [<Route("/bookings", "GET")>]
    [<Authenticate>]
    [<AllowNullLiteral>]
    type QueryBookings() = 
        inherit QueryDb<Booking>()
        interface IReturn<QueryResponse<Booking>>
        member val Id:Nullable<Int32> = new Nullable<Int32>() with get,set
        member val RoomNumbers:ResizeArray<Int32> = null with get,set

    [<Route("/bookings/{Id}", "DELETE")>]
    [<RequiredRole("Admin")>]
    [<AllowNullLiteral>]
    type DeleteBooking() = 
        interface IReturnVoid
        interface IDelete
        [<ApiMember(IsRequired=true)>]
        member val Id:Int32 = new Int32() with get,set

    [<AllowNullLiteral>]
    type Booking() = 
        inherit AuditBase()
        member val Id:Int32 = new Int32() with get,set
        member val Name:String = null with get,set
        member val RoomType:RoomType = new RoomType() with get,set
        member val Tags:Dictionary<String, String> = null with get,set
        member val BookingEndDate:Nullable<DateTime> = new Nullable<DateTime>() with get,set
        member val Photo:Byte[] = null with get,set
`;
  const withoutLines = (r: DtoParseResult) =>
    r.types.map(({ line: _l, ...t }) => ({ ...t, properties: t.properties.map(({ line: _p, ...p }) => p) }));

  it('gives equal TypeDefs (lines aside)', () => {
    const cs = parseCSharpDtos(CSHARP, 'dtos.cs', 1);
    const fs = parseFSharpDtos(FSHARP, 'dtos.fs', 1);
    expect(cs.diagnostics).toEqual([]);
    expect(fs.diagnostics).toEqual([]);
    expect(withoutLines(fs)).toEqual(withoutLines(cs));
  });
});

describe('parseFSharpDtos under the other generator options', () => {
  // ?AddDataContractAttributes=true&AddIndexesToDataMembers=true&MakeDataContractsExtensible=true&AddResponseStatus=true
  // &AddImplicitVersion=1&AddGeneratedCodeAttributes=true&AddDescriptionAsComments=false
  const OPTIONS = `namespace Acme.ServiceModel

open System
open ServiceStack
open System.CodeDom.Compiler

    [<Description("Greets someone")>]
    [<Route("/hello/{Name}", "GET,POST")>]
    [<DataContract>]
    [<GeneratedCode("AddServiceStackReference", "8.80")>]
    [<AllowNullLiteral>]
    type Hello() = 
        interface IReturn<HelloResponse>
        interface IExtensibleDataObject with
            member val ExtensionData:ExtensionDataObject = null with get, set
        end
        member val Version:int = 1 with get, set
        [<Description("Who to greet")>]
        [<DataMember(Order=1)>]
        [<ApiMember(IsRequired=true, ParameterType="path")>]
        member val Name:String = null with get,set

        member val ExtensionData:ExtensionDataObject = null with get,set

    [<DataContract>]
    [<AllowNullLiteral>]
    type HelloResponse() = 
        [<DataMember(Order=1)>]
        member val Result:String = null with get,set

        [<DataMember(Order=2)>]
        member val ResponseStatus:ResponseStatus = null with get,set

        [<DataMember(Name="greeting_text", Order=3)>]
        member val Greeting:String = null with get,set
`;
  const r = parseFSharpDtos(OPTIONS, 'dtos.fs', 1);

  it('reads descriptions from attributes, every verb of a route, and data members', () => {
    expect(r.diagnostics).toEqual([]);
    expect(type(r, 'Hello')).toMatchObject({
      description: 'Greets someone',
      routes: [{ path: '/hello/{Name}', verbs: ['GET', 'POST'] }],
      implements: [{ name: 'IReturn', args: [named('HelloResponse')] }, { name: 'IExtensibleDataObject' }],
    });
    expect(type(r, 'Hello').properties.map((p) => [p.name, p.description, p.required, p.location])).toEqual([
      ['Version', undefined, false, undefined],
      ['Name', 'Who to greet', true, 'path'],
      ['ExtensionData', undefined, false, undefined],
    ]);
    expect(type(r, 'HelloResponse').properties.map((p) => p.name)).toEqual(['Result', 'ResponseStatus', 'Greeting']);
    expect(type(r, 'HelloResponse').properties[2]?.dataMemberName).toBe('greeting_text');
  });
});

describe('parseFSharpDtos on a [<Flags>] enum whose values are expressions', () => {
  it('keeps the numbers it can compute, else warns that the enum is written by name', () => {
    const ok = parseFSharpDtos('[<Flags>]\ntype A =\n    | X = 1\n    | Y = 2\n    | Z = 4\n', 'a.fs', 1);
    expect(ok.types[0]).toMatchObject({ enumValues: ['X', 'Y', 'Z'], enumNumbers: [1, 2, 4] });
    const r = parseFSharpDtos('[<Flags>]\ntype A =\n    | X = 1\n    | XY = X ||| Y\n', 'a.fs', 1);
    expect(r.types[0]).toMatchObject({ enumValues: ['X', 'XY'] });
    expect(r.types[0]?.enumNumbers).toBeUndefined();
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: 2, message: expect.stringContaining('A.XY') }),
    ]);
  });
});

describe('parseFSharpDtos on text that lost its indentation', () => {
  // Copied from a rendered page without its leading whitespace.
  const FLUSH = TYPES_FILE.split('\n')
    .map((l) => l.trimStart())
    .join('\n');

  it('reads the same types', () => {
    const r = parseFSharpDtos(FLUSH, 'dtos.fs', 1);
    expect(r.diagnostics).toEqual([]);
    const shape = (x: DtoParseResult) => x.types.map((t) => [t.name, t.kind, t.properties.map((p) => p.name)]);
    expect(shape(r)).toEqual(shape(file));
  });
});
