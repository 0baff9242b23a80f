/**
 * Zig DTOs as ServiceStack's ZigGenerator prints them (`/types/zig`):
 *
 *   /// Find Bookings
 *   // @Route("/bookings", "GET")
 *   pub const QueryBookings = struct {
 *       pub const ss_name = "QueryBookings";
 *       pub const ss_verb = "GET";
 *       pub const Response = ss.QueryResponse(Booking);
 *
 *       skip: ?i32 = null,
 *       ...
 *       cost_above: ?f64 = null,
 *   };
 *   pub const RoomType = enum { Single, Double, };
 *   pub fn KeyValuePair(comptime K: type, comptime V: type) type { return struct { ... }; }
 *
 * Zig has no inheritance: every base class's properties are flattened into the DTO (AutoQuery's
 * QueryBase members included), and a DTO inheriting a collection holds it in an `items` field
 * named by `ss_collection`. `Response` names the response, `ss_verb` the verb the client sends;
 * a request (`ss_name`) without `Response` returns nothing (ZigGenerator prints no `Response` either for one that
 * returns itself, which is rarer; that one reads as void). `?T` is an optional property.
 */
import type { DtoParser, Property, TypeDef } from '../model.js';
import { applyPropertyAttributes, applyTypeAttributes } from './attributes.js';
import { indexOfText, textOf } from './brace-scanner.js';
import { ParseContext } from './decl.js';
import { scanLines, type LineStmt } from './line-scanner.js';
import {
  addResponseType,
  addReturnVoid,
  addVerbMarker,
  completeQueryBase,
  intLiteral,
  nativeCommentAttributes,
  nativeDescription,
  nativeTypeHead,
  parseNativeType,
  setEnumNumbers,
} from './native-lang.js';
import type { Token } from './tokenizer.js';
import { toPascalCase } from './type-names.js';

export const parseZigDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanLines(source, file, firstLine);
  const ctx = new ParseContext(file, 'zig', scan.diagnostics);
  let pending: Token[] = [];
  for (const stmt of scan.stmts) {
    const comments = withoutOptions([...pending, ...stmt.comments]);
    pending = [];
    if (stmt.tokens.length === 0) pending = comments;
    else topLevel(ctx, stmt, comments);
  }
  for (const def of ctx.types) completeQueryBase(def);
  return ctx.result();
};

/** The `/// Options:` header is a doc comment too: it documents no DTO. */
function withoutOptions(comments: Token[]): Token[] {
  const start = comments.findIndex((c) => /^\/\s*Options:/.test(c.text));
  if (start < 0) return comments;
  const end = comments.findIndex((c, i) => i > start && c.text.trim() === '/');
  return [...comments.slice(0, start), ...(end < 0 ? [] : comments.slice(end + 1))];
}

function topLevel(ctx: ParseContext, stmt: LineStmt, comments: Token[]): void {
  const { tokens } = stmt;
  const k = tokens[0]?.text === 'pub' ? 1 : 0;
  const nameTok = tokens[k + 1];
  if (tokens[k]?.text === 'const' && nameTok?.kind === 'ident' && tokens[k + 2]?.text === '=') {
    constDecl(ctx, stmt, tokens[k + 3]?.text, nameTok, comments);
    return;
  }
  if (tokens[k]?.text === 'fn' && nameTok?.kind === 'ident') {
    genericDecl(ctx, stmt, nameTok, comments);
    return;
  }
  if (tokens[k]?.text === 'test' || tokens[k]?.text === 'usingnamespace') return;
  ctx.error(
    stmt.line,
    `expected 'pub const Name = struct {', an enum or a generic 'pub fn', found '${textOf(tokens)}'`,
  );
}

function constDecl(ctx: ParseContext, stmt: LineStmt, kind: string | undefined, nameTok: Token, comments: Token[]) {
  // Any other constant (`const std = @import("std");`) is plumbing.
  if (kind !== 'struct' && kind !== 'enum') return;
  const def = newDef(ctx, nameTok, comments);
  if (kind === 'struct') structBody(ctx, def, stmt.body ?? []);
  // `enum(i32)`: ServiceStack writes this enum as numbers.
  else
    enumBody(
      ctx,
      def,
      stmt.body ?? [],
      stmt.tokens.some((t, i) => t.text === 'enum' && stmt.tokens[i + 1]?.text === '('),
    );
}

function newDef(ctx: ParseContext, nameTok: Token, comments: Token[]): TypeDef {
  const def: TypeDef = { name: nameTok.text, kind: 'class', properties: [], line: nameTok.line };
  for (const w of applyTypeAttributes(def, nativeCommentAttributes(comments, false))) ctx.warn(def.line ?? 0, w);
  def.description ??= nativeDescription(comments);
  ctx.types.push(def);
  return def;
}

