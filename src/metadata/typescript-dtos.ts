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
const tsType = (t: TypeExpr): string => {
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

/** The ServiceStack types the generator prints with `AddServiceStackTypes` (ServiceStack.Interfaces' DTOs). */
const BUILTIN_CLASSES: Record<string, { deps: string[]; text: string }> = {
  ResponseError: {
    deps: [],
    text: `// @DataContract
export class ResponseError
{
    // @DataMember(Order=1)
    public errorCode: string;

    // @DataMember(Order=2)
    public fieldName: string;

    // @DataMember(Order=3)
    public message: string;

    // @DataMember(Order=4)
    public meta: { [index:string]: string; };

    public constructor(init?: Partial<ResponseError>) { (Object as any).assign(this, init); }
}`,
  },
  ResponseStatus: {
    deps: ['ResponseError'],
    text: `// @DataContract
export class ResponseStatus
{
    // @DataMember(Order=1)
    public errorCode: string;

    // @DataMember(Order=2)
    public message: string;

    // @DataMember(Order=3)
    public stackTrace: string;

    // @DataMember(Order=4)
    public errors: ResponseError[];

    // @DataMember(Order=5)
    public meta: { [index:string]: string; };

    public constructor(init?: Partial<ResponseStatus>) { (Object as any).assign(this, init); }
}`,
  },
  QueryBase: {
    deps: [],
    text: `// @DataContract
export class QueryBase
{
    // @DataMember(Order=1)
    public skip?: number;

    // @DataMember(Order=2)
    public take?: number;

    // @DataMember(Order=3)
    public orderBy: string;

    // @DataMember(Order=4)
    public orderByDesc: string;

    // @DataMember(Order=5)
    public include: string;

    // @DataMember(Order=6)
    public fields: string;

    // @DataMember(Order=7)
    public meta: { [index:string]: string; };

    public constructor(init?: Partial<QueryBase>) { (Object as any).assign(this, init); }
}`,
  },
  QueryDb: {
    deps: ['QueryBase'],
    text: `export class QueryDb<T> extends QueryBase
{

    public constructor(init?: Partial<QueryDb<T>>) { super(init); (Object as any).assign(this, init); }
}`,
  },
  QueryDb_2: {
    deps: ['QueryBase'],
    text: `export class QueryDb_2<From, Into> extends QueryBase
{

    public constructor(init?: Partial<QueryDb_2<From, Into>>) { super(init); (Object as any).assign(this, init); }
}`,
  },
  QueryResponse: {
    deps: ['ResponseStatus'],
    text: `// @DataContract
export class QueryResponse<T>
{
    // @DataMember(Order=1)
    public offset: number;

    // @DataMember(Order=2)
    public total: number;

    // @DataMember(Order=3)
    public results: T[];

    // @DataMember(Order=4)
    public meta: { [index:string]: string; };

    // @DataMember(Order=5)
    public responseStatus: ResponseStatus;

    public constructor(init?: Partial<QueryResponse<T>>) { (Object as any).assign(this, init); }
}`,
  },
};
const BUILTIN_INTERFACES: Record<string, string> = {
  IReturn: 'export interface IReturn<T>\n{\n    createResponse(): T;\n}',
  IReturnVoid: 'export interface IReturnVoid\n{\n    createResponse(): void;\n}',
};
const genericInterface = (name: string, params: string[]): string =>
  `export interface ${name}${params.length ? `<${params.join(', ')}>` : ''}\n{\n}`;
const CRUD_INTERFACES = new Set(['ICreateDb', 'IUpdateDb', 'IPatchDb', 'IDeleteDb', 'ISaveDb']);

/** What `createResponse()` returns for a response type (`new T()`, or a literal for a primitive). */
const newResponse = (ts: string): string => {
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
  return [...blocks, ...[...classes].map((n) => BUILTIN_CLASSES[n]!.text)];
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
