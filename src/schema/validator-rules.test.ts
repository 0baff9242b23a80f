import fc from 'fast-check';
import {
  parseValidatorExpression,
  VALIDATOR_ARITY,
  type RuleArg,
  type ValidatorName,
  type ValidatorRule,
} from './validator-rules.js';

/** A rule as ServiceStack's `Validate…` attributes print it: strings in `′` quotes, numbers and booleans bare. */
const print = (rule: ValidatorRule): string => {
  const args = (rule.args ?? []).map((a) => (typeof a === 'string' ? `′${a}′` : String(a)));
  return args.length ? `${rule.validator}(${args.join(',')})` : rule.validator;
};

const arg: fc.Arbitrary<RuleArg> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes('′')),
);

const NAMES = Object.keys(VALIDATOR_ARITY).filter((n) => n !== 'Enum') as ValidatorName[];

const rule: fc.Arbitrary<ValidatorRule> = fc.constantFrom(...NAMES).chain((validator) => {
  const arity = Math.max(...VALIDATOR_ARITY[validator]);
  return fc
    .array(arg, { minLength: arity, maxLength: arity })
    .map((args) => (args.length ? { validator, args } : { validator }));
});

describe('validator expressions (property)', () => {
  it('a printed rule, or a printed list of rules, parses back to the same rules', () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 4 }), (rules) => {
        const text = rules.length === 1 ? print(rules[0]!) : `[${rules.map(print).join(', ')}]`;
        expect(parseValidatorExpression(text)).toEqual({ rules });
      }),
    );
  });
});
