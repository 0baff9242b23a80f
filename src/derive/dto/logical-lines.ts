/**
 * Line-structured DTO languages (F#, VB.NET) end declarations at line breaks
 * and nest by indentation or `End X` lines, not braces: their parsers read the
 * token stream as logical lines, each with the comments before it and the
 * indentation of its first token.
 */
import type { Property, TypeDef } from '../model.js';
import type { ParseContext } from './decl.js';
import { setEnumNumbers } from './enum-values.js';
import type { Token } from './tokenizer.js';

export interface LogicalLine {
  /** Tokens of the line, comments removed. */
  tokens: Token[];
  /** Comments on the lines before it (doc comments) and at its end. */
  comments: Token[];
  /** 1-based line of its first token. */
  line: number;
  /** Leading whitespace of its first physical line, in characters. */
  indent: number;
}

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/**
 * Whether the physical line starting with a token at `indent` carries on `line`, whose
 * brackets are open `depth` deep (an F# record, VB's ` _`); otherwise it starts a new line.
 */
export type JoinsLine = (line: LogicalLine, depth: number, indent: number) => boolean;

/** Groups tokens into logical lines, each with the comments before it. */
export function logicalLines(tokens: Token[], source: string, firstLine: number, joins: JoinsLine): LogicalLine[] {
  const indents = source.split('\n').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const out: LogicalLine[] = [];
  let cur: LogicalLine | undefined;
  let pending: Token[] = [];
  let depth = 0;
  const finish = () => {
    if (cur) out.push(cur);
    cur = undefined;
    depth = 0;
  };
  for (const tok of tokens) {
    const indent = indents[tok.line - firstLine] ?? 0;
    const startsLine = tok.newlineBefore && !(cur && joins(cur, depth, indent));
    if (tok.kind === 'comment') {
      // A comment at the end of a line belongs to it; one on its own line to the next declaration.
      if (cur && !startsLine) cur.comments.push(tok);
      else {
        finish();
        pending.push(tok);
      }
      continue;
    }
    if (startsLine || !cur) {
      finish();
      cur = { tokens: [], comments: pending, line: tok.line, indent };
      pending = [];
    }
    if (tok.kind === 'punct') {
      if (OPENERS.has(tok.text)) depth++;
      if (CLOSERS.has(tok.text)) depth = Math.max(0, depth - 1);
    }
    cur.tokens.push(tok);
  }
  finish();
  return out;
}

/** Primitives that are .NET value types: not nullable unless written `T?`, `Nullable<T>` or `T option`. */
const REFERENCE_PRIMITIVES = new Set(['string', 'bytes', 'object']);

/**
 * As in C#: a property whose type was written without a nullable marker is nullable
 * unless its type is a value type (a primitive struct or an enum of the same file).
 */
export function settleClrNullability(types: TypeDef[], implicit: Property[]): void {
  const enums = new Set(types.filter((t) => t.kind === 'enum').map((t) => t.name));
  for (const prop of implicit) {
    const t = prop.type;
    const isValue =
      (t.kind === 'primitive' && !REFERENCE_PRIMITIVES.has(t.name)) || (t.kind === 'named' && enums.has(t.name));
    prop.nullable = !isValue;
  }
}

/** An enum member as written: its name and the tokens of its value expression, if any. */
export interface EnumMemberText {
  name: string;
  value?: string[];
}

/** A `[Flags]` enum travels as its numbers (as in C#): records them, or warns that it is written by name. */
export function settleFlagsEnums(ctx: ParseContext, flags: Map<TypeDef, EnumMemberText[]>): void {
  for (const [def, members] of flags) {
    if (def.kind !== 'enum') continue;
    const unread = setEnumNumbers(def, members);
    if (unread)
      ctx.warn(
        def.line ?? 0,
        `expected an integer value for ${def.name}.${unread}; the [Flags] enum is written by name`,
      );
  }
}
