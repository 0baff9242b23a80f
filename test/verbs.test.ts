/**
 * OPTIONS never runs an operation (it is answered as a CORS preflight would be); HEAD is answered
 * like GET without a body and never writes state, even on a predefined route of a create.
 */
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startTestServer({ auth: 'off' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const stored = async (): Promise<number> => {
  const state = (await (await fetch(`${mock.url}/__ssmock/state`)).json()) as Record<string, Record<string, unknown[]>>;
  return Object.values(state).flatMap((api) => Object.values(api).flat()).length;
};

describe('verbs that must not run an operation', () => {
  it.each([
    '/billiecart/api/CreatePersonRequest',
    '/billiecart/json/reply/CreatePersonRequest',
    '/servicestack-home/Customer',
    '/billiecart/customers',
  ])('OPTIONS %s answers 204 with Allow and runs nothing', async (path) => {
    const res = await fetch(`${mock.url}${path}`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toContain('POST');
    expect(await stored()).toBe(0);
    expect(mock.requests()).toEqual([]);
  });

  it('HEAD of a create on a predefined route answers without a body and stores nothing', async () => {
    const res = await fetch(`${mock.url}/billiecart/api/CreatePersonRequest?timezone=UTC`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(await stored()).toBe(0);
  });

  it('HEAD of a GET route answers like GET, without the body', async () => {
    const created = (await (
      await fetch(`${mock.url}/servicestack-home/Customer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'head@example.com' }),
      })
    ).json()) as { id: number };
    const get = await fetch(`${mock.url}/servicestack-home/Customer/${created.id}`);
    const head = await fetch(`${mock.url}/servicestack-home/Customer/${created.id}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(await head.text()).toBe('');
    const missing = await fetch(`${mock.url}/servicestack-home/Customer/999999`, { method: 'HEAD' });
    expect(missing.status).toBe(404);
  });
});
