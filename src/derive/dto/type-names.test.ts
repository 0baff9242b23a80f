import fc from 'fast-check';
import type { Primitive, TypeRef } from '../model.js';
import { parseTypeExpr, parseTypeHead } from './type-expr.js';
import { isInterfaceName, primitiveFor, toPascalCase } from './type-names.js';

/** The generic-syntax languages whose spelling this round-trip table knows; each new parser adds its row. */
type DtoSyntax = 'python' | 'kotlin' | 'csharp' | 'typescript' | 'java' | 'swift' | 'dart';

const P = (name: Primitive): TypeRef => ({ kind: 'primitive', name });
const S = P('string');
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };
const list = (of: TypeRef): TypeRef => ({ kind: 'list', of });
const map = (key: TypeRef, value: TypeRef): TypeRef => ({ kind: 'map', key, value });

describe('primitiveFor', () => {
  it.each([
    ['str', 'python', 'string'],
    ['String', 'kotlin', 'string'],
    ['string', 'csharp', 'string'],
    ['int', 'python', 'int'],
    ['Int', 'kotlin', 'int'],
    ['Integer', 'java', 'int'],
    ['int32', 'csharp', 'int'],
    ['Int32', 'csharp', 'int'],
    ['long', 'csharp', 'long'],
    ['Long', 'kotlin', 'long'],
    ['int64', 'csharp', 'long'],
    ['Int64', 'swift', 'long'],
    ['float', 'python', 'double'],
    ['float', 'csharp', 'float'],
    ['Double', 'kotlin', 'double'],
    ['number', 'typescript', 'double'],
    ['decimal.Decimal', 'python', 'decimal'],
    ['Decimal', 'python', 'decimal'],
    ['BigDecimal', 'java', 'decimal'],
    ['bool', 'python', 'bool'],
    ['Boolean', 'kotlin', 'bool'],
    ['boolean', 'typescript', 'bool'],
    ['datetime.datetime', 'python', 'datetime'],
    ['Date', 'java', 'datetime'],
    ['DateTime', 'csharp', 'datetime'],
    ['DateTime', 'dart', 'datetime'],
    ['OffsetDateTime', 'kotlin', 'datetime'],
    ['DateTimeOffset', 'csharp', 'datetimeoffset'],
    ['datetime.timedelta', 'python', 'timespan'],
    ['TimeSpan', 'java', 'timespan'],
    ['Duration', 'dart', 'timespan'],
    ['Guid', 'csharp', 'guid'],
    ['UUID', 'java', 'guid'],
    ['bytes', 'python', 'bytes'],
    ['ByteArray', 'kotlin', 'bytes'],
    ['Uint8Array', 'typescript', 'bytes'],
    ['Data', 'swift', 'bytes'],
    ['object', 'csharp', 'object'],
    ['Any', 'kotlin', 'object'],
    ['Object', 'java', 'object'],
    ['System.String', 'csharp', 'string'],
    ['java.util.Date', 'java', 'datetime'],
  ] as const)('%s in %s is %s', (name, syntax, prim) => {
    expect(primitiveFor(name, syntax)).toBe(prim);
  });

  it.each([
    ['Data', 'csharp'],
    ['Customer', 'python'],
    ['T', 'java'],
  ] as const)('%s in %s is not a primitive', (name, syntax) => {
    expect(primitiveFor(name, syntax)).toBeUndefined();
  });
});

