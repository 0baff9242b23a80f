/**
 * `GET <base>/types/zig`: the DTO source ServiceStack's `ZigGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos zig <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style, as
 * `zig fmt` leaves it: the options as one `///` doc-comment block, `const std = @import("std");` (and
 * `const ss = @import("servicestack");` when a type uses the library), `pub const X = struct { … };` with fields
 * that all have defaults (`name: ?[]const u8 = null,`, `id: i32 = 0,`), no inheritance — a base class's properties
 * (AutoQuery's QueryBase ones included) are flattened into the DTO — `enum { … }` types, attributes as
 * `// @Route(...)` comments, and on a request `pub const ss_name`, `ss_verb` and `Response` declarations instead of
 * `IReturn<T>`. Library types (`ResponseStatus`, `QueryResponse`, …) are `ss.`-prefixed references, never printed.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  declaredTypes,
  exprOf,
  GENERATOR_VERSION,
  headerSafe,
  isRequiredProperty,
  propertyExpr,
  quote,
  snakeCase,
  type Declared,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import {
  buildMetadataTypes,
  type MetadataOperationType,
  type MetadataProperty,
  type MetadataType,
} from './metadata-types.js';
import {
  attributeText,
  camelCase,
  DICTIONARIES,
  libraryTypesInUse,
  LISTS,
  nativeTypesToPrint,
  safeComment,
  typeAttributes,
  validateTexts,
} from './native-dtos.js';

/** `ZigGenerator.TypeAliases`: strings, dates and times are `[]const u8`, `Object` is `std.json.Value`. */
const ALIASES: Record<string, string> = {
  String: '[]const u8',
  Object: 'std.json.Value',
  Boolean: 'bool',
  DateTime: '[]const u8',
  DateOnly: '[]const u8',
  DateTimeOffset: '[]const u8',
  TimeSpan: '[]const u8',
  TimeOnly: '[]const u8',
  Guid: '[]const u8',
  Char: 'u8',
  Byte: 'u8',
  SByte: 'i8',
  Int16: 'i16',
  Int32: 'i32',
  Int64: 'i64',
  UInt16: 'u16',
  UInt32: 'u32',
  UInt64: 'u64',
  Single: 'f32',
  Double: 'f64',
  Decimal: 'f64',
  IntPtr: 'isize',
  'Byte[]': '[]const u8',
  Stream: '[]const u8',
  Uri: '[]const u8',
  Type: '[]const u8',
};
/** `ZigGenerator.LibraryTypes`: fewer than Go's and Rust's, as Zig flattens AutoQuery's and AuditBase's bases. */
const LIBRARY_TYPES = [
  'ResponseStatus',
  'ResponseError',
  'EmptyResponse',
  'IdResponse',
  'StringResponse',
  'StringsResponse',
  'QueryResponse',
  'Authenticate',
  'AuthenticateResponse',
  'Register',
  'RegisterResponse',
  'AssignRoles',
  'AssignRolesResponse',
  'UnAssignRoles',
  'UnAssignRolesResponse',
  'ConvertSessionToToken',
  'ConvertSessionToTokenResponse',
  'GetAccessToken',
  'GetAccessTokenResponse',
  'GetApiKeys',
  'GetApiKeysResponse',
  'RegenerateApiKeys',
  'RegenerateApiKeysResponse',
  'UserApiKey',
];
/** `ZigGenerator.ZigKeywords`: a name so spelt is quoted (`@"error"`). */
const KEYWORDS = new Set(
  (
    'addrspace align allowzero and anyframe anytype asm async await break callconv catch comptime const continue ' +
    'defer else enum errdefer error export extern fn for if inline linksection noalias noinline nosuspend opaque ' +
    'or orelse packed pub resume return struct suspend switch test threadlocal try union unreachable ' +
    'usingnamespace var volatile while'
  ).split(' '),
);
const DEFAULT_IMPORTS = ['const std = @import("std");'];
const LIBRARY_IMPORT = 'const ss = @import("servicestack");';
/** QueryBase's properties, which Zig flattens into every AutoQuery request (`QueryDb<T>` has no type here). */
const QUERY_BASE: MetadataProperty[] = [
  { name: 'Skip', type: 'Nullable`1', genericArgs: ['Int32'], isValueType: true },
  { name: 'Take', type: 'Nullable`1', genericArgs: ['Int32'], isValueType: true },
  { name: 'OrderBy', type: 'String' },
  { name: 'OrderByDesc', type: 'String' },
  { name: 'Include', type: 'String' },
  { name: 'Fields', type: 'String' },
  { name: 'Meta', type: 'Dictionary`2', genericArgs: ['String', 'String'] },
];
const INTEGERS = new Set(['i8', 'u8', 'i16', 'u16', 'i32', 'u32', 'i64', 'u64', 'usize', 'isize', 'f32', 'f64']);

