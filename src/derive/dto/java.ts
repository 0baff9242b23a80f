/**
 * Java DTOs as ServiceStack's JavaGenerator prints them: static nested types
 * inside one `public class dtos { ... }` container.
 *
 *   @Route(Path="/customers", Verbs="POST")
 *   public static class CreateCustomerRequest extends PostOperationTenanted<CreateCustomerResponse>
 *       implements IReturn<CreateCustomerResponse>
 *   {
 *       public String email = null;
 *       public String getEmail() { return email; }
 *       private static Object responseType = CreateCustomerResponse.class;
 *   }
 *   public static enum SkuType { Product, PerDev; }
 *
 * Every boxed type can be null; only Java primitives (`int`, `boolean`) cannot.
 */
import type { DtoParser, TypeDef } from '../model.js';
import { readAnnotations, type Attribute } from './attributes.js';
import { indexOfText, scanStatements, splitTopLevel, textOf, type Stmt, type Token } from './brace-scanner.js';
import {
  addResponseType,
  applyBases,
  decorateType,
  looksLikeCall,
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
  'public',
  'private',
  'protected',
  'static',
  'final',
  'abstract',
  'transient',
  'volatile',
  'synchronized',
  'default',
]);
const TYPE_KEYWORDS = new Set(['class', 'interface', 'enum']);
const JAVA_PRIMITIVES = new Set(['int', 'long', 'short', 'byte', 'boolean', 'double', 'float', 'char']);

export const parseJavaDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanStatements(source, file, firstLine);
  const ctx = new ParseContext(file, 'java', scan.diagnostics);
  for (const stmt of scan.stmts) {
    const word = stmt.tokens[0]?.text;
    if (stmt.tokens.length === 0 || word === 'package' || word === 'import') continue;
    if (!typeDecl(ctx, stmt, true))
      ctx.error(stmt.line, `expected a class, interface or enum, found '${textOf(stmt.tokens)}'`);
  }
  return ctx.result();
};

interface Header {
  attrs: Attribute[];
  modifiers: Set<string>;
  keyword?: Token;
  at: number;
}

function header(tokens: Token[]): Header {
  const { attrs, next } = readAnnotations(tokens, 0);
  const at = skipModifiers(tokens, next, MODIFIERS);
  const modifiers = new Set(tokens.slice(next, at).map((t) => t.text));
  const keyword = tokens[at];
  return { attrs, modifiers, keyword: keyword && TYPE_KEYWORDS.has(keyword.text) ? keyword : undefined, at };
}

/** A type declaration; false when the statement is not one. */
function typeDecl(ctx: ParseContext, stmt: Stmt, topLevel: boolean): boolean {
  const { tokens } = stmt;
  const h = header(tokens);
  if (!h.keyword) return false;
  const body = stmt.body ?? [];
  // `public class dtos { ... }` only groups the generated types.
  if (topLevel && isContainer(body)) {
    for (const inner of body) {
      if (!typeDecl(ctx, inner, false)) memberError(ctx, inner);
    }
    return true;
  }
  const { name, genericParams, next } = readTypeName(tokens, h.at + 1);
  if (!name) {
    ctx.error(h.keyword.line, `expected a type name after '${h.keyword.text}'`);
    return true;
  }
  const kind = h.keyword.text === 'enum' ? 'enum' : h.keyword.text === 'interface' ? 'interface' : 'class';
  const def = newType(name, kind, h.keyword.line, genericParams);
  ctx.types.push(def);
  decorateType(ctx, def, h.attrs, stmt.comments);
  if (!stmt.body) ctx.error(h.keyword.line, `expected '{' to open the body of ${name}`);
  if (kind === 'enum') {
    enumMembers(ctx, def, body[0]);
    return true;
  }
  bases(ctx, def, tokens.slice(next), h.keyword.line);
  for (const member of body) {
    if (member.tokens.length > 0 && !typeDecl(ctx, member, false)) field(ctx, def, member);
  }
  return true;
}

