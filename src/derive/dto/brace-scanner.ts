/**
 * Tokenizer and statement splitter shared by the C-like DTO languages (C#,
 * TypeScript, Java, Kotlin, Swift, Dart). Generated DTO files are regular, so
 * a token stream cut into statements and `{ }` blocks is enough; each
 * language parser then reads declarations out of the statement tree.
 */
import type { Diagnostic } from '../model.js';

export interface Token {
  kind: 'ident' | 'string' | 'number' | 'punct' | 'comment';
  /** Source text; for strings the unquoted value, for comments the text after `//` or inside the block. */
  text: string;
  /** 1-based line in the file. */
  line: number;
  /** A line break separates this token from the previous one. */
  newlineBefore: boolean;
}

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

export interface ScanOptions {
  /** Kotlin and Swift end statements at line breaks. */
  newlineTerminates?: boolean;
  /** C#: a line starting with `#` is a preprocessor directive. */
  preprocessor?: boolean;
}

export interface ScanResult {
  stmts: Stmt[];
  diagnostics: Diagnostic[];
}

const IDENT = /[A-Za-z_$][\w$]*/y;
const NUMBER = /\d[\w.]*/y;

/** Splits source into tokens; never throws, reports unterminated strings and comments. */
export function tokenize(source: string, file: string, firstLine: number, opts: ScanOptions = {}): ScanResultTokens {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let line = firstLine;
  let newline = true;
  let i = 0;
  const push = (kind: Token['kind'], text: string, at: number) => {
    tokens.push({ kind, text, line: at, newlineBefore: newline });
    newline = false;
  };
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '\n') {
      line++;
      newline = true;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && source.charAt(i + 1) === '/') {
      const end = lineEnd(source, i);
      push('comment', source.slice(i + 2, end), line);
      i = end;
    } else if (c === '#' && opts.preprocessor && newline) {
      i = lineEnd(source, i);
    } else if (c === '/' && source.charAt(i + 1) === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end;
      if (end < 0) diagnostics.push(error(file, line, "expected '*/' to close this comment"));
      push('comment', source.slice(i + 2, stop), line);
      line += countLines(source, i, stop);
      i = end < 0 ? stop : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(source, i, c);
      if (end < 0) {
        diagnostics.push(error(file, line, `expected ${c} to close this string`));
        i = lineEnd(source, i);
        continue;
      }
      // Backticks quote identifiers in Swift/Kotlin (`` `private` ``).
      push(c === '`' ? 'ident' : 'string', unescape(source.slice(i + 1, end)), line);
      line += countLines(source, i, end);
      i = end + 1;
    } else {
      i = word(source, i, line, push);
    }
  }
  return { tokens, diagnostics };
}

export interface ScanResultTokens {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

function word(source: string, i: number, line: number, push: (k: Token['kind'], t: string, l: number) => void): number {
  for (const [re, kind] of [
    [IDENT, 'ident'],
    [NUMBER, 'number'],
  ] as const) {
    re.lastIndex = i;
    const m = re.exec(source);
    if (m) {
      push(kind, m[0], line);
      return i + m[0].length;
    }
  }
  push('punct', source.charAt(i), line);
  return i + 1;
}

function lineEnd(source: string, i: number): number {
  const end = source.indexOf('\n', i);
  return end < 0 ? source.length : end;
}

function countLines(source: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (source.charCodeAt(k) === 10) n++;
  return n;
}

function stringEnd(source: string, start: number, quote: string): number {
  for (let k = start + 1; k < source.length; k++) {
    const ch = source.charAt(k);
    if (ch === '\\') k++;
    else if (ch === quote) return k;
    else if (ch === '\n' && quote !== '`') return -1;
  }
  return -1;
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}

export function error(file: string, line: number, message: string): Diagnostic {
  return { severity: 'error', file, line, message };
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
    let cur = fresh();
    let depth = 0;
    let assigns = false; // a `=` outside brackets: braces after it are values, not blocks
    const finish = () => {
      if (cur.tokens.length > 0) out.push(cur);
      else if (cur.comments.length > 0) out.push(cur); // trailing comments stay visible (enum bodies)
      cur = fresh();
      depth = 0;
      assigns = false;
    };
    while (this.pos < this.toks.length) {
      const tok = this.toks[this.pos] as Token;
      if (tok.kind === 'comment') {
        // A comment on its own line belongs to the next statement, not to one a line break already ended.
        if (this.endsAtNewline(cur, tok, depth)) finish();
        cur.comments.push(tok);
        this.pos++;
        continue;
      }
      if (this.endsAtNewline(cur, tok, depth)) finish();
      if (tok.text === '}' && tok.kind === 'punct') {
        this.pos++;
        if (opener) {
          finish();
          return out;
        }
        this.diagnostics.push(error(this.file, tok.line, "unexpected '}' with no open block"));
        continue;
      }
      if (tok.text === ';' && tok.kind === 'punct' && depth === 0) {
        this.pos++;
        finish();
        continue;
      }
      if (tok.text === '{' && tok.kind === 'punct') {
        this.pos++;
        if (depth > 0 || assigns || isInline(cur.tokens)) {
          cur.tokens.push(tok, ...this.inline());
          continue;
        }
        if (cur.tokens.length === 0) cur.line = tok.line;
        cur.body = this.block(tok);
        cur.tail = this.tail();
        finish();
        continue;
      }
      if (tok.kind === 'punct' && OPEN.has(tok.text)) depth++;
      if (tok.kind === 'punct' && CLOSE.has(tok.text)) depth = Math.max(0, depth - 1);
      if (tok.kind === 'punct' && tok.text === '=' && depth === 0) assigns = true;
      if (cur.tokens.length === 0) cur.line = tok.line;
      cur.tokens.push(tok);
      this.pos++;
    }
    if (opener) {
      this.diagnostics.push(
        error(this.file, opener.line, `expected '}' to close the block opened at line ${opener.line}`),
      );
    }
    finish();
    return out;
  }

  private endsAtNewline(cur: Stmt, tok: Token, depth: number): boolean {
    if (!this.newlineTerminates || !tok.newlineBefore || cur.tokens.length === 0 || depth > 0) return false;
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
