/**
 * PHP DTOs as ServiceStack's PhpGenerator prints them (`/types/php`):
 *
 *   // @Route("/bookings", "POST")
 *   #[Returns('IdResponse')]
 *   /**
 *    * @template ICreateDb of Booking
 *    *\/
 *   class CreateBooking implements IReturn, IPost, ICreateDb, JsonSerializable
 *   {
 *       public function __construct(
 *           /** @description Name of the guest *\/
 *           // @Validate(Validator="NotEmpty")
 *           /** @var string|null *\/
 *           public ?string $name=null,
 *           /** @var array<string,Booking>|null *\/
 *           public ?array $byName=null
 *       ) { }
 *       public function getTypeName(): string { return 'CreateBooking'; }
 *       public function getMethod(): string { return 'POST'; }
 *       public function createResponse(): mixed { return new IdResponse(); }
 *   }
 *   enum RoomType : string { case Single = 'Single'; }
 *
 * Properties are the constructor's promoted (`public`) parameters; parameters without a visibility
 * are the base class's, repeated. The `@var` docblock holds the full type (`array<Booking>`), the
 * native type only its kind (`?array`). Generic arguments of a base or an interface are erased from
 * the class line and kept as `@template Base of Arg` (the second one as `@template Base1 of Arg`);
 * the response is `#[Returns('X')]` with its generic arguments in `createResponse()`.
 */
import type { DtoParser, TypeDef, TypeRef } from '../model.js';
import { readBracketAttributes, type Attribute } from './attributes.js';
import { skipBalanced, textOf, tokenize, type Token } from './brace-scanner.js';
import { addResponseType, applyBases, decorateType, newProperty, newType, ParseContext } from './decl.js';
import { parseTypeExpr, type ParsedType } from './type-expr.js';
import { toPascalCase } from './type-names.js';
import { addVerbMarker } from './verb-marker.js';

const TYPE_MODIFIERS = new Set(['abstract', 'final', 'readonly']);
const MEMBER_MODIFIERS = new Set(['public', 'protected', 'private', 'static', 'readonly', 'final', 'abstract', 'var']);
const VISIBILITY = new Set(['public', 'protected', 'private']);
const SKIPPED_STATEMENTS = new Set(['namespace', 'use', 'declare', 'require', 'require_once', 'include']);
/** Class members that are the generator's plumbing, not wire data. */
const PLUMBING_PROPERTIES = new Set(['genericArgs']);

export const parsePhpDtos: DtoParser = (source, file, firstLine) => {
  const { tokens, diagnostics } = tokenize(hashCommentsAsSlashes(source), file, firstLine);
  const ctx = new ParseContext(file, 'php', diagnostics);
  new PhpReader(tokens, ctx).file();
  return ctx.result();
};

