/**
 * The accounts the mock knows (`fixtures/users.json`, or a scenario's `users`).
 * A bad file stops start-up with one line naming the file and the entry, so the
 * messages here are written for the person editing the JSON, not for a stack trace.
 */
import { readFile } from 'node:fs/promises';

export interface User {
  /** Stable id, `sub` in JWTs and `userId` in AuthenticateResponse. Defaults to the 1-based position. */
  userId: string;
  userName: string;
  /** Plain text: this is a mock, the fixture passwords are public. Never put it in a response. */
  password: string;
  displayName: string;
  roles: string[];
  permissions?: string[];
  apiKey?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0);

const isNonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** One rule per property: what it must be, said the way the message will say it. */
const RULES: Array<[key: string, ok: (value: unknown) => boolean, mustBe: string]> = [
  ['userName', isNonEmptyString, 'a non-empty string'],
  ['password', (value) => typeof value === 'string' && value !== '', 'a non-empty string'],
  ['displayName', (value) => value === undefined || typeof value === 'string', 'a string'],
  ['roles', (value) => value === undefined || isStringArray(value), 'an array of non-empty strings'],
  ['permissions', (value) => value === undefined || isStringArray(value), 'an array of non-empty strings'],
  ['apiKey', (value) => value === undefined || isNonEmptyString(value), 'a non-empty string'],
  [
    'userId',
    (value) => value === undefined || isNonEmptyString(value) || typeof value === 'number',
    'a string or a number',
  ],
];

const KNOWN_KEYS = new Set(RULES.map(([key]) => key));

/** Checks one entry; returns the problem in words, or the user. */
function toUser(entry: unknown, index: number): User | string {
  if (!isRecord(entry)) return 'must be an object';
  const unknownKey = Object.keys(entry).find((key) => !KNOWN_KEYS.has(key));
  // A typo such as "role" would otherwise silently give a user no roles.
  if (unknownKey !== undefined) return `unknown property "${unknownKey}" (known: ${[...KNOWN_KEYS].join(', ')})`;
  const broken = RULES.find(([key, ok]) => !ok(entry[key]));
  if (broken !== undefined) return `"${broken[0]}" must be ${broken[2]}`;
  // The rules above have checked every member's type.
  const { userId, userName, password, displayName, roles, permissions, apiKey } = entry as {
    userId?: string | number;
    userName: string;
    password: string;
    displayName?: string;
    roles?: string[];
    permissions?: string[];
    apiKey?: string;
  };
  const user: User = {
    userId: userId === undefined ? String(index + 1) : String(userId),
    userName,
    password,
    // ServiceStack falls back to the user name when there is no display name.
    displayName: displayName === undefined || displayName === '' ? userName : displayName,
    roles: roles ?? [],
  };
  if (permissions !== undefined) user.permissions = permissions;
  if (apiKey !== undefined) user.apiKey = apiKey;
  return user;
}

const describeEntry = (entry: unknown, index: number): string =>
  isRecord(entry) && typeof entry.userName === 'string'
    ? `user #${index + 1} ("${entry.userName}")`
    : `user #${index + 1}`;

/** Names the first value shared by two users, case-insensitively (sign-in matches user names that way). */
function findDuplicate(users: User[], pick: (user: User) => string | undefined, label: string): string | undefined {
  const seen = new Map<string, number>();
  for (const [index, user] of users.entries()) {
    const value = pick(user)?.toLowerCase();
    if (value === undefined) continue;
    const first = seen.get(value);
    if (first !== undefined) return `users #${first + 1} and #${index + 1} have the same ${label} "${pick(user)}"`;
    seen.set(value, index);
  }
  return undefined;
}

/** Validates parsed JSON (a users file or a scenario's `users`); `source` names it in messages. */
export function parseUsers(data: unknown, source: string): User[] {
  if (!Array.isArray(data)) throw new Error(`${source}: expected a JSON array of users`);
  const users = data.map((entry, index) => {
    const result = toUser(entry, index);
    if (typeof result === 'string') throw new Error(`${source}: ${describeEntry(entry, index)}: ${result}`);
    return result;
  });
  const duplicate =
    findDuplicate(users, (user) => user.userName, 'userName') ??
    findDuplicate(users, (user) => user.apiKey, 'apiKey') ??
    findDuplicate(users, (user) => user.userId, 'userId');
  if (duplicate !== undefined) throw new Error(`${source}: ${duplicate}`);
  return users;
}

/** Reads and validates a users file. Errors are one line: `<file>: <what to fix>`. */
export async function loadUsers(file: string): Promise<User[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${file}: cannot read the users file${code === undefined ? '' : ` (${code})`}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return parseUsers(data, file);
}
