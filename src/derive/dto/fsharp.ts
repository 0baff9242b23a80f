/**
 * F# DTOs as ServiceStack's FSharpGenerator prints them (`/types/fsharp`, and the
 * `&lang=fsharp` DTO section of a metadata page):
 *
 *   namespace MyApp.ServiceModel
 *
 *   open ServiceStack
 *
 *       [<Route("/bookings", "GET")>]
 *       [<AllowNullLiteral>]
 *       type QueryBookings() =
 *           inherit QueryDb<Booking>()
 *           interface IReturn<QueryResponse<Booking>>
 *           member val Id:Nullable<Int32> = new Nullable<Int32>() with get,set
 *
 *       type SkuType =
 *           | Product = 0
 *
 * A class has a `()` constructor; an interface has `abstract` members; an enum has `|` cases.
 * Also read: hand-written records (`{ Name: string }`), `val mutable` fields, `T option`,
 * `'T` parameters. Property types are .NET names, so nullability follows C#'s rules.
 */
import type { DtoParser, Property, TypeDef } from '../model.js';
import { readAngleAttributes } from './angle-attributes.js';
import type { Attribute } from './attributes.js';
import { indexOfText, skipBalanced, textOf, tokenize, type Token } from './brace-scanner.js';
import { applyBases, decorateType, newProperty, newType, ParseContext, readTypeName } from './decl.js';
import {
  logicalLines,
  settleClrNullability,
  settleFlagsEnums,
  type EnumMemberText,
  type JoinsLine,
  type LogicalLine,
} from './logical-lines.js';
import { parseTypeExpr, type ParsedType } from './type-expr.js';

const ACCESS = new Set(['private', 'internal', 'public']);
/** Members that carry no wire data: methods, constructors, bindings; their bodies are skipped by indentation. */
const PLUMBING = new Set(['static', 'override', 'default', 'new', 'let', 'do', 'use', 'private', 'internal']);
/** Postfix type applications: `int option`, `string list`, `Order array`. */
const POSTFIX = new Set(['option', 'voption', 'list', 'array', 'seq', 'ResizeArray']);
/** Generic collection names F# code uses that read as a list. */
const LIST_ALIASES = new Set(['ResizeArray', 'seq', 'list', 'array']);
const OPTION_ALIASES = new Set(['option', 'Option', 'voption', 'ValueOption']);

interface OpenType {
  def: TypeDef;
  indent: number;
  /** Written with a `()` constructor or as a record: a class, whatever its members. */
  isClass: boolean;
}

class FsContext extends ParseContext {
  namespace?: string;
  current?: OpenType;
  /** Properties written without a nullable marker; settled once every enum is known. */
  readonly implicit: Property[] = [];
  /** Lines deeper than this belong to a skipped member (a method body, an `interface ... with` block). */
  skipDeeperThan?: number;
  pendingAttrs: Attribute[] = [];
  pendingComments: Token[] = [];
  /** `[<Flags>]` enums and their members, numbered once read. */
  readonly flags = new Map<TypeDef, EnumMemberText[]>();
}

export const parseFSharpDtos: DtoParser = (source, file, firstLine) => {
  const { tokens, diagnostics } = tokenize(source, file, firstLine, { parenStarComments: true, preprocessor: true });
  const ctx = new FsContext(file, 'fsharp', diagnostics);
  // Open brackets carry a line on (records, long attribute lists) while the next lines are indented deeper.
  const joins: JoinsLine = (line, depth, indent) => depth > 0 && indent > line.indent;
  for (const line of logicalLines(tokens, source, firstLine, joins)) statement(ctx, line);
  settleClrNullability(ctx.types, ctx.implicit);
  settleFlagsEnums(ctx, ctx.flags);
  return ctx.result();
};

function statement(ctx: FsContext, line: LogicalLine): void {
  if (ctx.skipDeeperThan !== undefined) {
    if (line.indent > ctx.skipDeeperThan) return;
    ctx.skipDeeperThan = undefined;
  }
  const { tokens } = line;
  const { attrs, next } = readAngleAttributes(tokens, 0, true);
  if (next >= tokens.length) {
    // `[<Route(...)>]` on its own line: it belongs to the declaration below.
    ctx.pendingAttrs.push(...attrs);
    ctx.pendingComments.push(...line.comments);
    return;
  }
  const decl = { attrs: [...ctx.pendingAttrs, ...attrs], comments: [...ctx.pendingComments, ...line.comments] };
  ctx.pendingAttrs = [];
  ctx.pendingComments = [];
  const word = tokens[next]?.text ?? '';
  if (endsBody(ctx.current, line, word)) ctx.current = undefined;
  switch (word) {
    case 'namespace':
    case 'module':
      container(ctx, tokens, next);
      return;
    case 'open':
    case 'end':
    case 'class':
    case 'struct':
      return;
    case 'type':
    case 'and':
      typeHeader(ctx, line, next, decl);
      return;
  }
  const open = ctx.current;
  if (!open) {
    if (PLUMBING.has(word)) ctx.skipDeeperThan = line.indent;
    else ctx.error(line.line, `expected a namespace, 'type' or 'open', found '${textOf(tokens)}'`);
    return;
  }
  member(ctx, open, line, next, decl);
}