/** PHP's `# comment` lines read as `// comment`; `#[Attribute]` stays. Line numbers keep. */
function hashCommentsAsSlashes(source: string): string {
  return source.replace(/^([ \t]*)#(?!\[)/gm, '$1//');
}

interface Pending {
  comments: Token[];
  attrs: Attribute[];
}

/** What a class's methods say about its operation. */
interface OperationHints {
  verb?: string;
  response?: TypeRef;
}

class PhpReader {
  private pos = 0;
  constructor(
    private readonly toks: Token[],
    private readonly ctx: ParseContext,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.toks[this.pos + offset];
  }

  private is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind !== 'string' && t.text === text;
  }

  file(): void {
    let pending: Pending = { comments: [], attrs: [] };
    while (this.pos < this.toks.length) {
      const tok = this.peek() as Token;
      if (tok.kind === 'comment') {
        pending.comments.push(tok);
        this.pos++;
      } else if (this.is('<') && this.is('?', 1)) {
        this.pos += this.peek(2)?.text === 'php' ? 3 : 2; // `<?php`
      } else if (this.is('?') && this.is('>', 1)) {
        this.pos += 2;
      } else if (this.is('#') && this.is('[', 1)) {
        pending.attrs.push(...this.phpAttributes());
      } else if (SKIPPED_STATEMENTS.has(tok.text)) {
        this.skipStatement();
        pending = { comments: [], attrs: [] };
      } else if (this.declaration(pending)) {
        pending = { comments: [], attrs: [] };
      } else {
        this.ctx.error(tok.line, `expected a class, interface or enum declaration, found '${this.statementText()}'`);
        this.skipStatement();
        pending = { comments: [], attrs: [] };
      }
    }
  }

  /** `#[Returns('X')]` (PHP 8 attribute syntax) at `#`. */
  private phpAttributes(): Attribute[] {
    const { attrs, next } = readBracketAttributes(this.toks, this.pos + 1);
    this.pos = Math.max(next, this.pos + 2);
    return attrs;
  }

  /** Skips past a `;`-terminated statement (`use ServiceStack\{IReturn,IGet};`) or past a block (`function f() {}`). */
  private skipStatement(): void {
    while (this.pos < this.toks.length) {
      if (this.is(';')) {
        this.pos++;
        return;
      }
      if (this.is('{')) {
        const brace = this.pos;
        this.pos = skipBalanced(this.toks, this.pos);
        const grouped = this.toks[brace - 1]?.text === '\\';
        if (!grouped) return;
      } else this.pos++;
    }
  }

  private statementText(): string {
    const out: Token[] = [];
    for (let k = this.pos; k < this.toks.length && out.length < 12; k++) {
      const t = this.toks[k] as Token;
      if (t.kind !== 'string' && (t.text === ';' || t.text === '{')) break;
      if (t.kind !== 'comment') out.push(t);
    }
    return textOf(out);
  }

  private declaration(pending: Pending): boolean {
    let k = 0;
    while (TYPE_MODIFIERS.has(this.peek(k)?.text ?? '')) k++;
    const keyword = this.peek(k);
    const nameTok = this.peek(k + 1);
    if (!keyword || !['class', 'interface', 'enum', 'trait'].includes(keyword.text)) return false;
    if (nameTok?.kind !== 'ident') return false;
    this.pos += k + 2;
    const templates = docTemplates(pending.comments);
    if (keyword.text === 'enum') {
      this.enumDecl(nameTok, pending);
      return true;
    }
    const kind = keyword.text === 'interface' ? 'interface' : 'class';
    const def = newType(nameTok.text, kind, nameTok.line, templates.params);
    this.ctx.types.push(def);
    def.description = descriptionOf(pending.comments);
    decorateType(this.ctx, def, pending.attrs, pending.comments);
    this.heritage(def, kind, templates.args, nameTok.line);
    if (kind === 'interface') def.properties.push(...docProperties(this.ctx, pending.comments));
    if (!this.is('{')) {
      this.ctx.error(nameTok.line, `expected '{' to open the body of ${def.name}`);
      this.skipStatement();
      return true;
    }
    const hints = this.classBody(def);
    this.applyHints(def, hints, pending.attrs);
    return true;
  }

  /** `extends Base implements A, B` (classes) or `extends A, B` (interfaces), up to the `{`. */
  private heritage(def: TypeDef, kind: TypeDef['kind'], templateArgs: Map<string, string>, line: number): void {
    const entries: { text: string; isBase: boolean }[] = [];
    let isBase = kind === 'class';
    while (this.pos < this.toks.length && !this.is('{') && !this.is(';')) {
      const tok = this.peek() as Token;
      this.pos++;
      if (tok.text === 'extends') isBase = kind === 'class';
      else if (tok.text === 'implements') isBase = false;
      else if (tok.kind === 'ident') {
        entries.push({ text: withTemplateArgs(tok.text, templateArgs), isBase });
        if (kind === 'class') isBase = false;
      } else if (tok.text !== ',' && tok.text !== '\\' && tok.kind !== 'comment') {
        this.ctx.error(tok.line, `expected a base class or interface name in ${def.name}, found '${tok.text}'`);
      }
    }
    // `extends \ArrayObject`: a DTO inheriting List<T>; its item type is in the constructor.
    applyBases(
      this.ctx,
      def,
      entries.filter((e) => e.text !== 'ArrayObject'),
      line,
    );
  }

  /** Reads the members up to the matching `}`; returns what the operation methods say. */
  private classBody(def: TypeDef): OperationHints {
    const close = skipBalanced(this.toks, this.pos) - 1;
    if (this.toks[close]?.text !== '}') {
      this.ctx.error(def.line ?? this.peek()?.line ?? 0, `expected '}' to close the body of ${def.name}`);
    }
    this.pos++;
    const hints: OperationHints = {};
    let comments: Token[] = [];
    while (this.pos < close) {
      const tok = this.peek() as Token;
      if (tok.kind === 'comment') {
        comments.push(tok);
        this.pos++;
        continue;
      }
      if (this.is('#') && this.is('[', 1)) {
        this.phpAttributes();
        continue;
      }
      this.member(def, comments, hints, close);
      comments = [];
    }
    this.pos = close + 1;
    return hints;
  }

  private member(def: TypeDef, comments: Token[], hints: OperationHints, close: number): void {
    const start = this.pos;
    while (MEMBER_MODIFIERS.has(this.peek()?.text ?? '')) this.pos++;
    const tok = this.peek();
    if (tok?.text === 'function') {
      this.method(def, hints, close);
    } else if (tok?.text === 'const' || tok?.text === 'use' || tok?.text === 'case') {
      this.skipMember(close);
    } else if (this.pos > start || tok?.text.startsWith('$')) {
      this.classProperty(def, comments, close);
    } else {
      this.ctx.error(tok?.line ?? def.line ?? 0, `expected a property or method in ${def.name}, found '${tok?.text}'`);
      this.skipMember(close);
    }
  }

  /** To the next `;` or past the next block, never beyond the class's `}`. */
  private skipMember(close: number): void {
    while (this.pos < close) {
      if (this.is(';')) {
        this.pos++;
        return;
      }
      if (this.is('{')) {
        this.pos = Math.min(skipBalanced(this.toks, this.pos), close);
        return;
      }
      this.pos++;
    }
  }

  /** `function name(params): type { body }`: the constructor's promoted parameters are properties. */
  private method(def: TypeDef, hints: OperationHints, close: number): void {
    const nameTok = this.peek(1);
    this.pos += 2;
    if (!this.is('(')) {
      this.skipMember(close);
      return;
    }
    const paramsEnd = Math.min(skipBalanced(this.toks, this.pos), close);
    if (nameTok?.text === '__construct') this.constructorParams(def, this.pos + 1, paramsEnd - 1);
    this.pos = paramsEnd;
    while (this.pos < close && !this.is('{') && !this.is(';')) this.pos++;
    if (!this.is('{')) {
      this.skipMember(close);
      return;
    }
    const bodyEnd = Math.min(skipBalanced(this.toks, this.pos), close);
    const body = this.toks.slice(this.pos + 1, bodyEnd - 1).filter((t) => t.kind !== 'comment');
    if (nameTok?.text === 'getMethod') hints.verb = body.find((t) => t.kind === 'string')?.text;
    if (nameTok?.text === 'createResponse') hints.response = createdResponse(body);
    this.pos = bodyEnd;
  }

  /** Promoted parameters (`public ?string $name=null`), each with the comments before it. */
  private constructorParams(def: TypeDef, from: number, to: number): void {
    let comments: Token[] = [];
    let param: Token[] = [];
    let depth = 0;
    const flush = () => {
      if (param.length > 0) this.param(def, param, comments);
      param = [];
      comments = [];
    };
    for (let k = from; k < to; k++) {
      const t = this.toks[k] as Token;
      if (t.kind === 'comment') {
        if (param.length === 0) comments.push(t);
        continue;
      }
      if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
      if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
      if (t.kind === 'punct' && t.text === ',' && depth === 0) flush();
      else param.push(t);
    }
    flush();
  }

  private param(def: TypeDef, tokens: Token[], comments: Token[]): void {
    const promoted = tokens.some((t) => VISIBILITY.has(t.text));
    const eq = tokens.findIndex((t) => t.kind === 'punct' && t.text === '=');
    const head = eq < 0 ? tokens : tokens.slice(0, eq);
    const nameTok = head[head.length - 1];
    if (!nameTok || !nameTok.text.startsWith('$')) {
      this.ctx.error(
        tokens[0]?.line ?? 0,
        `expected a constructor parameter ($name) in ${def.name}, found '${textOf(tokens)}'`,
      );
      return;
    }
    const variadic = head[head.length - 2]?.text === '.';
    if (variadic) {
      // `__construct(Booking ...$items)` of a DTO that extends List<Booking> (`extends \ArrayObject`).
      const item = parseTypeExpr(nativeType(head.slice(0, -4)), 'php');
      def.inherits ??= { name: 'List', args: [item?.type ?? { kind: 'primitive', name: 'object' }] };
      return;
    }
    if (!promoted) return; // a base class's property, repeated for parent::__construct
    const native = nativeType(head.slice(0, -1).filter((t) => !MEMBER_MODIFIERS.has(t.text)));
    this.addProperty(def, nameTok, native, comments);
  }

  /** `public int $version = 1;` and other properties declared outside the constructor. */
  private classProperty(def: TypeDef, comments: Token[], close: number): void {
    const start = this.pos;
    this.skipMember(close);
    const tokens = this.toks.slice(start, this.pos).filter((t) => t.kind !== 'comment' && t.text !== ';');
    const eq = tokens.findIndex((t) => t.kind === 'punct' && t.text === '=');
    const head = eq < 0 ? tokens : tokens.slice(0, eq);
    const nameTok = head[head.length - 1];
    if (!nameTok || !nameTok.text.startsWith('$')) {
      this.ctx.error(
        tokens[0]?.line ?? def.line ?? 0,
        `expected a property ($name) in ${def.name}, found '${textOf(tokens)}'`,
      );
      return;
    }
    if (tokens.some((t) => t.text === 'static') || PLUMBING_PROPERTIES.has(nameTok.text.slice(1))) return;
    this.addProperty(def, nameTok, nativeType(head.slice(0, -1)), comments);
  }

  private addProperty(def: TypeDef, nameTok: Token, native: string, comments: Token[]): void {
    const docType = varType(comments);
    const parsed = (docType ? parsePhpType(docType) : undefined) ?? parsePhpType(native);
    if (!parsed) {
      this.ctx.error(nameTok.line, `expected a type for property '${nameTok.text}', found '${docType ?? native}'`);
      return;
    }
    // `?array` natively with `@var array<X>` in the docblock: either says null is allowed.
    const nullable = parsed.nullable || native.startsWith('?') || /\bnull\b/.test(native);
    const prop = newProperty(toPascalCase(nameTok.text.slice(1)), { ...parsed, nullable }, nameTok.line, [], comments);
    prop.description ??= descriptionOf(comments);
    def.properties.push(prop);
  }

  private enumDecl(nameTok: Token, pending: Pending): void {
    const def = newType(nameTok.text, 'enum', nameTok.line);
    def.enumValues = [];
    def.description = descriptionOf(pending.comments);
    decorateType(this.ctx, def, pending.attrs, pending.comments);
    this.ctx.types.push(def);
    // `enum X : string` holds wire values; `enum X : int` is written by its case names.
    const backing = this.is(':') ? this.peek(1)?.text : undefined;
    while (this.pos < this.toks.length && !this.is('{') && !this.is(';')) this.pos++;
    if (!this.is('{')) {
      this.ctx.error(nameTok.line, `expected '{' to open the body of ${def.name}`);
      this.skipStatement();
      return;
    }
    const end = skipBalanced(this.toks, this.pos);
    const body = this.toks.slice(this.pos + 1, end - 1).filter((t) => t.kind !== 'comment');
    this.pos = end;
    for (let k = 0; k < body.length; k++) {
      const t = body[k] as Token;
      if (t.text !== 'case' || t.kind !== 'ident') continue;
      const name = body[k + 1];
      const value = body[k + 2]?.text === '=' ? body[k + 3] : undefined;
      if (name?.kind !== 'ident') {
        this.ctx.error(t.line, `expected an enum case name in ${def.name}`);
        continue;
      }
      def.enumValues.push(backing === 'string' && value?.kind === 'string' ? value.text : name.text);
    }
  }

  /** The response from `#[Returns('X')]` and `createResponse()`; the verb from `getMethod()`. */
  private applyHints(def: TypeDef, hints: OperationHints, attrs: Attribute[]): void {
    const returns = attrs.find((a) => a.name === 'Returns')?.positional[0];
    const response = responseOf(typeof returns === 'string' ? returns : undefined, hints.response);
    const implementsReturn = def.implements?.some((i) => i.name === 'IReturn') === true;
    if (response && (implementsReturn || returns !== undefined)) addResponseType(def, response);
    else if (implementsReturn)
      this.ctx.warn(def.line ?? 0, `${def.name} implements IReturn but names no response type`);
    addVerbMarker(def, hints.verb);
  }
}

