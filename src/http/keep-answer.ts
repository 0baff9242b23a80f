/**
 * Keeps each answer's body on its call, so the journal can show a tester what was answered (README
 * "QA dashboard"). A reference, not a copy, except for sign-in and refresh answers: their tokens are
 * masked, as the journal masks the credentials in their requests.
 */
import type { Send } from './respond.js';

/** Answer members the journal never keeps in clear, per operation. */
const SECRET_ANSWERS: Record<string, readonly string[]> = {
  Authenticate: ['bearerToken', 'refreshToken', 'sessionId'],
  GetAccessToken: ['accessToken'],
};

const masked = (operation: string | undefined, body: unknown): unknown => {
  const secrets = operation === undefined ? undefined : SECRET_ANSWERS[operation];
  if (!secrets || typeof body !== 'object' || body === null) return body;
  const copy = { ...(body as Record<string, unknown>) };
  for (const name of secrets) if (copy[name] !== undefined) copy[name] = '***';
  return copy;
};

export const keepingAnswers =
  (send: Send): Send =>
  (call, reply, reason) => {
    call.answer = masked(call.operation?.name, reply.body);
    send(call, reply, reason);
  };
