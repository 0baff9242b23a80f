/**
 * ajv's errors → ServiceStack's ResponseError entries, worded as
 * FluentValidation words them: fieldName in PascalCase (`Customer.BankAccount.BsbNumber`,
 * `Orders[0].Id`), message with the display name (`'First Name' must not be empty.`).
 */
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../errors.js';

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `FirstName` → `First Name`, as FluentValidation splits property names for messages. */
export const displayName = (name: string): string =>
  upperFirst(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');

/** `/customer/bankAccount/0/bsbNumber` → `Customer.BankAccount[0].BsbNumber`. */
export const fieldPath = (instancePath: string, extra?: string): string => {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra) parts.push(extra);
  return parts.reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${upperFirst(part)}` : upperFirst(part)),
    '',
  );
};

/**
 * A binder path as sent (`customer.nickName`, `orders[0].skuType`, `meta[some.key]`) → the same field name
 * `fieldPath` gives (`Customer.NickName`, `Orders[0].SkuType`): each segment's first letter upper-cased; an index
 * or dictionary key in brackets kept as it is.
 */
export const fieldNameOf = (path: string): string =>
  path.replace(
    /(\[[^\]]*\])|(^|\.)(.)/g,
    (_m, bracket: string | undefined, dot: string, first: string) => bracket ?? `${dot}${first.toUpperCase()}`,
  );

const lastName = (field: string): string =>
  field
    .replace(/\[\d+\]$/, '')
    .split('.')
    .pop() ?? field;

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** FluentValidation counts characters as .NET does: UTF-16 code units, which is what JS `length` counts too. */
const lengthOf = (value: unknown): number => (typeof value === 'string' ? value.length : 0);

/** FluentValidation's comparison validators (GreaterThan, LessThanOrEqual, …): code and wording. */
const compared = (
  errorCode: string,
  relation: string,
  e: ErrorObject,
  fieldName: string,
  label: string,
  meta: Record<string, string>,
): FieldError => ({
  errorCode,
  fieldName,
  message: `${label} must be ${relation} '${String(e.params['limit'])}'.`,
  meta,
});

/** Errors whose cause is a value of the wrong JSON type: ServiceStack fails binding, not validation. */
export const isTypeError = (e: ErrorObject): boolean => e.keyword === 'type';

export const toFieldError = (e: ErrorObject, value?: unknown): FieldError => {
  const extra =
    e.keyword === 'required'
      ? String(e.params['missingProperty'])
      : e.keyword === 'additionalProperties'
        ? String(e.params['additionalProperty'])
        : undefined;
  const fieldName = fieldPath(e.instancePath, extra) || 'Request';
  const label = `'${displayName(lastName(fieldName))}'`;
  const meta = { PropertyName: displayName(lastName(fieldName)) };
  switch (e.keyword) {
    case 'required':
      return { errorCode: 'NotEmpty', fieldName, message: `${label} must not be empty.`, meta };
    case 'type':
      return {
        errorCode: 'SerializationException',
        fieldName,
        message: `'${show(value)}' is an Invalid value for '${lastName(fieldName)}'`,
        meta,
      };
    case 'format':
      return e.params['format'] === 'email'
        ? { errorCode: 'Email', fieldName, message: `${label} is not a valid email address.`, meta }
        : {
            errorCode: 'InvalidFormat',
            fieldName,
            message: `${label} is not in the correct format (${String(e.params['format'])}).`,
            meta,
          };
    case 'enum':
      return {
        errorCode: 'Enum',
        fieldName,
        message: `${label} has a range of values which does not include '${show(value)}'.`,
        meta,
      };
    case 'minLength':
      return {
        errorCode: 'MinimumLength',
        fieldName,
        message: `The length of ${label} must be at least ${String(e.params['limit'])} characters. You entered ${lengthOf(value)} characters.`,
        meta,
      };
    case 'maxLength':
      return {
        errorCode: 'MaximumLength',
        fieldName,
        message: `The length of ${label} must be ${String(e.params['limit'])} characters or fewer. You entered ${lengthOf(value)} characters.`,
        meta,
      };
    case 'minimum':
      return compared('GreaterThanOrEqual', 'greater than or equal to', e, fieldName, label, meta);
    case 'exclusiveMinimum':
      return compared('GreaterThan', 'greater than', e, fieldName, label, meta);
    case 'maximum':
      return compared('LessThanOrEqual', 'less than or equal to', e, fieldName, label, meta);
    case 'exclusiveMaximum':
      return compared('LessThan', 'less than', e, fieldName, label, meta);
    case 'pattern':
      return { errorCode: 'RegularExpression', fieldName, message: `${label} is not in the correct format.`, meta };
    case 'additionalProperties':
      return {
        errorCode: 'UnknownProperty',
        fieldName,
        message: `${label} is not a property of this request (--strict).`,
        meta,
      };
    default:
      return { errorCode: upperFirst(e.keyword), fieldName, message: `${label} ${e.message ?? 'is invalid'}.`, meta };
  }
};

/** Reads the value an error points at, for messages that quote it. */
export const valueAt = (root: unknown, instancePath: string): unknown =>
  instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), root);

/** ajv's `if`/`anyOf` bookkeeping errors say nothing a client can act on. */
export const meaningfulErrors = (errors: ErrorObject[]): ErrorObject[] =>
  errors.filter((e) => !['if', 'anyOf', 'oneOf', 'allOf', 'not', '$ref'].includes(e.keyword));
