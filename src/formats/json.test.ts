import { CodecError } from './codec.js';
import { jsonCodec, parseJson } from './json.js';
import { SHOP, contextFor, fixture } from './__fixtures__/schemas.js';

const ctx = contextFor(SHOP, 'Order');

describe('JSON codec', () => {
  it.each([
    ['{"id":1,"name":"Acme"}', { id: 1, name: 'Acme' }],
    ['[1,"a",null]', [1, 'a', null]],
    ['"text"', 'text'],
    ['{"createdAt":"\\/Date(1700000000000)\\/"}', { createdAt: '/Date(1700000000000)/' }],
    ['{"a":"{[\\"]}"}', { a: '{["]}' }],
  ])('reads %s', (text, expected) => {
    expect(jsonCodec.parse(text, ctx)).toEqual(expected);
  });

  it('reads the billiecart response sample', () => {
    const value = jsonCodec.parse(fixture('billiecart.AssociateUserAccountToCustomerRequest.response.json'), ctx);
    expect(value).toMatchObject({ customer: { bankAccount: { bsbNumber: 'String' } } });
  });

  it('reads a blank body as a blank DTO', () => {
    expect(jsonCodec.parse('', ctx)).toEqual({});
    expect(jsonCodec.parse(' \n', { ...ctx, schema: { type: 'array', items: {} } })).toEqual([]);
  });

  it.each([
    ['{"id":', /^JSON: /],
    ['{id:1}', /^JSON: /],
    ['{"a":1} x', /^JSON: /],
    ['['.repeat(65) + ']'.repeat(65), /^JSON: nesting deeper than 64 levels$/],
    ['['.repeat(10_000), /nesting deeper than 64/],
    [`"${'x'.repeat(1 << 20)}`, /^JSON: /],
  ])('turns %s into a CodecError', (text, message) => {
    expect(() => jsonCodec.parse(text, ctx)).toThrow(CodecError);
    expect(() => parseJson(text)).toThrow(message);
  });

  it('keeps its error messages short for huge input', () => {
    expect.assertions(2);
    try {
      parseJson(`{"a":${'1'.repeat(1 << 20)}x}`);
    } catch (error) {
      expect(error).toBeInstanceOf(CodecError);
      expect((error as Error).message.length).toBeLessThan(250);
    }
  });

  it('ignores brackets inside strings when measuring depth', () => {
    expect(parseJson(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`)).toEqual({
      a: `${'['.repeat(100)}"${'{'.repeat(100)}`,
    });
    expect(() => parseJson('['.repeat(64) + ']'.repeat(64))).not.toThrow();
  });

  it('writes JSON.stringify output, dates as given', () => {
    expect(jsonCodec.write({ id: 1, createdAt: '2024-01-15T00:00:00.000Z', gone: undefined }, ctx)).toBe(
      '{"id":1,"createdAt":"2024-01-15T00:00:00.000Z"}',
    );
    expect(jsonCodec.write(undefined, ctx)).toBe('');
    expect(jsonCodec.contentType).toBe('application/json; charset=utf-8');
  });
});