function isContainer(body: Stmt[]): boolean {
  const decls = body.filter((s) => header(s.tokens).keyword);
  return decls.length > 0 && decls.length === body.filter((s) => s.tokens.length > 0).length;
}

function memberError(ctx: ParseContext, stmt: Stmt): void {
  if (stmt.tokens.length > 0)
    ctx.error(stmt.line, `expected a nested class, interface or enum, found '${textOf(stmt.tokens)}'`);
}

/** `extends Base<T> implements IReturn<X>, IPost` (interfaces: `extends IA, IB`). */
function bases(ctx: ParseContext, def: TypeDef, tokens: Token[], line: number): void {
  const impl = tokens.findIndex((t) => t.text === 'implements');
  const ext = tokens[0]?.text === 'extends' ? tokens.slice(1, impl < 0 ? tokens.length : impl) : [];
  const extended = splitTopLevel(ext).map((e) => ({
    text: textOf(e),
    isBase: def.kind === 'class' ? true : undefined,
  }));
  const implemented =
    impl < 0 ? [] : splitTopLevel(tokens.slice(impl + 1)).map((e) => ({ text: textOf(e), isBase: false }));
  applyBases(ctx, def, [...extended, ...implemented], line);
}

function field(ctx: ParseContext, def: TypeDef, stmt: Stmt): void {
  const { tokens } = stmt;
  const { attrs, next } = readAnnotations(tokens, 0);
  const start = skipModifiers(tokens, next, MODIFIERS);
  const modifiers = new Set(tokens.slice(next, start).map((t) => t.text));
  const eq = indexOfText(tokens, '=', start);
  const end = eq < 0 ? tokens.length : eq;
  if (looksLikeCall(tokens, start, end)) return; // getters, setters, constructors
  const nameTok = tokens[end - 1];
  if (modifiers.has('static')) {
    // `private static Object responseType = X.class;` names the response type.
    if (nameTok?.text === 'responseType' && eq >= 0) {
      const type = responseTypeOf(tokens.slice(eq + 1), 'java');
      if (type) addResponseType(def, type);
    }
    return;
  }
  if (nameTok?.kind !== 'ident' || end - 1 <= start) {
    ctx.error(stmt.line, `expected a field declaration (Type name = null;) or '}', found '${textOf(tokens)}'`);
    return;
  }
  const typeText = textOf(tokens.slice(start, end - 1));
  const parsed = parseTypeExpr(typeText, 'java');
  if (!parsed) {
    ctx.error(nameTok.line, `expected a type for field '${nameTok.text}', found '${typeText}'`);
    return;
  }
  const serialized = attrs.find((a) => a.name === 'SerializedName')?.positional[0];
  const name = toPascalCase(typeof serialized === 'string' ? serialized : nameTok.text);
  const nullable = !JAVA_PRIMITIVES.has(typeText);
  def.properties.push(newProperty(name, { ...parsed, nullable }, nameTok.line, attrs, stmt.comments, ctx));
}

/** `Product, PerDev;` or `@SerializedName("1") Value1(1), ...` — the first statement of the enum body. */
function enumMembers(ctx: ParseContext, def: TypeDef, first: Stmt | undefined): void {
  def.enumValues = [];
  for (const member of splitTopLevel(first?.tokens ?? [])) {
    const { attrs, next } = readAnnotations(member, 0);
    const nameTok = member[next];
    if (nameTok?.kind !== 'ident') {
      ctx.error(
        member[0]?.line ?? def.line ?? 0,
        `expected an enum constant in ${def.name}, found '${textOf(member)}'`,
      );
      continue;
    }
    const serialized = attrs.find((a) => a.name === 'SerializedName')?.positional[0];
    def.enumValues.push(typeof serialized === 'string' ? serialized : nameTok.text);
  }
}
