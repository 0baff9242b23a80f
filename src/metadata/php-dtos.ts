/**
 * `GET <base>/types/php`: the DTOs ServiceStack's `PhpGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos php <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style:
 * `<?php namespace dtos;`, the `/* Options: *\/` header, the `use ServiceStack\{…};` imports, types in dependency
 * order, PHP 8.1 backed enums, classes `implements IReturn, IPost, JsonSerializable` whose properties are the
 * constructor's promoted parameters (`/** @var array<Order>|null *\/ public ?array $orders=null`), a base's
 * properties repeated as plain parameters for `parent::__construct`, `fromMap` / `jsonSerialize` through
 * `JsonConverters`, attributes as `// @Route("/x", "POST")` comments, the response as `#[Returns('X')]` plus
 * `createResponse()`, generic arguments of a base or an interface as `@template Base of Arg`.
 * ServiceStack's own types (ResponseStatus, QueryResponse, AuditBase, …) come from the servicestack/client package:
 * ServiceStack never prints them, whatever `AddServiceStackTypes` says.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  authAttributes,
  chosenNames,
  declaredTypes,
  exprOf,
  genericName,
  headerSafe,
  isRequiredProperty,
  optionsHeader,
  orderByDeps,
  parseTypeExpr,
  propertyExpr,
  quote,
  routeAttributes,
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

/** `PhpGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  String: 'string',
  Boolean: 'bool',
  DateTime: 'DateTime',
  DateOnly: 'DateTime',
  DateTimeOffset: 'DateTime',
  TimeSpan: 'DateInterval',
  TimeOnly: 'DateInterval',
  Guid: 'string',
  Char: 'string',
  Byte: 'int',
  Int16: 'int',
  Int32: 'int',
  Int64: 'int',
  UInt16: 'int',
  UInt32: 'int',
  UInt64: 'int',
  Single: 'float',
  Double: 'float',
  Decimal: 'float',
  IntPtr: 'int',
  List: 'array',
  'Byte[]': 'ByteArray',
  Stream: 'ByteArray',
  HttpWebResponse: 'ByteArray',
  IDictionary: 'array',
  OrderedDictionary: 'array',
  Uri: 'string',
  Type: 'string',
};
/** `PhpGenerator.primitiveDefaultValues`: a required property's default, keyed by .NET or PHP name. */
const DEFAULT_VALUES: Record<string, string> = {
  String: "''",
  string: "''",
  Boolean: 'false',
  boolean: 'false',
  DateTime: 'new DateTime()',
  DateOnly: 'new DateTime()',
  DateTimeOffset: 'new DateTime()',
  TimeSpan: "new DateInterval('P0D')",
  TimeOnly: "new DateInterval('P0D')",
  Guid: "''",
  Char: "''",
  int: '0',
  float: '0.0',
  double: '0',
  Byte: '0',
  Int16: '0',
  Int32: '0',
  Int64: '0',
  UInt16: '0',
  UInt32: '0',
  UInt64: '0',
  Single: '0',
  Double: '0.0',
  Decimal: '0.0',
  IntPtr: '0',
  List: '[]',
};
/** `PhpGenerator.ConvertValueTypes`: value types `JsonConverters` converts rather than copies. */
const CONVERTED_VALUE_TYPES = new Set(['DateTime', 'DateOnly', 'DateTimeOffset', 'TimeSpan', 'TimeOnly']);
const ARRAY_TYPES = new Set(['List', 'IList', 'IEnumerable', 'ICollection', 'HashSet', 'Queue', 'Stack']);
const DICTIONARY_TYPES = new Set([
  'Dictionary',
  'IDictionary',
  'IOrderedDictionary',
  'OrderedDictionary',
  'StringDictionary',
]);
const KEY_TYPES = new Set(['string', 'boolean', 'number']);

/**
 * What the servicestack/client package ships (`NativeTypesService.BuiltInClientDtos` and
 * `PhpGenerator.IgnoreTypeInfosFor`): removed by name before printing, as ServiceStack does.
 */
