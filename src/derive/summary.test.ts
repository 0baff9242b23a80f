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
