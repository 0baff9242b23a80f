/**
 * `GET <base>/types/typescript` and `GET <base>/types/typescript.d`: the DTO source ServiceStack's `TypeScriptGenerator` writes for Add ServiceStack
 * Reference (`npx get-dtos typescript <base>`), printed from the same `MetadataTypes` document `/types/metadata`
 * serves, so both describe one contract. The style follows the generator: the `/* Options: *\/` header get-dtos
 * reads back when it updates the file, `// @ts-nocheck` (its `InsertTsNoCheck` default), classes with a
 * `Partial<T>` constructor, `IReturn<T>` requests with `getTypeName()` / `getMethod()` / `createResponse()`, and,
 * with `AddServiceStackTypes`, ServiceStack's own interfaces and classes (`ResponseStatus`, `QueryBase`, …).
 * Query options honoured: `IncludeTypes` (names, `Name.*` for a type and what it references), `ExcludeTypes`,
 * `AddServiceStackTypes`; the other option lines are printed with their defaults (README, "Metadata surface").
 * `typescript.d` is the same generator with `ExportAsTypes` off (`NativeTypesService.Any(TypesTypeScriptDefinition)`):
 * ambient `interface`s with every property optional (`MakePropertiesOptional` defaults to true there), enums as
 * string unions, and no constructors or request methods.
 */
