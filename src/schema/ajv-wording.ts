/**
 * One ajv error → where (a JSON pointer) and what was expected, worded for the
 * person editing the file. Needs ajv's `verbose` errors (they carry the value
 * and the schema that failed).
 */
import type { ErrorObject } from 'ajv';
import { closest } from './did-you-mean.js';

export interface Mistake {
  /** JSON pointer of the value that is wrong; a missing or unknown field is named in it. */
  pointer: string;
  expected: string;
}

const A: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};
const kindOf = (v: unknown): string => A[v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v] ?? typeof v;

export const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

export const didYouMean = (word: unknown, candidates: Iterable<string>): string => {
  const near = typeof word === 'string' ? closest(word, candidates) : undefined;
  return near ? ` (did you mean "${near}"?)` : '';
};

export const worded = (e: ErrorObject): Mistake => {
  const at = e.instancePath;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { pointer: `${at}/${escapePointer(String(e.params['missingProperty']))}`, expected: 'is required' };
    case 'additionalProperties': {
      const key = String(e.params['additionalProperty']);
      const known = Object.keys((parent['properties'] ?? {}) as object);
      const hint = didYouMean(key, known) || `; expected one of ${known.join(', ')}`;
      return { pointer: `${at}/${escapePointer(key)}`, expected: `is not a field here${hint}` };
    }
    case 'type': {
      const types = String(e.params['type']).split(',');
      return { pointer: at, expected: `must be ${types.map((t) => A[t] ?? t).join(' or ')}, not ${kindOf(e.data)}` };
    }
    case 'enum': {
      const allowed = (e.params['allowedValues'] as unknown[]).map(String);
      return { pointer: at, expected: `must be one of ${allowed.join(', ')}${didYouMean(e.data, allowed)}` };
    }
    case 'minLength':
      return { pointer: at, expected: 'must not be empty' };
    case 'uniqueItems': {
      const [first, again] = [Number(e.params['i']), Number(e.params['j'])].sort((x, y) => x - y);
      return { pointer: `${at}/${again}`, expected: `must not repeat ${at}/${first}` };
    }
    default: {
      // A hand-written schema can say in its own words what a pattern or an anyOf wants.
      const custom = parent['x-message'];
      return { pointer: at, expected: typeof custom === 'string' ? custom : (e.message ?? `fails "${e.keyword}"`) };
    }
  }
};

/**
 * The one mistake worth fixing first: a misspelt field also makes the field it
 * meant missing, and naming the misspelling says both.
 */
export const firstMistake = (errors: readonly ErrorObject[]): Mistake | undefined => {
  const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
  return first && worded(first);
};
