import { JOURNAL_LIMIT, MockRuntime, outcomeOf, outcomesOf } from './runtime.js';
import type { CallInfo, JournalEntry, Rule } from './model.js';

const call = (operation: string, dto: Record<string, unknown> = {}, session = 's1'): CallInfo => ({
  session,
  api: 'billiecart',
  operation,
  dto,
});
const kinds = (rt: MockRuntime, c: CallInfo) =>
  rt.take(c).map((o) => (o.kind === 'error' ? o.status : o.kind === 'delay' ? `delay ${o.ms}` : o.fault));

describe('outcomes of a rule', () => {
  it.each<[string, Rule, unknown]>([
    [
      'a status alone: the canonical ResponseStatus',
      { operation: 'X', status: 409 },
      { kind: 'error', status: 409, errorCode: 'Conflict', message: 'Conflict', errors: [] },
    ],
    [
      'an errorCode alone: its HttpError status',
      { operation: 'X', responseStatus: { errorCode: 'NotFound', message: 'gone' } },
      { kind: 'error', status: 404, errorCode: 'NotFound', message: 'gone', errors: [] },
    ],
    [
      'an unknown errorCode alone: 400',
      { operation: 'X', responseStatus: { errorCode: 'EmailTaken' } },
      { kind: 'error', status: 400, errorCode: 'EmailTaken', message: 'Bad Request', errors: [] },
    ],
    [
      'a status without a canonical name',
      { operation: 'X', status: 418 },
      { kind: 'error', status: 418, errorCode: 'Http418', message: 'HTTP 418', errors: [] },
    ],
    ['a fault', { operation: 'X', fault: 'timeout' }, { kind: 'fault', fault: 'timeout' }],
    ['a delay alone', { operation: 'X', delayMs: 50 }, { kind: 'delay', ms: 50 }],
    ['nothing: the call proceeds', { operation: 'X' }, undefined],
  ])('%s', (_what, rule, expected) => {
    expect(outcomeOf(rule)).toEqual(expected);
  });

  it('gives field errors without an errorCode the ResponseStatus errorCode', () => {
    const [outcome] = outcomesOf({
      operation: 'X',
      status: 409,
      responseStatus: { errorCode: 'Conflict', errors: [{ fieldName: 'Email', message: 'taken' }] },
    });
    expect(outcome).toMatchObject({ errors: [{ errorCode: 'Conflict', fieldName: 'Email', message: 'taken' }] });
  });

  it('waits before an error when a rule has both', () => {
    expect(outcomesOf({ operation: 'X', delayMs: 20, status: 503 }).map((o) => o.kind)).toEqual(['delay', 'error']);
  });
});

