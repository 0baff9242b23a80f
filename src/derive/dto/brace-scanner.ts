/**
 * Statement splitter shared by the C-like DTO languages (C#, TypeScript,
 * Java, Kotlin, Swift, Dart). Generated DTO files are regular, so a token
 * stream cut into statements and `{ }` blocks is enough; each language parser
 * then reads declarations out of the statement tree.
 */
import type { Diagnostic } from '../model.js';
import { error, tokenize, type ScanOptions, type Token } from './tokenizer.js';

export { error, tokenize, type ScanOptions, type Token } from './tokenizer.js';

export interface Stmt {
  /** Header tokens, comments removed. */
  tokens: Token[];
  /** Comments before the statement and inside its header (`// @Route(...)`, `/** doc *\/`). */
  comments: Token[];
  /** The statements inside the `{ }` block that ended this statement, if any. */
  body?: Stmt[];
  /** Tokens after the block (`{ get; set; } = new List<string>{}`). */
  tail: Token[];
  line: number;
}

export interface ScanResult {
  stmts: Stmt[];
  diagnostics: Diagnostic[];
}

/** Tokenizes and cuts the source into a statement tree. */
export function scanStatements(source: string, file: string, firstLine: number, opts: ScanOptions = {}): ScanResult {
  const { tokens, diagnostics } = tokenize(source, file, firstLine, opts);
  const builder = new StatementBuilder(tokens, file, opts.newlineTerminates === true, diagnostics);
  return { stmts: builder.block(undefined), diagnostics };
}

const OPEN = new Set(['(', '[']);
const CLOSE = new Set([')', ']']);
/**
 * A `{` after one of these opens an inline value or type (`: { [index:string]: T }`), not a block.
 * Not `>`: `class QueryResponse<T> {` opens a body.
 */
const INLINE_BEFORE = new Set([':', ',', '|', '&', '<', '=', '(', '[']);
/** In newline-terminated languages a line starting with these continues the statement. */
const CONTINUES_LINE = new Set(['{', ':', ',', '.', '?', '=']);

class StatementBuilder {
  private pos = 0;
  constructor(
    private readonly toks: Token[],
    private readonly file: string,
    private readonly newlineTerminates: boolean,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Reads statements until the `}` closing `opener` (or the end for the top level). */
  block(opener: Token | undefined): Stmt[] {
    const out: Stmt[] = [];
    const acc = new Accumulator(out);
    while (this.pos < this.toks.length) {
      const tok = this.toks[this.pos] as Token;
      // A line break may end a Kotlin/Swift statement; a comment on its own line then belongs to the next one.
      if (this.endsAtNewline(acc, tok)) acc.finish();
      this.pos++;
      if (tok.kind === 'comment') {
        acc.cur.comments.push(tok);
      } else if (isPunct(tok, '}')) {
        if (opener) return acc.finish();
        this.diagnostics.push(error(this.file, tok.line, "unexpected '}' with no open block"));
      } else if (isPunct(tok, ';') && acc.depth === 0) {
        acc.finish();
      } else if (isPunct(tok, '{')) {
        this.brace(acc, tok);
      } else {
        acc.push(tok);
      }
    }
    if (opener) {
      this.diagnostics.push(
        error(this.file, opener.line, `expected '}' to close the block opened at line ${opener.line}`),
      );
    }
    return acc.finish();
  }

  /** A `{` either opens a body (class, property accessors, method) or an inline value/type. */
  private brace(acc: Accumulator, tok: Token): void {
    if (acc.depth > 0 || acc.assigns || isInline(acc.cur.tokens)) {
      acc.cur.tokens.push(tok, ...this.inline());
      return;
    }
    if (acc.cur.tokens.length === 0) acc.cur.line = tok.line;
    acc.cur.body = this.block(tok);
    acc.cur.tail = this.tail();
    acc.finish();
  }

  private endsAtNewline(acc: Accumulator, tok: Token): boolean {
    const cur = acc.cur;
    if (!this.newlineTerminates || !tok.newlineBefore || cur.tokens.length === 0 || acc.depth > 0) return false;
    if (tok.kind === 'punct' && CONTINUES_LINE.has(tok.text)) return false;
    const last = cur.tokens[cur.tokens.length - 1] as Token;
    if (last.kind === 'punct' && [',', ':', '=', '<', '.'].includes(last.text)) return false;
    return !onlyAnnotations(cur.tokens);
  }

  /** Tokens of an inline `{ ... }` up to its matching `}` (already past the `{`). */
  private inline(): Token[] {
    const out: Token[] = [];
    let nest = 1;
    while (this.pos < this.toks.length) {
      const tok = this.toks[this.pos++] as Token;
      if (tok.kind === 'comment') continue;
      out.push(tok);
      if (tok.kind !== 'punct') continue;
      if (tok.text === '{') nest++;
      if (tok.text === '}' && --nest === 0) return out;
    }
    return out;
  }

  /** After a block: a C# property initializer `= new X{};` belongs to the statement. */
  private tail(): Token[] {
    const next = this.toks[this.pos];
    if (!next || next.text !== '=' || next.kind !== 'punct') return [];
    const out: Token[] = [];
    let nest = 0;
    while (this.pos < this.toks.length) {
      const tok = this.toks[this.pos] as Token;
      if (tok.kind !== 'punct') {
        if (this.newlineTerminates && tok.newlineBefore && nest === 0) return out;
        if (tok.kind !== 'comment') out.push(tok);
        this.pos++;
        continue;
      }
      if (nest === 0 && (tok.text === ';' || tok.text === '}')) {
        if (tok.text === ';') this.pos++;
        return out;
      }
      if ('([{'.includes(tok.text)) nest++;
      if (')]}'.includes(tok.text)) nest--;
      out.push(tok);
      this.pos++;
    }
    return out;
  }
}

function fresh(): Stmt {
  return { tokens: [], comments: [], tail: [], line: 0 };
}

function isPunct(tok: Token, text: string): boolean {
  return tok.kind === 'punct' && tok.text === text;
}

/** The statement being read, with the bracket depth and whether a `=` was seen outside brackets. */
class Accumulator {
  cur = fresh();
  depth = 0;
  /** After a top-level `=` braces are values (`= new List<string>{}`, `=> { ... }`), not blocks. */
  assigns = false;
  constructor(private readonly out: Stmt[]) {}

