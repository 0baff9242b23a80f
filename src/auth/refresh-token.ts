/**
 * A refresh token read the way ServiceStack's `JwtAuthProvider.CreateAccessTokenFromRefreshToken`
 * reads it, so every failure has its code and message (README, Auth, "Refresh-token errors"):
 * `JwtAuthProviderReader.GetVerifiedJwtPayload` decodes the signature, header and payload with
 * ServiceStack.Text's `FromBase64UrlSafe`, demands the configured algorithm, checks the signature,
 * then `AssertRefreshJwtPayloadIsValid` judges `exp` and `nbf`. Anything thrown inside the first step
 * becomes an `ArgumentException` (400) with the same message; the second throws `TokenException` (401).
 * Like ServiceStack, the token's `typ` is not looked at: any token this server signed refreshes.
 */
import { errors, type MockError } from '../errors.js';
import type { TokenService } from './tokens.js';

/** ServiceStack.Text `StringExtensions.FromBase64UrlSafe`'s own message. */
export const ILLEGAL_BASE64URL = 'Illegal base64url string!';
/** .NET's `Convert.FromBase64String` message for a character outside the alphabet. */
export const NOT_BASE64 =
  'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.';
/** ServiceStack's ErrorMessages. */
export const TOKEN_INVALID = 'Token is invalid';
export const TOKEN_EXPIRED = 'Token has expired';
export const TOKEN_NOT_YET_VALID = 'Token not valid yet';
const EXPECTED_ALGORITHM = 'HS256';

const rejected = (message: string): MockError => errors.refreshTokenRejected(message);

/** `FromBase64UrlSafe`: `-`/`_` back to `+`/`/`, padding by length, a length of 4n+1 is illegal. */
export function fromBase64UrlSafe(input: string): Buffer {
  let text = input.replace(/-/g, '+').replace(/_/g, '/');
  switch (text.length % 4) {
    case 0:
      break;
    case 2:
      text += '==';
      break;
    case 3:
      text += '=';
      break;
    default:
      throw rejected(ILLEGAL_BASE64URL);
  }
  // Convert.FromBase64String skips white space and refuses anything else outside the alphabet.
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw rejected(NOT_BASE64);
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

/** `GetUnixTime`: absent or empty is no limit; anything but a whole number is a TokenException. */
function unixTime(claims: Record<string, unknown>, key: string): number | undefined {
  const value = claims[key];
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value);
  if (!/^[+-]?\d+$/.test(text)) throw errors.invalidToken(`Claim '${key}' must be a Unix Timestamp`);
  return Number(text);
}

/** `GetVerifiedJwtPayload` then `AssertRefreshJwtPayloadIsValid`; returns the user id (`sub`). */
export function readRefreshToken(token: string, tokens: TokenService): string {
  const parts = token.split('.');
  // Five parts would be an encrypted JWE, which this mock never issues: its key cannot open one.
  if (parts.length !== 3) throw rejected(TOKEN_INVALID);
  const [header = '', payload = '', signature = ''] = parts;
  const signatureBytes = fromBase64UrlSafe(signature);
  const headerData = parseObject(fromBase64UrlSafe(header));
  const payloadBytes = fromBase64UrlSafe(payload);
  const algorithm = headerData?.['alg'];
  if (typeof algorithm !== 'string') throw rejected("The given key 'alg' was not present in the dictionary.");
  if (algorithm !== EXPECTED_ALGORITHM)
    throw rejected(`Invalid algorithm '${algorithm}', expected '${EXPECTED_ALGORITHM}'`);
  if (!tokens.signatureMatches(`${header}.${payload}`, signatureBytes)) throw rejected(TOKEN_INVALID);
  const claims = parseObject(payloadBytes);
  if (claims === null) throw rejected(TOKEN_INVALID);

  const now = tokens.nowSeconds();
  const exp = unixTime(claims, 'exp');
  const nbf = unixTime(claims, 'nbf');
  if (exp !== undefined && now >= exp) throw errors.invalidToken(TOKEN_EXPIRED);
  if (nbf !== undefined && now < nbf) throw errors.invalidToken(TOKEN_NOT_YET_VALID);
  const sub = claims['sub'];
  // No user id: ServiceStack's user lookup finds nobody.
  if (typeof sub !== 'string' && typeof sub !== 'number') throw errors.userGone();
  return String(sub);
}
