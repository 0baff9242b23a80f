import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUsers, parseUsers } from './users.js';

const FIXTURE = new URL('../../fixtures/users.json', import.meta.url).pathname;

async function tempFile(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ssmock-users-'));
  const file = join(dir, 'users.json');
  await writeFile(file, content);
  return file;
}

describe('loadUsers', () => {
  it('loads the shipped fixture: a manager, a user without the manager role, and an Admin', async () => {
    const users = await loadUsers(FIXTURE);
    const byName = new Map(users.map((u) => [u.userName, u]));
    expect(byName.get('manager')?.roles).toEqual(['manager']);
    expect(byName.get('manager')?.apiKey).toMatch(/^ak-manager-/);
    expect(byName.get('clerk')?.roles).not.toContain('manager');
    expect(byName.get('admin')?.roles).toEqual(['Admin']);
    expect(users.map((u) => u.userId)).toEqual(['1', '2', '3']);
  });

  it('names the file when it is missing or not JSON', async () => {
    await expect(loadUsers('/nonexistent/users.json')).rejects.toThrow(
      '/nonexistent/users.json: cannot read the users file (ENOENT)',
    );
    const file = await tempFile('[{"userName": ');
    await expect(loadUsers(file)).rejects.toThrow(`${file}: not valid JSON`);
  });

  it('names the file and the entry in a one-line message for a bad entry', async () => {
    const file = await tempFile(
      JSON.stringify([
        { userName: 'ok', password: 'x' },
        { userName: 'bob', password: 'x', roles: 'manager' },
      ]),
    );
    const error = await loadUsers(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`${file}: user #2 ("bob"): "roles" must be an array of non-empty strings`);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('parseUsers', () => {
  it.each([
    [{}, 'expected a JSON array of users'],
    [[null], 'user #1: must be an object'],
    [[{ password: 'x' }], 'user #1: "userName" must be a non-empty string'],
    [[{ userName: 'a' }], 'user #1 ("a"): "password" must be a non-empty string'],
    [[{ userName: 'a', password: 'x', role: ['manager'] }], 'user #1 ("a"): unknown property "role"'],
    [[{ userName: 'a', password: 'x', apiKey: '' }], '"apiKey" must be a non-empty string'],
    [[{ userName: 'a', password: 'x', permissions: [1] }], '"permissions" must be an array of non-empty strings'],
    [
      [
        { userName: 'a', password: 'x' },
        { userName: 'A', password: 'y' },
      ],
      'users #1 and #2 have the same userName "A"',
    ],
    [
      [
        { userName: 'a', password: 'x', apiKey: 'k' },
        { userName: 'b', password: 'y', apiKey: 'k' },
      ],
      'same apiKey "k"',
    ],
  ])('rejects %j', (data, message) => {
    expect(() => parseUsers(data, 'users.json')).toThrow(message);
  });

  it('defaults displayName to userName and roles to [], and keeps a given userId', () => {
    const [first, second] = parseUsers(
      [
        { userName: 'a', password: 'x' },
        { userName: 'b', password: 'y', userId: 42, displayName: 'Bee', permissions: ['p'] },
      ],
      'inline',
    );
    expect(first).toEqual({ userId: '1', userName: 'a', password: 'x', displayName: 'a', roles: [] });
    expect(second).toEqual({
      userId: '42',
      userName: 'b',
      password: 'y',
      displayName: 'Bee',
      roles: [],
      permissions: ['p'],
    });
  });
});
