import fc from 'fast-check';
import { newDraft } from '../api-draft.js';
import { buildApi } from '../build-api.js';
import { addBareDtoFileToDraft } from '../dto-file.js';
import type { Diagnostic, TypeDef } from '../model.js';
import { detectDtoLanguage } from './index.js';
import { parseJavaScriptDtos } from './javascript.js';

// `/types/mjs` as MjsGenerator prints it: ES classes, types in JSDoc, no routes or attributes.
const MJS = `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//AddServiceStackTypes: True
//AddDocAnnotations: True
//AddDescriptionAsComments: True
//IncludeTypes: 
//ExcludeTypes: 
//DefaultImports: 
*/

"use strict";
/** @typedef {'Single'|'Double'|'suite'} */
export var RoomType;
(function (RoomType) {
    RoomType["Single"] = "Single"
    RoomType["Double"] = "Double"
    RoomType["Suite"] = "suite"
})(RoomType || (RoomType = {}));
/** @typedef {number} */
export var Priority;
(function (Priority) {
    Priority[Priority["Low"] = 1] = "Low"
    Priority[Priority["High"] = 2] = "High"
})(Priority || (Priority = {}));
export class Booking extends AuditBase {
    /** @param {{id?:number,name?:string,roomType?:RoomType,tags?:string[],related?:{ [index:string]: Booking; },createdDate?:string}} [init] */
    constructor(init) { super(init); Object.assign(this, init) }
    /** @type {number} */
    id;
    /**
     * @type {?string}
     * @description Name this Booking is for */
    name;
    /** @type {?RoomType} */
    roomType;
    /** @type {string[]} */
    tags = [];
    /** @type {{ [index:string]: Booking; }} */
    related;
    /** @type {boolean} */
    cancelled;
}
/** @typedef T {any} */
export class PagedResult {
    /** @param {{results?:T[],total?:number}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {T[]} */
    results;
    /** @type {number} */
    total;
}
export class IdResponse {
    /** @param {{id?:string,responseStatus?:ResponseStatus}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    id;
    /** @type {ResponseStatus} */
    responseStatus;
}
export class QueryBookings extends QueryDb {
    /** @param {{id?:number,skip?:number,take?:number}} [init] */
    constructor(init) { super(init); Object.assign(this, init) }
    /** @type {?number} */
    id;
    getTypeName() { return 'QueryBookings' }
    getMethod() { return 'GET' }
    createResponse() { return new QueryResponse() }
}
export class CreateBooking {
    /** @param {{name?:string,roomType?:RoomType,cost?:number}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    name;
    /** @type {RoomType} */
    roomType;
    /** @type {number} */
    cost;
    getTypeName() { return 'CreateBooking' }
    getMethod() { return 'POST' }
    createResponse() { return new IdResponse() }
}
export class DeleteBooking {
    /** @param {{id?:number}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {number} */
    id;
    getTypeName() { return 'DeleteBooking' }
    getMethod() { return 'DELETE' }
    createResponse() { }
}
export class GetBookingNames {
    constructor(init) { Object.assign(this, init) }
    getTypeName() { return 'GetBookingNames' }
    getMethod() { return 'GET' }
    createResponse() { return [] }
}
export class Ping {
    constructor(init) { Object.assign(this, init) }
    getTypeName() { return 'Ping' }
    getMethod() { return 'POST' }
    createResponse() { return '' }
}
`;

// `/types/js` as CommonJsGenerator prints it: ES5 classes without properties.
const COMMONJS = `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//AddServiceStackTypes: True
//AddDescriptionAsComments: True
//IncludeTypes: 
//ExcludeTypes: 
//DefaultImports: 
*/

"use strict";
var __extends = (this && this.__extends) || (function () {
    var extendStatics = function (d, b) {
        extendStatics = Object.setPrototypeOf ||
            ({ __proto__: [] } instanceof Array && function (d, b) { d.__proto__ = b; }) ||
            function (d, b) { for (var p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p]; };
        return extendStatics(d, b);
    };
    return function (d, b) {
        if (typeof b !== "function" && b !== null)
            throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
        extendStatics(d, b);
        function __() { this.constructor = d; }
        d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
    };
})();
exports.__esModule = true;
exports.RoomType = exports.Booking = exports.QueryBookings = exports.CreateBooking = void 0;
var RoomType;
(function (RoomType) {
    RoomType["Single"] = "Single";
    RoomType["Double"] = "Double";
})(RoomType = exports.RoomType || (exports.RoomType = {}));
var Priority;
(function (Priority) {
    Priority[Priority["Low"] = 1] = "Low";
    Priority[Priority["High"] = 2] = "High";
})(Priority = exports.Priority || (exports.Priority = {}));
var Booking = /** @class */ (function (_super) {
    __extends(Booking, _super);
    function Booking(init) {
        var _this = _super.call(this, init) || this;
        Object.assign(_this, init);
        return _this;
    }
    return Booking;
}(AuditBase));
exports.Booking = Booking;
var QueryBookings = /** @class */ (function (_super) {
    __extends(QueryBookings, _super);
    function QueryBookings(init) {
        var _this = _super.call(this, init) || this;
        Object.assign(_this, init);
        return _this;
    }
    QueryBookings.prototype.getTypeName = function () { return 'QueryBookings'; };
    QueryBookings.prototype.getMethod = function () { return 'GET'; };
    QueryBookings.prototype.createResponse = function () { return new QueryResponse(); };
    return QueryBookings;
}(QueryDb));
exports.QueryBookings = QueryBookings;
var CreateBooking = /** @class */ (function () {
    function CreateBooking(init) {
        Object.assign(this, init);
    }
    CreateBooking.prototype.getTypeName = function () { return 'CreateBooking'; };
    CreateBooking.prototype.getMethod = function () { return 'POST'; };
    CreateBooking.prototype.createResponse = function () { return new IdResponse(); };
    return CreateBooking;
}());
exports.CreateBooking = CreateBooking;
`;

