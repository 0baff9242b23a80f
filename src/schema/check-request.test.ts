import { createAjv } from './ajv.js';
import { checkRequest, type RequestCheck } from './check-request.js';
import type { JsonSchema } from './json-schema.js';

const SCHEMA = {
  $id: 'https://schemas.ssmock.dev/t/UpdateRoom.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    name: { type: 'string', maxLength: 5, 'x-validate': [{ validator: 'MaximumLength', args: [5] }] },
    size: { type: 'integer', default: 0, exclusiveMinimum: 0, 'x-validate': [{ validator: 'GreaterThan', args: [0] }] },
    notes: { type: 'string' },
    code: { type: 'string', maxLength: 2 },
  },
  required: ['id', 'notes'],
} as JsonSchema;
const validate = createAjv().compile(SCHEMA);

const check = (dto: Record<string, unknown>, options: Partial<RequestCheck> = {}) =>
  checkRequest({
    schema: SCHEMA,
    dto,
    ajvErrors: validate(dto) ? null : validate.errors,
    resolve: () => undefined,
    strict: false,
    routes: ['/rooms/{Id}'],
    patch: false,
    ...options,
  });

const codes = (v: ReturnType<typeof check>) => v.errors.map((e) => `${e.errorCode} ${e.fieldName}`);

describe('checkRequest: what the validate step rejects, and what it only notes', () => {
  it.each<[string, Record<string, unknown>, Partial<RequestCheck>, string[], string[]]>([
    ['a valid request', { id: '1', notes: 'n', size: 2 }, {}, [], []],
    [
      'a declared rule answers in place of the keyword written beside it (one error, FluentValidation wording)',
      { id: '1', notes: 'n', size: 2, name: 'Harbour' },
      {},
      ['MaximumLength Name'],
      ["Name: The length of 'Name' must be 5 characters or fewer. You entered 7 characters."],
    ],
    [
      'a missing int is 0 for GreaterThan(0), though ajv never sees it',
      { id: '1', notes: 'n' },
      {},
      ['GreaterThan Size'],
      ["Size: 'Size' must be greater than '0'."],
    ],
    [
      'a value documented as required is only noted',
      { id: '1', size: 2 },
      {},
      [],
      ['Notes: missing, documented as required (not enforced; --strict rejects it)'],
    ],
    [
      '… and rejected under --strict',
      { id: '1', size: 2 },
      { strict: true },
      ['NotEmpty Notes'],
      ["Notes: 'Notes' must not be empty."],
    ],
    [
      'a variable of every route stays required',
      { notes: 'n', size: 2 },
      {},
      ['NotEmpty Id'],
      ["Id: 'Id' must not be empty."],
    ],
    [
      'a keyword of a hand-written schema (no x-validate) is answered as before',
      { id: '1', notes: 'n', size: 2, code: 'abc' },
      {},
      ['MaximumLength Code'],
      ["Code: The length of 'Code' must be 2 characters or fewer. You entered 3 characters."],
    ],
    ['a PATCH of an IPatchDb skips rules on defaults', { id: '1', notes: 'n' }, { patch: true }, [], []],
  ])('%s', (_label, dto, options, expectedCodes, notes) => {
    const verdict = check(dto, options);
    expect(codes(verdict)).toEqual(expectedCodes);
    expect(verdict.notes).toEqual(notes);
    expect(verdict.unbindable).toBe(false);
  });

  it('a value of the wrong type fails binding before any validator runs', () => {
    const verdict = check({ id: '1', notes: 'n', size: 'big', name: 'Harbour' });
    expect(verdict.unbindable).toBe(true);
    expect(codes(verdict)).toEqual(['SerializationException Size']);
  });
});
