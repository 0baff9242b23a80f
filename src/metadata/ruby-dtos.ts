/**
 * `GET <base>/types/ruby`: the DTOs ServiceStack's `RubyGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos ruby <base>`, read with the servicestack gem), printed from the served `MetadataTypes`
 * (README, "Metadata surface"). Its style: `# frozen_string_literal: true`, the `=begin … =end` Options header,
 * `require 'json'` / `require 'servicestack'`, enums first as modules of UPPER_CASE constants, then classes in
 * dependency order: `include ServiceStack::DTO` (or `< Base`), snake_case `attr_accessor`s with a YARD
 * `# @return [Type]`, `def self.properties` giving each one's wire name and the type its JSON converts to, and on
 * requests `def response_type() = X` (`nil`: IReturnVoid), `get_type_name()`, `get_method()`. Attributes are
 * `# @Name(...)` comments, one per attribute name (so only a request's first `[Route]` is printed). Ruby has no
 * generics: `QueryResponse<Booking>` is `ServiceStack::QueryResponse.of(Booking)`, and the gem's own types
 * (ResponseStatus, QueryDb, …) are referenced as `ServiceStack::X`, never printed.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  authAttributes,
  chosenNames,
  declaredTypes,
  exprOf,
  genericName,
  isServiceStackType,
  optionsHeader,
  orderByDeps,
  parseTypeExpr,
  quote,
  routeAttributes,
  snakeCase,
  type DtoAttribute,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import {
  buildMetadataTypes,
  type MetadataOperationType,
  type MetadataProperty,
  type MetadataType,
} from './metadata-types.js';

/** `RubyGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  String: 'String',
  Boolean: 'TrueClass',
  DateTime: 'DateTime',
  DateOnly: 'DateTime',
  DateTimeOffset: 'DateTime',
  TimeSpan: 'Time',
  TimeOnly: 'Time',
  Guid: 'String',
  Char: 'String',
  Byte: 'Integer',
  Int16: 'Integer',
  Int32: 'Integer',
  Int64: 'Integer',
  UInt16: 'Integer',
  UInt32: 'Integer',
  UInt64: 'Integer',
  Single: 'Float',
  Double: 'Float',
  Decimal: 'BigDecimal',
  IntPtr: 'Integer',
  List: 'Array',
  'Byte[]': 'String',
  Stream: 'String',
  HttpWebResponse: 'String',
  IDictionary: 'Hash',
  OrderedDictionary: 'Hash',
  Uri: 'String',
  Type: 'String',
};
/** `RubyGenerator.LibraryTypes`: implemented in the servicestack gem, referenced as `ServiceStack::X`. */
const LIBRARY_TYPES = new Set([
  'ResponseStatus',
  'ResponseError',
  'EmptyResponse',
  'IdResponse',
  'StringResponse',
  'StringsResponse',
  'AuditBase',
  'QueryBase',
  'QueryDb',
  'QueryData',
  'QueryResponse',
  'Authenticate',
  'AuthenticateResponse',
  'Register',
  'RegisterResponse',
  'ConvertSessionToToken',
  'ConvertSessionToTokenResponse',
  'GetAccessToken',
  'GetAccessTokenResponse',
]);
/** `RubyGenerator.GenericLibraryTypes`: converting their results, `ServiceStack::QueryResponse.of(Booking)`. */
const GENERIC_LIBRARY_TYPES = new Set(['QueryResponse']);
const ARRAY_TYPES = new Set(['List', 'IEnumerable', 'ICollection', 'HashSet', 'Queue', 'Stack', 'IList']);
const DICTIONARY_TYPES = new Set([
  'Dictionary',
  'IDictionary',
  'IOrderedDictionary',
  'OrderedDictionary',
  'StringDictionary',
]);
const DATE_TYPES = new Set(['DateTime', 'DateTimeOffset', 'DateOnly']);

/** What a type name refers to while printing: the printed types, and the gem's types not shadowed by them. */
export interface Scope {
  printed: Map<string, MetadataType>;
  library: Set<string>;
}

/** `TypeAlias`: `Int32` → `Integer`, any array → `Array`, other names without namespace or arity. */
const alias = (name: string): string => {
  if (name === 'Byte[]') return 'String';
  if (name.includes('[')) return 'Array';
  return ALIASES[name] ?? genericName(name).replace(/^.*\./, '');
};

/** `RubyGenerator.Type`: `# @return [List]`, `ServiceStack::QueryResponse.of(Booking)`, `Integer` for `int?`. */
export const rubyType = (t: TypeExpr, scope: Pick<Scope, 'library'>): string => {
  const [a] = t.args;
  if (t.name === 'Nullable' && a) return alias(a.name);
  // A generic type keeps its bare name (`List`, `Dictionary`): the alias table is keyed by names with their arity.
  const name = t.args.length ? t.name.replace(/^.*\./, '') : alias(t.name);
  if (!scope.library.has(name)) return name;
  return t.args.length && a && GENERIC_LIBRARY_TYPES.has(name)
    ? `ServiceStack::${name}.of(${rubyType({ name: a.name, args: [] }, scope)})`
    : `ServiceStack::${name}`;
};

