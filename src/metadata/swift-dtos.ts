/**
 * `GET <base>/types/swift`: the DTO source ServiceStack's `SwiftGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos swift <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style:
 * the `/* Options: *\/` header (with `SwiftVersion:`), `import Foundation` and `import ServiceStack`, `Codable`
 * classes with optional `public var` properties (`MakePropertiesOptional` is on for Swift) and `required public
 * init(){}`; `IReturn<T>` becomes the `IReturn` protocol with `public typealias Return = T`; attributes are
 * `// @Route(...)` comments; a class that extends another or returns itself spells out its `Codable` members, as the
 * compiler will not synthesise them; `String`/`Int` enums. The client library has ServiceStack's own DTOs
 * (`SwiftGenerator.IgnoreTypeNames`: `ResponseStatus`, `QueryResponse`, …), so they are never printed.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  authAttributes,
  declaredTypes,
  exprOf,
  genericName,
  optionsHeader,
  propertyExpr,
  quote,
  routeAttributes,
  selectTypes,
  type DtoAttribute,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import { buildMetadataTypes, type MetadataOperationType, type MetadataType } from './metadata-types.js';

/** `SwiftGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  Boolean: 'Bool',
  DateTime: 'Date',
  DateOnly: 'Date',
  DateTimeOffset: 'Date',
  TimeSpan: 'TimeInterval',
  TimeOnly: 'TimeInterval',
  Guid: 'String',
  Char: 'String',
  Byte: 'UInt8',
  Int16: 'Int16',
  Int32: 'Int',
  Int64: 'Int',
  UInt16: 'UInt16',
  UInt32: 'UInt32',
  UInt64: 'UInt64',
  Single: 'Float',
  Double: 'Double',
  Decimal: 'Double',
  'Byte[]': 'Data',
  Object: 'String',
  QueryDb: 'QueryDb',
};
const LISTS = new Set(['List', 'IList', 'ICollection', 'IEnumerable', 'HashSet', 'IReadOnlyList']);
const DICTIONARIES = new Set(['Dictionary', 'IDictionary', 'IReadOnlyDictionary', 'SortedDictionary']);
/** `SwiftGenerator.IgnoreTypeNames`: in the ServiceStack Swift library already. */
const LIBRARY_TYPES = new Set([
  'QueryBase',
  'QueryDb',
  'QueryData',
  'QueryResponse',
  'AuditBase',
  'EmptyResponse',
  'ResponseStatus',
  'ResponseError',
  'ErrorResponse',
]);
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** A .NET type as Swift names it (`[Order]`, `[String:String]`, `Int`), without the optional `?`. */
export const swiftType = (t: TypeExpr): string => {
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return swiftType(a);
  if (LISTS.has(t.name) && a) return `[${swiftType(a)}]`;
  if (DICTIONARIES.has(t.name) && a && b) return `[${swiftType(a)}:${swiftType(b)}]`;
  if (t.name !== 'Byte[]' && t.name.endsWith('[]')) return `[${swiftType({ name: t.name.slice(0, -2), args: [] })}]`;
  // QueryDb<From, Into> is `QueryDb2` in the Swift library (no two arities of one name).
  const name = t.name === 'QueryDb' && t.args.length === 2 ? 'QueryDb2' : (ALIASES[t.name] ?? t.name);
  return t.args.length ? `${name}<${t.args.map(swiftType).join(', ')}>` : name;
};

/** Swift prints attributes as comments: positional arguments for a route without verbs, `Name=value` otherwise. */
const attributeComment = (a: DtoAttribute): string =>
  a.name === 'Route' && a.args.length > 1
    ? `// @Route(Path=${quote(a.args[0]!)}, Verbs=${quote(a.args[1]!)})`
    : `// @${a.name}(${a.args.map(quote).join(', ')})`;

const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//', afterDate: ['SwiftVersion: 6.0'] },
    baseUrl,
    options,
    [
      ['BaseClass', ''],
      ['AddModelExtensions', 'True'],
      ['AddServiceStackTypes', options.addServiceStackTypes === false ? 'False' : 'True'],
      ['MakePropertiesOptional', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', (options.excludeTypes ?? []).join(',')],
      ['ExcludeGenericBaseTypes', 'False'],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['AddDescriptionAsComments', 'True'],
      ['InitializeCollections', 'False'],
      ['TreatTypesAsStrings', ''],
      ['DefaultImports', 'Foundation,ServiceStack'],
    ],
    now,
  );

