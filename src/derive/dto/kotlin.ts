/**
 * Kotlin DTOs as ServiceStack's KotlinGenerator prints them:
 *
 *   @Route(Path="/persons", Verbs="POST")
 *   open class CreatePersonRequest : PostOperationUnTenanted<CreatePersonResponse>(), IPost
 *   {
 *       var userAccountId:String? = null
 *       companion object { private val responseType = CreatePersonResponse::class.java }
 *   }
 *   enum class SkuType { Product, PerDev, }
 *
 * A base-list entry with `()` is the base class (a constructor call); the rest are interfaces.
 */
import type { DtoParser, TypeDef } from '../model.js';
import { readAnnotations, type Attribute } from './attributes.js';
import { indexOfText, scanStatements, splitTopLevel, textOf, type Stmt, type Token } from './brace-scanner.js';
import {
  addResponseType,
  applyBases,
  decorateType,
  newProperty,
  newType,
  ParseContext,
  readTypeName,
  responseTypeOf,
  skipModifiers,
} from './decl.js';
import { parseTypeExpr } from './type-expr.js';
import { toPascalCase } from './type-names.js';

const MODIFIERS = new Set([
  'open',
  'public',
  'private',
  'protected',
  'internal',
  'abstract',
  'sealed',
  'data',
  'final',
  'override',
  'lateinit',
  'const',
  'inner',
]);
const SKIPPED = new Set(['fun', 'init', 'constructor', 'import', 'package', 'typealias']);

export const parseKotlinDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanStatements(source, file, firstLine, { newlineTerminates: true });
  const ctx = new ParseContext(file, 'kotlin', scan.diagnostics);
  for (const stmt of scan.stmts) {
    if (!declaration(ctx, stmt)) ctx.error(stmt.line, 'expected a class, interface or enum class declaration');
  }
  return ctx.result();
};

/** Handles a type declaration or a skipped statement; false when the statement is neither. */
function declaration(ctx: ParseContext, stmt: Stmt): boolean {
  const { tokens } = stmt;
  if (tokens.length === 0) return true;
  const { attrs, next } = readAnnotations(tokens, 0);
  const k = skipModifiers(tokens, next, MODIFIERS);
  const word = tokens[k]?.text ?? '';
  if (SKIPPED.has(word)) return true;
  if (word === 'enum' && tokens[k + 1]?.text === 'class') enumDecl(ctx, stmt, k + 2, attrs);
  else if (word === 'class' || word === 'interface') classDecl(ctx, stmt, k, attrs);
  else return false;
  return true;
}

function classDecl(ctx: ParseContext, stmt: Stmt, k: number, attrs: Attribute[]): void {
  const { tokens } = stmt;
  const keyword = tokens[k] as Token;
  const { name, genericParams, next } = readTypeName(tokens, k + 1);
  if (!name) {
    ctx.error(keyword.line, `expected a type name after '${keyword.text}'`);
    return;
  }
  const def = newType(name, keyword.text === 'interface' ? 'interface' : 'class', keyword.line, genericParams);
  ctx.types.push(def);
  if (tokens[next]?.text === ':') {
    const entries = splitTopLevel(tokens.slice(next + 1)).map((entry) => {
      // `Base<T>()` calls the base constructor: that entry is the class; the `()` is not part of the type.
      const isBase = entry[entry.length - 1]?.text === ')';
      return { text: textOf(isBase ? entry.slice(0, indexOfText(entry, '(')) : entry), isBase };
    });
    applyBases(ctx, def, entries, keyword.line);
  }
  decorateType(ctx, def, attrs, stmt.comments);
  for (const member of stmt.body ?? []) memberDecl(ctx, def, member);
}

function memberDecl(ctx: ParseContext, def: TypeDef, stmt: Stmt): void {
  const { tokens } = stmt;
  if (tokens.length === 0 || declaration(ctx, stmt)) return;
  const { attrs, next } = readAnnotations(tokens, 0);
  const k = skipModifiers(tokens, next, MODIFIERS);
  const word = tokens[k]?.text;
  if (word === 'var' || word === 'val') {
    property(ctx, def, stmt, k + 1, attrs);
  } else if (word === 'companion' || word === 'object') {
    companion(ctx, def, stmt);
  } else {
    ctx.error(stmt.line, `expected a property declaration (var name:Type) or '}', found '${textOf(tokens)}'`);
  }
}

function property(ctx: ParseContext, def: TypeDef, stmt: Stmt, k: number, attrs: Attribute[]): void {
  const { tokens } = stmt;
  const nameTok = tokens[k];
  if (nameTok?.kind !== 'ident' || tokens[k + 1]?.text !== ':') {
    ctx.error(stmt.line, `expected 'name:Type' after 'var', found '${textOf(tokens.slice(k))}'`);
    return;
  }
  const eq = indexOfText(tokens, '=', k + 2);
  const typeText = textOf(tokens.slice(k + 2, eq < 0 ? tokens.length : eq));
  const parsed = parseTypeExpr(typeText, 'kotlin');
  if (!parsed) {
    ctx.error(nameTok.line, `expected a type for property '${nameTok.text}', found '${typeText}'`);
    return;
  }
  // `@SerializedName("from") var from_:String?` — the annotation holds the wire name of a renamed keyword.
  const serialized = attrs.find((a) => a.name === 'SerializedName')?.positional[0];
  const name = toPascalCase(typeof serialized === 'string' ? serialized : nameTok.text);
  def.properties.push(newProperty(name, parsed, nameTok.line, attrs, stmt.comments, ctx));
}

/** `companion object { private val responseType = X::class.java }` names the response type. */
function companion(ctx: ParseContext, def: TypeDef, stmt: Stmt): void {
  for (const inner of stmt.body ?? []) {
    const at = inner.tokens.findIndex((t) => t.text === 'responseType');
    const eq = indexOfText(inner.tokens, '=', at + 1);
    if (at < 0 || eq < 0) continue;
    const type = responseTypeOf(inner.tokens.slice(eq + 1), ctx.syntax);
    if (type) addResponseType(def, type);
    else ctx.warn(inner.line, `could not read the response type of ${def.name}`);
  }
}

function enumDecl(ctx: ParseContext, stmt: Stmt, k: number, attrs: Attribute[]): void {
  const nameTok = stmt.tokens[k];
  if (nameTok?.kind !== 'ident') {
    ctx.error(stmt.line, "expected an enum name after 'enum class'");
    return;
  }
  const def = newType(nameTok.text, 'enum', nameTok.line);
  def.enumValues = [];
  ctx.types.push(def);
  decorateType(ctx, def, attrs, stmt.comments);
  const body = (stmt.body ?? []).flatMap((s) => [...s.tokens, { ...nameTok, kind: 'punct' as const, text: ',' }]);
  for (const member of splitTopLevel(body)) {
    const { attrs: memberAttrs, next } = readAnnotations(member, 0);
    const memberName = member[next];
    if (memberName?.kind !== 'ident') {
      ctx.error(member[0]?.line ?? stmt.line, `expected an enum member name in ${def.name}, found '${textOf(member)}'`);
      continue;
    }
    // Flags enums print `@SerializedName("1") Value1(1)`: the serialized name is the wire value.
    const serialized = memberAttrs.find((a) => a.name === 'SerializedName')?.positional[0];
    def.enumValues.push(typeof serialized === 'string' ? serialized : memberName.text);
  }
}
