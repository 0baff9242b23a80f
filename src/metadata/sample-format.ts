/**
 * How an operation page lays out its samples (operation-page.ts): ServiceStack writes JSON compact, JSV through
 * `JsvFormatter.Format` (`SerializeAndFormat` in `JsvMetadataHandler`) and XML indented
 * (`DataContractSerializer.Parse(dto, indentXml: true)` in `XmlMetadataHandler`). Both layouts only add whitespace
 * where the format ignores it, so the sample reads back as the compact text would.
 */

/**
 * ServiceStack.Text's `JsvFormatter.Format`: a line and a tab per depth at each brace and comma, a space after each
 * key. One difference: braces inside a quoted string are text here (`JsvFormatter` breaks the line there too, which
 * changes the value), as commas inside one are in both.
 */
export const formatJsv = (text: string): string => {
  let out = '';
  let tabs = 0;
  let firstKeySeparator = true;
  let inString = false;
  const tabLine = (n: number): void => {
    out += `\n${'\t'.repeat(Math.max(n, 0))}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const previous = text[i - 1];
    const next = text[i + 1];
    if (inString && c !== '"') {
      out += c;
    } else if (c === '{' || c === '[') {
      if (previous === ':') {
        if (next === '}' || next === ']') {
          out += c + next;
          i++;
          continue;
        }
        tabLine(tabs);
      }
      out += c;
      tabLine(++tabs);
      firstKeySeparator = true;
    } else if (c === '}' || c === ']') {
      tabLine(--tabs);
      out += c;
      firstKeySeparator = true;
    } else if (c === '"') {
      out += c;
      inString = !inString;
    } else if (c === ',') {
      out += c;
      tabLine(tabs);
      firstKeySeparator = true;
    } else {
      out += c;
      if (c === ':' && firstKeySeparator) {
        out += ' ';
        firstKeySeparator = false;
      }
    }
  }
  return out;
};

const TAG = /<[^>]*>/g;

/**
 * XML as an indenting writer lays it out: each element on its own line, two spaces per depth. A leaf element keeps
 * its text (or emptiness) untouched, since whitespace there would be part of its value; a document with text beside
 * child elements is returned as it is.
 */
export const indentXml = (text: string): string => {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  let pendingOpen: string | undefined;
  const flushOpen = (): void => {
    if (pendingOpen !== undefined) parts.push(`${'  '.repeat(depth - 1)}${pendingOpen}`);
    pendingOpen = undefined;
  };
  for (const m of text.matchAll(TAG)) {
    const tag = m[0];
    const between = text.slice(last, m.index);
    last = m.index + tag.length;
    // Text beside child elements (mixed content) is not what the writers make: leave such a document as it is.
    if (between.trim() && !(tag.startsWith('</') && pendingOpen !== undefined)) return text;
    if (tag.startsWith('<?') || tag.startsWith('<!')) {
      parts.push(tag);
    } else if (tag.startsWith('</')) {
      if (pendingOpen !== undefined) {
        // A leaf: `<Name>text</Name>` on one line, its text as it was.
        parts.push(`${'  '.repeat(depth - 1)}${pendingOpen}${between}${tag}`);
        pendingOpen = undefined;
      } else parts.push(`${'  '.repeat(depth - 1)}${tag}`);
      depth--;
    } else if (tag.endsWith('/>')) {
      flushOpen();
      parts.push(`${'  '.repeat(depth)}${tag}`);
    } else {
      flushOpen();
      depth++;
      pendingOpen = tag;
    }
  }
  flushOpen();
  return parts.join('\n') + text.slice(last);
};