describe('parseTypeExpr', () => {
  it.each([
    ['python', 'List[Order]', list(named('Order')), false],
    ['python', 'Optional[List[Order]]', list(named('Order')), true],
    ['python', 'Dict[str, str]', map(S, S), false],
    ['python', 'Optional[datetime.datetime]', P('datetime'), true],
    ['python', 'IReturn["Hello"]', named('IReturn', [named('Hello')]), false],
    ['python', 'Union[int, None]', P('int'), true],
    ['python', 'str | None', S, true],
    ['java', 'ArrayList<Order>', list(named('Order')), false],
    ['java', 'HashMap<String,String>', map(S, S), false],
    ['java', 'byte[]', P('bytes'), false],
    ['java', 'ArrayList<ArrayList<Integer>>', list(list(P('int'))), false],
    ['csharp', 'List<Order>', list(named('Order')), false],
    ['csharp', 'Dictionary<string,string>', map(S, S), false],
    ['csharp', 'Dictionary<string, List<Order>>', map(S, list(named('Order'))), false],
    ['csharp', 'Order[]', list(named('Order')), false],
    ['csharp', 'int?', P('int'), true],
    ['csharp', 'Nullable<int>', P('int'), true],
    ['csharp', 'QueryResponse<Customer>', named('QueryResponse', [named('Customer')]), false],
    ['csharp', 'System.Collections.Generic.List<string>', list(S), false],
    ['typescript', '{ [index:string]: string; }', map(S, S), false],
    ['typescript', '{ [index: string]: Order[]; }', map(S, list(named('Order'))), false],
    ['typescript', 'Order[]', list(named('Order')), false],
    ['typescript', 'string | null', S, true],
    ['typescript', 'Array<number>', list(P('double')), false],
    ['typescript', 'Dictionary<string>', map(S, S), false],
    ['swift', '[Order]', list(named('Order')), false],
    ['swift', '[String:String]', map(S, S), false],
    ['swift', '[String:[Poco]]', map(S, list(named('Poco'))), false],
    ['swift', '[UInt8]', P('bytes'), false],
    ['swift', 'Int?', P('int'), true],
    ['kotlin', 'Map<String,String>', map(S, S), false],
    ['kotlin', 'String?', S, true],
    ['kotlin', 'ArrayList<Int>?', list(P('int')), true],
    ['dart', 'Map<String,String?>', map(S, S), false],
    ['dart', 'List<Order>', list(named('Order')), false],
  ] as const)('%s: %s', (syntax, text, type, nullable) => {
    expect(parseTypeExpr(text, syntax)).toEqual({ type, nullable });
  });

  it.each([
    ['csharp', 'List<Order'],
    ['csharp', 'List<>'],
    ['python', 'List[Order'],
    ['typescript', '{ [index:string] string }'],
    ['swift', '[String:'],
    ['java', ''],
    ['kotlin', 'Foo Bar'],
    ['csharp', '#'],
  ] as const)('%s: rejects %p', (syntax, text) => {
    expect(parseTypeExpr(text, syntax)).toBeUndefined();
  });

  it('keeps a base type its own name', () => {
    expect(parseTypeHead('List<Rockstar>', 'swift')).toEqual({ name: 'List', args: [named('Rockstar')] });
    expect(parseTypeHead('PutOperationTenanted[TResponse]', 'python')).toEqual({
      name: 'PutOperationTenanted',
      args: [named('TResponse')],
    });
    expect(parseTypeHead('IPost', 'csharp')).toEqual({ name: 'IPost' });
  });

  it('never throws, whatever the text', () => {
    const syntaxes: DtoSyntax[] = ['python', 'kotlin', 'csharp', 'typescript', 'java', 'swift', 'dart'];
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...syntaxes), (text, syntax) => {
        parseTypeExpr(text, syntax);
        parseTypeHead(text, syntax);
      }),
    );
  });
});

