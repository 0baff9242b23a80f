/**
 * Source-language type names → IR TypeRefs, shared by every DTO parser.
 *
 * ServiceStack's generators map each .NET type to a per-language alias
 * (NativeTypes/<Lang>/<Lang>Generator.cs `TypeAliases`); this module inverts
 * those tables; type-expr.ts parses the generic type expressions built from them.
 */
import type { DtoLanguage, Primitive } from '../model.js';

/** The type syntax a DTO parser reads: one per DTO language. */
export type DtoSyntax = DtoLanguage;

/** Primitive → the names that mean it in every language that uses them. */
const SHARED = invert({
  string: 'string String str',
  char: 'char Char',
  bool: 'bool Bool Boolean boolean',
  byte: 'byte Byte UInt8',
  sbyte: 'sbyte SByte Int8',
  short: 'short Short Int16',
  ushort: 'ushort UShort UInt16',
  int: 'int Int Int32 int32 Integer',
  uint: 'uint UInt UInt32',
  long: 'long Long Int64 int64',
  ulong: 'ulong ULong UInt64 BigInteger',
  float: 'float Float Single',
  double: 'double Double number num',
  decimal: 'decimal Decimal decimal.Decimal BigDecimal',
  datetime: 'DateTime datetime.datetime Date OffsetDateTime LocalDateTime',
  datetimeoffset: 'DateTimeOffset',
  dateonly: 'DateOnly datetime.date LocalDate',
  timeonly: 'TimeOnly datetime.time LocalTime',
  timespan: 'TimeSpan datetime.timedelta Duration TimeInterval',
  guid: 'Guid UUID',
  bytes: 'bytes bytearray ByteArray Uint8Array Uint8List',
  object: 'object Object Any any unknown dynamic',
});

/** Names whose meaning depends on the language (or that would shadow a DTO name elsewhere). */
const BY_SYNTAX: Record<DtoSyntax, Record<string, Primitive>> = {
  // Python's float is a double.
  python: invert({ double: 'float' }),
  // Java/Kotlin print .NET SByte as Byte and .NET Byte as Short (JavaGenerator.TypeAliases).
  java: invert({ sbyte: 'Byte', bytes: 'InputStream' }),
  kotlin: invert({ sbyte: 'Byte', bytes: 'InputStream' }),
  csharp: invert({ bytes: 'Stream' }),
  typescript: invert({ bytes: 'Blob ArrayBuffer' }),
  swift: invert({ bytes: 'Data', object: 'AnyObject' }),
  dart: {},
  // FSharpGenerator prints .NET names (ResizeArray for List, read by the parser); hand-written F# uses its own aliases.
  fsharp: invert({
    double: 'float',
    float: 'float32 single',
    object: 'obj',
    bytes: 'Stream',
    sbyte: 'int8',
    byte: 'uint8',
    short: 'int16',
    ushort: 'uint16',
    uint: 'uint32',
    ulong: 'uint64',
  }),
  // VbNetGenerator.TypeAliases: Int16/Int32/Int64/DateTime print as Short/Integer/Long/Date (shared names).
  vbnet: invert({ uint: 'UInteger', bytes: 'Stream' }),
  // JavaScript DTOs carry the TypeScript generator's types in their JSDoc.
  javascript: invert({ bytes: 'Blob ArrayBuffer' }),
  // PhpGenerator.TypeAliases: Single/Double/Decimal are `float` (a double), TimeSpan/TimeOnly `DateInterval`.
  php: invert({ double: 'float', object: 'mixed', timespan: 'DateInterval' }),
  // RubyGenerator.TypeAliases: Single/Double are `Float` (a double), TimeSpan/TimeOnly `Time`, Boolean `TrueClass`.
  ruby: invert({ double: 'Float', bool: 'TrueClass FalseClass', timespan: 'Time' }),
  // GoGenerator.TypeAliases: Decimal prints as float64, Guid and Char as string, Object as interface{} (read by the parser).
  go: invert({
    datetime: 'time.Time',
    timespan: 'time.Duration',
    sbyte: 'int8',
    short: 'int16',
    ushort: 'uint16',
    uint: 'uint32',
    ulong: 'uint64',
    float: 'float32',
    double: 'float64',
    object: 'any',
  }),
  // RustGenerator.TypeAliases: dates, times and Guids print as String, Object as serde_json::Value.
  rust: invert({
    char: 'char',
    byte: 'u8',
    sbyte: 'i8',
    short: 'i16',
    ushort: 'u16',
    int: 'i32',
    uint: 'u32',
    long: 'i64 isize',
    ulong: 'u64 usize',
    float: 'f32',
    double: 'f64',
    object: 'Value serde_json.Value',
  }),
  // ZigGenerator.TypeAliases: strings, dates and Guids print as []const u8 (read by the parser), Char as u8.
  zig: invert({
    byte: 'u8',
    sbyte: 'i8',
    short: 'i16',
    ushort: 'u16',
    int: 'i32',
    uint: 'u32',
    long: 'i64 isize',
    ulong: 'u64 usize',
    float: 'f32',
    double: 'f64',
    object: 'std.json.Value',
  }),
};

