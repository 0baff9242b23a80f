/**
 * Generic type expressions as each generator prints them, parsed into TypeRefs:
 * `Optional[List[Order]]`, `Dict[str, str]`, `ArrayList<Order>`, `Order[]`,
 * `{ [index:string]: string; }`, `[Order]`, `[String:String]`, `Int?`.
 */
import type { TypeRef } from '../model.js';
import { LIST_NAMES, MAP_NAMES, NULL_NAMES, primitiveFor, type DtoSyntax } from './type-names.js';

/** A parsed type: the TypeRef and whether the outermost type was marked optional/nullable. */
export interface ParsedType {
  type: TypeRef;
  nullable: boolean;
}

/** A type with its own name kept (base classes: `List<Rockstar>` stays `List`, not a list TypeRef). */
export interface TypeHead {
  name: string;
  args?: TypeRef[];
}

// Qualified names as the C# parser hands them over, spaced (`Outer . Inner`, `global : : Ns . T`) or not, are one token.
const TOKEN =
  /\s*(?:([A-Za-z_$][\w$]*(?:\s*(?:\.|:\s*:)\s*[A-Za-z_$][\w$]*)*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+)|(\S))/y;

/** `global::Ns.Outer . Inner` → `Ns.Outer.Inner`: one spelling for a qualified name. */
const qualifiedName = (raw: string): string =>
  raw
    .replace(/\s+/g, '')
    .replace(/:+/g, '.')
    .replace(/^global\./, '');

function tokenizeType(text: string): string[] | undefined {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) break;
    const tok = (m[1] && qualifiedName(m[1])) ?? m[2] ?? m[3] ?? m[4];
    if (tok === undefined) {
      if (text.slice(start).trim() === '') break;
      return undefined;
    }
    out.push(tok);
  }
  return out;
}

/** Parses `List[Order]`, `Optional[Dict[str, str]]`, `ArrayList<Order>`, `Order[]`, `{ [index:string]: T; }`, `[String:T]`, `Int?`. */
export function parseTypeExpr(text: string, syntax: DtoSyntax): ParsedType | undefined {
  const toks = tokenizeType(text);
  if (!toks || toks.length === 0) return undefined;
  const p = new TypeParser(toks, syntax);
  const result = p.union();
  return result && p.done() ? result : undefined;
}

/** Parses a base-class or interface reference, keeping its own name: `QueryDb<Order>`, `PutOperation[TResponse]`. */
export function parseTypeHead(text: string, syntax: DtoSyntax): TypeHead | undefined {
  const toks = tokenizeType(text);
  if (!toks || toks.length === 0) return undefined;
  const p = new TypeParser(toks, syntax);
  const head = p.head();
  if (!head || !p.done()) return undefined;
  return head.rawArgs.length > 0 ? { name: simpleName(head.name), args: head.args } : { name: simpleName(head.name) };
}

class TypeParser {
  private pos = 0;
  constructor(
    private readonly toks: string[],
    private readonly syntax: DtoSyntax,
  ) {}

  done(): boolean {
    return this.pos === this.toks.length;
  }

  private peek(): string | undefined {
    return this.toks[this.pos];
  }

  private eat(tok: string): boolean {
    if (this.toks[this.pos] !== tok) return false;
    this.pos++;
    return true;
  }

  /** `A | B | null`: null members make the result nullable; several real members collapse to object. */
  union(): ParsedType | undefined {
    const members: ParsedType[] = [];
    let nullable = false;
    do {
      const name = this.peek();
      if (name !== undefined && NULL_NAMES.has(name)) {
        this.pos++;
        nullable = true;
        continue;
      }
      const m = this.postfix();
      if (!m) return undefined;
      members.push(m);
    } while (this.eat('|'));
    const first = members[0];
    // A lone `None`/`null` (an argument of `Union[X, None]`) stands for "no value".
    if (!first) return nullable ? { type: { kind: 'named', name: 'None' }, nullable } : undefined;
    if (members.length === 1) return { type: first.type, nullable: nullable || first.nullable };
    const allStrings = members.every((m) => m.type.kind === 'primitive' && m.type.name === 'string');
    return { type: { kind: 'primitive', name: allStrings ? 'string' : 'object' }, nullable };
  }

  private postfix(): ParsedType | undefined {
    let cur = this.primary();
    while (cur) {
      if (this.peek() === '[' && this.toks[this.pos + 1] === ']') {
        this.pos += 2;
        const byteArray = cur.type.kind === 'primitive' && (cur.type.name === 'byte' || cur.type.name === 'sbyte');
        cur = {
          type: byteArray ? { kind: 'primitive', name: 'bytes' } : { kind: 'list', of: argumentRef(cur, this.syntax) },
          nullable: false,
        };
      } else if (this.eat('?')) {
        cur = { type: cur.type, nullable: true };
      } else if (!this.eat('!')) {
        return cur;
      }
    }
    return cur;
  }

