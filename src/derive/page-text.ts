/**
 * A metadata page arrives either as the text a browser saves ("Save as text",
 * copy-paste) or as the page HTML. Both become the same list of text lines,
 * each with the line it came from in the ORIGINAL file, so a diagnostic about
 * an HTML page points at the HTML line, not at a line of our rendering.
 * HTML table cells are separated by tabs so parameter rows split cleanly.
 */

export interface PageText {
  lines: string[];
  /** 1-based line in the original file of each entry of `lines`. */
  lineNumbers: number[];
  /** `<pre><code lang="python">` blocks: the index in `lines` where each starts, and its `lang`. */
  codeLanguages: { index: number; lang: string }[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : NaN;
    if (!Number.isNaN(code)) return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

export const looksLikeHtml = (text: string): boolean => /^\s*(<!doctype html|<html|<head|<body)/i.test(text);

/** Tags a browser renders as a line break (opening or closing). */
const BLOCK_TAGS = new Set([
  'br',
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'caption',
  'thead',
  'tbody',
  'li',
  'ul',
  'ol',
  'nav',
]);

const CELL_TAGS = new Set(['td', 'th']);

/** Sticky scanners: each matches at `lastIndex` only, so the page is read once, left to right. */
const HIDDEN = /<(script|style|head|title|template)\b[\s\S]*?<\/\1\s*>/iy;
const TAG = /<(\/?)([a-z][\w-]*)?[^>]*>?/iy;
const PRE_OPEN = /<pre\b[^>]*>/iy;
const PRE_CLOSE = /<\/pre\s*>/iy;

const stickyMatch = (re: RegExp, text: string, at: number): RegExpExecArray | null => {
  re.lastIndex = at;
  return re.exec(text);
};

const countNewlines = (text: string, from = 0, to = text.length): number => {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

const comment = (source: string, at: number): string => {
  const end = source.indexOf('-->', at + 4);
  return source.slice(at, end === -1 ? source.length : end + 3);
};

/** Page HTML → text lines as a browser renders them (enough for ServiceStack's metadata pages). */
export const htmlToText = (html: string): PageText => {
  const out: PageText = { lines: [], lineNumbers: [], codeLanguages: [] };
  let current = '';
  let currentLine: number | undefined;
  let line = 1;
  const flush = () => {
    const text = current
      .replace(/[ ]*\t[ ]*/g, '\t')
      .replace(/\t+$/, '')
      .trim();
    if (text !== '' || current !== '') {
      out.lines.push(text);
      out.lineNumbers.push(currentLine ?? line);
    }
    current = '';
    currentLine = undefined;
  };
  const addText = (raw: string, at: number) => {
    const lead = /^\s*/.exec(raw)?.[0] ?? '';
    const text = decodeEntities(raw.replace(/\s+/g, ' '));
    if (text.trim() === '') {
      if (current !== '' && !current.endsWith(' ') && !current.endsWith('\t')) current += ' ';
      return;
    }
    currentLine ??= at + countNewlines(lead);
    current += current === '' || current.endsWith('\t') ? text.trimStart() : text;
  };
  const source = html.replace(/\r\n?/g, '\n');
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i, i + 12);
    let consumed: string;
    if (rest.startsWith('<!--')) consumed = comment(source, i);
    else if (/^<(script|style|head|title|template)\b/i.test(rest)) {
      consumed = stickyMatch(HIDDEN, source, i)?.[0] ?? stickyMatch(TAG, source, i)?.[0] ?? '<';
    } else if (/^<pre\b/i.test(rest)) {
      consumed = readPre(source, i, line, out, flush);
    } else if (/^<\/?[a-z!]/i.test(rest)) {
      const m = stickyMatch(TAG, source, i);
      consumed = m?.[0] ?? '<';
      const name = (m?.[2] ?? '').toLowerCase();
      // A closing cell ends with a tab, so rows split into cells; block tags end the line.
      if (CELL_TAGS.has(name)) current += m?.[1] ? '\t' : '';
      else if (BLOCK_TAGS.has(name)) flush();
    } else {
      const next = source.indexOf('<', i + 1);
      consumed = source.slice(i, next === -1 ? source.length : next);
      addText(consumed, line);
    }
    line += countNewlines(consumed);
    i += consumed.length || 1;
  }
  flush();
  return out;
};

const indexOfCaseless = (text: string, needle: string, from: number): number => {
  const lower = text.indexOf(needle, from);
  const upper = text.indexOf(needle.toUpperCase(), from);
  return lower === -1 ? upper : upper === -1 ? lower : Math.min(lower, upper);
};

/** A `<pre>` block keeps its line breaks: each of its lines maps to its own source line. */
const readPre = (source: string, at: number, line: number, out: PageText, flush: () => void): string => {
  const open = stickyMatch(PRE_OPEN, source, at)?.[0] ?? '<pre>';
  const close = indexOfCaseless(source, '</pre', at + open.length);
  const end = close === -1 ? source.length : close;
  const inner = source.slice(at + open.length, end);
  flush();
  const startLine = line + countNewlines(open);
  // BaseMetadataHandler writes `<code class="language-X" lang="X">` around the DTO source of `&lang=X`.
  const lang = /^\s*<code\b[^>]*\blang="([^"]+)"/i.exec(inner)?.[1];
  if (lang) out.codeLanguages.push({ index: out.lines.length, lang: decodeEntities(lang) });
  inner.split('\n').forEach((text, n) => {
    out.lines.push(decodeEntities(text.replace(/<[^>]*>/g, '')));
    out.lineNumbers.push(startLine + n);
  });
  const closeTag = close === -1 ? '' : (stickyMatch(PRE_CLOSE, source, close)?.[0] ?? '</pre');
  return source.slice(at, end + closeTag.length);
};

export const pageText = (raw: string): PageText => {
  const text = raw.replace(/^\uFEFF/, '');
  if (looksLikeHtml(text)) return htmlToText(text);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return { lines, lineNumbers: lines.map((_l, i) => i + 1), codeLanguages: [] };
};

export const pageLines = (raw: string): string[] => pageText(raw).lines;
