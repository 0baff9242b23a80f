/**
 * JWTs read step by step as ServiceStack's `JwtAuthProviderReader.GetVerifiedJwtPayload` reads them, so every
 * failure has ServiceStack's exception and message (README, "Auth: refusals, Basic sign-in, refresh tokens"):
 * the signature, header and payload are decoded with ServiceStack.Text's `FromBase64UrlSafe`, the header's `alg`
 * must be the configured one (`RequireHashAlgorithm`), then the signature is checked — a bad one is no error, just
 * no payload. Callers then judge the claims (`exp`, `nbf`: `GetInvalidJwtPayloadError`).
 *
 * - A refresh token (`JwtAuthProvider.CreateAccessTokenFromRefreshToken`): every reading failure becomes an
 *   `ArgumentException` (400) with the same message, a bad signature too ("Token is invalid"); expiry is a
 *   `TokenException` (401). Like ServiceStack, its `typ` is not looked at.
 * - A bearer token (`AuthenticateBearerTokenAsync`): a reading failure is thrown as is (`Exception` 400 — ServiceStack's 500,
 *   `FormatException` 400, `KeyNotFoundException` 400 — ServiceStack's 500, `NotSupportedException` 405); a bad signature leaves the
 *   caller unauthenticated.
 */
import { errors, type MockError } from '../errors.js';
import type { TokenService } from './tokens.js';

/** ServiceStack.Text `StringExtensions.FromBase64UrlSafe`'s own message (a plain `Exception`). */
export const ILLEGAL_BASE64URL = 'Illegal base64url string!';
/** .NET's `Convert.FromBase64String` (`FormatException`) for a character outside the alphabet. */
export const NOT_BASE64 =
  'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.';
/** `headerData["alg"]` on a header without it (`KeyNotFoundException`). */
export const NO_ALG = "The given key 'alg' was not present in the dictionary.";
/** ServiceStack's ErrorMessages. */
export const TOKEN_INVALID = 'Token is invalid';
export const TOKEN_EXPIRED = 'Token has expired';
export const TOKEN_NOT_YET_VALID = 'Token not valid yet';
const EXPECTED_ALGORITHM = 'HS256';

/** The .NET exception GetVerifiedJwtPayload raises, with ServiceStack's status for it (`ToStatusCode`). */
export type JwtReadException = 'Exception' | 'FormatException' | 'KeyNotFoundException' | 'NotSupportedException';

export class JwtReadFailure extends Error {
  constructor(
    readonly exception: JwtReadException | 'ArgumentException',
    message: string,
  ) {
    super(message);
  }
}

/** `FromBase64UrlSafe`: `-`/`_` back to `+`/`/`, padding by length; a length of 4n+1 is illegal. */
export function fromBase64UrlSafe(input: string): Buffer {
  let text = input.replace(/-/g, '+').replace(/_/g, '/');
  const rest = text.length % 4;
  if (rest === 1) throw new JwtReadFailure('Exception', ILLEGAL_BASE64URL);
  if (rest > 1) text += '='.repeat(4 - rest);
  // Convert.FromBase64String skips white space and refuses anything else outside the alphabet.
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
    throw new JwtReadFailure('FormatException', NOT_BASE64);
  return Buffer.from(compact, 'base64');
}

const parseObject = (bytes: Buffer): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

/** GetVerifiedJwtPayload: the claims of a token this server signed, or null for a bad signature. */
export function verifiedPayload(token: string, tokens: TokenService): Record<string, unknown> | null {
  const parts = token.split('.');
  // Five parts would be an encrypted JWE, which this mock never issues: its key cannot open one.
  if (parts.length !== 3) throw new JwtReadFailure('ArgumentException', TOKEN_INVALID);
  const [header = '', payload = '', signature = ''] = parts;
  const signatureBytes = fromBase64UrlSafe(signature);
  const headerData = parseObject(fromBase64UrlSafe(header));
  const payloadBytes = fromBase64UrlSafe(payload);
  const algorithm = headerData?.['alg'];
  if (typeof algorithm !== 'string') throw new JwtReadFailure('KeyNotFoundException', NO_ALG);
  if (algorithm !== EXPECTED_ALGORITHM)
    throw new JwtReadFailure(
      'NotSupportedException',
      `Invalid algorithm '${algorithm}', expected '${EXPECTED_ALGORITHM}'`,
    );
  if (!tokens.signatureMatches(`${header}.${payload}`, signatureBytes)) return null;
  // ServiceStack's JsonObject.Parse of a payload that is no object fails later with no claims: "Token is invalid".
  return parseObject(payloadBytes) ?? {};
}

/** `GetUnixTime`: absent or empty is no limit; anything but a whole number is a TokenException. */
function unixTime(claims: Record<string, unknown>, key: string): number | undefined {
  const value = claims[key];
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value);
  if (!/^[+-]?\d+$/.test(text)) throw errors.invalidToken(`Claim '${key}' must be a Unix Timestamp`);
  return Number(text);
}

/** `HasExpired` (now ≥ exp), then `HasInvalidNotBefore` (nbf > now): TokenException. */
export function assertTimely(claims: Record<string, unknown>, nowSeconds: number): void {
  const exp = unixTime(claims, 'exp');
  const nbf = unixTime(claims, 'nbf');
  if (exp !== undefined && nowSeconds >= exp) throw errors.invalidToken(TOKEN_EXPIRED);
  if (nbf !== undefined && nowSeconds < nbf) throw errors.invalidToken(TOKEN_NOT_YET_VALID);
}

/** A bearer token's reading failure, thrown as ServiceStack throws it. */
export const bearerFailure = (failure: JwtReadFailure): MockError =>
  errors.jwtUnreadable(failure.exception, failure.message);

/** CreateAccessTokenFromRefreshToken up to the user lookup; returns the user id (`sub`). */
export function readRefreshToken(token: string, tokens: TokenService): string {
  let claims: Record<string, unknown> | null;
  try {
    claims = verifiedPayload(token, tokens);
  } catch (error) {
    // `catch (Exception ex) { throw new ArgumentException(ex.Message); }`
    if (error instanceof JwtReadFailure) throw errors.refreshTokenRejected(error.message);
    throw error;
  }
  if (claims === null) throw errors.refreshTokenRejected(TOKEN_INVALID);
  assertTimely(claims, tokens.nowSeconds());
  const sub = claims['sub'];
  // No user id: ServiceStack's user lookup finds nobody.
  if (typeof sub !== 'string' && typeof sub !== 'number') throw errors.userGone();
  return String(sub);
}
