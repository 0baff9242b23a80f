/**
 * `GET <base>/types/typescript`: the DTO source ServiceStack's `TypeScriptGenerator` writes for Add ServiceStack
 * Reference (`npx get-dtos typescript <base>`), printed from the same `MetadataTypes` document `/types/metadata`
 * serves, so both describe one contract. The style follows the generator: the `/* Options: *\/` header get-dtos
 * reads back when it updates the file, `// @ts-nocheck` (its `InsertTsNoCheck` default), classes with a
 * `Partial<T>` constructor, `IReturn<T>` requests with `getTypeName()` / `getMethod()` / `createResponse()`, and,
 * with `AddServiceStackTypes`, ServiceStack's own interfaces and classes (`ResponseStatus`, `QueryBase`, …).
 * Query options honoured: `IncludeTypes` (names, `Name.*` for a type and what it references), `ExcludeTypes`,
 * `AddServiceStackTypes`; the other option lines are printed with their defaults (README, "Metadata surface").
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  buildMetadataTypes,
  type MetadataOperationType,
  type MetadataProperty,
  type MetadataType,
  type MetadataTypes,
} from './metadata-types.js';

export interface TypeScriptOptions {
  includeTypes: string[];
  excludeTypes: string[];
  addServiceStackTypes: boolean;
  /** Which options the caller set (their header line loses its `//`, as the generator prints it). */
  given: Set<string>;
}

/** The ServiceStack version the header reports: the generator release whose output this follows. */
const GENERATOR_VERSION = '8.80';
const MAX_OPTION_NAMES = 1000;

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

/** Parses the query-string options `/types/typescript` honours. */
export const typeScriptOptions = (query: Record<string, unknown>): TypeScriptOptions => {
  const text = (k: string): string | undefined => (typeof query[k] === 'string' ? query[k] : undefined);
  const names = (k: string): string[] =>
    (text(k) ?? '')
      .split(',')
      .map((s) => s.trim().replace(/^\{(.*)\}$/, '$1'))
      .filter(Boolean)
      .slice(0, MAX_OPTION_NAMES);
  const given = new Set(Object.keys(query).filter((k) => text(k)));
  return {
    includeTypes: names('IncludeTypes'),
    excludeTypes: names('ExcludeTypes'),
    addServiceStackTypes: text('AddServiceStackTypes')?.toLowerCase() !== 'false',
    given,
  };
};

/** A C# type expression (`List<Order>`, `Nullable<Int32>`, `Dictionary<String,Object>`) → name + arguments. */
interface TypeExpr {
  name: string;
  args: TypeExpr[];
}
const parseTypeExpr = (text: string): TypeExpr => {
  let i = 0;
  const expr = (): TypeExpr => {
    const start = i;
    while (i < text.length && !'<>,'.includes(text[i]!)) i++;
    const name = text.slice(start, i).trim();
    const args: TypeExpr[] = [];
    if (text[i] === '<') {
      i++;
      for (;;) {
        args.push(expr());
        if (text[i] === ',') i++;
        else break;
      }
      i++; // '>'
    }
    return { name, args };
  };
  return expr();
};
const genericName = (name: string): string => name.replace(/`\d+$/, '');
const exprOf = (t: { name: string; genericArgs?: string[] }): TypeExpr => ({
  name: genericName(t.name),
  args: (t.genericArgs ?? []).map(parseTypeExpr),
});
const propertyExpr = (p: MetadataProperty): TypeExpr => exprOf({ name: p.type, genericArgs: p.genericArgs });

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

/** The type names a TypeScript type expression refers to (for `Name.*` and to know which built-ins are used). */
const namesIn = (t: TypeExpr, out: Set<string>): Set<string> => {
  out.add(t.name.replace(/\[\]$/, ''));
  for (const a of t.args) namesIn(a, out);
  return out;
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

/** The types an API's `MetadataTypes` declares, by name, and what each refers to. */
interface Declared {
  types: Map<string, MetadataType>;
  opByRequest: Map<string, MetadataOperationType>;
  referenced: (t: MetadataType) => Set<string>;
}

const declaredTypes = (metadata: MetadataTypes): Declared => {
  const opByRequest = new Map(metadata.operations.map((o) => [o.request.name, o]));
  // Closed generic responses (`QueryResponse<Booking>`) are ServiceStack's own `QueryResponse<T>`, not API types.
  const isBuiltinResponse = (t: MetadataType): boolean => t.namespace === 'ServiceStack' && /`\d+$/.test(t.name);
  const responses = metadata.operations.flatMap((o) =>
    o.response && !isBuiltinResponse(o.response) ? [o.response] : [],
  );
  const requests = metadata.operations.map((o) => o.request);
  const types = new Map<string, MetadataType>();
  for (const t of [...metadata.types, ...responses, ...requests]) if (!types.has(t.name)) types.set(t.name, t);
  const referenced = (t: MetadataType): Set<string> => {
    const out = new Set<string>();
    if (t.inherits) namesIn(exprOf(t.inherits), out);
    for (const i of t.implements ?? []) namesIn(exprOf(i), out);
    for (const p of t.properties ?? []) namesIn(propertyExpr(p), out);
    const returnType = opByRequest.get(t.name)?.returnType;
    if (returnType) namesIn(exprOf(returnType), out);
    return out;
  };
  return { types, opByRequest, referenced };
};

