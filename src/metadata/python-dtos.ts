/**
 * `GET <base>/types/python`: the DTO source ServiceStack's `PythonGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos python <base>`), printed from the served `MetadataTypes` (README, "Metadata surface").
 * Its style: the `""" Options: """` header (default lines marked `#`), the default imports, `@dataclass_json` +
 * `@dataclass` classes in dependency order (a class's bases and annotations must exist when it is defined),
 * snake_case fields `name: Optional[T] = None`, attributes as `# @Route(...)` comments, `IReturn[T]` markers
 * (a self-reference quoted, `IReturn["Customer"]`), `str, Enum` enums with UPPER_CASE members.
 * ServiceStack's own types come from the `servicestack` package: printed only with `AddServiceStackTypes=true`.
 */
import type { ApiSchemas } from '../schema/registry.js';
import { validateArgLists } from './validate-attributes.js';
import {
  authAttributes,
  chosenNames,
  declaredTypes,
  exprOf,
  isRequiredProperty,
  isServiceStackType,
  optionsHeader,
  orderByDeps,
  propertyExpr,
  quote,
  routeAttributes,
  snakeCase,
  type DtoAttribute,
  type DtoOptions,
  type TypeExpr,
} from './dto-options.js';
import {
  buildMetadataTypes,
  type MetadataOperationType,
  type MetadataProperty,
  type MetadataType,
} from './metadata-types.js';

/** `PythonGenerator.TypeAliases`. */
const ALIASES: Record<string, string> = {
  String: 'str',
  Boolean: 'bool',
  DateTime: 'datetime.datetime',
  DateOnly: 'datetime.datetime',
  DateTimeOffset: 'datetime.datetime',
  TimeSpan: 'datetime.timedelta',
  TimeOnly: 'datetime.timedelta',
  Guid: 'str',
  Char: 'str',
  Byte: 'int',
  SByte: 'int',
  Int16: 'int',
  Int32: 'int',
  Int64: 'int',
  UInt16: 'int',
  UInt32: 'int',
  UInt64: 'int',
  Single: 'float',
  Double: 'float',
  Decimal: 'Decimal',
  'Byte[]': 'bytes',
  Uri: 'str',
};
/** `PythonGenerator.DefaultValues`: what a required value-type field defaults to. */
const DEFAULT_VALUES: Record<string, string> = {
  Boolean: 'False',
  DateTime: 'datetime.datetime(1, 1, 1)',
  DateTimeOffset: 'datetime.datetime(1, 1, 1)',
  TimeSpan: 'datetime.timedelta()',
  Byte: '0',
  Int16: '0',
  Int32: '0',
  Int64: '0',
  UInt16: '0',
  UInt32: '0',
  UInt64: '0',
  Single: '0.0',
  Double: '0.0',
  Decimal: 'decimal.Decimal(0)',
};
const LISTS = new Set(['List', 'IList', 'ICollection', 'IEnumerable', 'HashSet', 'IReadOnlyList']);
const DICTIONARIES = new Set(['Dictionary', 'IDictionary', 'IReadOnlyDictionary', 'SortedDictionary']);
/** `PythonGenerator.DefaultImports`, in its order. */
const DEFAULT_IMPORTS = [
  'datetime',
  'decimal',
  'marshmallow.fields:*',
  'servicestack:*',
  'typing:*',
  'dataclasses:dataclass/field',
  'dataclasses_json:dataclass_json/LetterCase/Undefined/config',
  'enum:Enum/IntEnum',
];
const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield'.split(
    ' ',
  ),
);
const DATACLASS_JSON = '@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)';

/** A .NET type as a Python annotation (`Optional[int]`, `List[Order]`, `Dict[str, str]`). */
export const pyType = (t: TypeExpr): string => {
  const [a, b] = t.args;
  if (t.name === 'Nullable' && a) return `Optional[${pyType(a)}]`;
  if (LISTS.has(t.name) && a) return `List[${pyType(a)}]`;
  if (DICTIONARIES.has(t.name) && a && b) return `Dict[${pyType(a)}, ${pyType(b)}]`;
  if (t.name !== 'Byte[]' && t.name.endsWith('[]')) return `List[${pyType({ name: t.name.slice(0, -2), args: [] })}]`;
  const name = ALIASES[t.name] ?? t.name;
  return t.args.length ? `${name}[${t.args.map(pyType).join(', ')}]` : name;
};

/** `PythonGenerator.EnumNameFormat`: `PerDev` → `PER_DEV`; names already with `_` upper-cased; others kept. */
const enumMemberName = (name: string): string => {
  const safe = name.replace(/\W/g, '_').replace(/^(\d)/, '_$1');
  if (safe.includes('_')) return safe.toUpperCase();
  return /[a-z]/.test(safe) ? snakeCase(safe).toUpperCase() : safe;
};

