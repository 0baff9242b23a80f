/**
 * What ServiceStack's two JavaScript generators share (README, "Metadata surface"): `MjsGenerator` (`/types/mjs`,
 * ES module classes, mjs-dtos.ts) and `CommonJsGenerator` (`/types/js`, ES5 classes, commonjs-dtos.ts) both print
 * the TypeScript generator's types with generics erased, in its order, with the same `/* Options: *\/` header lines
 * and the same `createResponse()` values; they differ only in how a class or an enum is written.
 */
import type { ApiSchemas } from '../schema/registry.js';
import {
  declaredTypes,
  dotnetBool,
  exprOf,
  optionsHeader,
  selectTypes,
  type Declared,
  type DtoOptions,
} from './dto-options.js';
import { buildMetadataTypes, type MetadataOperationType, type MetadataType } from './metadata-types.js';
import { builtinClassesUsed, newResponse, tsType } from './typescript-dtos.js';

/**
 * The `/* Options: *\/` header: both generators print these lines (`withDocAnnotations` adds Mjs's
 * `AddDocAnnotations`, which CommonJS has no use for: it prints no properties).
 */
export const javaScriptHeader = (
  baseUrl: string,
  options: DtoOptions,
  now: Date,
  withDocAnnotations: boolean,
): string =>
  optionsHeader(
    { open: '/* Options:', close: '*/', off: '//' },
    baseUrl,
    options,
    [
      ['AddServiceStackTypes', dotnetBool(options.addServiceStackTypes ?? true)],
      ...(withDocAnnotations ? [['AddDocAnnotations', 'True'] as [string, string]] : []),
      ['AddDescriptionAsComments', 'True'],
      ['IncludeTypes', (options.includeTypes ?? []).join(',')],
      ['ExcludeTypes', (options.excludeTypes ?? []).join(',')],
      ['DefaultImports', ''],
    ],
    now,
  );

/** `extends QueryDb<Booking>` in TypeScript is `extends QueryDb` in JavaScript: generics are erased. */
export const erasedName = (ts: string): string => ts.replace(/<.*$/, '');

/** A type's base class as JavaScript names it (`QueryDb`), if it has one. */
export const erasedBase = (t: MetadataType): string | undefined =>
  t.inherits ? erasedName(tsType(exprOf(t.inherits))) : undefined;

/** `createResponse()`'s value with generics erased (`new QueryResponse()`), literals for primitives. */
export const erasedResponse = (op: MetadataOperationType): string | undefined => {
  if (!op.returnType) return undefined;
  const made = newResponse(tsType(exprOf(op.returnType)));
  return made.startsWith('new Array<') ? '[]' : made.replace(/^new ([\w.]+)<.*\(\)$/, 'new $1()');
};

/** The types a JavaScript module prints, in the TypeScript generator's order. */
export interface JavaScriptTypes {
  d: Declared;
  /** The chosen types less interfaces (JavaScript has none). */
  ordered: MetadataType[];
  /**
   * ServiceStack's own classes the types extend or use (typescript-dtos.ts `BUILTIN_CLASSES` keys, `QueryDb_2` for
   * `QueryDb<From, Into>`), each after those it needs; empty with `AddServiceStackTypes=false`.
   */
  builtins: string[];
}

export const javaScriptTypes = (api: ApiSchemas, baseUrl: string, options: DtoOptions): JavaScriptTypes => {
  const d = declaredTypes(buildMetadataTypes(api, baseUrl));
  const ordered = selectTypes(d, options).filter((t) => !t.isInterface);
  const builtins = (options.addServiceStackTypes ?? true) ? builtinClassesUsed(ordered, d) : [];
  return { d, ordered, builtins };
};
