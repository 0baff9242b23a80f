/**
 * `GET <base>/types/kotlin`: the DTO source ServiceStack's `KotlinGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos kotlin <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style:
 * the `/* Options: *\/` header, the default imports, `open class` types with nullable `var name:Type? = null`
 * properties (Gson reads camelCase names), annotations `@Route(Path=…, Verbs=…)` and the exported `[Validate…]`
 * ones, requests implementing `IReturn<T>` with a `companion object` holding the response class, `enum class`.
 * `ResponseStatus`, `ResponseError` and `ErrorResponse` come with the `net.servicestack.client` package and are never
 * printed (`KotlinGenerator.IgnoreTypeNames`); other ServiceStack types only with `AddServiceStackTypes=true`.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  authAttributes,
  declaredTypes,
  exprOf,
  optionsHeader,
  propertyExpr,
  quote,
  routeAttributes,
  classesToPrint,
  type DtoAttribute,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import { buildMetadataTypes, type MetadataOperationType, type MetadataType } from './metadata-types.js';

/** `KotlinGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  String: 'String',
  Boolean: 'Boolean',
  Char: 'String',
  SByte: 'Byte',
  Byte: 'Short',
  'Byte[]': 'ByteArray',
  Int16: 'Short',
  Int32: 'Int',
  Int64: 'Long',
  UInt16: 'Int',
  UInt32: 'Long',
  UInt64: 'BigInteger',
  Single: 'Float',
  Double: 'Double',
  Decimal: 'BigDecimal',
  Guid: 'UUID',
  DateTime: 'Date',
  DateOnly: 'Date',
  DateTimeOffset: 'Date',
  TimeSpan: 'TimeSpan',
  TimeOnly: 'TimeSpan',
  Object: 'Object',
};
const LISTS = new Set(['List', 'IList', 'ICollection', 'IEnumerable', 'HashSet', 'IReadOnlyList']);
const DICTIONARIES = new Set(['Dictionary', 'IDictionary', 'IReadOnlyDictionary', 'SortedDictionary']);
/** `KotlinGenerator.DefaultImports`. */
export const DEFAULT_IMPORTS = ['java.math.*', 'java.util.*', 'java.io.InputStream', 'net.servicestack.client.*'];
/** Built into the `net.servicestack.client` package (`KotlinGenerator.IgnoreTypeNames`). */
export const CLIENT_TYPES = new Set(['ResponseStatus', 'ResponseError', 'ErrorResponse']);

type TypeLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  camelCase: boolean,
) => string[];

/**
 * What a Java or a Kotlin file prints, each class's lines from the language's `typeLines`: the classes the client
 * library does not ship, and the imports (Gson's TypeToken only when a response type is generic).
 */
export const jvmClassBlocks = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  typeLines: TypeLines,
): { imports: string[]; blocks: string[][] } => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const chosen = classesToPrint(d, options, CLIENT_TYPES);
  const camelCase = api.manifest.textCase === 'camel';
  const generic = chosen.some((t) => d.opByRequest.get(t.name)?.returnType?.genericArgs?.length);
  return {
    imports: [...DEFAULT_IMPORTS, ...(generic ? ['com.google.gson.reflect.*'] : [])],
    blocks: chosen.map((t) => {
      const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
      return typeLines(t, d.opByRequest.get(t.name), style, camelCase);
    }),
  };
};
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** A .NET type as Kotlin names it (`ArrayList<Order>`, `HashMap<String,String>`, `Date`). */
export const ktType = (t: TypeExpr): string => {
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return ktType(a);
  if (LISTS.has(t.name) && a) return `ArrayList<${ktType(a)}>`;
  if (DICTIONARIES.has(t.name) && a && b) return `HashMap<${ktType(a)},${ktType(b)}>`;
  if (t.name !== 'Byte[]' && t.name.endsWith('[]'))
    return `ArrayList<${ktType({ name: t.name.slice(0, -2), args: [] })}>`;
  const name = ALIASES[t.name] ?? t.name;
  return t.args.length ? `${name}<${t.args.map(ktType).join(', ')}>` : name;
};

/** `@Route(Path="/x", Verbs="POST")`, `@ValidateHasRole(Role="manager")`: Kotlin and Java annotations name their arguments. */
const ARGUMENT_NAMES: Record<string, string[]> = {
  Route: ['Path', 'Verbs'],
  ValidateHasRole: ['Role'],
  ValidateHasPermission: ['Permission'],
  ValidateRequest: ['Validator'],
};
export const annotationLine = (a: DtoAttribute): string =>
  `@${a.name}(${a.args.map((v, i) => `${ARGUMENT_NAMES[a.name]?.[i] ?? `Arg${i}`}=${quote(v)}`).join(', ')})`;

/** An annotation repeated on one type is printed as a comment (the client's annotations are not repeatable). */
export const repeatsCommented = (lines: string[]): string[] => {
  const seen = new Set<string>();
  return lines.map((l) => {
    const name = /^@(\w+)/.exec(l)?.[1] ?? l;
    const repeated = seen.has(name);
    seen.add(name);
    return repeated ? `// ${l}` : l;
  });
};

const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['Package', ''],
      ['AddServiceStackTypes', options.addServiceStackTypes === false ? 'False' : 'True'],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', (options.excludeTypes ?? []).join(',')],
      ['InitializeCollections', 'False'],
      ['TreatTypesAsStrings', ''],
      ['DefaultImports', DEFAULT_IMPORTS.join(',')],
    ],
    now,
  );

const comment = (description: string | undefined, indent: string): string[] =>
  description
    ? [`${indent}/**`, `${indent}* ${description.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ')}`, `${indent}*/`]
    : [];

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const typeLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  camelCase: boolean,
): string[] => {
  const lines = [
    ...comment(t.description, ''),
    ...repeatsCommented([...routeAttributes(op), ...authAttributes(op, authStyle)].map(annotationLine)),
  ];
  if (t.isEnum) {
    lines.push(`enum class ${t.name}`, '{');
    for (const n of t.enumNames ?? [])
      lines.push(IDENTIFIER.test(n) ? `    ${n},` : `    @SerializedName(${quote(n)}) ${n.replace(/\W/g, '_')},`);
    lines.push('}');
    return lines;
  }
  const base = t.inherits ? `${ktType(exprOf(t.inherits))}()` : undefined;
  const parents = [...(base ? [base] : []), ...(t.implements ?? []).map((i) => ktType(exprOf(i)))];
  lines.push(`open class ${t.name}${parents.length ? ` : ${parents.join(', ')}` : ''}`, '{');
  for (const p of t.properties ?? [])
    lines.push(
      ...comment(p.description, '    '),
      `    open var ${camelCase ? camel(p.name) : p.name}:${ktType(propertyExpr(p))}? = null`,
    );
  if (op?.returnType) {
    const returns = ktType(exprOf(op.returnType));
    // A generic response has no `.class`: Gson's TypeToken carries its type.
    const expression = returns.includes('<') ? `object : TypeToken<${returns}>(){}.type` : `${returns}::class.java`;
    lines.push(
      `    companion object { private val responseType = ${expression} }`,
      `    override fun getResponseType(): Any? = ${t.name}.responseType`,
    );
  }
  lines.push('}');
  return lines;
};

export const buildKotlinDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const { imports, blocks } = jvmClassBlocks(api, baseUrl, options, typeLines);
  return `${header(baseUrl, options, now)}\n\n${imports.map((i) => `import ${i}`).join('\n')}\n\n\n${blocks.map((b) => b.join('\n')).join('\n\n')}\n\n`;
};
