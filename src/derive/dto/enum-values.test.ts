/** Enum member values as the generators print them, for enums ServiceStack writes as numbers. */
import fc from 'fast-check';
import type { TypeDef } from '../model.js';
import { tokenize } from './brace-scanner.js';
import { evaluateEnumValue, setEnumNumbers, splitEnumMembers } from './enum-values.js';

/** The texts of an expression's tokens, as a parser hands them over (one character per punctuation). */
const texts = (expr: string): string[] => tokenize(expr, 'x.cs', 1).tokens.map((t) => t.text);

describe('evaluateEnumValue', () => {
  const known = new Map([
    ['Read', 1],
    ['Write', 2],
  ]);
  it.each<[string, number | undefined]>([
    ['0', 0],
    ['42', 42],
    ['-1', -1],
    ['0x10', 16],
    ['0XfF', 255],
    ['1L', 1],
    ['4u', 4],
    ['1 << 3', 8],
    ['(1 << 4) >> 1', 8],
    ['Read | Write', 3],
    ['Perms.Read | Perms.Write', 3],
    ['~0 & 7', 7],
    ['2 * 3 + 1', 7],
    ['1 | 2 << 2', 9],
    ['Unknown', undefined],
    ['"text"', undefined],
    ['1 +', undefined],
  ])('%s → %s', (expr, value) => {
    expect(evaluateEnumValue(texts(expr), known)).toBe(value);
  });

  it('reads back any integer and any single flag it is given (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 30 }), (n, bit) => {
        expect(evaluateEnumValue(texts(String(n)), new Map())).toBe(n);
        expect(evaluateEnumValue(texts(`0x${Math.abs(n).toString(16)}`), new Map())).toBe(Math.abs(n));
        expect(evaluateEnumValue(texts(`1 << ${bit}`), new Map())).toBe(2 ** bit);
      }),
    );
  });
});

describe('setEnumNumbers', () => {
  const def = (): TypeDef => ({ name: 'Perms', kind: 'enum', properties: [] });

  it('numbers members written without a value one more than the member before, as C# does', () => {
    const d = def();
    expect(setEnumNumbers(d, [{ name: 'A' }, { name: 'B', value: ['10'] }, { name: 'C' }])).toBeUndefined();
    expect(d.enumNumbers).toEqual([0, 10, 11]);
  });

  it('names the first member it cannot read and keeps no numbers', () => {
    const d = def();
    expect(
      setEnumNumbers(d, [
        { name: 'A', value: ['1'] },
        { name: 'B', value: ['Other', '.', 'X'] },
      ]),
    ).toBe('B');
    expect(d.enumNumbers).toBeUndefined();
  });
});

describe('splitEnumMembers', () => {
  it('splits at top-level commas; shifts are no generic brackets', () => {
    const { tokens } = tokenize('A = 1 << 1, B = (1 << 2), [EnumMember(Value="c,d")] C', 'x.cs', 1);
    expect(splitEnumMembers(tokens).map((m) => m.map((t) => t.text).join(' '))).toEqual([
      'A = 1 < < 1',
      'B = ( 1 < < 2 )',
      '[ EnumMember ( Value = c,d ) ] C',
    ]);
  });
});
