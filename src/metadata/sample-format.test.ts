import fc from 'fast-check';
import { CODECS, type FormatName } from '../formats/index.js';
import { formatJsv, indentXml } from './sample-format.js';

describe('formatJsv (JsvFormatter.Format)', () => {
  it.each([
    ['{id:1,name:abc}', '{\n\tid: 1,\n\tname: abc\n}'],
    // A nested map after a key goes on its own line; an empty one stays inline.
    ['{a:{b:c},d:[],e:[1,2]}', '{\n\ta: \n\t{\n\t\tb: c\n\t},\n\td: [],\n\te: \n\t[\n\t\t1,\n\t\t2\n\t]\n}'],
    // Commas inside a quoted string are text.
    ['{s:"a,b",t:x}', '{\n\ts: "a,b",\n\tt: x\n}'],
    ['', ''],
  ])('%j', (compact, formatted) => expect(formatJsv(compact)).toBe(formatted));
});

describe('indentXml', () => {
  it('puts each element on its own line and keeps a leaf, even an empty one, as it was', () => {
    expect(indentXml('<?xml version="1.0"?><R xmlns="x"><A>1</A><B></B><C><D> d </D></C><E/></R>')).toBe(
      '<?xml version="1.0"?>\n<R xmlns="x">\n  <A>1</A>\n  <B></B>\n  <C>\n    <D> d </D>\n  </C>\n  <E/>\n</R>',
    );
  });

  it('leaves mixed content alone', () => {
    expect(indentXml('<R>text<A>1</A></R>')).toBe('<R>text<A>1</A></R>');
  });
});

// Any DTO-shaped value: the laid-out sample reads back as the compact text does.
const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean());
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), tie('node'), { maxKeys: 4 }),
})).object;

describe.each([
  ['jsv', formatJsv],
  ['xml', indentXml],
] as [FormatName, (text: string) => string][])('%s layout', (format, layout) => {
  it('reads back as the compact text', () => {
    const ctx = { resolve: () => undefined, typeName: 'Sample' };
    fc.assert(
      fc.property(value, (v) => {
        const compact = CODECS[format].write(v, ctx);
        expect(CODECS[format].parse(layout(compact), ctx)).toEqual(CODECS[format].parse(compact, ctx));
      }),
    );
  });
});
