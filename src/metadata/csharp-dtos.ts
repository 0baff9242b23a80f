/**
 * `GET <base>/types/csharp`: the DTO source ServiceStack's `CSharpGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos csharp <base>`), printed from the served `MetadataTypes` (README, "Metadata surface").
 * Its style: the `/* Options: *\/` header, `using` lines for the default and the types' namespaces, then each
 * namespace's types ordered by name — `public partial class` with `public virtual` auto-properties (nullable
 * annotations on: `string?` unless required), `[Route]` and
 * the exported `[Validate…]` attributes, `IReturn<T>` / `IReturnVoid` markers and `.NET` keyword aliases.
 * ServiceStack's own types (namespace `ServiceStack`) come from the `ServiceStack` package and are printed only with
 * `AddServiceStackTypes=true`, as `NativeTypesService` clears `IgnoreTypesInNamespaces` then.
 */
import type { ApiSchemas } from '../schema/registry.js';
import { validateArgLists } from './validate-attributes.js';
import {
  authAttributes,
  chosenNames,
  declaredTypes,
  dotnetBool,
  exprOf,
  isRequiredProperty,
  isServiceStackType,
  optionsHeader,
  propertyExpr,
  quote,
  routeAttributes,
  type DtoAttribute,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import { buildMetadataTypes, type MetadataOperationType, type MetadataType } from './metadata-types.js';

/** `CSharpGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  String: 'string',
  Boolean: 'bool',
  Byte: 'byte',
  Int16: 'short',
  Int32: 'int',
  Int64: 'long',
  UInt16: 'ushort',
  UInt32: 'uint',
  UInt64: 'ulong',
  Single: 'float',
  Double: 'double',
  Decimal: 'decimal',
};
/** `MetadataTypesConfig.DefaultNamespaces`: the `using` lines every file starts with. */
const DEFAULT_NAMESPACES = [
  'System',
  'System.Collections',
  'System.Collections.Generic',
  'System.Runtime.Serialization',
  'ServiceStack',
  'ServiceStack.DataAnnotations',
];
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** A .NET type as C# source names it (`int?`, `List<Order>`, `byte[]`). */
export const csType = (t: TypeExpr): string => {
  if (t.name === 'Nullable' && t.args[0]) return `${csType(t.args[0])}?`;
  if (t.name.endsWith('[]')) return `${csType({ name: t.name.slice(0, -2), args: [] })}[]`;
  const name = ALIASES[t.name] ?? t.name;
  return t.args.length ? `${name}<${t.args.map(csType).join(', ')}>` : name;
};

/** `AddNullableAnnotations` (on by default): `string?` unless required, a required value never `?`. */
const nullable = (type: string, required: boolean): string =>
  required ? type.replace(/\?$/, '') : type.endsWith('?') ? type : `${type}?`;

const attributeLine = (a: DtoAttribute): string =>
  a.args.length ? `[${a.name}(${a.args.map(quote).join(', ')})]` : `[${a.name}]`;

const summary = (description: string | undefined): string[] =>
  description ? ['///<summary>', `///${description.replace(/[\r\n]+/g, ' ')}`, '///</summary>'] : [];

/** C#'s header: `CSharpGenerator.GetCode`'s option lines with ServiceStack's defaults. */
const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['GlobalNamespace', ''],
      ['MakePartial', 'True'],
      ['MakeVirtual', 'True'],
      ['MakeInternal', 'False'],
      ['MakeDataContractsExtensible', 'False'],
      ['AddNullableAnnotations', 'True'],
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
      ...(options.addServiceStackTypes !== undefined
        ? [['AddServiceStackTypes', dotnetBool(options.addServiceStackTypes)] as [string, string]]
        : []),
    ],
    now,
  );

const typeLines = (t: MetadataType, op: MetadataOperationType | undefined, authStyle: string | undefined): string[] => {
  const lines = [
    ...summary(t.description),
    ...[...routeAttributes(op), ...authAttributes(op, authStyle)].map(attributeLine),
  ];
  if (t.isEnum) {
    lines.push(`public enum ${t.name}`, '{');
    for (const n of t.enumNames ?? [])
      if (IDENTIFIER.test(n)) lines.push(`    ${n},`);
      else lines.push(`    [EnumMember(Value=${quote(n)})]`, `    ${n.replace(/\W/g, '_').replace(/^(\d)/, '_$1')},`);
    lines.push('}');
    return lines;
  }
  lines.push(`public partial class ${t.name}`);
  const parents = [...(t.inherits ? [t.inherits] : []), ...(t.implements ?? [])].map((p) => csType(exprOf(p)));
  if (parents.length) lines.push(`    : ${parents.join(', ')}`);
  lines.push('{');
  let spaced = false;
  for (const p of t.properties ?? []) {
    const attributes = [...(p.isRequired ? ['[Required]'] : []), ...validateArgLists(p).map((a) => `[Validate(${a})]`)];
    if (spaced) lines.push('');
    lines.push(
      ...summary(p.description).map((l) => `    ${l}`),
      ...attributes.map((l) => `    ${l}`),
      `    public virtual ${nullable(csType(propertyExpr(p)), isRequiredProperty(p))} ${p.name} { get; set; }`,
    );
    spaced = attributes.length > 0;
  }
  lines.push('}');
  return lines;
};

/** The namespace a type without one is printed in: the API's own (the first its types name), else `<Id>.ServiceModel`. */
const fallbackNamespace = (api: ApiSchemas, types: MetadataType[]): string =>
  types.find((t) => t.namespace && t.namespace !== 'ServiceStack')?.namespace ??
  `${api.id.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_m, _s, c: string) => c.toUpperCase()).replace(/\W/g, '')}.ServiceModel`;

export const buildCSharpDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const metadata = buildMetadataTypes(api, baseUrl);
  const d = declaredTypes(metadata);
  const keep = chosenNames(d, options);
  const chosen = [...d.types.values()].filter(
    (t) => keep.has(t.name) && (options.addServiceStackTypes === true || !isServiceStackType(t)),
  );
  const other = fallbackNamespace(api, chosen);
  // An API type read as `ServiceStack` only from the default XML namespace goes with the API's own types.
  const nsOf = (t: MetadataType): string =>
    t.namespace && (t.namespace !== 'ServiceStack' || isServiceStackType(t)) ? t.namespace : other;
  const namespaces = [...new Set([...DEFAULT_NAMESPACES, ...chosen.map(nsOf)])];
  const byNamespace = new Map<string, MetadataType[]>();
  for (const t of [...chosen].sort((a, b) => nsOf(a).localeCompare(nsOf(b)) || a.name.localeCompare(b.name)))
    byNamespace.set(nsOf(t), [...(byNamespace.get(nsOf(t)) ?? []), t]);
  const blocks = [...byNamespace].map(([ns, types]) => {
    const body = types.map((t) => {
      const op = d.opByRequest.get(t.name);
      const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
      return typeLines(t, op, style)
        .map((l) => (l ? `    ${l}` : l))
        .join('\n');
    });
    return `namespace ${ns}\n{\n${body.join('\n\n')}\n\n}`;
  });
  return `${header(baseUrl, options, now)}\n\n${namespaces.map((n) => `using ${n};`).join('\n')}\n\n${blocks.join('\n\n')}\n\n`;
};
