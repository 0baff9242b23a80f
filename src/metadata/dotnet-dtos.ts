/**
 * What ServiceStack's three .NET generators — C# (`/types/csharp`), F# (`/types/fsharp`) and VB.NET (`/types/vbnet`)
 * — share (README, "Metadata surface"): the `MetadataTypesConfig` option lines their `Options:` headers print, the
 * types they print (ServiceStack's own only with `AddServiceStackTypes=true`, as `NativeTypesService` clears
 * `IgnoreTypesInNamespaces` then), the namespace each type is printed in, and the attributes a request carries.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  authAttributes,
  chosenNames,
  declaredTypes,
  dotnetBool,
  isServiceStackType,
  routeAttributes,
  type Declared,
  type DtoAttribute,
  type DtoOptions,
} from './dto-options.js';
import {
  buildMetadataTypes,
  type MetadataOperationType,
  type MetadataProperty,
  type MetadataType,
} from './metadata-types.js';

/** `MetadataTypesConfig.DefaultNamespaces`: the `using` / `open` / `Imports` lines every file starts with. */
export const DOTNET_NAMESPACES: readonly string[] = [
  'System',
  'System.IO',
  'System.Collections',
  'System.Collections.Generic',
  'System.Runtime.Serialization',
  'ServiceStack',
  'ServiceStack.DataAnnotations',
];

/** `MetadataTypesConfig`'s defaults, as the headers print them (.NET's `True`/`False`). */
const CONFIG_DEFAULTS: Readonly<Record<string, string>> = {
  GlobalNamespace: '',
  MakePartial: 'True',
  MakeVirtual: 'True',
  MakeInternal: 'False',
  MakeDataContractsExtensible: 'False',
  AddNullableAnnotations: 'True',
  AddReturnMarker: 'True',
  AddDescriptionAsComments: 'True',
  AddDataContractAttributes: 'False',
  AddIndexesToDataMembers: 'False',
  AddGeneratedCodeAttributes: 'False',
  AddResponseStatus: 'False',
  AddImplicitVersion: '',
  InitializeCollections: 'False',
  ExportValueTypes: 'False',
  AddNamespaces: '',
  AddDefaultXmlNamespace: 'http://schemas.servicestack.net/types',
};

/**
 * A generator's option lines, in its order: `names` are the options its `GetCode` prints (IncludeTypes and
 * ExcludeTypes with the caller's names, joined by `listSeparator` as that generator joins them), then
 * `AddServiceStackTypes` when the caller set it.
 */
export const dotnetOptionLines = (
  names: readonly string[],
  options: DtoOptions,
  listSeparator = ',',
): [name: string, value: string][] => [
  ...names.map((name): [string, string] => {
    if (name === 'IncludeTypes') return [name, (options.includeTypes ?? []).join(listSeparator)];
    if (name === 'ExcludeTypes') return [name, options.excludeTypes.join(listSeparator)];
    return [name, CONFIG_DEFAULTS[name] ?? ''];
  }),
  ...(options.addServiceStackTypes !== undefined
    ? [['AddServiceStackTypes', dotnetBool(options.addServiceStackTypes)] as [string, string]]
    : []),
];

/** The types a .NET generator prints, with what it needs to know about each. */
export interface DotnetTypes {
  declared: Declared;
  /** The chosen types (IncludeTypes / ExcludeTypes), ServiceStack's own left out unless asked for. */
  chosen: MetadataType[];
  /** The namespace a type is printed in. */
  namespaceOf: (t: MetadataType) => string;
  /** The operation a request type belongs to. */
  operationOf: (t: MetadataType) => MetadataOperationType | undefined;
  /** A request's `[Route]` attributes, then the `[Validate…]` ones its auth exports. */
  requestAttributes: (t: MetadataType) => DtoAttribute[];
}

/** The namespace a type without one is printed in: the API's own (the first its types name), else `<Id>.ServiceModel`. */
const fallbackNamespace = (api: ApiSchemas, types: MetadataType[]): string =>
  types.find((t) => t.namespace && t.namespace !== 'ServiceStack')?.namespace ??
  `${api.id.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_m, _s, c: string) => c.toUpperCase()).replace(/\W/g, '')}.ServiceModel`;

