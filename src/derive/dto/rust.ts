/**
 * Rust DTOs as ServiceStack's RustGenerator prints them (`/types/rust`):
 *
 *   // Route("/bookings", "GET")
 *   #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
 *   #[serde(default)]
 *   pub struct QueryBookings {
 *       #[serde(flatten)]
 *       pub query_db: QueryDb,
 *       #[serde(rename = "costAbove")]
 *       #[serde(default, skip_serializing_if = "Option::is_none")]
 *       pub cost_above: Option<f64>,
 *   }
 *
 *   impl IRequest for QueryBookings {
 *       const NAME: &'static str = "QueryBookings";
 *       const VERB: &'static str = "GET";
 *   }
 *   impl IReturn for QueryBookings {
 *       type Response = QueryResponse<Booking>;
 *   }
 *
 * A base class is a `#[serde(flatten)]` field; a DTO inheriting a collection is a newtype
 * (`pub struct Contacts(pub Vec<Contact>);`). Field names are snake_case with the wire name
 * in `#[serde(rename)]`; `Option<T>` is an optional property. Attributes are comments
 * without an `@` (`// ValidateIsAuthenticated`). Interfaces are never printed.
 */
import type { DtoParser, Property, TypeDef } from '../model.js';
import { applyPropertyAttributes, applyTypeAttributes } from './attributes.js';
import { ParseContext, readTypeName } from './decl.js';
import { indexOfText, textOf } from './brace-scanner.js';
import { scanLines, type LineStmt } from './line-scanner.js';
import {
  addResponseType,
  addReturnVoid,
  addSelfResponse,
  addVerbMarker,
  completeQueryBase,
  declaredClass,
  intLiteral,
  keepWireName,
  nativeCommentAttributes,
  nativeDescription,
  nativeTypeHead,
  parseNativeType,
  setEnumNumbers,
} from './native-lang.js';
import type { Token } from './tokenizer.js';
import { toPascalCase } from './type-names.js';

const SKIPPED = new Set(['use', 'mod', 'fn', 'const', 'static', 'type', 'trait', 'extern']);

