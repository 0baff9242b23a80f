/**
 * What a recorded scenario must never hold: a backend's answers and a client's requests carry passwords, tokens,
 * session ids and API keys, and a scenario file is committed and shared. Fields are matched by name, at any depth.
 */
import { isPlainObject } from '../formats/schema-walk.js';

/**
 * `password`, `confirmPassword`, `accessToken`, `refreshToken`, `bearerToken`, `sessionId`, `apiKey`, `secret`…:
 * the credentials ServiceStack's `AuthenticateResponse`, `Register` and API key services carry, by any spelling.
 */
const SECRET_NAME = /password|token|secret|session-?id|api-?key|authorization|cookie/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name.replace(/_/g, ''));

/** A copy of a JSON value without any secret field (objects in arrays too). */
export const scrubSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!isSecretName(key)) out[key] = scrubSecrets(v);
  return out;
};
