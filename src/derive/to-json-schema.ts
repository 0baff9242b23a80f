/**
 * IR → JSON Schema (draft 2020-12), one schema per DTO type, `$ref`s by file
 * name so each API folder is self-contained. Property names are written in the
 * wire casing; `x-dotnet-type` keeps the .NET type for the codecs and faker.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import { schemaId } from '../schema/manifest.js';
import type { FlatType } from './flatten.js';
import { instanceName } from './flatten.js';
import { addValidatorKeywords } from './validator-keywords.js';
import type { Primitive, Property, TypeRef } from './model.js';

const DOTNET_NAMES: Record<Primitive, string> = {
  string: 'string',
  char: 'char',
  bool: 'bool',
  byte: 'byte',
  sbyte: 'sbyte',
  short: 'short',
  ushort: 'ushort',
  int: 'int',
  uint: 'uint',
  long: 'long',
  ulong: 'ulong',
  float: 'float',
  double: 'double',
  decimal: 'decimal',
  datetime: 'DateTime',
  datetimeoffset: 'DateTimeOffset',
  dateonly: 'DateOnly',
  timeonly: 'TimeOnly',
  timespan: 'TimeSpan',
  guid: 'Guid',
  bytes: 'byte[]',
  object: 'object',
};

const primitiveSchema = (name: Primitive): JsonSchema => {
  const x = { 'x-dotnet-type': DOTNET_NAMES[name] };
  switch (name) {
    case 'string':
    case 'char':
      return { type: 'string', ...x };
    case 'bool':
      return { type: 'boolean', ...x };
    case 'byte':
    case 'sbyte':
    case 'short':
    case 'ushort':
    case 'int':
    case 'uint':
      return { type: 'integer', format: 'int32', ...x };
    case 'long':
    case 'ulong':
      return { type: 'integer', format: 'int64', ...x };
    case 'float':
    case 'double':
      return { type: 'number', format: 'double', ...x };
    case 'decimal':
      return { type: 'number', ...x };
    case 'datetime':
    case 'datetimeoffset':
      return { type: 'string', format: 'date-time', ...x };
    case 'dateonly':
      return { type: 'string', format: 'date', ...x };
    case 'timeonly':
      return { type: 'string', format: 'time', ...x };
    case 'timespan':
      return { type: 'string', format: 'duration', ...x };
    case 'guid':
      return { type: 'string', format: 'uuid', ...x };
    case 'bytes':
      return { type: 'string', contentEncoding: 'base64', ...x } as JsonSchema;
    case 'object':
      return { ...x };
  }
};

export const wireName = (name: string, textCase: 'camel' | 'pascal'): string =>
  textCase === 'pascal' ? name : name.charAt(0).toLowerCase() + name.slice(1);

/** A property's JSON name: its `[DataMember(Name)]` as written (ServiceStack.Text never re-cases it), else its name in the API's case. */
export const propertyWireName = (
  prop: Pick<Property, 'name' | 'dataMemberName'>,
  textCase: 'camel' | 'pascal',
): string => prop.dataMemberName ?? wireName(prop.name, textCase);

export interface SchemaContext {
  api: string;
  textCase: 'camel' | 'pascal';
  /** True for a name with a schema of its own (DTO class, enum or built-in); false for generic parameters and unknowns. */
  hasSchema: (name: string) => boolean;
}

export const refSchema = (ref: TypeRef, ctx: SchemaContext): JsonSchema => {
  switch (ref.kind) {
    case 'primitive':
      // `List<int?>`: items that may be null (XML writes them nil).
      return ref.nullable ? { ...primitiveSchema(ref.name), 'x-nullable': true } : primitiveSchema(ref.name);
    case 'list':
      return { type: 'array', items: refSchema(ref.of, ctx) };
    case 'map':
      return { type: 'object', additionalProperties: refSchema(ref.value, ctx) };
    case 'named':
      // An unresolved generic parameter or an unknown type: anything goes.
      return ctx.hasSchema(ref.name) ? { $ref: `${instanceName(ref)}.json` } : {};
  }
};

