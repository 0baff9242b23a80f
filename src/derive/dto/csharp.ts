/**
 * C# DTOs as ServiceStack's CSharpGenerator prints them (and as hand-written
 * ServiceModel files look):
 *
 *   namespace MyApp.ServiceModel
 *   {
 *       [Route("/customers", "POST")]
 *       [ValidateHasRole("manager")]
 *       public partial class CreateCustomerRequest
 *           : PostOperationTenanted<CreateCustomerResponse>, IReturn<CreateCustomerResponse>, IPost
 *       {
 *           [ApiMember(IsRequired=true)]
 *           public virtual string Email { get; set; }
 *       }
 *   }
 *
 * Names are already C# names. Reference types are nullable; value types only with `?`.
 */
import type { DtoParser, Property, TypeDef } from '../model.js';
import { readBracketAttributes, type Attribute } from './attributes.js';
import { scanStatements, splitTopLevel, textOf, type Stmt, type Token } from './brace-scanner.js';
import {
  applyBases,
  decorateType,
  looksLikeCall,
  newProperty,
  newType,
  ParseContext,
  readTypeName,
  skipModifiers,
} from './decl.js';
import { setEnumNumbers, splitEnumMembers } from './enum-values.js';
import { parseTypeExpr } from './type-expr.js';

const TYPE_MODIFIERS = new Set([
  'public',
  'internal',
  'private',
  'protected',
  'partial',
  'abstract',
  'sealed',
  'static',
]);
const MEMBER_MODIFIERS = new Set([
  'public',
  'internal',
  'private',
  'protected',
  'virtual',
  'override',
  'new',
  'abstract',
  'sealed',
  'readonly',
  'required',
  'static',
  'const',
  'unsafe',
  'volatile',
  'extern',
]);
const TYPE_KEYWORDS = new Set(['class', 'interface', 'enum', 'struct', 'record']);
/** Primitives that are .NET value types (non-nullable unless written `T?`). */
const REFERENCE_PRIMITIVES = new Set(['string', 'bytes', 'object']);

interface CsContext extends ParseContext {
  namespace?: string;
  /** Properties whose type was written without `?`; nullability is settled once enums are known. */
  implicit: Property[];
}

export const parseCSharpDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanStatements(source, file, firstLine, { preprocessor: true });
  const ctx: CsContext = Object.assign(new ParseContext(file, 'csharp', scan.diagnostics), { implicit: [] });
  for (const stmt of scan.stmts) topLevel(ctx, stmt);
  settleNullability(ctx);
  return ctx.result();
};

function topLevel(ctx: CsContext, stmt: Stmt): void {
  const word = stmt.tokens[0]?.text;
  if (stmt.tokens.length === 0 || word === 'using') return;
  if (word === 'namespace') {
    const name = textOf(stmt.tokens.slice(1)).replace(/\s+/g, '');
    if (!stmt.body) {
      ctx.namespace = name; // file-scoped `namespace X;`
      return;
    }
    const outer = ctx.namespace;
    ctx.namespace = name;
    for (const inner of stmt.body) topLevel(ctx, inner);
    ctx.namespace = outer;
    return;
  }
  if (!typeDecl(ctx, stmt))
    ctx.error(stmt.line, `expected a namespace, class, interface or enum, found '${textOf(stmt.tokens)}'`);
}

/** A class/interface/enum declaration; false when the statement is not one. */
function typeDecl(ctx: CsContext, stmt: Stmt): boolean {
  const { tokens } = stmt;
  const { attrs, next } = readBracketAttributes(tokens, 0);
  const k = skipModifiers(tokens, next, TYPE_MODIFIERS);
  const keyword = tokens[k];
  if (!keyword || !TYPE_KEYWORDS.has(keyword.text)) return false;
  const { name, genericParams, next: after } = readTypeName(tokens, k + 1);
  if (!name) {
    ctx.error(keyword.line, `expected a type name after '${keyword.text}'`);
    return true;
  }
  const kind = keyword.text === 'enum' ? 'enum' : keyword.text === 'interface' ? 'interface' : 'class';
  const def = newType(name, kind, keyword.line, genericParams);
  if (ctx.namespace) def.namespace = ctx.namespace;
  ctx.types.push(def);
  decorateType(ctx, def, attrs, stmt.comments);
  if (!stmt.body) ctx.error(keyword.line, `expected '{' to open the body of ${name}`);
  if (kind === 'enum') {
    enumMembers(
      ctx,
      def,
      stmt.body ?? [],
      attrs.some((a) => a.name === 'Flags'),
    );
    return true;
  }
  if (tokens[after]?.text === ':') {
    const where = tokens.findIndex((t, i) => i > after && t.text === 'where');
    const list = tokens.slice(after + 1, where < 0 ? tokens.length : where);
    applyBases(
      ctx,
      def,
      splitTopLevel(list).map((entry) => ({ text: textOf(entry) })),
      keyword.line,
    );
  }
  for (const member of stmt.body ?? []) memberDecl(ctx, def, member);
  return true;
}

