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

  it('keeps the event loop responsive while serialising 100,000 records', async () => {
    const state = stateWith(100_000);
    const gaps: number[] = [];
    let last = performance.now();
    let ticking = true;
    const tick = (): void => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const begin = performance.now();
    await refreshChunks(state);
    const total = performance.now() - begin;
    const start = performance.now();
    const { bytes } = render(state);
    const renderMs = performance.now() - start;
    ticking = false;
    expect(bytes).toBeGreaterThan(30_000_000);
    // Done in one go this would block for all of `total` (JSON.stringify alone: ~200 ms). Sliced, the loop
    // turns over every few milliseconds; the longest gaps are garbage collections, so bound them loosely.
    gaps.sort((a, b) => a - b);
    expect(gaps.length).toBeGreaterThan(10);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThan(20);
    expect(gaps[gaps.length - 1]).toBeLessThan(total / 3);
    expect(renderMs).toBeLessThan(50);
  });
});
