/**
 * Says where a JSON text stops parsing, as "line L column C". Node 20's
 * JSON.parse reports a position for some errors only ("Unexpected token '}',
 * "…" is not valid JSON" has none), and a user fixing db.json by hand needs
 * the line. Runs only after JSON.parse has failed, so speed does not matter.
 */
import { messageOf } from './io-errors.js';

/** `Unexpected token '}' at line 3 column 7`, from JSON.parse's error and the text it failed on. */
export function describeJsonError(text: string, error: unknown): string {
  const message = messageOf(error);
  // Drop V8's echo of the source and its character offset; the line and column replace them.
  const reason = message
    .replace(/, (?:\.\.\.)?".*$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ is not valid JSON$/, '');
  const offset = jsonErrorOffset(text);
  if (offset === null) return reason;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${reason} at line ${line} column ${column}`;
}

class Stop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Offset of the first character that is not valid JSON, or null when the text is valid. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  const expect = (char: string): void => {
    if (text.charAt(i) !== char) fail();
    i += 1;
  };
  const string = (): void => {
    expect('"');
    while (i < text.length) {
      const char = text.charAt(i);
      if (char === '"') {
        i += 1;
        return;
      }
      if (char === '\\') {
        i += 1;
        if (text.charAt(i) === 'u' && HEX4.test(text.slice(i + 1, i + 5))) i += 5;
        else if (ESCAPES.includes(text.charAt(i)) && i < text.length) i += 1;
        else fail();
      } else if (char.charCodeAt(0) < 0x20) fail();
      else i += 1;
    }
    fail();
  };
  const items = (close: string, item: () => void): void => {
    i += 1;
    space();
    if (text.charAt(i) === close) {
      i += 1;
      return;
    }
    for (;;) {
      item();
      space();
      if (text.charAt(i) !== ',') return expect(close);
      i += 1;
    }
  };
  const value = (): void => {
    space();
    const char = text.charAt(i);
    if (char === '{') {
      return items('}', () => {
        space();
        string();
        space();
        expect(':');
        value();
      });
    }
    if (char === '[') return items(']', value);
    if (char === '"') return string();
    const literal = ['true', 'false', 'null'].find((word) => word.startsWith(char));
    if (literal && char !== '') {
      // Character by character, so the error points where V8's does: at the first wrong one.
      for (const expected of literal) expect(expected);
      return;
    }
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) fail();
    i = NUMBER.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return null;
  } catch (stop) {
    if (stop instanceof Stop) return stop.offset;
    throw stop;
  }
}
