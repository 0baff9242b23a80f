/**
 * `GET <base>/types/go`: the DTO source ServiceStack's `GoGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos go <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style, as
 * gofmt leaves it: `package dtos`, the imports the types use (`time`, `ss "github.com/ServiceStack/servicestack-go"`),
 * structs with aligned `Name Type \`json:"name,omitempty"\`` fields (a pointer for an optional property), a base
 * class embedded as a field, `type X string` enums with a `const (...)` block, attributes as `// @Route(...)`
 * comments, and on a request `CreateResponse()` / `CreateResponseVoid()` and `HttpMethod()` methods instead of
 * `IReturn<T>`. Types the servicestack-go library ships (`ResponseStatus`, `QueryResponse`, …) are `ss.`-prefixed
 * references, never printed.
 */
import type { ApiSchemas } from '../schema/registry.js';
import { declaredTypes, exprOf, isRequiredProperty, optionsHeader, propertyExpr, quote } from './dto-options.js';
import type { DtoOptions, TypeExpr } from './dto-options.js';
import { buildMetadataTypes, type MetadataOperationType, type MetadataType } from './metadata-types.js';
import {
  attributeText,
  camelCase,
  DICTIONARIES,
  enumIdentifier,
  GO_RUST_LIBRARY_TYPES,
  libraryTypesInUse,
  LISTS,
  nativeTypesToPrint,
  pascalCase,
  safeComment,
  typeAttributes,
  validateTexts,
} from './native-dtos.js';

/** `GoGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  String: 'string',
  Object: 'interface{}',
  Boolean: 'bool',
  DateTime: 'time.Time',
  DateOnly: 'time.Time',
  DateTimeOffset: 'time.Time',
  TimeSpan: 'time.Duration',
  TimeOnly: 'time.Duration',
  Guid: 'string',
  Char: 'string',
  Byte: 'byte',
  SByte: 'int8',
  Int16: 'int16',
  Int32: 'int',
  Int64: 'int64',
  UInt16: 'uint16',
  UInt32: 'uint32',
  UInt64: 'uint64',
  Single: 'float32',
  Double: 'float64',
  Decimal: 'float64',
  IntPtr: 'int64',
  'Byte[]': '[]byte',
  Stream: '[]byte',
  Uri: 'string',
  Type: 'string',
};
/** `GoGenerator.AllowedKeyTypes`: a map key Go can compare; any other key is a `string`. */
const KEY_TYPES = new Set(['string', 'bool', 'byte', 'int16', 'int', 'int64', 'uint16', 'uint32', 'uint64']);
const LIBRARY_PACKAGE = 'github.com/ServiceStack/servicestack-go';

/** What a file's types use, for its imports. */
export interface GoUses {
  library: ReadonlySet<string>;
  time?: boolean;
  ss?: boolean;
}

const alias = (name: string, uses: GoUses): string => {
  if (name !== 'Byte[]' && name.endsWith('[]')) return `[]${alias(name.slice(0, -2), uses)}`;
  const cooked = ALIASES[name] ?? name;
  if (cooked.startsWith('time.')) uses.time = true;
  else if (uses.library.has(cooked)) {
    uses.ss = true;
    return `ss.${cooked}`;
  }
  return cooked;
};

/**
 * A .NET type as Go names it (`GoGenerator.Type`, and `ConvertFromCSharp` for type arguments, `nested`): a
 * `Nullable<T>` is a pointer at the top and `T` inside, lists `[]T`, maps `map[K]V`, `QueryResponse<T>`
 * `ss.QueryResponse[T]`, other library generics lose their arguments (`ss.QueryDb`).
 */
export const goType = (t: TypeExpr, uses: GoUses, nested = false): string => {
  const arg = (x: TypeExpr): string => goType(x, uses, true);
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return nested ? arg(a) : `*${arg(a)}`;
  if (LISTS.has(t.name) && a) return `[]${arg(a)}`;
  if (DICTIONARIES.has(t.name) && a && b) {
    const key = arg(a);
    return `map[${nested && !KEY_TYPES.has(key) ? 'string' : key}]${arg(b)}`;
  }
  if (t.args.length && uses.library.has(t.name))
    return t.name === 'QueryResponse' ? `${alias(t.name, uses)}[${arg(t.args[0]!)}]` : alias(t.name, uses);
  if (t.args.length && !nested) return `${t.name}[${t.args.map(arg).join(', ')}]`;
  return alias(t.name, uses);
};

