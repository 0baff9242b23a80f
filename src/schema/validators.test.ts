import type { JsonSchema } from './json-schema.js';
import { parseValidatorExpression, type ValidatorRule } from './validator-rules.js';
import { declaredFailures } from './validators.js';

const INT: JsonSchema = { type: 'integer', default: 0, 'x-dotnet-type': 'int' };
const NULLABLE_INT: JsonSchema = { type: 'integer', 'x-dotnet-type': 'int', 'x-nullable': true };
const STRING: JsonSchema = { type: 'string', 'x-dotnet-type': 'string' };
const DECIMAL: JsonSchema = { type: 'number', default: 0, 'x-dotnet-type': 'decimal' };
const BOOL: JsonSchema = { type: 'boolean', default: false, 'x-dotnet-type': 'bool' };

const rules = (expression: string): ValidatorRule[] => {
  const parsed = parseValidatorExpression(expression);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.rules;
};

/** The failures of one property `name` of type `schema` under `expression`, given the request body. */
const failures = (schema: JsonSchema, expression: string, body: Record<string, unknown>, name = 'lengthMetres') =>
  declaredFailures(
    { type: 'object', properties: { [name]: { ...schema, 'x-validate': rules(expression) } } },
    body,
    () => undefined,
  );

describe('FluentValidation wording, codes and meta per validator', () => {
  it.each<[string, JsonSchema, string, Record<string, unknown>, object]>([
    [
      'GreaterThan on a missing int (its default 0)',
      INT,
      'GreaterThan(0)',
      {},
      {
        errorCode: 'GreaterThan',
        fieldName: 'LengthMetres',
        message: "'Length Metres' must be greater than '0'.",
        meta: { ComparisonValue: '0', ComparisonProperty: '', PropertyName: 'Length Metres', PropertyValue: '0' },
      },
    ],
    [
      'GreaterThanOrEqual',
      INT,
      'GreaterThanOrEqual(5)',
      { lengthMetres: 4 },
      { errorCode: 'GreaterThanOrEqual', message: "'Length Metres' must be greater than or equal to '5'." },
    ],
    ['LessThan', INT, 'LessThan(10)', { lengthMetres: 10 }, { message: "'Length Metres' must be less than '10'." }],
    [
      'LessThanOrEqual',
      INT,
      'LessThanOrEqual(10)',
      { lengthMetres: 11 },
      { errorCode: 'LessThanOrEqual', message: "'Length Metres' must be less than or equal to '10'." },
    ],
    [
      'InclusiveBetween',
      INT,
      'InclusiveBetween(1,10)',
      { lengthMetres: 11 },
      {
        errorCode: 'InclusiveBetween',
        message: "'Length Metres' must be between 1 and 10. You entered 11.",
        meta: { From: '1', To: '10', Value: '11', PropertyName: 'Length Metres', PropertyValue: '11' },
      },
    ],
    [
      'ExclusiveBetween',
      INT,
      'ExclusiveBetween(1,10)',
      { lengthMetres: 10 },
      {
        errorCode: 'ExclusiveBetween',
        message: "'Length Metres' must be between 1 and 10 (exclusive). You entered 10.",
      },
    ],
    [
      'MaximumLength',
      STRING,
      'MaximumLength(3)',
      { lengthMetres: 'abcd' },
      {
        errorCode: 'MaximumLength',
        message: "The length of 'Length Metres' must be 3 characters or fewer. You entered 4 characters.",
        meta: {
          MinLength: '0',
          MaxLength: '3',
          TotalLength: '4',
          PropertyName: 'Length Metres',
          PropertyValue: 'abcd',
        },
      },
    ],
    [
      'MinimumLength',
      STRING,
      'MinimumLength(3)',
      { lengthMetres: 'ab' },
      {
        errorCode: 'MinimumLength',
        message: "The length of 'Length Metres' must be at least 3 characters. You entered 2 characters.",
        meta: { MinLength: '3', MaxLength: '-1', TotalLength: '2' },
      },
    ],
    [
      'Length',
      STRING,
      'Length(2,4)',
      { lengthMetres: 'a' },
      { errorCode: 'Length', message: "'Length Metres' must be between 2 and 4 characters. You entered 1 characters." },
    ],
    [
      'ExactLength is answered as Length (ServiceStack alias)',
      STRING,
      'ExactLength(4)',
      { lengthMetres: 'abc' },
      { errorCode: 'Length', message: "'Length Metres' must be 4 characters in length. You entered 3 characters." },
    ],
    [
      'NotEmpty on a whitespace string',
      STRING,
      'NotEmpty',
      { lengthMetres: '  ' },
      { errorCode: 'NotEmpty', message: "'Length Metres' must not be empty.", meta: { PropertyName: 'Length Metres' } },
    ],
    ['NotEmpty on an int left at 0', INT, 'NotEmpty', {}, { errorCode: 'NotEmpty' }],
    ['NotEmpty on a bool left false', BOOL, 'NotEmpty', { lengthMetres: false }, { errorCode: 'NotEmpty' }],
    [
      'NotEmpty on an empty list',
      { type: 'array', items: STRING },
      'NotEmpty',
      { lengthMetres: [] },
      { errorCode: 'NotEmpty', meta: { PropertyName: 'Length Metres', PropertyValue: '[]' } },
    ],
    ['NotNull', STRING, 'NotNull', {}, { errorCode: 'NotNull', message: "'Length Metres' must not be empty." }],
    ['Null', STRING, 'Null', { lengthMetres: 'x' }, { errorCode: 'Null', message: "'Length Metres' must be empty." }],
    [
      'Empty',
      STRING,
      'Empty',
      { lengthMetres: 'x' },
      { errorCode: 'Empty', message: "'Length Metres' must be empty." },
    ],
    [
      'Email (ASP.NET Core compatible: one @, not first or last)',
      STRING,
      'Email',
      { lengthMetres: 'a@' },
      { errorCode: 'Email', message: "'Length Metres' is not a valid email address." },
    ],
    [
      'CreditCard (Luhn)',
      STRING,
      'CreditCard',
      { lengthMetres: '4111 1111 1111 1112' },
      { errorCode: 'CreditCard', message: "'Length Metres' is not a valid credit card number." },
    ],
    [
      'RegularExpression',
      STRING,
      'RegularExpression(′^\\d+$′)',
      { lengthMetres: '12a' },
      {
        errorCode: 'RegularExpression',
        message: "'Length Metres' is not in the correct format.",
        meta: { RegularExpression: '^\\d+$', PropertyName: 'Length Metres', PropertyValue: '12a' },
      },
    ],
    [
      'Matches is RegularExpression',
      STRING,
      "Matches('^[A-Z]')",
      { lengthMetres: 'abc' },
      { errorCode: 'RegularExpression' },
    ],
    [
      'Equal',
      STRING,
      "Equal('yes')",
      { lengthMetres: 'no' },
      { errorCode: 'Equal', message: "'Length Metres' must be equal to 'yes'.", meta: { ComparisonValue: 'yes' } },
    ],
    [
      'NotEqual',
      INT,
      'NotEqual(7)',
      { lengthMetres: 7 },
      { errorCode: 'NotEqual', message: "'Length Metres' must not be equal to '7'." },
    ],
    [
      'ScalePrecision on a decimal',
      DECIMAL,
      'ScalePrecision(2,4)',
      { lengthMetres: 123.456 },
      {
        errorCode: 'ScalePrecision',
        message:
          "'Length Metres' must not be more than 4 digits in total, with allowance for 2 decimals. 3 digits and 3 decimals were found.",
        meta: { ExpectedPrecision: '4', ExpectedScale: '2', Digits: '3', ActualScale: '3' },
      },
    ],
    [
      'Enum',
      { type: 'string', enum: ['Red', 'Green'] },
      'Enum(typeof(Colors))',
      { lengthMetres: 'Blue' },
      { errorCode: 'Enum', message: "'Length Metres' has a range of values which does not include 'Blue'." },
    ],
  ])('%s', (_label, schema, expression, body, expected) => {
    const [first, ...rest] = failures(schema, expression, body);
    expect(rest).toEqual([]);
    expect(first).toMatchObject(expected);
  });

  it.each<[string, JsonSchema, string, Record<string, unknown>]>([
    ['GreaterThan skips a null int?', NULLABLE_INT, 'GreaterThan(0)', {}],
    ['NotEmpty allows 0 on an int? (no default to compare with)', NULLABLE_INT, 'NotEmpty', { lengthMetres: 0 }],
    ['MaximumLength skips null', STRING, 'MaximumLength(3)', {}],
    ['Email skips null', STRING, 'Email', {}],
    ['CreditCard accepts dashes and spaces', STRING, 'CreditCard', { lengthMetres: '4111-1111 1111-1111' }],
    ['Email accepts a@b', STRING, 'Email', { lengthMetres: 'a@b' }],
    [
      'ScalePrecision ignores a double',
      { type: 'number', 'x-dotnet-type': 'double' },
      'ScalePrecision(1,2)',
      { lengthMetres: 1.234 },
    ],
    ['InclusiveBetween is inclusive', INT, 'InclusiveBetween(1,10)', { lengthMetres: 10 }],
    ['Length counts UTF-16 code units as .NET does', STRING, 'MaximumLength(2)', { lengthMetres: 'é' }],
  ])('passes: %s', (_label, schema, expression, body) => {
    expect(failures(schema, expression, body)).toEqual([]);
  });

  it('reports every rule of a property in order, then nested DTOs and list items by path', () => {
    const address: JsonSchema = {
      type: 'object',
      properties: { street: { ...STRING, 'x-validate': rules('NotEmpty') } },
    };
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        name: { ...STRING, 'x-validate': rules('[NotEmpty, MinimumLength(2)]') },
        home: { $ref: 'Address.json' },
        others: { type: 'array', items: { $ref: 'Address.json' } },
      },
    };
    const found = declaredFailures(schema, { name: ' ', home: {}, others: [{ street: 'x' }, {}] }, (ref) =>
      ref === 'Address.json' ? address : undefined,
    );
    expect(found.map((e) => [e.errorCode, e.fieldName, e.message])).toEqual([
      ['NotEmpty', 'Name', "'Name' must not be empty."],
      ['MinimumLength', 'Name', "The length of 'Name' must be at least 2 characters. You entered 1 characters."],
      ['NotEmpty', 'Home.Street', "'Street' must not be empty."],
      ['NotEmpty', 'Others[1].Street', "'Street' must not be empty."],
    ]);
  });

  it('uses [Validate(ErrorCode, Message)] with the placeholders', () => {
    const [rule] = rules('GreaterThan(0)');
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        count: {
          ...INT,
          'x-validate': [{ ...rule!, errorCode: 'TooFew', message: '{PropertyName} > {ComparisonValue}!' }],
        },
      },
    };
    expect(declaredFailures(schema, {}, () => undefined)).toEqual([
      expect.objectContaining({ errorCode: 'TooFew', fieldName: 'Count', message: 'Count > 0!' }),
    ]);
  });

  it('skips the rules of properties left at their default on an IPatchDb PATCH', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { count: { ...INT, 'x-validate': rules('GreaterThan(0)') } },
    };
    expect(declaredFailures(schema, {}, () => undefined, { skipDefaults: true })).toEqual([]);
    expect(declaredFailures(schema, { count: -1 }, () => undefined, { skipDefaults: true })).toHaveLength(1);
  });
});

