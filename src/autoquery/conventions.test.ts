import { IMPLICIT_CONVENTIONS, matchFilter } from './conventions.js';
import { tableOf } from './fields.js';
import { ROCKSTAR, resolve } from './__fixtures__/rockstars.js';

const table = tableOf(ROCKSTAR, { tableName: 'Rockstar', resolve });

describe('matchFilter (GetQueryMatch)', () => {
  // Every implicit convention, applied to Age the way its pattern places the field.
  it.each(IMPLICIT_CONVENTIONS.map((c) => [c.pattern, c.op] as const))('%s → %s on Age', (pattern, op) => {
    const name = pattern.startsWith('%') ? `Age${pattern.replace(/%/g, '')}` : `${pattern.replace(/%/g, '')}Age`;
    expect(matchFilter(table, name)).toEqual({
      field: expect.objectContaining({ wire: 'age' }),
      convention: expect.objectContaining({ op }),
    });
  });

  it.each([
    ['FirstNameStartsWith', 'firstName', 'like', '{0}%'],
    ['FirstNameContains', 'firstName', 'like', '%{0}%'],
    ['FirstNameEndsWith', 'firstName', 'like', '%{0}'],
    ['FirstNameLike', 'firstName', 'like', undefined],
  ])('%s is LIKE on %s with value format %s', (name, wire, op, valueFormat) => {
    const m = matchFilter(table, name);
    expect(m?.field.wire).toBe(wire);
    expect(m?.convention?.op).toBe(op);
    expect(m?.convention?.valueFormat).toBe(valueFormat);
  });

  it.each([
    // name, field, operator (undefined: plain equality / IN)
    ['Age', 'age', undefined],
    ['AGE', 'age', undefined],
    ['age', 'age', undefined],
    ['Ids', 'id', undefined], // plural → IN
    ['FirstNames', 'firstName', undefined],
    ['RockstarId', 'id', undefined], // {Table}{Field}
    ['RockstarIds', 'id', undefined],
    ['IdsBetween', 'id', 'between'],
    ['ageAbove', 'age', '>'], // suffix words work after a camelCase field
    ['AgeGreaterThanOrEqualTo', 'age', '>='], // listed before %GreaterThan%
    ['AgeLessThanOrEqualTo', 'age', '<='],
    ['DateDiedIsNotNull', 'dateDied', 'isNotNull'],
    ['DateDiedIsNull', 'dateDied', 'isNull'],
    ['Age!', 'age', '<>'],
    ['<>Age', 'age', '<>'],
  ])('%s → %s %s', (name, wire, op) => {
    const m = matchFilter(table, name);
    expect(m?.field.wire).toBe(wire);
    expect(m?.convention?.op).toBe(op);
  });

  it.each([
    ['ageabove', 'the convention word is case-sensitive'],
    ['minAge', 'a prefix convention needs its capital'],
    ['Skip', 'IgnoreProperties'],
    ['Take', 'IgnoreProperties'],
    ['Fields', 'IgnoreProperties'],
    ['AgeAround', 'no such convention'],
    ['Nickname', 'no such field'],
    ['Above', 'a convention word alone'],
  ])('%s is not a filter (%s)', (name) => {
    expect(matchFilter(table, name)).toBeUndefined();
  });
});
