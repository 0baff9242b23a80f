import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupDbFile, backupPath } from './db-backup.js';

const at = new Date('2026-12-02T23:50:01.678Z');

it.each([
  ['.ssmock/db.json', 0, '.ssmock/db.2026-12-02T23-50-01.bak.json'],
  ['.ssmock/db.json', 2, '.ssmock/db.2026-12-02T23-50-01-2.bak.json'],
  ['/tmp/state', 0, '/tmp/state.2026-12-02T23-50-01.bak.json'],
  ['data/my.state.json', 0, 'data/my.state.2026-12-02T23-50-01.bak.json'],
])('backupPath(%s, attempt %d) = %s', (file, attempt, expected) =>
  expect(backupPath(file, at, attempt)).toBe(expected),
);

describe('backupDbFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ssmock-backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the file and its journal, and never overwrites an earlier copy of the same second', async () => {
    const db = path.join(dir, 'db.json');
    writeFileSync(db, '{"version":1}');
    writeFileSync(`${db}.journal`, '{"put":1}\n');
    const first = await backupDbFile(db, at);
    writeFileSync(db, '{"version":1,"sessions":{}}');
    const second = await backupDbFile(db, at);
    expect([first, second]).toEqual([
      path.join(dir, 'db.2026-12-02T23-50-01.bak.json'),
      path.join(dir, 'db.2026-12-02T23-50-01-1.bak.json'),
    ]);
    expect(readFileSync(first, 'utf8')).toBe('{"version":1}');
    expect(readFileSync(second, 'utf8')).toBe('{"version":1,"sessions":{}}');
    expect(readFileSync(`${first}.journal`, 'utf8')).toBe('{"put":1}\n');
    expect(readdirSync(dir)).toHaveLength(6);
  });
});
