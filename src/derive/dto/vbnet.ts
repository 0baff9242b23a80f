/**
 * VB.NET DTOs as ServiceStack's VbNetGenerator prints them (`/types/vbnet`, and the
 * `&lang=vbnet` DTO section of a metadata page):
 *
 *   Imports ServiceStack
 *
 *   Namespace Global
 *       Namespace MyApp.ServiceModel
 *           <Route("/bookings", "GET")>
 *           Public Partial Class QueryBookings
 *               Inherits QueryDb(Of Booking)
 *               Implements IReturn(Of QueryResponse(Of Booking))
 *               Public Overridable Property Id As Integer?
 *           End Class
 *
 *           Public Enum SkuType
 *               <EnumMember(Value:="product")>
 *               Product = 0
 *           End Enum
 *       End Namespace
 *   End Namespace
 *
 * Keywords are case-insensitive; `'` starts a comment (`'''<Summary>` documents); `_` continues a line.
 * Property types are .NET names (with VB's Integer, Long, Short, Date), so nullability follows C#'s rules.
 */
import type { DtoParser, Property, TypeDef } from '../model.js';
import { readAngleAttributes } from './angle-attributes.js';
import type { Attribute } from './attributes.js';
import { splitTopLevel, textOf, tokenize, type Token } from './brace-scanner.js';
import { applyBases, decorateType, newProperty, newType, ParseContext } from './decl.js';
import {
  logicalLines,
  settleClrNullability,
  settleFlagsEnums,
  type EnumMemberText,
  type JoinsLine,
  type LogicalLine,
} from './logical-lines.js';
import { parseTypeExpr, type ParsedType } from './type-expr.js';

const MODIFIERS = new Set(
  (
    'public private protected friend partial overridable overrides overloads shadows mustinherit notinheritable ' +
    'mustoverride notoverridable readonly writeonly default shared async iterator widening narrowing static ' +
    'withevents dim const'
  ).split(' '),
);
const TYPE_KEYWORDS = new Set(['class', 'interface', 'structure', 'enum']);
/** Blocks whose bodies are code, skipped to their `End` line. */
const CODE_BLOCKS = new Set(['sub', 'function', 'operator', 'get', 'set', 'addhandler', 'removehandler', 'raiseevent']);
const IGNORED = new Set(['imports', 'option', 'event', 'delegate', 'declare']);

type Block =
  | { kind: 'namespace'; name: string }
  | { kind: 'module' }
  | { kind: 'type'; def: TypeDef; keyword: string }
  | { kind: 'code'; until: string };

class VbContext extends ParseContext {
  readonly blocks: Block[] = [];
  /** Properties written without `?`; settled once every enum is known. */
  readonly implicit: Property[] = [];
  pendingAttrs: Attribute[] = [];
  pendingComments: Token[] = [];
  /** `<Flags>` enums and their members, numbered once read. */
  readonly flags = new Map<TypeDef, EnumMemberText[]>();

  top(): Block | undefined {
    return this.blocks[this.blocks.length - 1];
  }

  namespace(): string | undefined {
    const names = this.blocks.flatMap((b) => (b.kind === 'namespace' ? b.name.split('.') : []));
    const parts = names.filter((n, i) => !(i === 0 && n.toLowerCase() === 'global') && n.length > 0);
    return parts.length > 0 ? parts.join('.') : undefined;
  }
}

const lower = (t: Token | undefined): string => t?.text.toLowerCase() ?? '';

export const parseVbNetDtos: DtoParser = (source, file, firstLine) => {
  const { tokens, diagnostics } = tokenize(source, file, firstLine, { apostropheComments: true, preprocessor: true });
  const ctx = new VbContext(file, 'vbnet', diagnostics);
  for (const line of logicalLines(tokens.map(docComment), source, firstLine, continues)) {
    for (const stmt of statements(line)) statement(ctx, stmt);
  }
  settleClrNullability(ctx.types, ctx.implicit);
  settleFlagsEnums(ctx, ctx.flags);
  return ctx.result();
};