export const LIST_NAMES = new Set(
  (
    'List list IList ICollection IEnumerable IReadOnlyList IReadOnlyCollection HashSet ISet Set set SortedSet Queue ' +
    'Stack ArrayList LinkedList MutableList MutableSet Array Sequence Iterable Collection ReadonlyArray Tuple'
  ).split(' '),
);
export const MAP_NAMES = new Set(
  (
    'Dict dict Dictionary IDictionary IReadOnlyDictionary SortedDictionary ConcurrentDictionary OrderedDictionary ' +
    'HashMap Map MutableMap LinkedHashMap TreeMap SortedMap Record Mapping'
  ).split(' '),
);
export const NULL_NAMES = new Set(['null', 'undefined', 'None', 'NoneType', 'nil']);

function invert(table: Partial<Record<Primitive, string>>): Record<string, Primitive> {
  const out: Record<string, Primitive> = {};
  for (const [prim, names] of Object.entries(table) as [Primitive, string][]) {
    for (const name of names.split(' ')) out[name] = prim;
  }
  return out;
}

/** Interfaces ServiceStack DTOs implement that do not follow the `I` + capital rule. */
const MARKER_INTERFACES = new Set(['Codable', 'IConvertible', 'JsonSerializable']);

export function primitiveFor(name: string, syntax: DtoSyntax): Primitive | undefined {
  const own = BY_SYNTAX[syntax][name] ?? SHARED[name];
  if (own || !name.includes('.')) return own;
  // `System.String`, `java.util.Date`: try the simple name.
  const simple = name.slice(name.lastIndexOf('.') + 1);
  return BY_SYNTAX[syntax][simple] ?? SHARED[simple];
}

/** `IReturn`, `IPost`, `ITenantedRequest`: an `I` followed by a capital letter, or a known marker. */
export function isInterfaceName(name: string): boolean {
  return /^I[A-Z]/.test(name) || MARKER_INTERFACES.has(name);
}

/**
 * The C# property name for a name as another language printed it:
 * `address_line1` → `AddressLine1`, `firstName` → `FirstName`, `PER_DEV` → `PerDev`, `from_` → `From`.
 */
export function toPascalCase(name: string): string {
  const parts = name.split('_').filter((p) => p.length > 0);
  if (parts.length === 0) return '';
  // Only snake_case names can hold SHOUTED words; a single camelCase word keeps its inner capitals.
  const snake = parts.length > 1;
  return parts.map((p) => capitalise(p, snake)).join('');
}

function capitalise(part: string, lowerShouted: boolean): string {
  if (lowerShouted && part.length > 1 && /^[A-Z0-9]+$/.test(part) && /[A-Z]/.test(part)) {
    return part.charAt(0) + part.slice(1).toLowerCase();
  }
  return part.charAt(0).toUpperCase() + part.slice(1);
}
