import {
  parseBoolean,
  parseNumber,
  toIsoDateTime,
  toPlainNumber,
  toShortestXsdDateTime,
  toXsdDateTime,
  typeScalar,
} from './scalars.js';

describe('scalars', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['t', true],
    ['1', true],
    ['y', true],
    ['On', true],
    ['false', false],
    ['False', false],
    ['f', false],
    ['0', false],
    ['N', false],
    ['off', false],
    ['yes', undefined],
    ['', undefined],
    ['2', undefined],
  ])('parses boolean %j as %j', (text, expected) => {
    expect(parseBoolean(text)).toBe(expected);
  });

  it.each([
    ['0', 0],
    ['-12', -12],
    ['12.50', 12.5],
    ['.5', 0.5],
    ['1e-7', 1e-7],
    ['+3', 3],
    [' 4 ', 4],
    ['1,5', undefined],
    ['0x10', undefined],
    ['Infinity', undefined],
    ['', undefined],
    ['String', undefined],
  ])('parses number %j as %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [-1.5, '-1.5'],
    [1e-7, '0.0000001'],
    [-1.234e-8, '-0.00000001234'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [123456789.125, '123456789.125'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'INF'],
  ])('writes %p without exponent as %j', (n, expected) => {
    expect(toPlainNumber(n)).toBe(expected);
    if (Number.isFinite(n)) expect(Number(expected)).toBe(n);
  });

  it.each([
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
    ['2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00.1234567Z', '2024-01-15T10:30:00.1234567Z'],
    ['2024-01-15T10:30:00.5Z', '2024-01-15T10:30:00.500Z'],
    ['2025-01-15T06:16:03.6874989-05:00', '2025-01-15T11:16:03.6874989Z'],
    ['2024-01-15T00:30:00+01:00', '2024-01-14T23:30:00.000Z'],
    ['/Date(1700000000000-0000)/', '2023-11-14T22:13:20.000Z'],
    ['\\/Date(-62135596800000-0000)\\/', '0001-01-01T00:00:00.000Z'],
    ['2024-02-30', undefined],
    ['2024-01-15T25:00:00', undefined],
    ['String', undefined],
    ['', undefined],
  ])('reads date %j as %j', (text, expected) => {
    expect(toIsoDateTime(text)).toBe(expected);
  });

  it.each([
    ['2024-01-15T00:00:00.000Z', '2024-01-15', '2024-01-15T00:00:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01', '0001-01-01T00:00:00Z'],
    ['2024-01-15T10:30:00.000Z', '2024-01-15T10:30:00Z', '2024-01-15T10:30:00Z'],
    ['2024-01-15T10:30:00.120Z', '2024-01-15T10:30:00.12Z', '2024-01-15T10:30:00.12Z'],
    ['2024-01-15T00:00:00.001Z', '2024-01-15T00:00:00.001Z', '2024-01-15T00:00:00.001Z'],
    ['2024-01-15T01:00:00+01:00', '2024-01-15', '2024-01-15T00:00:00Z'],
    ['not a date', 'not a date', 'not a date'],
  ])('writes date %j as JSV %j and XML %j', (iso, jsv, xml) => {
    expect(toShortestXsdDateTime(iso)).toBe(jsv);
    expect(toXsdDateTime(iso)).toBe(xml);
  });

  it.each([
    ['42', 'integer', 42],
    ['42', 'string', '42'],
    ['abc', 'integer', 'abc'],
    ['True', 'boolean', true],
    ['maybe', 'boolean', 'maybe'],
    ['2024-01-15', 'date', '2024-01-15T00:00:00.000Z'],
    ['soon', 'date', 'soon'],
    ['x', 'any', 'x'],
  ] as const)('types %j as %s → %j', (text, kind, expected) => {
    expect(typeScalar(text, kind)).toBe(expected);
  });
});