/** `QueryResponse::create(genericArgs:['Booking'])` carries the arguments `#[Returns('QueryResponse')]` drops. */
function responseOf(returns: string | undefined, created: TypeRef | undefined): TypeRef | undefined {
  const declared = returns === undefined ? undefined : parsePhpType(returns)?.type;
  const hasArgs = created !== undefined && (created.kind !== 'named' || (created.args?.length ?? 0) > 0);
  return hasArgs ? created : (declared ?? created);
}

/** Text of a native type (`?string`, `array`, `int|string`). */
function nativeType(tokens: Token[]): string {
  const text = tokens
    .filter((t) => t.text !== '\\')
    .map((t) => t.text)
    .join('');
  return text === '' ? 'mixed' : text;
}

/** `@var array<Booking>|null` in a docblock before the property. */
function varType(comments: Token[]): string | undefined {
  for (const c of comments) {
    const m = /@var\s+([^\n]*?)\s*(?:\*\s*)?$/m.exec(c.text);
    if (m?.[1]) return m[1].replace(/\s+\$\w+$/, '');
  }
  return undefined;
}

/** `/** @description Text *\/` as the generator prints descriptions. */
function descriptionOf(comments: Token[]): string | undefined {
  for (const c of comments) {
    const m = /@description\s+([\s\S]*?)\s*\**\s*$/.exec(c.text);
    if (m?.[1]) return m[1].replace(/\s*\n\s*\*?\s*/g, ' ').trim();
  }
  return undefined;
}

