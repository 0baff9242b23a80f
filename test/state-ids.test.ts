/**
 * A read, update or delete by id names the id it could not find, never a JavaScript `undefined`: a request with no
 * id is ServiceStack's ArgumentNullException naming the property; an operation whose request has no id property
 * is not bound to a row at all (it answers a fake). The fixture API is test/fixtures/schemas/raw.
 */
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startTestServer({ schemas: 'test/fixtures/schemas', api: 'raw' });
});
afterAll(() => mock.close());

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(mock.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, text: await res.text() };
};

describe('an id the request does not carry', () => {
  it.each([
    ['DELETE', '/orders'],
    ['GET', '/api/GetOrder'],
    ['GET', '/api/GetOrder?id=0'],
  ])('%s %s answers 400 ArgumentNullException naming Id', async (method, path) => {
    const res = await call(method, path);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      responseStatus: {
        errorCode: 'ArgumentNullException',
        message: "Value cannot be null. (Parameter 'Id')",
        errors: [{ errorCode: 'ArgumentNullException', fieldName: 'Id', message: 'Value cannot be null.' }],
      },
    });
  });

  it('an id the state does not hold is 404 naming it', async () => {
    const res = await call('GET', '/orders/99');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({
      responseStatus: { errorCode: 'NotFound', message: "Order with id '99' does not exist" },
    });
  });

  it.each([
    ['GET', '/all-types?name=Ann', undefined],
    ['PUT', '/all-types', { name: 'Ann' }],
  ])('%s %s, whose request has no id property, answers a fake, never "undefined"', async (method, path, body) => {
    const res = await call(method, path, body);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/undefined/);
    expect(JSON.parse(res.text)).toEqual({ id: expect.any(Number), name: expect.any(String) });
  });
});
