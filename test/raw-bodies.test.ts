/**
 * Request bodies ServiceStack never deserialises: an `IRequiresRequestStream` DTO is bound from its route and
 * query string and gets the body as a stream, whatever its Content-Type; a `text/plain` body (a string posted as
 * is) binds nothing, since no deserialiser is registered for it. Either way the call passes binding and
 * validation, and the journal records the body's size, never its bytes. The fixture API is
 * test/fixtures/schemas/raw (`UploadFile : IRequiresRequestStream`, `SendText : IReturn<string>`).
 */
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startTestServer({ schemas: 'test/fixtures/schemas', api: 'raw' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const send = (method: string, path: string, contentType: string, body: string | Buffer) =>
  fetch(mock.url + path, { method, headers: { 'Content-Type': contentType }, body });

const lastEntry = () => mock.requests().at(-1)!;

describe('IRequiresRequestStream', () => {
  it.each([
    ['application/octet-stream', Buffer.from([0, 1, 2, 250, 251, 252, 253])],
    ['text/csv', 'id,name\n1,Ann\n'],
    ['application/json', 'not json at all'],
    ['application/xml', '<broken'],
  ])('a %s body is never deserialised: 200, bound from the route', async (type, body) => {
    // `.txt`, not `.csv`: ServiceStack takes a registered format's extension (csv, jsonl…) off the path.
    const res = await send('PUT', '/uploads/report.txt', type, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expect.objectContaining({ fileName: expect.any(String) }));
    const entry = lastEntry();
    expect(entry.operation).toBe('UploadFile');
    expect(entry.request).toEqual({ fileName: 'report.txt' });
    expect(entry.problems).toEqual([
      `raw body of ${Buffer.byteLength(body)} byte(s) (${type}), not bound to the request DTO`,
    ]);
  });

  it('also on the predefined route, the rest from the query string', async () => {
    const res = await send('PUT', '/api/UploadFile?fileName=a.bin', 'application/json', '\u0000\u0001');
    expect(res.status).toBe(200);
    expect(lastEntry().request).toEqual({ fileName: 'a.bin' });
  });
});

describe('a string posted as text/plain', () => {
  it('on a user route binds nothing from the body: the query string and route bind, the answer is text', async () => {
    const res = await send('POST', '/sendtext?id=1&name=foo', 'text/plain', 'the body as is');
    expect(res.status).toBe(200);
    expect(typeof (await res.text())).toBe('string');
    expect(lastEntry().request).toEqual({ id: 1, name: 'foo' });
    expect(lastEntry().problems).toEqual(['raw body of 14 byte(s) (text/plain), not bound to the request DTO']);
  });

  it('a predefined route reads its own format whatever the Content-Type: text that is no DTO is a 400', async () => {
    // ServiceStack.Text: "Type definitions should start with a '{'" (DeserializeTypeRefJson).
    const res = await send('POST', '/json/reply/SendText?id=2', 'text/plain;charset=UTF-8', 'hello');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ responseStatus: { errorCode: 'SerializationException' } });
  });

  it('while JSON sent as text/plain (JsonApiClient sends no Content-Type) is still read', async () => {
    const res = await send('POST', '/api/SendText', 'text/plain;charset=UTF-8', '{"id":3,"name":"bar"}');
    expect(res.status).toBe(200);
    expect(lastEntry().request).toEqual({ id: 3, name: 'bar' });
    expect(lastEntry().problems).toEqual([]);
  });

  it('another media type with no codec is still 415 (README, Errors: the mock tells the front end)', async () => {
    expect((await send('POST', '/sendtext', 'image/png', 'xx')).status).toBe(415);
  });
});
