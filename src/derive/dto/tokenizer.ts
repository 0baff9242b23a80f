/**
 * The tokenizer behind the C-like DTO parsers: identifiers, numbers, strings,
 * single-character punctuation and comments (kept, because generators print
 * attributes and descriptions as comments), each with its line.
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

export interface ScanOptions {
  /** Kotlin and Swift end statements at line breaks. */
  newlineTerminates?: boolean;
  /** C#: a line starting with `#` is a preprocessor directive. */
  preprocessor?: boolean;
  /** VB.NET: `'` starts a comment to the end of the line, and `""` (not `\"`) is a quote inside a string. */
  apostropheComments?: boolean;
  /** F#: `(* ... *)` is a block comment, and `'` is punctuation (`'T` type parameters), never a quote. */
  parenStarComments?: boolean;
}

const IDENT = /[A-Za-z_$][\w$]*/y;
const NUMBER = /\d[\w.]*/y;

/** Splits source into tokens; never throws, reports unterminated strings and comments. */
export function tokenize(source: string, file: string, firstLine: number, opts: ScanOptions = {}): Tokens {
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
    } else if (lineCommentPrefix(source, i, opts) > 0) {
      const end = lineEnd(source, i);
      push('comment', source.slice(i + lineCommentPrefix(source, i, opts), end), line);
      i = end;
    } else if (c === '#' && opts.preprocessor && newline) {
      i = lineEnd(source, i);
    } else if (blockCommentCloser(source, i, opts)) {
      const closer = blockCommentCloser(source, i, opts) as string;
      const end = source.indexOf(closer, i + 2);
      const stop = end < 0 ? source.length : end;
      if (end < 0) diagnostics.push(error(file, line, `expected '${closer}' to close this comment`));
      push('comment', source.slice(i + 2, stop), line);
      line += countLines(source, i, stop);
      i = end < 0 ? stop : end + 2;
    } else if (isQuote(c, opts)) {
      const end = opts.apostropheComments ? doubledQuoteEnd(source, i) : stringEnd(source, i, c);
      if (end < 0) {
        diagnostics.push(error(file, line, `expected ${c} to close this string`));
        i = lineEnd(source, i);
        continue;
      }
      // Backticks quote identifiers in Swift/Kotlin (`` `private` ``).
      const raw = source.slice(i + 1, end);
      push(c === '`' ? 'ident' : 'string', opts.apostropheComments ? raw.replace(/""/g, '"') : unescape(raw), line);
      line += countLines(source, i, end);
      i = end + 1;
    } else {
      i = word(source, i, line, push);
    }
  }
  return { tokens, diagnostics };
}

export interface Tokens {
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

/** `"` always; `'` and `` ` `` except in F#, where `'` marks type parameters (`'T`). */
function isQuote(c: string, opts: ScanOptions): boolean {
  return c === '"' || ((c === "'" || c === '`') && !opts.parenStarComments);
}

/** Length of the line-comment marker at `i` (`//`, VB's `'`), or 0. */
function lineCommentPrefix(source: string, i: number, opts: ScanOptions): number {
  if (source.startsWith('//', i)) return 2;
  return opts.apostropheComments && source.charAt(i) === "'" ? 1 : 0;
}

/** The end marker of a block comment opening at `i` (`/*`, F#'s `(*` but not the `(*)` operator), or undefined. */
function blockCommentCloser(source: string, i: number, opts: ScanOptions): string | undefined {
  if (source.startsWith('/*', i)) return '*/';
  return opts.parenStarComments && source.startsWith('(*', i) && source.charAt(i + 2) !== ')' ? '*)' : undefined;
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

/** VB strings: `""` is a quote inside the string; there are no backslash escapes. */
function doubledQuoteEnd(source: string, start: number): number {
  for (let k = start + 1; k < source.length; k++) {
    const ch = source.charAt(k);
    if (ch === '\n') return -1;
    if (ch !== '"') continue;
    if (source.charAt(k + 1) !== '"') return k;
    k++;
  }
  return -1;
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}

export function error(file: string, line: number, message: string): Diagnostic {
  return { severity: 'error', file, line, message };
}
