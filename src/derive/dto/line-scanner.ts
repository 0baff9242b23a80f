/**
 * Statement splitter for the DTO languages whose generators print one member per line
 * (Go, Rust, Zig): a statement ends at a line break outside brackets or at a `;`, and a
 * `{` or `(` that ends its line opens a block of statements closed by its partner
 * (`struct {`, `const (`, `impl IReturn for X {`). Brackets closed on their own line stay
 * inline (`interface{}`, `{ return }`, `struct {}`). Comments on their own lines belong to
 * the statement after them, which is where these generators print attributes and docs.
 */
import type { Diagnostic } from '../model.js';
import { error, tokenize, type Token } from './tokenizer.js';

export interface LineStmt {
  /** Non-comment tokens, inline brackets included; for a block, the tokens before its opener. */
  tokens: Token[];
  /** Comments on the lines before the statement, and any on its own line. */
  comments: Token[];
  /** The statements of the block this statement opened, if any. */
  body?: LineStmt[];
  /** Tokens after the block's closer on the same line (`};`, `)]`). */
  tail: Token[];
  line: number;
}

export interface LineScan {
  stmts: LineStmt[];
  diagnostics: Diagnostic[];
}

const OPENERS: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
const CLOSERS = new Set(['}', ')', ']']);

export function scanLines(source: string, file: string, firstLine: number): LineScan {
  const { tokens, diagnostics } = tokenize(source, file, firstLine);
  const reader = new Reader(tokens, file, diagnostics);
  return { stmts: reader.block(undefined), diagnostics };
}

class Reader {
  private pos = 0;
  constructor(
    private readonly toks: Token[],
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Statements up to the closer of `opener` (or the end of the file at the top level). */
  block(opener: Token | undefined): LineStmt[] {
    const out: LineStmt[] = [];
    const closer = opener ? OPENERS[opener.text] : undefined;
    let cur = fresh();
    const finish = () => {
      if (cur.tokens.length > 0 || cur.comments.length > 0) out.push(cur);
      cur = fresh();
    };
    while (this.pos < this.toks.length) {
      const tok = this.toks[this.pos] as Token;
      if (tok.newlineBefore && cur.tokens.length > 0) finish();
      this.pos++;
      if (tok.kind === 'comment') {
        cur.comments.push(tok);
        continue;
      }
      if (tok.kind === 'punct' && CLOSERS.has(tok.text)) {
        if (tok.text === closer) {
          finish();
          return out;
        }
        this.diagnostics.push(error(this.file, tok.line, `unexpected '${tok.text}' with nothing open`));
        continue;
      }
      if (tok.kind === 'punct' && tok.text === ';') {
        finish();
        continue;
      }
      if (cur.tokens.length === 0) cur.line = tok.line;
      const close = tok.kind === 'punct' ? OPENERS[tok.text] : undefined;
      if (close && this.endsLine()) {
        cur.body = this.block(tok);
        cur.tail = this.restOfLine();
        finish();
      } else if (close) {
        cur.tokens.push(tok, ...this.inline(tok));
      } else {
        cur.tokens.push(tok);
      }
    }
    finish();
    if (opener) {
      this.diagnostics.push(error(this.file, opener.line, `expected '${closer}' to close the block opened here`));
    }
    return out;
  }

  /** Whether the token just read is the last one on its line (comments aside). */
  private endsLine(): boolean {
    for (let k = this.pos; k < this.toks.length; k++) {
      const t = this.toks[k] as Token;
      if (t.newlineBefore) return true;
      if (t.kind !== 'comment') return false;
    }
    return true;
  }

  /** Tokens of an inline bracket group up to its partner, on whatever lines (comments dropped). */
  private inline(opener: Token): Token[] {
    const out: Token[] = [];
    const stack = [OPENERS[opener.text]];
    while (this.pos < this.toks.length && stack.length > 0) {
      const t = this.toks[this.pos++] as Token;
      if (t.kind === 'comment') continue;
      out.push(t);
      if (t.kind !== 'punct') continue;
      const close = OPENERS[t.text];
      if (close) stack.push(close);
      else if (t.text === stack[stack.length - 1]) stack.pop();
    }
    if (stack.length > 0)
      this.diagnostics.push(error(this.file, opener.line, `expected '${stack[0]}' to close this '${opener.text}'`));
    return out;
  }

  private restOfLine(): Token[] {
    const out: Token[] = [];
    while (this.pos < this.toks.length) {
      const t = this.toks[this.pos] as Token;
      if (t.newlineBefore || (t.kind === 'punct' && (CLOSERS.has(t.text) || OPENERS[t.text]))) break;
      this.pos++;
      if (t.kind !== 'comment') out.push(t);
    }
    return out;
  }
}

function fresh(): LineStmt {
  return { tokens: [], comments: [], tail: [], line: 0 };
}