const comment = (description: string | undefined): string[] =>
  description ? ['/**', `* ${description.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ')}`, '*/'] : [];
const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** `init(from:)` and `encode(to:)` for a class whose `Codable` conformance the compiler cannot synthesise. */
const codableLines = (props: { name: string; type: string }[], inherits: boolean): string[] => {
  const lines: string[] = [];
  if (props.length)
    lines.push('private enum CodingKeys : String, CodingKey {', ...props.map((p) => `    case ${p.name}`), '}', '');
  lines.push('required public init(from decoder: Decoder) throws {');
  if (inherits) lines.push('    try super.init(from: decoder)');
  if (props.length) {
    lines.push('    let container = try decoder.container(keyedBy: CodingKeys.self)');
    for (const p of props) {
      const fallback = p.type.startsWith('[') ? (p.type.includes(':') ? ' ?? [:]' : ' ?? []') : '';
      lines.push(`    ${p.name} = try container.decodeIfPresent(${p.type}.self, forKey: .${p.name})${fallback}`);
    }
  }
  lines.push('}', '', `public${inherits ? ' override' : ''} func encode(to encoder: Encoder) throws {`);
  if (inherits) lines.push('    try super.encode(to: encoder)');
  if (props.length) {
    lines.push('    var container = encoder.container(keyedBy: CodingKeys.self)');
    for (const p of props)
      lines.push(`    if ${p.name} != nil { try container.encode(${p.name}, forKey: .${p.name}) }`);
  }
  lines.push('}');
  return lines;
};

const typeLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  camelCase: boolean,
): string[] => {
  const lines = [
    ...comment(t.description),
    ...[...routeAttributes(op), ...authAttributes(op, authStyle)].map(attributeComment),
  ];
  if (t.isEnum) {
    lines.push(`public enum ${t.name} : String, Codable`, '{');
    for (const n of t.enumNames ?? [])
      lines.push(IDENTIFIER.test(n) ? `    case ${n}` : `    case ${n.replace(/\W/g, '_')} = ${quote(n)}`);
    lines.push('}');
    return lines;
  }
  // Swift has no generic interfaces: `IReturn<T>` is the `IReturn` protocol plus a `Return` type alias.
  const aliases: string[] = [];
  const parents = [...(t.inherits ? [t.inherits] : []), ...(t.implements ?? [])].map((p) => {
    const expr = exprOf(p);
    if (genericName(p.name) === 'IReturn' && expr.args[0]) {
      aliases.push(`public typealias Return = ${swiftType(expr.args[0])}`);
      return 'IReturn';
    }
    return swiftType(expr);
  });
  if (!t.inherits) parents.push('Codable');
  lines.push(`public class ${t.name} : ${parents.join(', ')}`, '{');
  if (aliases.length) lines.push(...aliases.map((a) => `    ${a}`), '');
  const props = (t.properties ?? []).map((p) => ({
    name: camelCase ? camel(p.name) : p.name,
    type: swiftType(propertyExpr(p)),
    description: p.description,
  }));
  for (const p of props) {
    const attribute = p.type === 'TimeInterval' ? '@TimeSpan ' : '';
    lines.push(...comment(p.description).map((l) => `    ${l}`), `    ${attribute}public var ${p.name}:${p.type}?`);
  }
  if (props.length) lines.push('');
  lines.push(t.inherits ? '    required public init(){ super.init() }' : '    required public init(){}');
  const returnsItself = op?.returnType?.name === t.name;
  if (t.inherits || returnsItself)
    lines.push('', ...codableLines(props, !!t.inherits).map((l) => (l ? `    ${l}` : l)));
  lines.push('}');
  return lines;
};

export const buildSwiftDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const chosen = selectTypes(d, options).filter((t) => !t.isInterface && !LIBRARY_TYPES.has(genericName(t.name)));
  const camelCase = api.manifest.textCase === 'camel';
  const blocks = chosen.map((t) => {
    const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    return typeLines(t, d.opByRequest.get(t.name), style, camelCase).join('\n');
  });
  return `${header(baseUrl, options, now)}\n\nimport Foundation\nimport ServiceStack\n\n${blocks.join('\n\n')}\n\n`;
};
