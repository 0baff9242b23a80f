import { UUID_V4 } from '../faker/id-stream.js';
import { openStore, type Scope, type StateStore } from './index.js';

const scope: Scope = { api: 'billiecart', session: 'default', tenant: '' };
const intId = { property: 'id', type: 'integer' } as const;
const uuidId = { property: 'id', type: 'string' } as const;

let store: StateStore;
beforeEach(async () => {
  store = await openStore({ memory: true });
});
afterEach(() => store.close());

describe('StateStore in memory', () => {
  it('assigns integer ids that count up per api and resource, across sessions and tenants', () => {
    const a = store.create(scope, 'Customer', { name: 'Ann' }, intId);
    const b = store.create({ ...scope, session: 'ci-1' }, 'Customer', { name: 'Bob' }, intId);
    const c = store.create({ ...scope, tenant: 'org-1' }, 'Customer', { name: 'Cat' }, intId);
    const other = store.create({ ...scope, api: 'home' }, 'Customer', { name: 'Dan' }, intId);
    expect([a.id, b.id, c.id, other.id]).toEqual([1, 2, 3, 1]);
  });

  it('assigns UUIDs to string ids and keeps an id the caller sent', () => {
    const made = store.create(scope, 'Person', { name: 'Ann' }, uuidId);
    expect(made.id).toMatch(UUID_V4);
    expect(store.create(scope, 'Person', { id: 'mine', name: 'Bob' }, uuidId).id).toBe('mine');
    expect(store.create(scope, 'Person', { id: null, name: 'Cat' }, uuidId).id).toEqual(expect.any(String));
  });

  describe('string ids from the seeded stream of each (session, api, resource, tenant)', () => {
    const seeded = (seed: number) => ({ ...uuidId, seed });
    const draw = (target: StateStore, where: Scope, seed = 1) =>
      target.create(where, 'Person', {}, seeded(seed)).id as string;

    it('gives the same ids for the same calls, on any store', async () => {
      const other = await openStore({ memory: true });
      const calls = [scope, { ...scope, session: 'ci-1' }, { ...scope, tenant: 'org-1' }, scope];
      expect(calls.map((where) => draw(store, where))).toEqual(calls.map((where) => draw(other, where)));
      await other.close();
    });

    it.each<[string, Scope, number]>([
      ['another seed', scope, 2],
      ['another session', { ...scope, session: 'ci-1' }, 1],
      ['another api', { ...scope, api: 'home' }, 1],
      ['another tenant', { ...scope, tenant: 'org-1' }, 1],
    ])('gives other ids for %s', (_, where, seed) => {
      expect(draw(store, where, seed)).not.toBe(draw(store, scope));
    });

    it("does not shift a session's ids when another session creates", async () => {
      const alone = await openStore({ memory: true });
      const expected = [draw(alone, scope), draw(alone, scope)];
      const first = draw(store, scope);
      draw(store, { ...scope, session: 'ci-1' });
      expect([first, draw(store, scope)]).toEqual(expected);
      await alone.close();
    });

    it('continues past a removed record, and starts again when the session is cleared', () => {
      const first = draw(store, scope);
      store.remove(scope, 'Person', first);
      const second = draw(store, scope);
      expect(second).not.toBe(first);
      store.clear('default');
      expect([draw(store, scope), draw(store, scope)]).toEqual([first, second]);
    });

    it('nextId draws the id create would have given, once', async () => {
      const other = await openStore({ memory: true });
      const drawn = store.nextId(scope, 'Person', seeded(1));
      expect(drawn).toBe(draw(other, scope));
      expect(draw(store, scope)).toBe(draw(other, scope));
      expect(store.nextId(scope, 'Customer', intId)).toBe(1);
      expect(store.create(scope, 'Customer', {}, intId).id).toBe(2);
      await other.close();
    });
  });

  it('never reuses an integer id: not after a remove, a clear or an explicit higher id', () => {
    store.create(scope, 'Customer', {}, intId);
    const second = store.create(scope, 'Customer', {}, intId);
    store.remove(scope, 'Customer', second.id as number);
    expect(store.create(scope, 'Customer', {}, intId).id).toBe(3);
    store.clear();
    expect(store.create(scope, 'Customer', {}, intId).id).toBe(4);
    store.create(scope, 'Customer', { id: 40 }, intId);
    expect(store.create(scope, 'Customer', {}, intId).id).toBe(41);
  });

  it('finds records by id as string or number', () => {
    store.create(scope, 'Customer', { name: 'Ann' }, intId);
    expect(store.get(scope, 'Customer', '1')).toEqual({ id: 1, name: 'Ann' });
    expect(store.get(scope, 'Customer', 1)).toEqual({ id: 1, name: 'Ann' });
    expect(store.get(scope, 'Customer', 2)).toBeUndefined();
    expect(store.get(scope, 'Nothing', 1)).toBeUndefined();
  });

  it('lists in insertion order, keeping an updated record in its place', () => {
    for (const name of ['a', 'b', 'c']) store.create(scope, 'Customer', { name }, intId);
    store.update(scope, 'Customer', '2', { name: 'B' });
    store.remove(scope, 'Customer', 1);
    store.create(scope, 'Customer', { name: 'd' }, intId);
    expect(store.list(scope, 'Customer').map((c) => c.name)).toEqual(['B', 'c', 'd']);
    expect(store.list(scope, 'Nothing')).toEqual([]);
  });

  it('updates by shallow merge, never changing the id, and removes keys set to undefined', () => {
    store.create(scope, 'Customer', { name: 'Ann', address: { city: 'Sydney' }, note: 'x' }, intId);
    const updated = store.update(scope, 'Customer', '1', { id: 99, address: { postcode: '2000' }, note: undefined });
    expect(updated).toEqual({ id: 1, name: 'Ann', address: { postcode: '2000' } });
    expect(store.get(scope, 'Customer', 1)).toEqual(updated);
    expect(store.update(scope, 'Customer', 2, { name: 'nobody' })).toBeUndefined();
  });

  it('replaces a record whose id already exists (upsert)', () => {
    store.create(scope, 'Customer', { id: 5, name: 'Ann' }, intId);
    store.create(scope, 'Customer', { id: 5, name: 'Bob' }, intId);
    expect(store.list(scope, 'Customer')).toEqual([{ id: 5, name: 'Bob' }]);
  });

  it('removes, answering whether there was a record', () => {
    store.create(scope, 'Customer', {}, intId);
    expect(store.remove(scope, 'Customer', '1')).toBe(true);
    expect(store.remove(scope, 'Customer', '1')).toBe(false);
    expect(store.remove(scope, 'Nothing', '1')).toBe(false);
  });

  it('keeps sessions, tenants and apis apart', () => {
    store.create(scope, 'Customer', { id: 1, who: 'default' }, intId);
    store.create({ ...scope, session: 'ci-7' }, 'Customer', { id: 1, who: 'ci-7' }, intId);
    store.create({ ...scope, tenant: 'org-1' }, 'Customer', { id: 1, who: 'org-1' }, intId);
    store.create({ ...scope, api: 'home' }, 'Customer', { id: 1, who: 'home' }, intId);
    expect(store.get(scope, 'Customer', 1)?.who).toBe('default');
    expect(store.get({ ...scope, session: 'ci-7' }, 'Customer', 1)?.who).toBe('ci-7');
    expect(store.get({ ...scope, tenant: 'org-1' }, 'Customer', 1)?.who).toBe('org-1');
    expect(store.get({ ...scope, tenant: 'org-2' }, 'Customer', 1)).toBeUndefined();
    expect(store.get({ ...scope, api: 'home' }, 'Customer', 1)?.who).toBe('home');
  });

  it('stores what JSON keeps, copied from the caller, and hands out frozen records', () => {
    const input = { name: 'Ann', born: new Date('1980-05-17T00:00:00Z'), gone: undefined, tags: ['a'] };
    const stored = store.create(scope, 'Customer', input, intId);
    input.tags.push('b');
    expect(stored).toEqual({ id: 1, name: 'Ann', born: '1980-05-17T00:00:00.000Z', tags: ['a'] });
    expect(() => {
      (stored as { name: string }).name = 'Bob';
    }).toThrow(TypeError);
    expect(() => (stored.tags as string[]).push('c')).toThrow(TypeError);
    expect(store.get(scope, 'Customer', 1)).toBe(stored);
  });

  it('rejects what cannot be stored', () => {
    expect(() => store.create(scope, 'Customer', { id: true }, intId)).toThrow(
      /Customer\.id must be a string or a number/,
    );
    expect(() => store.create(scope, 'Customer', { n: 1n }, intId)).toThrow(/not JSON/);
    expect(() => store.create(scope, 'Customer', [] as unknown as Record<string, unknown>, intId)).toThrow(/object/);
  });

  it('clears one session or all', () => {
    store.create(scope, 'Customer', {}, intId);
    store.create({ ...scope, session: 'ci' }, 'Customer', {}, intId);
    store.clear('ci');
    expect(store.list({ ...scope, session: 'ci' }, 'Customer')).toEqual([]);
    expect(store.list(scope, 'Customer')).toHaveLength(1);
    store.clear();
    expect(store.list(scope, 'Customer')).toEqual([]);
  });

  it('refuses mutations after close', async () => {
    await store.close();
    expect(() => store.create(scope, 'Customer', {}, intId)).toThrow(/closed/);
  });

  it('reports no file writes in memory mode', async () => {
    store.create(scope, 'Customer', {}, intId);
    await store.flush();
    expect(store.stats()).toMatchObject({ writes: 0, records: 1 });
  });
});