/** ` _` continues a line, and so (implicitly, since VB 10) does a trailing `,` or `(`. */
const continues: JoinsLine = (line) => ['_', ',', '('].includes(line.tokens[line.tokens.length - 1]?.text ?? '');

/** `'''<Summary>` reads as the `///<summary>` doc comment the shared description reader knows. */
function docComment(tok: Token): Token {
  if (tok.kind !== 'comment' || !tok.text.startsWith("''")) return tok;
  return { ...tok, text: `/${tok.text.slice(2).replace(/<(\/?)summary>/gi, '<$1summary>')}` };
}

/** A logical line without its ` _` continuations, cut at `:` statement separators (not `:=`, not inside `< >`). */
function statements(line: LogicalLine): LogicalLine[] {
  const out: LogicalLine[] = [{ ...line, tokens: [] }];
  let depth = 0;
  line.tokens.forEach((t, n) => {
    const cur = out[out.length - 1] as LogicalLine;
    if (t.kind === 'ident' && t.text === '_' && (n === line.tokens.length - 1 || line.tokens[n + 1]?.newlineBefore))
      return;
    if (t.kind === 'punct') {
      if ('(<'.includes(t.text)) depth++;
      if (')>'.includes(t.text)) depth = Math.max(0, depth - 1);
      if (t.text === ':' && depth === 0 && line.tokens[n + 1]?.text !== '=') {
        out.push({ ...line, tokens: [], comments: [], line: t.line });
        return;
      }
    }
    cur.tokens.push(t);
  });
  return out.filter((s) => s.tokens.length > 0);
}

function statement(ctx: VbContext, line: LogicalLine): void {
  const top = ctx.top();
  const { tokens } = line;
  if (top?.kind === 'code') {
    if (lower(tokens[0]) === 'end' && lower(tokens[1]) === top.until) ctx.blocks.pop();
    return;
  }
  const { attrs, next } = readAngleAttributes(tokens, 0, false);
  if (next >= tokens.length) {
    // `<Route("/x")>` on its own line: it belongs to the declaration below.
    ctx.pendingAttrs.push(...attrs);
    ctx.pendingComments.push(...line.comments);
    return;
  }
  const decl: Decl = { attrs: [...ctx.pendingAttrs, ...attrs], comments: [...ctx.pendingComments, ...line.comments] };
  ctx.pendingAttrs = [];
  ctx.pendingComments = [];
  if (lower(tokens[next]) === 'end') endBlock(ctx, line, next);
  else if (top?.kind === 'type' && top.def.kind === 'enum') enumMember(ctx, top.def, line, next, decl);
  else declaration(ctx, line, next, decl);
}

/** A declaration after its attributes: a namespace, type, member, or code block to skip. */
function declaration(ctx: VbContext, line: LogicalLine, start: number, decl: Decl): void {
  const { tokens } = line;
  const top = ctx.top();
  let k = start;
  const modifiers = new Set<string>();
  while (MODIFIERS.has(lower(tokens[k]))) modifiers.add(lower(tokens[k++]));
  const word = lower(tokens[k]);
  if (IGNORED.has(word)) return;
  if (word === 'namespace') {
    ctx.blocks.push({ kind: 'namespace', name: textOf(tokens.slice(k + 1)).replace(/\s+/g, '') });
  } else if (word === 'module') {
    ctx.blocks.push({ kind: 'module' });
  } else if (TYPE_KEYWORDS.has(word)) {
    typeDecl(ctx, line, k, decl);
  } else if (CODE_BLOCKS.has(word)) {
    // A method (or a property's Get/Set) has a body to its `End` line, unless it only declares one.
    const declaresOnly = modifiers.has('mustoverride') || (top?.kind === 'type' && top.def.kind === 'interface');
    if (!declaresOnly) ctx.blocks.push({ kind: 'code', until: word });
  } else if (top?.kind !== 'type') {
    ctx.error(line.line, `expected Namespace, Class, Interface or Enum, found '${textOf(tokens)}'`);
  } else if (!modifiers.has('shared') && !modifiers.has('const')) {
    member(ctx, top.def, line, k, { ...decl, isField: modifiers.size > 0 }); // statics are not instance data
  }
}