/**
 * A line at the type's own indentation (or left of it) ends the type's body, unless it can only be a
 * member (enum cases may sit there; text copied from a page may have lost its indentation).
 */
function endsBody(open: OpenType | undefined, line: LogicalLine, word: string): boolean {
  const memberWord = Object.hasOwn(MEMBER_READERS, word) || PLUMBING.has(word) || word === 'end';
  return open !== undefined && line.indent <= open.indent && !memberWord;
}

interface Decl {
  attrs: Attribute[];
  comments: Token[];
}

function container(ctx: FsContext, tokens: Token[], k: number): void {
  ctx.current = undefined;
  const nameToks = tokens.slice(k + 1).filter((t) => !['rec', 'global', '='].includes(t.text) && !ACCESS.has(t.text));
  // A nested `module X =` keeps the file's namespace; `namespace X` and a top-level `module X` set it.
  if (tokens[tokens.length - 1]?.text === '=' && tokens[k]?.text === 'module') return;
  const name = nameToks.map((t) => t.text).join('');
  if (name) ctx.namespace = name;
}

/** `type Name<T>() =`, `type Name =` (interface or enum below), `type Name = { record }`, `type E = | A = 0`. */
function typeHeader(ctx: FsContext, line: LogicalLine, k: number, decl: Decl): void {
  const head = readHeader(ctx, line, k);
  if (!head) return;
  const { rest, hasCtor } = head;
  const first = rest[0]?.text ?? '';
  // `type Ids = ResizeArray<int>` abbreviates a type: nothing to declare.
  if (!hasCtor && rest[0]?.kind === 'ident' && !['class', 'struct', 'interface', 'inherit'].includes(first)) return;
  const def = newType(head.name, 'class', line.line, head.genericParams);
  if (ctx.namespace) def.namespace = ctx.namespace;
  ctx.types.push(def);
  decorateType(ctx, def, decl.attrs, decl.comments);
  if (decl.attrs.some((a) => a.name === 'Flags')) ctx.flags.set(def, []);
  const open: OpenType = { def, indent: line.indent, isClass: hasCtor || first === '{' || first === 'class' };
  ctx.current = open;
  if (first === 'interface' && rest[1]?.text === 'end') def.kind = 'interface';
  else if (first === '{') recordFields(ctx, open, rest);
  else if (first === '|') enumCases(ctx, open, rest, line.line);
}

interface Header {
  name: string;
  genericParams: string[];
  /** Written `Name()` (or with constructor parameters): a class. */
  hasCtor: boolean;
  /** Tokens after the `=`. */
  rest: Token[];
}

function readHeader(ctx: FsContext, line: LogicalLine, k: number): Header | undefined {
  const { tokens } = line;
  let i = k + 1;
  while (ACCESS.has(tokens[i]?.text ?? '')) i++;
  const { name, genericParams, next } = readTypeName(tokens, i);
  if (!name) {
    ctx.error(line.line, `expected a type name after '${tokens[k]?.text ?? 'type'}'`);
    return undefined;
  }
  const hasCtor = tokens[next]?.text === '(';
  let j = hasCtor ? skipBalanced(tokens, next) : next;
  if (tokens[j]?.text === 'as') j += 2; // `type X() as this =`
  if (tokens[j]?.text !== '=') {
    ctx.error(line.line, `expected '=' after 'type ${name}', found '${textOf(tokens.slice(j))}'`);
    return undefined;
  }
  return { name, genericParams, hasCtor, rest: tokens.slice(j + 1) };
}

type MemberReader = (ctx: FsContext, open: OpenType, line: LogicalLine, k: number, decl: Decl) => void;

