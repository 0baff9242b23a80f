/**
 * TypeScript DTOs as ServiceStack's TypeScriptGenerator prints them (`/types/typescript`,
 * and the `.d.ts` form with interfaces):
 *
 *   // @Route("/customers/{Id}", "PUT")
 *   // @ValidateRequest(Validator="IsAuthenticated")
 *   export class UpdateCustomer extends PutOperationTenanted<CustomerResponse> implements IReturn<CustomerResponse>, IPut
 *   {
 *       // @ApiMember(IsRequired=true)
 *       public id?: string;
 *       public meta: { [index:string]: string; };
 *       public constructor(init?: Partial<UpdateCustomer>) { super(init); (Object as any).assign(this, init); }
 *       public getTypeName() { return 'UpdateCustomer'; }
 *   }
 *   export enum SkuType { Product = 'Product', PerDev = 'PerDev' }
 *   export type LicenseType = "Free" | "Indie";
 *
 * Attributes are comments; `?:` or `| null` marks nullable; camelCase names become PascalCase.
 */
import type { DtoParser, TypeDef } from '../model.js';
import { indexOfText, scanStatements, splitTopLevel, textOf, type Stmt, type Token } from './brace-scanner.js';
import { applyBases, decorateType, looksLikeCall, newProperty, newType, ParseContext, readTypeName } from './decl.js';
import { commentAttributes } from './attributes.js';
import { setEnumNumbers } from './enum-values.js';
import { parseTypeExpr } from './type-expr.js';
import { isInterfaceName, toPascalCase } from './type-names.js';

const DECL_MODIFIERS = new Set(['export', 'declare', 'default', 'abstract', 'const']);
const MEMBER_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'declare', 'abstract', 'override']);
const TYPE_KEYWORDS = new Set(['class', 'interface', 'enum', 'type']);
const SKIPPED = new Set(['import', 'export', 'declare']);

export const parseTypeScriptDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanStatements(source, file, firstLine);
  const ctx = new ParseContext(file, 'typescript', scan.diagnostics);
  for (const stmt of scan.stmts) topLevel(ctx, stmt);
  return ctx.result();
};

function topLevel(ctx: ParseContext, stmt: Stmt, declared = false): void {
  const { tokens } = stmt;
  // `/types/typescript.d` without a GlobalNamespace prints its interfaces bare (`interface Hello extends IReturn<X>`).
  const bare = tokens[0]?.text === 'interface';
  if (tokens.length === 0 || typeDecl(ctx, stmt, declared || bare)) return;
  const k = tokens.findIndex((t) => !DECL_MODIFIERS.has(t.text));
  const word = tokens[k]?.text ?? '';
  if ((word === 'namespace' || word === 'module') && stmt.body) {
    const inDeclare = declared || tokens[0]?.text === 'declare';
    for (const inner of stmt.body) topLevel(ctx, inner, inDeclare);
  } else if (!SKIPPED.has(tokens[0]?.text ?? '')) {
    ctx.error(stmt.line, `expected a class, interface, enum or type declaration, found '${textOf(tokens)}'`);
  }
}

/**
 * A class/interface/enum/type declaration; false when the statement is not one. In the `.d.ts` form
 * (`/types/typescript.d`: `declare module dtos { … }`, or bare `interface X` lines without a GlobalNamespace)
 * every DTO is an interface: one not named like an interface (`IReturn<T>`, `ICreateDb<T>`) is a DTO class,
 * its `extends` list holding its base and its interfaces.
 */
function typeDecl(ctx: ParseContext, stmt: Stmt, declared = false): boolean {
  const { tokens } = stmt;
  let k = 0;
  while (tokens[k] && DECL_MODIFIERS.has(tokens[k]?.text ?? '')) k++;
  const keyword = tokens[k];
  if (!keyword || !TYPE_KEYWORDS.has(keyword.text) || tokens[k + 1]?.kind !== 'ident') return false;
  const { name = '', genericParams, next } = readTypeName(tokens, k + 1);
  if (keyword.text === 'type') return typeAlias(ctx, stmt, name, next);
  const def = newType(name, kindOf(keyword.text, name, declared), keyword.line, genericParams);
  ctx.types.push(def);
  decorateType(ctx, def, [], stmt.comments);
  def.description ??= jsDocDescription(stmt.comments);
  if (!stmt.body) ctx.error(keyword.line, `expected '{' to open the body of ${name}`);
  if (def.kind === 'enum') {
    enumMembers(
      ctx,
      def,
      stmt.body ?? [],
      commentAttributes(stmt.comments).some((a) => a.name === 'Flags'),
    );
    return true;
  }
  bases(ctx, def, tokens.slice(next), keyword.line, keyword.text === 'class');
  for (const member of stmt.body ?? []) memberDecl(ctx, def, member);
  return true;
}

const kindOf = (keyword: string, name: string, declared: boolean): TypeDef['kind'] => {
  if (keyword === 'enum') return 'enum';
  if (keyword === 'interface') return declared && !isInterfaceName(name) ? 'class' : 'interface';
  return 'class';
};