const mjs = parseJavaScriptDtos(MJS, 'dtos.mjs', 1);
const type = (name: string, from = mjs.types): TypeDef => {
  const t = from.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};

describe('parseJavaScriptDtos: a /types/mjs file', () => {
  it('reads every class and enum; the only diagnostic is the erased QueryDb argument', () => {
    expect(mjs.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'enum RoomType',
      'enum Priority',
      'class Booking',
      'class PagedResult',
      'class IdResponse',
      'class QueryBookings',
      'class CreateBooking',
      'class DeleteBooking',
      'class GetBookingNames',
      'class Ping',
    ]);
    expect(mjs.diagnostics).toEqual([
      {
        severity: 'warning',
        file: 'dtos.mjs',
        line: 64,
        message: expect.stringMatching(/^QueryBookings extends QueryDb, whose generic arguments .* erase/),
      },
    ]);
  });

  it('reads string enums by their values, numeric ones by their names', () => {
    expect(type('RoomType')).toMatchObject({ enumValues: ['Single', 'Double', 'suite'], line: 17 });
    expect(type('Priority').enumValues).toEqual(['Low', 'High']);
  });

  it.each([
    ['Id', { kind: 'primitive', name: 'double' }, false],
    ['Name', { kind: 'primitive', name: 'string' }, true],
    ['RoomType', { kind: 'named', name: 'RoomType' }, true],
    ['Tags', { kind: 'list', of: { kind: 'primitive', name: 'string' } }, false],
    [
      'Related',
      { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'named', name: 'Booking' } },
      false,
    ],
    ['Cancelled', { kind: 'primitive', name: 'bool' }, false],
  ])('Booking.%s: the JSDoc @type, nullable when it says ?', (name, typeRef, nullable) => {
    expect(type('Booking').properties.find((p) => p.name === name)).toMatchObject({ type: typeRef, nullable });
  });

  it('reads the base class, @description and generic parameters (@typedef T {any})', () => {
    expect(type('Booking')).toMatchObject({ inherits: { name: 'AuditBase' } });
    expect(type('Booking').properties[1]?.description).toBe('Name this Booking is for');
    expect(type('PagedResult')).toMatchObject({
      genericParams: ['T'],
      properties: [{ name: 'Results', type: { kind: 'list', of: { kind: 'named', name: 'T' } } }, { name: 'Total' }],
    });
  });

  it.each([
    ['QueryBookings', [{ name: 'IReturn', args: [{ kind: 'named', name: 'QueryResponse' }] }, { name: 'IGet' }]],
    ['CreateBooking', [{ name: 'IReturn', args: [{ kind: 'named', name: 'IdResponse' }] }, { name: 'IPost' }]],
    ['DeleteBooking', [{ name: 'IReturnVoid' }, { name: 'IDelete' }]],
    [
      'GetBookingNames',
      [{ name: 'IReturn', args: [{ kind: 'list', of: { kind: 'primitive', name: 'object' } }] }, { name: 'IGet' }],
    ],
    ['Ping', [{ name: 'IReturn', args: [{ kind: 'primitive', name: 'string' }] }, { name: 'IPost' }]],
  ])('%s: the response from createResponse(), the verb from getMethod()', (name, implemented) => {
    expect(type(name).implements).toEqual(implemented);
  });
});