function memberDecl(ctx: CsContext, def: TypeDef, stmt: Stmt): void {
  const { tokens } = stmt;
  if (tokens.length === 0 || typeDecl(ctx, stmt)) return;
  const { attrs, next } = readBracketAttributes(tokens, 0);
  const start = skipModifiers(tokens, next, MEMBER_MODIFIERS);
  const modifiers = new Set(tokens.slice(next, start).map((t) => t.text));
  // Methods, constructors and `=>` members carry no wire data; statics and consts are not instance data.
  const eq = tokens.findIndex((t, i) => i >= start && t.text === '=');
  const end = eq < 0 ? tokens.length : eq;
  const arrow = eq >= 0 && tokens[eq + 1]?.text === '>';
  if (looksLikeCall(tokens, start, end) || arrow || modifiers.has('static') || modifiers.has('const')) return;
  const nameTok = tokens[end - 1];
  if (!nameTok || nameTok.kind !== 'ident' || end - 1 <= start) {
    ctx.error(stmt.line, `expected a property declaration (Type Name { get; set; }) or '}', found '${textOf(tokens)}'`);
    return;
  }
  property(ctx, def, stmt, {
    attrs,
    typeTokens: tokens.slice(start, end - 1),
    nameTok,
    required: modifiers.has('required'),
  });
}

interface PropertyParts {
  attrs: Attribute[];
  typeTokens: Token[];
  nameTok: Token;
  required: boolean;
}

function property(ctx: CsContext, def: TypeDef, stmt: Stmt, parts: PropertyParts): void {
  const typeText = textOf(parts.typeTokens);
  const parsed = parseTypeExpr(typeText, 'csharp');
  if (!parsed) {
    ctx.error(parts.nameTok.line, `expected a type for property '${parts.nameTok.text}', found '${typeText}'`);
    return;
  }
  const prop = newProperty(parts.nameTok.text, parsed, parts.nameTok.line, parts.attrs, stmt.comments, ctx);
  if (parts.required) prop.required = true; // C# 11 `required` members
  if (!parsed.nullable) ctx.implicit.push(prop);
  def.properties.push(prop);
}

/** Members and their wire values; a `[Flags]` enum travels as its numbers, so those are read too. */
function enumMembers(ctx: CsContext, def: TypeDef, body: Stmt[], flags: boolean): void {
  def.enumValues = [];
  const members: { name: string; value?: string[] }[] = [];
  const tokens = body.flatMap((s) => [...s.tokens, ...s.tail]);
  for (const member of splitEnumMembers(tokens)) {
    const { attrs, next } = readBracketAttributes(member, 0);
    const nameTok = member[next];
    if (nameTok?.kind !== 'ident') {
      ctx.error(
        member[0]?.line ?? def.line ?? 0,
        `expected an enum member name in ${def.name}, found '${textOf(member)}'`,
      );
      continue;
    }
    // `[EnumMember(Value="x")]` changes the wire value.
    const value = attrs.find((a) => a.name === 'EnumMember')?.named['Value'];
    def.enumValues.push(typeof value === 'string' ? value : nameTok.text);
    const eq = member.findIndex((t, i) => i > next && t.text === '=');
    members.push(
      eq < 0 ? { name: nameTok.text } : { name: nameTok.text, value: member.slice(eq + 1).map((t) => t.text) },
    );
  }
  const unread = flags ? setEnumNumbers(def, members) : undefined;
  if (unread)
    ctx.warn(def.line ?? 0, `expected an integer value for ${def.name}.${unread}; the [Flags] enum is written by name`);
}

/** A property written without `?` is nullable unless its type is a value type (a primitive struct or an enum). */
function settleNullability(ctx: CsContext): void {
  const enums = new Set(ctx.types.filter((t) => t.kind === 'enum').map((t) => t.name));
  for (const prop of ctx.implicit) {
    const t = prop.type;
    const isValue =
      (t.kind === 'primitive' && !REFERENCE_PRIMITIVES.has(t.name)) || (t.kind === 'named' && enums.has(t.name));
    prop.nullable = !isValue;
  }
}
