import fc from 'fast-check';
import { generateStructure, isChoiceFree, PLACEHOLDER, type StructureSchema } from './jsf-adapter.js';

const fixedShape: StructureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'object', additionalProperties: false, properties: {} },
    note: PLACEHOLDER,
    address: {
      type: 'object',
      additionalProperties: false,
      properties: { geo: { type: 'object', additionalProperties: false, properties: { at: PLACEHOLDER } } },
    },
  },
};

describe('isChoiceFree', () => {
  it('accepts objects of fixed properties down to null placeholders', () => {
    expect(isChoiceFree(fixedShape)).toBe(true);
    expect(isChoiceFree(PLACEHOLDER)).toBe(true);
  });

  it.each<[string, StructureSchema]>([
    [
      'an array',
      { type: 'object', additionalProperties: false, properties: { tags: { type: 'array', items: PLACEHOLDER } } },
    ],
    [
      'an enum',
      { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: ['A', 'B'] } } },
    ],
    ['a boolean', { type: 'object', additionalProperties: false, properties: { on: { type: 'boolean' } } }],
    ['a dictionary', { type: 'object', properties: {}, additionalProperties: PLACEHOLDER }],
    ['a string json-schema-faker fills', { type: 'string', format: 'hostname' }],
  ])('refuses a structure with %s (json-schema-faker decides it per seed)', (_what, schema) => {
    expect(isChoiceFree(schema)).toBe(false);
  });

  it('is right: json-schema-faker gives the same output for every seed when it says so', () => {
    const first = generateStructure(fixedShape, 0);
    expect(first).toEqual({ name: {}, note: null, address: { geo: { at: null } } });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expect(generateStructure(fixedShape, seed)).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });
});
