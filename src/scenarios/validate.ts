/**
 * Checks a scripted rule (from a scenario file or `POST /__ssmock/rules`) and
 * says exactly what is wrong, with the path of the mistake: first its shape
 * (the scenario schema), then what only the APIs know (operations, fields).
 */
import { errors, type MockError } from '../errors.js';
import { isPlainObject } from '../formats/schema-walk.js';
import type { ApiSchemas } from '../schema/registry.js';
import { ANY_OPERATION, type Rule } from './model.js';
import { shapeProblems } from './file-schema.js';
import { joinPath } from './schema-problems.js';

const listOf = (names: string[]): string =>
  names.length > 8 ? `${names.slice(0, 8).join(', ')}, …` : names.join(', ');

/** Names in `when` the operation's request DTO does not have (first segment of a dotted name). */
const unknownFields = (api: ApiSchemas, operation: string, when: Record<string, unknown>, at: string): string[] => {
  const op = api.operation(operation);
  const props = Object.keys(op ? (api.schemas.get(op.request)?.properties ?? {}) : {});
  return Object.keys(when)
    .filter((name) => !props.some((p) => p.toLowerCase() === name.split('.')[0]!.toLowerCase()))
    .map(
      (name) =>
        `${joinPath(joinPath(at, 'when'), name)}: ${op?.request ?? operation} has no field '${name.split('.')[0]}' (fields: ${listOf(props)})`,
    );
};

const badRegexes = (when: Record<string, unknown>, at: string): string[] =>
  Object.entries(when).flatMap(([name, m]) => {
    if (!isPlainObject(m) || typeof m['regex'] !== 'string') return [];
    try {
      new RegExp(m['regex'], typeof m['flags'] === 'string' ? m['flags'] : '');
      return [];
    } catch (err) {
      return [
        `${joinPath(joinPath(joinPath(at, 'when'), name), 'regex')}: not a valid regular expression (${(err as Error).message})`,
      ];
    }
  });

/** A fault answers with no ResponseStatus at all, so a status beside it would be silently ignored. */
const faultClashes = (rule: Record<string, unknown>, at: string): string[] =>
  rule['fault'] === undefined
    ? []
    : ['status', 'responseStatus']
        .filter((k) => rule[k] !== undefined)
        .map((k) => `${joinPath(at, k)}: cannot be combined with "fault" (a fault sends no ResponseStatus)`);

/** What the shape cannot say: the API and operation exist, `when` names fields the request has, regexes compile. */
const meaningProblems = (rule: Record<string, unknown>, apis: ApiSchemas[], at: string): string[] => {
  const { operation, api: apiId } = rule;
  const when = isPlainObject(rule['when']) ? rule['when'] : {};
  const out = [...faultClashes(rule, at), ...badRegexes(when, at)];
  const scope = typeof apiId === 'string' ? apis.filter((a) => a.id === apiId) : apis;
  if (typeof apiId === 'string' && !scope.length)
    out.push(`${joinPath(at, 'api')}: no API '${apiId}' is served (known: ${apis.map((a) => a.id).join(', ')})`);
  if (typeof operation !== 'string' || operation === ANY_OPERATION || !scope.length) return out;
  const api = scope.find((a) => a.operation(operation));
  if (!api) {
    const names = scope.flatMap((a) => a.manifest.operations.map((o) => o.name));
    return [
      ...out,
      `${joinPath(at, 'operation')}: no operation '${operation}' in ${scope.map((a) => a.id).join(', ')} (operations: ${listOf(names)})`,
    ];
  }
  return [...out, ...unknownFields(api, operation, when, at)];
};

export const ruleProblems = (value: unknown, apis: ApiSchemas[], at = 'rule'): string[] => {
  const shape = shapeProblems('rule', value, at);
  return isPlainObject(value) ? [...shape, ...meaningProblems(value, apis, at)] : shape;
};

/** The rule, or a 400 ResponseStatus with one entry per mistake (fieldName = its path). */
export const validateRule = (value: unknown, apis: ApiSchemas[]): Rule => {
  const problems = ruleProblems(value, apis);
  if (problems.length) throw problemsError('The rule is not valid', problems);
  return value as Rule;
};

/** A 400 listing mistakes; the message carries them all, for clients that only show the message. */
export const problemsError = (what: string, problems: string[]): MockError =>
  errors.adminBadRequest(
    `${what}: ${problems.join('; ')}`,
    problems.map((p) => {
      const cut = p.indexOf(': ');
      return {
        errorCode: 'Invalid',
        fieldName: cut > 0 ? p.slice(0, cut) : '(root)',
        message: cut > 0 ? p.slice(cut + 2) : p,
      };
    }),
  );
