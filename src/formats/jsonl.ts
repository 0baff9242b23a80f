/**
 * The JSON Lines codec, as ServiceStack's JsonlFormat writes and reads it (ServiceStack.Text's JsonlSerializer):
 * the same rows as CSV (answer-rows.ts: a QueryResponse's `results`, a list answer's items), each one JSON
 * object on its own line ending in `\n`. A DTO that is its own row (WriteSelf) is one JSON document without a
 * line break. Content-Type `text/jsonl` (MimeTypes.Jsonl). A request body in JSONL is its first line's JSON.
 */
import { answerRows } from './answer-rows.js';
import { CodecError, type Codec, type CodecContext } from './codec.js';
import { parseJson } from './json.js';
import { blankValue, type TypingContext } from './schema-walk.js';

/** Writes an answer as JSON Lines. */
export function writeJsonl(value: unknown, ctx: TypingContext): string {
  const { rows, shape } = answerRows(value, ctx.schema, ctx.resolve);
  if (!rows) return '';
  if (shape === 'self') return JSON.stringify(rows[0]) ?? '';
  return rows.map((row) => `${JSON.stringify(row) ?? 'null'}\n`).join('');
}

/** The JSON documents of JSON Lines text, one per non-blank line. Throws CodecError naming the bad line. */
export function parseJsonl(text: string): unknown[] {
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [parseJson(line)];
    } catch (err) {
      throw new CodecError(`JSONL line ${i + 1}: ${(err as Error).message}`);
    }
  });
}

export const jsonlCodec: Codec = {
  name: 'jsonl',
  contentType: 'text/jsonl',
  // MimeTypes.Jsonl is text/jsonl; application/jsonl is what clients also send for it.
  mediaTypes: ['text/jsonl', 'application/jsonl'],
  parse(text: string, ctx: CodecContext): unknown {
    // JsonlSerializer reads a request DTO (no list) from the first line (ReadSelf → ReadRow).
    const [first] = parseJsonl(text);
    return first === undefined ? blankValue(ctx) : first;
  },
  write(value: unknown, ctx: CodecContext): string {
    return writeJsonl(value, ctx);
  },
};
