/**
 * JavaScript DTOs as ServiceStack's generators print them. `/types/mjs` (MjsGenerator) writes ES
 * classes whose types live in JSDoc:
 *
 *   /** @typedef T {any} *\/
 *   export class QueryResponse {
 *       /** @param {{offset?:number,results?:T[]}} [init] *\/
 *       constructor(init) { Object.assign(this, init) }
 *       /** @type {?number} *\/
 *       offset;
 *       /**
 *        * @type {T[]}
 *        * @description The results *\/
 *       results = [];
 *   }
 *   export class CreateBooking {
 *       ...
 *       getTypeName() { return 'CreateBooking' }
 *       getMethod() { return 'POST' }
 *       createResponse() { return new IdResponse() }
 *   }
 *   /** @typedef {'Single'|'Double'} *\/
 *   export var RoomType;
 *   (function (RoomType) {
 *       RoomType["Single"] = "Single"
 *   })(RoomType || (RoomType = {}));
 *
 * `/types/js` (CommonJsGenerator) writes ES5 classes (`var X = /** @class *\/ (function (_super) {
 * … X.prototype.getMethod = function () { return 'POST'; }; … }(Base));`) with no properties at all.
 * Neither prints routes or attributes, and both erase generic arguments (`extends QueryDb`,
 * `new QueryResponse()`): what they do not print cannot be derived, and the parser says so.
 */
import type { DtoParser, TypeDef, TypeRef } from '../model.js';
import { scanStatements, textOf, type Stmt, type Token } from './brace-scanner.js';
import { addResponseType, applyBases, looksLikeCall, newProperty, newType, ParseContext } from './decl.js';
import { parseTypeExpr, type ParsedType } from './type-expr.js';
import { toPascalCase } from './type-names.js';
import { addVerbMarker } from './verb-marker.js';

/** Bases whose generic arguments say which table an AutoQuery DTO reads. */
const AUTOQUERY_BASE = /^Query(Db|Data)(_?\d)?$/;
/** The generators' stand-in for a Dictionary base (`class Dictionary {}`): not a DTO. */
const DECLARATION_STUBS = new Set(['Dictionary']);

export const parseJavaScriptDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanStatements(source, file, firstLine);
  const ctx = new ParseContext(file, 'javascript', scan.diagnostics);
  const reader = new JsReader(ctx);
  for (const stmt of scan.stmts) reader.statement(stmt);
  reader.finish(firstLine);
  return ctx.result();
};

interface OperationHints {
  verb?: string;
  response?: TypeRef;
  /** `createResponse() { }`: IReturnVoid (or, rarely, an operation printed without a return marker). */
  returnsVoid?: boolean;
}

class JsReader {
  /** `export var X;` / `var X;` names the enum its IIFE fills next. */
  private enumDeclarations = new Map<string, Stmt>();
  private sawCommonJsClass = false;
  constructor(private readonly ctx: ParseContext) {}

  statement(stmt: Stmt): void {
    const toks = stmt.tokens;
    const k = toks[0]?.text === 'export' ? 1 : 0;
    switch (statementKind(stmt, k)) {
      case 'class':
        return this.esClass(stmt, k);
      case 'commonjs-class':
        return this.commonJsClass(stmt, k);
      case 'enum-name':
        this.enumDeclarations.set(toks[k + 1]?.text ?? '', stmt);
        return;
      case 'enum-body':
        return this.enumBody(stmt);
      case 'other':
        if (!isPlumbing(toks))
          this.ctx.error(stmt.line, `expected an exported class or enum, found '${textOf(toks.slice(0, 12))}'`);
    }
  }

  /** CommonJS classes have no properties: one warning for the file, not one per class. */
  finish(firstLine: number): void {
    if (this.sawCommonJsClass) {
      const line = this.ctx.types.find((t) => t.kind === 'class')?.line ?? firstLine;
      this.ctx.warn(
        line,
        'CommonJS DTOs (/types/js) print no properties: the types are read without them (derive from /types/mjs or /types/typescript for their properties)',
      );
    }
  }

  /** `export class X extends Y { … }` (MjsGenerator). */
  private esClass(stmt: Stmt, k: number): void {
    const nameTok = stmt.tokens[k + 1];
    if (nameTok?.kind !== 'ident') {
      this.ctx.error(stmt.line, `expected a class name, found '${textOf(stmt.tokens)}'`);
      return;
    }
    if (DECLARATION_STUBS.has(nameTok.text)) return;
    const def = newType(nameTok.text, 'class', nameTok.line, typedefParams(stmt.comments));
    this.ctx.types.push(def);
    if (stmt.tokens[k + 2]?.text === 'extends') this.base(def, stmt.tokens.slice(k + 3), nameTok.line);
    const hints: OperationHints = {};
    for (const member of stmt.body ?? []) this.member(def, member, hints);
    applyHints(def, hints);
  }

