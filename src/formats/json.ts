/**
 * The JSON codec. Values are already JSON-shaped, so this is JSON.parse /
 * JSON.stringify with errors turned into CodecErrors and a nesting cap that
 * matches the JSV and XML readers.
 */
import { CodecError, type Codec, type CodecContext } from './codec.js';
import { blankValue } from './schema-walk.js';

export const MAX_JSON_DEPTH = 64;

/**
 * Nesting depth of JSON text, stopping early past `limit`. One pass, strings
 * skipped, so it is linear even for hostile input; JSON.parse then never sees
 * a document deep enough to hurt the code that walks the result.
 */
function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** Parses JSON; throws CodecError with the parser's reason (clipped) on malformed text. */
export function parseJson(text: string): unknown {
  if (exceedsDepth(text, MAX_JSON_DEPTH)) throw new CodecError(`JSON: nesting deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CodecError(`JSON: ${reason.length > 200 ? `${reason.slice(0, 200)}…` : reason}`);
  }
}

export const jsonCodec: Codec = {
  name: 'json',
  // ServiceStack appends the charset for JSON only (HostConfig.AppendUtf8CharsetOnContentTypes).
  contentType: 'application/json; charset=utf-8',
  mediaTypes: ['application/json', 'text/json'],
  parse(text: string, ctx: CodecContext): unknown {
    // A missing or empty body binds to a blank DTO, as in ServiceStack.
    return text.trim() === '' ? blankValue(ctx) : parseJson(text);
  },
  write(value: unknown): string {
    return JSON.stringify(value) ?? '';
  },
};
