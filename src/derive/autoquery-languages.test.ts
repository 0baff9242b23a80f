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
];

const derive = (source: string) => {
  const draft = newDraft('bookings', 'bookings');
  const diagnostics: Diagnostic[] = [];
  addBareDtoFileToDraft(draft, source, 'docs/dtos', 'dtos', diagnostics);
  const output = buildApi(draft);
  return { ...output, diagnostics: [...diagnostics, ...output.diagnostics] };
};

describe.each(CASES)('AutoQuery from $language DTOs', ({ source, crud }) => {
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

  it('binds QueryDb<From, Into> (each generator spells its name its own way) to From, answering Into', () => {
    expect(op('QueryBookingSummaries')?.autoQuery).toMatchObject({
      action: 'query',
      table: 'Booking',
      into: 'BookingSummary',
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
