/**
 * In-memory sessions: session id → who signed in and when. Like ServiceStack's
 * default MemoryCacheClient they vanish on restart; JWTs outlive them.
 */
import { randomBytes } from 'node:crypto';
import type { User } from './users.js';

export interface Session {
  id: string;
  user: User;
  createdAt: Date;
}

export interface SessionStore {
  create(user: User, id?: string): Session;
  get(id: string): Session | undefined;
  delete(id: string): boolean;
  clear(): void;
  readonly size: number;
}

/**
 * ServiceStack's id: 15 random bytes as base64 (20 chars), drawn again until it
 * has no `+` or `/`, so it needs no escaping in cookies, headers or URLs.
 */
export function newSessionId(): string {
  for (;;) {
    const id = randomBytes(15).toString('base64');
    if (!/[+/]/.test(id)) return id;
  }
}

export function createSessionStore(clock: () => number = Date.now): SessionStore {
  const sessions = new Map<string, Session>();
  return {
    create(user, id = newSessionId()) {
      const session: Session = { id, user, createdAt: new Date(clock()) };
      sessions.set(id, session);
      return session;
    },
    get: (id) => sessions.get(id),
    delete: (id) => sessions.delete(id),
    clear: () => sessions.clear(),
    get size() {
      return sessions.size;
    },
  };
}
