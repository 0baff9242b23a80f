/**
 * `GET <base>/types/vbnet`: the DTO source ServiceStack's `VbNetGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos vbnet <base>`), printed from the served `MetadataTypes` (README, "Metadata surface").
 * Its style: the `' Options:` header (every line a `'` comment, default options `'''`), `Imports` lines for the
 * default and the types' namespaces, then `Namespace Global` holding one `Namespace` per types' namespace, types
 * ordered by name — `Public Partial Class` with `Public Overridable Property Name As Type` (VB's `Integer`, `Long`,
 * `Short`, `Date`, `Integer?`, `List(Of T)`, `Byte()`), `Inherits` / `Implements` lines (`IReturn(Of T)`,
 * `IReturnVoid`, then every interface the type implements), `<Route>` and the exported `<Validate…>` attributes,
 * and keywords escaped as `[Error]`.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  exprOf,
  optionsHeader,
  propertyExpr,
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
  isDataContract,
  isReturnMarker,
  propertyAttributes,
  summaryLines,
  type NamedAttribute,
} from './dotnet-dtos.js';
import type { MetadataType } from './metadata-types.js';

/** `VbNetGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = { Int16: 'Short', Int32: 'Integer', Int64: 'Long', DateTime: 'Date' };
/** `VbNetGenerator.KeyWords` (and `Single`, which it escapes too): names written `[Name]`. */
const KEYWORDS = new Set(
  (
    'Default Dim Catch Byte Char Short Integer Long UShort ULong Double Single Decimal String Object Each Error ' +
    'Finally Function Global Is If Imports Inherits Not IsNot Module MyBase Option Out Protected Return Shadows ' +
    'Static Then With When Operator Class Date End end True False Mod Stop Variant To'
  ).split(' '),
);
const INDENT = '    ';

export const escapeKeyword = (name: string): string => (KEYWORDS.has(name) ? `[${name}]` : name);

/**
 * A .NET type as VB source names it. As `VbNetGenerator.Type` does, aliases apply to a type and its arguments, not
 * deeper; a nullable value is `Integer?`, as the served files print it.
 */
export const vbType = (t: TypeExpr, depth = 0): string => {
  if (t.name === 'Nullable' && t.args[0] && depth === 0) return `${vbType(t.args[0])}?`;
  if (t.name.endsWith('[]')) return `${vbType({ name: t.name.slice(0, -2), args: [] }, depth)}()`;
  const name = (depth <= 1 ? ALIASES[t.name] : undefined) ?? t.name;
  return t.args.length ? `${name}(Of ${t.args.map((a) => vbType(a, depth + 1)).join(', ')})` : name;
};

/** A VB string literal: `"` doubled. */
const vbQuote = (text: string): string => `"${text.replace(/"/g, '""')}"`;
const attributeLine = (a: DtoAttribute): string =>
  a.args.length ? `<${a.name}(${a.args.map(vbQuote).join(', ')})>` : `<${a.name}>`;
const namedAttributeLine = (a: NamedAttribute): string =>
  a.args.length ? `<${a.name}(${a.args.map(([k, v]) => `${k}:=${vbQuote(v)}`).join(', ')})>` : `<${a.name}>`;

/**
 * VB.NET's header: `VbNetGenerator.GetCode`'s option lines, every line a `'` comment (get-dtos strips one `'` and
 * stops at the blank line after them), default options `'''` so the update skips them.
 */
const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: ' Options:', close: '', off: "''" },
    baseUrl,
    options,
    dotnetOptionLines(
      [
        'GlobalNamespace',
        'MakePartial',
        'MakeVirtual',
        'MakeDataContractsExtensible',
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
      ', ',
    ),
    now,
  )
    .split('\n')
    .map((l, i, all) => (i < all.length - 1 ? `'${l}` : l))
    .join('\n');

const enumLines = (t: MetadataType): string[] => [
  `Public Enum ${t.name}`,
  ...enumMembers(t)
    .flatMap((m) => [
      ...(m.wire === undefined ? [] : [`<EnumMember(Value:=${vbQuote(m.wire)})>`]),
      `${escapeKeyword(m.name)}${m.value === undefined ? '' : ` = ${m.value}`}`,
    ])
    .map((l) => `${INDENT}${l}`),
  'End Enum',
];

const classLines = (t: MetadataType): string[] => {
  const isInterface = t.isInterface === true;
  const parents = [
    ...(t.inherits ? [`Inherits ${vbType(exprOf(t.inherits))}`] : []),
    ...(t.implements ?? []).map((i) => {
      const expr = exprOf(i);
      // `IReturn(Of T)`'s argument is the return type as the generator names it on its own (`Integer?`).
      return `Implements ${isReturnMarker(i.name) && expr.args[0] ? `${expr.name}(Of ${vbType(expr.args[0])})` : vbType(expr)}`;
    }),
  ];
  const members: string[] = [];
  // A doc comment alone does not space the next property out (`AppendComments` answers false), attributes do.
  let spaced = false;
  for (const p of t.properties ?? []) {
    if (spaced) members.push('');
    const attributes = propertyAttributes(p).map(namedAttributeLine);
    members.push(
      ...summaryLines(p.description, "'''", 'Summary'),
      ...attributes,
      `${isInterface ? '' : 'Public Overridable '}Property ${escapeKeyword(p.name)} As ${vbType(propertyExpr(p))}`,
    );
    spaced = attributes.length > 0;
  }
  return [
    ...(isDataContract(t) ? ['<DataContract>'] : []),
    isInterface ? `Public Interface ${vbType(exprOf(t))}` : `Public Partial Class ${vbType(exprOf(t))}`,
    ...parents.map((l) => `${INDENT}${l}`),
    ...members.map((l) => (l ? `${INDENT}${l}` : l)),
    isInterface ? 'End Interface' : 'End Class',
  ];
};

const typeLines = (t: MetadataType, attributes: DtoAttribute[]): string[] => [
  ...summaryLines(t.description, "'''", 'Summary'),
  ...attributes.map(attributeLine),
  ...(t.isEnum ? enumLines(t) : classLines(t)),
];

const indented = (depth: number, lines: string[]): string[] => lines.map((l) => (l ? INDENT.repeat(depth) + l : l));

export const buildVbNetDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const { chosen, namespaceOf, requestAttributes } = dotnetTypes(api, baseUrl, options);
  const namespaces = [...new Set([...DOTNET_NAMESPACES, ...chosen.map(namespaceOf)])];
  const blocks = [...byNamespace(chosen, namespaceOf)].flatMap(([ns, types]) => [
    '',
    ...indented(1, [
      `Namespace ${ns}`,
      ...types.flatMap((t) => ['', ...indented(1, typeLines(t, requestAttributes(t)))]),
      'End Namespace',
    ]),
  ]);
  return [
    header(baseUrl, options, now),
    ...namespaces.map((n) => `Imports ${n}`),
    '',
    'Namespace Global',
    ...blocks,
    'End Namespace',
    '',
    '',
  ].join('\n');
};
