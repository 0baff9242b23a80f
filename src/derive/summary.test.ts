import type { TypeDef } from './model.js';
import { countValidatedProperties, summaryLine } from './summary.js';

describe('summaryLine', () => {
  it.each([
    [{ id: 'acme', operations: ['CreateBooking'], types: 1 }, 'acme: 1 operation (CreateBooking), 1 type'],
    [{ id: 'acme', operations: [], types: 3 }, 'acme: 0 operations, 3 types'],
    [
      { id: 'acme', operations: ['A', 'B'], types: 3, validators: 0, inferred: [] },
      'acme: 2 operations (A, B), 3 types, validators on 0 properties, precision inferred for 0 properties',
    ],
    [
      { id: 'acme', operations: ['A'], types: 2, validators: 1, inferred: [{}, {}] },
      'acme: 1 operation (A), 2 types, validators on 1 property, precision inferred for 2 properties',
    ],
    [
      { id: 'big', operations: Array.from({ length: 12 }, (_, i) => `Op${i}`), types: 12 },
      'big: 12 operations (Op0, Op1, Op2, Op3, Op4, Op5, Op6, Op7, Op8, Op9, … and 2 more), 12 types',
    ],
    [
      { id: 'ten', operations: Array.from({ length: 10 }, (_, i) => `Op${i}`), types: 1 },
      'ten: 10 operations (Op0, Op1, Op2, Op3, Op4, Op5, Op6, Op7, Op8, Op9), 1 type',
    ],
  ])('%j', (api, line) => {
    expect(summaryLine(api)).toBe(line);
  });
});

describe('countValidatedProperties', () => {
  it('counts the properties that carry validators, not the validators', () => {
    const prop = (name: string, validators?: unknown[]) => ({
      name,
      type: { kind: 'primitive', name: 'int' },
      nullable: false,
      required: false,
      ...(validators ? { validators } : {}),
    });
    const types = [
      { name: 'A', kind: 'class', properties: [prop('X', ['NotEmpty', 'GreaterThan(0)']), prop('Y'), prop('Z', [])] },
      { name: 'B', kind: 'class', properties: [prop('W', ['Email'])] },
    ] as unknown as TypeDef[];
    expect(countValidatedProperties(types)).toBe(2);
  });
});
