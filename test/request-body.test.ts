/** Request bodies on the wire: compressed, chunked, over the limit, unknown encodings, corrupt data. */
import http from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startTestServer({ auth: 'off', bodyLimit: 64 * 1024 });
});
afterAll(() => mock.close());

interface Answer {
  status: number;
  body: { person?: { timezone?: string }; responseStatus?: { errorCode: string; message: string } };
}

/** Sends raw bytes with http.request, optionally in several chunks without a Content-Length. */
const post = (body: Buffer | Buffer[], headers: Record<string, string> = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const chunks = Array.isArray(body) ? body : [body];
    const req = http.request(
      `${mock.url}/billiecart/api/CreatePersonRequest`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(Array.isArray(body) ? {} : { 'Content-Length': String(body.length) }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });

const person = Buffer.from(JSON.stringify({ timezone: 'Australia/Hobart', userAccountId: 'ua-9' }));

describe('request bodies', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('inflates a %s body', async (encoding, compress) => {
    const answer = await post(compress(person), { 'Content-Encoding': encoding });
    expect(answer.status).toBe(200);
    expect(answer.body.person?.timezone).toBe('Australia/Hobart');
  });

  it('reads a chunked body with no Content-Length', async () => {
    const answer = await post([person.subarray(0, 10), person.subarray(10)]);
    expect(answer.status).toBe(200);
    expect(answer.body.person?.timezone).toBe('Australia/Hobart');
  });

  it('answers 413 for a declared length over the limit, after the client has sent it all', async () => {
    const answer = await post(Buffer.alloc(100 * 1024, 0x20));
    expect(answer.status).toBe(413);
    expect(answer.body.responseStatus?.errorCode).toBe('RequestEntityTooLarge');
  });

  it('answers 413 for a chunked body that grows over the limit', async () => {
    const answer = await post([Buffer.alloc(40 * 1024, 0x20), Buffer.alloc(40 * 1024, 0x20)]);
    expect(answer.status).toBe(413);
    expect(answer.body.responseStatus?.errorCode).toBe('RequestEntityTooLarge');
  });

  it('answers 413 for a small compressed body that inflates over the limit (a zip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const answer = await post(bomb, { 'Content-Encoding': 'gzip' });
    expect(answer.status).toBe(413);
    expect(answer.body.responseStatus?.errorCode).toBe('RequestEntityTooLarge');
  });

  it('answers 415 for an unknown Content-Encoding', async () => {
    const answer = await post(person, { 'Content-Encoding': 'zstd-ish' });
    expect(answer.status).toBe(415);
    expect(answer.body.responseStatus).toMatchObject({ errorCode: 'UnsupportedMediaType' });
    expect(answer.body.responseStatus?.message).toContain("'zstd-ish'");
  });

  it('answers 400 SerializationException for corrupt compressed data', async () => {
    const answer = await post(Buffer.from('definitely not gzip'), { 'Content-Encoding': 'gzip' });
    expect(answer.status).toBe(400);
    expect(answer.body.responseStatus?.errorCode).toBe('SerializationException');
  });

  it('keeps serving after all of that', async () => {
    const answer = await post(person);
    expect(answer.status).toBe(200);
  });
});