describe('validator expressions', () => {
  it.each<[string, ValidatorRule[]]>([
    ['NotEmpty', [{ validator: 'NotEmpty' }]],
    ['NotEmpty()', [{ validator: 'NotEmpty' }]],
    ['GreaterThan(0)', [{ validator: 'GreaterThan', args: [0] }]],
    ['InclusiveBetween(1, 10)', [{ validator: 'InclusiveBetween', args: [1, 10] }]],
    ['InclusiveBetween(′a′,′z′)', [{ validator: 'InclusiveBetween', args: ['a', 'z'] }]],
    ['ScalePrecision(2,5)', [{ validator: 'ScalePrecision', args: [2, 5] }]],
    ['Equal(true)', [{ validator: 'Equal', args: [true] }]],
    ["RegularExpression('a,b')", [{ validator: 'RegularExpression', args: ['a,b'] }]],
    ['Enum(typeof(Colors))', [{ validator: 'Enum' }]],
    ['[NotNull, Length(1,10)]', [{ validator: 'NotNull' }, { validator: 'Length', args: [1, 10] }]],
  ])('%s', (expression, expected) => {
    expect(parseValidatorExpression(expression)).toEqual({ rules: expected });
  });

  it.each([
    ['IsOdd', /unsupported validator IsOdd/],
    ['GreaterThan(1,2)', /GreaterThan takes 1 arguments/],
    ['it.Length > 2', /expected a validator call/],
  ])('refuses %s', (expression, message) => {
    const parsed = parseValidatorExpression(expression);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});
