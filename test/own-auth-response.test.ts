/**
 * The built-in Authenticate answers with the members of the API's own `AuthenticateResponse` where its DTO file
 * defines one: the fixture API raw declares no `authProvider`, so a sign-in answers none, and the self-check
 * (`fail` in tests) finds nothing to report.
 */
import { JsonServiceClient } from '@servicestack/client';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startTestServer({ schemas: 'test/fixtures/schemas', api: 'raw' });
});
afterAll(() => mock.close());

const DECLARED = ['bearerToken', 'displayName', 'refreshToken', 'responseStatus', 'sessionId', 'userId', 'userName'];

const signIn = () =>
  fetch(`${mock.url}/auth/credentials`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userName: 'manager', password: 'p@ssw0rd' }),
  });

describe("the API's own AuthenticateResponse", () => {
  it('a credentials sign-in answers only the members it declares', async () => {
    const res = await signIn();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ssmock-self-check')).toBeNull();
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('authProvider');
    expect(body).toMatchObject({ userName: 'manager', bearerToken: expect.any(String) });
    expect(Object.keys(body).every((k) => DECLARED.includes(k))).toBe(true);
  });

  it('so does GET /auth for the signed-in user, through JsonServiceClient', async () => {
    const { bearerToken } = (await (await signIn()).json()) as { bearerToken: string };
    const client = new JsonServiceClient(mock.url);
    client.bearerToken = bearerToken;
    const session = await client.get<Record<string, unknown>>('/auth');
    expect(session).toMatchObject({ userName: 'manager' });
    expect(session).not.toHaveProperty('authProvider');
  });
});
