import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dataProblems } from '../scenarios/data-problems.js';
import { loadApis } from '../schema/registry.js';
import { errorRuleOf, recordsOf, ScenarioRecorder, whenOf, type RecordedAnswer } from './record.js';
import { isSecretName, scrubSecrets } from './secrets.js';

const [bookings] = loadApis(path.resolve('test/fixtures/schemas'), ['bookings']);
const api = bookings!;

const answer = (
  operation: string,
  status: number,
  body: unknown,
  dto: Record<string, unknown> = {},
): RecordedAnswer => {
  const op = api.operation(operation)!;
  return { api, operation: op, verb: op.primaryVerb, dto, status, body };
};

const booking = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Guest ${id}`,
  roomType: 'Suite',
  roomNumber: 100 + id,
  cost: 10,
  ...extra,
});

describe('secrets', () => {
  it.each([
    ['password', true],
    ['confirmPassword', true],
    ['accessToken', true],
    ['refreshToken', true],
    ['bearerToken', true],
    ['sessionId', true],
    ['apiKey', true],
    ['client_secret', true],
    ['userName', false],
    ['businessId', false],
    ['roomNumber', false],
  ])('%s is a secret: %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  it('leaves no secret field and no secret value at any depth of any JSON value', () => {
    const secretValue = 'SECRET-VALUE-42';
    const key = fc.oneof(
      fc.constantFrom('password', 'bearerToken', 'SessionId', 'api_key', 'refreshToken'),
      fc.string(),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    /** The same value with every secret field's value replaced by the marker. */
    const marked = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(marked)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isSecretName(k) ? secretValue : marked(x)]))
          : v;
    const keys = (v: unknown): string[] =>
      Array.isArray(v)
        ? v.flatMap(keys)
        : v && typeof v === 'object'
          ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x)])
          : [];
    fc.assert(
      fc.property(json, (value) => {
        const scrubbed = scrubSecrets(marked(value));
        expect(keys(scrubbed).filter(isSecretName)).toEqual([]);
        expect(JSON.stringify(scrubbed) ?? '').not.toContain(secretValue);
      }),
    );
  });

  it('removes secret fields at any depth', () => {
    expect(
      scrubSecrets({ userName: 'a', bearerToken: 't', nested: [{ password: 'p', keep: 1 }], meta: { apiKey: 'k' } }),
    ).toEqual({ userName: 'a', nested: [{ keep: 1 }], meta: {} });
  });
});

describe('recordsOf', () => {
  it.each([
    [
      'a query answer: each of its results',
      answer('QueryBookings', 200, { results: [booking(1), booking(2)] }),
      [1, 2],
    ],
    ['a create answering the resource itself', answer('CreateCoupon', 200, { id: 'c1', discount: 5 }), ['c1']],
    ['an IdResponse: no resource in it', answer('CreateBooking', 200, { id: '7' }), []],
    ['an error answer', answer('QueryBookings', 500, { results: [booking(1)] }), []],
    ['a view of the table (QueryDb<From, Into>)', answer('QueryBookingViews', 200, { results: [{ id: 1 }] }), []],
  ])('%s', (_name, given, ids) => {
    expect(recordsOf(given).records.map((r) => r['id'])).toEqual(ids);
  });

  it('leaves out a record its schema refuses, and one without an id', () => {
    const got = recordsOf(answer('QueryBookings', 200, { results: [booking(1, { cost: 'free' }), { name: 'x' }] }));
    expect(got).toEqual({ resource: 'Booking', records: [], skipped: 2 });
  });

  it('names the tenant of a tenanted operation', () => {
    const got = recordsOf(answer('CreateCoupon', 200, { id: 'c1' }, { organisationId: 'org-1' }));
    expect(got.records).toEqual([{ $tenant: 'org-1', id: 'c1' }]);
  });
});

describe('errorRuleOf', () => {
  it('keeps status, errorCode, message and field errors, matching the same request', () => {
    const body = {
      responseStatus: {
        errorCode: 'NotEmpty',
        message: "'Name' must not be empty.",
        errors: [{ errorCode: 'NotEmpty', fieldName: 'Name', message: "'Name' must not be empty.", meta: { a: 'b' } }],
      },
    };
    expect(errorRuleOf(answer('CreateBooking', 400, body, { roomNumber: 3, notes: '', cost: 0 }), false)).toEqual({
      operation: 'CreateBooking',
      when: { roomNumber: 3, cost: 0 },
      status: 400,
      responseStatus: {
        errorCode: 'NotEmpty',
        message: "'Name' must not be empty.",
        errors: [{ errorCode: 'NotEmpty', fieldName: 'Name', message: "'Name' must not be empty.", meta: { a: 'b' } }],
      },
    });
  });

  it.each([
    ['a success', 200],
    ['a 401 (credentials are never recorded)', 401],
    ['a 403', 403],
  ])('makes no rule of %s', (_name, status) => {
    expect(errorRuleOf(answer('CreateBooking', status, {}), false)).toBeUndefined();
  });

  it('reads a PascalCase ResponseStatus, and names the API when several are served', () => {
    const rule = errorRuleOf(answer('DeleteBooking', 404, { ResponseStatus: { ErrorCode: 'NotFound' } }), true);
    expect(rule).toEqual({
      operation: 'DeleteBooking',
      api: 'bookings',
      status: 404,
      responseStatus: { errorCode: 'NotFound' },
    });
  });

  it('never matches on a secret', () => {
    expect(whenOf({ userName: 'a', password: 'p', nested: { x: 1 } })).toEqual({ userName: 'a' });
  });
});

describe('ScenarioRecorder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-record-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a scenario whose data loads, merges records by id, forgets a deleted one and a rule a success answers', async () => {
    const file = path.join(dir, 'sub', 'recorded.json');
    const recorder = new ScenarioRecorder(file, { backend: 'http://backend', apiCount: 1, log: () => undefined });
    await recorder.start();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ data: {}, rules: [] });
    recorder.note(answer('QueryBookings', 200, { results: [booking(1), booking(2), booking(3)] }));
    recorder.note(answer('QueryBookings', 200, { results: [booking(1, { notes: 'late' })] }));
    recorder.note(answer('DeleteBooking', 204, undefined, { id: 2 }));
    recorder.note(answer('CreateBooking', 400, { responseStatus: { errorCode: 'Conflict' } }, { roomNumber: 3 }));
    recorder.note(answer('CreateBooking', 400, { responseStatus: { errorCode: 'NotEmpty' } }, { roomNumber: 4 }));
    recorder.note(answer('CreateBooking', 200, { id: 9 }, { roomNumber: 4 }));
    await recorder.flush();
    const written = JSON.parse(readFileSync(file, 'utf8')) as ReturnType<ScenarioRecorder['scenario']>;
    expect(written.data?.['bookings']?.['Booking']).toEqual([booking(1, { notes: 'late' }), booking(3)]);
    expect(written.rules).toEqual([
      { operation: 'CreateBooking', when: { roomNumber: 3 }, status: 400, responseStatus: { errorCode: 'Conflict' } },
    ]);
    expect(written.$schema).toMatch(/schemas\/meta\/scenario\.schema\.json$/);
    expect(dataProblems(written.data, [api])).toEqual([]);
  });
});
