/**
 * AutoQuery recognition from each DTO language, as each generator prints a `QueryDb<T>` query and an
 * `ICreateDb<T>` create: the manifest's `autoQuery`, verb and response, derived from a bare DTO file.
 */
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { addBareDtoFileToDraft } from './dto-file.js';
import type { Diagnostic } from './model.js';

interface LanguageCase {
  language: string;
  source: string;
  /** Swift's generator drops generic protocols: no CRUD marker reaches the file. */
  crud: boolean;
  /** Go, Rust and Zig print `QueryDb<From, Into>` without its arguments: only Into, the response's, reaches the file. */
  fromDropped?: boolean;
}

const CASES: LanguageCase[] = [
  {
    language: 'typescript (.d.ts)',
    crud: true,
    source: `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//GlobalNamespace: dtos
//ExportAsTypes: False
*/


declare module dtos
{

    interface IReturn<T>
    {
    }

    interface ICreateDb<Table>
    {
    }

    // @DataContract
    interface QueryBase
    {
        // @DataMember(Order=1)
        skip?: number;

        // @DataMember(Order=2)
        take?: number;

        // @DataMember(Order=3)
        orderBy?: string;

        // @DataMember(Order=4)
        orderByDesc?: string;

        // @DataMember(Order=5)
        include?: string;

        // @DataMember(Order=6)
        fields?: string;

        // @DataMember(Order=7)
        meta?: { [index:string]: string; };
    }

    interface QueryDb<T> extends QueryBase
    {
    }

    interface QueryDb_2<From, Into> extends QueryBase
    {
    }

    // @DataContract
    interface AuditBase
    {
        // @DataMember(Order=1)
        createdDate: string;

        // @DataMember(Order=2)
        // @Required()
        createdBy: string;

        // @DataMember(Order=3)
        modifiedDate: string;

        // @DataMember(Order=4)
        // @Required()
        modifiedBy: string;

        // @DataMember(Order=5)
        deletedDate?: string;

        // @DataMember(Order=6)
        deletedBy?: string;
    }

    interface Booking extends AuditBase
    {
        id: number;
        name: string;
        roomNumber: number;
        cost: number;
    }

    interface BookingSummary
    {
        id: number;
        name: string;
    }

    // @DataContract
    interface QueryResponse<T>
    {
        // @DataMember(Order=1)
        offset: number;

        // @DataMember(Order=2)
        total: number;

        // @DataMember(Order=3)
        results: T[];

        // @DataMember(Order=4)
        meta?: { [index:string]: string; };

        // @DataMember(Order=5)
        responseStatus?: ResponseStatus;
    }

    // @DataContract
    interface IdResponse
    {
        // @DataMember(Order=1)
        id: string;

        // @DataMember(Order=2)
        responseStatus?: ResponseStatus;
    }

    // @Route("/bookings", "GET")
    interface QueryBookings extends QueryDb<Booking>, IReturn<QueryResponse<Booking>>
    {
        id?: number;
        costAbove?: number;
        roomNumbers?: number[];
    }

    interface QueryBookingSummaries extends QueryDb_2<Booking, BookingSummary>, IReturn<QueryResponse<BookingSummary>>
    {
        nameStartsWith?: string;
    }

    // @Route("/bookings", "POST")
    interface CreateBooking extends IReturn<IdResponse>, ICreateDb<Booking>
    {
        name: string;
        roomNumber: number;
        cost: number;
    }

}
`,
  },
  {
    language: 'python',
    crud: true,
    source: `""" Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "#" prefix before updating
BaseUrl: https://localhost:5001
"""

import datetime
import decimal
from marshmallow.fields import *
from servicestack import *
from typing import *
from dataclasses import dataclass, field
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Booking(AuditBase):
    id: int = 0
    name: Optional[str] = None
    room_number: int = 0
    cost: Decimal = decimal.Decimal(0)


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class BookingSummary:
    id: int = 0
    name: Optional[str] = None


# @Route("/bookings", "GET")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class QueryBookings(QueryDb[Booking], IReturn[QueryResponse[Booking]]):
    """
    Find Bookings
    """

    id: Optional[int] = None
    cost_above: Optional[Decimal] = None
    room_numbers: Optional[List[int]] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class QueryBookingSummaries(QueryDb2[Booking, BookingSummary], IReturn[QueryResponse[BookingSummary]]):
    name_starts_with: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class CreateBooking(IReturn[IdResponse], ICreateDb[Booking]):
    name: Optional[str] = None
    room_number: int = 0
    cost: Decimal = decimal.Decimal(0)
`,
  },
  {
    language: 'kotlin',
    crud: true,
    source: `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*/

import java.math.*
import java.util.*
import java.io.InputStream
import net.servicestack.client.*


@Route(Path="/bookings", Verbs="GET")
open class QueryBookings : QueryDb<Booking>(), IReturn<QueryResponse<Booking>>
{
    var id:Int? = null
    var costAbove:BigDecimal? = null
    var roomNumbers:ArrayList<Int>? = null
    companion object { private val responseType = object : TypeToken<QueryResponse<Booking>>(){}.type }
    override fun getResponseType(): Any? = QueryBookings.responseType
}

open class QueryBookingSummaries : QueryDb2<Booking, BookingSummary>(), IReturn<QueryResponse<BookingSummary>>
{
    var nameStartsWith:String? = null
    companion object { private val responseType = object : TypeToken<QueryResponse<BookingSummary>>(){}.type }
    override fun getResponseType(): Any? = QueryBookingSummaries.responseType
}

open class CreateBooking : IReturn<IdResponse>, ICreateDb<Booking>
{
    var name:String? = null
    var roomNumber:Int? = null
    var cost:BigDecimal? = null
    companion object { private val responseType = IdResponse::class.java }
    override fun getResponseType(): Any? = CreateBooking.responseType
}

open class Booking : AuditBase()
{
    var id:Int? = null
    var name:String? = null
    var roomNumber:Int? = null
    var cost:BigDecimal? = null
}

open class BookingSummary
{
    var id:Int? = null
    var name:String? = null
}
`,
  },
  {
    language: 'java',
    crud: true,
    source: `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*/

package bookings;

import java.math.*;
import java.util.*;
import java.io.InputStream;
import net.servicestack.client.*;

public class dtos
{

    @Route(Path="/bookings", Verbs="GET")
    public static class QueryBookings extends QueryDb<Booking> implements IReturn<QueryResponse<Booking>>
    {
        public Integer id = null;
        public BigDecimal costAbove = null;
        public ArrayList<Integer> roomNumbers = null;
        
        public Integer getId() { return id; }
        public QueryBookings setId(Integer value) { this.id = value; return this; }
        public BigDecimal getCostAbove() { return costAbove; }
        public QueryBookings setCostAbove(BigDecimal value) { this.costAbove = value; return this; }
        public ArrayList<Integer> getRoomNumbers() { return roomNumbers; }
        public QueryBookings setRoomNumbers(ArrayList<Integer> value) { this.roomNumbers = value; return this; }
        private static Object responseType = new TypeToken<QueryResponse<Booking>>(){}.getType();
        public Object getResponseType() { return responseType; }
    }

    public static class QueryBookingSummaries extends QueryDb2<Booking, BookingSummary> implements IReturn<QueryResponse<BookingSummary>>
    {
        public String nameStartsWith = null;
        
        public String getNameStartsWith() { return nameStartsWith; }
        public QueryBookingSummaries setNameStartsWith(String value) { this.nameStartsWith = value; return this; }
        private static Object responseType = new TypeToken<QueryResponse<BookingSummary>>(){}.getType();
        public Object getResponseType() { return responseType; }
    }

    public static class CreateBooking implements IReturn<IdResponse>, ICreateDb<Booking>
    {
        public String name = null;
        public Integer roomNumber = null;
        public BigDecimal cost = null;
        
        public String getName() { return name; }
        public CreateBooking setName(String value) { this.name = value; return this; }
        private static Object responseType = IdResponse.class;
        public Object getResponseType() { return responseType; }
    }

    public static class Booking extends AuditBase
    {
        public Integer id = null;
        public String name = null;
        public Integer roomNumber = null;
        public BigDecimal cost = null;
        
        public Integer getId() { return id; }
        public Booking setId(Integer value) { this.id = value; return this; }
    }

    public static class BookingSummary
    {
        public Integer id = null;
        public String name = null;
        
        public Integer getId() { return id; }
        public BookingSummary setId(Integer value) { this.id = value; return this; }
    }

}
`,
  },
  {
    language: 'swift',
    crud: false,
    source: `/* Options:
Date: 2026-11-30 09:12:04
SwiftVersion: 6.0
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*/

import Foundation
import ServiceStack

/**
* Find Bookings
*/
// @Route("/bookings", "GET")
public class QueryBookings : QueryDb<Booking>, IReturn
{
    public typealias Return = QueryResponse<Booking>

    public var id:Int?
    public var costAbove:Double?
    public var roomNumbers:[Int]?

    required public init(){ super.init() }

    private enum CodingKeys : String, CodingKey {
        case id
        case costAbove
        case roomNumbers
    }

    required public init(from decoder: Decoder) throws {
        try super.init(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int.self, forKey: .id)
        costAbove = try container.decodeIfPresent(Double.self, forKey: .costAbove)
        roomNumbers = try container.decodeIfPresent([Int].self, forKey: .roomNumbers) ?? []
    }

    public override func encode(to encoder: Encoder) throws {
        try super.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        if id != nil { try container.encode(id, forKey: .id) }
        if costAbove != nil { try container.encode(costAbove, forKey: .costAbove) }
        if roomNumbers != nil { try container.encode(roomNumbers, forKey: .roomNumbers) }
    }
}

public class QueryBookingSummaries : QueryDb2<Booking, BookingSummary>, IReturn
{
    public typealias Return = QueryResponse<BookingSummary>

    public var nameStartsWith:String?

    required public init(){ super.init() }
}

/**
* Create a new Booking
*/
public class CreateBooking : IReturn, Codable
{
    public typealias Return = IdResponse

    public var name:String?
    public var roomNumber:Int?
    public var cost:Double?

    required public init(){}
}

public class Booking : AuditBase
{
    public var id:Int?
    public var name:String?
    public var roomNumber:Int?
    public var cost:Double?

    required public init(){ super.init() }
}

public class BookingSummary : Codable
{
    public var id:Int?
    public var name:String?

    required public init(){}
}
`,
  },
  {
    language: 'dart',
    crud: true,
    source: `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001
*/

import 'package:servicestack/servicestack.dart';

class Booking extends AuditBase implements IConvertible
{
    int? id;
    String? name;
    int? roomNumber;
    double? cost;

    Booking({this.id,this.name,this.roomNumber,this.cost});
    Booking.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        super.fromMap(json);
        id = json['id'];
        name = json['name'];
        roomNumber = json['roomNumber'];
        cost = JsonConverters.toDouble(json['cost']);
        return this;
    }

    Map<String, dynamic> toJson() => super.toJson()..addAll({
        'id': id,
        'name': name,
        'roomNumber': roomNumber,
        'cost': cost
    });

    getTypeName() => "Booking";
    TypeContext? context = _ctx;
}

class BookingSummary implements IConvertible
{
    int? id;
    String? name;

    BookingSummary({this.id,this.name});
    BookingSummary.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        id = json['id'];
        name = json['name'];
        return this;
    }

    Map<String, dynamic> toJson() => {
        'id': id,
        'name': name
    };

    getTypeName() => "BookingSummary";
    TypeContext? context = _ctx;
}

/**
* Find Bookings
*/
// @Route("/bookings", "GET")
class QueryBookings extends QueryDb<Booking> implements IReturn<QueryResponse<Booking>>, IConvertible, IGet
{
    int? id;
    double? costAbove;
    List<int>? roomNumbers;

    QueryBookings({this.id,this.costAbove,this.roomNumbers});
    QueryBookings.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        super.fromMap(json);
        id = json['id'];
        costAbove = JsonConverters.toDouble(json['costAbove']);
        roomNumbers = JsonConverters.fromJson(json['roomNumbers'],'List<int>',context!);
        return this;
    }

    Map<String, dynamic> toJson() => super.toJson()..addAll({
        'id': id,
        'costAbove': costAbove,
        'roomNumbers': JsonConverters.toJson(roomNumbers,'List<int>',context!)
    });

    createResponse() => QueryResponse<Booking>();
    getResponseTypeName() => "QueryResponse<Booking>";
    getTypeName() => "QueryBookings";
    TypeContext? context = _ctx;
}

class QueryBookingSummaries extends QueryDb2<Booking, BookingSummary> implements IReturn<QueryResponse<BookingSummary>>, IConvertible, IGet
{
    String? nameStartsWith;

    QueryBookingSummaries({this.nameStartsWith});
    QueryBookingSummaries.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        super.fromMap(json);
        nameStartsWith = json['nameStartsWith'];
        return this;
    }

    Map<String, dynamic> toJson() => super.toJson()..addAll({
        'nameStartsWith': nameStartsWith
    });

    createResponse() => QueryResponse<BookingSummary>();
    getResponseTypeName() => "QueryResponse<BookingSummary>";
    getTypeName() => "QueryBookingSummaries";
    TypeContext? context = _ctx;
}

class CreateBooking implements IReturn<IdResponse>, ICreateDb<Booking>, IConvertible, IPost
{
    String? name;
    int? roomNumber;
    double? cost;

    CreateBooking({this.name,this.roomNumber,this.cost});
    CreateBooking.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        name = json['name'];
        roomNumber = json['roomNumber'];
        cost = JsonConverters.toDouble(json['cost']);
        return this;
    }

    Map<String, dynamic> toJson() => {
        'name': name,
        'roomNumber': roomNumber,
        'cost': cost
    };

    createResponse() => IdResponse();
    getResponseTypeName() => "IdResponse";
    getTypeName() => "CreateBooking";
    TypeContext? context = _ctx;
}
`,
  },
  {
    // FSharpGenerator prints only the marker interfaces (IGet, IPost, ...): ICreateDb<T> does not reach the file.
    language: 'fsharp',
    crud: false,
    source: `(* Options:
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

    [<AllowNullLiteral>]
    type Booking() = 
        inherit AuditBase()
        member val Id:Int32 = new Int32() with get,set
        member val Name:String = null with get,set
        member val RoomNumber:Int32 = new Int32() with get,set
        member val Cost:Decimal = new Decimal() with get,set

    [<AllowNullLiteral>]
    type BookingSummary() = 
        member val Id:Int32 = new Int32() with get,set
        member val Name:String = null with get,set

    ///<summary>
    ///Find Bookings
    ///</summary>
    [<Route("/bookings", "GET")>]
    [<AllowNullLiteral>]
    type QueryBookings() = 
        inherit QueryDb<Booking>()
        interface IReturn<QueryResponse<Booking>>
        member val Id:Nullable<Int32> = new Nullable<Int32>() with get,set
        member val CostAbove:Nullable<Decimal> = new Nullable<Decimal>() with get,set
        member val RoomNumbers:ResizeArray<Int32> = null with get,set

    [<AllowNullLiteral>]
    type QueryBookingSummaries() = 
        inherit QueryDb<Booking, BookingSummary>()
        interface IReturn<QueryResponse<BookingSummary>>
        member val NameStartsWith:String = null with get,set

    [<AllowNullLiteral>]
    type CreateBooking() = 
        interface IReturn<IdResponse>
        member val Name:String = null with get,set
        member val RoomNumber:Int32 = new Int32() with get,set
        member val Cost:Decimal = new Decimal() with get,set

`,
  },
  {
    language: 'vbnet',
    crud: true,
    source: `' Options:
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

        Public Partial Class Booking
            Inherits AuditBase
            Public Overridable Property Id As Integer
            Public Overridable Property Name As String
            Public Overridable Property RoomNumber As Integer
            Public Overridable Property Cost As Decimal
        End Class

        Public Partial Class BookingSummary
            Public Overridable Property Id As Integer
            Public Overridable Property Name As String
        End Class

        Public Partial Class CreateBooking
            Implements IReturn(Of IdResponse)
            Implements ICreateDb(Of Booking)
            Public Overridable Property Name As String
            Public Overridable Property RoomNumber As Integer
            Public Overridable Property Cost As Decimal
        End Class

        Public Partial Class QueryBookingSummaries
            Inherits QueryDb(Of Booking, BookingSummary)
            Implements IReturn(Of QueryResponse(Of BookingSummary))
            Public Overridable Property NameStartsWith As String
        End Class

        '''<Summary>
        '''Find Bookings
        '''</Summary>
        <Route("/bookings", "GET")>
        Public Partial Class QueryBookings
            Inherits QueryDb(Of Booking)
            Implements IReturn(Of QueryResponse(Of Booking))
            Public Overridable Property Id As Integer?
            Public Overridable Property CostAbove As Decimal?
            Public Overridable Property RoomNumbers As List(Of Integer)
        End Class
    End Namespace
End Namespace

`,
  },
  {
    // GoGenerator prints no interfaces and embeds the library's `ss.QueryDb` without its arguments.
    language: 'go',
    crud: false,
    fromDropped: true,
    source: `/* Options:
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
)

type Booking struct {
	ss.AuditBase
	Id         int      \`json:"id,omitempty"\`
	Name       *string  \`json:"name,omitempty"\`
	RoomNumber int      \`json:"roomNumber,omitempty"\`
	Cost       float64  \`json:"cost,omitempty"\`
}

type BookingSummary struct {
	Id   int     \`json:"id,omitempty"\`
	Name *string \`json:"name,omitempty"\`
}

/** @description Find Bookings */
// @Route("/bookings", "GET")
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

/** @description Create a new Booking */
type CreateBooking struct {
	Name       *string \`json:"name,omitempty"\`
	RoomNumber int     \`json:"roomNumber,omitempty"\`
	Cost       float64 \`json:"cost,omitempty"\`
}

func (CreateBooking) CreateResponse() (r ss.IdResponse) { return }
func (CreateBooking) HttpMethod() string              { return "POST" }
`,
  },
  {
    // RustGenerator prints no interfaces and flattens the library's `QueryDb` without its arguments.
    language: 'rust',
    crud: false,
    fromDropped: true,
    source: `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//GlobalNamespace:
//AddServiceStackTypes: True
//DefaultImports: serde::{Deserialize, Serialize},serde_json::Value,std::collections::HashMap
*/

#![allow(
    dead_code,
    non_camel_case_types,
    non_snake_case,
    clippy::upper_case_acronyms
)]

use serde::{Deserialize, Serialize};
use servicestack::*;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct Booking {
    #[serde(flatten)]
    pub audit_base: AuditBase,
    pub id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "roomNumber")]
    pub room_number: i32,
    pub cost: f64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct BookingSummary {
    pub id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Find Bookings
// Route("/bookings", "GET")
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

/// Create a new Booking
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct CreateBooking {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "roomNumber")]
    pub room_number: i32,
    pub cost: f64,
}

impl IRequest for CreateBooking {
    const NAME: &'static str = "CreateBooking";
    const VERB: &'static str = "POST";
}
impl IReturn for CreateBooking {
    type Response = IdResponse;
}
`,
  },
  {
    // ZigGenerator prints no interfaces and flattens QueryBase's members into the query.
    language: 'zig',
    crud: false,
    fromDropped: true,
    source: `/// Options:
/// Date: 2026-11-30 09:12:04
/// Version: 8.80
/// Tip: To override a DTO option, remove "/" prefix before updating
/// BaseUrl: https://localhost:5001
/// GlobalNamespace:
/// AddServiceStackTypes: True
/// DefaultImports: const std = @import("std");
///
const std = @import("std");
const ss = @import("servicestack");

pub const Booking = struct {
    created_date: ?[]const u8 = null,
    created_by: ?[]const u8 = null,
    modified_date: ?[]const u8 = null,
    modified_by: ?[]const u8 = null,
    deleted_date: ?[]const u8 = null,
    deleted_by: ?[]const u8 = null,
    id: i32 = 0,
    name: ?[]const u8 = null,
    room_number: i32 = 0,
    cost: f64 = 0,
};

pub const BookingSummary = struct {
    id: i32 = 0,
    name: ?[]const u8 = null,
};

/// Find Bookings
// @Route("/bookings", "GET")
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

/// Create a new Booking
pub const CreateBooking = struct {
    pub const ss_name = "CreateBooking";
    pub const ss_verb = "POST";
    pub const Response = ss.IdResponse;

    name: ?[]const u8 = null,
    room_number: i32 = 0,
    cost: f64 = 0,
};
`,
  },
  {
    // PhpGenerator erases generic arguments from the class line and keeps them as `@template Base of Arg`.
    language: 'php',
    crud: true,
    source: `<?php namespace dtos;
/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//GlobalNamespace: dtos
//MakePropertiesOptional: False
//AddServiceStackTypes: True
//AddResponseStatus: False
//AddImplicitVersion: 
//AddDescriptionAsComments: True
//IncludeTypes: 
//ExcludeTypes: 
//DefaultImports: 
*/


use DateTime;
use Exception;
use DateInterval;
use JsonSerializable;
use ServiceStack\\{IReturn,IReturnVoid,IGet,IPost,IPut,IDelete,IPatch,IMeta,IHasSessionId,IHasBearerToken,IHasVersion};
use ServiceStack\\{ICrud,ICreateDb,IUpdateDb,IPatchDb,IDeleteDb,ISaveDb,AuditBase,QueryDb,QueryDb2,QueryData,QueryData2,QueryResponse};
use ServiceStack\\{ResponseStatus,ResponseError,EmptyResponse,IdResponse,ArrayList,KeyValuePair2,StringResponse,StringsResponse,Tuple2,Tuple3,ByteArray};
use ServiceStack\\{JsonConverters,Returns,TypeContext};


class Booking extends AuditBase implements JsonSerializable
{
    /**
     * @param DateTime $createdDate
     * @param string $createdBy
     */
    public function __construct(
        DateTime $createdDate=new DateTime(),
        string $createdBy='',
        /** @var int */
        public int $id=0,
        /** @var string|null */
        public ?string $name=null,
        /** @var int */
        public int $roomNumber=0,
        /** @var float */
        public float $cost=0.0
    ) {
        parent::__construct($createdDate,$createdBy);
    }
}

class BookingSummary implements JsonSerializable
{
    public function __construct(
        /** @var int */
        public int $id=0,
        /** @var string|null */
        public ?string $name=null
    ) {
    }
}

// @Route("/bookings", "GET")
#[Returns('QueryResponse')]
/**
 * @template QueryDb of Booking
 */
class QueryBookings extends QueryDb implements IReturn, JsonSerializable
{
    /**
     * @param int|null $skip
     * @param int|null $take
     */
    public function __construct(
        ?int $skip=null,
        ?int $take=null,
        /** @var int|null */
        public ?int $id=null,
        /** @var float|null */
        public ?float $costAbove=null,
        /** @var array<int>|null */
        public ?array $roomNumbers=null
    ) {
        parent::__construct($skip,$take);
    }

    public function getTypeName(): string { return 'QueryBookings'; }
    public function getMethod(): string { return 'GET'; }
    public function createResponse(): mixed { return QueryResponse::create(genericArgs:['Booking']); }
}

#[Returns('QueryResponse')]
/**
 * @template QueryDb2 of Booking
 * @template QueryDb21 of BookingSummary
 */
class QueryBookingSummaries extends QueryDb2 implements IReturn, JsonSerializable
{
    public function __construct(
        /** @var string|null */
        public ?string $nameStartsWith=null
    ) {
    }

    public function getTypeName(): string { return 'QueryBookingSummaries'; }
    public function getMethod(): string { return 'GET'; }
    public function createResponse(): mixed { return QueryResponse::create(genericArgs:['BookingSummary']); }
}

// @Route("/bookings", "POST")
#[Returns('IdResponse')]
/**
 * @template ICreateDb of Booking
 */
class CreateBooking implements IReturn, ICreateDb, JsonSerializable
{
    public function __construct(
        /** @var string|null */
        public ?string $name=null,
        /** @var int */
        public int $roomNumber=0,
        /** @var float */
        public float $cost=0.0
    ) {
    }

    public function getTypeName(): string { return 'CreateBooking'; }
    public function getMethod(): string { return 'POST'; }
    public function createResponse(): mixed { return new IdResponse(); }
}
`,
  },
];