  push(tok: Token): void {
    if (tok.kind === 'punct') {
      if (OPEN.has(tok.text)) this.depth++;
      if (CLOSE.has(tok.text)) this.depth = Math.max(0, this.depth - 1);
      if (tok.text === '=' && this.depth === 0) this.assigns = true;
    }
    if (this.cur.tokens.length === 0) this.cur.line = tok.line;
    this.cur.tokens.push(tok);
  }

  /** Ends the current statement; comment-only ones are kept (trailing comments in enum bodies). */
  finish(): Stmt[] {
    if (this.cur.tokens.length > 0 || this.cur.comments.length > 0) this.out.push(this.cur);
    this.cur = fresh();
    this.depth = 0;
    this.assigns = false;
    return this.out;
  }
}

function isInline(tokens: Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && last.kind === 'punct' && INLINE_BEFORE.has(last.text);
}

/** `@Route("/x") @field:SerializedName("y")` with nothing else: an annotation line that continues on the next. */
function onlyAnnotations(tokens: Token[]): boolean {
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]?.text !== '@' || tokens[i + 1]?.kind !== 'ident') return false;
    i += 2;
    while ((tokens[i]?.text === '.' || tokens[i]?.text === ':') && tokens[i + 1]?.kind === 'ident') i += 2;
    if (tokens[i]?.text === '(') i = skipBalanced(tokens, i);
  }
  return true;
}

/** Index just past the bracket group that starts at `i` (`(`, `[`, `{` or `<`). */
export function skipBalanced(tokens: Token[], i: number): number {
  const open = tokens[i]?.text ?? '';
  const close = { '(': ')', '[': ']', '{': '}', '<': '>' }[open];
  if (!close) return i + 1;
  let nest = 0;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === open) nest++;
    else if (t.text === close && --nest === 0) return k + 1;
  }
  return tokens.length;
}

/** Splits on `sep` outside every bracket pair, angle brackets included (for type lists). */
export function splitTopLevel(tokens: Token[], sep = ','): Token[][] {
  const parts: Token[][] = [[]];
  let nest = 0;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      if ('([{<'.includes(t.text)) nest++;
      if (')]}>'.includes(t.text)) nest--;
      if (t.text === sep && nest === 0) {
        parts.push([]);
        continue;
      }
    }
    (parts[parts.length - 1] as Token[]).push(t);
  }
  return parts.filter((p) => p.length > 0);
}

/** Source-like text for a token run, for the type-expression parser and messages. */
export function textOf(tokens: Token[]): string {
  return tokens.map((t) => (t.kind === 'string' ? JSON.stringify(t.text) : t.text)).join(' ');
}

export function indexOfText(tokens: Token[], text: string, from = 0): number {
  for (let k = from; k < tokens.length; k++) if (tokens[k]?.text === text && tokens[k]?.kind === 'punct') return k;
  return -1;
}