/** Member lines by their first word. */
const MEMBER_READERS: Record<string, MemberReader> = {
  '|': (ctx, open, line, k) => enumCases(ctx, open, line.tokens.slice(k), line.line),
  inherit: (ctx, open, line, k) => {
    const paren = indexOfText(line.tokens, '(', k + 1);
    const base = typeText(line.tokens.slice(k + 1, paren < 0 ? line.tokens.length : paren));
    applyBases(ctx, open.def, [{ text: base, isBase: true }], line.line);
  },
  interface: (ctx, open, line, k) => {
    const { tokens } = line;
    if (tokens[k + 1]?.text === 'end') {
      if (!open.isClass) open.def.kind = 'interface';
      return;
    }
    const withAt = tokens.findIndex((t, n) => n > k && t.text === 'with');
    const iface = typeText(tokens.slice(k + 1, withAt < 0 ? tokens.length : withAt));
    applyBases(ctx, open.def, [{ text: iface, isBase: false }], line.line);
    if (withAt >= 0) ctx.skipDeeperThan = line.indent; // the interface's implementation
  },
  member: (ctx, open, line, k, decl) => {
    if (line.tokens[k + 1]?.text === 'val') property(ctx, open, line, k + 2, decl);
    else ctx.skipDeeperThan = line.indent; // a method or computed property: no wire data
  },
  abstract: (ctx, open, line, k, decl) => {
    if (line.tokens.some((t) => t.text === '-')) return; // `abstract Run: unit -> unit` is a method
    if (!open.isClass && open.def.properties.length === 0) open.def.kind = 'interface';
    property(ctx, open, line, line.tokens[k + 1]?.text === 'member' ? k + 2 : k + 1, decl);
  },
  val: (ctx, open, line, k, decl) =>
    property(ctx, open, line, line.tokens[k + 1]?.text === 'mutable' ? k + 2 : k + 1, decl),
  '{': (ctx, open, line, k) => {
    open.isClass = true;
    recordFields(ctx, open, line.tokens.slice(k));
  },
};

function member(ctx: FsContext, open: OpenType, line: LogicalLine, k: number, decl: Decl): void {
  const word = line.tokens[k]?.text ?? '';
  const reader = Object.hasOwn(MEMBER_READERS, word) ? MEMBER_READERS[word] : undefined;
  if (reader) reader(ctx, open, line, k, decl);
  else if (PLUMBING.has(word))
    ctx.skipDeeperThan = line.indent; // constructors, statics, bindings
  else {
    ctx.error(
      line.line,
      `expected 'member val Name:Type', 'inherit', 'interface' or an enum case in ${open.def.name}, found '${textOf(line.tokens)}'`,
    );
  }
}

/** `Name:Type = default with get,set` (also `abstract`, `val mutable` and record fields) from `k`. */
function property(ctx: FsContext, open: OpenType, line: LogicalLine, k: number, decl: Decl): void {
  const { tokens } = line;
  const nameTok = tokens[k];
  if (nameTok?.kind !== 'ident' || tokens[k + 1]?.text !== ':') {
    ctx.error(line.line, `expected 'Name:Type' in ${open.def.name}, found '${textOf(tokens.slice(k))}'`);
    return;
  }
  const end = tokens.findIndex((t, n) => n > k + 1 && (t.text === '=' || t.text === 'with'));
  addProperty(ctx, open, nameTok, tokens.slice(k + 2, end < 0 ? tokens.length : end), decl);
}

function addProperty(ctx: FsContext, open: OpenType, nameTok: Token, typeTokens: Token[], decl: Decl): void {
  const parsed = fsType(typeTokens);
  if (!parsed) {
    ctx.error(nameTok.line, `expected a type for property '${nameTok.text}', found '${textOf(typeTokens)}'`);
    return;
  }
  const prop = newProperty(nameTok.text, parsed, nameTok.line, decl.attrs, decl.comments, ctx);
  if (!parsed.nullable) ctx.implicit.push(prop);
  // The last declaration wins: an extensible type declares ExtensionData in its interface block and again below.
  const earlier = open.def.properties.findIndex((p) => p.name === prop.name);
  if (earlier >= 0) open.def.properties.splice(earlier, 1);
  open.def.properties.push(prop);
}

/** `{ Name: string; [<ApiMember(IsRequired=true)>] Age: int }`, fields split by `;` or line breaks. */
function recordFields(ctx: FsContext, open: OpenType, tokens: Token[]): void {
  const close = skipBalanced(tokens, 0);
  for (const field of splitFields(tokens.slice(1, close - 1))) {
    const { attrs, next } = readAngleAttributes(field, 0, true);
    const k = field[next]?.text === 'mutable' ? next + 1 : next;
    const nameTok = field[k];
    if (nameTok?.kind !== 'ident' || field[k + 1]?.text !== ':') {
      ctx.error(field[0]?.line ?? open.def.line ?? 0, `expected 'Name: Type' in record ${open.def.name}`);
      continue;
    }
    addProperty(ctx, open, nameTok, field.slice(k + 2), { attrs, comments: [] });
  }
}