/** `ConvertedTypeExpression`: the Ruby class a JSON value converts into, or undefined when used as it is. */
const converted = (typeName: string, scope: Scope): string | undefined => {
  const name = genericName(typeName.replace(/\?$/, ''));
  if (DATE_TYPES.has(name)) return 'DateTime';
  const printed = scope.printed.get(name);
  if (printed) return printed.isEnum ? undefined : alias(name);
  return scope.library.has(name) ? `ServiceStack::${name}` : undefined;
};

/** `PropertyTypeExpression`: `[Order]`, `{ String => Order }`, `DateTime`, or nothing for JSON values as they are. */
export const propertyTypeExpression = (p: MetadataProperty, scope: Scope): string | undefined => {
  const kind = genericName(p.type);
  const [a, b] = p.genericArgs ?? [];
  const list = (item: string | undefined): string | undefined => (item ? `[${item}]` : undefined);
  if (a && ARRAY_TYPES.has(kind)) return list(converted(a, scope));
  if (a && b && DICTIONARY_TYPES.has(kind)) {
    const value = converted(b, scope);
    return value ? `{ String => ${value} }` : undefined;
  }
  if (a && kind === 'Nullable') return converted(a, scope);
  if (p.type.endsWith('[]')) return list(converted(p.type.slice(0, -2), scope));
  return converted(p.type, scope);
};

/** `RubyGenerator.EnumNameFormat`: `PerDev` → `PER_DEV`; names with `_` upper-cased; other names kept. */
const enumConstant = (name: string): string => {
  const safe = name.replace(/\W/g, '_').replace(/^(\d)/, '_$1');
  const formatted = safe.includes('_') ? safe.toUpperCase() : /[a-z]/.test(safe) ? snakeCase(safe).toUpperCase() : safe;
  // A Ruby constant starts with a capital.
  return /^[A-Z]/.test(formatted) ? formatted : `V${formatted}`;
};
const rubyString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `# @Route("/x", "POST")`; `# @ValidateIsAuthenticated` without arguments. */
const attributeLine = (a: DtoAttribute): string =>
  a.args.length ? `# @${a.name}(${a.args.map(quote).join(', ')})` : `# @${a.name}`;
/** `AppendAttributes` prints each attribute name once. */
const onePerName = (attrs: DtoAttribute[]): DtoAttribute[] =>
  attrs.filter((a, i) => attrs.findIndex((b) => b.name === a.name) === i);
/** `# @Validate(Validator: "NotEmpty")`: named arguments as `Name: value`. */
const propertyAttributeLines = (p: MetadataProperty): string[] =>
  onePerName(
    (p.attributes ?? []).map((a) => ({
      name: a.name,
      args: (a.args ?? []).map((x) => `${x.name}: ${quote(x.value)}`),
    })),
  ).map((a) => (a.args.length ? `# @${a.name}(${a.args.join(', ')})` : `# @${a.name}`));
const description = (text: string | undefined): string[] =>
  text ? ['#', `# ${text.replace(/[\r\n]+/g, ' ')}`, '#'] : [];

const INDENT = '    ';

const rubyName = (p: MetadataProperty): string => snakeCase(p.name.replace(/\W/g, ''));

/** `Array` / `Hash` for a DTO inheriting a collection (the client sends it as the JSON array or object). */
const collectionBase = (t: MetadataType): 'Array' | 'Hash' | undefined => {
  const kind = t.inherits ? genericName(t.inherits.name) : undefined;
  return kind && ARRAY_TYPES.has(kind) ? 'Array' : kind && DICTIONARY_TYPES.has(kind) ? 'Hash' : undefined;
};

/** `def self.from_hash(json)` filling a collection DTO with instances of its item type, when they convert. */
const collectionLines = (t: MetadataType, collection: 'Array' | 'Hash', scope: Scope): string[] => {
  const [a, b] = t.inherits?.genericArgs ?? [];
  const item = collection === 'Array' ? a && converted(a, scope) : b && converted(b, scope);
  if (!item) return [];
  const expr = collection === 'Array' ? `[${item}]` : `{ String => ${item} }`;
  return [`def self.from_hash(json) = new.replace(ServiceStack::DTO::Serializer.from_json_value(${expr}, json))`, ''];
};