/** How each generator spells the primitives it can express (one spelling each, so print → parse is exact). */
const SPELLING: Record<DtoSyntax, Partial<Record<Primitive, string>>> = {
  python: {
    string: 'str',
    int: 'int',
    double: 'float',
    bool: 'bool',
    decimal: 'Decimal',
    datetime: 'datetime.datetime',
    timespan: 'datetime.timedelta',
    bytes: 'bytes',
    object: 'object',
  },
  csharp: {
    string: 'string',
    char: 'char',
    bool: 'bool',
    byte: 'byte',
    sbyte: 'sbyte',
    short: 'short',
    ushort: 'ushort',
    int: 'int',
    uint: 'uint',
    long: 'long',
    ulong: 'ulong',
    float: 'float',
    double: 'double',
    decimal: 'decimal',
    datetime: 'DateTime',
    datetimeoffset: 'DateTimeOffset',
    dateonly: 'DateOnly',
    timeonly: 'TimeOnly',
    timespan: 'TimeSpan',
    guid: 'Guid',
    bytes: 'byte[]',
    object: 'object',
  },
  java: {
    string: 'String',
    bool: 'Boolean',
    sbyte: 'Byte',
    short: 'Short',
    int: 'Integer',
    long: 'Long',
    ulong: 'BigInteger',
    float: 'Float',
    double: 'Double',
    decimal: 'BigDecimal',
    datetime: 'Date',
    timespan: 'TimeSpan',
    guid: 'UUID',
    bytes: 'byte[]',
    object: 'Object',
  },
  kotlin: {
    string: 'String',
    bool: 'Boolean',
    sbyte: 'Byte',
    short: 'Short',
    int: 'Int',
    long: 'Long',
    float: 'Float',
    double: 'Double',
    decimal: 'BigDecimal',
    datetime: 'Date',
    timespan: 'TimeSpan',
    guid: 'UUID',
    bytes: 'ByteArray',
    object: 'Any',
  },
  typescript: {
    string: 'string',
    double: 'number',
    bool: 'boolean',
    datetime: 'Date',
    bytes: 'Uint8Array',
    object: 'any',
  },
  // No UInt8: Swift prints byte[] as [UInt8], so a list of bytes would read back as bytes.
  swift: {
    string: 'String',
    bool: 'Bool',
    short: 'Int16',
    ushort: 'UInt16',
    int: 'Int',
    uint: 'UInt32',
    long: 'Int64',
    ulong: 'UInt64',
    float: 'Float',
    double: 'Double',
    datetime: 'Date',
    timespan: 'TimeInterval',
    bytes: 'Data',
    object: 'Any',
  },
  dart: {
    string: 'String',
    int: 'int',
    double: 'double',
    bool: 'bool',
    datetime: 'DateTime',
    timespan: 'Duration',
    bytes: 'Uint8List',
    object: 'dynamic',
  },
};

const DTO_NAMES = ['Order', 'Customer', 'QueryResponse', 'T', 'TResponse', 'SkuType', 'BankAccount'];

function spell(ref: TypeRef, syntax: DtoSyntax): string {
  switch (ref.kind) {
    case 'primitive':
      return SPELLING[syntax][ref.name] ?? 'never';
    case 'list':
      return listOf(spell(ref.of, syntax), syntax);
    case 'map':
      return mapOf(spell(ref.key, syntax), spell(ref.value, syntax), syntax);
    case 'named': {
      if (!ref.args) return ref.name;
      const args = ref.args.map((a) => spell(a, syntax)).join(', ');
      return syntax === 'python' ? `${ref.name}[${args}]` : `${ref.name}<${args}>`;
    }
  }
}

function listOf(of: string, syntax: DtoSyntax): string {
  const forms: Record<DtoSyntax, string> = {
    python: `List[${of}]`,
    csharp: `List<${of}>`,
    java: `ArrayList<${of}>`,
    kotlin: `ArrayList<${of}>`,
    typescript: `${of}[]`,
    swift: `[${of}]`,
    dart: `List<${of}>`,
  };
  return forms[syntax];
}

function mapOf(key: string, value: string, syntax: DtoSyntax): string {
  const forms: Record<DtoSyntax, string> = {
    python: `Dict[${key}, ${value}]`,
    csharp: `Dictionary<${key}, ${value}>`,
    java: `HashMap<${key},${value}>`,
    kotlin: `HashMap<${key},${value}>`,
    typescript: `{ [index:${key}]: ${value}; }`,
    swift: `[${key}:${value}]`,
    dart: `Map<${key},${value}?>`,
  };
  return forms[syntax];
}

function nullableOf(text: string, syntax: DtoSyntax): string {
  if (syntax === 'python') return `Optional[${text}]`;
  if (syntax === 'typescript') return `${text} | null`;
  return `${text}?`;
}