const LIBRARY_TYPES = new Set([
  'ResponseStatus',
  'ResponseError',
  'EmptyResponse',
  'IdResponse',
  'StringResponse',
  'StringsResponse',
  'QueryBase',
  'QueryData',
  'QueryDb',
  'QueryResponse',
  'KeyValuePair',
  'Tuple',
  'AuditBase',
  'Authenticate',
  'AuthenticateResponse',
  'Register',
  'RegisterResponse',
  'AssignRoles',
  'AssignRolesResponse',
  'UnAssignRoles',
  'UnAssignRolesResponse',
  'CancelRequest',
  'CancelRequestResponse',
  'UpdateEventSubscriber',
  'UpdateEventSubscriberResponse',
  'GetEventSubscribers',
  'GetApiKeys',
  'GetApiKeysResponse',
  'RegenerateApiKeys',
  'RegenerateApiKeysResponse',
  'UserApiKey',
  'ConvertSessionToToken',
  'ConvertSessionToTokenResponse',
  'GetAccessToken',
  'GetAccessTokenResponse',
  'NavItem',
  'GetNavItems',
  'GetNavItemsResponse',
]);
/** `PhpGenerator.ServiceStackImports`, in its order. */
const IMPORTS = [
  'DateTime',
  'Exception',
  'DateInterval',
  'JsonSerializable',
  'ServiceStack\\{IReturn,IReturnVoid,IGet,IPost,IPut,IDelete,IPatch,IMeta,IHasSessionId,IHasBearerToken,IHasVersion}',
  'ServiceStack\\{ICrud,ICreateDb,IUpdateDb,IPatchDb,IDeleteDb,ISaveDb,AuditBase,QueryDb,QueryDb2,QueryData,QueryData2,QueryResponse}',
  'ServiceStack\\{ResponseStatus,ResponseError,EmptyResponse,IdResponse,ArrayList,KeyValuePair2,StringResponse,StringsResponse,Tuple2,Tuple3,ByteArray}',
  'ServiceStack\\{JsonConverters,Returns,TypeContext}',
];
/** ServiceStack's `QueryBase` properties: a `QueryDb<T>` request repeats them for `parent::__construct`. */
const QUERY_BASE: MetadataProperty[] = [
  { name: 'Skip', type: 'Nullable`1', genericArgs: ['Int32'], isValueType: true },
  { name: 'Take', type: 'Nullable`1', genericArgs: ['Int32'], isValueType: true },
  { name: 'OrderBy', type: 'String' },
  { name: 'OrderByDesc', type: 'String' },
  { name: 'Include', type: 'String' },
  { name: 'Fields', type: 'String' },
  { name: 'Meta', type: 'Dictionary`2', genericArgs: ['String', 'String'] },
];

/** `TypeAlias`: `Int32` → `int`, `Order[]` → `Order[]`, `Byte[]` → `ByteArray`, other names as they are. */
const alias = (name: string): string => {
  if (name === 'Byte[]') return ALIASES['Byte[]']!;
  if (name.endsWith('[]')) return `${alias(name.slice(0, -2))}[]`;
  return ALIASES[name] ?? name.replace(/^.*\./, '');
};
const keyType = (php: string): string => (KEY_TYPES.has(php) ? php : 'string');

/** `GenericArg` (`ConvertFromCSharp`): a type inside `<…>`; a nested list is `X[]`, a nested map `array<K,V>`. */
const genericArg = (t: TypeExpr): string => {
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return alias(a.name);
  if (t.name === 'List') return `${a ? genericArg(a) : 'any'}[]`;
  if (t.name === 'Dictionary' && a && b) return `array<${keyType(genericArg(a))},${genericArg(b)}>`;
  return t.args.length ? `${alias(t.name)}<${t.args.map(genericArg).join(',')}>` : alias(t.name);
};

/** `PhpGenerator.Type`: a .NET type as the `@var` docblocks print it (`array<Order>`, `array<string,int>`). */
export const phpType = (t: TypeExpr): string => {
  const [a, b] = t.args;
  if (!a) return alias(t.name);
  if (t.name === 'Nullable') return genericArg(a);
  if (ARRAY_TYPES.has(t.name)) return `array<${genericArg(a)}>`;
  if (DICTIONARY_TYPES.has(t.name) && b) return `array<${keyType(genericArg(a))},${genericArg(b)}>`;
  return `${alias(t.name)}<${t.args.map(genericArg).join(', ')}>`;
};

/** `GetPhpType`: the PHP class a value converts to (`int` for `Int32`, `array` for any array). */
const phpClass = (typeName: string): string => {
  if (typeName.toLowerCase() === 'string') return 'string';
  if (typeName.startsWith('array')) return 'array';
  if (typeName.includes('<')) return typeName;
  const d = DEFAULT_VALUES[typeName];
  const cls = d === '0' ? 'int' : d === '0.0' ? 'float' : d === 'false' ? 'bool' : undefined;
  return cls ?? typeName;
};

