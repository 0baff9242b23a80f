/**
 * A metadata page arrives either as the text a browser saves ("Save as text",
 * copy-paste) or as the page HTML. Both become the same list of text lines;
 * HTML table cells are separated by tabs so parameter rows split cleanly.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

export const looksLikeHtml = (text: string): boolean => /^\s*(<!doctype html|<html|<head|<body)/i.test(text);

/** Page HTML → text lines as a browser would render them (good enough for metadata pages). */
export const htmlToText = (html: string): string => {
  let text = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\r\n?/g, '\n');
  // <pre> keeps its line breaks; everywhere else whitespace collapses. NUL marks where a <pre> block goes back.
  const blocks: string[] = [];
  text = text.replace(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi, (_m, inner: string) => {
    blocks.push(decodeEntities(inner.replace(/<[^>]+>/g, '')));
    return `\u0000${blocks.length - 1}\u0000`;
  });
  text = text
    .replace(/\s+/g, ' ')
    .replace(/<\/t[dh]>\s*/gi, '\t')
    .replace(/<(br|\/tr|\/p|\/div|\/h\d|\/li|\/caption|\/table|\/pre)\b[^>]*>/gi, '\n')
    .replace(/<(tr|p|div|h\d|li|table|caption)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  text = decodeEntities(text)
    .split('\n')
    .map((line) =>
      line
        .replace(/[ ]*\t[ ]*/g, '\t')
        .replace(/\t+$/, '')
        .trim(),
    )
    .join('\n');
  // eslint-disable-next-line no-control-regex -- NUL is our own placeholder, never page text
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => `\n${blocks[Number(i)] ?? ''}\n`);
};

export const pageLines = (raw: string): string[] => {
  const text = looksLikeHtml(raw) ? htmlToText(raw) : raw;
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
};