function typeRefs(syntax: DtoSyntax): fc.Arbitrary<TypeRef> {
  const prims = Object.keys(SPELLING[syntax]) as Primitive[];
  const keys: Primitive[] = syntax === 'typescript' ? ['string', 'double'] : ['string', 'int'];
  const { node } = fc.letrec<{ node: TypeRef; leaf: TypeRef }>((tie) => ({
    leaf: fc.oneof(
      fc.constantFrom(...prims).map((name): TypeRef => ({ kind: 'primitive', name })),
      fc.constantFrom(...DTO_NAMES).map((name): TypeRef => ({ kind: 'named', name })),
    ),
    node: fc.oneof(
      { maxDepth: 3, depthSize: 'small' },
      tie('leaf'),
      tie('node').map((of): TypeRef => ({ kind: 'list', of })),
      fc.tuple(fc.constantFrom(...keys), tie('node')).map(([key, value]): TypeRef => map(P(key), value)),
      fc
        .tuple(fc.constantFrom(...DTO_NAMES), fc.array(tie('node'), { minLength: 1, maxLength: 2 }))
        .map(([name, args]): TypeRef => ({ kind: 'named', name, args })),
    ),
  }));
  return node;
}

describe('parseTypeExpr round trip (property)', () => {
  it.each(['python', 'csharp', 'java', 'kotlin', 'typescript', 'swift', 'dart'] as const)(
    '%s: print a type tree, parse it back, get the same TypeRef',
    (syntax) => {
      const canBeNullable = syntax !== 'java';
      fc.assert(
        fc.property(typeRefs(syntax), fc.boolean(), (type, nullable) => {
          const printed = spell(type, syntax);
          const text = nullable && canBeNullable ? nullableOf(printed, syntax) : printed;
          expect(parseTypeExpr(text, syntax)).toEqual({ type, nullable: nullable && canBeNullable });
        }),
      );
    },
  );
});

describe('toPascalCase', () => {
  it.each([
    ['address_line1', 'AddressLine1'],
    ['bsb_number', 'BsbNumber'],
    ['firstName', 'FirstName'],
    ['last4', 'Last4'],
    ['id', 'Id'],
    ['PER_DEV', 'PerDev'],
    ['from_', 'From'],
    ['order_i_d', 'OrderID'],
    ['AddressLine1', 'AddressLine1'],
    ['', ''],
  ])('%p → %p', (input, output) => {
    expect(toPascalCase(input)).toBe(output);
  });

  // C# property names as words: `AddressLine1` = ['Address', 'Line1'].
  const word = fc
    .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.stringMatching(/^[a-z0-9]{0,6}$/))
    .map(([head, tail]) => head + tail);
  const words = fc.array(word, { minLength: 1, maxLength: 5 });

  it('undoes snake_case (Python)', () => {
    fc.assert(
      fc.property(words, (ws) => {
        expect(toPascalCase(ws.map((w) => w.toLowerCase()).join('_'))).toBe(ws.join(''));
      }),
    );
  });

  it('undoes camelCase (TypeScript, Kotlin, Java, Swift, Dart)', () => {
    fc.assert(
      fc.property(words, (ws) => {
        const pascal = ws.join('');
        expect(toPascalCase(pascal.charAt(0).toLowerCase() + pascal.slice(1))).toBe(pascal);
      }),
    );
  });

  it('is idempotent and leaves no underscores', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{0,20}$/), (name) => {
        const once = toPascalCase(name);
        expect(toPascalCase(once)).toBe(once);
        expect(once.includes('_')).toBe(false);
      }),
    );
  });
});

describe('isInterfaceName', () => {
  it.each([
    ['IReturn', true],
    ['IPost', true],
    ['ITenantedRequest', true],
    ['IIdentifiableResource', true],
    ['Codable', true],
    ['Id', false],
    ['Invoice', false],
    ['PostOperationTenanted', false],
  ])('%s → %p', (name, expected) => {
    expect(isInterfaceName(name)).toBe(expected);
  });
});
