import fc from 'fast-check';
import type { FieldError } from '../errors.js';
import { createAjv } from './ajv.js';
import { displayName, fieldNameOf, fieldPath, meaningfulErrors, toFieldError, valueAt } from './to-field-errors.js';

// A request DTO with one rule per ajv keyword the derived schemas use, a list of objects and a nested object.
const ORDER = {
  type: 'object',
  required: ['skuType'],
  properties: {
    skuType: { type: 'string', enum: ['Small', 'Large'] },
    quantity: { type: 'integer', minimum: 1, exclusiveMaximum: 100 },
  },
};
const REQUEST = {
  type: 'object',
  required: ['email', 'firstName'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    firstName: { type: 'string', minLength: 2, maxLength: 20 },
    bsbNumber: { type: 'string', pattern: '^\\d{3}-\\d{3}$' },
    age: { type: 'integer', exclusiveMinimum: 17, maximum: 120 },
    website: { type: 'string', format: 'uri' },
    id: { type: 'integer' },
    orders: { type: 'array', items: ORDER },
    customer: {
      type: 'object',
      properties: {
        bankAccount: { type: 'object', required: ['accountNumber'], properties: { accountNumber: { type: 'string' } } },
      },
    },
  },
};

// The ajv the server validates requests with (strict, formats, every error).
const ajv = createAjv();
const validate = ajv.compile(REQUEST);
const VALID = { email: 'ann@example.com', firstName: 'Ann' };

/** The field errors a request gets, as the pipeline makes them. */
const fieldErrors = (request: Record<string, unknown>): FieldError[] => {
  validate(request);
  return meaningfulErrors(validate.errors ?? []).map((e) => toFieldError(e, valueAt(request, e.instancePath)));
};
const only = (request: Record<string, unknown>): FieldError => {
  const errors = fieldErrors(request);
  expect(errors).toHaveLength(1);
  return errors[0]!;
};

describe('toFieldError: each ajv keyword → a FluentValidation errorCode and message', () => {
  it.each<[string, Record<string, unknown>, Omit<FieldError, 'meta'>]>([
    [
      'required',
      { firstName: 'Ann' },
      { errorCode: 'NotEmpty', fieldName: 'Email', message: "'Email' must not be empty." },
    ],
    [
      'required, a two-word name',
      { email: 'ann@example.com' },
      { errorCode: 'NotEmpty', fieldName: 'FirstName', message: "'First Name' must not be empty." },
    ],
    [
      'format: email',
      { ...VALID, email: 'nope' },
      { errorCode: 'Email', fieldName: 'Email', message: "'Email' is not a valid email address." },
    ],
    [
      'enum, inside a list',
      { ...VALID, orders: [{ skuType: 'Huge' }] },
      {
        errorCode: 'Enum',
        fieldName: 'Orders[0].SkuType',
        message: "'Sku Type' has a range of values which does not include 'Huge'.",
      },
    ],
    [
      'minimum',
      { ...VALID, orders: [{ skuType: 'Small', quantity: 0 }] },
      {
        errorCode: 'GreaterThanOrEqual',
        fieldName: 'Orders[0].Quantity',
        message: "'Quantity' must be greater than or equal to '1'.",
      },
    ],
    [
      'maximum',
      { ...VALID, age: 121 },
      { errorCode: 'LessThanOrEqual', fieldName: 'Age', message: "'Age' must be less than or equal to '120'." },
    ],
    [
      'pattern',
      { ...VALID, bsbNumber: '062000' },
      { errorCode: 'RegularExpression', fieldName: 'BsbNumber', message: "'Bsb Number' is not in the correct format." },
    ],
    [
      'required, nested',
      { ...VALID, customer: { bankAccount: {} } },
      {
        errorCode: 'NotEmpty',
        fieldName: 'Customer.BankAccount.AccountNumber',
        message: "'Account Number' must not be empty.",
      },
    ],
    [
      'required, inside a list',
      { ...VALID, orders: [{ skuType: 'Small' }, {}] },
      { errorCode: 'NotEmpty', fieldName: 'Orders[1].SkuType', message: "'Sku Type' must not be empty." },
    ],
    // not FluentValidation rules: a value of the wrong JSON type fails binding in ServiceStack
    [
      'type',
      { ...VALID, id: 'abc' },
      { errorCode: 'SerializationException', fieldName: 'Id', message: "'abc' is an Invalid value for 'Id'" },
    ],
    // formats ServiceStack has no validator for: the mock's own code
    [
      'format: other',
      { ...VALID, website: 'not a uri' },
      {
        errorCode: 'InvalidFormat',
        fieldName: 'Website',
        message: "'Website' is not in the correct format (uri).",
      },
    ],
    // --strict: a property the DTO does not have
    [
      'additionalProperties',
      { ...VALID, nickname: 'x' },
      {
        errorCode: 'UnknownProperty',
        fieldName: 'Nickname',
        message: "'Nickname' is not a property of this request (--strict).",
      },
    ],
  ])('%s', (_keyword, request, expected) => {
    expect(only(request)).toMatchObject(expected);
  });

  // FluentValidation's English messages and ServiceStack's codes (the validator's name without "Validator").
  it.each<[string, Record<string, unknown>, Omit<FieldError, 'meta'>]>([
    [
      'minLength',
      { ...VALID, firstName: 'A' },
      {
        errorCode: 'MinimumLength',
        fieldName: 'FirstName',
        message: "The length of 'First Name' must be at least 2 characters. You entered 1 characters.",
      },
    ],
    [
      'maxLength',
      { ...VALID, firstName: 'A'.repeat(21) },
      {
        errorCode: 'MaximumLength',
        fieldName: 'FirstName',
        message: "The length of 'First Name' must be 20 characters or fewer. You entered 21 characters.",
      },
    ],
    [
      'exclusiveMinimum',
      { ...VALID, age: 17 },
      { errorCode: 'GreaterThan', fieldName: 'Age', message: "'Age' must be greater than '17'." },
    ],
    [
      'exclusiveMaximum',
      { ...VALID, orders: [{ skuType: 'Small', quantity: 100 }] },
      { errorCode: 'LessThan', fieldName: 'Orders[0].Quantity', message: "'Quantity' must be less than '100'." },
    ],
  ])('%s as FluentValidation words it', (_keyword, request, expected) => {
    expect(only(request)).toMatchObject(expected);
  });

  it('gives the display name as meta.PropertyName', () => {
    expect(only({ email: 'ann@example.com' }).meta).toEqual({ PropertyName: 'First Name' });
    expect(only({ ...VALID, orders: [{ skuType: 'Huge' }] }).meta).toEqual({ PropertyName: 'Sku Type' });
  });

  it('gives one entry per failure, every field at once', () => {
    expect(fieldErrors({ firstName: 'A', age: 200, orders: [{}] }).map((e) => `${e.errorCode} ${e.fieldName}`)).toEqual(
      ['NotEmpty Email', 'MinimumLength FirstName', 'LessThanOrEqual Age', 'NotEmpty Orders[0].SkuType'],
    );
  });

  it("names the request itself when the error is about the whole DTO (ajv's root path)", () => {
    const rootType = ajv.compile({ type: 'object' });
    rootType([]);
    expect(toFieldError(rootType.errors![0]!, [])).toMatchObject({
      errorCode: 'SerializationException',
      fieldName: 'Request',
    });
  });
});

