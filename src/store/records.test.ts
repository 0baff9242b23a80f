import fc from 'fast-check';
import { normalise } from './records.js';

const isDeepFrozen = (value: unknown): boolean =>
  typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(isDeepFrozen));

describe('normalise', () => {
  it('gives exactly what a JSON round trip gives, deep-frozen, for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (entity) => {
        const stored = normalise(entity, 'the record');
        expect(stored).toStrictEqual(JSON.parse(JSON.stringify(entity)));
        expect(isDeepFrozen(stored)).toBe(true);
        expect(stored).not.toBe(entity);
      }),
    );
  });

  it('follows JSON for what is not plain data: undefined, dates, NaN, -0, holes, class instances, __proto__', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const entity = {
      gone: undefined,
      at: new Date('2026-01-02T03:04:05.000Z'),
      ratio: Number.NaN,
      zero: -0,
      list: [1, undefined, 3],
      price: new Money(250),
      nested: JSON.parse('{"__proto__": {"x": 1}}') as unknown,
    };
    const stored = normalise(entity, 'the record');
    expect(stored).toStrictEqual(JSON.parse(JSON.stringify(entity)));
    expect(stored['at']).toBe('2026-01-02T03:04:05.000Z');
    expect(stored['list']).toEqual([1, null, 3]);
    expect(Object.getPrototypeOf(stored['nested'])).toBe(Object.prototype);
    expect(isDeepFrozen(stored)).toBe(true);
  });

  it('names the record when it is not JSON (cycles, BigInt)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(() => normalise(cyclic, 'the Customer')).toThrow(/the Customer is not JSON/);
    expect(() => normalise({ big: 1n }, 'the Customer')).toThrow(/the Customer is not JSON/);
  });
});
