/**
 * JWTs as ServiceStack's JwtAuthProvider writes them (README, Auth): HS256,
 * issuer `ssjwt`, claims `sub name preferred_username roles perms jid`.
 * Refresh tokens carry the header `typ: JWTR` (as ServiceStack's do) and access
 * tokens `typ: JWT`; each verifier demands its own `typ`, so one can never
 * stand in for the other.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { User } from './users.js';

/** ServiceStack's defaults: access tokens live 14 days, refresh tokens 365. */
const DEFAULT_ACCESS_TTL = 14 * 24 * 3600;
const DEFAULT_REFRESH_TTL = 365 * 24 * 3600;
const ACCESS_TYP = 'JWT';
const REFRESH_TYP = 'JWTR';

export interface TokenServiceOptions {
  /** HS256 key; a random 32-byte key when absent (tokens then die with the process). */
  secret?: string;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  issuer?: string;
  /** Milliseconds since the epoch; tests move it to mint or judge tokens in the past or future. */
  clock?: () => number;
}

export interface AccessClaims {
  sub: string;
  name: string;
  preferred_username: string;
  roles: string[];
  perms: string[];
  /** Session id the token was issued for. */
  jid: string;
  iat: number;
  exp: number;
  iss: string;
}

export interface RefreshClaims {
  sub: string;
  preferred_username: string;
  iat: number;
  exp: number;
  iss: string;
}

export type TokenFailure = { ok: false; reason: 'expired' | 'invalid' };
export type TokenResult<T> = { ok: true; claims: T } | TokenFailure;

export interface TokenService {
  readonly issuer: string;
  /** Lifetimes, so cookies can expire with the tokens they carry. */
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
  issueAccess(user: User, sessionId: string): Promise<string>;
  issueRefresh(user: User): Promise<string>;
  verifyAccess(token: string): Promise<TokenResult<AccessClaims>>;
  verifyRefresh(token: string): Promise<TokenResult<RefreshClaims>>;
  /** HS256 of `header.payload` with this service's key equals `signature` (refresh-token.ts checks tokens step by step). */
  signatureMatches(signingInput: string, signature: Uint8Array): boolean;
  /** The service's clock, in seconds since the epoch. */
  nowSeconds(): number;
}

/** Three dot-separated base64url parts, the first one a JSON object with `alg`: enough to say "this is a JWT". */
export function looksLikeJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] === undefined) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function toAccessClaims(payload: JWTPayload): AccessClaims | null {
  const { sub, name, preferred_username, roles, perms, jid, iat, exp, iss } = payload;
  if (typeof sub !== 'string' || typeof preferred_username !== 'string' || typeof jid !== 'string') return null;
  if (typeof iat !== 'number' || typeof exp !== 'number' || typeof iss !== 'string') return null;
  return {
    sub,
    name: typeof name === 'string' ? name : preferred_username,
    preferred_username,
    roles: isStringArray(roles) ? roles : [],
    perms: isStringArray(perms) ? perms : [],
    jid,
    iat,
    exp,
    iss,
  };
}

function toRefreshClaims(payload: JWTPayload): RefreshClaims | null {
  const { sub, preferred_username, iat, exp, iss } = payload;
  if (typeof sub !== 'string' || typeof preferred_username !== 'string') return null;
  if (typeof iat !== 'number' || typeof exp !== 'number' || typeof iss !== 'string') return null;
  return { sub, preferred_username, iat, exp, iss };
}

export function createTokenService(options: TokenServiceOptions = {}): TokenService {
  // An empty configured secret is a mistake (an unset env var), not a wish for an unsigned token.
  if (options.secret === '')
    throw new Error('The JWT secret is empty: give a non-empty secret or none for a random one');
  const key = options.secret === undefined ? new Uint8Array(randomBytes(32)) : new TextEncoder().encode(options.secret);
  const issuer = options.issuer ?? 'ssjwt';
  const accessTtl = options.accessTtlSeconds ?? DEFAULT_ACCESS_TTL;
  const refreshTtl = options.refreshTtlSeconds ?? DEFAULT_REFRESH_TTL;
  const clock = options.clock ?? Date.now;
  const nowSeconds = (): number => Math.floor(clock() / 1000);

  const sign = (payload: JWTPayload, typ: string, subject: string, ttl: number): Promise<string> => {
    const iat = nowSeconds();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ })
      .setIssuer(issuer)
      .setSubject(subject)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .sign(key);
  };

  async function verify<T>(token: string, typ: string, shape: (p: JWTPayload) => T | null): Promise<TokenResult<T>> {
    try {
      // `algorithms` pins HS256: jose already refuses `none`, and this refuses every other alg.
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer,
        typ,
        currentDate: new Date(clock()),
      });
      const claims = shape(payload);
      return claims === null ? { ok: false, reason: 'invalid' } : { ok: true, claims };
    } catch (error) {
      // jose checks the signature before the claims, so "expired" is only said of a genuine token.
      return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }

  return {
    issuer,
    accessTtlSeconds: accessTtl,
    refreshTtlSeconds: refreshTtl,
    issueAccess: (user, sessionId) =>
      sign(
        {
          name: user.displayName,
          preferred_username: user.userName,
          roles: user.roles,
          perms: user.permissions ?? [],
          jid: sessionId,
        },
        ACCESS_TYP,
        user.userId,
        accessTtl,
      ),
    issueRefresh: (user) => sign({ preferred_username: user.userName }, REFRESH_TYP, user.userId, refreshTtl),
    verifyAccess: (token) => verify(token, ACCESS_TYP, toAccessClaims),
    verifyRefresh: (token) => verify(token, REFRESH_TYP, toRefreshClaims),
    signatureMatches: (signingInput, signature) => {
      const expected = createHmac('sha256', key).update(signingInput).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    },
    nowSeconds,
  };
}