/** `attr_accessor`s with their YARD types, then `def self.properties` (`AddProperties`, `AppendPropertyMetadata`). */
const propertyLines = (props: MetadataProperty[], scope: Scope): string[] => {
  const lines: string[] = [];
  let spaced = false;
  for (const p of props) {
    if (spaced) lines.push('');
    const notes = [
      ...(p.dataMember ? [`# @DataMember(Name=${quote(p.dataMember.name)})`] : []),
      ...propertyAttributeLines(p),
    ];
    spaced = notes.length > 0;
    const type = rubyType({ name: genericName(p.type), args: (p.genericArgs ?? []).map(parseTypeExpr) }, scope);
    lines.push(...notes, `# @return [${type}]`, `attr_accessor :${rubyName(p)}`);
  }
  if (!props.length) return lines;
  lines.push('', 'def self.properties', `${INDENT}{`);
  for (const p of props) {
    // The wire name: a [DataMember] alias, else the camelCase name (`ToCamelCase`, whatever the API's text case).
    const wire = p.dataMember?.name ?? p.name.charAt(0).toLowerCase() + p.name.slice(1);
    const expr = propertyTypeExpression(p, scope);
    lines.push(`${INDENT}${INDENT}${rubyName(p)}: { name: ${rubyString(wire)}${expr ? `, type: ${expr}` : ''} },`);
  }
  lines.push(`${INDENT}}`, 'end', '');
  return lines;
};

const classLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  scope: Scope,
): string[] => {
  const collection = collectionBase(t);
  const base = collection ?? (t.inherits ? rubyType(exprOf(t.inherits), scope) : undefined);
  const body = [
    ...(base ? [] : ['include ServiceStack::DTO', '']),
    ...(collection ? collectionLines(t, collection, scope) : propertyLines(t.properties ?? [], scope)),
  ];
  if (op)
    body.push(
      `def response_type() = ${op.returnType ? rubyType(exprOf(op.returnType), scope) : 'nil'}`,
      `def get_type_name() = '${t.name}'`,
      `def get_method() = '${op.method}'`,
    );
  return [
    ...description(t.description),
    ...onePerName(routeAttributes(op)).map(attributeLine),
    ...onePerName(authAttributes(op, authStyle)).map(attributeLine),
    `class ${t.name}${base ? ` < ${base}` : ''}`,
    ...body.map((l) => (l ? `${INDENT}${l}` : l)),
    'end',
  ];
};

const enumLines = (t: MetadataType): string[] => {
  const names = t.enumNames ?? [];
  const numbered = t.isEnumInt === true || names.length === 0;
  return [
    ...description(t.description),
    `module ${t.name}`,
    ...names.map((n, i) => {
      const value = t.enumValues?.[i];
      return `${INDENT}${enumConstant(n)} = ${numbered && value !== undefined && /^-?\d+$/.test(value) ? value : rubyString(n)}`;
    }),
    'end',
  ];
};

/** The `=begin … =end` header: `RubyGenerator.GetCode`'s option lines with ServiceStack's defaults. */
const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '# frozen_string_literal: true\n# encoding: utf-8\n\n# Options:\n=begin', close: '=end', off: '#' },
    baseUrl,
    options,
    [
      ['MakePartial', 'True'],
      ['MakeVirtual', 'True'],
      ['MakeInternal', 'False'],
      ['MakeDataContractsExtensible', 'False'],
      ['AddReturnMarker', 'True'],
      ['AddDescriptionAsComments', 'True'],
      ['AddDataContractAttributes', 'False'],
      ['AddIndexesToDataMembers', 'False'],
      ['AddGeneratedCodeAttributes', 'False'],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['InitializeCollections', 'False'],
      ['ExportValueTypes', 'False'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', options.excludeTypes.join(',')],
      ['AddNamespaces', ''],
      ['AddDefaultXmlNamespace', 'http://schemas.servicestack.net/types'],
    ],
    now,
    // RubyGenerator's tip names C#'s `//` though its default lines start with `#`.
  ).replace('remove "#" prefix', 'remove "//" prefix');

export const buildRubyDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const keep = chosenNames(d, options);
  const chosen = [...d.types.values()].filter((t) => keep.has(t.name) && !t.isInterface);
  // The gem's types are used unless the API defines its own of that name (`RubyGenerator.Init`).
  const own = new Set(chosen.filter((t) => !isServiceStackType(t)).map((t) => genericName(t.name)));
  const library = new Set([...LIBRARY_TYPES].filter((n) => !own.has(n)));
  const printed = orderByDeps(
    d,
    chosen.filter((t) => !library.has(genericName(t.name))),
  );
  const scope: Scope = { printed: new Map(printed.map((t) => [genericName(t.name), t])), library };
  const blocks = [...printed.filter((t) => t.isEnum), ...printed.filter((t) => !t.isEnum)].map((t) => {
    if (t.isEnum) return enumLines(t).join('\n');
    const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    return classLines(t, d.opByRequest.get(t.name), style, scope).join('\n');
  });
  return `${header(baseUrl, options, now)}\n\nrequire 'json'\nrequire 'servicestack'\n\n${blocks.map((b) => `\n${b}\n`).join('')}`;
};
