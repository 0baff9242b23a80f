/**
 * `GET <base>/types/java`: the DTO source ServiceStack's `JavaGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos java <base>`), printed from the served `MetadataTypes` (README, "Metadata surface"). Its style:
 * the `/* Options: *\/` header, the default imports, one `public class dtos` holding a `public static class` per
 * type with public fields initialised to `null`, then (`AddPropertyAccessors`, `SettersReturnThis`, both on by
 * default) a getter and a fluent setter per field; `@Route(Path=…, Verbs=…)` and the exported `[Validate…]`
 * annotations, a repeated one commented out; requests implement `IReturn<T>` and keep the response class for the
 * client; `public static enum`. `ResponseStatus`, `ResponseError` and `ErrorResponse` come with the client library.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  authAttributes,
  exprOf,
  optionsHeader,
  propertyExpr,
  quote,
  routeAttributes,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import { annotationLine, DEFAULT_IMPORTS, jvmClassBlocks, repeatsCommented } from './kotlin-dtos.js';
import type { MetadataOperationType, MetadataType } from './metadata-types.js';

/** `JavaGenerator.TypeAliases`: boxed types, as every field may be null. */
const ALIASES: Record<string, string> = {
  String: 'String',
  Boolean: 'Boolean',
  Char: 'String',
  SByte: 'Byte',
  Byte: 'Short',
  'Byte[]': 'byte[]',
  Int16: 'Short',
  Int32: 'Integer',
  Int64: 'Long',
  UInt16: 'Integer',
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
const IDENTIFIER = /^[A-Za-z_]\w*$/;
/** `JavaGenerator.DefaultGlobalNamespace`: the class every DTO is nested in. */
const GLOBAL_CLASS = 'dtos';

/** A .NET type as Java names it (`ArrayList<Order>`, `HashMap<String,String>`, `Integer`). */
export const javaType = (t: TypeExpr): string => {
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return javaType(a);
  if (LISTS.has(t.name) && a) return `ArrayList<${javaType(a)}>`;
  if (DICTIONARIES.has(t.name) && a && b) return `HashMap<${javaType(a)},${javaType(b)}>`;
  if (t.name !== 'Byte[]' && t.name.endsWith('[]'))
    return `ArrayList<${javaType({ name: t.name.slice(0, -2), args: [] })}>`;
  const name = ALIASES[t.name] ?? t.name;
  return t.args.length ? `${name}<${t.args.map(javaType).join(', ')}>` : name;
};

const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['Package', ''],
      ['GlobalNamespace', GLOBAL_CLASS],
      ['AddPropertyAccessors', 'True'],
      ['SettersReturnThis', 'True'],
      ['AddServiceStackTypes', options.addServiceStackTypes === false ? 'False' : 'True'],
      ['AddResponseStatus', 'False'],
      ['AddDescriptionAsComments', 'True'],
      ['AddImplicitVersion', ''],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', (options.excludeTypes ?? []).join(',')],
      ['TreatTypesAsStrings', ''],
      ['DefaultImports', DEFAULT_IMPORTS.join(',')],
    ],
    now,
  );

const comment = (description: string | undefined): string[] =>
  description ? ['/**', `* ${description.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ')}`, '*/'] : [];
const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** One type's lines, indented as members of `public class dtos`. */
const typeLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
  camelCase: boolean,
): string[] => {
  const lines = [
    ...comment(t.description),
    ...repeatsCommented([...routeAttributes(op), ...authAttributes(op, authStyle)].map(annotationLine)),
  ];
  if (t.isEnum) {
    const names = t.enumNames ?? [];
    lines.push(`public static enum ${t.name}`, '{');
    names.forEach((n, i) => {
      const end = i === names.length - 1 ? ';' : ',';
      lines.push(
        IDENTIFIER.test(n) ? `    ${n}${end}` : `    @SerializedName(${quote(n)}) ${n.replace(/\W/g, '_')}${end}`,
      );
    });
    lines.push('}');
    return lines;
  }
  const base = t.inherits ? ` extends ${javaType(exprOf(t.inherits))}` : '';
  const interfaces = (t.implements ?? []).map((i) => javaType(exprOf(i)));
  lines.push(
    `public static class ${t.name}${base}${interfaces.length ? ` implements ${interfaces.join(', ')}` : ''}`,
    '{',
  );
  const fields = (t.properties ?? []).map((p) => ({
    name: camelCase ? camel(p.name) : p.name,
    type: javaType(propertyExpr(p)),
    description: p.description,
  }));
  for (const f of fields)
    lines.push(...comment(f.description).map((l) => `    ${l}`), `    public ${f.type} ${f.name} = null;`);
  if (fields.length) lines.push('');
  for (const f of fields) {
    const getter = f.type === 'Boolean' && !/^is/i.test(f.name) ? 'is' : 'get';
    lines.push(
      `    public ${f.type} ${getter}${pascal(f.name)}() { return ${f.name}; }`,
      `    public ${t.name} set${pascal(f.name)}(${f.type} value) { this.${f.name} = value; return this; }`,
    );
  }
  if (op?.returnType) {
    const returns = javaType(exprOf(op.returnType));
    // A generic response has no `.class`: Gson's TypeToken carries its type.
    const expression = returns.includes('<') ? `new TypeToken<${returns}>(){}.getType()` : `${returns}.class`;
    lines.push(
      `    private static Object responseType = ${expression};`,
      '    public Object getResponseType() { return responseType; }',
    );
  }
  lines.push('}');
  return lines;
};

export const buildJavaDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const { imports, blocks: classes } = jvmClassBlocks(api, baseUrl, options, typeLines);
  // Java's classes are nested in one `public class dtos`, so indented.
  const blocks = classes.map((lines) => lines.map((l) => (l ? `    ${l}` : l)).join('\n'));
  return `${header(baseUrl, options, now)}\n\n${imports.map((i) => `import ${i};`).join('\n')}\n\npublic class ${GLOBAL_CLASS}\n{\n\n${blocks.join('\n\n')}\n\n}\n\n`;
};