/** `GetDefaultInitializer`: the literal a required property starts with, when PHP has one. */
const defaultInitializer = (typeName: string): string | undefined =>
  typeName === 'any' ? '(object)[]' : typeName.endsWith('[]') ? '[]' : DEFAULT_VALUES[typeName];

/** A property as the constructor declares it: native type, docblock type, default. */
interface PhpProperty {
  name: string;
  native: string;
  doc: string;
  value: string;
}

const propertyName = (p: MetadataProperty, camelCase: boolean): string => {
  const name = p.dataMember?.name ?? p.name;
  const safe = name.replace(/\W/g, '');
  return camelCase && !p.dataMember ? safe.charAt(0).toLowerCase() + safe.slice(1) : safe;
};

export const phpProperty = (p: MetadataProperty, camelCase: boolean): PhpProperty => {
  const typeName = phpType(propertyExpr(p));
  const optional = !isRequiredProperty(p);
  const value = (optional ? undefined : defaultInitializer(typeName)) ?? 'null';
  const args = p.genericArgs?.length ?? 0;
  // `PhpPropType`: arrays are `array`; other generics their name, with the arity past one (`KeyValuePair2`).
  const kind =
    typeName.startsWith('array<') || typeName.endsWith('[]')
      ? 'array'
      : args === 0
        ? typeName
        : `${typeName.replace(/<.*$/, '')}${args > 1 ? args : ''}`;
  const native = `${optional || value === 'null' ? '?' : ''}${kind}`;
  const doc =
    !typeName.startsWith('array') && typeName.includes('<')
      ? `${kind}<${typeName.slice(typeName.indexOf('<') + 1)}`
      : typeName;
  return { name: propertyName(p, camelCase), native, doc: `${doc}${value === 'null' ? '|null' : ''}`, value };
};

/** `fromMap` / `jsonSerialize` lines: a value copied as is, or converted through `JsonConverters`. */
const conversionLines = (p: MetadataProperty, name: string): [from: string, to: string] => {
  const set = (value: string): string => `if (isset($o['${name}'])) $this->${name} = ${value};`;
  const put = (value: string): string => `if (isset($this->${name})) $o['${name}'] = ${value};`;
  const plain: [string, string] = [set(`$o['${name}']`), put(`$this->${name}`)];
  const via = (how: string, arg: string): [string, string] => [
    set(`JsonConverters::${how === 'array' ? 'fromArray' : 'from'}(${arg}, $o['${name}'])`),
    put(`JsonConverters::${how === 'array' ? 'toArray' : 'to'}(${arg}, $this->${name})`),
  ];
  const kind = genericName(p.type);
  const args = p.genericArgs ?? [];
  const quoted = (arg: string): string => `'${phpClass(phpType(parseTypeExpr(arg)))}'`;
  if ((p.isValueType || p.type === 'String') && !p.isEnum && !args.length && !CONVERTED_VALUE_TYPES.has(p.type))
    return plain;
  if (DICTIONARY_TYPES.has(kind)) {
    const [k = 'string', v = 'object'] = args;
    return via('one', `JsonConverters::context('Dictionary',genericArgs:[${quoted(k)},${quoted(v)}])`);
  }
  if (ARRAY_TYPES.has(kind) && args[0]) return via('array', quoted(args[0]));
  const typeName = phpType(propertyExpr(p));
  if (typeName.endsWith('[]')) return via('array', `'${phpClass(typeName.slice(0, typeName.indexOf('[')))}'`);
  const cls = phpClass(typeName);
  if (cls.startsWith('array') && args[0]) return via('array', quoted(args[0]));
  if (kind === 'Nullable' && args[0]) {
    const inner = parseTypeExpr(args[0]).name;
    return DEFAULT_VALUES[inner] !== undefined && !CONVERTED_VALUE_TYPES.has(inner)
      ? plain
      : via('one', `'${phpClass(alias(inner))}'`);
  }
  if (args.length)
    return via('one', `JsonConverters::context('${alias(kind)}',genericArgs:[${args.map(quoted).join(',')}])`);
  return via('one', `'${cls}'`);
};

const attributeLine = (a: DtoAttribute): string => `// @${a.name}(${a.args.map(quote).join(', ')})`;
/** `// @Validate(Validator="NotEmpty")`: named arguments as `Name=value`. */
const validateLines = (p: MetadataProperty): string[] =>
  (p.attributes ?? []).map(
    (a) =>
      `// @${a.name}(${(a.args ?? []).map((x) => `${x.name}=${quote(x.value.replace(/\?>/g, '? >'))}`).join(', ')})`,
  );