/** `@template T` (generic parameters) and `@template Base of Arg` (a base's or interface's arguments). */
function docTemplates(comments: Token[]): { params: string[]; args: Map<string, string> } {
  const params: string[] = [];
  const args = new Map<string, string>();
  for (const c of comments) {
    for (const m of c.text.matchAll(/@template\s+(\w+)(?:\s+of\s+([^\n*]+))?/g)) {
      const [, name = '', of] = m;
      if (of === undefined) params.push(name);
      else args.set(name, of.trim());
    }
  }
  return { params, args };
}

/** `QueryDb` with `@template QueryDb of Booking` → `QueryDb<Booking>`; `QueryDb2` also reads `QueryDb21`. */
function withTemplateArgs(name: string, templates: Map<string, string>): string {
  const first = templates.get(name);
  if (first === undefined) return name;
  const args = [first];
  for (let i = 1; templates.has(`${name}${i}`); i++) args.push(templates.get(`${name}${i}`) as string);
  return `${name}<${args.map(phpTypeText).join(', ')}>`;
}

/** An interface's `@property type $name` docblock lines. */
function docProperties(ctx: ParseContext, comments: Token[]): TypeDef['properties'] {
  const out: TypeDef['properties'] = [];
  for (const c of comments) {
    for (const m of c.text.matchAll(/@property\s+(\S+)\s+\$(\w+)/g)) {
      const parsed = parsePhpType(m[1] ?? '');
      if (parsed) out.push(newProperty(toPascalCase(m[2] ?? ''), parsed, c.line, [], []));
      else ctx.warn(c.line, `ignored @property ${m[2]}: cannot read its type '${m[1]}'`);
    }
  }
  return out;
}