/**
 * The types to print, in print order: IncludeTypes keeps the names given (`Name.*` adds every type it references,
 * transitively), ExcludeTypes removes names; types first, then responses, then requests, each base before the
 * classes extending it (a class cannot extend one declared further down a module).
 */
const selectTypes = (d: Declared, options: TypeScriptOptions): MetadataType[] => {
  let chosen = [...d.types.keys()];
  if (options.includeTypes.length) {
    const picked = new Set<string>();
    const visit = (name: string, deep: boolean): void => {
      const t = d.types.get(name);
      if (!t || picked.has(name)) return;
      picked.add(name);
      if (deep) for (const r of d.referenced(t)) visit(r, true);
    };
    for (const n of options.includeTypes) visit(n.replace(/\.\*$/, ''), n.endsWith('.*'));
    chosen = chosen.filter((n) => picked.has(n));
  }
  const excluded = new Set(options.excludeTypes);
  const keep = new Set(chosen.filter((n) => !excluded.has(n)));
  const ordered: MetadataType[] = [];
  const place = (name: string): void => {
    const t = d.types.get(name);
    if (!t || !keep.delete(name)) return;
    if (t.inherits) place(t.inherits.name);
    ordered.push(t);
  };
  const isResponse = (n: string): boolean => [...d.opByRequest.values()].some((o) => o.response?.name === n);
  const rank = (n: string): number => (d.opByRequest.has(n) ? 2 : isResponse(n) ? 1 : 0);
  for (const n of [...keep].sort((a, b) => rank(a) - rank(b))) place(n);
  return ordered;
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

/** The `/* Options: *\/` header get-dtos reads back; an option the caller set loses its `//`. */
const optionsHeader = (baseUrl: string, options: TypeScriptOptions, now: Date): string => {
  const on = (k: string): string => (options.given.has(k) ? '' : '//');
  return [
    '/* Options:',
    `Date: ${now.toISOString().slice(0, 19).replace('T', ' ')}`,
    `Version: ${GENERATOR_VERSION}`,
    'Tip: To override a DTO option, remove "//" prefix before updating',
    `BaseUrl: ${baseUrl}`,
    '',
    `${on('GlobalNamespace')}GlobalNamespace: `,
    `${on('MakePropertiesOptional')}MakePropertiesOptional: False`,
    `${on('AddServiceStackTypes')}AddServiceStackTypes: ${options.addServiceStackTypes ? 'True' : 'False'}`,
    `${on('AddResponseStatus')}AddResponseStatus: False`,
    `${on('AddImplicitVersion')}AddImplicitVersion: `,
    `${on('AddDescriptionAsComments')}AddDescriptionAsComments: True`,
    `${on('IncludeTypes')}IncludeTypes: ${options.includeTypes.join(',')}`,
    `${on('ExcludeTypes')}ExcludeTypes: ${options.excludeTypes.join(',')}`,
    `${on('DefaultImports')}DefaultImports: `,
    '*/',
  ].join('\n');
};

export const buildTypeScriptDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: TypeScriptOptions,
  now: Date = new Date(),
): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const ordered = selectTypes(d, options);
  const camelCase = api.manifest.textCase === 'camel';
  const blocks = [
    ...(options.addServiceStackTypes ? serviceStackBlocks(ordered, d) : []),
    ...apiInterfaceBlocks(ordered, d),
    ...ordered.map((t) => typeBlock(t, d.opByRequest.get(t.name), camelCase)),
  ];
  return `${optionsHeader(baseUrl, options, now)}\n\n// @ts-nocheck\n\n${blocks.join('\n\n')}\n\n`;
};

/** Optional (`?:`) when nullable: a `Nullable<T>` value, or a reference type that is not `[Required]`. */
const propertyLines = (p: MetadataProperty, camelCase: boolean): string[] => {
  const optional = p.type === 'Nullable`1' || (!p.isRequired && !p.isValueType);
  return [
    ...descriptionComment(p.description).map((l) => `    ${l}`),
    `    public ${camelCase ? camel(p.name) : p.name}${optional ? '?' : ''}: ${tsType(propertyExpr(p))};`,
  ];
};

const typeBlock = (t: MetadataType, op: MetadataOperationType | undefined, camelCase: boolean): string => {
  const lines = [...descriptionComment(t.description)];
  for (const r of op?.routes ?? [])
    lines.push(r.verbs ? `// @Route("${r.path}", "${r.verbs}")` : `// @Route("${r.path}")`);
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
  for (const p of t.properties ?? []) lines.push(...propertyLines(p, camelCase));
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