/** `/** @description … *\/`: one line that cannot close the comment. */
const description = (text: string | undefined): string[] =>
  text ? [`/** @description ${text.replace(/[\r\n]+/g, ' ').replace(/\*\//g, '* /')} */`] : [];

/** `createResponse()` and `#[Returns]` for `IReturn<T>` (`QueryResponse::create(genericArgs:['Booking'])`). */
const responseOf = (op: MetadataOperationType): { returns?: string; create: string } => {
  if (!op.returnType) return { create: 'public function createResponse(): void {}' };
  // `IReturn<T>`'s argument is the PHP type read back as a generic argument: its commas lose their spaces.
  const typed = phpType(exprOf(op.returnType)).replace(/, /g, ',');
  const inner = typed.slice(typed.indexOf('<') + 1, typed.lastIndexOf('>')).split(',');
  let cls = phpClass(typed);
  let made = defaultInitializer(typed);
  if (cls.includes('<')) {
    const commas = (cls.match(/,/g) ?? []).length;
    cls = `${cls.slice(0, cls.indexOf('<'))}${commas > 1 ? commas : ''}`;
    made = `${cls}::create(genericArgs:[${inner.map((x) => `'${x}'`).join(',')}])`;
  }
  if (made === "''") made = "'string'";
  if (cls === 'array') made = `ArrayList::create([${inner.map((x) => `"${x}"`).join(',')}])`;
  return { returns: cls, create: `public function createResponse(): mixed { return ${made ?? `new ${cls}()`}; }` };
};

interface Heritage {
  line: string;
  templates: [name: string, arg: string][];
}

/** ` extends Base implements IReturn, IPost, JsonSerializable` with the generic arguments as templates. */
const heritage = (t: MetadataType, op: MetadataOperationType | undefined): Heritage => {
  const templates: [string, string][] = [];
  const named = (ref: { name: string; genericArgs?: string[] }): string => {
    const args = ref.genericArgs ?? [];
    const name = `${alias(genericName(ref.name))}${args.length > 1 ? args.length : ''}`;
    args.forEach((a, i) => templates.push([i === 0 ? name : `${name}${i}`, a]));
    return name;
  };
  const base = t.inherits ? named(t.inherits) : undefined;
  const interfaces = [
    ...(op ? [op.returnType ? 'IReturn' : 'IReturnVoid'] : []),
    // The metadata lists `IReturn<T>` among the interfaces; ServiceStack prints it from the operation, first.
    ...(t.implements ?? []).filter((i) => !/^IReturn(Void|`1)$/.test(i.name)).map(named),
    'JsonSerializable',
  ];
  return { line: `${base ? ` extends ${base}` : ''} implements ${interfaces.join(', ')}`, templates };
};

const INDENT = '    ';
const indent = (lines: string[], by = INDENT): string[] => lines.map((l) => (l ? `${by}${l}` : l));

/** The promoted constructor, `fromMap` and `jsonSerialize` (`PhpGenerator.AddProperties`), indented. */
const memberLines = (t: MetadataType, inherited: MetadataProperty[], camelCase: boolean): string[] => {
  const own = t.properties ?? [];
  const lines: string[] = [];
  const from: string[] = [];
  const to = [t.inherits ? '$o = parent::jsonSerialize();' : '$o = [];'];
  if (own.length + inherited.length) {
    const base = inherited.map((p) => phpProperty(p, camelCase));
    if (base.length) lines.push('/**', ...base.map((b) => ` * @param ${b.doc} $${b.name}`), ' */');
    const params = base.map((b) => `${b.native} $${b.name}=${b.value},`);
    let spaced = false;
    for (const p of own) {
      const php = phpProperty(p, camelCase);
      if (spaced) params.push('');
      const notes = [
        ...(p.dataMember ? [`// @DataMember(Name=${quote(p.dataMember.name)})`] : []),
        ...validateLines(p),
      ];
      spaced = notes.length > 0;
      params.push(
        ...description(p.description),
        ...notes,
        `/** @var ${php.doc} */`,
        `public ${php.native} $${php.name}=${php.value},`,
      );
      const [f, j] = conversionLines(p, php.name);
      from.push(f);
      to.push(j);
    }
    // `sb.Chop(',')`: the last parameter's comma.
    const last = params.findLastIndex((l) => l.endsWith(','));
    if (last >= 0) params[last] = params[last]!.slice(0, -1);
    lines.push('public function __construct(', ...indent(params), ') {');
    if (base.length) lines.push(`${INDENT}parent::__construct(${base.map((b) => `$${b.name}`).join(',')});`);
    lines.push('}', '', '/** @throws Exception */', 'public function fromMap($o): void {');
    if (t.inherits) lines.push(`${INDENT}parent::fromMap($o);`);
    lines.push(...indent(from), '}');
  }
  const json = ['/** @throws Exception */', 'public function jsonSerialize(): mixed', '{'];
  json.push(...indent(to), `${INDENT}return empty($o) ? new class(){} : $o;`, '}');
  // `sb.AppendLine("")` writes the indent: a line of four spaces, as ServiceStack's files have.
  return [...indent(lines), INDENT, ...indent(json)];
};

const classLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  inherited: MetadataProperty[],
  camelCase: boolean,
): string[] => {
  const { line, templates } = heritage(t, op);
  const response = op ? responseOf(op) : undefined;
  const lines = [
    ...description(t.description),
    ...[...routeAttributes(op), ...authAttributes(op, authStyle)].map(attributeLine),
  ];
  if (response?.returns) lines.push(`#[Returns('${response.returns}')]`);
  if (templates.length) lines.push('/**', ...templates.map(([n, a]) => ` * @template ${n} of ${a}`), ' */');
  lines.push(`class ${t.name}${line}`, '{');
  lines.push(...memberLines(t, inherited, camelCase));
  if (op && response)
    lines.push(
      ...indent([
        `public function getTypeName(): string { return '${t.name}'; }`,
        `public function getMethod(): string { return '${op.method}'; }`,
        response.create,
      ]),
    );
  lines.push('}');
  return lines;
};

/** A backed enum: `: string` cases valued by name, a `[Flags]` enum `: int` cases valued by number. */
const enumLines = (t: MetadataType): string[] => {
  const names = t.enumNames ?? [];
  const numbered = t.isEnumInt === true || names.length === 0;
  const cases = names.map((n, i) => {
    // A case name must be an identifier; the value keeps the wire name.
    const name = n.replace(/\W/g, '_').replace(/^(\d)/, '_$1');
    const value = t.enumValues?.[i];
    return numbered && value !== undefined && /^-?\d+$/.test(value)
      ? `${INDENT}case ${name} = ${value};`
      : `${INDENT}case ${name} = '${n.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}';`;
  });
  return [...description(t.description), `enum ${t.name} : ${numbered ? 'int' : 'string'}`, '{', ...cases, '}'];
};

/** `<?php namespace dtos;` and the `Options:` header: `PhpGenerator.GetCode`'s lines with ServiceStack's defaults. */
const header = (baseUrl: string, options: DtoOptions, now: Date): string => {
  const globalNamespace = headerSafe(options.echo('GlobalNamespace') ?? 'dtos');
  const token = globalNamespace.replace(/[^\w\\]/g, '');
  return optionsHeader(
    { open: `${token ? `<?php namespace ${token};` : '<?php'}\n/* Options:`, close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['GlobalNamespace', globalNamespace],
      ['MakePropertiesOptional', 'False'],
      // `NativeTypesService` sets it for PHP: the client package's types are left out by name instead.
      ['AddServiceStackTypes', 'True'],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', options.excludeTypes.join(',')],
      ['DefaultImports', ''],
    ],
    now,
  );
};

export const buildPhpDtos = (api: ApiSchemas, baseUrl: string, options: DtoOptions, now: Date = new Date()): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const keep = chosenNames(d, options);
  const chosen = [...d.types.values()].filter(
    (t) => keep.has(t.name) && !t.isInterface && !LIBRARY_TYPES.has(genericName(t.name)),
  );
  const camelCase = api.manifest.textCase === 'camel';
  const inheritedOf = (t: MetadataType): MetadataProperty[] => {
    if (!t.inherits) return [];
    const base = d.types.get(t.inherits.name);
    if (base) return [...inheritedOf(base), ...(base.properties ?? [])];
    return /^Query(Db|Data)`/.test(t.inherits.name) ? QUERY_BASE : [];
  };
  const blocks = orderByDeps(d, chosen).map((t) => {
    if (t.isEnum) return enumLines(t).join('\n');
    const op = d.opByRequest.get(t.name);
    const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    return classLines(t, op, style, inheritedOf(t), camelCase).join('\n');
  });
  const imports = IMPORTS.map((i) => `use ${i};`).join('\n');
  return `${header(baseUrl, options, now)}\n\n\n${imports}\n\n${blocks.map((b) => `\n${b}\n`).join('')}\n`;
};
