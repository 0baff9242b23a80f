/** Escaping for the XML writer; refuses characters XML 1.0 cannot carry at all. */
import { CodecError } from './codec.js';

// XML 1.0 `Char`: anything else cannot be written even as a character reference.
const INVALID_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};

function assertXmlChars(text: string): void {
  if (INVALID_XML_CHAR.test(text)) {
    throw new CodecError(
      'XML: text contains a character that XML 1.0 cannot represent (a control character or lone surrogate)',
    );
  }
}

/**
 * Escapes text content as .NET's XmlWriter does (`&`, `<`, `>`); CR becomes
 * `&#xD;` because parsers normalise a literal CR away.
 */
export function escapeXml(text: string): string {
  assertXmlChars(text);
  return text.replace(/[&<>\r]/g, (c) => ENTITIES[c] ?? c);
}

/** Escapes an attribute value (namespace URIs); whitespace too, as attribute values are normalised. */
export function escapeAttribute(text: string): string {
  assertXmlChars(text);
  return text.replace(/[&<>"\r\n\t]/g, (c) => ENTITIES[c] ?? c);
}