export const parseRustDtos: DtoParser = (source, file, firstLine) => {
  // `&'static str` is a lifetime, not a quote; `r#type` is the keyword `type` used as a name.
  const text = source.replace(/&'([A-Za-z_])/g, '& $1').replace(/\br#([A-Za-z_])/g, '$1');
  const scan = scanLines(text, file, firstLine);
  const ctx = new ParseContext(file, 'rust', scan.diagnostics);
  const requests = new Set<TypeDef>();
  let pending: Token[] = [];
  let intRepr = false;
  for (const stmt of scan.stmts) {
    const comments = [...pending, ...stmt.comments];
    pending = [];
    const { tokens } = stmt;
    if (tokens.length === 0 || (tokens[0]?.text === '#' && tokens[1]?.text === '[')) {
      // Comments and `#[derive(...)]`/`#[repr(i32)]` lines belong to the declaration below them.
      pending = comments;
      if (tokens[2]?.text === 'repr') intRepr = true;
      continue;
    }
    topLevel(ctx, stmt, comments, requests, intRepr);
    intRepr = false;
  }
  // `impl IRequest` alone: RustGenerator prints no `impl IReturn` for a request that returns itself.
  for (const def of requests) addSelfResponse(def);
  for (const def of ctx.types) completeQueryBase(def);
  return ctx.result();
};

function topLevel(
  ctx: ParseContext,
  stmt: LineStmt,
  comments: Token[],
  requests: Set<TypeDef>,
  intRepr: boolean,
): void {
  const { tokens } = stmt;
  if (tokens[0]?.text === '#') return; // `#![allow(...)]`
  let k = tokens[0]?.text === 'pub' ? 1 : 0;
  if (tokens[k]?.text === '(') k = indexOfText(tokens, ')', k) + 1; // pub(crate)
  const word = tokens[k]?.text ?? '';
  if (word === 'struct') structDecl(ctx, stmt, k, comments);
  else if (word === 'enum') enumDecl(ctx, stmt, k, comments, intRepr);
  else if (word === 'impl') implDecl(ctx, stmt, requests);
  else if (!SKIPPED.has(word))
    ctx.error(stmt.line, `expected a struct, enum or impl declaration, found '${textOf(tokens)}'`);
}

function newDef(ctx: ParseContext, stmt: LineStmt, k: number, comments: Token[]): TypeDef | undefined {
  const { name, genericParams } = readTypeName(stmt.tokens, k + 1);
  if (!name) {
    ctx.error(stmt.line, `expected a name after '${stmt.tokens[k]?.text ?? ''}'`);
    return undefined;
  }
  const def: TypeDef = { name, kind: 'class', properties: [], line: stmt.tokens[k + 1]?.line ?? stmt.line };
  if (genericParams.length > 0) def.genericParams = genericParams;
  for (const w of applyTypeAttributes(def, nativeCommentAttributes(comments, true))) ctx.warn(def.line ?? 0, w);
  def.description ??= nativeDescription(comments);
  ctx.types.push(def);
  return def;
}

/** `pub struct Name<T> { fields }`, `pub struct Name {}`, or the newtype `pub struct Name(pub Vec<T>);`. */
function structDecl(ctx: ParseContext, stmt: LineStmt, k: number, comments: Token[]): void {
  const def = newDef(ctx, stmt, k, comments);
  if (!def) return;
  const { tokens } = stmt;
  const paren = indexOfText(tokens, '(', k + 2);
  if (paren >= 0 && !stmt.body) {
    const inner = tokens.slice(paren + 1, tokens.length - 1).filter((t) => t.text !== 'pub');
    const base = nativeTypeHead(inner, 'rust');
    if (base) def.inherits = base;
    else ctx.error(stmt.line, `expected the wrapped collection of ${def.name}, found '${textOf(inner)}'`);
    return;
  }
  let serde: SerdeField = {};
  let pending: Token[] = [];
  for (const member of stmt.body ?? []) {
    const memberComments = [...pending, ...member.comments];
    pending = [];
    if (member.tokens.length === 0 || member.tokens[0]?.text === '#') {
      serde = { ...serde, ...serdeOf(member.tokens) };
      pending = memberComments;
      continue;
    }
    field(ctx, def, member, serde, memberComments);
    serde = {};
  }
}

interface SerdeField {
  flatten?: boolean;
  rename?: string;
}

/** `#[serde(flatten)]`, `#[serde(rename = "costAbove")]`. */
function serdeOf(tokens: Token[]): SerdeField {
  if (tokens[2]?.text !== 'serde') return {};
  const out: SerdeField = {};
  if (tokens.some((t) => t.kind === 'ident' && t.text === 'flatten')) out.flatten = true;
  const at = tokens.findIndex((t) => t.kind === 'ident' && t.text === 'rename');
  const value = tokens[at + 2];
  if (at >= 0 && tokens[at + 1]?.text === '=' && value?.kind === 'string') out.rename = value.text;
  return out;
}

/** `pub cost_above: Option<f64>,` */
function field(ctx: ParseContext, def: TypeDef, stmt: LineStmt, serde: SerdeField, comments: Token[]): void {
  const tokens = stmt.tokens[stmt.tokens.length - 1]?.text === ',' ? stmt.tokens.slice(0, -1) : stmt.tokens;
  const k = tokens[0]?.text === 'pub' ? 1 : 0;
  const nameTok = tokens[k];
  const parsed = tokens[k + 1]?.text === ':' ? parseNativeType(tokens.slice(k + 2), 'rust') : undefined;
  if (nameTok?.kind !== 'ident' || !parsed) {
    ctx.error(stmt.line, `expected a field (pub name: Type,) in ${def.name}, found '${textOf(stmt.tokens)}'`);
    return;
  }
  if (serde.flatten) {
    // Rust has no inheritance: the base class's properties are a flattened field of its type.
    const base = nativeTypeHead(tokens.slice(k + 2), 'rust');
    if (base && !def.inherits) def.inherits = base;
    return;
  }
  const prop: Property = {
    name: toPascalCase(serde.rename ?? nameTok.text),
    type: parsed.type,
    nullable: parsed.nullable,
    required: false,
    line: nameTok.line,
  };
  applyPropertyAttributes(prop, nativeCommentAttributes(comments, true));
  // RustGenerator prints no DataMember comments: the renamed (or unrenamed) field is the wire name.
  keepWireName(prop, serde.rename ?? nameTok.text);
  prop.description ??= nativeDescription(comments);
  def.properties.push(prop);
}

/** `pub enum RoomType { #[serde(rename = "Single")] Single, ... }`; int enums print `Value1 = 1,`. */
function enumDecl(ctx: ParseContext, stmt: LineStmt, k: number, comments: Token[], intRepr: boolean): void {
  const def = newDef(ctx, stmt, k, comments);
  if (!def) return;
  def.kind = 'enum';
  def.enumValues = [];
  let rename: string | undefined;
  const numbers: (number | undefined)[] = [];
  for (const member of stmt.body ?? []) {
    const { tokens } = member;
    if (tokens.length === 0) continue;
    if (tokens[0]?.text === '#') {
      rename = serdeOf(tokens).rename ?? rename;
      continue;
    }
    const nameTok = tokens[0];
    if (nameTok?.kind !== 'ident') {
      ctx.error(member.line, `expected an enum member in ${def.name}, found '${textOf(tokens)}'`);
      continue;
    }
    def.enumValues.push(rename ?? nameTok.text);
    numbers.push(
      tokens[1]?.text === '='
        ? intLiteral(tokens.slice(2, tokens[tokens.length - 1]?.text === ',' ? -1 : undefined))
        : undefined,
    );
    rename = undefined;
  }
  // `#[repr(i32)]`: ServiceStack writes this enum as numbers.
  if (intRepr) setEnumNumbers(def, numbers);
}

/** `impl IRequest for X { const VERB: ... = "GET"; }`, `impl IReturn for X { type Response = T; }`, `impl IReturnVoid for X {}`. */
function implDecl(ctx: ParseContext, stmt: LineStmt, requests: Set<TypeDef>): void {
  const { tokens } = stmt;
  const forAt = tokens.findIndex((t) => t.kind === 'ident' && t.text === 'for');
  const trait = tokens[1]?.text;
  const def = declaredClass(ctx, tokens[forAt + 1]?.text);
  if (forAt !== 2 || !def) return; // impls of anything else are plumbing
  if (trait === 'IRequest') requests.add(def);
  if (trait === 'IReturnVoid') addReturnVoid(def);
  for (const item of stmt.body ?? []) implItem(ctx, def, trait, item);
}

function implItem(ctx: ParseContext, def: TypeDef, trait: string | undefined, item: LineStmt): void {
  const it = item.tokens;
  const eq = indexOfText(it, '=');
  const value = it.slice(eq + 1);
  if (trait === 'IRequest' && it[1]?.text === 'VERB' && value[0]?.kind === 'string') {
    addVerbMarker(def, value[0].text);
  } else if (trait === 'IReturn' && it[0]?.text === 'type' && it[1]?.text === 'Response' && eq > 0) {
    const parsed = parseNativeType(value, 'rust');
    if (parsed) addResponseType(def, parsed.type);
    else ctx.warn(item.line, `could not read the response type of ${def.name}`);
  }
}
