/**
 * The whole of a scenario file (fixtures/README.md), checked at once so a QA
 * engineer gets every mistake with its JSON path: the file's shape against
 * `schemas/meta/scenario.schema.json`, then each record against its DTO
 * schema and each rule against the API it scripts.
 */
import { isPlainObject } from '../formats/schema-walk.js';
import type { ApiSchemas } from '../schema/registry.js';
import { dataProblems } from './data-problems.js';
import { shapeProblems } from './file-schema.js';
import { ruleProblems } from './validate.js';

/** Two users with one name: only the first could ever sign in. */
const repeatedUsers = (users: unknown): string[] => {
  if (!Array.isArray(users)) return [];
  const seen = new Map<string, number>();
  return users.flatMap((u, i) => {
    if (!isPlainObject(u) || typeof u['userName'] !== 'string') return [];
    const name = u['userName'].toLowerCase();
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    return first === undefined ? [] : [`users[${i}].userName: repeats users[${first}] ('${u['userName']}')`];
  });
};

export const scenarioProblems = (value: unknown, apis: ApiSchemas[]): string[] => {
  const shape = shapeProblems('file', value);
  if (!isPlainObject(value)) return shape;
  // Rules are checked one by one (shape included), so the file-level shape check leaves them out.
  const problems = shape.filter((p) => !p.startsWith('rules['));
  const rules = Array.isArray(value['rules']) ? value['rules'] : [];
  rules.forEach((r, i) => problems.push(...ruleProblems(r, apis, `rules[${i}]`)));
  problems.push(...dataProblems(value['data'], apis), ...repeatedUsers(value['users']));
  return problems;
};
