/**
 * `GET <base>/types/mjs`: the ES module ServiceStack's `MjsGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos mjs <base>`; get-dtos' `js` / `javascript` aliases ask for it too), printed from the served
 * `MetadataTypes` (README, "Metadata surface"). Its style: the `/* Options: *\/` header, `"use strict";`, plain
 * classes with JSDoc (`AddDocAnnotations`): a `@param {{…}} [init]` constructor assigning `init`, `@type` per field,
 * and on requests `getTypeName()`, `getMethod()`, `createResponse()`; enums as `export var X; (function (X) {…})`.
 * Interfaces are not printed (JavaScript has none); ServiceStack's own classes the types extend or use are, unless
 * `AddServiceStackTypes=false`. What it shares with `/types/js` (commonjs-dtos.ts) is in javascript-dtos.ts.
 */
import type { ApiSchemas } from '../schema/registry.js';
import { propertyExpr, type DtoOptions } from './dto-options.js';
import { erasedBase, erasedResponse, javaScriptHeader, javaScriptTypes } from './javascript-dtos.js';
import type { MetadataOperationType, MetadataProperty, MetadataType } from './metadata-types.js';
import { BUILTIN_CLASSES, tsType, type BuiltinClass } from './typescript-dtos.js';

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
/** A TypeScript type as JSDoc reads it (`{ [index:string]: string; }` → `{ [index:string]: string }`). */
const jsDocType = (ts: string): string => ts.replace(/; \}/g, ' }');

interface Field {
  name: string;
  type: string;
  optional: boolean;
  description?: string | undefined;
}

const classText = (
  name: string,
  base: string | undefined,
  fields: Field[],
  inherited: Field[],
  op: MetadataOperationType | undefined,
): string => {
  const init = [...fields, ...inherited].map((f) => `${f.name}?:${jsDocType(f.type)}`).join(',');
  const lines = [`export class ${name}${base ? ` extends ${base}` : ''} {`];
  if (init) lines.push(`    /** @param {{${init}}} [init] */`);
  lines.push(
    base
      ? '    constructor(init) { super(init); Object.assign(this, init) }'
      : '    constructor(init) { Object.assign(this, init) }',
  );
  for (const f of fields) {
    const type = `${f.optional ? '?' : ''}${jsDocType(f.type)}`;
    if (f.description)
      lines.push(
        '    /**',
        `     * @type {${type}}`,
        `     * @description ${f.description.replace(/\*\//g, '*\\/')} */`,
      );
    else lines.push(`    /** @type {${type}} */`);
    lines.push(`    ${f.name};`);
  }
  if (op) {
    const returns = erasedResponse(op);
    lines.push(`    getTypeName() { return '${name}' }`, `    getMethod() { return '${op.method}' }`);
    lines.push(returns ? `    createResponse() { return ${returns} }` : '    createResponse() { }');
  }
  lines.push('}');
  return lines.join('\n');
};

const fieldOf = (p: MetadataProperty, camelCase: boolean): Field => ({
  name: camelCase ? camel(p.name) : p.name,
  type: tsType(propertyExpr(p)),
  optional: p.type === 'Nullable`1' || (!p.isRequired && !p.isValueType),
  description: p.description,
});

const builtinText = (name: string, b: BuiltinClass): string =>
  classText(
    name,
    b.base,
    b.props.map(([prop, type]) => ({ name: prop.replace(/\?$/, ''), type, optional: prop.endsWith('?') })),
    [],
    undefined,
  );

const enumText = (t: MetadataType): string => {
  const names = t.enumNames ?? [];
  return [
    `/** @typedef {${names.map((n) => `'${n}'`).join('|') || 'any'}} */`,
    `export var ${t.name};`,
    `(function (${t.name}) {`,
    ...names.map((n) => `    ${t.name}["${n}"] = "${n}"`),
    `})(${t.name} || (${t.name} = {}));`,
  ].join('\n');
};

export const buildMjsDtos = (api: ApiSchemas, baseUrl: string, options: DtoOptions, now: Date = new Date()): string => {
  const { d, ordered, builtins } = javaScriptTypes(api, baseUrl, options);
  const camelCase = api.manifest.textCase === 'camel';
  // `QueryDb<T>` and `QueryDb<From, Into>` stay two classes, `QueryDb` and `QueryDb_2`, as a base names them
  // (erasedBase): merged into one, a query with an Into type extended a class the module never declared.
  const serviceStack = builtins.map((n) => builtinText(n, BUILTIN_CLASSES[n]!));
  const inheritedOf = (t: MetadataType): Field[] => {
    const base = t.inherits && d.types.get(t.inherits.name);
    return base ? [...(base.properties ?? []).map((p) => fieldOf(p, camelCase)), ...inheritedOf(base)] : [];
  };
  const blocks = ordered.map((t) =>
    t.isEnum
      ? enumText(t)
      : classText(
          t.name,
          erasedBase(t),
          (t.properties ?? []).map((p) => fieldOf(p, camelCase)),
          inheritedOf(t),
          d.opByRequest.get(t.name),
        ),
  );
  const body = [...serviceStack, ...blocks].join('\n');
  return `${javaScriptHeader(baseUrl, options, now, true)}\n\n"use strict";\n${body}\n\n`;
};