/** `Inherits X`, `Implements A, B`, `Property Name As T`, or a field `Public Name As T`. */
function member(ctx: VbContext, def: TypeDef, line: LogicalLine, k: number, decl: Decl & { isField: boolean }): void {
  const { tokens } = line;
  const word = lower(tokens[k]);
  if (word === 'inherits' || word === 'implements') {
    const entries = splitTopLevel(tokens.slice(k + 1)).map((entry) => ({
      text: vbTypeText(entry),
      isBase: word === 'inherits',
    }));
    applyBases(ctx, def, entries, line.line);
  } else if (word === 'property') {
    property(ctx, def, line, k + 1, decl);
  } else if (decl.isField && (lower(tokens[k + 1]) === 'as' || tokens[k]?.text === '[')) {
    property(ctx, def, line, k, decl);
  } else {
    ctx.error(
      line.line,
      `expected 'Public Property Name As Type' or 'End ...' in ${def.name}, found '${textOf(tokens)}'`,
    );
  }
}

interface Decl {
  attrs: Attribute[];
  comments: Token[];
}

function endBlock(ctx: VbContext, line: LogicalLine, k: number): void {
  const what = lower(line.tokens[k + 1]);
  const closes = (b: Block): boolean =>
    (b.kind === 'namespace' && what === 'namespace') ||
    (b.kind === 'module' && what === 'module') ||
    (b.kind === 'type' && b.keyword === what);
  const at = ctx.blocks.findLastIndex(closes);
  if (at >= 0) ctx.blocks.length = at;
  else if (['namespace', 'module', ...TYPE_KEYWORDS].includes(what))
    ctx.error(line.line, `'End ${line.tokens[k + 1]?.text ?? ''}' closes nothing that is open`);
}

/** `Class Name(Of T, U As New)`, `Interface IName`, `Enum Name As Integer`. */
function typeDecl(ctx: VbContext, line: LogicalLine, k: number, decl: Decl): void {
  const { tokens } = line;
  const keyword = lower(tokens[k]);
  const { name, genericParams } = readVbTypeName(tokens, k + 1);
  if (!name) {
    ctx.error(line.line, `expected a type name after '${tokens[k]?.text ?? ''}'`);
    return;
  }
  const kind = keyword === 'enum' ? 'enum' : keyword === 'interface' ? 'interface' : 'class';
  const def = newType(name, kind, line.line, genericParams);
  if (kind === 'enum') def.enumValues = [];
  const ns = ctx.namespace();
  if (ns) def.namespace = ns;
  ctx.types.push(def);
  decorateType(ctx, def, decl.attrs, decl.comments);
  if (kind === 'enum' && decl.attrs.some((a) => a.name === 'Flags')) ctx.flags.set(def, []);
  ctx.blocks.push({ kind: 'type', def, keyword });
}

function readVbTypeName(tokens: Token[], i: number): { name?: string; genericParams: string[] } {
  const { name, next } = vbName(tokens, i);
  if (!name) return { genericParams: [] };
  if (tokens[next]?.text !== '(' || lower(tokens[next + 1]) !== 'of') return { name, genericParams: [] };
  const close = tokens.findIndex((t, n) => n > next && t.text === ')');
  const params = splitTopLevel(tokens.slice(next + 2, close < 0 ? tokens.length : close));
  // `T As {New, IFoo}` constrains T: the name is the first word.
  return { name, genericParams: params.flatMap((p) => (p[0]?.kind === 'ident' ? [p[0].text] : [])) };
}

