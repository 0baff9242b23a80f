/**
 * Operations that answer a string or raw data, as ServiceStack writes them (README, The schemas): an
 * `IReturn<string>` answers its text unquoted in the negotiated content type, `IReturn<byte[]>` and
 * `IReturn<Stream>` answer bytes as `application/octet-stream`, `IReturnVoid` answers 204. Read through
 * `@servicestack/client` the way its own suite does (`createResponse()` returning `''` or a `Uint8Array`).
 * The fixture API is test/fixtures/schemas/raw (derived from its docs/dtos.cs).
 */
import { JsonServiceClient } from '@servicestack/client';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const start = (seed = 42) => startTestServer({ schemas: 'test/fixtures/schemas', api: 'raw', seed });

class HelloText {
  name?: string;
  constructor(init?: Partial<HelloText>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'HelloText';
  }
  getMethod() {
    return 'GET';
  }
  createResponse() {
    return '';
  }
}

class GetReceiptBytes {
  orderId?: number;
  constructor(init?: Partial<GetReceiptBytes>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'GetReceiptBytes';
  }
  getMethod() {
    return 'GET';
  }
  createResponse() {
    return new Uint8Array(0);
  }
}

class Ping {
  message?: string;
  constructor(init?: Partial<Ping>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'Ping';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {}
}

let mock: MockServer;
beforeAll(async () => {
  mock = await start();
});
afterAll(() => mock.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(mock.url + path, { headers });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('IReturn<string>', () => {
  it('answers raw text, not a quoted JSON string, in the negotiated content type', async () => {
    for (const [path, type] of [
      ['/hello/World', /^application\/json/],
      ['/hello/World?format=xml', /^application\/xml; charset=utf-8$/],
      ['/api/HelloText?name=World', /^application\/json/],
      ['/hello/World.jsv', /jsv/],
    ] as const) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(type);
      const text = res.bytes.toString('utf8');
      expect(text.length).toBeGreaterThan(0);
      expect(text.startsWith('"')).toBe(false);
      expect(text).not.toBe('{}');
    }
  });

  it('the same text for the same request under the same seed, another for another request', async () => {
    const first = (await get('/hello/World')).bytes.toString('utf8');
    expect((await get('/hello/World')).bytes.toString('utf8')).toBe(first);
    expect((await get('/hello/Mars')).bytes.toString('utf8')).not.toBe(first);
  });

  it('reads as a string through JsonServiceClient', async () => {
    const client = new JsonServiceClient(mock.url);
    const text = await client.get(new HelloText({ name: 'World' }));
    expect(typeof text).toBe('string');
    expect(text).toBe((await get('/api/HelloText?name=World')).bytes.toString('utf8'));
  });
});

describe('IReturn<byte[]> and IReturn<Stream>', () => {
  it('answer bytes as application/octet-stream', async () => {
    for (const path of ['/receipts/7', '/exports/report', '/api/GetReceiptBytes?orderId=7']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/octet-stream');
      expect(res.bytes.length).toBeGreaterThan(0);
    }
  });

  it('read as a Uint8Array through JsonServiceClient', async () => {
    const client = new JsonServiceClient(mock.url);
    const bytes = await client.get(new GetReceiptBytes({ orderId: 7 }));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes)).toEqual((await get('/receipts/7')).bytes);
  });
});

describe('other non-DTO answers', () => {
  it('IReturn<List<string>> answers a JSON array', async () => {
    const res = await get('/tags');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = JSON.parse(res.bytes.toString('utf8')) as unknown;
    expect(Array.isArray(body)).toBe(true);
    expect((body as unknown[]).every((t) => typeof t === 'string')).toBe(true);
  });

  it('IReturnVoid answers 204 with no body, also through JsonServiceClient', async () => {
    const res = await fetch(`${mock.url}/ping`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"message":"hi"}',
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expect(new JsonServiceClient(mock.url).post(new Ping({ message: 'hi' }))).resolves.toBeFalsy();
  });
});