const VALUE_DEFAULTS: Partial<Record<Primitive, unknown>> = {
  bool: false,
  byte: 0,
  sbyte: 0,
  short: 0,
  ushort: 0,
  int: 0,
  uint: 0,
  long: 0,
  ulong: 0,
  float: 0,
  double: 0,
  decimal: 0,
};

export const classSchema = (flat: FlatType, ctx: SchemaContext, extra: Partial<JsonSchema> = {}): JsonSchema => {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const prop of flat.properties) {
    const name = propertyWireName(prop, ctx.textCase);
    const schema = refSchema(prop.type, ctx);
    if (!prop.nullable && prop.type.kind === 'primitive' && VALUE_DEFAULTS[prop.type.name] !== undefined) {
      schema.default = VALUE_DEFAULTS[prop.type.name];
    }
    // `int?`, `DateTime?`: a value type that may be absent (XML writes it as i:nil rather than leaving it out).
    if (
      prop.nullable &&
      prop.type.kind === 'primitive' &&
      !['string', 'object', 'bytes', 'char'].includes(prop.type.name)
    )
      schema['x-nullable'] = true;
    if (prop.description) schema.description = prop.description;
    if (prop.validators) addValidatorKeywords(schema, prop.validators);
    // DataContractSerializer names the element by the alias too, not by the PascalCase of the JSON name.
    if (prop.dataMemberName) schema['x-xml-name'] = prop.dataMemberName;
    // Query strings, form fields and path variables bind the C# name as well as the alias (README, "derive types").
    if (prop.dataMemberName && prop.dataMemberName !== prop.name) schema['x-member-name'] = prop.name;
    properties[name] = schema;
    if (prop.required) required.push(name);
  }
  const schema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaId(ctx.api, flat.name),
    title: flat.name,
    type: 'object',
    properties,
    additionalProperties: false,
    ...extra,
  };
  if (flat.def.description) schema.description = flat.def.description;
  if (required.length) schema.required = required;
  if (flat.bases[0]) schema['x-inherits'] = flat.bases[0];
  const ifaces = [...new Set(flat.interfaces.map((i) => i.name))];
  if (ifaces.length) schema['x-implements'] = ifaces;
  return schema;
};

/** The schema of a response that is not a DTO: a string, bytes (`byte[]`, `Stream`), a list or a map. */
export const valueSchema = (name: string, ref: TypeRef, ctx: SchemaContext): JsonSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaId(ctx.api, name),
  title: name,
  ...refSchema(ref, ctx),
});

export const enumSchema = (
  name: string,
  values: string[],
  ctx: SchemaContext,
  extra: Partial<JsonSchema> = {},
  numbers?: number[],
): JsonSchema =>
  numbers?.length === values.length
    ? numericEnumSchema(name, values, numbers, ctx, extra)
    : {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: schemaId(ctx.api, name),
        title: name,
        type: 'string',
        enum: values,
        ...extra,
      };

/**
 * An enum ServiceStack writes as a number (`[Flags]`, `isEnumInt`): any integer from 0 to every flag set, as a
 * flags value may combine members; `x-enum-members` keeps the members for the metadata the mock serves.
 */
const numericEnumSchema = (
  name: string,
  values: string[],
  numbers: number[],
  ctx: SchemaContext,
  extra: Partial<JsonSchema>,
): JsonSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaId(ctx.api, name),
  title: name,
  type: 'integer',
  minimum: Math.min(0, ...numbers),
  maximum: numbers.reduce((all, n) => (n >= 0 && all >= 0 ? all | n : Math.max(all, n)), 0),
  'x-dotnet-type': 'int',
  'x-enum-members': values.map((member, i) => ({ name: member, value: numbers[i] })),
  ...extra,
});

/** JSON text with object keys sorted, except the members of `properties`, which keep declaration order. */
export const stableStringify = (value: unknown): string => JSON.stringify(sortKeys(value, false), null, 2) + '\n';

const sortKeys = (value: unknown, keepOrder: boolean): unknown => {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, false));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!keepOrder) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v, k === 'properties' && !keepOrder)]));
};