  private primary(): ParsedType | undefined {
    const tok = this.peek();
    if (tok === undefined) return undefined;
    if (tok === '(') {
      this.pos++;
      const inner = this.union();
      return inner && this.eat(')') ? inner : undefined;
    }
    if (tok === '[' && this.syntax === 'swift') return this.swiftCollection();
    if (tok === '{' && this.syntax === 'typescript') return this.indexSignature();
    if (/^["']/.test(tok)) {
      this.pos++;
      // Python forward references (`IReturn["Customer"]`) name a type; TS literal types are strings.
      const inner = tok.slice(1, -1);
      return this.syntax === 'python' ? resolve(inner, [], this.syntax) : { type: str(), nullable: false };
    }
    const head = this.head();
    return head && resolve(head.name, head.rawArgs, this.syntax);
  }

  head(): (TypeHead & { rawArgs: ParsedType[] }) | undefined {
    const name = this.peek();
    if (name === undefined || !/^[A-Za-z_$]/.test(name)) return undefined;
    this.pos++;
    const open = this.syntax === 'python' ? '[' : '<';
    const close = this.syntax === 'python' ? ']' : '>';
    if (this.peek() !== open || (open === '[' && this.toks[this.pos + 1] === ']')) return { name, rawArgs: [] };
    this.pos++;
    const rawArgs: ParsedType[] = [];
    do {
      const arg = this.argument();
      if (!arg) return undefined;
      rawArgs.push(arg);
    } while (this.eat(','));
    if (!this.eat(close)) return undefined;
    return { name, args: rawArgs.map((a) => argumentRef(a, this.syntax)), rawArgs };
  }

  /** A generic argument; Swift and TS constraints (`T : Codable`, `T extends X`) are dropped. */
  private argument(): ParsedType | undefined {
    const arg = this.union();
    if (arg && (this.peek() === ':' || this.peek() === 'extends') && this.syntax !== 'python') {
      this.pos++;
      if (!this.union()) return undefined;
    }
    return arg;
  }

  private swiftCollection(): ParsedType | undefined {
    this.pos++;
    const first = this.union();
    if (!first) return undefined;
    if (this.eat(':')) {
      const value = this.union();
      return value && this.eat(']')
        ? { type: { kind: 'map', key: first.type, value: value.type }, nullable: false }
        : undefined;
    }
    if (!this.eat(']')) return undefined;
    const isBytes = first.type.kind === 'primitive' && first.type.name === 'byte';
    return { type: isBytes ? { kind: 'primitive', name: 'bytes' } : { kind: 'list', of: first.type }, nullable: false };
  }

  /** `{ [index:string]: T; }` — the TypeScript generator's Dictionary. */
  private indexSignature(): ParsedType | undefined {
    this.pos++;
    if (!this.eat('[')) return undefined;
    this.pos++; // the index variable's name
    if (!this.eat(':')) return undefined;
    const key = this.union();
    if (!key || !this.eat(']') || !this.eat(':')) return undefined;
    const value = this.union();
    if (!value) return undefined;
    this.eat(';');
    this.eat(',');
    return this.eat('}') ? { type: { kind: 'map', key: key.type, value: value.type }, nullable: false } : undefined;
  }
}

function str(): TypeRef {
  return { kind: 'primitive', name: 'string' };
}

/** Primitives that are .NET reference types: `string?` inside a generic argument says nothing new. */
const REFERENCE_PRIMITIVES = new Set(['string', 'object', 'bytes']);

/** The .NET languages, where a `?` inside a generic argument is the .NET type's (Dart prints one on every map value). */
const DOTNET_SYNTAX = new Set<DtoSyntax>(['csharp', 'fsharp', 'vbnet']);

/**
 * A generic argument or array item keeps its nullability when it is a value type (`List<int?>`,
 * `Dictionary<string, List<Nullable<int>>>`, `int?[]`): such a list may hold nulls.
 */
function argumentRef(arg: ParsedType, syntax: DtoSyntax): TypeRef {
  const t = arg.type;
  return arg.nullable && DOTNET_SYNTAX.has(syntax) && t.kind === 'primitive' && !REFERENCE_PRIMITIVES.has(t.name)
    ? { ...t, nullable: true }
    : t;
}

function simpleName(name: string): string {
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
}

const OBJECT: TypeRef = { kind: 'primitive', name: 'object' };

/** A name with its generic arguments → TypeRef: wrappers, collections, primitives, then DTO names. */
function resolve(fullName: string, args: ParsedType[], syntax: DtoSyntax): ParsedType {
  const name = simpleName(fullName);
  const special = wrapper(name, args) ?? collection(name, args, syntax);
  if (special) return special;
  if (args.length > 0) return { type: { kind: 'named', name, args: args.map((a) => a.type) }, nullable: false };
  const prim = primitiveFor(fullName, syntax);
  if (prim) return { type: { kind: 'primitive', name: prim }, nullable: false };
  return { type: { kind: 'named', name }, nullable: NULL_NAMES.has(name) };
}

/** `Optional[X]`, `Nullable<X>`, `Union[X, None]`. */
function wrapper(name: string, args: ParsedType[]): ParsedType | undefined {
  const [a0] = args;
  if (!a0) return undefined;
  if ((name === 'Optional' || name === 'Nullable') && args.length === 1) return { type: a0.type, nullable: true };
  if (name !== 'Union') return undefined;
  const real = args.filter((a) => !(a.type.kind === 'named' && NULL_NAMES.has(a.type.name)));
  const nullable = real.length < args.length;
  const [only] = real;
  return real.length === 1 && only ? { type: only.type, nullable } : { type: OBJECT, nullable };
}

/** Lists and maps under any of their names; TS `Dictionary<T>` and untyped maps key by string. */
function collection(name: string, args: ParsedType[], syntax: DtoSyntax): ParsedType | undefined {
  const [a0, a1] = args;
  if (LIST_NAMES.has(name))
    return { type: { kind: 'list', of: a0 ? argumentRef(a0, syntax) : OBJECT }, nullable: false };
  if (!MAP_NAMES.has(name)) return undefined;
  const key = a1 ? (a0?.type ?? str()) : str();
  const value = a1 ?? a0;
  return { type: { kind: 'map', key, value: value ? argumentRef(value, syntax) : OBJECT }, nullable: false };
}
