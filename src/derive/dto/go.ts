/**
 * Go DTOs as ServiceStack's GoGenerator prints them (`/types/go`, gofmt-formatted):
 *
 *   // @Route("/bookings", "GET")
 *   type QueryBookings struct {
 *   	ss.QueryDb
 *   	Id        *int     `json:"id,omitempty"`
 *   	CostAbove *float64 `json:"costAbove,omitempty"`
 *   }
 *
 *   func (QueryBookings) CreateResponse() (r ss.QueryResponse[Booking]) { return }
 *   func (QueryBookings) HttpMethod() string                             { return "GET" }
 *
 *   type RoomType string
 *
 *   const (
 *   	RoomTypeSingle RoomType = "Single"
 *   	RoomTypeDouble          = "Double"
 *   )
 *
 * A base class is an embedded field; a DTO inheriting a collection is a named slice or map
 * (`type Rockstars []Rockstar`). `CreateResponse()` names the response, `CreateResponseVoid()`
 * marks a void one, `HttpMethod()` the verb the client sends. A pointer is an optional
 * property; a tag without `omitempty` is a required one. Interfaces are never printed.
 */
import type { DtoParser, Property, TypeDef } from '../model.js';
import { applyPropertyAttributes, applyTypeAttributes } from './attributes.js';
import { ParseContext } from './decl.js';
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
import { indexOfText, textOf } from './brace-scanner.js';

const SKIPPED = new Set(['package', 'import', 'var']);
/** `type Flags int` enums (ServiceStack writes them as numbers) and their members' values, in order. */
const INT_ENUMS = new WeakMap<TypeDef, (number | undefined)[]>();

export const parseGoDtos: DtoParser = (source, file, firstLine) => {
  const scan = scanLines(source, file, firstLine);
  const ctx = new ParseContext(file, 'go', scan.diagnostics);
  const requests = new Set<TypeDef>();
  for (const stmt of scan.stmts) topLevel(ctx, stmt, requests);
  // Only `HttpMethod()`: GoGenerator leaves CreateResponse() off a request that returns itself.
  for (const def of requests) addSelfResponse(def);
  for (const def of ctx.types) completeQueryBase(def);
  for (const def of ctx.types) {
    const numbers = INT_ENUMS.get(def);
    if (numbers) setEnumNumbers(def, numbers);
  }
  return ctx.result();
};

function topLevel(ctx: ParseContext, stmt: LineStmt, requests: Set<TypeDef>): void {
  const word = stmt.tokens[0]?.text;
  if (word === undefined || SKIPPED.has(word)) return;
  if (word === 'type') typeDecl(ctx, stmt);
  else if (word === 'const') constDecl(ctx, stmt);
  else if (word === 'func') method(ctx, stmt, requests);
  else ctx.error(stmt.line, `expected a type, const or func declaration, found '${textOf(stmt.tokens)}'`);
}

/** `[K any, V any]` at `k`: each parameter's name is the first word of its constraint. */
function readGenericParams(tokens: Token[], k: number): { genericParams: string[]; next: number } {
  if (tokens[k]?.text !== '[' || tokens[k + 1]?.kind !== 'ident') return { genericParams: [], next: k };
  const end = indexOfText(tokens, ']', k);
  const inner = tokens.slice(k + 1, end < 0 ? tokens.length : end);
  const genericParams = inner.filter((t, i) => t.kind === 'ident' && (i === 0 || inner[i - 1]?.text === ','));
  return { genericParams: genericParams.map((t) => t.text), next: end < 0 ? tokens.length : end + 1 };
}

/** `type Name struct {`, `type Name[T any] struct {`, `type Name string` (an enum), `type Name []T`. */
function typeDecl(ctx: ParseContext, stmt: LineStmt): void {
  const { tokens } = stmt;
  const nameTok = tokens[1];
  if (nameTok?.kind !== 'ident') {
    ctx.error(stmt.line, "expected a type name after 'type'");
    return;
  }
  const { genericParams, next: k } = readGenericParams(tokens, 2);
  const rest = tokens.slice(k);
  const def: TypeDef = { name: nameTok.text, kind: 'class', properties: [], line: nameTok.line };
  if (genericParams.length > 0) def.genericParams = genericParams;
  if (rest[0]?.text === 'struct') {
    ctx.types.push(decorate(ctx, def, stmt.comments));
    for (const member of stmt.body ?? []) field(ctx, def, member);
    return;
  }
  const base = parseNativeType(rest, 'go');
  if (!base) {
    ctx.error(stmt.line, `expected 'struct {' or a type after 'type ${nameTok.text}', found '${textOf(rest)}'`);
    return;
  }
  if (base.type.kind === 'primitive' && (base.type.name === 'string' || base.type.name === 'int')) {
    // Enums are a named string (or int) type; their members are the consts that follow.
    def.kind = 'enum';
    def.enumValues = [];
    if (base.type.name === 'int') INT_ENUMS.set(def, []);
  } else {
    const head = nativeTypeHead(rest, 'go');
    if (head) def.inherits = head;
  }
  ctx.types.push(decorate(ctx, def, stmt.comments));
}

function decorate(ctx: ParseContext, def: TypeDef, comments: Token[]): TypeDef {
  for (const w of applyTypeAttributes(def, nativeCommentAttributes(comments, false))) ctx.warn(def.line ?? 0, w);
  def.description ??= nativeDescription(comments);
  return def;
}

