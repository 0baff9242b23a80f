/**
 * `ssmock derive` of the same API's DTO file in C#, F# and VB.NET (as `/types/csharp`, `/types/fsharp`
 * and `/types/vbnet` serve it): `derive --check` of the F# or VB.NET file against the schemas derived
 * from the C# file finds no drift.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from './index.js';
import type { ApiManifest } from '../schema/manifest.js';

const CSHARP = `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*/

using System;
using System.Collections.Generic;
using ServiceStack;
using ServiceStack.DataAnnotations;

namespace MyApp.ServiceModel
{
    public enum RoomType
    {
        Single,
        Double,
        Suite,
    }

    public partial class Booking
        : AuditBase
    {
        public virtual int Id { get; set; }
        public virtual string Name { get; set; }
        public virtual RoomType RoomType { get; set; }
        public virtual int RoomNumber { get; set; }
        public virtual DateTime BookingStartDate { get; set; }
        public virtual DateTime? BookingEndDate { get; set; }
        public virtual decimal Cost { get; set; }
        public virtual List<string> Tags { get; set; }
    }

    ///<summary>
    ///Find Bookings
    ///</summary>
    [Route("/bookings", "GET")]
    [Route("/bookings/{Id}", "GET")]
    [Authenticate]
    public partial class QueryBookings
        : QueryDb<Booking>, IReturn<QueryResponse<Booking>>
    {
        public virtual int? Id { get; set; }
        public virtual decimal? CostAbove { get; set; }
    }

    [Route("/bookings", "POST")]
    [RequiredRole("Employee")]
    public partial class CreateBooking
        : IReturn<IdResponse>, IPost
    {
        [ValidateNotEmpty]
        public virtual string Name { get; set; }

        [ApiMember(Description="Type of room", IsRequired=true)]
        public virtual RoomType RoomType { get; set; }

        public virtual int RoomNumber { get; set; }
        public virtual decimal Cost { get; set; }
        public virtual Dictionary<string, string> Meta { get; set; }
    }

    [Route("/bookings/{Id}", "DELETE")]
    [ValidateHasRole("Manager")]
    public partial class DeleteBooking
        : IReturnVoid, IDelete
    {
        public virtual int Id { get; set; }
    }
}
`;

const FSHARP = `(* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*)

namespace MyApp.ServiceModel

open System
open System.Collections.Generic
open ServiceStack
open ServiceStack.DataAnnotations

    type RoomType =
        | Single = 0
        | Double = 1
        | Suite = 2

    [<AllowNullLiteral>]
    type Booking() = 
        inherit AuditBase()
        member val Id:Int32 = new Int32() with get,set
        member val Name:String = null with get,set
        member val RoomType:RoomType = new RoomType() with get,set
        member val RoomNumber:Int32 = new Int32() with get,set
        member val BookingStartDate:DateTime = new DateTime() with get,set
        member val BookingEndDate:Nullable<DateTime> = new Nullable<DateTime>() with get,set
        member val Cost:Decimal = new Decimal() with get,set
        member val Tags:ResizeArray<String> = null with get,set

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
        member val CostAbove:Nullable<Decimal> = new Nullable<Decimal>() with get,set

    [<Route("/bookings", "POST")>]
    [<RequiredRole("Employee")>]
    [<AllowNullLiteral>]
    type CreateBooking() = 
        interface IReturn<IdResponse>
        interface IPost
        [<ValidateNotEmpty>]
        member val Name:String = null with get,set

        [<ApiMember(Description="Type of room", IsRequired=true)>]
        member val RoomType:RoomType = new RoomType() with get,set

        member val RoomNumber:Int32 = new Int32() with get,set
        member val Cost:Decimal = new Decimal() with get,set
        member val Meta:Dictionary<String, String> = null with get,set

    [<Route("/bookings/{Id}", "DELETE")>]
    [<ValidateHasRole("Manager")>]
    [<AllowNullLiteral>]
    type DeleteBooking() = 
        interface IReturnVoid
        interface IDelete
        member val Id:Int32 = new Int32() with get,set

`;

const VBNET = `' Options:
'Date: 2026-11-30 09:12:04
'Version: 8.80
'Tip: To override a DTO option, remove "''" prefix before updating
'BaseUrl: https://localhost:5001
'

Imports System
Imports System.Collections.Generic
Imports ServiceStack
Imports ServiceStack.DataAnnotations

Namespace Global

    Namespace MyApp.ServiceModel

        Public Partial Class Booking
            Inherits AuditBase
            Public Overridable Property Id As Integer
            Public Overridable Property Name As String
            Public Overridable Property RoomType As RoomType
            Public Overridable Property RoomNumber As Integer
            Public Overridable Property BookingStartDate As Date
            Public Overridable Property BookingEndDate As Date?
            Public Overridable Property Cost As Decimal
            Public Overridable Property Tags As List(Of String)
        End Class

        <Route("/bookings", "POST")>
        <RequiredRole("Employee")>
        Public Partial Class CreateBooking
            Implements IReturn(Of IdResponse)
            Implements IPost
            <ValidateNotEmpty>
            Public Overridable Property Name As String

            <ApiMember(Description:="Type of room", IsRequired:=true)>
            Public Overridable Property RoomType As RoomType

            Public Overridable Property RoomNumber As Integer
            Public Overridable Property Cost As Decimal
            Public Overridable Property Meta As Dictionary(Of String, String)
        End Class

        <Route("/bookings/{Id}", "DELETE")>
        <ValidateHasRole("Manager")>
        Public Partial Class DeleteBooking
            Implements IReturnVoid
            Implements IDelete
            Public Overridable Property Id As Integer
        End Class

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
            Public Overridable Property CostAbove As Decimal?
        End Class

        Public Enum RoomType
            [Single]
            [Double]
            Suite
        End Enum
    End Namespace
End Namespace

`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-dotnet-langs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each file saved as `dtos` (no extension: the language is told from the content), in a folder of its own. */
const save = (lang: string, text: string): string => {
  mkdirSync(path.join(dir, lang), { recursive: true });
  const file = path.join(dir, lang, 'dtos');
  writeFileSync(file, text);
  return file;
};

describe.each([
  ['F#', FSHARP],
  ['VB.NET', VBNET],
])('derive of the %s DTO file', (_label, source) => {
  it('derives what the C# file derives: derive --check against its schemas finds no drift', () => {
    const out = path.join(dir, 'schemas');
    const fromCs = deriveSchemas({ inputs: [save('cs', CSHARP)], out, api: 'bookings' });
    expect(fromCs.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(out, 'bookings', 'manifest.json'), 'utf8')) as ApiManifest;
    expect(manifest.operations.map((o) => [o.name, o.primaryVerb, o.response])).toEqual([
      ['CreateBooking', 'POST', 'IdResponse'],
      ['DeleteBooking', 'DELETE', null],
      ['QueryBookings', 'GET', 'QueryResponseOfBooking'],
    ]);

    const other = deriveSchemas({ inputs: [save('other', source)], out, api: 'bookings', check: true });
    expect(other.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(other.apis).toEqual(fromCs.apis);
    expect(other.drift).toEqual([]);
  });
});
