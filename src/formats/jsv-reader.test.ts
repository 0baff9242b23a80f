import fc from 'fast-check';
import { CodecError } from './codec.js';
import { parseJsv } from './jsv.js';
import { readJsv } from './jsv-reader.js';
import { fixture } from './__fixtures__/schemas.js';

/** Runs `fn` and returns the CodecError it threw (failing the test if it threw nothing or something else). */
function codecError(fn: () => unknown): CodecError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodecError) return error;
    throw error;
  }
  throw new Error('expected a CodecError');
}

describe('JSV reader', () => {
  it.each([
    ['{id:1,name:Acme,tags:[a,b],active:True}', { id: '1', name: 'Acme', tags: ['a', 'b'], active: 'True' }],
    ['{Name:"Me, Junior",Size:"2"" x 1""",Note:""}', { Name: 'Me, Junior', Size: '2" x 1"', Note: '' }],
    ['[{Id:1},{Id:2}]', [{ Id: '1' }, { Id: '2' }]],
    ['{Meta:{tier:gold,region:"eu:west"}}', { Meta: { tier: 'gold', region: 'eu:west' } }],
    ['{id:urn:post:1}', { id: 'urn:post:1' }],
    ['{}', {}],
    ['[]', []],
    ['{a:[]}', { a: [] }],
    ['{a:{}}', { a: {} }],
    ['plain text, with comma', 'plain text, with comma'],
    ['"quoted"', 'quoted'],
    ['""', ''],
    ['{"odd:key":1,"":2}', { 'odd:key': '1', '': '2' }],
    ['{a:,b:1}', { b: '1' }],
    ['[a,,b]', ['a', null, 'b']],
    ['{a:1,}', { a: '1' }],
    ['{a:x"y}', { a: 'x"y' }],
    ['{a:"multi\r\nline"}', { a: 'multi\r\nline' }],
    ['{a:" padded "}', { a: ' padded ' }],
    ['{__proto__:x}', JSON.parse('{"__proto__":"x"}') as unknown],
  ])('reads %j', (text, expected) => {
    expect(parseJsv(text)).toEqual(expected);
  });

  it('reads the pretty-printed layout of the metadata pages', () => {
    const text = '{\n\tid: 0,\n\tname: Acme,\n\tbank: \n\t{\n\t\tbsb: 123\n\t},\n\ttags: \n\t[\n\t\ta,\n\t\tb\n\t]\n}';
    expect(parseJsv(text)).toEqual({ id: '0', name: 'Acme', bank: { bsb: '123' }, tags: ['a', 'b'] });
  });

  it('keeps a __proto__ key as data instead of touching the prototype', () => {
    const value = parseJsv('{__proto__:{polluted:yes}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('returns undefined for blank text', () => {
    expect(parseJsv('')).toBeUndefined();
    expect(parseJsv(' \n\t')).toBeUndefined();
  });

  it('records source offsets so a value can be taken as raw text', () => {
    const node = readJsv('{a:[1,2]}');
    expect(node?.kind).toBe('map');
    if (node?.kind !== 'map') return;
    const [, value] = node.entries[0] ?? [];
    expect(value && '{a:[1,2]}'.slice(value.start, value.end)).toBe('[1,2]');
  });

  it.each([
    [
      '{a:1',
      /expected ',' or '}' \(to close the map opened at line 1, column 1\) at line 1, column 5, found end of input/,
    ],
    ['[a,b', /expected ',' or '\]' .* found end of input/],
    ['{a:"open', /expected a closing '"' for the string starting here at line 1, column 4/],
    ['{a}', /expected ':' after the key 'a' at line 1, column 3, found '\}'/],
    ['{a:1}x', /expected end of input after the value at line 1, column 6, found 'x'/],
    ['{a:"x"y}', /expected ',' or '\}'.* found 'y'/],
    ['{\n\tid: 1,\n\tname: "x" z\n}', /line 3, column 12/],
    ['{', /expected ':' after the key ''.* found end of input/],
  ])('rejects %j', (text, message) => {
    expect(codecError(() => parseJsv(text)).message).toMatch(message);
  });

  it('allows 64 levels of nesting and rejects 65', () => {
    expect(() => parseJsv('['.repeat(64) + ']'.repeat(64))).not.toThrow();
    expect(codecError(() => parseJsv('['.repeat(65) + ']'.repeat(65))).message).toMatch(/at most 64 levels of nesting/);
  });

  it.each([
    ['1 MB of [', () => '['.repeat(1 << 20)],
    ['1 MB of {a:', () => '{a:'.repeat(350_000)],
    ['10k-deep nesting', () => '['.repeat(10_000) + ']'.repeat(10_000)],
    ['an unterminated 1 MB string', () => `{a:"${'x'.repeat(1 << 20)}`],
    ['1 MB of quotes', () => '"'.repeat((1 << 20) + 1)],
    ['1 MB of alternating quotes and commas', () => '{a:' + '"",'.repeat(350_000)],
    ['1 MB without a colon', () => `{${'k'.repeat(1 << 20)}`],
    // No wall-clock bound: on these megabyte inputs a quadratic parser would run for many minutes.
  ])('fails with a CodecError on %s', (_name, make) => {
    expect(() => parseJsv(make())).toThrow(CodecError);
  });

  it('rejects every truncation of a metadata-page sample', () => {
    const text = fixture('servicestack-home.Customer.request.jsv');
    for (let length = 1; length < text.length; length++) {
      expect(() => parseJsv(text.slice(0, length))).toThrow(CodecError);
    }
  });

  it('either parses or throws CodecError for any text', () => {
    const jsvish = fc.string({
      unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', ' ', '\n', 'a', '1'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.oneof(jsvish, fc.string({ unit: 'binary' })), (text) => {
        try {
          parseJsv(text);
        } catch (error) {
          expect(error).toBeInstanceOf(CodecError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
