/**
 * Access tokens already verified, keyed by the token string, until their `exp`: a signed-in client sends the same
 * bearer token on every call, and verifying it (two HMACs and jose's checks) cost more than the rest of a create.
 * Only a token that passed every check is kept; its claims are fixed by its bytes and our key, so a hit answers
 * what verifying again would, until `exp` — from then on the token is verified again and refused as expired.
 * Bounded: past `max` tokens the oldest is dropped (a client minting a token per call cannot grow the heap).
 */
import type { AccessClaims } from './tokens.js';

export const DEFAULT_MAX_VERIFIED_TOKENS = 10_000;

export class VerifiedTokens {
  readonly #claims = new Map<string, AccessClaims>();
  readonly #max: number;

  constructor(max = DEFAULT_MAX_VERIFIED_TOKENS) {
    this.#max = max;
  }

  /** The claims of a token verified before, unless it has expired by `nowSeconds` (then it is forgotten). */
  get(token: string, nowSeconds: number): AccessClaims | undefined {
    const claims = this.#claims.get(token);
    if (claims === undefined) return undefined;
    if (nowSeconds < claims.exp) return claims;
    this.#claims.delete(token);
    return undefined;
  }

  /** Keeps a token that passed verification. */
  add(token: string, claims: AccessClaims): void {
    if (this.#claims.size >= this.#max && !this.#claims.has(token)) {
      const oldest = this.#claims.keys().next();
      if (!oldest.done) this.#claims.delete(oldest.value);
    }
    this.#claims.set(token, claims);
  }

  get size(): number {
    return this.#claims.size;
  }
}