const derive = (source: string) => {
  const draft = newDraft('bookings', 'bookings');
  const diagnostics: Diagnostic[] = [];
  addBareDtoFileToDraft(draft, source, 'docs/dtos', 'dtos', diagnostics);
  const output = buildApi(draft);
  return { ...output, diagnostics: [...diagnostics, ...output.diagnostics] };
};

describe.each(CASES)('AutoQuery from $language DTOs', ({ source, crud, fromDropped }) => {
  const { manifest, schemas, diagnostics } = derive(source);
  const op = (name: string) => manifest.operations.find((o) => o.name === name);

  it('reads the file without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('binds QueryDb<Booking> to the Booking table with its filters, GET and QueryResponse<Booking>', () => {
    expect(op('QueryBookings')).toMatchObject({
      primaryVerb: 'GET',
      response: 'QueryResponseOfBooking',
      autoQuery: {
        action: 'query',
        table: 'Booking',
        into: null,
        idProperty: 'id',
        idType: 'integer',
        filters: {
          id: { field: 'id', convention: '=' },
          costAbove: { field: 'cost', convention: '%Above%' },
          roomNumbers: { field: 'roomNumber', convention: '%In' },
        },
      },
      state: { resource: 'Booking', idProperty: 'id', idType: 'integer', resultProperty: null },
    });
    expect(Object.keys(schemas.get('QueryBookings')?.properties ?? {})).toEqual(
      expect.arrayContaining(['skip', 'take', 'orderBy', 'orderByDesc', 'include', 'fields', 'meta']),
    );
    expect(schemas.get('QueryResponseOfBooking')?.properties?.['results']).toEqual({
      type: 'array',
      items: { $ref: 'Booking.json' },
    });
  });

  const fromInto = fromDropped
    ? 'reads QueryDb<From, Into> as a query of Into, the one type its response names'
    : 'binds QueryDb<From, Into> (each generator spells its name its own way) to From, answering Into';
  it(fromInto, () => {
    expect(op('QueryBookingSummaries')?.autoQuery).toMatchObject({
      action: 'query',
      table: fromDropped ? 'BookingSummary' : 'Booking',
      into: fromDropped ? null : 'BookingSummary',
      filters: { nameStartsWith: { field: 'name', convention: '%StartsWith' } },
    });
  });

  it('flattens the built-in AuditBase into the table', () => {
    expect(Object.keys(schemas.get('Booking')?.properties ?? {})).toEqual(
      expect.arrayContaining(['createdDate', 'createdBy', 'modifiedDate', 'modifiedBy', 'deletedDate', 'deletedBy']),
    );
  });

  it(crud ? 'binds ICreateDb<Booking> to a create on Booking, POST' : 'has no CRUD marker to bind', () => {
    if (crud)
      expect(op('CreateBooking')).toMatchObject({
        primaryVerb: 'POST',
        response: 'IdResponse',
        autoQuery: { action: 'create', table: 'Booking', into: null, idProperty: 'id', idType: 'integer', filters: {} },
        state: { resource: 'Booking', effects: { POST: 'create' } },
      });
    else expect(op('CreateBooking')?.autoQuery).toBeNull();
  });
});