export const dotnetTypes = (api: ApiSchemas, baseUrl: string, options: DtoOptions): DotnetTypes => {
  const declared = declaredTypes(buildMetadataTypes(api, baseUrl));
  const keep = chosenNames(declared, options);
  const chosen = [...declared.types.values()].filter(
    (t) => keep.has(t.name) && (options.addServiceStackTypes === true || !isServiceStackType(t)),
  );
  const other = fallbackNamespace(api, chosen);
  const operationOf = (t: MetadataType): MetadataOperationType | undefined => declared.opByRequest.get(t.name);
  return {
    declared,
    chosen,
    // An API type read as `ServiceStack` only from the default XML namespace goes with the API's own types.
    namespaceOf: (t) =>
      t.namespace && (t.namespace !== 'ServiceStack' || isServiceStackType(t)) ? t.namespace : other,
    operationOf,
    requestAttributes: (t) => {
      const op = operationOf(t);
      const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
      return [...routeAttributes(op), ...authAttributes(op, style)];
    },
  };
};

/** The types grouped by namespace, namespaces and the types in each ordered by name (C#'s and VB.NET's order). */
export const byNamespace = (
  types: MetadataType[],
  namespaceOf: (t: MetadataType) => string,
): Map<string, MetadataType[]> => {
  const out = new Map<string, MetadataType[]>();
  const sorted = [...types].sort(
    (a, b) => namespaceOf(a).localeCompare(namespaceOf(b)) || a.name.localeCompare(b.name),
  );
  for (const t of sorted) out.set(namespaceOf(t), [...(out.get(namespaceOf(t)) ?? []), t]);
  return out;
};

/** The request's `IReturn<T>` / `IReturnVoid` marker (`AddReturnMarker`), which every generator prints first. */
export const isReturnMarker = (name: string): boolean => name === 'IReturn`1' || name === 'IReturnVoid';

/** A description as the `AddDescriptionAsComments` doc comment (`///<summary>` in C# and F#, `'''<Summary>` in VB). */
export const summaryLines = (description: string | undefined, prefix = '///', tag = 'summary'): string[] =>
  description ? [`${prefix}<${tag}>`, `${prefix}${description.replace(/[\r\n]+/g, ' ')}`, `${prefix}</${tag}>`] : [];

/** An attribute with named arguments, as a property carries them: `[DataMember(Name="x")]`, `[Validate(Validator="…")]`. */
export interface NamedAttribute {
  name: string;
  args: [name: string, value: string][];
}

/** A property's attributes in the generators' order: `[DataMember]`, `[Required]`, then its `[Validate]` rules. */
export const propertyAttributes = (p: MetadataProperty): NamedAttribute[] => [
  ...(p.dataMember ? [{ name: 'DataMember', args: [['Name', p.dataMember.name]] as [string, string][] }] : []),
  ...(p.isRequired ? [{ name: 'Required', args: [] }] : []),
  ...(p.attributes ?? [])
    .filter((a) => a.name === 'Validate')
    .map((a) => ({ name: a.name, args: (a.args ?? []).map((x): [string, string] => [x.name, x.value]) })),
];

/** A type whose properties carry `[DataMember]` names is a `[DataContract]` (ServiceStack honours the names only then). */
export const isDataContract = (t: MetadataType): boolean => (t.properties ?? []).some((p) => p.dataMember);

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** An enum member as .NET declares it: an identifier, its wire value when that is not one, its number if any. */
export interface EnumMember {
  name: string;
  /** The `[EnumMember(Value=…)]` a name that is no identifier is written with. */
  wire?: string;
  value?: string;
}

export const enumMembers = (t: MetadataType): EnumMember[] =>
  (t.enumNames ?? []).map((n, i) => {
    const value = t.enumValues?.[i];
    const member: EnumMember = IDENTIFIER.test(n)
      ? { name: n }
      : { name: n.replace(/\W/g, '_').replace(/^(\d)/, '_$1'), wire: n };
    return value === undefined ? member : { ...member, value };
  });
