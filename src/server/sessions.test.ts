import type { Rule } from '../scenarios/model.js';
import { DEFAULT_SESSION, MockRuntime } from '../scenarios/runtime.js';
import { openStore, type IdSpec, type StateSnapshot, type StateStore } from '../store/index.js';
import { SessionSeeder, type StartState } from './sessions.js';

const MINUTE = 60_000;
const ID: IdSpec = { property: 'id', type: 'integer' };
const START_DATA: StateSnapshot = { billiecart: { Customer: [{ id: 1, email: 'start@example.com' }] } };
const START_RULES: Rule[] = [{ operation: 'CreateCustomerRequest', status: 409, times: 1 }];
const scope = (session: string) => ({ api: 'billiecart', session, tenant: '' });
const emails = (store: StateStore, session: string) => store.list(scope(session), 'Customer').map((c) => c['email']);

const journal = (runtime: MockRuntime, session: string) =>
  runtime.record({
    time: '',
    session,
    api: 'billiecart',
    operation: null,
    method: 'GET',
    path: '/',
    status: 200,
    problems: [],
    durationMs: 0,
  });

/** A seeder over an in-memory store, its clock moved by hand. */
const setUp = async (limits = { idleMinutes: 30, maxSessions: 100 }, start: StartState | null = null) => {
  let now = 1_000_000;
  const store = await openStore({ memory: true });
  const runtime = new MockRuntime();
  const sessions = new SessionSeeder(store, runtime, () => ID, { ...limits, clock: () => now });
  let loads = 0;
  let current: StartState = start ?? { name: 'start', data: START_DATA, rules: START_RULES };
  await sessions.begin(() => {
    loads++;
    return Promise.resolve(current);
  }, true);
  return {
    store,
    runtime,
    sessions,
    view: sessions.view,
    advance: (ms: number) => (now += ms),
    loads: () => loads,
    edit: (next: StartState) => (current = next),
  };
};

describe('SessionSeeder: copy-on-write', () => {
  it('lets a session that only reads share the start-up data: nothing is stored for it', async () => {
    const { store, view, sessions } = await setUp();
    sessions.prepare('reader');
    expect(emails(view, 'reader')).toEqual(['start@example.com']);
    expect(view.get(scope('reader'), 'Customer', 1)).toMatchObject({ email: 'start@example.com' });
    expect(view.snapshot('reader')).toEqual(START_DATA);
    expect(view.update(scope('reader'), 'Customer', 99, { email: 'x' })).toBeUndefined();
    expect(view.remove(scope('reader'), 'Customer', 99)).toBe(false);
    expect(store.sessions()).toEqual([DEFAULT_SESSION]);
    expect(sessions.list().find((s) => s.id === 'reader')).toMatchObject({ state: false, scenario: 'start' });
  });

  it.each<[string, (view: StateStore, session: string) => unknown, string[]]>([
    [
      'a create',
      (v, s) => v.create(scope(s), 'Customer', { email: 'new@example.com' }, ID),
      ['start@example.com', 'new@example.com'],
    ],
    [
      'an update',
      (v, s) => v.update(scope(s), 'Customer', 1, { email: 'changed@example.com' }),
      ['changed@example.com'],
    ],
    ['a remove', (v, s) => v.remove(scope(s), 'Customer', 1), []],
  ])('gives a session its own copy at its first write (%s); others still share', async (_what, write, after) => {
    const { store, view, sessions } = await setUp();
    sessions.prepare('writer');
    write(view, 'writer');
    expect(emails(view, 'writer')).toEqual(after);
    expect(store.sessions().sort()).toEqual([DEFAULT_SESSION, 'writer']);
    expect(emails(view, 'other')).toEqual(['start@example.com']);
    expect(sessions.list().find((s) => s.id === 'writer')?.state).toBe(true);
  });

  it('gives every session the start-up rules, each counting its own times', async () => {
    const { runtime, sessions } = await setUp();
    sessions.prepare('a');
    runtime.take({ session: 'a', api: 'billiecart', operation: 'CreateCustomerRequest', dto: {} });
    sessions.prepare('b');
    expect(runtime.rules('a')[0]?.fired).toBe(1);
    expect(runtime.rules('b')[0]?.fired).toBe(0);
  });
});

