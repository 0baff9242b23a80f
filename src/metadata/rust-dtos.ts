/**
 * `GET <base>/types/rust`: the DTO source ServiceStack's `RustGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos rust <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style, as
 * rustfmt leaves it: `#![allow(...)]`, the `use` lines (serde, `servicestack::*` when a type needs the crate),
 * `#[derive(Serialize, Deserialize, …)]` structs with snake_case fields renamed to their wire names
 * (`#[serde(rename = "firstName")]`), `Option<T>` for an optional property, a base class as a `#[serde(flatten)]`
 * field, enums with `#[serde(rename)]` members, attributes as comments without `@` (`// Route("/x", "POST")`), and
 * on a request `impl IRequest` (its name and verb) and `impl IReturn` / `impl IReturnVoid` instead of `IReturn<T>`.
 * Types the servicestack crate ships (`ResponseStatus`, `QueryResponse`, …) are referenced, never printed.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  declaredTypes,
  exprOf,
  isRequiredProperty,
  optionsHeader,
  propertyExpr,
  quote,
  snakeCase,
} from './dto-options.js';
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
  safeComment,
  typeAttributes,
  validateTexts,
} from './native-dtos.js';

/** `RustGenerator.TypeAliases`: dates and times are strings, `Object` is `serde_json::Value`. */
const ALIASES: Record<string, string> = {
  Object: 'Value',
  Boolean: 'bool',
  DateTime: 'String',
  DateOnly: 'String',
  DateTimeOffset: 'String',
  TimeSpan: 'String',
  TimeOnly: 'String',
  Guid: 'String',
  Char: 'char',
  Byte: 'u8',
  SByte: 'i8',
  Int16: 'i16',
  Int32: 'i32',
  Int64: 'i64',
  UInt16: 'u16',
  UInt32: 'u32',
  UInt64: 'u64',
  Single: 'f32',
  Double: 'f64',
  Decimal: 'f64',
  IntPtr: 'i64',
  'Byte[]': 'Vec<u8>',
  Stream: 'Vec<u8>',
  Uri: 'String',
  Type: 'String',
};
/** `RustGenerator.NonGenericLibraryTypes`: `QueryDb<Booking>` is the crate's `QueryDb`. */
const NON_GENERIC_LIBRARY = new Set(['QueryDb', 'QueryData']);
/** `RustGenerator.RustKeywords`: a field so named is a raw identifier (`r#type`). */
const KEYWORDS = new Set(
  (
    'as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref ' +
    'return self Self static struct super trait true type unsafe use where while async await dyn abstract become ' +
    'box do final macro override priv typeof unsized virtual yield'
  ).split(' '),
);
const DEFAULT_IMPORTS = ['serde::{Deserialize, Serialize}', 'serde_json::Value', 'std::collections::HashMap'];
const ALLOWED_LINTS = ['dead_code', 'non_camel_case_types', 'non_snake_case', 'clippy::upper_case_acronyms'];

export interface RustUses {
  library: ReadonlySet<string>;
  crate?: boolean;
}

const alias = (name: string, uses: RustUses): string => {
  if (name !== 'Byte[]' && name.endsWith('[]')) return `Vec<${alias(name.slice(0, -2), uses)}>`;
  const cooked = ALIASES[name] ?? name;
  if (uses.library.has(cooked)) uses.crate = true;
  return cooked;
};

/** A .NET type as Rust names it (`RustGenerator.Type`): `Option<T>`, `Vec<T>`, `HashMap<K, V>`, `QueryResponse<T>`. */
export const rustType = (t: TypeExpr, uses: RustUses): string => {
  const arg = (x: TypeExpr): string => rustType(x, uses);
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return `Option<${arg(a)}>`;
  if (LISTS.has(t.name) && a) return `Vec<${arg(a)}>`;
  if (DICTIONARIES.has(t.name) && a && b) return `HashMap<${arg(a)}, ${arg(b)}>`;
  const name = alias(t.name, uses);
  if (!t.args.length || (uses.library.has(t.name) && NON_GENERIC_LIBRARY.has(t.name))) return name;
  return `${name}<${t.args.map(arg).join(', ')}>`;
};

/** A field name: snake_case, a keyword as a raw identifier. */
export const rustFieldName = (name: string): string => {
  const snake = snakeCase(name);
  return KEYWORDS.has(snake) ? `r#${snake}` : snake;
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
      ['DefaultImports', DEFAULT_IMPORTS.join(',')],
    ],
    now,
  )
    // rustfmt strips trailing whitespace, and the generator prints the options without it.
    .replace(/ +$/gm, '');

const doc = (text: string | undefined): string[] => (text ? [`/// ${safeComment(text)}`] : []);