/** `extends Base<T> implements IReturn<X>, IPost`; an interface's `extends` list may name several. */
function bases(ctx: ParseContext, def: TypeDef, tokens: Token[], line: number, isClass: boolean): void {
  const impl = tokens.findIndex((t) => t.text === 'implements');
  const ext = tokens[0]?.text === 'extends' ? tokens.slice(1, impl < 0 ? tokens.length : impl) : [];
  const extended = splitTopLevel(ext).map((e) => ({ text: textOf(e), isBase: isClass ? true : undefined }));
  const implemented =
    impl < 0 ? [] : splitTopLevel(tokens.slice(impl + 1)).map((e) => ({ text: textOf(e), isBase: false }));
  applyBases(ctx, def, [...extended, ...implemented], line);
}

/** `export type SkuType = "Product" | "PerDev";` is an enum; other aliases are not DTOs. */
function typeAlias(ctx: ParseContext, stmt: Stmt, name: string, next: number): boolean {
  const rhs = stmt.tokens.slice(next + 1);
  const members = rhs.filter((t, i) => i % 2 === 0);
  const isUnion = rhs.every((t, i) => (i % 2 === 0 ? t.kind === 'string' : t.text === '|')) && members.length > 0;
  if (stmt.tokens[next]?.text !== '=' || !isUnion) {
    ctx.warn(stmt.line, `ignored type alias ${name}: only string-literal unions describe DTO enums`);
    return true;
  }
  const def = newType(name, 'enum', stmt.tokens[0]?.line ?? stmt.line);
  def.enumValues = members.map((t) => t.text);
  decorateType(ctx, def, [], stmt.comments);
  ctx.types.push(def);
  return true;
}

function memberDecl(ctx: ParseContext, def: TypeDef, stmt: Stmt): void {
  const { tokens } = stmt;
  const k = memberStart(tokens);
  if (k < 0) return;
  const nameTok = tokens[k];
  const optional = tokens[k + 1]?.text === '?';
  const typeStart = k + (optional ? 3 : 2);
  if (!nameTok || (nameTok.kind !== 'ident' && nameTok.kind !== 'string') || tokens[typeStart - 1]?.text !== ':') {
    ctx.error(stmt.line, `expected a property declaration (name: Type;) or '}', found '${textOf(tokens)}'`);
    return;
  }
  const eq = indexOfText(tokens, '=', typeStart);
  const typeText = textOf(tokens.slice(typeStart, eq < 0 ? tokens.length : eq));
  const parsed = parseTypeExpr(typeText, 'typescript');
  if (!parsed) {
    ctx.error(nameTok.line, `expected a type for property '${nameTok.text}', found '${typeText}'`);
    return;
  }
  const prop = { ...parsed, nullable: parsed.nullable || optional };
  const property = newProperty(toPascalCase(nameTok.text), prop, nameTok.line, [], stmt.comments, ctx);
  property.description ??= jsDocDescription(stmt.comments);
  def.properties.push(property);
}

/** `/** @description Find Bookings *\/`: how the generator prints a description (AddDescriptionAsComments). */
function jsDocDescription(comments: Token[]): string | undefined {
  for (const c of comments) {
    const m = /^\*?\s*@description\s+([\s\S]*?)\s*\*?\s*$/.exec(c.text);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** Index of the member name after its modifiers; -1 for what carries no wire data (statics, methods). */
function memberStart(tokens: Token[]): number {
  // `[Key: string]: T;`: the index signature of the `Dictionary<T>` stand-in the generator declares.
  if (tokens.length === 0 || tokens[0]?.text === '[') return -1;
  let k = 0;
  while (MEMBER_MODIFIERS.has(tokens[k]?.text ?? '') && tokens[k + 1]?.kind !== 'punct') k++;
  if (tokens[k]?.text === 'static') return -1;
  const colon = indexOfText(tokens, ':', k);
  // constructor(...), getTypeName(), createResponse()
  return looksLikeCall(tokens, k, colon < 0 ? tokens.length : colon) ? -1 : k;
}

/**
 * `Product = 'Product', PerDev = 'PerDev'`: the string is the wire value; numeric members keep their names,
 * unless the enum is `// @Flags()`: ServiceStack writes those as their numbers.
 */
function enumMembers(ctx: ParseContext, def: TypeDef, body: Stmt[], flags: boolean): void {
  def.enumValues = [];
  const members: { name: string; value?: string[] }[] = [];
  for (const member of splitTopLevel(body.flatMap((s) => s.tokens))) {
    const [nameTok, eq, value] = member;
    if (!nameTok || (nameTok.kind !== 'ident' && nameTok.kind !== 'string')) {
      ctx.error(member[0]?.line ?? def.line ?? 0, `expected an enum member in ${def.name}, found '${textOf(member)}'`);
      continue;
    }
    const isString = eq?.text === '=' && value?.kind === 'string' && member.length === 3;
    def.enumValues.push(isString ? value.text : nameTok.text);
    members.push(
      eq?.text === '=' ? { name: nameTok.text, value: member.slice(2).map((t) => t.text) } : { name: nameTok.text },
    );
  }
  const unread = flags ? setEnumNumbers(def, members) : undefined;
  if (unread)
    ctx.warn(def.line ?? 0, `expected an integer value for ${def.name}.${unread}; the enum is written by name`);
}