  private member(def: TypeDef, stmt: Stmt, hints: OperationHints): void {
    const toks = stmt.tokens;
    const nameTok = toks[0];
    if (!nameTok) return;
    // With AddResponseStatus the generator prints a stray `responseType?:ResponseType` line before the constructor.
    const isMethod = looksLikeCall(toks, 0, 2) || (stmt.body !== undefined && toks.some((t) => t.text === '('));
    if (isMethod) {
      const body = flatten(stmt.body ?? []);
      if (nameTok.text === 'getMethod') hints.verb = body.find((t) => t.kind === 'string')?.text;
      if (nameTok.text === 'createResponse') {
        hints.response = createdResponse(body);
        hints.returnsVoid = body.length === 0;
      }
      return;
    }
    if (nameTok.kind !== 'ident' || (toks.length > 1 && toks[1]?.text !== '=') || nameTok.text === 'static') {
      this.ctx.error(stmt.line, `expected a property (name;) or method in ${def.name}, found '${textOf(toks)}'`);
      return;
    }
    const typeText = jsDocTag(stmt.comments, 'type');
    const parsed = typeText === undefined ? untyped(nameTok.text) : parseJsDocType(typeText);
    if (!parsed) {
      this.ctx.error(nameTok.line, `expected a JSDoc type for property '${nameTok.text}', found '{${typeText}}'`);
      return;
    }
    const prop = newProperty(toPascalCase(nameTok.text), parsed, nameTok.line, [], stmt.comments, this.ctx);
    prop.description ??= descriptionOf(stmt.comments);
    def.properties.push(prop);
  }

  private base(def: TypeDef, tokens: Token[], line: number): void {
    const text = textOf(tokens);
    if (tokens.length === 0) return;
    applyBases(this.ctx, def, [{ text, isBase: true }], line);
    if (def.inherits && AUTOQUERY_BASE.test(def.inherits.name)) {
      this.ctx.warn(
        line,
        `${def.name} extends ${def.inherits.name}, whose generic arguments the JavaScript generators erase: its AutoQuery table is unknown (derive from /types/typescript to bind it)`,
      );
    }
  }

  /** `var X = /** @class *\/ (function (_super) { … X.prototype.getMethod = … }(Base));` (CommonJsGenerator). */
  private commonJsClass(stmt: Stmt, k: number): void {
    const toks = stmt.tokens;
    const nameTok = toks[k + 1];
    if (nameTok?.kind !== 'ident' || nameTok.text.startsWith('__')) return; // `var __extends = …`
    if (DECLARATION_STUBS.has(nameTok.text)) return;
    this.sawCommonJsClass = true;
    const def = newType(nameTok.text, 'class', nameTok.line);
    this.ctx.types.push(def);
    const lastBrace = toks.map((t) => t.text).lastIndexOf('}');
    const baseTokens = toks.slice(lastBrace + 2).filter((t) => t.text !== ')' && t.text !== '(');
    if (baseTokens.length > 0) this.base(def, baseTokens, nameTok.line);
    const hints: OperationHints = {};
    const method = (name: string): Token[] => {
      const at = toks.findIndex((t, i) => t.text === name && toks[i - 1]?.text === '.' && toks[i + 1]?.text === '=');
      if (at < 0) return [];
      const open = toks.findIndex((t, i) => i > at && t.text === '{');
      const close = toks.findIndex((t, i) => i > open && t.text === '}');
      return open < 0 || close < 0 ? [] : toks.slice(open + 1, close);
    };
    hints.verb = method('getMethod').find((t) => t.kind === 'string')?.text;
    const created = method('createResponse');
    hints.response = createdResponse(created);
    hints.returnsVoid = created.length === 0 && toks.some((t) => t.text === 'createResponse');
    applyHints(def, hints);
  }

  /** `(function (X) { X["A"] = "a"; X[X["B"] = 2] = "B"; })(…)`: string members keep their value, numeric ones their name. */
  private enumBody(stmt: Stmt): void {
    const name = stmt.tokens[3]?.kind === 'ident' ? stmt.tokens[3].text : undefined;
    if (!name) {
      this.ctx.error(stmt.line, `expected an enum's (function (Name) { … }) block, found '${textOf(stmt.tokens)}'`);
      return;
    }
    const declaration = this.enumDeclarations.get(name);
    this.enumDeclarations.delete(name);
    const def = newType(name, 'enum', declaration?.line ?? stmt.line);
    def.enumValues = [];
    // Inside the IIFE's parentheses the `{ … }` block stays in the statement's own tokens.
    const toks = [...stmt.tokens, ...flatten(stmt.body ?? [])];
    for (let k = 1; k < toks.length; k++) {
      const key = toks[k] as Token;
      if (key.kind !== 'string' || toks[k - 1]?.text !== '[' || toks[k + 1]?.text !== ']' || toks[k + 2]?.text !== '=')
        continue;
      const value = toks[k + 3];
      if (value?.kind === 'string') def.enumValues.push(value.text);
      else if (value?.kind === 'number') def.enumValues.push(key.text);
    }
    this.ctx.types.push(def);
  }
}

