/**
 * Plain value → DataContractSerializer XML, the way ServiceStack writes it
 * (as DataContractSerializer writes it): compact, members in DataContract order, a nested DTO's members
 * in its own namespace under a generated `d{depth}p1` prefix, collections in the
 * `…/Serialization/Arrays` namespace.
 *
 * Absent members: a reference-typed member (string, DTO, list, dictionary,
 * nullable value) is written `<X i:nil="true" />`, which is what DCS emits for
 * null (its default EmitDefaultValue=true). An absent non-nullable value type
 * (int, bool, DateTime, enum, …) is omitted: nil would make a .NET client throw,
 * and DCS tolerates a missing member.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import type { CodecContext } from './codec.js';
import { escapeAttribute, escapeXml } from './xml-escape.js';
import { toPlainNumber, toXsdDateTime } from './scalars.js';
import { isPlainObject, kindOf, mapValueSchema, pascalCase, resolveSchema, type Resolver } from './schema-walk.js';
import {
  ARRAYS_NS,
  DATACONTRACT_NS_BASE,
  XSI_NS,
  itemElement,
  keyValueName,
  orderedMembers,
  typeNamespace,
} from './xml-names.js';

/** Namespace → prefix in scope ('' for the default namespace). */
type Scope = ReadonlyMap<string, string>;

const VALUE_KINDS = new Set(['integer', 'number', 'boolean', 'date']);

/** Whether DCS would write a default rather than nil for this member (see the module comment). */
function isValueType(schema: JsonSchema | undefined, resolved: JsonSchema | undefined): boolean {
  const dotnet = schema?.['x-dotnet-type'] ?? resolved?.['x-dotnet-type'];
  if (dotnet?.endsWith('?') || schema?.['x-nullable'] === true || resolved?.['x-nullable'] === true) return false;
  if (resolved?.enum || resolved?.format === 'uuid' || resolved?.format === 'duration') return true;
  return VALUE_KINDS.has(kindOf(resolved));
}

function scalarText(value: unknown, resolved: JsonSchema | undefined): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return toPlainNumber(value);
  const text = String(value);
  return kindOf(resolved) === 'date' ? toXsdDateTime(text) : text;
}

// Deeper values are cyclic or hostile; nothing a DTO needs comes close.
const MAX_WRITE_DEPTH = 64;

class XmlWriter {
  readonly #out: string[] = [];
  readonly #resolve: Resolver | undefined;
  readonly #rootNs: string;

  constructor(resolve: Resolver | undefined, rootNs: string) {
    this.#resolve = resolve;
    this.#rootNs = rootNs;
  }

