import fc from 'fast-check';
import type { DtoLanguage } from '../model.js';
import { detectDtoLanguage, DTO_PARSERS } from './index.js';

// One short, realistic sample per generator: the same Order DTO in each language.
const SAMPLES: Record<string, string> = {
  python: `from servicestack import *
from typing import *

# @Route("/orders/{Id}", "GET")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class GetOrder(IReturn[Order], IGet):
    id: int = 0
    sku_type: Optional[SkuType] = None
`,
  kotlin: `import java.math.*
import java.util.*
import net.servicestack.client.*

@Route(Path="/orders/{Id}", Verbs="GET")
open class GetOrder : IReturn<Order>, IGet
{
    var id:Int? = null
    var skuType:SkuType? = null
    companion object { private val responseType = Order::class.java }
    override fun getResponseType(): Any? = GetOrder.responseType
}
`,
  csharp: `using ServiceStack;

namespace Home.ServiceModel
{
    [Route("/orders/{Id}", "GET")]
    public partial class GetOrder : IReturn<Order>, IGet
    {
        public virtual int Id { get; set; }
        public virtual SkuType? SkuType { get; set; }
    }
}
`,
  typescript: `// @Route("/orders/{Id}", "GET")
export class GetOrder implements IReturn<Order>, IGet
{
    public id: number;
    public skuType?: SkuType;

    public constructor(init?: Partial<GetOrder>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'GetOrder'; }
    public getMethod() { return 'GET'; }
    public createResponse() { return new Order(); }
}
`,
  java: `import java.math.*;
import java.util.*;
import net.servicestack.client.*;

public class dtos
{

    @Route(Path="/orders/{Id}", Verbs="GET")
    public static class GetOrder implements IReturn<Order>, IGet
    {
        public Integer id = null;
        public SkuType skuType = null;
        private static Object responseType = Order.class;
        public Object getResponseType() { return responseType; }
    }

}
`,
  swift: `import Foundation
import ServiceStack

// @Route("/orders/{Id}", "GET")
public class GetOrder : IReturn, IGet, Codable
{
    public typealias Return = Order

    public var id:Int?
    public var skuType:SkuType?

    required public init(){}
}
`,
  dart: `import 'package:servicestack/servicestack.dart';

// @Route("/orders/{Id}", "GET")
class GetOrder implements IReturn<Order>, IConvertible, IGet
{
    int? id;
    SkuType? skuType;

    GetOrder({this.id,this.skuType});
    GetOrder.fromJson(Map<String, dynamic> json) { fromMap(json); }
    getTypeName() => "GetOrder";
    TypeContext? context = _ctx;
}
`,
  go: `package dtos

import (
	ss "github.com/ServiceStack/servicestack-go"
)

// @Route("/orders/{Id}", "GET")
type GetOrder struct {
	Id      int      \`json:"id,omitempty"\`
	SkuType *SkuType \`json:"skuType,omitempty"\`
}

func (GetOrder) CreateResponse() (r Order) { return }
func (GetOrder) HttpMethod() string        { return "GET" }
`,
  fsharp: `namespace Home.ServiceModel

open System
open ServiceStack

    [<Route("/orders/{Id}", "GET")>]
    [<AllowNullLiteral>]
    type GetOrder() = 
        interface IReturn<Order>
        interface IGet
        member val Id:Int32 = new Int32() with get,set
        member val SkuType:Nullable<SkuType> = new Nullable<SkuType>() with get,set
`,
  vbnet: `Imports System
Imports ServiceStack

Namespace Global

    Namespace Home.ServiceModel

        <Route("/orders/{Id}", "GET")>
        Public Partial Class GetOrder
            Implements IReturn(Of Order)
            Implements IGet
            Public Overridable Property Id As Integer
            Public Overridable Property SkuType As SkuType?
        End Class
    End Namespace
End Namespace
`,
  rust: `use serde::{Deserialize, Serialize};
use servicestack::*;

// Route("/orders/{Id}", "GET")
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(default)]
pub struct GetOrder {
    pub id: i32,
    #[serde(rename = "skuType")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku_type: Option<SkuType>,
}

impl IRequest for GetOrder {
    const NAME: &'static str = "GetOrder";
    const VERB: &'static str = "GET";
}
impl IReturn for GetOrder {
    type Response = Order;
}
`,
  javascript: `"use strict";
export class GetOrder {
    /** @param {{id?:number,skuType?:SkuType}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {number} */
    id;
    /** @type {?SkuType} */
    skuType;
    getTypeName() { return 'GetOrder' }
    getMethod() { return 'GET' }
    createResponse() { return new Order() }
}
`,
  php: `<?php namespace dtos;

use ServiceStack\\{IReturn,IReturnVoid,IGet,IPost,IPut,IDelete,IPatch,IMeta,IHasSessionId,IHasBearerToken,IHasVersion};

// @Route("/orders/{Id}", "GET")
#[Returns('Order')]
class GetOrder implements IReturn, IGet, JsonSerializable
{
    public function __construct(
        /** @var int */
        public int $id=0,
        /** @var SkuType|null */
        public ?SkuType $skuType=null
    ) {
    }
    public function getTypeName(): string { return 'GetOrder'; }
    public function getMethod(): string { return 'GET'; }
    public function createResponse(): mixed { return new Order(); }
}
`,
  ruby: `require 'json'
require 'servicestack'

# @Route("/orders/{Id}", "GET")
class GetOrder
    include ServiceStack::DTO

    # @return [Integer]
    attr_accessor :id

    # @return [SkuType]
    attr_accessor :sku_type

    def self.properties
        {
            id: { name: 'id' },
            sku_type: { name: 'skuType' },
        }
    end

    def response_type() = Order
    def get_type_name() = 'GetOrder'
    def get_method() = 'GET'
end
`,
  zig: `const std = @import("std");

// @Route("/orders/{Id}", "GET")
pub const GetOrder = struct {
    pub const ss_name = "GetOrder";
    pub const ss_verb = "GET";
    pub const Response = Order;

    id: i32 = 0,
    sku_type: ?SkuType = null,
};
`,
};

