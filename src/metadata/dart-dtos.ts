/**
 * `GET <base>/types/dart`: the DTO source ServiceStack's `DartGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos dart <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style:
 * the `/* Options: *\/` header, `import 'package:servicestack/servicestack.dart';`, classes implementing
 * `IConvertible` (requests also `IReturn<T>` and their verb marker) with nullable fields unless required with a
 * constant default (`int id = 0;`), a named-parameter constructor, `fromJson` / `fromMap` / `toJson` (values that
 * are not plain JSON go through `JsonConverters` and the file's `TypeContext`), `createResponse()`,
 * `getResponseTypeName()`, `getTypeName()`, attributes as `// @Route(...)` comments, and the closing `_ctx`
 * `TypeContext` registering every type. ServiceStack's own DTOs come with the `servicestack` package.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  authAttributes,
  declaredTypes,
  exprOf,
  isRequiredProperty,
  optionsHeader,
  propertyExpr,
  quote,
  routeAttributes,
  classesToPrint,
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

/** `DartGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  Object: 'dynamic',
  String: 'String',
  Boolean: 'bool',
  DateTime: 'DateTime',
  DateOnly: 'DateTime',
  DateTimeOffset: 'DateTime',
  TimeSpan: 'Duration',
  TimeOnly: 'Duration',
  Guid: 'String',
  Char: 'String',
  Byte: 'int',
  SByte: 'int',
  Int16: 'int',
  Int32: 'int',
  Int64: 'int',
  UInt16: 'int',
  UInt32: 'int',
  UInt64: 'int',
  Single: 'double',
  Double: 'double',
  Decimal: 'double',
  'Byte[]': 'Uint8List',
};
const LISTS = new Set(['List', 'IList', 'ICollection', 'IEnumerable', 'HashSet', 'IReadOnlyList']);
const DICTIONARIES = new Set(['Dictionary', 'IDictionary', 'IReadOnlyDictionary', 'SortedDictionary']);
/** `DartGenerator.BasicJsonTypes`: read from JSON as they are; everything else through `JsonConverters`. */
const BASIC_JSON = new Set([
  'String',
  'Boolean',
  'Guid',
  'Char',
  'Byte',
  'Int16',
  'Int32',
  'Int64',
  'UInt16',
  'UInt32',
  'UInt64',
  'Single',
  'Double',
  'Decimal',
]);
/** `DartGenerator.DefaultValues` that are compile-time constants (a required field's initialiser). */
const CONST_DEFAULTS: Record<string, string> = { String: '""', bool: 'false', int: '0', double: '0' };
/** `DartGenerator.IgnoreTypeInfosFor`: registered by the servicestack package itself. */
const LIBRARY_TYPE_INFOS = new Set([
  'dynamic',
  'String',
  'int',
  'bool',
  'double',
  'Map<String,String>',
  'List<String>',
  'List<int>',
  'List<double>',
  'DateTime',
  'Duration',
  'ResponseStatus',
  'ResponseError',
  'List<ResponseError>',
  'QueryBase',
]);
/** In the servicestack package already. */
const LIBRARY_TYPES = new Set(['ResponseStatus', 'ResponseError']);
const VERB_MARKERS: Record<string, string> = {
  GET: 'IGet',
  POST: 'IPost',
  PUT: 'IPut',
  PATCH: 'IPatch',
  DELETE: 'IDelete',
  OPTIONS: 'IOptions',
};
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** A .NET type as Dart names it (`List<Order>`, `Map<String,String?>`, `int`), without the nullable `?`. */
export const dartType = (t: TypeExpr): string => {
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return dartType(a);
  if (LISTS.has(t.name) && a) return `List<${dartType(a)}>`;
  if (DICTIONARIES.has(t.name) && a && b) return `Map<${dartType(a)},${dartType(b)}?>`;
  if (t.name !== 'Byte[]' && t.name.endsWith('[]')) return `List<${dartType({ name: t.name.slice(0, -2), args: [] })}>`;
  const name = ALIASES[t.name] ?? t.name;
  return t.args.length ? `${name}<${t.args.map(dartType).join(',')}>` : name;
};

/** Dart prints attributes as comments; an argument-less one camelCased (`// @validateIsAuthenticated()`). */
const attributeComment = (a: DtoAttribute): string => {
  if (!a.args.length) return `// @${a.name.charAt(0).toLowerCase()}${a.name.slice(1)}()`;
  if (a.name === 'Route' && a.args.length > 1)
    return `// @Route(Path=${quote(a.args[0]!)}, Verbs=${quote(a.args[1]!)})`;
  return `// @${a.name}(${a.args.map(quote).join(', ')})`;
};

const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['GlobalNamespace', ''],
      ['AddServiceStackTypes', options.addServiceStackTypes === false ? 'False' : 'True'],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', (options.excludeTypes ?? []).join(',')],
      ['DefaultImports', 'package:servicestack/servicestack.dart'],
    ],
    now,
  );

const comment = (description: string | undefined): string[] =>
  description ? ['/**', `* ${description.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ')}`, '*/'] : [];
const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

interface Field {
  name: string;
  type: string;
  /** Required with a constant default: not nullable, initialised. */
  initial?: string;
  /** Read and written through `JsonConverters` under this type name. */
  converted: boolean;
}

const fieldOf = (p: MetadataProperty, camelCase: boolean): Field => {
  const expr = propertyExpr(p);
  const type = dartType(expr);
  const raw = expr.name === 'Nullable' && expr.args[0] ? expr.args[0].name : expr.name;
  const initial = isRequiredProperty(p) ? CONST_DEFAULTS[type] : undefined;
  return {
    name: camelCase ? camel(p.name) : p.name,
    type,
    ...(initial ? { initial } : {}),
    converted: !BASIC_JSON.has(raw) || (expr.args.length > 0 && expr.name !== 'Nullable'),
  };
};

