/**
 * A property's declarative validators (`x-validate`) as ServiceStack exports them: one `Validate` attribute per
 * rule with its `Validator` expression (and `ErrorCode`/`Message`), which `ValidateAttribute.ToReflectAttribute`
 * gives every `[Validate…]` shorthand too. The served DTOs print them in each language's form.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import { printRule, type ValidatorRule } from '../schema/validator-rules.js';
import type { MetadataAttribute, MetadataProperty } from './metadata-types.js';

const arg = (name: string, value: string) => ({ name, type: 'String', value });

export const validateAttributes = (schema: JsonSchema): MetadataAttribute[] => {
  const rules = Array.isArray(schema['x-validate']) ? (schema['x-validate'] as ValidatorRule[]) : [];
  return rules.map((rule) => ({
    name: 'Validate',
    args: [
      arg('Validator', printRule(rule)),
      ...(rule.errorCode ? [arg('ErrorCode', rule.errorCode)] : []),
      ...(rule.message ? [arg('Message', rule.message)] : []),
    ],
  }));
};

/** `Validator="GreaterThan(0)", ErrorCode="X"` for each `Validate` attribute: what goes inside `Validate(…)`. */
export const validateArgLists = (p: MetadataProperty): string[] =>
  (p.attributes ?? [])
    .filter((a) => a.name === 'Validate')
    .map((a) => (a.args ?? []).map((x) => `${x.name}="${x.value.replace(/"/g, "'")}"`).join(', '));