export interface ZigUses {
  library: ReadonlySet<string>;
  ss?: boolean;
}

/** `ZigGenerator.Identifier`: a name that is not a Zig identifier, or is a keyword, is quoted. */
export const zigIdentifier = (name: string): string =>
  /^[A-Za-z_]\w*$/.test(name) && !KEYWORDS.has(name) ? name : `@${quote(name)}`;

const alias = (name: string, uses: ZigUses): string => {
  if (name !== 'Byte[]' && name.endsWith('[]')) return `[]${alias(name.slice(0, -2), uses)}`;
  const cooked = ALIASES[name] ?? name;
  if (!uses.library.has(cooked)) return cooked;
  uses.ss = true;
  return `ss.${cooked}`;
};

/**
 * A .NET type as Zig names it (`ZigGenerator.Type`; `nested` for type arguments, `ConvertFromCSharp`): `?T`, `[]T`,
 * maps as `std.json.Value`, library generics as the library's type functions (`ss.QueryResponse(Booking)`).
 */
export const zigType = (t: TypeExpr, uses: ZigUses, nested = false): string => {
  const arg = (x: TypeExpr): string => zigType(x, uses, true);
  const [a] = t.args;
  if (t.name === 'Nullable' && a) return `?${arg(a)}`;
  if (LISTS.has(t.name) && a) return `[]${arg(a)}`;
  if (DICTIONARIES.has(t.name)) return 'std.json.Value';
  const name = alias(t.name, uses);
  // An API generic is its name alone at the top (`ZigGenerator.Type`), called with its arguments inside one.
  return t.args.length && (nested || uses.library.has(t.name)) ? `${name}(${t.args.map(arg).join(', ')})` : name;
};

/** The header lines' caller-set values: what the mock honours is printed as it used it, the rest echoed. */
const optionLines = (options: DtoOptions): [string, string][] => {
  const lines: [string, string][] = [
    ['GlobalNamespace', ''],
    ['MakePropertiesOptional', 'False'],
    ['AddServiceStackTypes', options.addServiceStackTypes === false ? 'False' : 'True'],
    ['AddResponseStatus', 'False'],
    ['AddImplicitVersion', ''],
    ['AddDescriptionAsComments', 'True'],
    ['IncludeTypes', (options.includeTypes ?? []).join(',')],
    ['ExcludeTypes', options.excludeTypes.join(',')],
    ['DefaultImports', DEFAULT_IMPORTS.join(',')],
  ];
  const honoured = new Set(['IncludeTypes', 'ExcludeTypes', 'AddServiceStackTypes']);
  return lines.map(([k, v]) => [k, options.given.has(k) && !honoured.has(k) ? (options.echo(k) ?? v) : v]);
};

/**
 * The `/// Options:` block. ZigGenerator prints a default option `/// Key: value` and a caller-set one `//Key: value`,
 * but get-dtos strips `/// ` and resends exactly those lines, skipping `//` ones — so a real update drops the caller's
 * options and pins every default. The mock swaps the two prefixes: an update sends back what the caller set, as it
 * does for every other language (README, "Metadata surface").
 */
const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  [
    '/// Options:',
    `/// Date: ${now.toISOString().slice(0, 19).replace('T', ' ')}`,
    `/// Version: ${GENERATOR_VERSION}`,
    '/// Tip: To override a DTO option, remove "/" prefix before updating',
    `/// BaseUrl: ${headerSafe(baseUrl)}`,
    ...optionLines(options).map(([k, v]) => `${options.given.has(k) ? '/// ' : '//'}${k}: ${v}`.trimEnd()),
    '///',
  ].join('\n');

const doc = (text: string | undefined): string[] => (text ? [`/// ${safeComment(text)}`] : []);

