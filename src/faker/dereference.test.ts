import type { JsonSchema } from '../schema/json-schema.js';
import { CUT_ARRAY, dereference, MAX_TYPE_DEPTH, typeNameOf } from './dereference.js';

const registry = (types: Record<string, JsonSchema>) => (ref: string) => types[typeNameOf(ref)];

const bankAccount: JsonSchema = {
  $id: 'https://schemas.ssmock.dev/billiecart/BankAccount.json',
  type: 'object',
  additionalProperties: false,
  properties: { bsbNumber: { type: 'string' } },
};
const skuType: JsonSchema = {
  $id: 'https://schemas.ssmock.dev/home/SkuType.json',
  type: 'string',
  enum: ['Product', 'Site'],
};
const node: JsonSchema = {
  $id: 'https://schemas.ssmock.dev/x/Node.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    children: { type: 'array', items: { $ref: 'Node.json' } },
    parent: { $ref: 'Node.json' },
    byName: { type: 'object', additionalProperties: { $ref: 'Node.json' } },
  },
};

describe('dereference', () => {
  it.each([
    ['BankAccount.json', 'BankAccount'],
    ['https://schemas.ssmock.dev/billiecart/BankAccount.json', 'BankAccount'],
    ['./types/Order.json#', 'Order'],
  ])('names the type of %s %s', (ref, name) => {
    expect(typeNameOf(ref)).toBe(name);
  });

  it('inlines refs in properties, array items and dictionary values', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        bankAccount: { $ref: 'BankAccount.json' },
        skus: { type: 'array', items: { $ref: 'SkuType.json' } },
        accounts: { type: 'object', additionalProperties: { $ref: 'BankAccount.json' } },
      },
    };
    const inlined = dereference(schema, registry({ BankAccount: bankAccount, SkuType: skuType }), 'Root');
    expect(inlined.properties?.['bankAccount']).toEqual(bankAccount);
    expect(inlined.properties?.['skus']?.items).toEqual(skuType);
    expect(inlined.properties?.['accounts']?.additionalProperties).toEqual(bankAccount);
    expect(JSON.stringify(inlined)).not.toContain('$ref');
  });

  it('drops responseStatus, by name or by $ref, and from required', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['ResponseStatus', 'result'],
      properties: {
        ResponseStatus: { $ref: 'ResponseStatus.json' },
        status: { $ref: 'ResponseStatus.json' },
        result: { type: 'string' },
      },
    };
    const inlined = dereference(schema, () => ({ type: 'object' }), 'Root');
    expect(Object.keys(inlined.properties ?? {})).toEqual(['result']);
    expect(inlined.required).toEqual(['result']);
  });

  it(`cuts a recursive type after ${MAX_TYPE_DEPTH} levels by omitting the property`, () => {
    const inlined = dereference(node, registry({ Node: node }), 'Node');
    let level = inlined;
    for (let depth = 1; depth < MAX_TYPE_DEPTH; depth++) {
      expect(Object.keys(level.properties ?? {})).toEqual(['name', 'children', 'parent', 'byName']);
      level = level.properties?.['parent'] ?? {};
    }
    // The deepest Node keeps its scalars, loses the recursive array and object, and its dictionary is empty.
    expect(Object.keys(level.properties ?? {})).toEqual(['name', 'byName']);
    expect(level.properties?.['byName']?.additionalProperties).toBe(false);
  });

  it('keeps a required recursive array, marked to be generated empty', () => {
    const strict: JsonSchema = {
      ...node,
      $id: 'https://schemas.ssmock.dev/x/Strict.json',
      required: ['children', 'parent'],
    };
    const withStrictRefs = JSON.parse(JSON.stringify(strict).replaceAll('Node.json', 'Strict.json')) as JsonSchema;
    let level = dereference(withStrictRefs, registry({ Strict: withStrictRefs }), 'Strict');
    for (let depth = 1; depth < MAX_TYPE_DEPTH; depth++) level = level.properties?.['parent'] ?? {};
    expect(level.properties?.['children']).toEqual({ type: 'array', [CUT_ARRAY]: true });
    expect(level.required).toEqual(['children']);
  });

  it('reports a ref it cannot resolve, with the path that led there', () => {
    const schema: JsonSchema = { type: 'object', properties: { a: { $ref: 'Missing.json' } } };
    expect(() => dereference(schema, () => undefined, 'Root')).toThrow('cannot resolve $ref "Missing.json" (in Root)');
  });

  it('does not modify the schemas it is given', () => {
    const before = JSON.stringify(node);
    dereference(node, registry({ Node: node }), 'Node');
    expect(JSON.stringify(node)).toBe(before);
  });
});
