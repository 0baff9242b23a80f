/**
 * The declarative validators of a request DTO (`x-validate`, validator-rules.ts) run as ServiceStack runs them:
 * FluentValidation's property validators, property by property in declaration order, every rule of a property
 * (CascadeMode.Continue), then the property's own type when it declares rules (ServiceStack wires a child
 * validator for nested DTOs and lists of them: `Address.Street`, `Items[0].Name`). Each failure is worded with
 * FluentValidation's English template, and `meta` holds its message placeholders as ServiceStack copies them
 * into the ResponseError (`ValidationResultExtensions.ToErrorResult`): the rule's values, then `PropertyName`
 * (the name split into words) and `PropertyValue` (left out when null).
 */
import type { FieldError } from '../errors.js';
import type { JsonSchema } from './json-schema.js';
import { displayName } from './to-field-errors.js';
import type { RuleArg, ValidatorName, ValidatorRule } from './validator-rules.js';

/** FluentValidation's English templates (`Resources/Languages/EnglishLanguage.cs`). */
const TEMPLATES: Record<ValidatorName, string> = {
  Email: "'{PropertyName}' is not a valid email address.",
  GreaterThanOrEqual: "'{PropertyName}' must be greater than or equal to '{ComparisonValue}'.",
  GreaterThan: "'{PropertyName}' must be greater than '{ComparisonValue}'.",
  Length:
    "'{PropertyName}' must be between {MinLength} and {MaxLength} characters. You entered {TotalLength} characters.",
  MinimumLength:
    "The length of '{PropertyName}' must be at least {MinLength} characters. You entered {TotalLength} characters.",
  MaximumLength:
    "The length of '{PropertyName}' must be {MaxLength} characters or fewer. You entered {TotalLength} characters.",
  LessThanOrEqual: "'{PropertyName}' must be less than or equal to '{ComparisonValue}'.",
  LessThan: "'{PropertyName}' must be less than '{ComparisonValue}'.",
  NotEmpty: "'{PropertyName}' must not be empty.",
  NotEqual: "'{PropertyName}' must not be equal to '{ComparisonValue}'.",
  NotNull: "'{PropertyName}' must not be empty.",
  RegularExpression: "'{PropertyName}' is not in the correct format.",
  Equal: "'{PropertyName}' must be equal to '{ComparisonValue}'.",
  ExactLength: "'{PropertyName}' must be {MaxLength} characters in length. You entered {TotalLength} characters.",
  InclusiveBetween: "'{PropertyName}' must be between {From} and {To}. You entered {PropertyValue}.",
  ExclusiveBetween: "'{PropertyName}' must be between {From} and {To} (exclusive). You entered {PropertyValue}.",
  CreditCard: "'{PropertyName}' is not a valid credit card number.",
  ScalePrecision:
    "'{PropertyName}' must not be more than {ExpectedPrecision} digits in total, with allowance for {ExpectedScale} decimals. {Digits} digits and {ActualScale} decimals were found.",
  Empty: "'{PropertyName}' must be empty.",
  Null: "'{PropertyName}' must be empty.",
  Enum: "'{PropertyName}' has a range of values which does not include '{PropertyValue}'.",
};

/** ServiceStack's `ValidationFailure.ErrorCodeAliases`; every other code is the validator's name without "Validator". */
const ERROR_CODE_ALIASES: Partial<Record<ValidatorName, string>> = { ExactLength: 'Length' };

export type Resolve = (ref: string) => JsonSchema | undefined;

type Placeholders = [string, unknown][];

/** Per rule: undefined when the value passes, else the rule's own placeholders (in the order FluentValidation adds them). */
type Check = (value: unknown, args: RuleArg[], schema: JsonSchema, bare: boolean) => Placeholders | undefined;

const isBlank = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

/**
 * Empty/NotEmpty: ServiceStack appends `default(T)` to a bare `NotEmpty` on a non-nullable value type
 * (`Validators.AppendDefaultValueOnEmptyValidators`), so `0` and `false` are empty there and nowhere else.
 */
const isEmpty = (v: unknown, schema: JsonSchema, bare: boolean): boolean =>
  isBlank(v) || (bare && schema.default !== undefined && v === schema.default);

