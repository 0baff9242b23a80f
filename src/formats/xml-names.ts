/**
 * DataContractSerializer naming rules shared by the XML reader and writer
 * (DataContractSerializer's rules): namespaces, member order, element names of collection items.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import { kindOf, pascalCase, refTypeName, resolveSchema, type Resolver } from './schema-walk.js';

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
export const DATACONTRACT_NS_BASE = 'http://schemas.datacontract.org/2004/07/';

/**
 * A DTO type's XML namespace: its schema's `x-xml-namespace`, else one built
 * from an `x-namespace` (CLR namespace), else the caller's fallback (the root's).
 */
export function typeNamespace(schema: JsonSchema | undefined, fallback: string): string {
  const explicit = schema?.['x-xml-namespace'];
  if (typeof explicit === 'string' && explicit) return explicit;
  const clr = schema?.['x-namespace'];
  if (typeof clr === 'string' && clr) return DATACONTRACT_NS_BASE + clr;
  return fallback;
}

/** Ordinal (UTF-16 code unit) comparison, as .NET's `StringComparer.Ordinal`. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Members as `[wireName, elementName]` in DataContract order: `x-xml-order`
 * (PascalCase names, from `[DataMember(Order=n)]`) first, the rest ordinally by name.
 */
export function orderedMembers(schema: JsonSchema): [wire: string, element: string][] {
  // `[DataMember(Name="x")]` names the element as written (`x-xml-name`); other members are PascalCase.
  const members = Object.entries(schema.properties ?? {}).map(([wire, member]): [string, string] => {
    const named = member['x-xml-name'];
    return [wire, typeof named === 'string' ? named : pascalCase(wire)];
  });
  const order = schema['x-xml-order'];
  const rank = new Map<string, number>();
  if (Array.isArray(order)) order.forEach((name, i) => rank.set(String(name).toLowerCase(), i));
  const rankOf = (element: string): number => rank.get(element.toLowerCase()) ?? Number.MAX_SAFE_INTEGER;
  return members.sort(([, a], [, b]) => rankOf(a) - rankOf(b) || ordinal(a, b));
}

/** xsd names DCS uses for primitive items in the Arrays namespace (`<d2p1:string>`). */
const XSD_BY_DOTNET: Record<string, string> = {
  string: 'string',
  char: 'char',
  bool: 'boolean',
  byte: 'unsignedByte',
  sbyte: 'byte',
  short: 'short',
  ushort: 'unsignedShort',
  int: 'int',
  uint: 'unsignedInt',
  long: 'long',
  ulong: 'unsignedLong',
  float: 'float',
  double: 'double',
  decimal: 'decimal',
  DateTime: 'dateTime',
  DateTimeOffset: 'DateTimeOffset',
  TimeSpan: 'duration',
  Guid: 'guid',
  object: 'anyType',
};

const XSD_BY_KIND: Partial<Record<string, string>> = {
  integer: 'int',
  number: 'decimal',
  boolean: 'boolean',
  date: 'dateTime',
  string: 'string',
};

/** The xsd name of a primitive schema (`int`, `long`, `string`, …). */
export function xsdName(schema: JsonSchema | undefined): string {
  const dotnet = schema?.['x-dotnet-type']?.replace(/\?$/, '');
  if (dotnet && XSD_BY_DOTNET[dotnet]) return XSD_BY_DOTNET[dotnet];
  if (schema?.format === 'uuid') return 'guid';
  if (schema?.format === 'duration') return 'duration';
  return XSD_BY_KIND[kindOf(schema)] ?? 'anyType';
}

/** Element name and namespace of one item of a list, from the (unresolved) items schema. */
export function itemElement(items: JsonSchema | undefined, resolve: Resolver | undefined, fallbackNs: string) {
  const resolved = resolveSchema(items, resolve);
  const kind = kindOf(resolved);
  const typeName = refTypeName(items?.$ref) ?? resolved?.title;
  // DTOs and enums are named by their contract (`<Order>`, `<SkuType>`), in their own namespace.
  if (typeName && (kind === 'object' || resolved?.enum)) {
    return { name: typeName, ns: typeNamespace(resolved, fallbackNs), schema: resolved };
  }
  if (kind === 'list')
    return { name: `ArrayOf${xsdName(resolveSchema(resolved?.items, resolve))}`, ns: ARRAYS_NS, schema: resolved };
  if (kind === 'map') return { name: 'ArrayOfKeyValueOfstringstring', ns: ARRAYS_NS, schema: resolved };
  return { name: xsdName(resolved), ns: ARRAYS_NS, schema: resolved };
}

/** `KeyValueOfstringstring`, `KeyValueOfstringint`, … for a string-keyed dictionary. */
export const keyValueName = (valueSchema: JsonSchema | undefined): string => `KeyValueOfstring${xsdName(valueSchema)}`;
