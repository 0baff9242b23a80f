/** The journal keeps the answers of a session's latest calls only, so big answers cannot pile up in memory. */
import { ANSWERS_KEPT, JOURNAL_LIMIT, MockRuntime } from './runtime.js';
import type { JournalEntry } from './model.js';

const entry = (i: number, session = 's'): JournalEntry => ({
  time: new Date(0).toISOString(),
  session,
  api: 'billiecart',
  operation: 'Op',
  method: 'GET',
  path: `/op/${i}`,
  status: 200,
  problems: [],
  durationMs: 1,
  response: { n: i },
});

describe('answers in the journal', () => {
  it.each([
    [1, 1],
    [ANSWERS_KEPT, ANSWERS_KEPT],
    [ANSWERS_KEPT + 1, ANSWERS_KEPT],
    [JOURNAL_LIMIT * 2, ANSWERS_KEPT],
  ])('after %i calls, the latest %i entries keep their answer', (calls, kept) => {
    const rt = new MockRuntime();
    for (let i = 0; i < calls; i++) rt.record(entry(i));
    const journal = rt.journal('s');
    const withAnswer = journal.filter((e) => e.response !== undefined);
    expect(withAnswer.length).toBe(kept);
    expect(withAnswer.map((e) => (e.response as { n: number }).n)).toEqual(
      Array.from({ length: kept }, (_, k) => calls - kept + k),
    );
    // Entries past it keep everything else.
    expect(journal.every((e) => e.path.startsWith('/op/'))).toBe(true);
  });

  it('counts per session', () => {
    const rt = new MockRuntime();
    for (let i = 0; i <= ANSWERS_KEPT; i++) rt.record(entry(i, 'a'));
    rt.record(entry(0, 'b'));
    expect(rt.journal('b')[0]!.response).toEqual({ n: 0 });
    expect(rt.journal('a')[0]!.response).toBeUndefined();
  });
});
