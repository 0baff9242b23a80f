/**
 * Property attributes that declare FluentValidation rules, in every form the generators print:
 * `[Validate("GreaterThan(0)")]`, `@Validate(Validator="NotEmpty")`, `// @Validate(Validator="…")`, and the
 * `[ValidateNotEmpty]`, `[ValidateMaximumLength(20)]`, … shorthands ServiceStack defines in ValidateAttribute.cs
 * (each is `[Validate("<its expression>")]`). A `Condition` is a #Script expression: not evaluated, reported.
 */
import {
  isValidatorName,
  literal,
  parseValidatorExpression,
  type ParsedRules,
  type RuleArg,
  type ValidatorRule,
  VALIDATOR_ARITY,
} from '../../schema/validator-rules.js';
import type { Attribute, AttrValue } from './attributes.js';

/** ServiceStack marks a property required in its metadata for exactly these `Validator` values (ValidateScripts). */
const REQUIRED_VALIDATORS = new Set(['NotNull', 'NotEmpty']);

const text = (v: AttrValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** A shorthand's argument: the attribute reader already unquoted strings, so only numbers and booleans convert. */
const shorthandArg = (v: AttrValue): RuleArg => {
  if (typeof v !== 'string') return v.join(',');
  const parsed = literal(v);
  return typeof parsed === 'string' ? v : parsed;
};

export interface ValidateAttributeResult {
  rules: ValidatorRule[];
  /** `NotNull`/`NotEmpty`: what ServiceStack's metadata reports as `isRequired`. */
  required: boolean;
}

/** The rules a `Validate…` property attribute declares; undefined for other attributes. */
export function validatorRulesOf(attr: Attribute): ValidateAttributeResult | { error: string } | undefined {
  const errorCode = text(attr.named['ErrorCode']);
  const message = text(attr.named['Message']);
  let parsed: ParsedRules;
  let expression: string | undefined;
  if (attr.name === 'Validate') {
    expression = text(attr.named['Validator']) ?? text(attr.positional[0]);
    if (expression === undefined) {
      const condition = text(attr.named['Condition']) ?? 'a condition';
      return { error: `[Validate(Condition=…)] is a #Script expression ssmock does not evaluate: ${condition}` };
    }
    parsed = parseValidatorExpression(expression);
  } else if (attr.name.startsWith('Validate')) {
    const name = attr.name.slice('Validate'.length);
    if (!isValidatorName(name)) return undefined;
    const args = attr.positional.map(shorthandArg);
    const arity: readonly number[] = VALIDATOR_ARITY[name];
    expression = name;
    parsed = !arity.includes(args.length)
      ? { error: `${name} takes ${arity.join(' or ')} arguments` }
      : { rules: [name === 'Enum' || !args.length ? { validator: name } : { validator: name, args }] };
  } else return undefined;
  if ('error' in parsed) return { error: `${expression}: ${parsed.error}` };
  const rules = parsed.rules.map((r) => ({
    ...r,
    ...(errorCode ? { errorCode } : {}),
    ...(message ? { message } : {}),
  }));
  return { rules, required: REQUIRED_VALIDATORS.has(expression.trim()) };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A MetadataTypes argument list (`[{ name, type, value }]`) as attribute values. */
const metadataArgs = (list: unknown): { name: string; value: string }[] =>
  (Array.isArray(list) ? list : []).flatMap((a) =>
    isObject(a) && typeof a['name'] === 'string' && typeof a['value'] === 'string'
      ? [{ name: a['name'], value: a['value'] }]
      : [],
  );

/**
 * `/types/metadata` property attributes (`[{ name: "Validate", args: [{ name: "Validator", value: "GreaterThan(0)" }] }]`,
 * or a shorthand with `constructorArgs`): the rules they declare, and what could not be used.
 */
export function metadataValidators(attributes: unknown): { rules: ValidatorRule[]; warnings: string[] } {
  const rules: ValidatorRule[] = [];
  const warnings: string[] = [];
  for (const a of Array.isArray(attributes) ? attributes : []) {
    if (!isObject(a) || typeof a['name'] !== 'string') continue;
    const attr: Attribute = {
      name: a['name'].replace(/Attribute$/, ''),
      positional: metadataArgs(a['constructorArgs']).map((arg) => arg.value),
      named: Object.fromEntries(metadataArgs(a['args']).map((arg) => [arg.name, arg.value])),
      line: 0,
    };
    const found = validatorRulesOf(attr);
    if (found && 'error' in found) warnings.push(found.error);
    else if (found) rules.push(...found.rules);
  }
  return { rules, warnings };
}
