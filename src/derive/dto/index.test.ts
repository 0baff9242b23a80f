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
      routes: [{ path: '/orders/{Id}', verbs: ['GET'] }],
      properties: [
        { name: 'Id', type: { kind: 'primitive', name: lang === 'typescript' ? 'double' : 'int' } },
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