/** `IComparable.CompareTo`: numbers by value, anything else as text (the rule's value converted to the property's type). */
const compare = (value: unknown, to: RuleArg): number | undefined => {
  if (typeof value === 'number') {
    const n = typeof to === 'number' ? to : Number(to);
    return Number.isNaN(n) ? undefined : Math.sign(value - n);
  }
  if (typeof value === 'string') return value < String(to) ? -1 : value > String(to) ? 1 : 0;
  return undefined;
};

/** `object.Equals` of the rule's value and the property's. */
const equals = (value: unknown, to: RuleArg | undefined): boolean =>
  typeof value === 'number' && typeof to === 'string' ? String(value) === to : value === to;

const comparison =
  (fails: (order: number) => boolean): Check =>
  (value, [to]) => {
    if (value === null || value === undefined || to === undefined) return undefined;
    const order = compare(value, to);
    return order !== undefined && fails(order)
      ? [
          ['ComparisonValue', to],
          ['ComparisonProperty', ''],
        ]
      : undefined;
  };

const between =
  (outside: (low: number, high: number) => boolean): Check =>
  (value, [from, to]) => {
    if (value === null || value === undefined || from === undefined || to === undefined) return undefined;
    const low = compare(value, from);
    const high = compare(value, to);
    if (low === undefined || high === undefined || !outside(low, high)) return undefined;
    return [
      ['From', from],
      ['To', to],
      ['Value', value],
    ];
  };

/** `LengthValidator`: the length of the value's text, `max` -1 meaning no maximum. */
const length =
  (bounds: (args: RuleArg[]) => [number, number]): Check =>
  (value, args) => {
    if (value === null || value === undefined) return undefined;
    const [min, max] = bounds(args);
    const total = show(value).length;
    return total < min || (total > max && max !== -1)
      ? [
          ['MinLength', min],
          ['MaxLength', max],
          ['TotalLength', total],
        ]
      : undefined;
  };

const n = (a: RuleArg | undefined): number => (typeof a === 'number' ? a : Number(a));

/** The Luhn check of `CreditCardValidator`, dashes and spaces ignored. */
const luhn = (text: string): boolean => {
  let checksum = 0;
  let even = false;
  for (const digit of [...text.replace(/[- ]/g, '')].reverse()) {
    if (!/^\d$/.test(digit)) return false;
    let d = Number(digit) * (even ? 2 : 1);
    even = !even;
    while (d > 0) {
      checksum += d % 10;
      d = Math.floor(d / 10);
    }
  }
  return checksum % 10 === 0;
};

/** A decimal's scale and precision as `System.Decimal` keeps them for the number as written. */
const scaleAndPrecision = (value: number): { scale: number; precision: number } => {
  // The shortest text that reads back as the number: what the JSON said, trailing zeros aside.
  const text = String(Math.abs(value));
  const plain = /e/i.test(text) ? Math.abs(value).toFixed(20).replace(/0+$/, '') : text;
  const [whole = '', fraction = ''] = plain.split('.');
  const mantissa = `${whole}${fraction}`.replace(/^0+/, '');
  return { scale: fraction.length, precision: mantissa.length };
};