/** `fromMap` and `toJson`: plain JSON values as they are, the others through `JsonConverters` and the context. */
const jsonLines = (fields: Field[], base: boolean): string[] => {
  const lines: string[] = [];
  lines.push('    fromMap(Map<String, dynamic> json) {');
  if (base) lines.push('        super.fromMap(json);');
  for (const f of fields) {
    const fallback = f.initial ? ` ?? ${f.initial}` : '';
    const read = f.converted
      ? `JsonConverters.fromJson(json['${f.name}'],'${f.type}',context!)`
      : f.type === 'double'
        ? `JsonConverters.toDouble(json['${f.name}'])`
        : `json['${f.name}']`;
    lines.push(`        ${f.name} = ${read}${fallback};`);
  }
  lines.push('        return this;', '    }', '');
  if (fields.length) {
    const writes = fields.map((f) =>
      f.converted
        ? `        '${f.name}': JsonConverters.toJson(${f.name},'${f.type}',context!)`
        : `        '${f.name}': ${f.name}`,
    );
    lines.push(
      `    Map<String, dynamic> toJson() => ${base ? 'super.toJson()..addAll(' : ''}{`,
      writes.join(',\n'),
      base ? '    });' : '    };',
      '',
    );
  } else lines.push(`    Map<String, dynamic> toJson() => ${base ? 'super.toJson();' : '{};'}`);
  return lines;
};

/** What a request answers: `createResponse()` and `getResponseTypeName()`, its generic type registered. */
const responseLines = (op: MetadataOperationType | undefined, register: (type: string) => void): string[] => {
  const lines: string[] = [];
  if (op?.returnType) {
    const returns = dartType(exprOf(op.returnType));
    const made = returns.startsWith('List<') ? `${returns.slice(4, -1)}[]` : `${returns}()`;
    lines.push(
      `    createResponse() => ${CONST_DEFAULTS[returns] ?? made};`,
      `    getResponseTypeName() => "${returns}";`,
    );
    if (returns.includes('<')) register(returns);
  } else if (op) lines.push('    createResponse() {}');
  return lines;
};

const classLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  camelCase: boolean,
  register: (type: string, create?: string) => void,
): string[] => {
  const base = t.inherits ? dartType(exprOf(t.inherits)) : undefined;
  const interfaces = (t.implements ?? []).map((i) => dartType(exprOf(i)));
  interfaces.push('IConvertible');
  const verb = op && VERB_MARKERS[op.method];
  if (verb && !interfaces.includes(verb)) interfaces.push(verb);
  const fields = (t.properties ?? []).map((p) => fieldOf(p, camelCase));
  for (const f of fields) if (f.converted) register(f.type);
  const lines = [`class ${t.name}${base ? ` extends ${base}` : ''} implements ${interfaces.join(', ')}`, '{'];
  for (const f of fields)
    lines.push(`    ${f.type}${f.initial ? '' : '?'} ${f.name}${f.initial ? ` = ${f.initial}` : ''};`);
  if (fields.length) {
    lines.push('');
    const params = fields.map((f) => `this.${f.name}${f.initial ? `=${f.initial}` : ''}`);
    lines.push(
      `    ${t.name}({${params.join(',')}});`,
      `    ${t.name}.fromJson(Map<String, dynamic> json) { fromMap(json); }`,
      '',
    );
  } else
    lines.push(
      `    ${t.name}();`,
      `    ${t.name}.fromJson(Map<String, dynamic> json) : ${base ? 'super.fromJson(json);' : 'super();'}`,
    );
  lines.push(...jsonLines(fields, !!base));
  lines.push(...responseLines(op, register));
  lines.push(`    getTypeName() => "${t.name}";`, '    TypeContext? context = _ctx;', '}');
  return lines;
};

export const buildDartDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const chosen = classesToPrint(d, options, LIBRARY_TYPES);
  const camelCase = api.manifest.textCase === 'camel';
  const infos = new Map<string, string>();
  const register = (type: string, create?: string): void => {
    if (LIBRARY_TYPE_INFOS.has(type) || infos.has(type)) return;
    const list = /^List<(.*)>$/.exec(type)?.[1];
    infos.set(
      type,
      create ??
        `TypeInfo(TypeOf.Class, create:() => ${list ? `<${list}>[]` : type.startsWith('Map<') ? '{}' : `${type}()`})`,
    );
  };
  // Enums first: a property of an enum type would otherwise register it as a class.
  for (const t of chosen) if (t.isEnum) register(t.name, `TypeInfo(TypeOf.Enum, enumValues:${t.name}.values)`);
  const blocks = chosen.map((t) => {
    const op = d.opByRequest.get(t.name);
    const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    const attributes = [...routeAttributes(op), ...authAttributes(op, style)].map(attributeComment);
    if (t.isEnum) {
      const members = (t.enumNames ?? []).map((n) => `    ${IDENTIFIER.test(n) ? n : n.replace(/\W/g, '_')},`);
      return [...comment(t.description), ...attributes, `enum ${t.name}`, '{', ...members, '}'].join('\n');
    }
    register(t.name);
    return [...comment(t.description), ...attributes, ...classLines(t, op, camelCase, register)].join('\n');
  });
  const library = new URL(baseUrl).hostname.replace(/\W/g, '_');
  const context = [
    `TypeContext _ctx = TypeContext(library: '${library}', types: <String, TypeInfo> {`,
    ...[...infos].map(([type, info]) => `    '${type}': ${info},`),
    '});',
  ];
  return `${header(baseUrl, options, now)}\n\nimport 'package:servicestack/servicestack.dart';\n\n${blocks.join('\n\n')}\n\n${context.join('\n')}\n\n`;
};
