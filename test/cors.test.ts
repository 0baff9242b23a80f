/** CORS for a browser front end on another origin (the JS client sends credentials: "include"). */
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

let mock: MockServer;
let billie: string;
const origin = 'http://localhost:5173';

beforeAll(async () => {
  mock = await startTestServer({ auth: 'off' });
  billie = `${mock.url}/billiecart`;
});
afterAll(() => mock.close());

describe('CORS', () => {
  it('answers a preflight with 204, the methods, the asked headers and credentials allowed', async () => {
    const res = await fetch(`${billie}/api/CreatePersonRequest`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('echoes the origin (never *) on answers, exposes the client headers and varies on Origin and Accept', async () => {
    const res = await fetch(`${billie}/api/CreatePersonRequest`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ timezone: 'Australia/Perth' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
    expect(res.headers.get('vary')).toBe('Origin, Accept');
  });

  it('keeps the CORS headers on error answers, so the browser lets the app read the ResponseStatus', async () => {
    const res = await fetch(`${billie}/api/NoSuchOperation`, { method: 'POST', headers: { Origin: origin } });
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('vary')).toBe('Origin, Accept');
  });

  it('adds nothing for a same-origin request (no Origin header)', async () => {
    const res = await fetch(`${billie}/api/CreatePersonRequest`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept');
  });
});