const CHECKS: Record<ValidatorName, Check> = {
  NotNull: (v) => (v === null || v === undefined ? [] : undefined),
  Null: (v) => (v === null || v === undefined ? undefined : []),
  NotEmpty: (v, _args, schema, bare) => (isEmpty(v, schema, bare) ? [] : undefined),
  Empty: (v, _args, schema, bare) => (isEmpty(v, schema, bare) ? undefined : []),
  Equal: (v, [to]) =>
    equals(v, to)
      ? undefined
      : [
          ['ComparisonValue', to],
          ['ComparisonProperty', ''],
        ],
  NotEqual: (v, [to]) =>
    equals(v, to)
      ? [
          ['ComparisonValue', to],
          ['ComparisonProperty', ''],
        ]
      : undefined,
  CreditCard: (v) => (typeof v !== 'string' || luhn(v) ? undefined : []),
  // AspNetCoreCompatibleEmailValidator: one `@`, neither first nor last.
  Email: (v) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'string') return [];
    const at = v.indexOf('@');
    return at > 0 && at !== v.length - 1 && at === v.lastIndexOf('@') ? undefined : [];
  },
  Length: length(([a, b]) => [n(a), n(b)]),
  ExactLength: length(([a]) => [n(a), n(a)]),
  MaximumLength: length(([a]) => [0, n(a)]),
  MinimumLength: length(([a]) => [n(a), -1]),
  GreaterThan: comparison((o) => o <= 0),
  GreaterThanOrEqual: comparison((o) => o < 0),
  LessThan: comparison((o) => o >= 0),
  LessThanOrEqual: comparison((o) => o > 0),
  InclusiveBetween: between((low, high) => low < 0 || high > 0),
  ExclusiveBetween: between((low, high) => low <= 0 || high >= 0),
  // Only a `decimal` property is checked (`PropertyValue as decimal?`).
  ScalePrecision: (v, [scaleArg, precisionArg], schema) => {
    if (typeof v !== 'number' || schema['x-dotnet-type'] !== 'decimal') return undefined;
    const expectedScale = n(scaleArg);
    const expectedPrecision = n(precisionArg);
    const { scale, precision } = scaleAndPrecision(v);
    const digits = precision - scale;
    return scale > expectedScale || digits > expectedPrecision - expectedScale
      ? [
          ['ExpectedPrecision', expectedPrecision],
          ['ExpectedScale', expectedScale],
          ['Digits', digits],
          ['ActualScale', scale],
        ]
      : undefined;
  },
  RegularExpression: (v, [pattern]) => {
    if (typeof v !== 'string' || typeof pattern !== 'string') return undefined;
    const re = compiled(pattern);
    return !re || re.test(v) ? undefined : [['RegularExpression', pattern]];
  },
  Enum: (v, _args, schema) =>
    v === null || v === undefined || !schema.enum || schema.enum.includes(String(v)) ? undefined : [],
};

/** `object.ToString()` as .NET prints the value in a message. */
const show = (v: unknown): string =>
  typeof v === 'boolean'
    ? v
      ? 'True'
      : 'False'
    : typeof v === 'string'
      ? v
      : typeof v === 'number'
        ? String(v)
        : v === null || v === undefined
          ? ''
          : JSON.stringify(v);

/** FluentValidation's `MessageFormatter`: `{Name}` replaced, an unknown placeholder left as written. */
const format = (template: string, values: Map<string, unknown>): string =>
  template.replace(/\{([^{}:]+)\}/g, (whole, key: string) => (values.has(key) ? show(values.get(key)) : whole));

/** One failure as ServiceStack's ResponseError. */
const failure = (
  rule: ValidatorRule,
  fieldName: string,
  label: string,
  value: unknown,
  own: Placeholders,
): FieldError => {
  const values = new Map<string, unknown>([...own, ['PropertyName', label], ['PropertyValue', value]]);
  const meta: Record<string, string> = {};
  for (const [key, v] of values) if (v !== null && v !== undefined) meta[key] = show(v);
  return {
    errorCode: rule.errorCode ?? ERROR_CODE_ALIASES[rule.validator] ?? rule.validator,
    fieldName,
    message: format(rule.message ?? TEMPLATES[rule.validator], values),
    meta,
  };
};

/** The value ServiceStack's DTO would hold: what was sent, else the property type's default (`0`, `false`, null). */
const valueOf = (sent: unknown, schema: JsonSchema): unknown => sent ?? schema.default ?? null;

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const rulesOf = (schema: JsonSchema): ValidatorRule[] =>
  Array.isArray(schema['x-validate']) ? (schema['x-validate'] as ValidatorRule[]) : [];

/** Follows `$ref`s to the schema that says what a value is. */
export const deref = (schema: JsonSchema | undefined, resolve: Resolve): JsonSchema | undefined => {
  let s = schema;
  for (let hops = 0; s?.$ref && hops < 8; hops++) s = resolve(s.$ref);
  return s;
};

/** Per loaded schema: whether it (or a type it holds) declares rules. Schemas are immutable once loaded. */
const DECLARES = new WeakMap<JsonSchema, boolean>();