/** The bases a type inherits, base first (`GetInheritedTypes`), as the properties Zig flattens into it. */
const inheritedProperties = (d: Declared, t: MetadataType): MetadataProperty[] => {
  const chain: MetadataProperty[][] = [];
  const seen = new Set<string>();
  for (let base = t.inherits; base && !seen.has(base.name);) {
    seen.add(base.name);
    const name = base.name.replace(/`\d+$/, '');
    if (name === 'QueryDb' || name === 'QueryData') {
      chain.unshift(QUERY_BASE);
      break;
    }
    const type = d.types.get(base.name);
    if (!type) break;
    chain.unshift(type.properties ?? []);
    base = type.inherits;
  }
  return chain.flat();
};

/** `ss_name`, `ss_verb` and `Response`, unless a field of the same name would clash. */
const requestDecls = (t: MetadataType, op: MetadataOperationType, fieldNames: Set<string>, uses: ZigUses): string[] => {
  const lines: string[] = [];
  if (!fieldNames.has('ss_name')) lines.push(`pub const ss_name = ${quote(t.name.replace(/`\d+$/, ''))};`);
  const first = op.method || op.routes.find((r) => r.verbs)?.verbs?.split(',')[0];
  const verb = !first || first === 'ANY' ? 'POST' : first.toUpperCase();
  if (!fieldNames.has('ss_verb')) lines.push(`pub const ss_verb = ${quote(verb)};`);
  const returnsVoid = op.returnsVoid || (!op.returnType && !op.response);
  if (!returnsVoid && !fieldNames.has('Response')) {
    const response = zigType(exprOf(op.returnType ?? op.response!), uses);
    // A request returning itself would recurse in its own declaration: the generator prints none.
    if (response !== t.name) lines.push(`pub const Response = ${response};`);
  }
  return lines.length && fieldNames.size ? [...lines, ''] : lines;
};

/** `name: ?[]const u8 = null,`: every field has a default, so std.json can parse a body that leaves it out. */
const fieldLine = (p: MetadataProperty, name: string, uses: ZigUses): string => {
  const type = zigType(propertyExpr(p), uses);
  const optional = !isRequiredProperty(p) || type.startsWith('?') || type === '[]const u8';
  const zig = optional && !type.startsWith('?') ? `?${type}` : type;
  const fallback = optional
    ? ' = null'
    : zig.startsWith('[]')
      ? ' = &.{}'
      : zig === 'bool'
        ? ' = false'
        : INTEGERS.has(zig)
          ? ' = 0'
          : '';
  return fallback ? `${name}: ${zig}${fallback},` : `${name}: ?${zig} = null,`;
};

const typeLines = (
  d: Declared,
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  uses: ZigUses,
  fieldName: (p: MetadataProperty) => string,
): string[] => {
  const lines = [...doc(t.description), ...typeAttributes(op, authStyle).map((a) => `// ${attributeText(a, false)}`)];
  if (t.isEnum) {
    const names = t.enumNames ?? [];
    const isInt = t.isEnumInt === true || names.length === 0;
    lines.push(`pub const ${t.name} = enum${isInt ? '(i32)' : ''} {`);
    names.forEach((n, i) => {
      const value = t.enumValues?.[i];
      lines.push(`    ${zigIdentifier(n)}${isInt && value !== undefined ? ` = ${value}` : ''},`);
    });
    lines.push('};');
    return lines;
  }
  // A property a type redeclares from its base is printed once.
  const props = new Map<string, MetadataProperty>();
  for (const p of [...inheritedProperties(d, t), ...(t.properties ?? [])])
    if (!props.has(fieldName(p))) props.set(fieldName(p), p);
  lines.push(`pub const ${t.name} = struct {`);
  if (op) lines.push(...requestDecls(t, op, new Set(props.keys()), uses).map((l) => (l ? `    ${l}` : l)));
  let spaced = false;
  for (const [name, p] of props) {
    if (spaced) lines.push('');
    const notes = [
      ...(p.dataMember ? [`// @DataMember(Name=${quote(p.dataMember.name)})`] : []),
      ...validateTexts(p, false).map((v) => `// ${v}`),
    ];
    // zig fmt keeps the blank line the generator prints after a field that carries attribute comments.
    spaced = notes.length > 0;
    lines.push(...[...doc(p.description), ...notes, fieldLine(p, name, uses)].map((l) => `    ${l}`));
  }
  lines.push('};');
  return lines;
};

export const buildZigDtos = (api: ApiSchemas, baseUrl: string, options: DtoOptions, now: Date = new Date()): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const uses: ZigUses = { library: libraryTypesInUse(d, LIBRARY_TYPES) };
  // Zig fields are snake_case, or camelCase where the API's JSON is (ServiceStack's `JsConfig.TextCase`).
  const style = api.manifest.textCase === 'camel' ? camelCase : snakeCase;
  const fieldName = (p: MetadataProperty): string => zigIdentifier(p.dataMember?.name ?? style(p.name));
  const blocks = nativeTypesToPrint(d, options, uses.library).map((t) => {
    const authStyle = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    return typeLines(d, t, d.opByRequest.get(t.name), authStyle, uses, fieldName).join('\n');
  });
  const imports = [...DEFAULT_IMPORTS, ...(uses.ss ? [LIBRARY_IMPORT] : [])];
  // zig fmt collapses a struct without fields (`struct {}`).
  const body = blocks.join('\n\n').replace(/struct \{\s*\}/g, 'struct {}');
  return `${header(baseUrl, options, now)}\n${imports.join('\n')}\n\n${body}\n`;
};