/** `new X()`, `X::create(genericArgs:['A','B'])`, `ArrayList::create(["A"])`, `'string'` in createResponse(). */
function createdResponse(body: Token[]): TypeRef | undefined {
  const ret = body.findIndex((t) => t.text === 'return');
  if (ret < 0) return undefined;
  const rest = body.slice(ret + 1);
  const [first, second, third] = rest;
  if (first?.text === 'new' && second?.kind === 'ident') return parsePhpType(second.text)?.type;
  if (first?.kind === 'ident' && second?.text === ':' && third?.text === ':') return staticCreate(first.text, rest);
  if (first?.kind === 'string' && rest.length <= 2) return { kind: 'primitive', name: 'string' };
  return undefined;
}

/** `X::create(genericArgs:['A','B'])` → `X<A, B>`; `ArrayList::create(["A"])` → a list of A. */
function staticCreate(name: string, tokens: Token[]): TypeRef | undefined {
  const args = tokens.filter((t) => t.kind === 'string').map((t) => parsePhpType(t.text)?.type);
  if (args.some((a) => a === undefined)) return undefined;
  const refs = args as TypeRef[];
  if (name === 'ArrayList') return { kind: 'list', of: refs[0] ?? { kind: 'primitive', name: 'object' } };
  return refs.length > 0 ? { kind: 'named', name, args: refs } : parsePhpType(name)?.type;
}

