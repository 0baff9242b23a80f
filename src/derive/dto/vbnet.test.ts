import fc from 'fast-check';
import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseCSharpDtos } from './csharp.js';
import { parseVbNetDtos } from './vbnet.js';

// `/types/vbnet` as VbNetGenerator prints it with the default options (MakePartial, MakeVirtual, AddReturnMarker,
// AddDescriptionAsComments): types sorted by namespace and name, `Inherits`/`Implements` indented under the class.
const TYPES_FILE = `' Options:
'Date: 2026-11-30 09:12:04
'Version: 8.80
'Tip: To override a DTO option, remove "''" prefix before updating
'BaseUrl: https://localhost:5001
'
'''GlobalNamespace: 
'''MakePartial: True
'''MakeVirtual: True
'''MakeDataContractsExtensible: False
'''AddReturnMarker: True
'''AddDescriptionAsComments: True
'''AddDataContractAttributes: False
'''AddIndexesToDataMembers: False
'''AddGeneratedCodeAttributes: False
'''AddResponseStatus: False
'''AddImplicitVersion: 
'''InitializeCollections: False
'''ExportValueTypes: False
'''IncludeTypes: 
'''ExcludeTypes: 
'''AddNamespaces: 
'''AddDefaultXmlNamespace: http://schemas.servicestack.net/types

Imports System
Imports System.IO
Imports System.Collections
Imports System.Collections.Generic
Imports System.Runtime.Serialization
Imports ServiceStack
Imports ServiceStack.DataAnnotations
Imports MyApp.ServiceModel

Namespace Global

    Namespace MyApp.ServiceModel

        <Flags>
        Public Enum Amenities
            None = 0
            Wifi = 1
            Breakfast = 2
        End Enum

        Public Partial Class Booking
            Inherits AuditBase
            Public Overridable Property Id As Integer
            Public Overridable Property Name As String
            Public Overridable Property RoomType As RoomType
            Public Overridable Property Cost As Decimal
            Public Overridable Property BookingEndDate As Date?
            Public Overridable Property [Date] As Date
        End Class

        <Route("/bookings", "POST")>
        <RequiredRole("Employee")>
        <RequiredPermission("bookings:write")>
        Public Partial Class CreateBooking
            Implements IReturn(Of IdResponse)
            Implements ICreateDb(Of Booking)
            Implements IPost
            '''<Summary>
            '''Name this Booking
            '''</Summary>
            <ValidateNotEmpty>
            Public Overridable Property Name As String

            <ApiMember(Description:="Type of room", IsRequired:=true, ParameterType:="body")>
            Public Overridable Property RoomType As RoomType

            Public Overridable Property Tags As Dictionary(Of String, String)
            Public Overridable Property Notes As List(Of String)
            Public Overridable Property Photo As Byte()
            Public Overridable Property Start As Date
            Public Overridable Property Length As TimeSpan
            Public Overridable Property RefId As Guid
            Public Overridable Property Nights As Long
            Public Overridable Property Rooms As Short
            Public Overridable Property Rating As Double
            Public Overridable Property Vip As Boolean
            Public Overridable Property Extra As Object
            Public Overridable Property Scores As Dictionary(Of String, List(Of Integer?))
        End Class

        <Route("/bookings/{Id}", "DELETE")>
        <ValidateRequest("IsAuthenticated")>
        Public Partial Class DeleteBooking
            Implements IReturnVoid
            Implements IDelete
            Public Overridable Property Id As Integer
        End Class

        Public Partial Class Hello
            Implements IReturn(Of String)
            Public Property Version As Integer

            Public Sub New()
                Version = 2
            End Sub

            Public Overridable Property Name As String
        End Class

        Public Interface IHasName
            Property Name As String
        End Interface

        '''<Summary>
        '''Find Bookings
        '''</Summary>
        <Route("/bookings", "GET")>
        <Route("/bookings/{Id}", "GET")>
        <Authenticate>
        Public Partial Class QueryBookings
            Inherits QueryDb(Of Booking)
            Implements IReturn(Of QueryResponse(Of Booking))
            Public Overridable Property Id As Integer?
            Public Overridable Property Ids As Integer()
        End Class

        Public Partial Class QueryResponse(Of T)
            Public Overridable Property Offset As Integer
            Public Overridable Property Total As Integer
            Public Overridable Property Results As List(Of T)
        End Class

        Public Enum RoomType
            [Single]
            [Double]
            <EnumMember(Value:="suite")>
            Suite
        End Enum
    End Namespace
End Namespace

`;

