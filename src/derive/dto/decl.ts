/**
 * Building blocks the C-like DTO parsers share: type headers with generic
 * parameters, base lists split into base class and interfaces, properties
 * with their attributes and doc comments, and the parse context.
 */
import type { Diagnostic, DtoParseResult, Property, TypeDef, TypeRef } from '../model.js';
import { applyPropertyAttributes, applyTypeAttributes, commentAttributes, type Attribute } from './attributes.js';
import { error, skipBalanced, splitTopLevel, textOf, type Token } from './brace-scanner.js';
import { parseTypeExpr, parseTypeHead, type ParsedType } from './type-expr.js';
import { isInterfaceName, type DtoSyntax } from './type-names.js';

export class ParseContext {
  readonly types: TypeDef[] = [];
  readonly diagnostics: Diagnostic[];
  constructor(
    readonly file: string,
    readonly syntax: DtoSyntax,
    diagnostics: Diagnostic[] = [],
  ) {
    this.diagnostics = [...diagnostics];
  }

  error(line: number, message: string): void {
    this.diagnostics.push(error(this.file, line, message));
  }

  warn(line: number, message: string): void {
    this.diagnostics.push({ severity: 'warning', file: this.file, line, message });
  }

  result(): DtoParseResult {
    return { types: this.types, diagnostics: this.diagnostics };
  }
}

/** `Name<T, U : Codable>` at `i`: the name, its generic parameter names, and the index after them. */
export function readTypeName(tokens: Token[], i: number): { name?: string; genericParams: string[]; next: number } {
  const nameTok = tokens[i];
  if (!nameTok || nameTok.kind !== 'ident') return { genericParams: [], next: i };
  if (tokens[i + 1]?.text !== '<') return { name: nameTok.text, genericParams: [], next: i + 1 };
  const end = skipBalanced(tokens, i + 1);
  const genericParams = splitTopLevel(tokens.slice(i + 2, end - 1)).flatMap((param) => {
    // Kotlin variance (`out T`) and constraints (`T : Codable`, `T extends X`) are not part of the name.
    const names = param.filter((t) => t.kind === 'ident' && t.text !== 'in' && t.text !== 'out');
    return names[0] ? [names[0].text] : [];
  });
  return { name: nameTok.text, genericParams, next: end };
}

export interface BaseEntry {
  /** The entry as written: `PostOperationTenanted<X>`, `PutOperationTenanted[X]`. */
  text: string;
  /** true: a base class (Kotlin `Base()`, Java `extends`); false: an interface; undefined: guess from the name. */
  isBase?: boolean;
}

/** Base-list entries that are plumbing, not contract: Swift `Codable`, Dart `IConvertible`. */
const PLUMBING = new Set(['Codable', 'IConvertible', 'JsonSerializable', 'Equatable', 'Hashable']);

/** Splits `: PostOperationTenanted<X>, IReturn<Y>, IPost` into the base class and the interfaces. */
export function applyBases(ctx: ParseContext, def: TypeDef, entries: BaseEntry[], line: number): void {
  entries.forEach((entry, index) => {
    const head = parseTypeHead(entry.text, ctx.syntax);
    if (!head) {
      ctx.error(line, `expected a base type or interface name, found '${entry.text}'`);
      return;
    }
    if (PLUMBING.has(head.name)) return;
    const isBase = entry.isBase ?? (index === 0 && !isInterfaceName(head.name));
    if (isBase && !def.inherits) def.inherits = head;
    else (def.implements ??= []).push(head);
  });
}

/** Records the operation's response type (`responseType = X.class`, `typealias Return = X`) as `IReturn<X>`. */
export function addResponseType(def: TypeDef, type: TypeRef): void {
  const impls = (def.implements ??= []);
  const existing = impls.find((i) => i.name === 'IReturn');
  if (!existing) impls.push({ name: 'IReturn', args: [type] });
  else if (!existing.args || existing.args.length === 0) existing.args = [type];
}

