/**
 * Dart DTOs as ServiceStack's DartGenerator prints them:
 *
 *   // @Route("/customers", "POST")
 *   class CreateCustomerRequest extends PostOperationTenanted<CreateCustomerResponse>
 *       implements IReturn<CreateCustomerResponse>, IConvertible, IPost
 *   {
 *       String? email;
 *       CreateCustomerRequest({this.email});
 *       fromMap(Map<String, dynamic> json) { ... }
 *       Map<String, dynamic> toJson() => super.toJson()..addAll({ 'email': email });
 *       getTypeName() => "CreateCustomerRequest";
 *       TypeContext? context = _ctx;
 *   }
 *   enum SkuType { Product, PerDev, }
 *   class Permissions { static const Permissions Read = const Permissions._(1); ... }
 *
 * Every generated field is nullable (`String?`); attributes are comments.
 */
import type { DtoParser, TypeDef } from '../model.js';
import { indexOfText, scanStatements, splitTopLevel, textOf, type Stmt, type Token } from './brace-scanner.js';
import { applyBases, decorateType, looksLikeCall, newProperty, newType, ParseContext, readTypeName } from './decl.js';
import { parseTypeExpr } from './type-expr.js';
import { toPascalCase } from './type-names.js';

const SKIPPED = new Set(['library', 'import', 'export', 'part']);
const FIELD_MODIFIERS = new Set(['final', 'late', 'covariant', 'external']);

export const parseDartDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanStatements(source, file, firstLine);
  const ctx = new ParseContext(file, 'dart', scan.diagnostics);
  for (const stmt of scan.stmts) {
    const { tokens } = stmt;
    if (tokens.length === 0 || SKIPPED.has(tokens[0]?.text ?? '') || typeDecl(ctx, stmt)) continue;
    // `TypeContext _ctx = TypeContext(...)` registers the types with the client: not a DTO.
    if (indexOfText(tokens, '=') < 0) ctx.error(stmt.line, `expected a class or enum, found '${textOf(tokens)}'`);
  }
  return ctx.result();
};

function typeDecl(ctx: ParseContext, stmt: Stmt): boolean {
  const { tokens } = stmt;
  const k = tokens[0]?.text === 'abstract' ? 1 : 0;
  const keyword = tokens[k];
  if (keyword?.text !== 'class' && keyword?.text !== 'enum') return false;
  const { name, genericParams, next } = readTypeName(tokens, k + 1);
  if (!name) {
    ctx.error(keyword.line, `expected a type name after '${keyword.text}'`);
    return true;
  }
  const body = stmt.body ?? [];
  const members = keyword.text === 'enum' ? enumMembers(ctx, name, body) : constMembers(name, body);
  const kind = members ? 'enum' : k === 1 && /^I[A-Z]/.test(name) ? 'interface' : 'class';
  const def = newType(name, kind, keyword.line, genericParams);
  ctx.types.push(def);
  decorateType(ctx, def, [], stmt.comments);
  if (!stmt.body) ctx.error(keyword.line, `expected '{' to open the body of ${name}`);
  if (members) {
    def.enumValues = members;
    return true;
  }
  bases(ctx, def, tokens.slice(next), keyword.line);
  for (const member of body) field(ctx, def, member);
  return true;
}

/** `extends Base<T> with M implements IReturn<X>, IConvertible, IPost`. */
function bases(ctx: ParseContext, def: TypeDef, tokens: Token[], line: number): void {
  const stop = (from: number) => {
    const i = tokens.findIndex((t, j) => j > from && (t.text === 'implements' || t.text === 'with'));
    return i < 0 ? tokens.length : i;
  };
  const entries: { text: string; isBase: boolean }[] = [];
  tokens.forEach((t, i) => {
    if (t.text !== 'extends' && t.text !== 'implements') return;
    for (const e of splitTopLevel(tokens.slice(i + 1, stop(i))))
      entries.push({ text: textOf(e), isBase: t.text === 'extends' });
  });
  applyBases(ctx, def, entries, line);
}

function field(ctx: ParseContext, def: TypeDef, stmt: Stmt): void {
  const { tokens } = stmt;
  if (tokens.length === 0 || tokens[0]?.text === 'static') return;
  let start = 0;
  while (FIELD_MODIFIERS.has(tokens[start]?.text ?? '')) start++;
  const eq = indexOfText(tokens, '=', start);
  const end = eq < 0 ? tokens.length : eq;
  // Constructors, fromMap/toJson, getTypeName() and getters are code, not wire data.
  if (looksLikeCall(tokens, start, end) || tokens.slice(start, end).some((t) => t.text === 'get' || t.text === 'set'))
    return;
  const nameTok = tokens[end - 1];
  if (nameTok?.kind !== 'ident' || end - 1 <= start) {
    ctx.error(stmt.line, `expected a field declaration (Type? name;) or '}', found '${textOf(tokens)}'`);
    return;
  }
  const typeText = textOf(tokens.slice(start, end - 1));
  if (nameTok.text.startsWith('_') || typeText.startsWith('TypeContext')) return; // private state, client plumbing
  const parsed = parseTypeExpr(typeText, 'dart');
  if (!parsed) {
    ctx.error(nameTok.line, `expected a type for field '${nameTok.text}', found '${typeText}'`);
    return;
  }
  def.properties.push(newProperty(toPascalCase(nameTok.text), parsed, nameTok.line, [], stmt.comments, ctx));
}

/** `enum SkuType { Product, PerDev, }`. */
function enumMembers(ctx: ParseContext, name: string, body: Stmt[]): string[] {
  const values: string[] = [];
  for (const member of splitTopLevel(body.flatMap((s) => s.tokens))) {
    const nameTok = member[0];
    if (nameTok?.kind === 'ident') values.push(nameTok.text);
    else ctx.error(nameTok?.line ?? 0, `expected an enum value in ${name}, found '${textOf(member)}'`);
  }
  return values;
}

/** Int-valued enums are classes of `static const X Name = const X._(1);`; undefined for other classes. */
function constMembers(name: string, body: Stmt[]): string[] | undefined {
  const values = body.flatMap((s) => {
    const [st, c, type, member] = s.tokens;
    return st?.text === 'static' && c?.text === 'const' && type?.text === name && member ? [member.text] : [];
  });
  return values.length > 0 ? values : undefined;
}