const enumLines = (t: MetadataType): string[] => {
  const names = t.enumNames ?? [];
  const isInt = t.isEnumInt === true || names.length === 0;
  const lines = [
    // Copy, Eq and Hash let an enum be a HashMap key.
    '#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]',
    ...(isInt ? ['#[repr(i32)]'] : []),
    `pub enum ${t.name} {`,
  ];
  names.forEach((n, i) => {
    const { id, wire } = enumIdentifier(n);
    if (i === 0) lines.push('    #[default]');
    const value = t.enumValues?.[i];
    if (wire !== undefined) lines.push(`    #[serde(rename = ${quote(wire)})]`, `    ${id},`);
    else if (isInt && value !== undefined) lines.push(`    ${id} = ${value},`);
    else lines.push(...(isInt ? [] : [`    #[serde(rename = ${quote(n)})]`]), `    ${id},`);
  });
  lines.push('}');
  return lines;
};

/** `impl IRequest` (name and verb), then `impl IReturn` (the response) or `impl IReturnVoid`. */
const requestImpls = (t: MetadataType, op: MetadataOperationType, uses: RustUses): string[] => {
  uses.crate = true;
  const first = op.method || op.routes.find((r) => r.verbs)?.verbs?.split(',')[0];
  const verb = !first || first === 'ANY' ? 'POST' : first.toUpperCase();
  const lines = [
    '',
    `impl IRequest for ${t.name} {`,
    `    const NAME: &'static str = ${quote(t.name)};`,
    `    const VERB: &'static str = ${quote(verb)};`,
    '}',
  ];
  if (op.returnsVoid || (!op.returnType && !op.response)) lines.push(`impl IReturnVoid for ${t.name} {}`);
  else {
    const response = rustType(exprOf(op.returnType ?? op.response!), uses);
    // A request returning itself would recurse in its own impl: the generator prints none.
    if (response !== t.name) lines.push(`impl IReturn for ${t.name} {`, `    type Response = ${response};`, '}');
  }
  return lines;
};

const typeLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  uses: RustUses,
): string[] => {
  const lines = [...doc(t.description), ...typeAttributes(op, authStyle).map((a) => `// ${attributeText(a, true)}`)];
  if (t.isEnum) return [...lines, ...enumLines(t)];
  lines.push('#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]', '#[serde(default)]');
  const base = t.inherits ? rustType(exprOf(t.inherits), uses) : undefined;
  const props = t.properties ?? [];
  if (base && /^(Vec|HashMap)</.test(base)) {
    // A collection cannot be flattened into a struct: the DTO is a newtype serialised as its collection.
    lines.push(`pub struct ${t.name}(pub ${base});`);
  } else if (!base && !props.length) {
    lines.push(`pub struct ${t.name} {}`);
  } else {
    lines.push(`pub struct ${t.name} {`);
    if (base)
      lines.push('    #[serde(flatten)]', `    pub ${rustFieldName(t.inherits!.name.replace(/`\d+$/, ''))}: ${base},`);
    for (const p of props) {
      let type = rustType(propertyExpr(p), uses);
      const optional = !isRequiredProperty(p);
      if (optional && !type.startsWith('Option<')) type = `Option<${type}>`;
      const field = rustFieldName(p.name);
      const wire = camelCase(p.dataMember?.name ?? p.name);
      lines.push(
        ...doc(p.description).map((l) => `    ${l}`),
        ...validateTexts(p, true).map((v) => `    // ${v}`),
        ...(wire !== field.replace(/^r#/, '') ? [`    #[serde(rename = ${quote(wire)})]`] : []),
        ...(optional ? ['    #[serde(default, skip_serializing_if = "Option::is_none")]'] : []),
        `    pub ${field}: ${type},`,
      );
    }
    lines.push('}');
  }
  if (op) lines.push(...requestImpls(t, op, uses));
  return lines;
};

/** rustfmt's order of a grouped import's names (`RustGenerator.SortImportNames`). */
const sortImportNames = (use: string): string =>
  use.replace(
    /\{([^}]*)\}/,
    (_m, names: string) =>
      `{${names
        .split(',')
        .map((n) => n.trim())
        .sort()
        .join(', ')}}`,
  );

export const buildRustDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const uses: RustUses = { library: libraryTypesInUse(d, GO_RUST_LIBRARY_TYPES) };
  const blocks = nativeTypesToPrint(d, options, uses.library).map((t) => {
    const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    return typeLines(t, d.opByRequest.get(t.name), style, uses).join('\n');
  });
  // rustfmt wraps an attribute wider than 70 characters of arguments.
  const lints = ALLOWED_LINTS.join(', ');
  const allow =
    lints.length <= 70
      ? [`#![allow(${lints})]`]
      : ['#![allow(', ...ALLOWED_LINTS.map((l, i) => `    ${l}${i < ALLOWED_LINTS.length - 1 ? ',' : ''}`), ')]'];
  const imports = [...DEFAULT_IMPORTS, ...(uses.crate ? ['servicestack::*'] : [])]
    .map(sortImportNames)
    .sort()
    .map((i) => `use ${i};`);
  return `${header(baseUrl, options, now)}\n\n${allow.join('\n')}\n\n${imports.join('\n')}\n\n${blocks.join('\n\n')}\n`;
};