const file = parseVbNetDtos(TYPES_FILE, 'dtos.vb', 1);

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const lineOf = (source: string, text: string, from = 0): number =>
  source.split('\n').findIndex((l, i) => i >= from && l.includes(text)) + 1;
/** The line declaring `prop` in the body of `typeName`. */
const propLine = (source: string, typeName: string, prop: string): number =>
  lineOf(source, `Property ${prop} As`, lineOf(source, ` ${typeName}`));
const P = (name: string): TypeRef => ({ kind: 'primitive', name }) as TypeRef;
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseVbNetDtos on a /types/vbnet file', () => {
  it('reads every type, in order, in its namespace, without diagnostics', () => {
    expect(file.diagnostics).toEqual([]);
    expect(file.types.map((t) => `${t.kind} ${t.name}@${t.line}`)).toEqual([
      `enum Amenities@${lineOf(TYPES_FILE, 'Public Enum Amenities')}`,
      `class Booking@${lineOf(TYPES_FILE, 'Class Booking')}`,
      `class CreateBooking@${lineOf(TYPES_FILE, 'Class CreateBooking')}`,
      `class DeleteBooking@${lineOf(TYPES_FILE, 'Class DeleteBooking')}`,
      `class Hello@${lineOf(TYPES_FILE, 'Class Hello')}`,
      `interface IHasName@${lineOf(TYPES_FILE, 'Interface IHasName')}`,
      `class QueryBookings@${lineOf(TYPES_FILE, 'Class QueryBookings')}`,
      `class QueryResponse@${lineOf(TYPES_FILE, 'Class QueryResponse')}`,
      `enum RoomType@${lineOf(TYPES_FILE, 'Public Enum RoomType')}`,
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
    ['Booking', '[Date]', P('datetime'), false, false],
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
    ['CreateBooking', 'Rooms', P('short'), false, false],
    ['CreateBooking', 'Rating', P('double'), false, false],
    ['CreateBooking', 'Vip', P('bool'), false, false],
    ['CreateBooking', 'Extra', P('object'), true, false],
    ['Hello', 'Version', P('int'), false, false],
  ] as const)('%s.%s is %j (nullable %s, required %s)', (typeName, prop, ref, nullable, required) => {
    const name = prop.replace(/[[\]]/g, '');
    const p = type(file, typeName).properties.find((x) => x.name === name);
    expect(p).toMatchObject({ type: ref, nullable, required, line: propLine(TYPES_FILE, typeName, prop) });
  });

  it('reads generic arguments inside generic arguments', () => {
    const scores = type(file, 'CreateBooking').properties.find((p) => p.name === 'Scores');
    expect(scores?.type).toMatchObject({ kind: 'map', key: P('string'), value: { kind: 'list', of: P('int') } });
  });

  it('skips constructors and keeps the properties around them', () => {
    expect(type(file, 'Hello').properties.map((p) => p.name)).toEqual(['Version', 'Name']);
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
    [
      'CreateBooking',
      undefined,
      [
        { name: 'IReturn', args: [named('IdResponse')] },
        { name: 'ICreateDb', args: [named('Booking')] },
        { name: 'IPost' },
      ],
    ],
    ['DeleteBooking', undefined, [{ name: 'IReturnVoid' }, { name: 'IDelete' }]],
    ['Hello', undefined, [{ name: 'IReturn', args: [P('string')] }]],
    ['Booking', { name: 'AuditBase' }, undefined],
  ])('reads the base and interfaces of %s', (name, inherits, impls) => {
    expect(type(file, name).inherits).toEqual(inherits);
    expect(type(file, name).implements).toEqual(impls);
  });

  it('reads generic parameters, enums (escaped names, EnumMember values) and doc comments', () => {
    expect(type(file, 'QueryResponse').genericParams).toEqual(['T']);
    expect(type(file, 'RoomType').enumValues).toEqual(['Single', 'Double', 'suite']);
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

describe('parseVbNetDtos on the DTO section of a metadata page (&lang=vbnet)', () => {
  // GenerateSourceCode(..., WithoutOptions): no header; the section starts on page line 20.
  const SECTION = `Imports System
Imports ServiceStack

Namespace Global

    Namespace MyApp.ServiceModel

        <Route("/hello/{Name}")>
        Public Partial Class Hello
            Implements IReturn(Of HelloResponse)
            <ApiMember(IsRequired:=true, ParameterType:="path")>
            Public Overridable Property Name As String
        End Class

        Public Partial Class HelloResponse
            Public Overridable Property Result As String
            Public Overridable Property ResponseStatus As ResponseStatus
        End Class
    End Namespace
End Namespace
`;
  const r = parseVbNetDtos(SECTION, 'hello.page.txt', 20);

  it('reads the operation with lines of the page', () => {
    expect(r.diagnostics).toEqual([]);
    expect(type(r, 'Hello')).toMatchObject({
      line: 20 + lineOf(SECTION, 'Class Hello') - 1,
      routes: [{ path: '/hello/{Name}', verbs: [] }],
      implements: [{ name: 'IReturn', args: [named('HelloResponse')] }],
      properties: [{ name: 'Name', required: true, location: 'path', line: 20 + lineOf(SECTION, 'Property Name') - 1 }],
    });
    expect(type(r, 'HelloResponse').properties.map((p) => p.type)).toEqual([P('string'), named('ResponseStatus')]);
  });
});

describe('parseVbNetDtos on hand-written VB.NET', () => {
  const HAND = `Option Strict On
Imports System.Collections.Generic

Namespace MyApp.Dtos
    <Route("/people", "GET"), Authenticate>
    Public Class FindPeople : Implements IReturn(Of List(Of Person)), IGet
        Public Property NameStartsWith As String
    End Class

    Public MustInherit Class Person(Of TKey As {New})
        Public Id As TKey
        public property name as string
        Public Property Nicknames As New List(Of String)
        Public Property Scores As Nullable(Of Integer)
        Public Property Grid As Integer(,)
        Public Property Size As UInteger
        Public Shared Property Count As Integer
        Private Const Limit As Integer = 10
        Public ReadOnly Property Label As String
            Get
                Return "x" ' a comment with a "quote"
            End Get
        End Property
        Public Function Describe() As String
            Return "She said ""hi"""
        End Function
        Public MustOverride Sub Reset()
        Public Event Changed As EventHandler
        Public Property LongName _
            As String
    End Class
End Namespace
`;
  const r = parseVbNetDtos(HAND, 'Dtos.vb', 1);

  it('reads fields, lower-case keywords, statement separators, continuations; skips code and statics', () => {
    expect(r.diagnostics).toEqual([]);
    expect(type(r, 'FindPeople')).toMatchObject({
      namespace: 'MyApp.Dtos',
      routes: [{ path: '/people', verbs: ['GET'] }],
      auth: { required: true, style: 'attribute' },
      implements: [{ name: 'IReturn', args: [{ kind: 'list', of: named('Person') }] }, { name: 'IGet' }],
    });
    expect(type(r, 'Person').genericParams).toEqual(['TKey']);
    expect(type(r, 'Person').properties.map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Id', named('TKey'), true],
      ['name', P('string'), true],
      ['Nicknames', { kind: 'list', of: P('string') }, true],
      ['Scores', P('int'), true],
      ['Grid', { kind: 'list', of: P('int') }, true],
      ['Size', P('uint'), false],
      ['Label', P('string'), true],
      ['LongName', P('string'), true],
    ]);
  });
});

describe('parseVbNetDtos on malformed input', () => {
  it.each([
    [
      'a property without a type',
      'Public Class Odd\n    Public Property Name\nEnd Class\n',
      "expected 'Property Name As Type'",
      2,
    ],
    [
      'an unparseable type',
      'Public Class Odd\n    Public Property Xs As Dictionary(Of String,\nEnd Class\n',
      'expected a type for property',
      2,
    ],
    ['a member that is not a declaration', 'Public Class Odd\n    42\nEnd Class\n', "expected 'Public Property", 2],
    ['an End that closes nothing', 'End Class\n', "'End Class' closes nothing", 1],
    ['a property outside any class', 'Public Property Name As String\n', 'expected Namespace, Class', 1],
    ['stray text', 'VB.NET Hello DTOs\n', 'expected Namespace, Class', 1],
    ['an enum member that is not a name', 'Public Enum E\n    A B\nEnd Enum\n', 'expected an enum member name', 2],
    ['an unterminated string', 'Public Class Odd\n    <Route("/x)>\nEnd Class\n', 'to close this string', 2],
  ])('reports %s with its line and carries on', (_what, source, message, line) => {
    const r = parseVbNetDtos(`${source}Public Class After\n    Public Property X As Integer\nEnd Class\n`, 'bad.vb', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', file: 'bad.vb', line, message: expect.stringContaining(message) }),
      ]),
    );
    expect(r.types.map((t) => t.name)).toContain('After');
  });

  it('never throws on arbitrary text, and its diagnostics point inside it (property)', () => {
    const fragments = fc.constantFrom(
      '<Route("/x", "GET")>',
      'Public Partial Class A(Of T)',
      'Public Enum E',
      '    A = 1',
      '    Public Overridable Property X As Dictionary(Of String, List(Of Integer?))',
      '    Inherits B(Of C)',
      '    Implements IReturn(Of D)',
      "'''<Summary>",
      'End Class',
      'End Enum',
      'Namespace N',
      'End Namespace',
      'Public Sub New()',
      '"',
      ' _',
      ': Implements',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fragments, { maxLength: 12 }).map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(text, fc.nat(300), (source, first) => {
        const firstLine = first + 1;
        const lastLine = firstLine + source.split('\n').length - 1;
        const { types, diagnostics } = parseVbNetDtos(source, 'fuzz.vb', firstLine);
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

describe('VB.NET and C# DTOs of the same API derive to the same types', () => {
  // The same API as CSharpGenerator prints it.
  const CSHARP = `namespace MyApp.ServiceModel
{
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

    [Route("/bookings", "POST")]
    public partial class CreateBooking
        : IReturn<IdResponse>, ICreateDb<Booking>
    {
        [ValidateNotEmpty]
        public virtual string Name { get; set; }
        public virtual RoomType RoomType { get; set; }
    }

    [Route("/bookings/{Id}", "DELETE")]
    [RequiredRole("Admin")]
    public partial class DeleteBooking
        : IReturnVoid, IDelete
    {
        [ApiMember(IsRequired=true)]
        public virtual int Id { get; set; }
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

    public enum RoomType
    {
        Single,
        Double,
    }
}
`;
  const VBNET = `Namespace Global

    Namespace MyApp.ServiceModel

        Public Partial Class Booking
            Inherits AuditBase
            Public Overridable Property Id As Integer
            Public Overridable Property Name As String
            Public Overridable Property RoomType As RoomType
            Public Overridable Property Tags As Dictionary(Of String, String)
            Public Overridable Property BookingEndDate As Date?
            Public Overridable Property Photo As Byte()
        End Class

        <Route("/bookings", "POST")>
        Public Partial Class CreateBooking
            Implements IReturn(Of IdResponse)
            Implements ICreateDb(Of Booking)
            <ValidateNotEmpty>
            Public Overridable Property Name As String

            Public Overridable Property RoomType As RoomType
        End Class

        <Route("/bookings/{Id}", "DELETE")>
        <RequiredRole("Admin")>
        Public Partial Class DeleteBooking
            Implements IReturnVoid
            Implements IDelete
            <ApiMember(IsRequired:=true)>
            Public Overridable Property Id As Integer
        End Class

        '''<Summary>
        '''Find Bookings
        '''</Summary>
        <Route("/bookings", "GET")>
        <Authenticate>
        Public Partial Class QueryBookings
            Inherits QueryDb(Of Booking)
            Implements IReturn(Of QueryResponse(Of Booking))
            Public Overridable Property Id As Integer?
            Public Overridable Property RoomNumbers As List(Of Integer)
        End Class

        Public Enum RoomType
            [Single]
            [Double]
        End Enum
    End Namespace
End Namespace
`;
  const withoutLines = (r: DtoParseResult) =>
    r.types.map(({ line: _l, ...t }) => ({ ...t, properties: t.properties.map(({ line: _p, ...p }) => p) }));

  it('gives equal TypeDefs (lines aside)', () => {
    const cs = parseCSharpDtos(CSHARP, 'dtos.cs', 1);
    const vb = parseVbNetDtos(VBNET, 'dtos.vb', 1);
    expect(cs.diagnostics).toEqual([]);
    expect(vb.diagnostics).toEqual([]);
    expect(withoutLines(vb)).toEqual(withoutLines(cs));
  });
});

describe('parseVbNetDtos under the other generator options', () => {
  // ?AddDataContractAttributes=true&AddIndexesToDataMembers=true&MakeDataContractsExtensible=true&AddResponseStatus=true
  // &AddImplicitVersion=1&AddGeneratedCodeAttributes=true&AddDescriptionAsComments=false, with a nested type.
  const OPTIONS = `Imports System
Imports ServiceStack
Imports System.CodeDom.Compiler

<Assembly: ContractNamespace("http://schemas.servicestack.net/types", ClrNamespace:="Acme.ServiceModel")>

Namespace Global

    Namespace Acme.ServiceModel

        <Flags>
        Public Enum Days
            None = 0
            Monday = 1
            Tuesday = 2
        End Enum

        <Description("Greets someone")>
        <Route("/hello/{Name}", "GET,POST")>
        <DataContract>
        <GeneratedCode("AddServiceStackReference", "8.80")>
        Public Partial Class Hello
            Implements IReturn(Of HelloResponse)
            Implements IExtensibleDataObject
            Public Overridable Property Version As Integer

            Public Sub New()
                Version = 1
            End Sub

            <Description("Who to greet")>
            <DataMember(Order:=1)>
            <ApiMember(IsRequired:=true, ParameterType:="path")>
            Public Overridable Property Name As String

            Public Overridable Property ExtensionData As ExtensionDataObject Implements IExtensibleDataObject.ExtensionData
        End Class

        <DataContract>
        Public Partial Class HelloResponse
            <DataMember(Order:=1)>
            Public Overridable Property Result As String

            <DataMember(Order:=2)>
            Public Overridable Property ResponseStatus As ResponseStatus

            <DataMember(Name:="greeting_text", Order:=3)>
            Public Overridable Property Greeting As HelloResponse.Greeting

            Public Partial Class Greeting
                Public Overridable Property Text As String
            End Class
        End Class
    End Namespace
End Namespace
`;
  const r = parseVbNetDtos(OPTIONS, 'dtos.vb', 1);

  it('reads descriptions from attributes, every verb of a route, data members and nested types', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.types.map((t) => t.name)).toEqual(['Days', 'Hello', 'HelloResponse', 'Greeting']);
    expect(type(r, 'Days')).toMatchObject({ enumValues: ['None', 'Monday', 'Tuesday'], enumNumbers: [0, 1, 2] });
    expect(type(r, 'Hello')).toMatchObject({
      namespace: 'Acme.ServiceModel',
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
    expect(type(r, 'HelloResponse').properties[2]).toMatchObject({
      type: named('Greeting'),
      dataMemberName: 'greeting_text',
    });
    expect(type(r, 'Greeting').properties.map((p) => p.name)).toEqual(['Text']);
  });
});

describe('parseVbNetDtos on text that lost its indentation', () => {
  const FLUSH = TYPES_FILE.split('\n')
    .map((l) => l.trimStart())
    .join('\n');

  it('reads the same types', () => {
    const r = parseVbNetDtos(FLUSH, 'dtos.vb', 1);
    expect(r.diagnostics).toEqual([]);
    const shape = (x: DtoParseResult) => x.types.map((t) => [t.name, t.kind, t.properties.map((p) => p.name)]);
    expect(shape(r)).toEqual(shape(file));
  });
});
