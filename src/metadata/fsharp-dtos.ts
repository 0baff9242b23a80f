/**
 * `GET <base>/types/fsharp`: the DTO source ServiceStack's `FSharpGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos fsharp <base>`), printed from the served `MetadataTypes` (README, "Metadata surface").
 * Its style: the `(* Options: *)` header, ONE `namespace` for every type (the first ending in `ServiceModel`),
 * `open` lines, then the types with each after those it refers to (F# cannot name a type declared further down):
 * `[<AllowNullLiteral>] type Name() =` classes with `member val Name:Type = default with get,set` properties in
 * .NET names (`String`, `Int32`, `Nullable<DateTime>`, `ResizeArray<T>` for `List<T>`), `inherit Base()`,
 * `interface IReturn<T>` / `interface IReturnVoid` and the verb markers (`IPost` …) — not the API's own interfaces
 * nor `ICreateDb<T>`, which the generator never exports — and `| Name = 0` enums.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  exprOf,
  optionsHeader,
  orderByDeps,
  propertyExpr,
  quote,
  type DtoAttribute,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import {
  DOTNET_NAMESPACES,
  dotnetOptionLines,
  dotnetTypes,
  enumMembers,
  isDataContract,
  isReturnMarker,
  propertyAttributes,
  summaryLines,
  type NamedAttribute,
} from './dotnet-dtos.js';
import type { MetadataType } from './metadata-types.js';

/** `FSharpGenerator.TypeAliases`: applied to the outer type only, as its `TypeAlias` is. */
const ALIASES: Record<string, string> = { List: 'ResizeArray' };
/** `FSharpGenerator.ExportMarkerInterfaces`: the only interfaces of `Implements` it prints. */
const MARKER_INTERFACES = new Set(['IGet', 'IPost', 'IPut', 'IDelete', 'IPatch', 'IOptions', 'IStream']);
const INDENT = '    ';

/** A .NET type as F# source names it: `Nullable<Int32>`, `ResizeArray<Order>`, `Dictionary<String, Object>`. */
export const fsType = (t: TypeExpr, outer = true): string => {
  const name = (outer ? ALIASES[t.name] : undefined) ?? t.name;
  return t.args.length ? `${name}<${t.args.map((a) => fsType(a, false)).join(', ')}>` : name;
};

/** `GetDefaultLiteral`: a value type is `new T()`, anything else `null`. */
const defaultLiteral = (type: string, isValueType: boolean): string =>
  isValueType && type !== 'String' ? `new ${type}()` : 'null';

const attributeLine = (a: DtoAttribute): string =>
  a.args.length ? `[<${a.name}(${a.args.map(quote).join(', ')})>]` : `[<${a.name}>]`;
const namedAttributeLine = (a: NamedAttribute): string =>
  a.args.length ? `[<${a.name}(${a.args.map(([k, v]) => `${k}=${quote(v)}`).join(', ')})>]` : `[<${a.name}>]`;

/** F#'s header: `FSharpGenerator.GetCode`'s option lines (fewer than C#'s: no MakePartial/MakeVirtual). */
const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '(* Options:', close: '*)', off: '//' },
    baseUrl,
    options,
    dotnetOptionLines(
      [
        'GlobalNamespace',
        'MakeDataContractsExtensible',
        'AddReturnMarker',
        'AddDescriptionAsComments',
        'AddDataContractAttributes',
        'AddIndexesToDataMembers',
        'AddGeneratedCodeAttributes',
        'AddResponseStatus',
        'AddImplicitVersion',
        'ExportValueTypes',
        'IncludeTypes',
        'ExcludeTypes',
        'InitializeCollections',
        'AddNamespaces',
      ],
      options,
    ),
    now,
  );

const enumLines = (t: MetadataType): string[] => [
  `type ${t.name} =`,
  // An enum value that is no identifier keeps its wire name the way VB.NET's generator does, so it reads back.
  ...enumMembers(t).map(
    (m, i) =>
      `${INDENT}| ${m.wire === undefined ? '' : `[<EnumMember(Value=${quote(m.wire)})>] `}${m.name} = ${m.value ?? i}`,
  ),
];

const classLines = (t: MetadataType): string[] => {
  const isInterface = t.isInterface === true;
  const body: string[] = [];
  if (t.inherits) body.push(`inherit ${fsType(exprOf(t.inherits))}()`);
  const implemented = (t.implements ?? []).map((i) => ({ name: i.name, expr: exprOf(i) }));
  // `IReturn<T>`'s argument is the return type as the generator names it on its own (`ResizeArray<T>` for a list).
  for (const { name, expr } of implemented.filter((i) => isReturnMarker(i.name)))
    body.push(`interface ${expr.args[0] ? `${expr.name}<${fsType(expr.args[0])}>` : name}`);
  if (!isInterface)
    for (const { name } of implemented.filter((i) => MARKER_INTERFACES.has(i.name))) body.push(`interface ${name}`);
  let spaced = false;
  for (const p of t.properties ?? []) {
    if (spaced) body.push('');
    const type = fsType(propertyExpr(p));
    const annotations = [...summaryLines(p.description), ...propertyAttributes(p).map(namedAttributeLine)];
    body.push(
      ...annotations,
      isInterface
        ? `abstract ${p.name}:${type} with get,set`
        : `member val ${p.name}:${type} = ${defaultLiteral(type, p.isValueType === true)} with get,set`,
    );
    spaced = annotations.length > 0;
  }
  if (!body.length) body.push(isInterface ? 'interface end' : 'class end');
  return [
    ...(isDataContract(t) && !isInterface ? ['[<DataContract>]'] : []),
    '[<AllowNullLiteral>]',
    `type ${fsType(exprOf(t))}${isInterface ? '' : '()'} = `,
    ...body.map((l) => (l ? `${INDENT}${l}` : l)),
  ];
};

const typeLines = (t: MetadataType, attributes: DtoAttribute[]): string[] => [
  ...summaryLines(t.description),
  ...attributes.map(attributeLine),
  ...(t.isEnum ? enumLines(t) : classLines(t)),
];

/** `FSharpGenerator`'s one namespace: the first (by name) ending in `ServiceModel`, else the first. */
const globalNamespace = (namespaces: string[]): string => {
  const sorted = [...new Set(namespaces)].sort();
  return sorted.find((n) => n.endsWith('ServiceModel')) ?? sorted[0] ?? 'ServiceModel';
};

export const buildFSharpDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const { declared, chosen, namespaceOf, requestAttributes, operationOf } = dotnetTypes(api, baseUrl, options);
  // `allTypes` is the types, then the responses, then the requests, before `OrderTypesByDeps`.
  const responses = new Set([...declared.opByRequest.values()].flatMap((o) => (o.response ? [o.response.name] : [])));
  const rank = (t: MetadataType): number => (operationOf(t) ? 2 : responses.has(t.name) ? 1 : 0);
  const ordered = orderByDeps(
    declared,
    [...chosen].sort((a, b) => rank(a) - rank(b)),
  );
  const body = ordered.map((t) => ['', ...typeLines(t, requestAttributes(t)).map((l) => (l ? `${INDENT}${l}` : l))]);
  return [
    header(baseUrl, options, now),
    '',
    `namespace ${globalNamespace(chosen.map(namespaceOf))}`,
    '',
    ...DOTNET_NAMESPACES.map((n) => `open ${n}`),
    ...body.flat(),
    '',
    '',
  ].join('\n');
};
