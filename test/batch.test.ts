/**
 * Auto-batched requests through @servicestack/client's sendAll / sendAllOneWay and over raw HTTP:
 * every item admitted before any executes, items in order, the first failure stopping the batch
 * with `meta.AutoBatchIndex`, `X-AutoBatch-Completed`, one journal entry per item.
 */
import { JsonServiceClient } from '@servicestack/client';
import type { MockServer } from '../src/server/start.js';
import { Authenticate, CreateCustomerRequest, CreatePersonRequest } from './dtos.js';
import { rejection, startTestServer } from './helpers.js';

interface ErrorWithMeta {
  responseStatus: { errorCode: string; message: string; meta?: Record<string, string> };
}

let mock: MockServer;
let base: string;

beforeAll(async () => {
  mock = await startTestServer({ api: 'billiecart' });
  base = mock.url;
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const people = (snapshot: unknown): unknown[] =>
  ((snapshot as { billiecart?: { Person?: unknown[] } }).billiecart?.Person ?? []) as unknown[];

const state = async (): Promise<unknown> => (await fetch(`${base}/__ssmock/state`)).json();

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('auto-batched requests', () => {
  it('sendAll answers each item in order; each item is a journal entry of its own', async () => {
    const items = ['Australia/Sydney', 'Australia/Perth', 'Australia/Hobart'].map(
      (timezone) => new CreatePersonRequest({ timezone, phoneNumber: '+61 400 000 000' }),
    );
    const answers = await new JsonServiceClient(base).sendAll(items);
    expect(answers.map((a) => (a.person as { timezone: string }).timezone)).toEqual([
      'Australia/Sydney',
      'Australia/Perth',
      'Australia/Hobart',
    ]);
    expect(people(await state())).toHaveLength(3);
    const journal = mock.requests().slice(-3);
    expect(journal.map((e) => [e.operation, e.batchIndex, e.status, e.path])).toEqual([
      ['CreatePersonRequest', 0, 200, '/api/CreatePersonRequest[]'],
      ['CreatePersonRequest', 1, 200, '/api/CreatePersonRequest[]'],
      ['CreatePersonRequest', 2, 200, '/api/CreatePersonRequest[]'],
    ]);
    expect(journal[1]?.request).toEqual({ timezone: 'Australia/Perth', phoneNumber: '+61 400 000 000' });
  });

  it.each(['/json/reply/CreatePersonRequest[]', '/json/oneway/CreatePersonRequest[]'])(
    'answers the classic batch route %s',
    async (path) => {
      const res = await post(path, [{ timezone: 'UTC' }]);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { person: { timezone: string } }[])[0]?.person.timezone).toBe('UTC');
    },
  );

  it('says how many items completed, also percent-encoded', async () => {
    const res = await post('/api/CreatePersonRequest%5B%5D', [{ timezone: 'UTC' }, { timezone: 'UTC' }]);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-autobatch-completed')).toBe('2');
    expect(((await res.json()) as unknown[]).length).toBe(2);
  });

  it('sendAllOneWay works', async () => {
    await new JsonServiceClient(base).sendAllOneWay([new CreatePersonRequest({ timezone: 'UTC' })]);
    expect(mock.requests().at(-1)).toMatchObject({ operation: 'CreatePersonRequest', batchIndex: 0, status: 200 });
    expect(people(await state())).toHaveLength(1);
  });

  it('admits every item before any executes: an invalid item names its index and nothing is stored', async () => {
    const client = new JsonServiceClient(base);
    const items = [
      new CreatePersonRequest({ timezone: 'UTC' }),
      Object.assign(new CreatePersonRequest(), { timezone: { nested: true } }),
    ];
    const err = (await rejection(client.sendAll(items))) as unknown as ErrorWithMeta;
    expect(err.responseStatus).toMatchObject({
      errorCode: 'SerializationException',
      meta: { AutoBatchIndex: '1' },
    });
    expect(people(await state())).toHaveLength(0);
  });

  it('stops at the first item that fails to execute: earlier items stay stored, X-AutoBatch-Completed counts them', async () => {
    mock.addRule({ operation: 'CreatePersonRequest', when: { timezone: 'Asia/Tokyo' }, status: 503 });
    const res = await post('/api/CreatePersonRequest[]', [
      { timezone: 'UTC' },
      { timezone: 'Asia/Tokyo' },
      { timezone: 'UTC' },
    ]);
    expect(res.status).toBe(503);
    expect(res.headers.get('x-autobatch-completed')).toBe('1');
    expect(((await res.json()) as ErrorWithMeta).responseStatus).toMatchObject({
      errorCode: 'ServiceUnavailable',
      meta: { AutoBatchIndex: '1' },
    });
    expect(people(await state())).toHaveLength(1);
  });

  it('authenticates the batch once: an anonymous batch of a protected operation is 401, a manager’s runs', async () => {
    const items = [new CreateCustomerRequest({ email: 'a@example.com' })];
    const anonymous = await rejection(new JsonServiceClient(base).sendAll(items));
    expect(anonymous.responseStatus.errorCode).toBe('Unauthorized');
    const manager = new JsonServiceClient(base);
    await manager.post(new Authenticate({ provider: 'credentials', userName: 'manager', password: 'p@ssw0rd' }));
    const created = await manager.sendAll(items);
    expect(created).toHaveLength(1);
  });

  it.each([
    ['an object', { timezone: 'UTC' }, 'SerializationException'],
    ['a string', 'nope', 'SerializationException'],
    ['an array of numbers', [1, 2], 'SerializationException'],
  ])('refuses a batch body that is %s with a 400', async (_what, body, errorCode) => {
    const res = await post('/api/CreatePersonRequest[]', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorWithMeta).responseStatus.errorCode).toBe(errorCode);
    expect(people(await state())).toHaveLength(0);
  });

  it('runs a batch of 10,000 items (ServiceStack sets no count limit; the body limit bounds it)', async () => {
    const res = await post(
      '/api/CreatePersonRequest[]',
      Array.from({ length: 10_000 }, () => ({ timezone: 'UTC' })),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-autobatch-completed')).toBe('10000');
    expect(((await res.json()) as unknown[]).length).toBe(10_000);
    expect(people(await state())).toHaveLength(10_000);
  });

  it('refuses a batch over the body limit with a 413 and stores nothing', async () => {
    const res = await post(
      '/api/CreatePersonRequest[]',
      Array.from({ length: 40_000 }, () => ({ timezone: 'Australia/Sydney', phoneNumber: '+61 400 000 000' })),
    );
    expect(res.status).toBe(413);
    expect(people(await state())).toHaveLength(0);
  });

  it('answers an empty batch with an empty array, and broken JSON with a 400', async () => {
    expect(await (await post('/api/CreatePersonRequest[]', [])).json()).toEqual([]);
    const broken = await fetch(`${base}/api/CreatePersonRequest[]`, { method: 'POST', body: '[{"timezone":' });
    expect(broken.status).toBe(400);
  });
});
