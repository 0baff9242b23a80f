/**
 * ServiceStack's declarative property validators (`[Validate("GreaterThan(0)")]`, `[ValidateNotEmpty]`, …) as
 * the contract carries them: the schema keyword `x-validate` on a property, one rule per validator, in the order
 * ServiceStack runs them. The expressions are the ones ServiceStack's `ValidateScripts` evaluates; the
 * `Validate…` attributes are shorthands that print as those expressions (README, "Declarative validators").
 */

export type RuleArg = string | number | boolean;

/** One FluentValidation property validator, as `x-validate` stores it. */
export interface ValidatorRule {
  /** The ValidateScripts method: `NotEmpty`, `GreaterThan`, `InclusiveBetween`, … */
  validator: ValidatorName;
  args?: RuleArg[];
  /** `[Validate(ErrorCode=…)]`: replaces the validator's error code. */
  errorCode?: string;
  /** `[Validate(Message=…)]`: replaces the English template (`{PropertyName}` and the rule's placeholders work). */
  message?: string;
}

/** The property validators ServiceStack's `ValidateScripts` defines, with how many arguments each takes. */
export const VALIDATOR_ARITY = {
  Null: [0],
  Empty: [0],
  NotNull: [0],
  NotEmpty: [0],
  Equal: [1],
  NotEqual: [1],
  CreditCard: [0],
  Email: [0],
  Length: [2],
  ExactLength: [1],
  MaximumLength: [1],
  MinimumLength: [1],
  InclusiveBetween: [2],
  ExclusiveBetween: [2],
  LessThan: [1],
  LessThanOrEqual: [1],
  GreaterThan: [1],
  GreaterThanOrEqual: [1],
  ScalePrecision: [2],
  RegularExpression: [1],
  /** `Enum(typeof(T))`: the type is the property's own, so the argument is not kept. */
  Enum: [0, 1],
} as const satisfies Record<string, readonly number[]>;

export type ValidatorName = keyof typeof VALIDATOR_ARITY;

export const isValidatorName = (name: string): name is ValidatorName => Object.hasOwn(VALIDATOR_ARITY, name);

/** FluentValidation's fluent name for `RegularExpression`; accepted in expressions as the same rule. */
const ALIASES: Record<string, ValidatorName> = { Matches: 'RegularExpression' };

const ARG = { type: ['string', 'number', 'boolean'] };

/** The metaSchema ajv checks every `x-validate` value against when a schema is compiled. */
export const VALIDATE_META_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['validator'],
    additionalProperties: false,
    properties: {
      validator: { enum: Object.keys(VALIDATOR_ARITY) },
      args: { type: 'array', items: ARG },
      errorCode: { type: 'string' },
      message: { type: 'string' },
    },
  },
};

export type ParsedRules = { rules: ValidatorRule[] } | { error: string };

/**
 * `GreaterThan(0)`, `InclusiveBetween(′a′,′z′)`, `RegularExpression('^\d+$')`, `[NotNull, Length(1,10)]`.
 * Strings may be quoted with `′` (what the `Validate…` attributes print), `'`, `"` or `` ` ``.
 */
export const parseValidatorExpression = (expression: string): ParsedRules => {
  const text = expression.trim();
  const list = text.startsWith('[') && text.endsWith(']');
  const parts = splitTopLevel(list ? text.slice(1, -1) : text);
  const rules: ValidatorRule[] = [];
  for (const part of parts) {
    const m = /^([A-Za-z_]\w*)\s*(?:\((.*)\))?$/s.exec(part.trim());
    if (!m) return { error: `expected a validator call such as GreaterThan(0), not ${part.trim()}` };
    const name = ALIASES[m[1] ?? ''] ?? m[1] ?? '';
    if (!isValidatorName(name)) return { error: `unsupported validator ${m[1] ?? ''} (ssmock enforces ${VALIDATORS})` };
    const args = m[2] === undefined || m[2].trim() === '' ? [] : splitTopLevel(m[2]).map(literal);
    const arity: readonly number[] = VALIDATOR_ARITY[name];
    if (!arity.includes(args.length)) return { error: `${name} takes ${arity.join(' or ')} arguments` };
    rules.push(name === 'Enum' || args.length === 0 ? { validator: name } : { validator: name, args });
  }
  return { rules };
};

const VALIDATORS = Object.keys(VALIDATOR_ARITY).join(', ');

const QUOTES = new Set(['′', "'", '"', '`']);

/** Commas outside quotes and brackets. */
const splitTopLevel = (text: string): string[] => {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (QUOTES.has(c)) quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.filter((p) => p.trim() !== '');
};

/** A quoted string, a number, `true`/`false`, else the text as written (`typeof(Colors)`). */
export const literal = (raw: string): RuleArg => {
  const t = raw.trim();
  const first = t.charAt(0);
  if (t.length >= 2 && QUOTES.has(first) && t.endsWith(first)) return t.slice(1, -1);
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[mMdDfFlL]?$/.test(t)) return Number(t.replace(/[mMdDfFlL]$/, ''));
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
};

/** A rule as ServiceStack's `Validate…` attributes print it (`GreaterThan(0)`, `RegularExpression(′^\d+$′)`). */
export const printRule = (rule: ValidatorRule): string => {
  const args = (rule.args ?? []).map((a) => (typeof a === 'string' ? `′${a}′` : String(a)));
  return args.length ? `${rule.validator}(${args.join(',')})` : rule.validator;
};
