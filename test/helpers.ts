/** Shared test helpers: a started mock on a free port with in-memory state. */
import { startMockServer, type MockServer, type MockServerOptions } from '../src/server/start.js';

export const startTestServer = (options: MockServerOptions = {}): Promise<MockServer> =>
  startMockServer({ port: 0, db: 'memory', seed: 42, selfCheck: 'fail', ...options });

export const signIn = async (base: string, userName = 'manager', password = 'p@ssw0rd'): Promise<string> => {
  const res = await fetch(`${base}/auth/credentials`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userName, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const body = (await res.json()) as { bearerToken: string };
  return body.bearerToken;
};

/** The error a failed @servicestack/client call rejects with (its ResponseStatus). */
export interface ClientError {
  responseStatus: {
    errorCode: string;
    message: string;
    errors?: { errorCode: string; fieldName: string; message: string }[];
  };
}

/** Awaits a client call that must fail and returns what it rejected with. */
export const rejection = async (p: Promise<unknown>): Promise<ClientError> => {
  try {
    await p;
  } catch (e) {
    return e as ClientError;
  }
  throw new Error('expected the call to fail');
};