const LANGUAGES = Object.keys(SAMPLES) as DtoLanguage[];

describe('DTO_PARSERS', () => {
  // Fails until every language's parser has its sample above: each parser adds its own.
  it('has a parser, and a sample here, for every generator language', () => {
    expect(Object.keys(DTO_PARSERS).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES)('%s: the same DTO reads the same in every language', (lang) => {
    const parse = DTO_PARSERS[lang];
    if (!parse) throw new Error(`no parser for ${lang}`);
    const { types, diagnostics } = parse(SAMPLES[lang] as string, `GetOrder.${lang}`, 1);
    expect(diagnostics).toEqual([]);
    expect(types).toHaveLength(1);
    expect(types[0]).toMatchObject({
      name: 'GetOrder',
      kind: 'class',
      // The JavaScript generators print no routes.
      ...(lang === 'javascript' ? {} : { routes: [{ path: '/orders/{Id}', verbs: ['GET'] }] }),
      properties: [
        {
          name: 'Id',
          type: { kind: 'primitive', name: lang === 'typescript' || lang === 'javascript' ? 'double' : 'int' },
        },
        { name: 'SkuType', type: { kind: 'named', name: 'SkuType' }, nullable: true, required: false },
      ],
    });
    expect(types[0]?.implements).toEqual(
      expect.arrayContaining([{ name: 'IReturn', args: [{ kind: 'named', name: 'Order' }] }, { name: 'IGet' }]),
    );
  });
});

describe('detectDtoLanguage', () => {
  it.each(LANGUAGES)('recognises %s', (lang) => {
    expect(detectDtoLanguage(SAMPLES[lang] as string)).toBe(lang);
  });

  it.each([
    [
      'python',
      "class SkuType(str, Enum):\n    PRODUCT = 'Product'\n\n@dataclass\nclass A:\n    x: Optional[str] = None\n",
    ],
    [
      'kotlin',
      'open class CreatePersonRequest : PostOperationUnTenanted<CreatePersonResponse>()\n{\n    var userAccountId:String? = null\n}\n',
    ],
    ['csharp', 'public class A\n{\n    public string Name { get; set; }\n}\n'],
    ['typescript', 'export interface A\n{\n    name?: string;\n}\n'],
    ['typescript', 'declare module dtos {\n    interface Hello extends IReturn<HelloResponse> { name?: string; }\n}\n'],
    ['java', 'public static class A implements IReturn<B>\n{\n    public String name = null;\n}\n'],
    ['swift', 'public class A : Codable\n{\n    public var name:String?\n}\n'],
    [
      'dart',
      "import 'package:servicestack/servicestack.dart';\nclass A implements IConvertible\n{\n    String? name;\n}\n",
    ],
    ['fsharp', 'type A() =\n    member val Name:String = null with get,set\n'],
    ['vbnet', 'Public Class A\n    Public Property Name As String\nEnd Class\n'],
  ] as const)('recognises a bare %s fragment', (lang, source) => {
    expect(detectDtoLanguage(source)).toBe(lang);
  });

  it.each(['', 'Billiecart API\n\n<back to all web services\n', '{"id":"String"}'])('gives up on %p', (text) => {
    expect(detectDtoLanguage(text)).toBeNull();
  });
});

describe('every parser on arbitrary and damaged input (property)', () => {
  const damaged = (sample: string) =>
    fc
      .tuple(fc.nat(sample.length), fc.nat(sample.length), fc.string({ maxLength: 8 }))
      .map(([a, b, junk]) => sample.slice(0, Math.min(a, b)) + junk + sample.slice(Math.max(a, b)));

  it.each(LANGUAGES)('%s: never throws; diagnostics point inside the source', (lang) => {
    const parse = DTO_PARSERS[lang];
    if (!parse) throw new Error(`no parser for ${lang}`);
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), damaged(SAMPLES[lang] as string)),
        fc.nat(500),
        (text, first) => {
          const firstLine = first + 1;
          const lastLine = firstLine + text.split('\n').length - 1;
          const { types, diagnostics } = parse(text, 'fuzz.txt', firstLine);
          for (const d of diagnostics) {
            expect(d.file).toBe('fuzz.txt');
            expect(d.line).toBeGreaterThanOrEqual(firstLine);
            expect(d.line).toBeLessThanOrEqual(lastLine);
            expect(d.message.length).toBeGreaterThan(0);
          }
          for (const t of types) expect(t.name.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
