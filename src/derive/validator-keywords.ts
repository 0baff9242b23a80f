/**
 * A property's declarative validators written into its schema: `x-validate` carries every rule as ServiceStack
 * declares it (the mock answers from it, worded as FluentValidation words it), and the standard keywords that
 * say the same thing of a value that is there (`maxLength`, `exclusiveMinimum`, `pattern`, …) are added beside
 * it, for the faker and any JSON Schema tool. README, "The schemas".
 */
import type { JsonSchema } from '../schema/json-schema.js';
import type { RuleArg, ValidatorRule } from '../schema/validator-rules.js';

type Bound = 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum';

const LOWER: ReadonlySet<Bound> = new Set(['minLength', 'minimum', 'exclusiveMinimum']);

const num = (a: RuleArg | undefined): number | undefined => (typeof a === 'number' ? a : undefined);

/** The standard keywords one rule implies for a value of `type`. */
const keywordsOf = (rule: ValidatorRule, type: JsonSchema['type']): [Bound, number | undefined][] => {
  const [a, b] = rule.args ?? [];
  if (type === 'string') {
    switch (rule.validator) {
      case 'MaximumLength':
        return [['maxLength', num(a)]];
      case 'MinimumLength':
        return [['minLength', num(a)]];
      case 'ExactLength':
        return [
          ['minLength', num(a)],
          ['maxLength', num(a)],
        ];
      case 'Length':
        // `Length(min, -1)` has no maximum.
        return [
          ['minLength', num(a)],
          ['maxLength', num(b) === -1 ? undefined : num(b)],
        ];
      default:
        return [];
    }
  }
  if (type !== 'integer' && type !== 'number') return [];
  switch (rule.validator) {
    case 'GreaterThan':
      return [['exclusiveMinimum', num(a)]];
    case 'GreaterThanOrEqual':
      return [['minimum', num(a)]];
    case 'LessThan':
      return [['exclusiveMaximum', num(a)]];
    case 'LessThanOrEqual':
      return [['maximum', num(a)]];
    case 'InclusiveBetween':
      return [
        ['minimum', num(a)],
        ['maximum', num(b)],
      ];
    case 'ExclusiveBetween':
      return [
        ['exclusiveMinimum', num(a)],
        ['exclusiveMaximum', num(b)],
      ];
    default:
      return [];
  }
};

/** A .NET pattern ajv can compile as it is (`u` flag); one it cannot stays in `x-validate` only. */
const jsPattern = (pattern: RuleArg | undefined): string | undefined => {
  if (typeof pattern !== 'string') return undefined;
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return undefined;
  }
};

/** Writes `x-validate` and the equivalent standard keywords (the tighter bound where two rules overlap). */
export const addValidatorKeywords = (schema: JsonSchema, rules: ValidatorRule[]): void => {
  if (!rules.length) return;
  schema['x-validate'] = rules;
  const target = schema as Record<string, unknown>;
  for (const rule of rules) {
    for (const [keyword, value] of keywordsOf(rule, schema.type)) {
      if (value === undefined) continue;
      const had = target[keyword];
      target[keyword] =
        typeof had !== 'number' ? value : LOWER.has(keyword) ? Math.max(had, value) : Math.min(had, value);
    }
    if (rule.validator === 'RegularExpression' && schema.type === 'string' && target['pattern'] === undefined) {
      const pattern = jsPattern(rule.args?.[0]);
      if (pattern !== undefined) target['pattern'] = pattern;
    }
  }
};