describe('snapshot and replace', () => {
  it('returns one session as plain JSON, tenanted records tagged with $tenant', () => {
    store.create(scope, 'Customer', { name: 'Ann' }, intId);
    store.create({ ...scope, tenant: 'org-1' }, 'Customer', { name: 'Bob' }, intId);
    store.create({ ...scope, session: 'other' }, 'Customer', { name: 'Cat' }, intId);
    store.create(scope, 'Empty', {}, intId);
    store.remove(scope, 'Empty', 1);
    const snapshot = store.snapshot('default');
    expect(snapshot).toEqual({
      billiecart: {
        Customer: [
          { id: 1, name: 'Ann' },
          { $tenant: 'org-1', id: 2, name: 'Bob' },
        ],
      },
    });
    expect(Object.isFrozen(snapshot.billiecart?.Customer?.[0])).toBe(false);
    expect(store.snapshot('nobody')).toEqual({});
  });

  it('round-trips: replace(snapshot()) into another session gives the same state', () => {
    store.create(scope, 'Customer', { name: 'Ann' }, intId);
    store.create({ ...scope, tenant: 'org-1' }, 'Customer', { name: 'Bob' }, intId);
    store.replace('copy', store.snapshot('default'));
    expect(store.snapshot('copy')).toEqual(store.snapshot('default'));
    expect(store.get({ ...scope, session: 'copy', tenant: 'org-1' }, 'Customer', '2')).toEqual({ id: 2, name: 'Bob' });
  });

  it('replaces the whole session and gives records without an id the next id', () => {
    store.create(scope, 'Customer', { name: 'old' }, intId);
    store.create(scope, 'Order', { name: 'old' }, intId);
    store.replace('default', { billiecart: { Customer: [{ id: 7, name: 'Ann' }, { name: 'Bob' }] } });
    expect(store.list(scope, 'Customer')).toEqual([
      { id: 7, name: 'Ann' },
      { id: 8, name: 'Bob' },
    ]);
    expect(store.list(scope, 'Order')).toEqual([]);
    expect(store.create(scope, 'Customer', {}, intId).id).toBe(9);
  });

  it('keys unknown resources by the id lookup, else by a property named id in any casing', () => {
    store.replace(
      'default',
      {
        home: { Thing: [{ Id: 3, Name: 'x' }], Tag: [{ code: 'a' }] },
      },
      (api, resource) => (resource === 'Tag' ? { property: 'code', type: 'string' } : undefined),
    );
    const home = { ...scope, api: 'home' };
    expect(store.get(home, 'Thing', '3')).toEqual({ Id: 3, Name: 'x' });
    expect(store.get(home, 'Tag', 'a')).toEqual({ code: 'a' });
    expect(store.create(home, 'Thing', { Name: 'y' }, { property: 'Id', type: 'integer' }).Id).toBe(4);
  });

  it.each([
    ['not an object', [], /the state must be an object/],
    ['an api that is not an object', { billiecart: [] }, /state\.billiecart must be an object/],
    ['records that are not an array', { billiecart: { Customer: {} } }, /state\.billiecart\.Customer must be an array/],
    [
      'a record that is not an object',
      { billiecart: { Customer: [{ id: 1 }, 'x'] } },
      /Customer\[1\] must be an object/,
    ],
    [
      'a $tenant that is not a string',
      { billiecart: { Customer: [{ $tenant: 1 }] } },
      /Customer\[0\]\.\$tenant must be a string/,
    ],
    ['a repeated id', { billiecart: { Customer: [{ id: 1 }, { id: '1' }] } }, /Customer\[1\] repeats the id 1/],
    ['an id of the wrong kind', { billiecart: { Customer: [{ id: {} }] } }, /Customer\[0\] has an id/],
  ])('rejects %s and changes nothing', (_, snapshot, message) => {
    store.create(scope, 'Customer', { name: 'kept' }, intId);
    expect(() => store.replace('default', snapshot as never)).toThrow(message);
    expect(store.list(scope, 'Customer')).toEqual([{ id: 1, name: 'kept' }]);
  });

  it('allows the same id in different tenants', () => {
    store.replace('default', { billiecart: { Customer: [{ id: 1 }, { $tenant: 'org-1', id: 1 }] } });
    expect(store.get({ ...scope, tenant: 'org-1' }, 'Customer', 1)).toEqual({ id: 1 });
    expect(store.get(scope, 'Customer', 1)).toEqual({ id: 1 });
  });
});