describe('parseJavaScriptDtos: a /types/js (CommonJS) file', () => {
  const cjs = parseJavaScriptDtos(COMMONJS, 'dtos.js', 1);

  it('reads classes, bases, verbs, responses and enums, and says once that properties are missing', () => {
    expect(cjs.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'enum RoomType',
      'enum Priority',
      'class Booking',
      'class QueryBookings',
      'class CreateBooking',
    ]);
    expect(type('RoomType', cjs.types).enumValues).toEqual(['Single', 'Double']);
    expect(type('Priority', cjs.types).enumValues).toEqual(['Low', 'High']);
    expect(type('Booking', cjs.types)).toMatchObject({ inherits: { name: 'AuditBase' }, properties: [] });
    expect(type('CreateBooking', cjs.types).implements).toEqual([
      { name: 'IReturn', args: [{ kind: 'named', name: 'IdResponse' }] },
      { name: 'IPost' },
    ]);
    expect(cjs.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 52,
        message: expect.stringMatching(/^QueryBookings extends QueryDb/),
      }),
      expect.objectContaining({
        severity: 'warning',
        line: 42,
        message: expect.stringMatching(/^CommonJS DTOs .* no properties/),
      }),
    ]);
  });
});

describe('parseJavaScriptDtos: AddResponseStatus', () => {
  it("reads the generator's ResponseStatus line and skips the stray responseType line it prints before the constructor", () => {
    const source = `export class HelloResponse {
    responseType?:ResponseType
    /** @param {{result?:string}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    result;
    ResponseStatus;
}
`;
    const { types, diagnostics } = parseJavaScriptDtos(source, 'dtos.mjs', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]?.properties).toMatchObject([
      { name: 'Result', type: { kind: 'primitive', name: 'string' } },
      { name: 'ResponseStatus', type: { kind: 'named', name: 'ResponseStatus' }, nullable: true },
    ]);
  });
});

describe('derive from JavaScript DTOs', () => {
  const draft = newDraft('bookings', 'bookings');
  const diagnostics: Diagnostic[] = [];
  addBareDtoFileToDraft(draft, MJS, 'docs/dtos', 'dtos', diagnostics);
  const { manifest } = buildApi(draft);
  const op = (name: string) => manifest.operations.find((o) => o.name === name);

  it('gives each operation its verb and response; an AutoQuery table it cannot know stays unbound', () => {
    expect(op('CreateBooking')).toMatchObject({ primaryVerb: 'POST', response: 'IdResponse' });
    expect(op('DeleteBooking')).toMatchObject({ primaryVerb: 'DELETE' });
    expect(op('QueryBookings')).toMatchObject({ primaryVerb: 'GET', autoQuery: null });
  });
});

describe('parseJavaScriptDtos: damaged input', () => {
  it.each([
    ['a stray statement', 'export class A {\n}\nlet x = 1;\n', 3, /expected an exported class or enum/],
    ['an unreadable JSDoc type', 'export class A {\n    /** @type {Map<} */\n    x;\n}\n', 3, /JSDoc type/],
    ['a method-less body line', 'export class A {\n    static x;\n}\n', 2, /expected a property/],
  ])('reports %s at its line', (_what, source, line, message) => {
    const { diagnostics } = parseJavaScriptDtos(source, 'dtos.mjs', 1);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'dtos.mjs', line })]);
    expect(diagnostics[0]?.message).toMatch(message);
  });

  it('never throws; diagnostics point inside the source (property)', () => {
    const damaged = (sample: string) =>
      fc
        .tuple(fc.nat(sample.length), fc.nat(sample.length), fc.string({ maxLength: 8 }))
        .map(([a, b, junk]) => sample.slice(0, Math.min(a, b)) + junk + sample.slice(Math.max(a, b)));
    fc.assert(
      fc.property(
        fc.oneof(damaged(MJS), damaged(COMMONJS), fc.string({ maxLength: 200 })),
        fc.nat(100),
        (text, first) => {
          const lastLine = first + 1 + text.split('\n').length - 1;
          for (const d of parseJavaScriptDtos(text, 'fuzz.js', first + 1).diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(first + 1);
            expect(d.line).toBeLessThanOrEqual(lastLine);
          }
        },
      ),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('detectDtoLanguage: JavaScript', () => {
  it.each([
    ['/types/mjs', MJS, 'javascript'],
    ['/types/js', COMMONJS, 'javascript'],
    [
      'an mjs fragment',
      'export class A {\n    constructor(init) { Object.assign(this, init) }\n    /** @type {string} */\n    name;\n}\n',
      'javascript',
    ],
    // TypeScript stays TypeScript: its classes have typed members and `init?: Partial<…>` constructors.
    [
      'a /types/typescript class',
      'export class A\n{\n    public name?: string;\n\n    public constructor(init?: Partial<A>) { (Object as any).assign(this, init); }\n}\n',
      'typescript',
    ],
    ['a /types/typescript.d interface', 'interface A extends IReturn<B>\n{\n    name?: string;\n}\n', 'typescript'],
  ])('%s', (_what, source, lang) => {
    expect(detectDtoLanguage(source)).toBe(lang);
  });
});
