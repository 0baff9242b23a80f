/**
 * JSV text → a syntax tree (ServiceStack.Text's TypeSerializer grammar). Typing by schema happens afterwards
 * (`jsv.ts`), so a string property can take the raw text of a `{…}` value the
 * way ServiceStack does.
 *
 * Every character is looked at once, and nesting is capped, so hostile input
 * fails fast with a CodecError instead of hanging or overflowing the stack.
 */
import { CodecError } from './codec.js';

/** `quoted` distinguishes `""` (empty string) from an empty unquoted value (null). */
export interface JsvScalar {
  kind: 'scalar';
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

/** `start`/`end` are offsets in the text, so a string property can take a value's raw text. */
export type JsvNode =
  | { kind: 'map'; entries: [key: string, value: JsvNode][]; start: number; end: number }
  | { kind: 'list'; items: JsvNode[]; start: number; end: number }
  | JsvScalar;

export const MAX_JSV_DEPTH = 64;

/** Layout whitespace: what the metadata pages' pretty printer inserts. */
const isLayout = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

type Closer = '}' | ']' | null;

class JsvReader {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  readDocument(): JsvNode | undefined {
    this.#skipLayout();
    if (this.#pos >= this.#text.length) return undefined;
    const node = this.#readValue(null, 0);
    this.#skipLayout();
    if (this.#pos < this.#text.length) this.#fail('end of input after the value');
    return node;
  }

  #readValue(closer: Closer, depth: number): JsvNode {
    this.#skipLayout();
    const c = this.#text[this.#pos];
    if (c === '{') return this.#readMap(depth + 1);
    if (c === '[') return this.#readList(depth + 1);
    if (c === '"') return this.#readQuoted();
    return this.#readRaw(closer);
  }

  #readMap(depth: number): JsvNode {
    const start = this.#enter(depth);
    const entries: [string, JsvNode][] = [];
    while (!this.#closes('}')) {
      const key = this.#readKey();
      entries.push([key, this.#readValue('}', depth)]);
      this.#afterItem('}', start);
    }
    return { kind: 'map', entries, start, end: this.#pos };
  }

  #readList(depth: number): JsvNode {
    const start = this.#enter(depth);
    const items: JsvNode[] = [];
    while (!this.#closes(']')) {
      items.push(this.#readValue(']', depth));
      this.#afterItem(']', start);
    }
    return { kind: 'list', items, start, end: this.#pos };
  }

  /** Consumes the opening bracket after checking the nesting cap; returns where it was. */
  #enter(depth: number): number {
    if (depth > MAX_JSV_DEPTH) this.#fail(`at most ${MAX_JSV_DEPTH} levels of nesting`);
    return this.#pos++;
  }

  /** True (and consumed) if the container ends here; tolerates a trailing comma. */
  #closes(closer: '}' | ']'): boolean {
    this.#skipLayout();
    if (this.#text[this.#pos] !== closer) return false;
    this.#pos++;
    return true;
  }

  #afterItem(closer: '}' | ']', start: number): void {
    this.#skipLayout();
    const c = this.#text[this.#pos];
    if (c === ',') {
      this.#pos++;
    } else if (c !== closer) {
      const opened = this.#where(start);
      this.#fail(`',' or '${closer}' (to close the ${closer === '}' ? 'map' : 'list'} opened at ${opened})`);
    }
  }

  #readKey(): string {
    this.#skipLayout();
    let key: string;
    if (this.#text[this.#pos] === '"') {
      key = this.#readQuoted().text;
      this.#skipLayout();
    } else {
      const from = this.#pos;
      while (this.#pos < this.#text.length && !':,}'.includes(this.#text[this.#pos] ?? '')) this.#pos++;
      let end = this.#pos;
      while (end > from && isLayout(this.#text[end - 1])) end--;
      key = this.#text.slice(from, end);
    }
    if (this.#text[this.#pos] !== ':') this.#fail(`':' after the key '${key.slice(0, 40)}'`);
    this.#pos++;
    return key;
  }

  /** `"…"` with `""` for a quote inside; uses indexOf so a long string costs one scan. */
  #readQuoted(): JsvScalar {
    const start = this.#pos;
    const parts: string[] = [];
    let from = start + 1;
    for (;;) {
      const quote = this.#text.indexOf('"', from);
      if (quote < 0) {
        this.#pos = start;
        this.#fail("a closing '\"' for the string starting here");
      }
      if (this.#text[quote + 1] === '"') {
        parts.push(this.#text.slice(from, quote + 1));
        from = quote + 2;
        continue;
      }
      parts.push(this.#text.slice(from, quote));
      this.#pos = quote + 1;
      return { kind: 'scalar', text: parts.join(''), quoted: true, start, end: this.#pos };
    }
  }

  /**
   * An unquoted value runs to the `,` or closing bracket of its container, so it
   * may contain `:` (`{id:urn:post:1}`, as SST's `EatValue` allows). Layout
   * whitespace around it is not part of the value.
   */
  #readRaw(closer: Closer): JsvScalar {
    const start = this.#pos;
    const text = this.#text;
    if (closer !== null) {
      while (this.#pos < text.length && text[this.#pos] !== ',' && text[this.#pos] !== closer) this.#pos++;
    } else {
      this.#pos = text.length;
    }
    let end = this.#pos;
    while (end > start && isLayout(text[end - 1])) end--;
    return { kind: 'scalar', text: text.slice(start, end), quoted: false, start, end };
  }

  #skipLayout(): void {
    while (isLayout(this.#text[this.#pos])) this.#pos++;
  }

  #where(pos: number): string {
    let line = 1;
    let lineStart = 0;
    for (let i = this.#text.indexOf('\n'); i >= 0 && i < pos; i = this.#text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return `line ${line}, column ${pos - lineStart + 1}`;
  }

  #fail(expected: string): never {
    const c = this.#text[this.#pos];
    const found = c === undefined ? 'end of input' : `'${c}'`;
    throw new CodecError(`JSV: expected ${expected} at ${this.#where(this.#pos)}, found ${found}`);
  }
}

/** Parses JSV text into a syntax tree; undefined for blank text. Throws CodecError when malformed. */
export function readJsv(text: string): JsvNode | undefined {
  return new JsvReader(text).readDocument();
}
