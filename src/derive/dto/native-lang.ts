/**
 * What the Go, Rust and Zig DTO parsers share. Their generators (ServiceStack's
 * NativeTypes/Go, Rust, Zig) print no interfaces and no base classes: a request's
 * response and verb are methods or declarations beside it, AutoQuery bases are
 * library types with their type arguments dropped, and attributes are comments.
 * This module reads their type expressions and puts those facts back in C#'s shape.
 */
import type { Property, TypeDef, TypeRef } from '../model.js';
import { attributeFromComment, type Attribute } from './attributes.js';
import { addResponseType, docDescription, type ParseContext } from './decl.js';
import type { Token } from './tokenizer.js';
import type { ParsedType } from './type-expr.js';
import { MAP_NAMES, primitiveFor } from './type-names.js';

export type NativeSyntax = 'go' | 'rust' | 'zig';

const OBJECT: TypeRef = { kind: 'primitive', name: 'object' };

/** Parses a type as the generator printed it (`*int`, `map[string]string`, `Option<Vec<i32>>`, `?[]const u8`). */
export function parseNativeType(tokens: Token[], syntax: NativeSyntax): ParsedType | undefined {
  const p = new NativeTypeParser(tokens, syntax);
  const type = p.type();
  return type && p.done() ? type : undefined;
}

/** The type name and arguments of a base (`ss.QueryDb`, `AuditBase`, `KeyValuePair[string, string]`). */
export function nativeTypeHead(tokens: Token[], syntax: NativeSyntax): TypeDef['inherits'] {
  const parsed = parseNativeType(tokens, syntax);
  if (!parsed) return undefined;
  const t = parsed.type;
  if (t.kind === 'list') return { name: 'List', args: [t.of] };
  if (t.kind === 'map') return { name: 'Dictionary', args: [t.key, t.value] };
  if (t.kind === 'named') return t.args?.length ? { name: t.name, args: t.args } : { name: t.name };
  return undefined;
}

class NativeTypeParser {
  private pos = 0;
  constructor(
    private readonly toks: Token[],
    private readonly syntax: NativeSyntax,
  ) {}

  done(): boolean {
    return this.pos === this.toks.length;
  }

  private peek(offset = 0): string | undefined {
    return this.toks[this.pos + offset]?.text;
  }

  private eat(text: string): boolean {
    const t = this.toks[this.pos];
    if (!t || t.text !== text || t.kind === 'string') return false;
    this.pos++;
    return true;
  }

  type(): ParsedType | undefined {
    if (this.syntax !== 'rust' && (this.eat('*') || this.eat('?'))) {
      // Go prints an optional property as a pointer (`*int`), Zig as an optional (`?i32`).
      const inner = this.type();
      return inner && { type: inner.type, nullable: true };
    }
    if (this.syntax === 'rust' && this.eat('&')) {
      this.eat('mut');
      return this.type();
    }
    if (this.syntax !== 'rust' && this.peek() === '[') return this.slice();
    if (this.syntax === 'go' && this.peek() === 'map' && this.peek(1) === '[') return this.goMap();
    if (this.syntax === 'go' && this.peek() === 'interface' && this.peek(1) === '{' && this.peek(2) === '}') {
      this.pos += 3;
      return { type: OBJECT, nullable: false };
    }
    return this.named();
  }

  /** `[]T`, Go `[N]T`, Zig `[]const T`; a slice of bytes is a byte array, Zig's `[]const u8` a string. */
  private slice(): ParsedType | undefined {
    this.pos++;
    if (this.toks[this.pos]?.kind === 'number') this.pos++;
    if (!this.eat(']')) return undefined;
    const isConst = this.syntax === 'zig' && this.eat('const');
    const of = this.type();
    if (!of) return undefined;
    const isByte = of.type.kind === 'primitive' && of.type.name === 'byte' && !of.nullable;
    if (isByte && isConst) return { type: { kind: 'primitive', name: 'string' }, nullable: false };
    if (isByte) return { type: { kind: 'primitive', name: 'bytes' }, nullable: false };
    return { type: { kind: 'list', of: itemRef(of) }, nullable: false };
  }

  private goMap(): ParsedType | undefined {
    this.pos += 2;
    const key = this.type();
    if (!key || !this.eat(']')) return undefined;
    const value = this.type();
    return value && { type: { kind: 'map', key: key.type, value: itemRef(value) }, nullable: false };
  }

