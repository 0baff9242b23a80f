import { createSessionStore, newSessionId } from './sessions.js';
import type { User } from './users.js';

const user: User = { userId: '1', userName: 'clerk', password: 'x', displayName: 'Clerk', roles: [] };

describe('sessions', () => {
  it('makes 20-character ids free of + / - _, like ServiceStack', () => {
    const ids = Array.from({ length: 500 }, newSessionId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stores, finds and deletes sessions with their creation time', () => {
    const store = createSessionStore(() => Date.UTC(2026, 0, 1));
    const session = store.create(user);
    expect(store.get(session.id)).toEqual({ id: session.id, user, createdAt: new Date(Date.UTC(2026, 0, 1)) });
    expect(store.create(user, 'given').id).toBe('given');
    expect(store.size).toBe(2);
    expect(store.delete(session.id)).toBe(true);
    expect(store.get(session.id)).toBeUndefined();
    store.clear();
    expect(store.size).toBe(0);
  });
});
