/**
 * Swift DTOs as ServiceStack's SwiftGenerator prints them:
 *
 *   // @Route("/customers", "POST")
 *   public class CreateCustomerRequest : PostOperationTenanted<CreateCustomerResponse>, IReturn
 *   {
 *       public typealias Return = CreateCustomerResponse
 *       public var email:String?
 *       required public init(){ super.init() }
 *       private enum CodingKeys : String, CodingKey { case email }
 *       required public init(from decoder: Decoder) throws { ... }
 *   }
 *   public enum SkuType : String, Codable { case Product; case PerDev }
 *
 * IReturn carries no generic argument in Swift; `typealias Return = X` names the response.
 * Attributes are comments; `Codable` is plumbing, not an interface of the DTO.
 */
import type { DtoParser, TypeDef } from '../model.js';
import { readAnnotations } from './attributes.js';
import { indexOfText, scanStatements, splitTopLevel, textOf, type Stmt, type Token } from './brace-scanner.js';
import {
  addResponseType,
  applyBases,
  decorateType,
  newProperty,
  newType,
  ParseContext,
  readTypeName,
  skipModifiers,
} from './decl.js';
import { parseTypeExpr } from './type-expr.js';
import { toPascalCase } from './type-names.js';

const MODIFIERS = new Set([
  'public',
  'open',
  'final',
  'private',
  'fileprivate',
  'internal',
  'required',
  'override',
  'static',
  'lazy',
  'weak',
  'convenience',
  'indirect',
]);
const TYPE_KEYWORDS = new Set(['class', 'struct', 'enum', 'protocol']);
const SKIPPED = new Set(['import', 'extension', 'func', 'init', 'deinit', 'subscript', 'let']);

export const parseSwiftDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanStatements(source, file, firstLine, { newlineTerminates: true });
  const ctx = new ParseContext(file, 'swift', scan.diagnostics);
  for (const stmt of scan.stmts) {
    if (!declaration(ctx, stmt))
      ctx.error(stmt.line, `expected a class, protocol or enum, found '${textOf(stmt.tokens)}'`);
  }
  return ctx.result();
};

/** A type declaration or a statement to skip; false when it is neither. */
function declaration(ctx: ParseContext, stmt: Stmt): boolean {
  const { tokens } = stmt;
  if (tokens.length === 0) return true;
  const k = skipModifiers(tokens, readAnnotations(tokens, 0).next, MODIFIERS);
  const keyword = tokens[k];
  if (SKIPPED.has(keyword?.text ?? '')) return true;
  if (!keyword || !TYPE_KEYWORDS.has(keyword.text)) return false;
  const { name, genericParams, next } = readTypeName(tokens, k + 1);
  if (!name) {
    ctx.error(keyword.line, `expected a type name after '${keyword.text}'`);
    return true;
  }
  if (name === 'CodingKeys') return true; // Codable plumbing inside classes
  const kind = keyword.text === 'enum' ? 'enum' : keyword.text === 'protocol' ? 'interface' : 'class';
  const def = newType(name, kind, keyword.line, genericParams);
  ctx.types.push(def);
  decorateType(ctx, def, [], stmt.comments);
  if (!stmt.body) ctx.error(keyword.line, `expected '{' to open the body of ${name}`);
  if (kind === 'enum') {
    enumCases(ctx, def, stmt.body ?? []);
    return true;
  }
  if (tokens[next]?.text === ':') {
    const entries = splitTopLevel(tokens.slice(next + 1)).map((e) => ({ text: textOf(e) }));
    applyBases(ctx, def, entries, keyword.line);
  }
  for (const member of stmt.body ?? []) memberDecl(ctx, def, member);
  return true;
}

function memberDecl(ctx: ParseContext, def: TypeDef, stmt: Stmt): void {
  const { tokens } = stmt;
  if (tokens.length === 0 || declaration(ctx, stmt)) return;
  const { attrs, next } = readAnnotations(tokens, 0);
  const k = skipModifiers(tokens, next, MODIFIERS);
  const word = tokens[k]?.text;
  if (word === 'typealias' || word === 'associatedtype') {
    typeAlias(ctx, def, tokens, k);
    return;
  }
  const nameTok = tokens[k + 1];
  if (word !== 'var' || !nameTok || nameTok.kind !== 'ident' || tokens[k + 2]?.text !== ':') {
    ctx.error(stmt.line, `expected a property declaration (public var name:Type) or '}', found '${textOf(tokens)}'`);
    return;
  }
  const eq = indexOfText(tokens, '=', k + 3);
  const typeText = textOf(tokens.slice(k + 3, eq < 0 ? tokens.length : eq));
  const parsed = parseTypeExpr(typeText, 'swift');
  if (!parsed) {
    ctx.error(nameTok.line, `expected a type for property '${nameTok.text}', found '${typeText}'`);
    return;
  }
  def.properties.push(newProperty(toPascalCase(nameTok.text), parsed, nameTok.line, attrs, stmt.comments, ctx));
}

/** `public typealias Return = CreateCustomerResponse` is the response type of `IReturn`. */
function typeAlias(ctx: ParseContext, def: TypeDef, tokens: Token[], k: number): void {
  if (tokens[k + 1]?.text !== 'Return' || tokens[k + 2]?.text !== '=') return;
  const typeText = textOf(tokens.slice(k + 3));
  const parsed = parseTypeExpr(typeText, 'swift');
  if (parsed) addResponseType(def, parsed.type);
  else
    ctx.error(
      tokens[k]?.line ?? def.line ?? 0,
      `expected a response type after 'typealias Return =', found '${typeText}'`,
    );
}

/** `case Product`, `case Value1 = 1`, `case a, b`; a String raw value is the wire value. */
function enumCases(ctx: ParseContext, def: TypeDef, body: Stmt[]): void {
  def.enumValues = [];
  for (const stmt of body) {
    if (stmt.tokens.length === 0) continue;
    if (stmt.tokens[0]?.text !== 'case') {
      ctx.error(stmt.line, `expected 'case Name' in enum ${def.name}, found '${textOf(stmt.tokens)}'`);
      continue;
    }
    for (const member of splitTopLevel(stmt.tokens.slice(1))) {
      const [nameTok, eq, value] = member;
      if (nameTok?.kind !== 'ident') {
        ctx.error(stmt.line, `expected an enum case name in ${def.name}, found '${textOf(member)}'`);
        continue;
      }
      const isString = eq?.text === '=' && value?.kind === 'string';
      def.enumValues.push(isString ? value.text : nameTok.text);
    }
  }
}