describe('fieldPath: ajv instance paths → ServiceStack field names', () => {
  it.each([
    ['/email', undefined, 'Email'],
    ['', 'email', 'Email'],
    ['/customer/bankAccount', 'bsbNumber', 'Customer.BankAccount.BsbNumber'],
    ['/orders/0/skuType', undefined, 'Orders[0].SkuType'],
    ['/orders/12', 'skuType', 'Orders[12].SkuType'],
    ['/matrix/1/2', undefined, 'Matrix[1][2]'],
    ['/meta/a~1b', undefined, 'Meta.A/b'],
    ['/meta/a~0b', undefined, 'Meta.A~b'],
    ['', undefined, ''],
  ])('%s + %s → %s', (instancePath, extra, expected) => {
    expect(fieldPath(instancePath, extra)).toBe(expected);
  });
});

describe('fieldNameOf: binder paths as sent (--strict UnknownProperty) → the same field names', () => {
  it.each([
    ['bogus', 'Bogus'],
    ['nickName', 'NickName'],
    ['NickName', 'NickName'],
    ['customer.nickName', 'Customer.NickName'],
    ['orders[0].skuTypo', 'Orders[0].SkuTypo'],
    ['matrix[1][2]', 'Matrix[1][2]'],
    ['meta[some.key].x', 'Meta[some.key].X'],
    ['_private', '_private'],
  ])('%s → %s', (path, expected) => {
    expect(fieldNameOf(path)).toBe(expected);
  });

  it('agrees with fieldPath on every path both can spell', () => {
    const segment = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/);
    const step = fc.oneof(segment, fc.nat(99));
    fc.assert(
      fc.property(segment, fc.array(step, { maxLength: 5 }), (head, rest) => {
        const sent = rest.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : `${p}.${s}`), head);
        expect(fieldNameOf(sent)).toBe(fieldPath(`/${[head, ...rest].join('/')}`));
      }),
      { seed: 20240614 },
    );
  });
});

/** FluentValidation's SplitPascalCase (Internal/Extensions.cs), ported to check displayName against. */
const splitPascalCase = (input: string): string => {
  const isUpper = (c: string | undefined) => c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (isUpper(c) && ((i > 1 && !isUpper(input[i - 1])) || (i + 1 < input.length && !isUpper(input[i + 1]))))
      out += ' ';
    out += c;
  }
  return out.trim();
};

describe('displayName: property names split as FluentValidation splits them', () => {
  it.each([
    ['firstName', 'First Name'],
    ['FirstName', 'First Name'],
    ['Email', 'Email'],
    ['BSBNumber', 'BSB Number'],
    ['UserAccountId', 'User Account Id'],
    ['IsVIP', 'Is VIP'],
    ['AddressLine1', 'Address Line1'],
    ['Address1Line', 'Address1 Line'],
    ['ID', 'ID'],
  ])('%s → %s', (name, expected) => {
    expect(displayName(name)).toBe(expected);
    expect(splitPascalCase(name.charAt(0).toUpperCase() + name.slice(1))).toBe(expected);
  });

  // Letters only: before a digit FluentValidation also splits a capital off the capitals before it
  // (`AR4` → `A R4`), which displayName does not do.
  it('agrees with FluentValidation on any PascalCase identifier of letters', () => {
    const identifier = fc
      .tuple(
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') }),
      )
      .map(([first, rest]) => first + rest);
    fc.assert(fc.property(identifier, (name) => expect(displayName(name)).toBe(splitPascalCase(name))));
  });
});
