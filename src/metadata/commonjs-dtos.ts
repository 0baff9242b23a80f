/**
 * `GET <base>/types/js`: the CommonJS module ServiceStack's `CommonJsGenerator` writes (README, "Metadata surface"),
 * the one a `require()` loads. get-dtos never asks for it (its `js` alias fetches `/types/mjs`); ServiceStack serves it
 * at `/types/js` all the same. Its style: the `/* Options: *\/` header, `"use strict";`, TypeScript's `__extends`
 * helper, `exports.A = exports.B = void 0;`, then ES5 classes as TypeScript compiles them
 * (`var X = /** @class *\/ (function (_super) { … }(Base)); exports.X = X;`) whose constructor assigns `init`, with
 * `getTypeName` / `getMethod` / `createResponse` on a request's prototype, and enums as `(function (X) {…})(X =
 * exports.X || …)`. It prints no properties and no comments at all (a class is what `init` holds); its types, their
 * order, the header and `createResponse()`'s values are the Mjs generator's (javascript-dtos.ts).
 */
import type { ApiSchemas } from '../schema/registry.js';
import type { DtoOptions } from './dto-options.js';
import { erasedBase, erasedResponse, javaScriptHeader, javaScriptTypes } from './javascript-dtos.js';
import type { MetadataOperationType, MetadataType } from './metadata-types.js';
import { BUILTIN_CLASSES } from './typescript-dtos.js';

/** `CommonJsGenerator.BatchSize`: names per `exports.A = … = void 0;` line (a long chain overflows V8's stack). */
const EXPORTS_BATCH = 100;

/** TypeScript's `__extends` helper, as CommonJsGenerator prints it after `"use strict";`. */
const PRELUDE = `"use strict";
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
exports.__esModule = true;`;

/** `exports.A = exports.B = void 0;`, a line per batch of names. */
export const exportsLines = (names: string[]): string[] => {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += EXPORTS_BATCH)
    lines.push(
      `${names
        .slice(i, i + EXPORTS_BATCH)
        .map((n) => `exports.${n}`)
        .join(' = ')} = void 0;`,
    );
  return lines;
};

/** An ES5 class; a request's prototype also says its name, verb and response. */
export const commonJsClass = (
  name: string,
  base: string | undefined,
  op: MetadataOperationType | undefined,
): string => {
  const lines = [`var ${name} = /** @class */ (function (${base ? '_super' : ''}) {`];
  if (base) lines.push(`    __extends(${name}, _super);`);
  lines.push(`    function ${name}(init) {`);
  if (base)
    lines.push(
      '        var _this = _super.call(this, init) || this;',
      '        Object.assign(_this, init);',
      '        return _this;',
    );
  else lines.push('        Object.assign(this, init);');
  lines.push('    }');
  if (op) {
    const returns = erasedResponse(op);
    lines.push(
      `    ${name}.prototype.getTypeName = function () { return '${name}'; };`,
      `    ${name}.prototype.getMethod = function () { return '${op.method}'; };`,
      `    ${name}.prototype.createResponse = function () { ${returns ? `return ${returns}; ` : ''}};`,
    );
  }
  lines.push(`    return ${name};`, `}(${base ?? ''}));`, `exports.${name} = ${name};`);
  return lines.join('\n');
};

/** A string enum's members keep their name; a `[Flags]` enum's map both ways (`X[X["A"] = 1] = "A"`). */
export const commonJsEnum = (t: MetadataType): string => {
  const names = t.enumNames ?? [];
  const members = names.map((n, i) => {
    const key = JSON.stringify(n);
    const value = t.isEnumInt ? t.enumValues?.[i] : undefined;
    return value !== undefined && /^-?\d+$/.test(value)
      ? `    ${t.name}[${t.name}[${key}] = ${value}] = ${key};`
      : `    ${t.name}[${key}] = ${key};`;
  });
  return [
    `var ${t.name};`,
    `(function (${t.name}) {`,
    ...members,
    `})(${t.name} = exports.${t.name} || (exports.${t.name} = {}));`,
  ].join('\n');
};

export const buildCommonJsDtos = (
  api: ApiSchemas,
  baseUrl: string,
  options: DtoOptions,
  now: Date = new Date(),
): string => {
  const { d, ordered, builtins } = javaScriptTypes(api, baseUrl, options);
  // `QueryDb<T>` and `QueryDb<From, Into>` are two classes, `QueryDb` and `QueryDb_2`, as a base names them.
  const serviceStack = builtins;
  const blocks = [
    ...serviceStack.map((n) => commonJsClass(n, BUILTIN_CLASSES[n]?.base, undefined)),
    ...ordered.map((t) =>
      t.isEnum ? commonJsEnum(t) : commonJsClass(t.name, erasedBase(t), d.opByRequest.get(t.name)),
    ),
  ];
  const names = [...serviceStack, ...ordered.map((t) => t.name)];
  return [javaScriptHeader(baseUrl, options, now, false), '', PRELUDE, ...exportsLines(names), ...blocks, '', ''].join(
    '\n',
  );
};
