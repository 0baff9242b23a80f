import fc from 'fast-check';
import { parseJavaScriptDtos } from '../derive/dto/javascript.js';
import { loadApi } from '../schema/registry.js';
import { buildCommonJsDtos, commonJsClass, commonJsEnum, exportsLines } from './commonjs-dtos.js';
import { dtoOptions } from './dto-options.js';
import type { MetadataOperationType } from './metadata-types.js';
import { buildMjsDtos } from './mjs-dtos.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const APIS = [
  ['schemas', 'billiecart'],
  ['schemas', 'servicestack-home'],
  ['test/fixtures/schemas', 'bookings'],
] as const;

/** Runs a CommonJS module's text and answers its `exports`. */
const load = (text: string): Record<string, unknown> => {
  const module = { exports: {} as Record<string, unknown> };
  // The module under test, run as `require` would run it.
  new Function('exports', 'module', text).call(undefined, module.exports, module);
  return module.exports;
};

describe('exportsLines: `exports.A = exports.B = void 0;` in batches of 100 (CommonJsGenerator.BatchSize)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
  ])('%i names → %i lines', (count, lines) => {
    const names = Array.from({ length: count }, (_, i) => `T${i}`);
    const out = exportsLines(names);
    expect(out).toHaveLength(lines);
    expect(out.join(' ').match(/exports\.T\d+/g) ?? []).toHaveLength(count);
    for (const line of out) expect(line).toMatch(/^exports\.T\d+( = exports\.T\d+)* = void 0;$/);
  });
});

describe('commonJsClass and commonJsEnum: the ES5 shapes TypeScript compiles to', () => {
  const op = (over: Partial<MetadataOperationType>): MetadataOperationType => ({
    request: { name: 'X' },
    actions: ['POST'],
    method: 'POST',
    routes: [],
    ...over,
  });
  it.each<[string, MetadataOperationType, string]>([
    ['a DTO response', op({ returnType: { name: 'XResponse' } }), 'return new XResponse(); '],
    [
      'a generic response, erased',
      op({ returnType: { name: 'QueryResponse`1', genericArgs: ['Booking'] } }),
      'return new QueryResponse(); ',
    ],
    ['a string', op({ returnType: { name: 'String' } }), "return ''; "],
    ['a list', op({ returnType: { name: 'List`1', genericArgs: ['Booking'] } }), 'return []; '],
    ['IReturnVoid', op({ returnsVoid: true }), ''],
  ])('createResponse() for %s', (_what, o, body) => {
    expect(commonJsClass('X', undefined, o)).toContain(`    X.prototype.createResponse = function () { ${body}};\n`);
  });

  it('a class with a base calls it, and a request says its name and verb', () => {
    const text = commonJsClass('QueryX', 'QueryDb', op({ method: 'GET', returnType: { name: 'XResponse' } }));
    expect(text.split('\n')).toEqual([
      'var QueryX = /** @class */ (function (_super) {',
      '    __extends(QueryX, _super);',
      '    function QueryX(init) {',
      '        var _this = _super.call(this, init) || this;',
      '        Object.assign(_this, init);',
      '        return _this;',
      '    }',
      "    QueryX.prototype.getTypeName = function () { return 'QueryX'; };",
      "    QueryX.prototype.getMethod = function () { return 'GET'; };",
      '    QueryX.prototype.createResponse = function () { return new XResponse(); };',
      '    return QueryX;',
      '}(QueryDb));',
      'exports.QueryX = QueryX;',
    ]);
  });

  it.each([
    [
      { name: 'Room', enumNames: ['Single', 'Double'] },
      ['    Room["Single"] = "Single";', '    Room["Double"] = "Double";'],
    ],
    [
      { name: 'Room', enumNames: ['A', 'B'], isEnumInt: true, enumValues: ['1', '2'] },
      ['    Room[Room["A"] = 1] = "A";', '    Room[Room["B"] = 2] = "B";'],
    ],
  ])('an enum %#', (t, members) => {
    expect(commonJsEnum(t).split('\n')).toEqual([
      'var Room;',
      '(function (Room) {',
      ...members,
      '})(Room = exports.Room || (exports.Room = {}));',
    ]);
  });
});

describe('buildCommonJsDtos', () => {
  it.each(APIS)('%s/%s: loads, and derive reads the types, verbs and responses the Mjs file gives', (root, id) => {
    const api = loadApi(root, id);
    const text = buildCommonJsDtos(api, 'http://h', dtoOptions({}), NOW);
    const cjs = parseJavaScriptDtos(text, 'dtos.js', 1);
    const mjs = parseJavaScriptDtos(buildMjsDtos(api, 'http://h', dtoOptions({}), NOW), 'dtos.mjs', 1);
    expect(cjs.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const shape = (r: typeof cjs) =>
      r.types.map((t) => ({
        name: t.name,
        kind: t.kind,
        inherits: t.inherits?.name,
        implements: t.implements,
        enumValues: t.enumValues,
      }));
    // Both declare QueryDb<From, Into> as its own class, `QueryDb_2`, the name its subclasses extend.
    expect(shape(cjs)).toEqual(shape(mjs));
    const exported = load(text);
    expect(
      Object.keys(exported)
        .filter((k) => k !== '__esModule')
        .sort(),
    ).toEqual(cjs.types.map((t) => t.name).sort());
  });

  it("prints CommonJsGenerator's header and prelude", () => {
    const text = buildCommonJsDtos(
      loadApi('schemas', 'billiecart'),
      'http://h/b',
      dtoOptions({ IncludeTypes: 'Customer' }),
      NOW,
    );
    expect(text).toBe(
      [
        '/* Options:',
        'Date: 2026-01-02 03:04:05',
        'Version: 8.80',
        'Tip: To override a DTO option, remove "//" prefix before updating',
        'BaseUrl: http://h/b',
        '',
        '//AddServiceStackTypes: True',
        '//AddDescriptionAsComments: True',
        'IncludeTypes: Customer',
        '//ExcludeTypes: ',
        '//DefaultImports: ',
        '*/',
        '',
        text.slice(text.indexOf('"use strict";'), text.indexOf('exports.__esModule = true;\n') + 26),
        'exports.Customer = void 0;',
        'var Customer = /** @class */ (function () {',
        '    function Customer(init) {',
        '        Object.assign(this, init);',
        '    }',
        '    return Customer;',
        '}());',
        'exports.Customer = Customer;',
        '',
        '',
      ].join('\n'),
    );
  });
});

describe('enum names from the contract cannot break the module', () => {
  it('any member names load, and derive reads them back (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        (names) => {
          const text = commonJsEnum({ name: 'E', enumNames: names });
          const E = load(`${text}\n`)['E'] as Record<string, string>;
          // (An object lists integer-like keys first, so compare as sets.)
          expect(Object.keys(E).sort()).toEqual([...names].sort());
          for (const n of names) expect(E[n]).toBe(n);
          expect(parseJavaScriptDtos(text, 'e.js', 1).types[0]?.enumValues).toEqual(names);
        },
      ),
      { numRuns: 100 },
    );
  });
});