/** A name, or a keyword escaped as `[Name]`. */
function vbName(tokens: Token[], i: number): { name?: string; next: number } {
  const t = tokens[i];
  if (t?.text === '[' && tokens[i + 1]?.kind === 'ident' && tokens[i + 2]?.text === ']')
    return { name: tokens[i + 1]?.text, next: i + 3 };
  return t?.kind === 'ident' ? { name: t.text, next: i + 1 } : { next: i };
}

/** `Name[()] As [New] Type [Implements I.Name] [= initial]` from `k`. */
function property(ctx: VbContext, def: TypeDef, line: LogicalLine, k: number, decl: Decl): void {
  const { tokens } = line;
  const { name, next } = vbName(tokens, k);
  let i = next;
  if (tokens[i]?.text === '(' && tokens[i + 1]?.text === ')') i += 2; // `Property Name() As T`
  if (!name || lower(tokens[i]) !== 'as') {
    ctx.error(line.line, `expected 'Property Name As Type' in ${def.name}, found '${textOf(tokens)}'`);
    return;
  }
  i++;
  if (lower(tokens[i]) === 'new') i++;
  const end = tokens.findIndex(
    (t, n) => n >= i && (lower(t) === 'implements' || (t.kind === 'punct' && t.text === '=')),
  );
  const typeTokens = tokens.slice(i, end < 0 ? tokens.length : end);
  const parsed = vbType(typeTokens);
  const nameLine = tokens[k]?.line ?? line.line;
  if (!parsed) {
    ctx.error(nameLine, `expected a type for property '${name}', found '${textOf(typeTokens)}'`);
    return;
  }
  const prop = newProperty(name, parsed, nameLine, decl.attrs, decl.comments, ctx);
  if (!parsed.nullable) ctx.implicit.push(prop);
  def.properties.push(prop);
}

/** `Product`, `Product = 1`, `[Error] = 2`; `<EnumMember(Value:="x")>` sets the wire value. */
function enumMember(ctx: VbContext, def: TypeDef, line: LogicalLine, k: number, decl: Decl): void {
  const { name, next } = vbName(line.tokens, k);
  if (!name || (next < line.tokens.length && line.tokens[next]?.text !== '=')) {
    ctx.error(line.line, `expected an enum member name in ${def.name}, found '${textOf(line.tokens)}'`);
    return;
  }
  const wire = decl.attrs.find((a) => a.name === 'EnumMember')?.named['Value'];
  def.enumValues?.push(typeof wire === 'string' ? wire : name);
  const value = line.tokens[next]?.text === '=' ? line.tokens.slice(next + 1).map((t) => t.text) : [];
  ctx.flags.get(def)?.push({ name, value });
}

/**
 * VB type syntax as the shared type-expression parser reads it: `List(Of T)` → `List<T>`,
 * `String()` → `String[]`, `[Date]` → `Date`; `Integer?` and `Nullable(Of Integer)` stay nullable.
 */
function vbTypeText(tokens: Token[]): string {
  const out: string[] = [];
  const closers: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const nextTok = tokens[i + 1];
    if (t.text === '(' && t.kind === 'punct') {
      if (lower(nextTok) === 'of') {
        out.push('<');
        closers.push('>');
        i++;
      } else {
        // `()` and `(,)`: an array (of any rank).
        let j = i + 1;
        while (tokens[j]?.text === ',') j++;
        if (tokens[j]?.text === ')') {
          out.push('[]');
          i = j;
        } else {
          out.push('(');
          closers.push(')');
        }
      }
    } else if (t.text === ')' && t.kind === 'punct') {
      out.push(closers.pop() ?? ')');
    } else if (t.text === '[' && nextTok?.kind === 'ident' && tokens[i + 2]?.text === ']') {
      out.push(nextTok.text);
      i += 2;
    } else {
      out.push(t.kind === 'string' ? JSON.stringify(t.text) : t.text);
    }
  }
  return out.join(' ');
}

export function vbType(tokens: Token[]): ParsedType | undefined {
  return parseTypeExpr(vbTypeText(tokens), 'vbnet');
}