/** Whether any property of the type (or of a type it holds) declares rules: ServiceStack wires a child validator then. */
const declaresRules = (schema: JsonSchema | undefined, resolve: Resolve, seen = new Set<JsonSchema>()): boolean => {
  if (!schema?.properties || seen.has(schema)) return false;
  const known = DECLARES.get(schema);
  if (known !== undefined) return known;
  const outermost = seen.size === 0;
  seen.add(schema);
  const declares = Object.values(schema.properties).some((p) => {
    if (rulesOf(p).length) return true;
    const inner = deref(p.type === 'array' ? p.items : p, resolve);
    return declaresRules(inner, resolve, seen);
  });
  // A cycle cut short may under-report for the types inside it; only the outermost answer is complete.
  if (outermost || declares) DECLARES.set(schema, declares);
  return declares;
};

export interface DeclaredOptions {
  /** PATCH of an `IPatchDb` operation: ServiceStack drops the rules of properties left at their default. */
  skipDefaults?: boolean;
}

const MAX_DEPTH = 16;

/** Compiled patterns; null for a .NET-only construct JavaScript cannot compile (not checked rather than refused wrongly). */
const PATTERNS = new Map<string, RegExp | null>();

function compiled(pattern: string): RegExp | null {
  let re = PATTERNS.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null;
    }
    PATTERNS.set(pattern, re);
  }
  return re;
}

/** The failures of one property's own rules. */
const propertyFailures = (
  declared: JsonSchema,
  propSchema: JsonSchema,
  value: unknown,
  fieldName: string,
  wire: string,
): FieldError[] =>
  rulesOf(declared).flatMap((rule) => {
    const own = CHECKS[rule.validator](value, rule.args ?? [], propSchema, rule.args === undefined);
    return own ? [failure(rule, fieldName, displayName(upperFirst(wire)), value, own)] : [];
  });

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Every declared rule the DTO breaks, in the order ServiceStack reports them. */
export const declaredFailures = (
  schema: JsonSchema,
  dto: unknown,
  resolve: Resolve,
  options: DeclaredOptions = {},
): FieldError[] => {
  const out: FieldError[] = [];
  const visit = (type: JsonSchema, value: Record<string, unknown>, prefix: string, depth: number): void => {
    for (const [wire, declared] of Object.entries(type.properties ?? {})) {
      const fieldName = prefix ? `${prefix}.${upperFirst(wire)}` : upperFirst(wire);
      const sent = value[wire];
      const current = valueOf(sent, declared);
      const leftAtDefault = sent === undefined || sent === null || sent === declared.default;
      if (!(depth === 0 && options.skipDefaults && leftAtDefault)) {
        const propSchema = deref(declared, resolve) ?? declared;
        out.push(...propertyFailures(declared, propSchema, current, fieldName, wire));
      }
      const child = deref(declared.type === 'array' ? declared.items : declared, resolve);
      if (depth >= MAX_DEPTH || !child?.properties || !declaresRules(child, resolve)) continue;
      if (isRecord(current)) visit(child, current, fieldName, depth + 1);
      else if (Array.isArray(current))
        current.forEach((item, i) => isRecord(item) && visit(child, item, `${fieldName}[${i}]`, depth + 1));
    }
  };
  // Most DTOs declare no rules: one cached answer and no walk.
  if (isRecord(dto) && declaresRules(schema, resolve)) visit(schema, dto, '', 0);
  return out;
};

/** The schema of the value at a JSON pointer (`/items/0/name`) of a value of `root`'s type. */
export const schemaAt = (root: JsonSchema, pointer: string, resolve: Resolve): JsonSchema | undefined => {
  let s = deref(root, resolve);
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!s) return undefined;
    const next: JsonSchema | undefined =
      s.type === 'array'
        ? s.items
        : (s.properties?.[seg] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined));
    s = deref(next, resolve);
  }
  return s;
};

/** Whether the schema (before `$ref`s are followed) at a pointer declares validators. */
export const declaresAt = (root: JsonSchema, pointer: string, resolve: Resolve): boolean => {
  const parts = pointer.split('/');
  const last = parts.pop() ?? '';
  const parent = schemaAt(root, parts.join('/'), resolve);
  const key = last.replace(/~1/g, '/').replace(/~0/g, '~');
  const own = pointer === '' ? root : parent?.type === 'array' ? parent.items : parent?.properties?.[key];
  return own !== undefined && rulesOf(own).length > 0;
};