type StatementKind = 'class' | 'commonjs-class' | 'enum-name' | 'enum-body' | 'other';

/** What a top-level statement declares; `k` skips an `export`. */
function statementKind(stmt: Stmt, k: number): StatementKind {
  const toks = stmt.tokens;
  const word = toks[k]?.text;
  if (toks.length === 0 || toks[0]?.kind === 'string') return 'other'; // "use strict", comment-only statements
  if (word === 'class' && stmt.body) return 'class';
  if (word === 'var' && toks[k + 2]?.text === '=' && toks.some((t) => t.text === 'function')) return 'commonjs-class';
  if (word === 'var' && toks.length === k + 2 && toks[k + 1]?.kind === 'ident') return 'enum-name';
  if (toks[0]?.text === '(' && toks[1]?.text === 'function') return 'enum-body';
  return 'other';
}

/** Module plumbing: `exports.X = X;`, `exports.A = exports.B = void 0;`, an enum IIFE's `)(X || (X = {}));` tail. */
function isPlumbing(toks: Token[]): boolean {
  const first = toks[0];
  if (!first || first.kind === 'string') return true; // "use strict", comment-only statements
  return ['exports', ')', 'module', 'import'].includes(first.text);
}

function flatten(stmts: Stmt[]): Token[] {
  return stmts.flatMap((s) => [...s.tokens, ...flatten(s.body ?? []), ...s.tail]);
}

/** `/** @typedef T {any} *\/` before a generic class: its generic parameters. */
function typedefParams(comments: Token[]): string[] {
  return comments.flatMap((c) => [...c.text.matchAll(/@typedef\s+(\w+)\s*\{any\}/g)].map((m) => m[1] ?? ''));
}

/** The `{…}` of `@tag {…}` in a JSDoc comment, braces balanced (`{{ [index:string]: string; }}`). */
function jsDocTag(comments: Token[], tag: string): string | undefined {
  for (const c of comments) {
    const at = c.text.search(new RegExp(`@${tag}\\s*\\{`));
    if (at < 0) continue;
    const open = c.text.indexOf('{', at);
    let depth = 0;
    for (let k = open; k < c.text.length; k++) {
      if (c.text.charAt(k) === '{') depth++;
      else if (c.text.charAt(k) === '}' && --depth === 0) return c.text.slice(open + 1, k).trim();
    }
  }
  return undefined;
}

function descriptionOf(comments: Token[]): string | undefined {
  for (const c of comments) {
    const m = /@description\s+([\s\S]*?)\s*\**\s*$/.exec(c.text);
    if (m?.[1]) return m[1].replace(/\s*\n\s*\*?\s*/g, ' ').trim();
  }
  return undefined;
}

/** `?number` (JSDoc's nullable prefix), `string`, `ResponseError[]`, `{ [index:string]: string; }`. */
function parseJsDocType(text: string): ParsedType | undefined {
  const optional = text.startsWith('?');
  // The JSDoc holds the TypeScript generator's types (`{ [index:string]: T; }` dictionaries included).
  const parsed = parseTypeExpr(optional ? text.slice(1) : text, 'typescript');
  return parsed && optional ? { ...parsed, nullable: true } : parsed;
}

/**
 * A property printed without JSDoc (AddDocAnnotations off): anything, or nothing. AddResponseStatus
 * prints `ResponseStatus;` untyped: ServiceStack's ResponseStatus.
 */
function untyped(name: string): ParsedType {
  if (name === 'ResponseStatus') return { type: { kind: 'named', name }, nullable: true };
  return { type: { kind: 'primitive', name: 'object' }, nullable: true };
}

/** `return new X()`, `return []`, `return ''`, `return {}`, `return 0`, `return false` in createResponse(). */
function createdResponse(body: Token[]): TypeRef | undefined {
  const ret = body.findIndex((t) => t.text === 'return');
  if (ret < 0) return undefined;
  const [first, second] = body.slice(ret + 1);
  if (first?.text === 'new' && second?.kind === 'ident') return parseTypeExpr(second.text, 'javascript')?.type;
  if (first?.text === '[') return { kind: 'list', of: { kind: 'primitive', name: 'object' } };
  if (first?.text === '{') return { kind: 'primitive', name: 'object' };
  if (first?.kind === 'string') return { kind: 'primitive', name: 'string' };
  if (first?.kind === 'number') return { kind: 'primitive', name: 'double' };
  if (first?.text === 'false' || first?.text === 'true') return { kind: 'primitive', name: 'bool' };
  return undefined;
}

/** The response from createResponse(), the verb from getMethod(): an `IReturn<X>` and an `IVerb` marker. */
function applyHints(def: TypeDef, hints: OperationHints): void {
  if (hints.response) addResponseType(def, hints.response);
  // Without routes in the file, the marker is what makes the request DTO an operation.
  else if (hints.returnsVoid) (def.implements ??= []).push({ name: 'IReturnVoid' });
  addVerbMarker(def, hints.verb);
}