/** Parses a PHP type (`?int`, or a docblock's `array<Booking>|null`): `array<X>` is a list, `array<K,V>` a map. */
function parsePhpType(text: string): ParsedType | undefined {
  const optional = text.startsWith('?');
  const plain = text.replace(/\\/g, '').replace(/^\?/, '');
  // The generator prints a List<KeyValuePair<K,V>> as `KeyValuePair[]2<K, V>`: a list of the generic type.
  const repaired = plain.replace(
    /\b(\w+)\[\]\d+(<[^|]*>)?/g,
    (_m, name: string, args?: string) => `List<${name}${args ?? ''}>`,
  );
  const parsed = parseTypeExpr(phpTypeText(repaired), 'php');
  return parsed && optional ? { ...parsed, nullable: true } : parsed;
}

/** Rewrites `array<X>` → `List<X>` and `array<K,V>` → `Dictionary<K,V>` for the shared type parser. */
function phpTypeText(text: string): string {
  const at = text.search(/\barray\s*</);
  if (at < 0) return text.replace(/\barray\b/g, 'List');
  const open = text.indexOf('<', at);
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let k = open; k < text.length; k++) {
    const ch = text.charAt(k);
    if (ch === '<') depth++;
    else if (ch === '>' && --depth === 0) {
      close = k;
      break;
    } else if (ch === ',' && depth === 1) commas.push(k);
  }
  if (close < 0) return text;
  const inner = phpTypeText(text.slice(open + 1, close));
  const name = commas.length > 0 ? 'Dictionary' : 'List';
  return `${text.slice(0, at).replace(/\barray\b/g, 'List')}${name}<${inner}>${phpTypeText(text.slice(close + 1))}`;
}