  /** A (qualified) name with its generic arguments: `ss.QueryResponse[T]`, `HashMap<K, V>`, `ss.QueryResponse(T)`. */
  private named(): ParsedType | undefined {
    const first = this.toks[this.pos];
    if (first?.kind !== 'ident') return undefined;
    this.pos++;
    let full = first.text;
    while (true) {
      if (
        this.syntax === 'rust' &&
        this.peek() === ':' &&
        this.peek(1) === ':' &&
        this.toks[this.pos + 2]?.kind === 'ident'
      ) {
        full += `.${this.peek(2)}`;
        this.pos += 3;
      } else if (this.syntax !== 'rust' && this.peek() === '.' && this.toks[this.pos + 1]?.kind === 'ident') {
        full += `.${this.peek(1)}`;
        this.pos += 2;
      } else break;
    }
    const open = { go: '[', rust: '<', zig: '(' }[this.syntax];
    const close = { go: ']', rust: '>', zig: ')' }[this.syntax];
    const args: ParsedType[] = [];
    if (this.peek() === open && !(this.syntax === 'go' && this.peek(1) === ']')) {
      this.pos++;
      do {
        const arg = this.type();
        if (!arg) return undefined;
        args.push(arg);
      } while (this.eat(','));
      if (!this.eat(close)) return undefined;
    }
    return this.resolve(full, args);
  }

  private resolve(full: string, args: ParsedType[]): ParsedType {
    const name = full.slice(full.lastIndexOf('.') + 1);
    const [a0, a1] = args;
    if (this.syntax === 'rust' && a0 && args.length === 1) {
      if (name === 'Option') return { type: a0.type, nullable: true };
      if (name === 'Box') return a0;
      if (name === 'Vec') {
        const isByte = a0.type.kind === 'primitive' && a0.type.name === 'byte';
        return {
          type: isByte ? { kind: 'primitive', name: 'bytes' } : { kind: 'list', of: itemRef(a0) },
          nullable: false,
        };
      }
    }
    if (a0 && a1 && args.length === 2 && (MAP_NAMES.has(name) || name === 'BTreeMap')) {
      return { type: { kind: 'map', key: a0.type, value: itemRef(a1) }, nullable: false };
    }
    if (args.length > 0) return { type: { kind: 'named', name, args: args.map(itemRef) }, nullable: false };
    const prim = primitiveFor(full, this.syntax);
    return { type: prim ? { kind: 'primitive', name: prim } : { kind: 'named', name }, nullable: false };
  }
}

/** Primitives that are .NET reference types: optional anyway, their `*`/`Option`/`?` says nothing of the items. */
const REFERENCE_PRIMITIVES = new Set(['string', 'object', 'bytes']);

/**
 * A list item, map value or generic argument keeps its nullability when it is a value type: these generators print
 * `int?[]` as `[]*int`, `Vec<Option<i32>>`, `[]?i32` (and `List<int?>` as the last two), so the list may hold nulls.
 */
function itemRef(item: ParsedType): TypeRef {
  const t = item.type;
  return item.nullable && t.kind === 'primitive' && !REFERENCE_PRIMITIVES.has(t.name) ? { ...t, nullable: true } : t;
}

/**
 * Attributes printed as comments: `// @Route("/x", "GET")`, `// @ValidateIsAuthenticated()` (Go, Zig)
 * and, with `bare`, Rust's `// Route("/x", "GET")` and `// ValidateIsAuthenticated` (no `@`).
 */
export function nativeCommentAttributes(comments: Token[], bare: boolean): Attribute[] {
  const out: Attribute[] = [];
  for (const c of comments) {
    const text = bare && /^\s*[A-Z]\w*\s*(\(.*\))?\s*$/s.test(c.text) ? `@${c.text.trim()}` : c.text;
    const attr = attributeFromComment(text, c.line);
    if (attr) out.push(attr);
  }
  return out;
}

/** Go's `/** @description Find Bookings *\/`, else a `///` or `/** *\/` doc comment. */
export function nativeDescription(comments: Token[]): string | undefined {
  for (const c of comments) {
    const m = /^\*?\s*@description\s+([\s\S]*?)\s*\*?\s*$/.exec(c.text);
    if (m?.[1]) return m[1];
  }
  return docDescription(comments);
}

/** `1`, `-1`: a member's value after its `=`; undefined for anything else. */
export function intLiteral(tokens: Token[]): number | undefined {
  const negative = tokens[0]?.text === '-';
  const [digits, ...rest] = negative ? tokens.slice(1) : tokens;
  if (digits?.kind !== 'number' || rest.length > 0 || !/^(0x[0-9a-f]+|\d+)$/i.test(digits.text)) return undefined;
  return (negative ? -1 : 1) * Number(digits.text);
}

/**
 * The members' numbers of an enum printed as integers (Go `type X int`, Rust `#[repr(i32)]`, Zig `enum(i32)`):
 * ServiceStack writes it as numbers. A member printed without a value is one more than the one before, as in C#.
 */
export function setEnumNumbers(def: TypeDef, values: (number | undefined)[]): void {
  const numbers: number[] = [];
  for (const [i, v] of values.entries()) numbers.push(v ?? (numbers[i - 1] ?? -1) + 1);
  if (numbers.length > 0 && numbers.length === def.enumValues?.length) def.enumNumbers = numbers;
}

