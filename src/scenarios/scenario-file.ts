/**
 * The shape of a scenario file (product.md §6), checked field by field so a
 * QA engineer gets every mistake with its JSON path at once, and every seed
 * record checked against its DTO schema.
 */
import { isPlainObject } from '../formats/schema-walk.js';
import type { ApiSchemas } from '../schema/registry.js';
import { toFieldError } from '../schema/to-field-errors.js';
import { ruleProblems } from './validate.js';

const TENANT_KEY = '$tenant';

const userProblems = (users: unknown): string[] => {
  if (users === undefined) return [];
  if (!Array.isArray(users)) return ['users: expected an array of { userName, password, displayName, roles }'];
  return users.flatMap((u, i) => {
    if (!isPlainObject(u)) return [`users[${i}]: expected an object`];
    const out: string[] = [];
    if (typeof u['userName'] !== 'string' || !u['userName']) out.push(`users[${i}].userName: expected a non-empty string`);
    if (typeof u['password'] !== 'string') out.push(`users[${i}].password: expected a string`);
    if (u['roles'] !== undefined && (!Array.isArray(u['roles']) || !u['roles'].every((r) => typeof r === 'string'))) out.push(`users[${i}].roles: expected an array of strings`);
    return out;
  });
};

const dataProblems = (data: unknown, apis: ApiSchemas[]): string[] => {
  if (data === undefined) return [];
  if (!isPlainObject(data)) return ['data: expected { "<api>": { "<Resource>": [ … ] } }'];
  const out: string[] = [];
  for (const [apiId, resources] of Object.entries(data)) {
    const api = apis.find((a) => a.id === apiId);
    if (!api) {
      out.push(`data.${apiId}: no API '${apiId}' (known: ${apis.map((a) => a.id).join(', ')})`);
      continue;
    }
    if (!isPlainObject(resources)) {
      out.push(`data.${apiId}: expected an object of resource types`);
      continue;
    }
    for (const [type, records] of Object.entries(resources)) {
      const validate = api.validator(type);
      if (!validate) {
        out.push(`data.${apiId}.${type}: no DTO type '${type}' in ${apiId}`);
        continue;
      }
      if (!Array.isArray(records)) {
        out.push(`data.${apiId}.${type}: expected an array of records`);
        continue;
      }
      records.forEach((record, i) => {
        const at = `data.${apiId}.${type}[${i}]`;
        if (!isPlainObject(record)) return out.push(`${at}: expected an object`);
        const { [TENANT_KEY]: tenant, ...dto } = record;
        if (tenant !== undefined && typeof tenant !== 'string') out.push(`${at}.$tenant: expected an organisation id string`);
        for (const e of validate(dto) ?? []) {
          const fe = toFieldError(e);
          out.push(`${at}${e.instancePath.replace(/\//g, '.')}${e.keyword === 'required' || e.keyword === 'additionalProperties' ? `.${fe.fieldName.split('.').pop() ?? ''}` : ''}: ${fe.message}`);
        }
        return undefined;
      });
    }
  }
  return out;
};

export const scenarioProblems = (value: unknown, apis: ApiSchemas[]): string[] => {
  if (!isPlainObject(value)) return ['(root): expected an object with description, data, users, rules'];
  const out: string[] = [];
  for (const key of Object.keys(value)) {
    if (!['$schema', 'description', 'data', 'users', 'rules'].includes(key)) out.push(`${key}: unknown field (expected description, data, users, rules)`);
  }
  if (value['description'] !== undefined && typeof value['description'] !== 'string') out.push('description: expected a string');
  out.push(...dataProblems(value['data'], apis), ...userProblems(value['users']));
  const rules = value['rules'];
  if (rules !== undefined && !Array.isArray(rules)) out.push('rules: expected an array');
  if (Array.isArray(rules)) rules.forEach((r, i) => out.push(...ruleProblems(r, apis, `rules[${i}]`)));
  return out;
};