const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['GlobalNamespace', ''],
      ['MakePropertiesOptional', 'False'],
      ['AddServiceStackTypes', options.addServiceStackTypes === false ? 'False' : 'True'],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', options.excludeTypes.join(',')],
      ['DefaultImports', ''],
    ],
    now,
  );

const description = (text: string | undefined): string[] => (text ? [`/** @description ${safeComment(text)} */`] : []);

/** `CreateResponse()`, `CreateResponseVoid()` and `HttpMethod()`, aligned as gofmt aligns one-line methods. */
const requestMethods = (t: MetadataType, typeName: string, op: MetadataOperationType, uses: GoUses): string[] => {
  const fieldNames = new Set((t.properties ?? []).map((p) => pascalCase(p.dataMember?.name ?? p.name)));
  const methods: [signature: string, body: string][] = [];
  if (op.returnsVoid || (!op.returnType && !op.response)) {
    if (!fieldNames.has('CreateResponseVoid')) methods.push([`func (${typeName}) CreateResponseVoid()`, '']);
  } else if (!fieldNames.has('CreateResponse')) {
    const returns = op.returnType ?? op.response!;
    const responseType = goType(exprOf(returns), uses);
    // A request returning itself would recurse in its own signature: the generator leaves the method off.
    if (responseType !== typeName) methods.push([`func (${typeName}) CreateResponse() (r ${responseType})`, 'return']);
  }
  const verb = op.method || op.routes.find((r) => r.verbs)?.verbs?.split(',')[0];
  if (verb && verb !== 'ANY' && !fieldNames.has('HttpMethod'))
    methods.push([`func (${typeName}) HttpMethod() string`, `return ${quote(verb.toUpperCase())}`]);
  if (!methods.length) return [];
  // gofmt keeps a body on its declaration's line when the whole fits in 100 characters, aligning adjacent ones.
  const oneLine = ([s, b]: [string, string]): boolean => s.length + 1 + b.length <= 100;
  const width = Math.max(...methods.filter(oneLine).map(([s]) => s.length), 0);
  return [
    '',
    ...methods.flatMap((m) =>
      oneLine(m) ? [`${m[0].padEnd(width)} ${m[1] ? `{ ${m[1]} }` : '{}'}`] : [`${m[0]} {`, `\t${m[1]}`, '}'],
    ),
  ];
};

const enumLines = (t: MetadataType): string[] => {
  const names = t.enumNames ?? [];
  const isInt = t.isEnumInt === true || names.length === 0;
  const lines = [`type ${t.name} ${isInt ? 'int' : 'string'}`];
  if (!names.length) return lines;
  const rows = names.map((n, i) => [
    `${t.name}${enumIdentifier(n).id}`,
    isInt || i === 0 ? t.name : '',
    isInt ? (t.enumValues?.[i] ?? String(i)) : quote(n),
  ]);
  const nameWidth = Math.max(...rows.map((r) => r[0]!.length));
  const typeWidth = Math.max(...rows.map((r) => r[1]!.length));
  lines.push(
    '',
    'const (',
    ...rows.map(([n, ty, v]) => `    ${n!.padEnd(nameWidth)} ${ty!.padEnd(typeWidth)} = ${v}`),
    ')',
  );
  return lines;
};

const typeLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  uses: GoUses,
): string[] => {
  const lines = [
    '',
    ...description(t.description),
    ...typeAttributes(op, authStyle).map((a) => `// ${attributeText(a, false)}`),
  ];
  if (t.isEnum) return [...lines, ...enumLines(t)];
  const base = t.inherits ? goType(exprOf(t.inherits), uses) : undefined;
  // Go cannot embed a collection: a DTO inheriting one is a named slice or map.
  if (base && (base.startsWith('[]') || base.startsWith('map['))) {
    lines.push(`type ${t.name} ${base}`);
  } else {
    lines.push(`type ${t.name} struct {`, ...(base ? [`    ${base}`] : []));
    for (const p of t.properties ?? []) {
      let type = goType(propertyExpr(p), uses);
      const pointer = !isRequiredProperty(p) && !/^(\*|\[\]|map\[)/.test(type);
      if (pointer) type = `*${type}`;
      const wire = p.dataMember?.name ?? camelCase(p.name);
      const tag = `\`json:"${wire}${pointer || !p.isRequired ? ',omitempty' : ''}"\``;
      lines.push(
        ...description(p.description).map((l) => `    ${l}`),
        ...(p.dataMember ? [`    // @DataMember(Name=${quote(p.dataMember.name)})`] : []),
        ...validateTexts(p, false).map((v) => `    // ${v}`),
        `    ${pascalCase(p.dataMember?.name ?? p.name)} ${type} ${tag}`,
      );
    }
    lines.push('}');
  }
  if (op) lines.push(...requestMethods(t, t.name, op, uses));
  return lines;
};

/** Aligns the name and type columns of adjacent struct fields, as gofmt does (`GoGenerator.AlignStructFields`). */
const alignStructFields = (lines: string[]): void => {
  const isField = (l: string): boolean =>
    l.startsWith('\t') &&
    !l.startsWith('\t\t') &&
    !l.trimStart().startsWith('/') &&
    l.slice(1).trim().split(' ').length > 2;
  const align = (from: number, to: number): void => {
    if (to - from < 2) return;
    const rows = lines.slice(from, to).map((l) => {
      const field = l.slice(1);
      const name = field.slice(0, field.indexOf(' '));
      const rest = field.slice(name.length).trimStart();
      const tag = rest.indexOf('`');
      return [name, rest.slice(0, tag).trimEnd(), rest.slice(tag)] as const;
    });
    const nameWidth = Math.max(...rows.map((r) => r[0].length));
    const typeWidth = Math.max(...rows.map((r) => r[1].length));
    rows.forEach(([n, ty, tag], i) => (lines[from + i] = `\t${n.padEnd(nameWidth)} ${ty.padEnd(typeWidth)} ${tag}`));
  };
  let inStruct = false;
  let start = -1;
  for (const [i, line] of lines.entries()) {
    if (!inStruct) {
      inStruct = line.startsWith('type ') && line.endsWith(' struct {');
      continue;
    }
    if (isField(line)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) align(start, i);
    start = -1;
    if (line === '}') inStruct = false;
  }
};

/** gofmt's layout as `GoGenerator.GoFormat` applies it: tabs, no trailing spaces, one blank line at most, aligned fields. */
export const goFormat = (text: string): string => {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const indent = /^(?: {4})*/.exec(raw)![0].length / 4;
    const content = raw.slice(indent * 4).trimEnd();
    if (!content && lines.length && lines[lines.length - 1] === '') continue;
    lines.push(content ? '\t'.repeat(indent) + content : '');
  }
  alignStructFields(lines);
  return `${lines.join('\n').trimEnd()}\n`;
};

export const buildGoDtos = (api: ApiSchemas, baseUrl: string, options: DtoOptions, now: Date = new Date()): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const uses: GoUses = { library: libraryTypesInUse(d, GO_RUST_LIBRARY_TYPES) };
  const blocks = nativeTypesToPrint(d, options, uses.library).flatMap((t) => {
    const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    return typeLines(t, d.opByRequest.get(t.name), style, uses);
  });
  const namespace = options.echo('GlobalNamespace');
  const pkg = namespace && /^[A-Za-z_]\w*$/.test(namespace) ? namespace : 'dtos';
  // gofmt sorts imports by path; the library is imported under its `ss` alias.
  const imports = [...(uses.ss ? [`ss "${LIBRARY_PACKAGE}"`] : []), ...(uses.time ? ['"time"'] : [])];
  const importLines = imports.length ? ['import (', ...imports.map((i) => `    ${i}`), ')', ''] : [];
  return goFormat([header(baseUrl, options, now), '', `package ${pkg}`, '', ...importLines, ...blocks].join('\n'));
};