  document(root: string, value: unknown, schema: JsonSchema | undefined): string {
    this.#out.push('<?xml version="1.0" encoding="utf-8"?>');
    const scope: Scope = new Map([[this.#rootNs, '']]);
    const rootAttrs = ` xmlns:i="${XSI_NS}" xmlns="${escapeAttribute(this.#rootNs)}"`;
    this.#element(root, value ?? {}, schema, this.#rootNs, scope, 1, rootAttrs);
    return this.#out.join('');
  }

  /** One element; `extraAttrs` carries the root's namespace declarations. */
  #element(
    name: string,
    value: unknown,
    schema: JsonSchema | undefined,
    ns: string,
    scope: Scope,
    depth: number,
    extraAttrs = '',
  ): void {
    if (depth > MAX_WRITE_DEPTH)
      throw new RangeError(`[ssmock] XML: value nested deeper than ${MAX_WRITE_DEPTH} levels`);
    const resolved = resolveSchema(schema, this.#resolve);
    const tag = qualify(name, ns, scope);
    if (value === null || value === undefined) {
      if (value === null || !isValueType(schema, resolved)) this.#out.push(`<${tag}${extraAttrs} i:nil="true" />`);
      return;
    }
    if (Array.isArray(value)) return this.#list(tag, extraAttrs, value, resolved, scope, depth);
    if (isPlainObject(value)) {
      if (kindOf(resolved) === 'map') return this.#map(tag, extraAttrs, value, resolved, scope, depth);
      return this.#object(tag, extraAttrs, value, resolved, ns, scope, depth);
    }
    this.#out.push(`<${tag}${extraAttrs}>${escapeXml(scalarText(value, resolved))}</${tag}>`);
  }

  #object(
    tag: string,
    attrs: string,
    value: Record<string, unknown>,
    schema: JsonSchema | undefined,
    ns: string,
    scope: Scope,
    depth: number,
  ): void {
    // A DTO's members live in its own namespace; a schemaless object's stay in the parent's.
    const childNs = schema?.properties ? typeNamespace(schema, this.#rootNs) : ns;
    const [decl, inner] = declare(childNs, scope, depth);
    this.#out.push(`<${tag}${attrs}${decl}>`);
    if (schema?.properties) {
      for (const [wire, element] of orderedMembers(schema)) {
        const member = Object.hasOwn(value, wire) ? value[wire] : undefined;
        this.#element(element, member, schema.properties[wire], childNs, inner, depth + 1);
      }
    } else {
      for (const [key, member] of Object.entries(value))
        this.#element(pascalCase(key), member, undefined, childNs, inner, depth + 1);
    }
    this.#out.push(`</${tag}>`);
  }

  #list(
    tag: string,
    attrs: string,
    items: unknown[],
    schema: JsonSchema | undefined,
    scope: Scope,
    depth: number,
  ): void {
    const item = itemElement(schema?.items, this.#resolve, this.#rootNs);
    const [decl, inner] = declare(item.ns, scope, depth);
    this.#out.push(`<${tag}${attrs}${decl}>`);
    for (const value of items) this.#element(item.name, value ?? null, schema?.items, item.ns, inner, depth + 1);
    this.#out.push(`</${tag}>`);
  }

  #map(
    tag: string,
    attrs: string,
    value: Record<string, unknown>,
    schema: JsonSchema | undefined,
    scope: Scope,
    depth: number,
  ): void {
    const valueSchema = mapValueSchema(schema);
    const [decl, inner] = declare(ARRAYS_NS, scope, depth);
    const pair = qualify(keyValueName(resolveSchema(valueSchema, this.#resolve)), ARRAYS_NS, inner);
    const key = qualify('Key', ARRAYS_NS, inner);
    this.#out.push(`<${tag}${attrs}${decl}>`);
    for (const [k, v] of Object.entries(value)) {
      this.#out.push(`<${pair}><${key}>${escapeXml(k)}</${key}>`);
      this.#element('Value', v ?? null, valueSchema, ARRAYS_NS, inner, depth + 2);
      this.#out.push(`</${pair}>`);
    }
    this.#out.push(`</${tag}>`);
  }
}

function qualify(name: string, ns: string, scope: Scope): string {
  const prefix = scope.get(ns);
  return prefix ? `${prefix}:${name}` : name;
}

/** Declares `ns` on the element at `depth` unless already in scope, the way DCS names prefixes. */
function declare(ns: string, scope: Scope, depth: number): [attr: string, scope: Scope] {
  if (scope.has(ns)) return ['', scope];
  const prefix = `d${depth}p1`;
  return [` xmlns:${prefix}="${escapeAttribute(ns)}"`, new Map(scope).set(ns, prefix)];
}

/**
 * Writes `value` as a DataContract XML document whose root is `ctx.typeName`.
 * Throws CodecError for text XML cannot carry (control characters).
 */
export function writeXml(value: unknown, ctx: CodecContext): string {
  const schema = resolveSchema(ctx.schema, ctx.resolve);
  // Without any namespace information the bare DataContract base is used: readers of ours ignore it.
  const rootNs = typeNamespace(schema, ctx.xmlNamespace ?? DATACONTRACT_NS_BASE);
  return new XmlWriter(ctx.resolve, rootNs).document(ctx.typeName, value, schema);
}