const propertyName = (name: string): string => {
  const snake = snakeCase(name);
  return KEYWORDS.has(snake) ? `${snake}_` : snake;
};

const attributeLine = (a: DtoAttribute): string => `# @${a.name}(${a.args.map(quote).join(', ')})`;

/** Python's header: `PythonGenerator.GetCode`'s option lines with ServiceStack's defaults. */
const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '""" Options:', close: '"""', off: '#' },
    baseUrl,
    options,
    [
      ['GlobalNamespace', ''],
      ['AddServiceStackTypes', options.addServiceStackTypes === false ? 'False' : 'True'],
      ['AddResponseStatus', 'False'],
      ['AddImplicitVersion', ''],
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', options.excludeTypes.join(',')],
      ['DefaultImports', DEFAULT_IMPORTS.join(',')],
      ['DataClass', ''],
      ['DataClassJson', ''],
    ],
    now,
  );

const importLines = (): string[] => [
  ...DEFAULT_IMPORTS.map((i) => {
    const [from, names] = i.split(':');
    return names ? `from ${from} import ${names.replace(/\//g, ', ')}` : `import ${from}`;
  }),
  "Object = TypeVar('Object')",
];

const docstring = (text: string | undefined, indent: string): string[] =>
  text ? [`${indent}"""`, `${indent}${text.replace(/"""/g, "'''").replace(/[\r\n]+/g, ' ')}`, `${indent}"""`] : [];

/** `name: Optional[T] = None`; a value type `name: int = 0`; a required collection a `default_factory`. */
const fieldLine = (p: MetadataProperty): string => {
  const type = pyType(propertyExpr(p));
  const kind = exprOf({ name: p.type }).name;
  const required = DEFAULT_VALUES[p.type];
  // `IsPropertyOptional` is `!IsRequired()`: an `int` is required, so it gets its default rather than `None`.
  const declaration =
    p.isRequired && (LISTS.has(kind) || DICTIONARIES.has(kind))
      ? `${type} = field(default_factory=${DICTIONARIES.has(kind) ? 'dict' : 'list'})`
      : isRequiredProperty(p) && required
        ? `${type} = ${required}`
        : `${type.startsWith('Optional[') ? type : `Optional[${type}]`} = None`;
  const name = propertyName(p.name);
  // A keyword (`from`) gets a `_` and keeps its wire name through dataclasses_json's field config.
  return name.endsWith('_')
    ? `    ${name}: ${declaration.replace(/ = (.*)$/, (_m, d: string) => ` = field(metadata=config(field_name='${name.slice(0, -1)}'), default=${d})`)}`
    : `    ${name}: ${declaration}`;
};

const classLines = (
  t: MetadataType,
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
): string[] => {
  const lines = [...routeAttributes(op), ...authAttributes(op, authStyle)].map(attributeLine);
  if (t.isEnum) {
    lines.push(`class ${t.name}(str, Enum):`, ...docstring(t.description, '    '));
    for (const n of t.enumNames ?? []) lines.push(`    ${enumMemberName(n)} = '${n.replace(/'/g, "\\'")}'`);
    if (!t.enumNames?.length) lines.push('    pass');
    return lines;
  }
  // A class referring to itself in its bases (`Customer : IReturn<Customer>`) names itself as a string.
  const parent = (p: { name: string; genericArgs?: string[] }): string =>
    pyType(exprOf(p)).replace(new RegExp(`\\[${t.name}\\]`), `["${t.name}"]`);
  const parents = [...(t.inherits ? [t.inherits] : []), ...(t.implements ?? [])].map(parent);
  lines.push(DATACLASS_JSON, '@dataclass', `class ${t.name}${parents.length ? `(${parents.join(', ')})` : ''}:`);
  lines.push(...docstring(t.description, '    '));
  for (const p of t.properties ?? [])
    lines.push(
      ...validateArgLists(p).map((a) => `    # @Validate(${a})`),
      fieldLine(p),
      ...docstring(p.description, '    '),
    );
  if (!t.properties?.length) lines.push('    pass');
  return lines;
};

export const buildPythonDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const metadata = buildMetadataTypes(api, baseUrl);
  const d = declaredTypes(metadata);
  const keep = chosenNames(d, options);
  const chosen = [...d.types.values()].filter(
    (t) => keep.has(t.name) && (options.addServiceStackTypes === true || !isServiceStackType(t)),
  );
  const blocks = orderByDeps(d, chosen).map((t) => {
    const op = d.opByRequest.get(t.name);
    const style = api.manifest.operations.find((o) => o.request === t.name)?.auth.style;
    return classLines(t, op, style).join('\n');
  });
  return `${header(baseUrl, options, now)}\n\n${importLines().join('\n')}\n\n\n${blocks.join('\n\n\n')}\n\n`;
};
