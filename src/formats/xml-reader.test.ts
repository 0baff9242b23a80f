import fc from 'fast-check';
import { CodecError } from './codec.js';
import { readXml } from './xml-reader.js';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`;

function codecError(fn: () => unknown): CodecError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodecError) return error;
    throw error;
  }
  throw new Error('expected a CodecError');
}

describe('XML reader', () => {
  it('strips namespace prefixes from elements and attributes and drops xmlns declarations', () => {
    const root = readXml(
      '<R xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:a"><P xmlns:d2p1="urn:b"><d2p1:A i:nil="true" /></P></R>',
    );
    expect(root).toEqual({
      name: 'R',
      attrs: {},
      text: '',
      children: [
        { name: 'P', attrs: {}, text: '', children: [{ name: 'A', attrs: { nil: 'true' }, text: '', children: [] }] },
      ],
    });
  });

  it.each([
    ['<a>x &amp; &lt;y&gt; &quot;&apos;</a>', 'x & <y> "\''],
    ['<a>&#65;&#x42;&#xD;&#x1F600;</a>', 'AB\r😀'],
    ['<a><![CDATA[&lt; <raw> ]]></a>', '&lt; <raw> '],
    ['<a>  padded  </a>', '  padded  '],
    ['<a>one<!-- note -->two</a>', 'onetwo'],
    ['<a/>', ''],
  ])('reads the text of %j', (xml, text) => {
    expect(readXml(xml).text).toBe(text);
  });

  it('accepts a declaration, a byte-order mark, comments and surrounding whitespace', () => {
    expect(readXml('\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- a --><Root>x</Root>\n<!-- b -->\n').name).toBe(
      'Root',
    );
  });

  it.each([
    ['billion laughs', BILLION_LAUGHS, /DOCTYPE and ENTITY declarations are not allowed/],
    ['an external entity', EXTERNAL_ENTITY, /DOCTYPE and ENTITY declarations are not allowed/],
    ['a lone ENTITY declaration', '<!ENTITY x "y"><a/>', /DOCTYPE and ENTITY/],
    ['an undeclared entity', '<a>&lol;</a>', /unknown entity '&lol;'/],
    ['mismatched tags', '<a><b></a>', /Expected closing tag 'b'.* at line 1, column 7/],
    ['an unclosed element', '<a><b>', /XML: .*at line 1/],
    ['two roots', '<a/><b/>', /expected one root element, found 2/],
    ['trailing text', '<a/>junk', /text after the root element/],
    ['trailing text before a comment', '<a/>junk<!-- c -->', /text after the root element/],
    ['leading text', 'junk<a/>', /XML: /],
    ['text between two roots', '<a/>junk<b/>', /XML: /],
    ['trailing text after a closing tag', '<a>x</a>junk', /text after the root element/],
    ['no element', 'just text', /XML: /],
    ['a duplicate attribute', '<a x="1" x="2"/>', /repeated/],
    ['a bare ampersand', '<a>fish & chips</a>', /char '&' is not expected/],
  ])('rejects %s', (_name, xml, message) => {
    expect(codecError(() => readXml(xml)).message).toMatch(message);
  });

  it('allows 64 levels of nesting and rejects deeper documents', () => {
    expect(() => readXml('<a>'.repeat(64) + '</a>'.repeat(64))).not.toThrow();
    expect(codecError(() => readXml('<a>'.repeat(65) + '</a>'.repeat(65))).message).toMatch(
      /at most 64 levels of nesting/,
    );
  });

  it.each([
    ['10k-deep nesting', () => '<a>'.repeat(10_000) + '</a>'.repeat(10_000)],
    ['200k unclosed elements', () => '<a>'.repeat(200_000)],
    ['an unterminated 1 MB attribute', () => `<a b="${'x'.repeat(1 << 20)}`],
    ['an unterminated 1 MB comment', () => `<a><!--${'-'.repeat(1 << 20)}`],
    ['an unterminated 1 MB CDATA section', () => `<a><![CDATA[${']'.repeat(1 << 20)}`],
    ['1 MB of entity-looking text', () => `<a>${'&amp'.repeat(1 << 18)}</a>`],
    // No wall-clock bound: on these megabyte inputs a quadratic reader would run for many minutes.
  ])('fails with a short message on %s', (_name, make) => {
    const error = codecError(() => readXml(make()));
    expect(error.message.length).toBeLessThan(300);
  });

  it('either parses or throws CodecError for any text', () => {
    const xmlish = fc.string({
      unit: fc.constantFrom('<', '>', '/', 'a', 'b', '=', '"', '&', ';', ' ', '!', '?', '[', ']', '-'),
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.oneof(xmlish, fc.string({ unit: 'binary' })), (text) => {
        try {
          readXml(text);
        } catch (error) {
          expect(error).toBeInstanceOf(CodecError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