/**
 * The wire name a generator printed, kept as the property's `[DataMember(Name)]` alias when camelCasing the C#
 * name would not give it back (`tool_calls` for `ToolCalls`, `Aliased`): these generators always print the
 * camelCased name otherwise.
 */
export function keepWireName(prop: Property, wire: string | undefined): void {
  if (!wire || prop.dataMemberName) return;
  if (wire !== prop.name.charAt(0).toLowerCase() + prop.name.slice(1)) prop.dataMemberName = wire;
}

const CLASS_INDEX = new WeakMap<ParseContext, { seen: number; byName: Map<string, TypeDef> }>();

/** The class declared so far under `name`: Go methods and Rust impls follow the type they belong to. */
export function declaredClass(ctx: ParseContext, name: string | undefined): TypeDef | undefined {
  const index = CLASS_INDEX.get(ctx) ?? { seen: 0, byName: new Map<string, TypeDef>() };
  CLASS_INDEX.set(ctx, index);
  for (; index.seen < ctx.types.length; index.seen++) {
    const t = ctx.types[index.seen] as TypeDef;
    if (t.kind === 'class' && !index.byName.has(t.name)) index.byName.set(t.name, t);
  }
  return name === undefined ? undefined : index.byName.get(name);
}

const VERB_MARKERS: Record<string, string> = {
  GET: 'IGet',
  POST: 'IPost',
  PUT: 'IPut',
  PATCH: 'IPatch',
  DELETE: 'IDelete',
};

/** The verb a request declares for its client (Go `HttpMethod()`, Rust `VERB`, Zig `ss_verb`) as C#'s marker. */
export function addVerbMarker(def: TypeDef, verb: string): void {
  const marker = VERB_MARKERS[verb.toUpperCase()];
  if (!marker) return;
  const impls = (def.implements ??= []);
  if (!impls.some((i) => i.name === marker)) impls.push({ name: marker });
}

/** A request that declares no response (no `CreateResponse()`, no `impl IReturn`) returns itself. */
export function addSelfResponse(def: TypeDef): void {
  const impls = def.implements ?? [];
  if (impls.some((i) => i.name === 'IReturn' || i.name === 'IReturnVoid')) return;
  addResponseType(def, { kind: 'named', name: def.name });
}

export function addReturnVoid(def: TypeDef): void {
  const impls = (def.implements ??= []);
  if (!impls.some((i) => i.name === 'IReturn' || i.name === 'IReturnVoid')) impls.push({ name: 'IReturnVoid' });
}

export { addResponseType };

const QUERY_BASES = new Set(['QueryDb', 'QueryData']);
/** QueryBase's members, as a generator that flattens bases (Zig) prints them on every query. */
const QUERY_BASE_MEMBERS = ['Skip', 'Take', 'OrderBy', 'OrderByDesc', 'Include', 'Fields', 'Meta'];

/** `[T]` of the `IReturn<QueryResponse<T>>` the request declares, if it does. */
function queryResponseArgs(def: TypeDef): TypeRef[] | undefined {
  const ret = def.implements?.find((i) => i.name === 'IReturn')?.args?.[0];
  return ret?.kind === 'named' && ret.name === 'QueryResponse' && ret.args?.length === 1 ? ret.args : undefined;
}

/**
 * Go and Rust drop `QueryDb<T>`'s argument (`ss.QueryDb`, `QueryDb`) and Zig flattens QueryBase's members
 * into the request; the response, `QueryResponse<T>`, still names T. `QueryDb<From, Into>` reads as
 * `QueryDb<Into>`: From is printed nowhere.
 */
export function completeQueryBase(def: TypeDef): void {
  const into = queryResponseArgs(def);
  const params = def.genericParams ?? [];
  if (def.inherits && QUERY_BASES.has(def.inherits.name) && !def.inherits.args?.length) {
    // A generic base of the API's own (`QueryDbTenant[From any, Into any]` embedding `ss.QueryDb`) passes its parameters on.
    const passed =
      params.length === 1 || params.length === 2 ? params.map((name): TypeRef => ({ kind: 'named', name })) : undefined;
    const args = into ?? passed;
    if (args) def.inherits = { name: def.inherits.name, args };
    return;
  }
  if (!into) return;
  // Paging and ordering are what mark a flattened QueryBase (ZigGenerator's docs abridge the other three).
  const names = new Set(def.properties.map((p) => p.name));
  if (def.inherits || !['Skip', 'Take', 'OrderBy'].every((m) => names.has(m))) return;
  def.inherits = { name: 'QueryDb', args: into };
  def.properties = def.properties.filter((p) => !QUERY_BASE_MEMBERS.includes(p.name));
}