/** `Name Type \`json:"name,omitempty"\``, or an embedded base type (`ss.QueryDb`, `AuditBase`). */
function field(ctx: ParseContext, def: TypeDef, stmt: LineStmt): void {
  const tokens = [...stmt.tokens];
  if (tokens.length === 0) return;
  const last = tokens[tokens.length - 1];
  const tag = last?.kind === 'ident' && last.text.includes(':"') ? (tokens.pop() as Token).text : undefined;
  const expected = () =>
    ctx.error(stmt.line, `expected a field (Name Type \`json:"name"\`) in ${def.name}, found '${textOf(stmt.tokens)}'`);
  if (!tag) {
    // Every field has a json tag; a line with a type alone embeds the base class.
    const head = nativeTypeHead(tokens, 'go');
    if (!head) expected();
    else if (!def.inherits) def.inherits = head;
    return;
  }
  const nameTok = tokens[0];
  const parsed = parseNativeType(tokens.slice(1), 'go');
  if (nameTok?.kind !== 'ident' || !parsed) {
    expected();
    return;
  }
  const options = /json:"([^"]*)"/.exec(tag)?.[1]?.split(',') ?? [];
  const omitEmpty = options.includes('omitempty');
  const t = parsed.type;
  const isReference = t.kind === 'list' || t.kind === 'map' || (t.kind === 'primitive' && t.name === 'object');
  const prop: Property = {
    name: nameTok.text,
    type: t,
    // A pointer is optional; slices, maps and interface{} are never pointers, omitempty says it for them.
    nullable: parsed.nullable || (isReference && omitEmpty),
    // GoGenerator leaves `omitempty` off only where the property is marked IsRequired.
    required: !omitEmpty,
    line: nameTok.line,
  };
  applyPropertyAttributes(prop, nativeCommentAttributes(stmt.comments, false));
  keepWireName(prop, options[0]);
  prop.description ??= nativeDescription(stmt.comments);
  def.properties.push(prop);
}

/** `const ( RoomTypeSingle RoomType = "Single" ... )`: the members of the enums declared before. */
function constDecl(ctx: ParseContext, stmt: LineStmt): void {
  const lines = stmt.body ?? (stmt.tokens.length > 1 ? [{ ...stmt, tokens: stmt.tokens.slice(1) }] : []);
  let current: TypeDef | undefined;
  for (const line of lines) {
    const { tokens } = line;
    if (tokens.length === 0) continue;
    const eq = tokens.findIndex((t) => t.text === '=' && t.kind === 'punct');
    const nameTok = tokens[0];
    if (nameTok?.kind !== 'ident' || eq < 1) {
      ctx.error(line.line, `expected 'Name Type = value' in a const block, found '${textOf(tokens)}'`);
      continue;
    }
    // Only the first const names the type; the ones after it inherit it.
    const typeName = eq > 1 ? tokens[1]?.text : undefined;
    if (typeName) current = ctx.types.find((t) => t.name === typeName && t.kind === 'enum');
    if (!current) continue;
    const value = tokens[eq + 1];
    const member = nameTok.text.startsWith(current.name) ? nameTok.text.slice(current.name.length) : nameTok.text;
    // A string enum's value is its wire value; an int enum is written by its member name.
    (current.enumValues ??= []).push(value?.kind === 'string' ? value.text : member);
    INT_ENUMS.get(current)?.push(intLiteral(tokens.slice(eq + 1)));
  }
}

/** `func (Hello) CreateResponse() (r HelloResponse) { return }`, `func (Hello) HttpMethod() string { return "GET" }`. */
function method(ctx: ParseContext, stmt: LineStmt, requests: Set<TypeDef>): void {
  const { tokens } = stmt;
  if (tokens[1]?.text !== '(') return; // a plain function: plumbing
  const close = indexOfText(tokens, ')');
  // `(Hello)` or `(h *Hello)`: the receiver's type is its last word.
  const receiver = tokens.slice(2, close).filter((t) => t.kind === 'ident');
  const def = declaredClass(ctx, receiver[receiver.length - 1]?.text);
  const name = tokens[close + 1]?.text;
  if (!def || close < 0 || tokens[close + 2]?.text !== '(' || tokens[close + 3]?.text !== ')') return;
  const signature = tokens.slice(close + 4);
  requests.add(def);
  if (name === 'CreateResponseVoid') addReturnVoid(def);
  else if (name === 'CreateResponse') responseOf(ctx, def, stmt, signature);
  else if (name === 'HttpMethod') {
    const verb = verbOf([...signature, ...(stmt.body ?? []).flatMap((s) => s.tokens)]);
    if (verb) addVerbMarker(def, verb);
  }
}

/** `{ return "GET" }`, or servicestack-go's constants (`{ return ss.HttpGet }`). */
function verbOf(body: Token[]): string | undefined {
  const literal = body.find((t) => t.kind === 'string');
  if (literal) return literal.text;
  const constant = body.find((t) => t.kind === 'ident' && /^Http[A-Z][a-z]+$/.test(t.text));
  return constant?.text.slice('Http'.length);
}

/** `(r T) { return }`: the named result's type is the response. */
function responseOf(ctx: ParseContext, def: TypeDef, stmt: LineStmt, signature: Token[]): void {
  const end = indexOfText(signature, '{');
  const result = signature.slice(0, end < 0 ? signature.length : end);
  const closed = result[0]?.text === '(' && result[1]?.text === 'r' && result[result.length - 1]?.text === ')';
  const parsed = closed ? parseNativeType(result.slice(2, -1), 'go') : undefined;
  if (parsed) addResponseType(def, parsed.type);
  else ctx.warn(stmt.line, `could not read the response type of ${def.name}`);
}
