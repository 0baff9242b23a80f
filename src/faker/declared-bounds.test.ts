import { faker } from '@faker-js/faker';
import type { JsonSchema } from '../schema/json-schema.js';
import { defaultValue, fits, scalarSpecOf } from './values.js';

/** The keywords derive writes beside a declarative validator (README, "The schemas") bound what the faker writes. */
describe('fakes keep to the bounds declarative validators write', () => {
  it.each<[string, JsonSchema, unknown[], unknown[]]>([
    ['GreaterThan(0) on an int', { type: 'integer', exclusiveMinimum: 0 } as JsonSchema, [1, 7], [0, -1]],
    ['LessThan(5) on an int', { type: 'integer', exclusiveMaximum: 5 } as JsonSchema, [4, 0], [5, 9]],
    ['GreaterThan(1.5) on a decimal', { type: 'number', exclusiveMinimum: 1.5 } as JsonSchema, [1.51, 2], [1.5, 1]],
    ['MaximumLength(6)', { type: 'string', maxLength: 6 } as JsonSchema, ['Queen', ''], ['Double Queen']],
    ['ExactLength(4)', { type: 'string', minLength: 4, maxLength: 4 } as JsonSchema, ['HV01'], ['HV1', 'HV012']],
    ['RegularExpression(^[A-Z]{2}$)', { type: 'string', pattern: '^[A-Z]{2}$' } as JsonSchema, ['NE'], ['north']],
  ])('%s', (_label, schema, inside, outside) => {
    const spec = scalarSpecOf(schema);
    for (const v of inside) expect([v, fits(v, spec)]).toEqual([v, true]);
    for (const v of outside) expect([v, fits(v, spec)]).toEqual([v, false]);
  });

  it.each<[string, JsonSchema]>([
    ['an int above 0', { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 3 } as JsonSchema],
    ['a decimal between 0 and 1 exclusive', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as JsonSchema],
    ['a word of at most 3 letters', { type: 'string', maxLength: 3 } as JsonSchema],
    ['a word of at least 12 letters', { type: 'string', minLength: 12 } as JsonSchema],
  ])('the fallback value is %s', (_label, schema) => {
    faker.seed(7);
    const spec = scalarSpecOf(schema);
    for (let i = 0; i < 20; i++) expect(fits(defaultValue(faker, spec, new Date(0), undefined), spec)).toBe(true);
  });
});
