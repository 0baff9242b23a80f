/**
 * `GET <base>/types/mjs`: the ES module ServiceStack's `MjsGenerator` writes for Add ServiceStack Reference
 * (`npx get-dtos mjs <base>`; get-dtos' `js` / `javascript` aliases ask for it too), printed from the served
 * `MetadataTypes` (README, "Metadata surface"). Its style: the `/* Options: *\/` header, `"use strict";`, plain
 * classes with JSDoc (`AddDocAnnotations`): a `@param {{…}} [init]` constructor assigning `init`, `@type` per field,
 * and on requests `getTypeName()`, `getMethod()`, `createResponse()`; enums as `export var X; (function (X) {…})`.
 * Interfaces are not printed (JavaScript has none); ServiceStack's own classes the types extend or use are, unless
 * `AddServiceStackTypes=false`. `/types/js` is ServiceStack's CommonJS generator, which the mock does not serve.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  declaredTypes,
  dotnetBool,
  exprOf,
  optionsHeader,
  propertyExpr,
  selectTypes,
  type DtoOptions,
} from './dto-options.js';
import {
  buildMetadataTypes,
  type MetadataOperationType,
  type MetadataProperty,
  type MetadataType,
} from './metadata-types.js';
import { BUILTIN_CLASSES, builtinClassesUsed, newResponse, tsType, type BuiltinClass } from './typescript-dtos.js';

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
/** A TypeScript type as JSDoc reads it (`{ [index:string]: string; }` → `{ [index:string]: string }`). */
const jsDocType = (ts: string): string => ts.replace(/; \}/g, ' }');
/** `extends QueryDb<Booking>` in TypeScript is `extends QueryDb` in JavaScript: generics are erased. */
const erased = (ts: string): string => ts.replace(/<.*$/, '');

const header = (baseUrl: string, options: DtoOptions, now: Date): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['AddServiceStackTypes', dotnetBool(options.addServiceStackTypes ?? true)],
      ['AddDocAnnotations', 'True'],
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', (options.excludeTypes ?? []).join(',')],
      ['DefaultImports', ''],
    ],
    now,
  );

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
    const returns = op.returnType ? tsType(exprOf(op.returnType)) : undefined;
    lines.push(`    getTypeName() { return '${name}' }`, `    getMethod() { return '${op.method}' }`);
    lines.push(returns ? `    createResponse() { return ${erasedResponse(returns)} }` : '    createResponse() { }');
  }
  lines.push('}');
  return lines.join('\n');
};
/** `createResponse()`'s value with generics erased (`new QueryResponse()`), literals for primitives. */
const erasedResponse = (ts: string): string => {
  const made = newResponse(ts);
  return made.startsWith('new Array<') ? '[]' : made.replace(/^new ([\w.]+)<.*\(\)$/, 'new $1()');
};

const fieldOf = (p: MetadataProperty, camelCase: boolean): Field => ({
  name: camelCase ? camel(p.name) : p.name,
  type: tsType(propertyExpr(p)),
  optional: p.type === 'Nullable`1' || (!p.isRequired && !p.isValueType),
  description: p.description,
});

const builtinText = (name: string, b: BuiltinClass): string =>
  classText(
    name.replace(/_\d$/, ''),
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
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const ordered = selectTypes(d, options).filter((t) => !t.isInterface);
  const camelCase = api.manifest.textCase === 'camel';
  // QueryDb<T> and QueryDb<From, Into> are one class once generics are erased.
  const builtins = (options.addServiceStackTypes ?? true) ? builtinClassesUsed(ordered, d) : [];
  const serviceStack = [...new Set(builtins.map((n) => n.replace(/_\d$/, '')))].map((n) =>
    builtinText(n, BUILTIN_CLASSES[n]!),
  );
  const inheritedOf = (t: MetadataType): Field[] => {
    const base = t.inherits && d.types.get(t.inherits.name);
    return base ? [...(base.properties ?? []).map((p) => fieldOf(p, camelCase)), ...inheritedOf(base)] : [];
  };
  const blocks = ordered.map((t) =>
    t.isEnum
      ? enumText(t)
      : classText(
          t.name,
          t.inherits ? erased(tsType(exprOf(t.inherits))) : undefined,
          (t.properties ?? []).map((p) => fieldOf(p, camelCase)),
          inheritedOf(t),
          d.opByRequest.get(t.name),
        ),
  );
  return `${header(baseUrl, options, now)}\n\n"use strict";\n${[...serviceStack, ...blocks].join('\n')}\n\n`;
};