import type { ApiSchemas } from '../schema/registry.js';
import { validateArgLists } from './validate-attributes.js';
import {
  declaredTypes,
  dotnetBool,
  dtoOptions,
  exprOf,
  genericName,
  optionsHeader,
  propertyExpr,
  selectTypes,
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

export type TypeScriptOptions = DtoOptions;
/** Parses the query-string options `/types/typescript` honours. */
export const typeScriptOptions = dtoOptions;

/** `typescript` (exported classes) or `typescript.d` (ambient interfaces). */
export type TypeScriptFlavour = 'classes' | 'definitions';

const NUMBER_TYPES = new Set(['Byte', 'SByte', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64']);
const FLOAT_TYPES = new Set(['Single', 'Double', 'Decimal']);
const STRING_TYPES = new Set([
  'String',
  'Char',
  'Guid',
  'DateTime',
  'DateTimeOffset',
  'DateOnly',
  'TimeOnly',
  'TimeSpan',
  'Byte[]',
  'Uri',
]);
const LIST_TYPES = new Set(['List', 'IList', 'ICollection', 'IEnumerable', 'HashSet', 'IReadOnlyList']);
const DICTIONARY_TYPES = new Set(['Dictionary', 'IDictionary', 'IReadOnlyDictionary', 'SortedDictionary']);

/** A C# type as the generator prints it in TypeScript. */
export const tsType = (t: TypeExpr): string => {
  const { name, args } = t;
  if (name === 'Nullable' && args[0]) return tsType(args[0]);
  if (STRING_TYPES.has(name)) return 'string';
  if (NUMBER_TYPES.has(name) || FLOAT_TYPES.has(name)) return 'number';
  if (name === 'Boolean') return 'boolean';
  if (name === 'Object') return 'Object';
  if (name.endsWith('[]')) return `${tsType({ name: name.slice(0, -2), args })}[]`;
  if (LIST_TYPES.has(name) && args[0]) return `${tsType(args[0])}[]`;
  if (DICTIONARY_TYPES.has(name) && args[1]) return `{ [index:string]: ${tsType(args[1])}; }`;
  if (!args.length) return name;
  // TypeScript cannot reuse one name with another generic arity: the generator suffixes the second (`QueryDb_2`).
  const declared = name === 'QueryDb' && args.length === 2 ? 'QueryDb_2' : name;
  return `${declared}<${args.map(tsType).join(', ')}>`;
};

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const descriptionComment = (description: string | undefined): string[] =>
  description ? [`/** @description ${description.replace(/\*\//g, '*\\/')} */`] : [];

/** One of ServiceStack's own DTO classes the generators print with `AddServiceStackTypes` (ServiceStack.Interfaces). */
export interface BuiltinClass {
  params: string[];
  base?: string;
  /** `[DataContract]` with `[DataMember(Order=n)]` on each property. */
  dataContract: boolean;
  /** Property name → TypeScript type (`?` marks a nullable value type). */
  props: [name: string, type: string][];
  deps: string[];
}
const STRING_MAP = '{ [index:string]: string; }';
export const BUILTIN_CLASSES: Record<string, BuiltinClass> = {
  ResponseError: {
    params: [],
    dataContract: true,
    props: [
      ['errorCode', 'string'],
      ['fieldName', 'string'],
      ['message', 'string'],
      ['meta', STRING_MAP],
    ],
    deps: [],
  },
  ResponseStatus: {
    params: [],
    dataContract: true,
    props: [
      ['errorCode', 'string'],
      ['message', 'string'],
      ['stackTrace', 'string'],
      ['errors', 'ResponseError[]'],
      ['meta', STRING_MAP],
    ],
    deps: ['ResponseError'],
  },
  QueryBase: {
    params: [],
    dataContract: true,
    props: [
      ['skip?', 'number'],
      ['take?', 'number'],
      ['orderBy', 'string'],
      ['orderByDesc', 'string'],
      ['include', 'string'],
      ['fields', 'string'],
      ['meta', STRING_MAP],
    ],
    deps: [],
  },
  QueryDb: { params: ['T'], base: 'QueryBase', dataContract: false, props: [], deps: ['QueryBase'] },
  QueryDb_2: { params: ['From', 'Into'], base: 'QueryBase', dataContract: false, props: [], deps: ['QueryBase'] },
  QueryResponse: {
    params: ['T'],
    dataContract: true,
    props: [
      ['offset', 'number'],
      ['total', 'number'],
      ['results', 'T[]'],
      ['meta', STRING_MAP],
      ['responseStatus', 'ResponseStatus'],
    ],
    deps: ['ResponseStatus'],
  },
};

/** A builtin class as TypeScriptGenerator prints it. */
const builtinClassText = (name: string, b: BuiltinClass): string => {
  const full = b.params.length ? `${name}<${b.params.join(', ')}>` : name;
  const lines = [
    ...(b.dataContract ? ['// @DataContract'] : []),
    `export class ${full}${b.base ? ` extends ${b.base}` : ''}`,
    '{',
  ];
  b.props.forEach(([prop, type], i) =>
    lines.push(`    // @DataMember(Order=${i + 1})`, `    public ${prop}: ${type};`, ''),
  );
  if (!b.props.length) lines.push('');
  lines.push(
    `    public constructor(init?: Partial<${full}>) { ${b.base ? 'super(init); ' : ''}(Object as any).assign(this, init); }`,
    '}',
  );
  return lines.join('\n');
};

const BUILTIN_INTERFACES: Record<string, string> = {
  IReturn: 'export interface IReturn<T>\n{\n    createResponse(): T;\n}',
  IReturnVoid: 'export interface IReturnVoid\n{\n    createResponse(): void;\n}',
};
const genericInterface = (name: string, params: string[]): string =>
  `export interface ${name}${params.length ? `<${params.join(', ')}>` : ''}\n{\n}`;
const CRUD_INTERFACES = new Set(['ICreateDb', 'IUpdateDb', 'IPatchDb', 'IDeleteDb', 'ISaveDb']);

/** What `createResponse()` returns for a response type (`new T()`, or a literal for a primitive). */
export const newResponse = (ts: string): string => {
  if (ts === 'string') return "''";
  if (ts === 'number') return '0';
  if (ts === 'boolean') return 'false';
  if (ts.endsWith('[]')) return `new Array<${ts.slice(0, -2)}>()`;
  if (ts.startsWith('{')) return '{}';
  return `new ${ts}()`;
};

/** ServiceStack's interfaces and DTOs the printed types use (printed with `AddServiceStackTypes`). */
const serviceStackBlocks = (ordered: MetadataType[], d: Declared): string[] => {
  const used = new Set(ordered.flatMap((t) => [...d.referenced(t)]));
  const blocks = ['IReturn', 'IReturnVoid'].filter((n) => used.has(n)).map((n) => BUILTIN_INTERFACES[n]!);
  const markers = new Set(
    ordered.flatMap((t) =>
      (t.implements ?? []).filter((i) => i.namespace === 'ServiceStack').map((i) => genericName(i.name)),
    ),
  );
  for (const name of markers)
    if (CRUD_INTERFACES.has(name)) blocks.push(genericInterface(name, ['Table']));
    else if (!BUILTIN_INTERFACES[name]) blocks.push(genericInterface(name, []));
  const classes = builtinClassesUsed(ordered, d);
  return [...blocks, ...classes.map((n) => builtinClassText(n, BUILTIN_CLASSES[n]!))];
};

/** The builtin classes the printed types extend or use, each after those it needs, unless the API defines its own. */
export const builtinClassesUsed = (ordered: MetadataType[], d: Declared): string[] => {
  const used = new Set(ordered.flatMap((t) => [...d.referenced(t)]));
  const classes = new Set<string>();
  const add = (name: string): void => {
    const b = BUILTIN_CLASSES[name];
    if (!b || classes.has(name) || d.types.has(name)) return;
    b.deps.forEach(add);
    classes.add(name);
  };
  for (const t of ordered)
    if (t.inherits) add(t.inherits.name === 'QueryDb`2' ? 'QueryDb_2' : genericName(t.inherits.name));
  for (const name of ['ResponseStatus', 'QueryResponse']) if (used.has(name)) add(name);
  return [...classes];
};

/** The API's own marker interfaces (`ITenantedRequest`) the metadata names but does not define. */
const apiInterfaceBlocks = (ordered: MetadataType[], d: Declared): string[] =>
  [
    ...new Set(
      ordered.flatMap((t) =>
        (t.implements ?? []).filter((i) => i.namespace !== 'ServiceStack' && !d.types.has(i.name)).map((i) => i.name),
      ),
    ),
  ].map((n) => genericInterface(n, []));

/** The `/* Options: *\/` header get-dtos reads back (dto-options.ts): TypeScriptGenerator's option lines. */
const typeScriptHeader = (baseUrl: string, options: DtoOptions, flavour: TypeScriptFlavour, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['GlobalNamespace', ''],
      ['MakePropertiesOptional', dotnetBool(flavour === 'definitions')],
      ['AddServiceStackTypes', dotnetBool(options.addServiceStackTypes ?? true)],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', options.excludeTypes.join(',')],
      ['DefaultImports', ''],
    ],
    now,
  );

/**
 * A class block of ServiceStack's own types as `typescript.d` prints it (`ExportAsTypes` off): an ambient interface,
 * its base and interfaces after one `extends`, every property optional, no constructor or methods.
 */
const asDefinition = (block: string): string =>
  block
    .split('\n')
    .filter(
      (l) =>
        !/^\s*(public constructor|public getTypeName|public getMethod|public createResponse|createResponse\()/.test(l),
    )
    .map((l) =>
      l
        .replace(
          /^export class (\S+(?:<[^>]*>)?)(?: extends ([^{]+?))?(?: implements (.+))?$/,
          (_m, name: string, base?: string, ifaces?: string) => {
            const parents = [base, ifaces].filter(Boolean).join(', ');
            return `interface ${name}${parents ? ` extends ${parents}` : ''}`;
          },
        )
        .replace(/^export interface /, 'interface ')
        .replace(/^(\s+)public (\w+)\??: /, '$1$2?: '),
    )
    .join('\n')
    .replace(/\n\n\}$/, '\n}');

export const buildTypeScriptDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
  flavour: TypeScriptFlavour = 'classes',
): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const ordered = selectTypes(d, options);
  const camelCase = api.manifest.textCase === 'camel';
  const serviceStack = [
    ...((options.addServiceStackTypes ?? true) ? serviceStackBlocks(ordered, d) : []),
    ...apiInterfaceBlocks(ordered, d),
  ];
  const blocks = [
    ...(flavour === 'definitions' ? serviceStack.map(asDefinition) : serviceStack),
    ...ordered.map((t) => typeBlock(t, d.opByRequest.get(t.name), camelCase, flavour)),
  ];
  return `${typeScriptHeader(baseUrl, options, flavour, now)}\n\n// @ts-nocheck\n\n${blocks.join('\n\n')}\n\n`;
};

/** Optional (`?:`) when nullable: a `Nullable<T>` value, or a reference type that is not `[Required]`. */
const propertyLines = (p: MetadataProperty, camelCase: boolean, flavour: TypeScriptFlavour): string[] => {
  const optional = flavour === 'definitions' || p.type === 'Nullable`1' || (!p.isRequired && !p.isValueType);
  return [
    ...descriptionComment(p.description).map((l) => `    ${l}`),
    ...validateArgLists(p).map((a) => `    // @Validate(${a})`),
    `    ${flavour === 'classes' ? 'public ' : ''}${camelCase ? camel(p.name) : p.name}${optional ? '?' : ''}: ${tsType(propertyExpr(p))};`,
  ];
};

/** A type as `typescript.d` declares it: a string union for an enum, else an ambient interface. */
const definitionLines = (t: MetadataType, camelCase: boolean): string[] => {
  if (t.isEnum) return [`type ${t.name} = ${(t.enumNames ?? []).map((n) => `"${n}"`).join(' | ')};`];
  const parents = [...(t.inherits ? [t.inherits] : []), ...(t.implements ?? [])].map((p) => tsType(exprOf(p)));
  return [
    `interface ${t.name}${parents.length ? ` extends ${parents.join(', ')}` : ''}`,
    '{',
    ...(t.properties ?? []).flatMap((p) => propertyLines(p, camelCase, 'definitions')),
    '}',
  ];
};

const typeBlock = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  camelCase: boolean,
  flavour: TypeScriptFlavour,
): string => {
  const lines = [...descriptionComment(t.description)];
  for (const r of op?.routes ?? [])
    lines.push(r.verbs ? `// @Route("${r.path}", "${r.verbs}")` : `// @Route("${r.path}")`);
  if (flavour === 'definitions') return [...lines, ...definitionLines(t, camelCase)].join('\n');
  if (t.isEnum) {
    lines.push(`export enum ${t.name}`, '{', ...(t.enumNames ?? []).map((n) => `    ${n} = '${n}',`), '}');
    return lines.join('\n');
  }
  const base = t.inherits ? tsType(exprOf(t.inherits)) : undefined;
  const interfaces = (t.implements ?? []).map((i) => tsType(exprOf(i)));
  const returns = op?.returnType ? tsType(exprOf(op.returnType)) : undefined;
  const heading =
    `export class ${t.name}` +
    (base ? ` extends ${base}` : '') +
    (interfaces.length ? ` implements ${interfaces.join(', ')}` : '');
  lines.push(heading, '{');
  for (const p of t.properties ?? []) lines.push(...propertyLines(p, camelCase, flavour));
  lines.push(
    '',
    `    public constructor(init?: Partial<${t.name}>) { ${base ? 'super(init); ' : ''}(Object as any).assign(this, init); }`,
  );
  if (op) {
    lines.push(`    public getTypeName() { return '${t.name}'; }`, `    public getMethod() { return '${op.method}'; }`);
    lines.push(
      returns ? `    public createResponse() { return ${newResponse(returns)}; }` : '    public createResponse() {}',
    );
  }
  lines.push('}');
  return lines.join('\n');
};
