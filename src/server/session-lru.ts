/**
 * Which `X-Ssmock-Session`s to forget: least recently used first, once a
 * session has been idle longer than the time-out or there are more than the
 * maximum. Without it every new session id would be kept for ever (a shared CI
 * server, or a client that sends a fresh id per call, runs out of memory).
 *
 * The clock is injected, so the policy is tested by moving time, not by waiting.
 * Nothing runs on a timer: idle sessions go at the next call of any session,
 * and while no call arrives nothing grows.
 */

/** Milliseconds since some fixed point (`Date.now` in production). */
export type Clock = () => number;

export interface SessionLimits {
  /** A session unused for longer than this is evicted. */
  idleMs: number;
  /** At most this many sessions are kept; the least recently used beyond it is evicted. */
  maxSessions: number;
}

export class SessionLru {
  /** Session → when it was last used; Map order is use order, least recent first. */
  readonly #lastUsed = new Map<string, number>();

  constructor(
    private readonly limits: SessionLimits,
    private readonly now: Clock,
  ) {}

  get size(): number {
    return this.#lastUsed.size;
  }

  has(id: string): boolean {
    return this.#lastUsed.has(id);
  }

  lastUsed(id: string): number | undefined {
    return this.#lastUsed.get(id);
  }

  /** Marks a session used now (adding it if new); returns the sessions that must go, now forgotten here. */
  touch(id: string): string[] {
    this.#lastUsed.delete(id); // re-inserted last: the most recently used
    this.#lastUsed.set(id, this.now());
    return this.evict();
  }

  /** Forgets and returns the sessions idle too long, then the least recently used beyond the maximum. */
  evict(): string[] {
    const evicted: string[] = [];
    const oldestAllowed = this.now() - this.limits.idleMs;
    // Use order is time order, so the scan stops at the first session still in use.
    for (const [id, used] of this.#lastUsed) {
      if (used >= oldestAllowed && this.#lastUsed.size <= this.limits.maxSessions) break;
      this.#lastUsed.delete(id);
      evicted.push(id);
    }
    return evicted;
  }

  delete(id: string): boolean {
    return this.#lastUsed.delete(id);
  }

  /** Most recently used first. */
  entries(): [id: string, lastUsed: number][] {
    return [...this.#lastUsed].reverse();
  }
}
