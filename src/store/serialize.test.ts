import { refreshChunks, render } from './serialize.js';
import { StoreState } from './state.js';

/** A Customer with ~15 fields, the size the product's benchmark uses. */
export const customer = (id: number): Record<string, unknown> => ({
  id,
  firstName: `Jane${id}`,
  lastName: 'Citizen',
  email: `jane${id}@example.com.au`,
  phone: '+61 412 345 678',
  addressLine1: `${id} George Street`,
  addressLine2: 'Level 3',
  suburb: 'Sydney',
  state: 'NSW',
  postcode: '2000',
  dateOfBirth: '1980-05-17',
  bsb: '062-000',
  accountNumber: '12345678',
  createdAt: '2024-01-01T00:00:00.000Z',
  organisationId: 'org-1',
});

const stateWith = (count: number): StoreState => {
  const state = new StoreState();
  state.setMeta('billiecart', 'Customer', { property: 'id', type: 'integer' });
  for (let id = 1; id <= count; id += 1) state.put(['default', 'billiecart', 'Customer', ''], String(id), customer(id));
  return state;
};

const text = (state: StoreState): string => Buffer.concat(render(state).buffers).toString('utf8');

describe('serialize', () => {
  it('renders the same data JSON.parse gives back', () => {
    const state = stateWith(300);
    state.put(['s2', 'home', 'Tag', 'org-1'], 'a', { code: 'a' });
    state.put(['s3', 'home', 'Gone', ''], 'x', { id: 'x' });
    state.delete(['s3', 'home', 'Gone', ''], 'x');
    expect(JSON.parse(text(state))).toEqual({
      version: 1,
      resources: { 'billiecart/Customer': { idProperty: 'id', idType: 'integer', lastId: 300 } },
      sessions: {
        default: { billiecart: { Customer: { $none: Array.from({ length: 300 }, (_, i) => customer(i + 1)) } } },
        s2: { home: { Tag: { 'org-1': [{ code: 'a' }] } } },
      },
    });
  });

  it('re-serialises only the chunks that changed since the last render', () => {
    const state = stateWith(10_000);
    render(state);
    expect(state.dirty.size).toBe(0);
    state.put(['default', 'billiecart', 'Customer', ''], '10001', customer(10_001));
    state.put(['default', 'billiecart', 'Customer', ''], '42', { ...customer(42), lastName: 'Changed' });
    expect(state.dirty.size).toBe(2);
    const rendered = JSON.parse(text(state)) as {
      sessions: { default: { billiecart: { Customer: { $none: unknown[] } } } };
    };
    const records = rendered.sessions.default.billiecart.Customer.$none;
    expect(records).toHaveLength(10_001);
    expect(records[41]).toMatchObject({ id: 42, lastName: 'Changed' });
  });

  it('yields to the event loop while serialising 100,000 records, and renders from the prepared chunks', async () => {
    const state = stateWith(100_000);
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // A 0 ms slice: it yields after every chunk (782 of them), whatever the machine's speed.
    await refreshChunks(state, 0);
    ticking = false;
    // Done in one go this would block the loop for all of it (JSON.stringify alone: ~200 ms); sliced, other
    // requests get turns in between. How long a slice takes is measured by bench/store.ts, not here.
    expect(turns).toBeGreaterThan(100);
    expect(state.dirty.size).toBe(0);
    const { bytes } = render(state);
    expect(bytes).toBeGreaterThan(30_000_000);
  });
});