describe('MockRuntime rules', () => {
  it('fires rules for one operation in order, each as often as its times: fail twice, then succeed', () => {
    const rt = new MockRuntime();
    rt.useRules('s1', [
      { operation: 'CreateCustomerRequest', status: 503, times: 1 },
      { operation: 'CreateCustomerRequest', status: 500, times: 1 },
      { operation: 'CreateCustomerRequest' },
      { operation: 'CreateCustomerRequest', status: 400 },
    ]);
    const c = call('createcustomerrequest');
    expect([kinds(rt, c), kinds(rt, c), kinds(rt, c), kinds(rt, c)]).toEqual([[503], [500], [], []]);
    expect(rt.rules('s1').map((r) => r.fired)).toEqual([1, 1, 2, 0]);
  });

  it('lets a rule with times fire that often, then falls through to the real answer', () => {
    const rt = new MockRuntime();
    rt.addRule('s1', { operation: 'CreatePersonRequest', status: 503, times: 2 });
    const c = call('CreatePersonRequest');
    expect([kinds(rt, c), kinds(rt, c), kinds(rt, c)]).toEqual([[503], [503], []]);
  });

  it('adds one delay and keeps looking for a deciding rule', () => {
    const rt = new MockRuntime();
    rt.useRules('s1', [
      { operation: '*', delayMs: 100 },
      { operation: '*', delayMs: 999 },
      { operation: 'CreatePersonRequest', status: 503 },
    ]);
    expect(kinds(rt, call('CreatePersonRequest'))).toEqual(['delay 100', 503]);
    expect(kinds(rt, call('CreateCustomerRequest'))).toEqual(['delay 100']);
  });

  it('matches when: exact values, case-insensitive names, dotted paths, regex with flags, exists', () => {
    const rt = new MockRuntime();
    rt.useRules('s1', [
      { operation: 'Op', when: { EMAIL: 'a@b.c', organisationId: 'org-1' }, status: 409 },
      { operation: 'Op', when: { email: { regex: '^TAKEN@', flags: 'i' } }, status: 410 },
      { operation: 'Op', when: { 'bankAccount.BSBnumber': '062-000' }, status: 411 },
      { operation: 'Op', when: { id: 7 }, status: 412 },
      { operation: 'Op', when: { phone: { exists: false } }, status: 413 },
      { operation: 'Op', when: { phone: null, email: { exists: true } }, status: 414 },
    ]);
    const phone = { phone: '1' };
    expect(kinds(rt, call('Op', { email: 'a@b.c', organisationId: 'org-1' }))).toEqual([409]);
    expect(kinds(rt, call('Op', { ...phone, email: 'A@B.C', organisationId: 'org-1' }))).toEqual([]);
    expect(kinds(rt, call('Op', { ...phone, email: 'taken@example.com' }))).toEqual([410]);
    expect(kinds(rt, call('Op', { ...phone, bankAccount: { bsbNumber: '062-000' } }))).toEqual([411]);
    expect(kinds(rt, call('Op', { ...phone, id: '7' }))).toEqual([412]);
    expect(kinds(rt, call('Op', { phone: '' }))).toEqual([413]);
    expect(kinds(rt, call('Op', { ...phone, email: 'x' }))).toEqual([]);
  });

  it('scopes rules to an API when the rule names one, and ignores other operations', () => {
    const rt = new MockRuntime();
    rt.addRule('s1', { api: 'servicestack-home', operation: 'Customer', status: 500 });
    expect(kinds(rt, call('Customer'))).toEqual([]);
    expect(kinds(rt, { ...call('Customer'), api: 'servicestack-home' })).toEqual([500]);
    expect(kinds(rt, { ...call('Other'), api: 'servicestack-home' })).toEqual([]);
  });

  it('keeps sessions apart, removes one rule by id, and resets to the start-up rules', () => {
    const rt = new MockRuntime();
    rt.setStartRules([{ operation: 'Op', status: 500 }]);
    const id = rt.addRule('s1', { operation: 'Op', status: 409 });
    expect(kinds(rt, call('Op'))).toEqual([409]);
    expect(kinds(rt, call('Op', {}, 's2'))).toEqual([]);
    expect(rt.removeRule('s1', 'nope')).toBe(false);
    expect(rt.removeRule('s1', id)).toBe(true);
    expect(kinds(rt, call('Op'))).toEqual([]);
    rt.reset('s1');
    expect(kinds(rt, call('Op'))).toEqual([500]);
    rt.clearRules('s1');
    expect(rt.rules('s1')).toEqual([]);
  });
});

describe('MockRuntime journal', () => {
  const entry = (n: number, session = 's1'): JournalEntry => ({
    time: new Date(n).toISOString(),
    session,
    api: 'billiecart',
    operation: 'Op',
    method: 'POST',
    path: `/p/${n}`,
    status: 200,
    problems: [],
    durationMs: 1,
  });

  it('keeps the newest entries last, bounded, per session', () => {
    const rt = new MockRuntime();
    for (let n = 0; n < JOURNAL_LIMIT + 5; n++) rt.record(entry(n));
    rt.record(entry(1, 's2'));
    const journal = rt.journal('s1');
    expect(journal).toHaveLength(JOURNAL_LIMIT);
    expect(journal[0]!.path).toBe('/p/5');
    expect(journal.at(-1)!.path).toBe(`/p/${JOURNAL_LIMIT + 4}`);
    expect(rt.journal('s2')).toHaveLength(1);
    // Past the point where the stored list is trimmed (in batches), still exactly the newest JOURNAL_LIMIT.
    for (let n = JOURNAL_LIMIT + 5; n < 3 * JOURNAL_LIMIT + 2; n++) rt.record(entry(n));
    const later = rt.journal('s1');
    expect(later).toHaveLength(JOURNAL_LIMIT);
    expect(later[0]!.path).toBe(`/p/${2 * JOURNAL_LIMIT + 2}`);
    expect(later.at(-1)!.path).toBe(`/p/${3 * JOURNAL_LIMIT + 1}`);
    rt.clearJournal('s1');
    expect(rt.journal('s1')).toEqual([]);
    expect(rt.journal('s2')).toHaveLength(1);
  });
});