/** `pub fn QueryResponse(comptime T: type) type { return struct { ... }; }`: a generic definition. */
function genericDecl(ctx: ParseContext, stmt: LineStmt, nameTok: Token, comments: Token[]): void {
  const { tokens } = stmt;
  const inner = stmt.body?.find((s) => s.tokens[0]?.text === 'return' && s.tokens[1]?.text === 'struct');
  if (!inner) return; // a function that builds no struct is plumbing
  const def = newDef(ctx, nameTok, comments);
  const params = tokens.filter((t, i) => t.kind === 'ident' && tokens[i - 1]?.text === 'comptime');
  if (params.length > 0) def.genericParams = params.map((t) => t.text);
  structBody(ctx, def, inner.body ?? []);
}

function structBody(ctx: ParseContext, def: TypeDef, body: LineStmt[]): void {
  let isRequest = false;
  let collection: string | undefined;
  let pending: Token[] = [];
  for (const stmt of body) {
    const comments = [...pending, ...stmt.comments];
    pending = [];
    const { tokens } = stmt;
    if (tokens.length === 0) {
      pending = comments;
      continue;
    }
    const k = tokens[0]?.text === 'pub' ? 1 : 0;
    if (tokens[k]?.text === 'const' || tokens[k]?.text === 'fn') {
      const name = tokens[k + 1]?.text;
      const value = tokens.slice(indexOfText(tokens, '=') + 1);
      if (name === 'ss_name') isRequest = true;
      else if (name === 'ss_verb' && value[0]?.kind === 'string') addVerbMarker(def, value[0].text);
      else if (name === 'ss_collection' && value[0]?.kind === 'string') collection = value[0].text;
      else if (name === 'Response') responseDecl(ctx, def, stmt, value);
      continue; // other declarations and methods are plumbing
    }
    field(ctx, def, stmt, comments, collection);
  }
  if (isRequest) addReturnVoid(def);
}

function responseDecl(ctx: ParseContext, def: TypeDef, stmt: LineStmt, value: Token[]): void {
  const parsed = parseNativeType(value, 'zig');
  if (parsed) addResponseType(def, parsed.type);
  else ctx.warn(stmt.line, `could not read the response type of ${def.name}`);
}

/** `cost_above: ?f64 = null,`, `@"from": ?[]const u8 = null,`; the `ss_collection` field holds the inherited collection. */
function field(ctx: ParseContext, def: TypeDef, stmt: LineStmt, comments: Token[], collection?: string): void {
  const tokens = stmt.tokens[stmt.tokens.length - 1]?.text === ',' ? stmt.tokens.slice(0, -1) : stmt.tokens;
  // `@"name"` quotes a name that is not a Zig identifier.
  const nameTok = tokens[0]?.text === '@' && tokens[1]?.kind === 'string' ? tokens[1] : tokens[0];
  const colon = nameTok === tokens[1] ? 2 : 1;
  const eq = indexOfText(tokens, '=', colon);
  const typeTokens = tokens.slice(colon + 1, eq < 0 ? tokens.length : eq);
  const parsed = tokens[colon]?.text === ':' ? parseNativeType(typeTokens, 'zig') : undefined;
  if (!nameTok || (nameTok.kind !== 'ident' && nameTok.kind !== 'string') || !parsed) {
    ctx.error(stmt.line, `expected a field (name: Type = default,) in ${def.name}, found '${textOf(stmt.tokens)}'`);
    return;
  }
  if (collection !== undefined && nameTok.text === collection) {
    const base = nativeTypeHead(typeTokens, 'zig');
    if (base) def.inherits = base;
    return;
  }
  const prop: Property = {
    name: toPascalCase(nameTok.text),
    type: parsed.type,
    nullable: parsed.nullable,
    required: false,
    line: nameTok.line,
  };
  applyPropertyAttributes(prop, nativeCommentAttributes(comments, false));
  prop.description ??= nativeDescription(comments);
  def.properties.push(prop);
}

/** `Single,`, `Value1 = 1,`, `@"not-an-identifier",`: a string enum's members are its wire values. */
function enumBody(ctx: ParseContext, def: TypeDef, body: LineStmt[], isInt: boolean): void {
  def.kind = 'enum';
  def.enumValues = [];
  const numbers: (number | undefined)[] = [];
  for (const stmt of body) {
    const { tokens } = stmt;
    if (tokens.length === 0) continue;
    const nameTok = tokens[0]?.text === '@' && tokens[1]?.kind === 'string' ? tokens[1] : tokens[0];
    if (!nameTok || (nameTok.kind !== 'ident' && nameTok.kind !== 'string')) {
      ctx.error(stmt.line, `expected an enum member in ${def.name}, found '${textOf(tokens)}'`);
      continue;
    }
    if (tokens[0]?.text === 'pub' || tokens[0]?.text === 'fn') continue; // methods and declarations
    def.enumValues.push(nameTok.text);
    const eq = indexOfText(tokens, '=');
    numbers.push(
      eq < 0 ? undefined : intLiteral(tokens.slice(eq + 1, tokens[tokens.length - 1]?.text === ',' ? -1 : undefined)),
    );
  }
  if (isInt) setEnumNumbers(def, numbers);
}
