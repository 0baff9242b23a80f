/**
 * ajv errors → one line per mistake, `rules[2].status: must be >= 400`, worded
 * for the person editing a scenario file (not FluentValidation's wording, which
 * is for API clients).
 */
import type { ErrorObject } from 'ajv';
import { isPlainObject } from '../formats/schema-walk.js';
import { valueAt } from '../schema/to-field-errors.js';

/** Finds the schema that describes the value an error is about (the object, for a missing or unknown property). */
export type SchemaLookup = (instancePath: string) => Record<string, unknown> | undefined;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `/rules/2/when/e-mail` → `rules[2].when["e-mail"]`, after `prefix`. */
export const jsonPath = (pointer: string, prefix = ''): string =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => {
      if (/^\d+$/.test(part)) return `${acc}[${part}]`;
      if (IDENTIFIER.test(part)) return acc ? `${acc}.${part}` : part;
      return `${acc}[${JSON.stringify(part)}]`;
    }, prefix);

export const joinPath = (path: string, key: string): string =>
  jsonPath(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, path);

/** Resolves a JSON pointer (`/$defs/rule`) inside a schema document. */
export const pointerInto = (doc: unknown, pointer: string): Record<string, unknown> | undefined => {
  let node: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    if (!isPlainObject(node)) return undefined;
    node = node[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return isPlainObject(node) ? node : undefined;
};

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

const wording = (e: ErrorObject, root: unknown, parent: Record<string, unknown> | undefined): string => {
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties': {
      const known = Object.keys(isPlainObject(parent?.['properties']) ? parent['properties'] : {});
      return known.length ? `unknown field (expected one of: ${known.join(', ')})` : 'unknown field';
    }
    case 'type':
      return `must be ${String(e.params['type']).replace(/,/g, ' or ')}, not ${describe(valueAt(root, e.instancePath))}`;
    case 'enum':
      return `must be one of: ${(e.params['allowedValues'] as unknown[]).map(String).join(', ')}`;
    default:
      return e.message ?? `fails "${e.keyword}"`;
  }
};

/** Where the mistake is: a missing or unknown property is named in the path itself. */
const pathOf = (e: ErrorObject, prefix: string): string => {
  const at = jsonPath(e.instancePath, prefix);
  if (e.keyword === 'required') return joinPath(at, String(e.params['missingProperty']));
  if (e.keyword === 'additionalProperties') return joinPath(at, String(e.params['additionalProperty']));
  return at || '(root)';
};

/** ajv's own words for these say nothing a person can act on ("must match a schema in anyOf"). */
const COMBINATORS = new Set(['anyOf', 'oneOf', 'not']);

/**
 * One line per mistake. Errors inside `anyOf` branches are dropped: the
 * `anyOf` itself is reported, with the `x-message` its schema carries.
 */
export const schemaProblems = (errors: ErrorObject[], root: unknown, lookup: SchemaLookup, prefix = ''): string[] => {
  const lines = errors
    .filter((e) => !/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath))
    .map((e) => {
      const parent = lookup(e.instancePath);
      const custom = COMBINATORS.has(e.keyword) ? parent?.['x-message'] : undefined;
      return `${pathOf(e, prefix)}: ${typeof custom === 'string' ? custom : wording(e, root, parent)}`;
    });
  return [...new Set(lines)];
};

/**
 * A lookup that walks the schema along the instance path, following `$ref`s
 * (`#/$defs/rule` inside the document, `BankAccount.json` through `byRef`).
 * ajv's own `schemaPath` cannot be used: for a `$ref` it compiled separately
 * it is relative to that subschema, without saying which one.
 */
export const lookupIn = (root: unknown, byRef: (ref: string) => unknown = () => undefined): SchemaLookup => {
  const deref = (node: unknown, depth = 0): Record<string, unknown> | undefined => {
    if (!isPlainObject(node)) return undefined;
    const ref = node['$ref'];
    if (typeof ref !== 'string' || depth > 20) return node;
    return deref(ref.startsWith('#') ? pointerInto(root, ref.slice(1)) : byRef(ref), depth + 1);
  };
  const step = (node: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined => {
    const props = node?.['properties'];
    if (isPlainObject(props) && key in props) return deref(props[key]);
    if (/^\d+$/.test(key) && node?.['items'] !== undefined) return deref(node['items']);
    return deref(node?.['additionalProperties']);
  };
  return (instancePath) =>
    instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce(step, deref(root));
};