function splitFields(tokens: Token[]): Token[][] {
  const fields: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    const isPunct = t.kind === 'punct';
    if (depth === 0 && ((isPunct && t.text === ';') || (t.newlineBefore && !isContinuation(t)))) fields.push([]);
    if (isPunct && t.text === ';' && depth === 0) continue;
    if (isPunct && '([{<'.includes(t.text)) depth++;
    if (isPunct && ')]}>'.includes(t.text)) depth = Math.max(0, depth - 1);
    fields[fields.length - 1]?.push(t);
  }
  return fields.filter((f) => f.length > 0);
}

const isContinuation = (t: Token): boolean => t.kind === 'punct' && '<>,.*'.includes(t.text);

/** `| Product = 0 | PerDev = 1` (an enum), or `| Active | Closed` (a union of plain cases). */
function enumCases(ctx: FsContext, open: OpenType, tokens: Token[], line: number): void {
  const def = open.def;
  if (def.kind !== 'enum') {
    if (def.properties.length > 0 || open.isClass) {
      ctx.error(line, `expected members of class ${def.name}, found an enum case '${textOf(tokens)}'`);
      return;
    }
    def.kind = 'enum';
    def.enumValues = [];
  }
  for (const member of splitCases(tokens)) {
    const { attrs, next } = readAngleAttributes(member, 0, true);
    const nameTok = member[next];
    if (nameTok?.kind !== 'ident') {
      ctx.error(member[0]?.line ?? line, `expected an enum case name in ${def.name}, found '${textOf(member)}'`);
      continue;
    }
    if (member[next + 1]?.text === 'of') {
      ctx.warn(nameTok.line, `union case ${def.name}.${nameTok.text} carries fields; read as a plain value`);
    }
    const wire = attrs.find((a) => a.name === 'EnumMember')?.named['Value'];
    def.enumValues?.push(typeof wire === 'string' ? wire : nameTok.text);
    const value = member[next + 1]?.text === '=' ? member.slice(next + 2).map((t) => t.text) : [];
    ctx.flags.get(def)?.push({ name: nameTok.text, value });
  }
}

/** `| A = 1 | B = 2` → one token run per case; `|||` (F#'s bitwise or) stays inside a value. */
function splitCases(tokens: Token[]): Token[][] {
  const cases: Token[][] = [];
  tokens.forEach((t, n) => {
    const isBar = (u: Token | undefined) => u?.kind === 'punct' && u.text === '|';
    if (isBar(t) && !isBar(tokens[n - 1]) && !isBar(tokens[n + 1])) cases.push([]);
    else if (cases.length === 0) cases.push([t]);
    else cases[cases.length - 1]?.push(t);
  });
  return cases.filter((c) => c.length > 0);
}

/** Source text of an F# type with `'T` quotes dropped, for the shared type-expression parser. */
function typeText(tokens: Token[]): string {
  return textOf(tokens.filter((t) => !(t.kind === 'punct' && t.text === "'")));
}

/** An F# type: `.NET` names as the generator prints them, plus `T option`, `T list`, `ResizeArray<T>`, `'T`. */
export function fsType(tokens: Token[]): ParsedType | undefined {
  const toks = tokens.filter((t) => !(t.kind === 'punct' && t.text === "'"));
  let end = toks.length;
  while (end > 1 && toks[end - 1]?.kind === 'ident' && POSTFIX.has(toks[end - 1]?.text ?? '')) end--;
  const renamed = toks.slice(0, end).map((t, n) => {
    if (t.kind !== 'ident' || toks[n + 1]?.text !== '<') return t;
    if (LIST_ALIASES.has(t.text)) return { ...t, text: 'List' };
    return OPTION_ALIASES.has(t.text) ? { ...t, text: 'Nullable' } : t;
  });
  let parsed = parseTypeExpr(textOf(renamed), 'fsharp');
  for (const postfix of toks.slice(end)) {
    if (!parsed) return undefined;
    if (postfix.text === 'option' || postfix.text === 'voption') parsed = { type: parsed.type, nullable: true };
    else {
      const isBytes = parsed.type.kind === 'primitive' && parsed.type.name === 'byte' && postfix.text === 'array';
      parsed = {
        type: isBytes ? { kind: 'primitive', name: 'bytes' } : { kind: 'list', of: parsed.type },
        nullable: false,
      };
    }
  }
  return parsed;
}
