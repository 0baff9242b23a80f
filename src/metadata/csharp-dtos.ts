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
  exprOf,
  isRequiredProperty,
  optionsHeader,
  propertyExpr,
  quote,
  type DtoAttribute,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import {
  byNamespace,
  DOTNET_NAMESPACES,
  dotnetOptionLines,
  dotnetTypes,
  enumMembers,
  summaryLines,
} from './dotnet-dtos.js';
import type { MetadataType } from './metadata-types.js';

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
/** The default namespaces' `using` lines (this generator has always left out `System.IO`, which no DTO uses). */
const DEFAULT_NAMESPACES = DOTNET_NAMESPACES.filter((n) => n !== 'System.IO');

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

/** C#'s header: `CSharpGenerator.GetCode`'s option lines with ServiceStack's defaults. */
const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    dotnetOptionLines(
      [
        'GlobalNamespace',
        'MakePartial',
        'MakeVirtual',
        'MakeInternal',
        'MakeDataContractsExtensible',
        'AddNullableAnnotations',
        'AddReturnMarker',
        'AddDescriptionAsComments',
        'AddDataContractAttributes',
        'AddIndexesToDataMembers',
        'AddGeneratedCodeAttributes',
        'AddResponseStatus',
        'AddImplicitVersion',
        'InitializeCollections',
        'ExportValueTypes',
        'IncludeTypes',
        'ExcludeTypes',
        'AddNamespaces',
        'AddDefaultXmlNamespace',
      ],
      options,
    ),
    now,
  );

const typeLines = (t: MetadataType, attributes: DtoAttribute[]): string[] => {
  const lines = [...summaryLines(t.description), ...attributes.map(attributeLine)];
  if (t.isEnum) {
    lines.push(`public enum ${t.name}`, '{');
    for (const m of enumMembers(t))
      lines.push(...(m.wire === undefined ? [] : [`    [EnumMember(Value=${quote(m.wire)})]`]), `    ${m.name},`);
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
      ...summaryLines(p.description).map((l) => `    ${l}`),
      ...attributes.map((l) => `    ${l}`),
      `    public virtual ${nullable(csType(propertyExpr(p)), isRequiredProperty(p))} ${p.name} { get; set; }`,
    );
    spaced = attributes.length > 0;
  }
  lines.push('}');
  return lines;
};

export const buildCSharpDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const { chosen, namespaceOf, requestAttributes } = dotnetTypes(api, baseUrl, options);
  const namespaces = [...new Set([...DEFAULT_NAMESPACES, ...chosen.map(namespaceOf)])];
  const blocks = [...byNamespace(chosen, namespaceOf)].map(([ns, types]) => {
    const body = types.map((t) =>
      typeLines(t, requestAttributes(t))
        .map((l) => (l ? `    ${l}` : l))
        .join('\n'),
    );
    return `namespace ${ns}\n{\n${body.join('\n\n')}\n\n}`;
  });
  return `${header(baseUrl, options, now)}\n\n${namespaces.map((n) => `using ${n};`).join('\n')}\n\n${blocks.join('\n\n')}\n\n`;
};