/** Text of `/** doc *\/` and `/// <summary>doc</summary>` comments, or undefined. */
export function docDescription(comments: Token[]): string | undefined {
  const lines: string[] = [];
  for (const c of comments) {
    const isBlockDoc = c.text.startsWith('*');
    const isTripleSlash = c.text.startsWith('/');
    if (!isBlockDoc && !isTripleSlash) continue;
    for (const raw of c.text.split('\n')) {
      const text = raw
        .replace(/^\s*\/?\s*\**\s?/, '')
        .replace(/<\/?(summary|remarks|para)\s*>/g, '')
        .trim();
      if (text && !text.startsWith('@')) lines.push(text);
    }
  }
  return lines.length > 0 ? lines.join(' ') : undefined;
}

/** Code attributes and commented ones (`// @Route` repeats) interleave; routes keep their written order. */
function inSourceOrder(attrs: Attribute[]): Attribute[] {
  return attrs.sort((a, b) => a.line - b.line);
}

export function newType(name: string, kind: TypeDef['kind'], line: number, genericParams: string[] = []): TypeDef {
  const def: TypeDef = { name, kind, properties: [], line };
  if (genericParams.length > 0) def.genericParams = genericParams;
  return def;
}

/** Applies attributes (code and comment forms) and doc comments to a type; reports unusable ones. */
export function decorateType(ctx: ParseContext, def: TypeDef, attrs: Attribute[], comments: Token[]): void {
  const all = inSourceOrder([...commentAttributes(comments), ...attrs]);
  for (const w of applyTypeAttributes(def, all)) ctx.warn(def.line ?? 0, w);
  def.description ??= docDescription(comments);
}

export function newProperty(
  name: string,
  parsed: ParsedType,
  line: number,
  attrs: Attribute[],
  comments: Token[],
  /** Where to report an attribute it cannot use (a `[Validate]` ssmock does not enforce). */
  ctx?: ParseContext,
): Property {
  const prop: Property = { name, type: parsed.type, nullable: parsed.nullable, required: false, line };
  for (const w of applyPropertyAttributes(prop, inSourceOrder([...commentAttributes(comments), ...attrs])))
    ctx?.warn(line, w);
  prop.description ??= docDescription(comments);
  return prop;
}

/** Drops leading modifier keywords; returns the index of the first other token. */
export function skipModifiers(tokens: Token[], i: number, modifiers: ReadonlySet<string>): number {
  let k = i;
  while (tokens[k]?.kind === 'ident' && modifiers.has(tokens[k]?.text ?? '')) k++;
  return k;
}

/** Whether any identifier is directly followed by `(` before index `end`: a method or constructor. */
export function looksLikeCall(tokens: Token[], start: number, end = tokens.length): boolean {
  for (let k = start; k < end - 1; k++) {
    if (tokens[k]?.kind === 'ident' && tokens[k + 1]?.text === '(') return true;
  }
  return false;
}

/**
 * The type in a Java/Kotlin response-type expression: `X.class`, `X::class.java`,
 * `new TypeToken<ArrayList<X>>(){}.getType()`, `object : TypeToken<X>(){}.type`.
 */
export function responseTypeOf(tokens: Token[], syntax: DtoSyntax): TypeRef | undefined {
  const token = tokens.findIndex((t) => t.text === 'TypeToken');
  let typeTokens: Token[];
  if (token >= 0 && tokens[token + 1]?.text === '<') {
    typeTokens = tokens.slice(token + 2, skipBalanced(tokens, token + 1) - 1);
  } else {
    const cls = tokens.findIndex((t) => t.text === 'class');
    typeTokens = tokens.slice(0, cls < 0 ? tokens.length : cls);
    while (typeTokens.length > 0 && [':', '.'].includes(typeTokens[typeTokens.length - 1]?.text ?? ''))
      typeTokens.pop();
  }
  return parseTypeExpr(textOf(typeTokens), syntax)?.type;
}