describe('SessionSeeder: limits', () => {
  it('forgets a session idle longer than the time-out: rules, journal and state', async () => {
    const { store, runtime, view, sessions, advance } = await setUp({ idleMinutes: 30, maxSessions: 100 });
    sessions.prepare('idle');
    view.create(scope('idle'), 'Customer', { email: 'mine@example.com' }, ID);
    runtime.addRule('idle', { operation: '*', status: 500 });
    journal(runtime, 'idle');
    advance(30 * MINUTE);
    sessions.prepare('busy');
    expect(sessions.list().map((s) => s.id)).toEqual([DEFAULT_SESSION, 'busy', 'idle']);
    advance(1);
    sessions.prepare('busy');
    expect(sessions.list().map((s) => s.id)).toEqual([DEFAULT_SESSION, 'busy']);
    expect(store.sessions()).not.toContain('idle');
    expect(runtime.journal('idle')).toEqual([]);
    // Coming back, it starts afresh from the start-up scenario.
    sessions.prepare('idle');
    expect(runtime.rules('idle').map((r) => r.status)).toEqual([409]);
    expect(emails(view, 'idle')).toEqual(['start@example.com']);
  });

  it('evicts the least recently used past the maximum, never the default session', async () => {
    const { store, view, sessions, advance } = await setUp({ idleMinutes: 1, maxSessions: 2 });
    view.create(scope(DEFAULT_SESSION), 'Customer', { email: 'default@example.com' }, ID);
    for (const id of ['a', 'b', 'a', 'c']) {
      sessions.prepare(id);
      advance(1000);
    }
    expect(sessions.list().map((s) => s.id)).toEqual([DEFAULT_SESSION, 'c', 'a']);
    advance(60 * MINUTE);
    sessions.prepare('d');
    expect(sessions.list().map((s) => s.id)).toEqual([DEFAULT_SESSION, 'd']);
    expect(emails(view, DEFAULT_SESSION)).toEqual(['start@example.com', 'default@example.com']);
    expect(store.sessions()).toEqual([DEFAULT_SESSION]);
  });

  it('counts a call journalled before its session was prepared (a 401) as a use', async () => {
    const { runtime, sessions } = await setUp({ idleMinutes: 30, maxSessions: 1 });
    journal(runtime, 'unauthorised');
    expect(sessions.list().map((s) => s.id)).toEqual([DEFAULT_SESSION, 'unauthorised']);
    journal(runtime, 'next');
    expect(runtime.journal('unauthorised')).toEqual([]);
    expect(runtime.journal('next')).toHaveLength(1);
  });

  it('knows the sessions the store held before start-up, so the limits apply to them', async () => {
    const store = await openStore({ memory: true });
    store.replace('earlier', START_DATA);
    const sessions = new SessionSeeder(store, new MockRuntime(), () => ID, { idleMinutes: 30, maxSessions: 5 });
    await sessions.begin(() => Promise.resolve({ name: null, data: {}, rules: [] }), false);
    expect(sessions.list().find((s) => s.id === 'earlier')?.state).toBe(true);
    expect(await sessions.delete('earlier')).toBe(true);
    expect(store.sessions()).toEqual([]);
  });

  it('starts every session from a start-up scenario: what sessions wrote in an earlier run goes', async () => {
    const store = await openStore({ memory: true });
    store.replace('earlier', { billiecart: { Customer: [{ id: 7, email: 'old@example.com' }] } });
    const sessions = new SessionSeeder(store, new MockRuntime(), () => ID, { idleMinutes: 30, maxSessions: 5 });
    await sessions.begin(() => Promise.resolve({ name: 'start', data: START_DATA, rules: [] }), true);
    expect(store.sessions()).toEqual([DEFAULT_SESSION]);
    expect(emails(sessions.view, 'earlier')).toEqual(['start@example.com']);
  });

  it.each([
    [{ idleMinutes: 0, maxSessions: 10 }, /idle time-out/],
    [{ idleMinutes: 30, maxSessions: 0 }, /maximum number of sessions/],
    [{ idleMinutes: 30, maxSessions: 1.5 }, /maximum number of sessions/],
  ])('refuses limits %j', async (limits, message) => {
    const store = await openStore({ memory: true });
    expect(() => new SessionSeeder(store, new MockRuntime(), () => ID, limits)).toThrow(message);
  });
});

describe('SessionSeeder: reset, activate, delete', () => {
  it('reset re-reads the start-up scenario and puts a session back to sharing it', async () => {
    const { store, view, sessions, loads, edit } = await setUp();
    view.create(scope('s'), 'Customer', { email: 'mine@example.com' }, ID);
    edit({ name: 'start', data: { billiecart: { Customer: [{ id: 2, email: 'edited@example.com' }] } }, rules: [] });
    await sessions.reset('s');
    expect(loads()).toBe(2);
    expect(emails(view, 's')).toEqual(['edited@example.com']);
    expect(store.sessions()).toEqual([DEFAULT_SESSION]);
    // The default session keeps what it has until it is reset itself.
    expect(emails(view, DEFAULT_SESSION)).toEqual(['start@example.com']);
    await sessions.reset(DEFAULT_SESSION);
    expect(emails(view, DEFAULT_SESSION)).toEqual(['edited@example.com']);
  });

  it("activate makes a scenario the session's own state and names it; reset names the start-up one again", async () => {
    const { view, sessions } = await setUp();
    await sessions.activate('s', { billiecart: { Customer: [{ id: 5, email: 'other@example.com' }] } }, [], 'other');
    expect(sessions.scenarioOf('s')).toBe('other');
    expect(sessions.scenarioOf('never-seen')).toBe('start');
    expect(emails(view, 's')).toEqual(['other@example.com']);
    await sessions.reset('s');
    expect(sessions.scenarioOf('s')).toBe('start');
  });

  it('delete forgets a session; an unknown one is false; the default one is refused', async () => {
    const { store, runtime, view, sessions } = await setUp();
    view.create(scope('gone'), 'Customer', { email: 'x@example.com' }, ID);
    journal(runtime, 'gone');
    expect(await sessions.delete('gone')).toBe(true);
    expect(await sessions.delete('gone')).toBe(false);
    expect(store.sessions()).toEqual([DEFAULT_SESSION]);
    expect(runtime.journal('gone')).toEqual([]);
    await expect(sessions.delete(DEFAULT_SESSION)).rejects.toThrow(/never deleted/);
  });
});
