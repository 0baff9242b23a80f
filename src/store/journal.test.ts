import { jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Scope, type StateStore, type StoreTuning } from './index.js';

// Journal mode from the first record on: db.json is "too large" at any size.
const JOURNAL: StoreTuning = { fullWriteLimit: 0, idleCompactMs: 60_000 };
const scope: Scope = { api: 'billiecart', session: 'default', tenant: '' };
const intId = { property: 'id', type: 'integer' } as const;

let dir: string;
let db: string;
const open: StateStore[] = [];
const openFile = async (file: string, tuning: StoreTuning = JOURNAL): Promise<StateStore> => {
  const store = await openStore({ file, tuning });
  open.push(store);
  return store;
};
/** What a crash would leave: copies of db.json and its journal, opened elsewhere (the original stays locked). */
const crashCopy = async (): Promise<string> => {
  const other = join(dir, 'after-crash');
  await mkdir(other);
  await copyFile(db, join(other, 'db.json'));
  if (existsSync(`${db}.journal`)) await copyFile(`${db}.journal`, join(other, 'db.json.journal'));
  return join(other, 'db.json');
};
const names = (store: StateStore): unknown[] => store.list(scope, 'Customer').map((c) => c.name);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssmock-journal-'));
  db = join(dir, 'db.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close().catch(() => undefined)));
  await rm(dir, { recursive: true, force: true });
});

describe('journal', () => {
  it('appends commits to the journal once db.json is past the limit, and replays them after a crash', async () => {
    const store = await openFile(db);
    await store.flush(); // the first commit creates db.json
    for (const name of ['a', 'b', 'c']) {
      store.create(scope, 'Customer', { name }, intId);
      await store.flush();
    }
    store.update(scope, 'Customer', 2, { name: 'B' });
    store.remove(scope, 'Customer', 3);
    await store.flush();
    expect(store.stats()).toMatchObject({ snapshots: 1, appends: 4 });
    expect(JSON.parse(await readFile(db, 'utf8'))).toMatchObject({ sessions: {} });
    const recovered = await openFile(await crashCopy());
    expect(names(recovered)).toEqual(['a', 'B']);
    expect(recovered.create(scope, 'Customer', {}, intId).id).toBe(4);
  });

  it('folds the journal into db.json on close', async () => {
    const store = await openFile(db);
    store.create(scope, 'Customer', { name: 'a' }, intId);
    await store.flush();
    store.create(scope, 'Customer', { name: 'b' }, intId);
    await store.close();
    expect(existsSync(`${db}.journal`)).toBe(false);
    expect(store.stats().compactions).toBe(1);
    expect(names(await openFile(db))).toEqual(['a', 'b']);
  });

  it('closes cleanly, journal folded, while an idle compaction is due', async () => {
    const store = await openFile(db, { fullWriteLimit: 0, idleCompactMs: 2 });
    store.replace('default', {
      billiecart: { Customer: Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, name: `customer ${i}` })) },
    });
    await store.flush();
    store.create(scope, 'Customer', { name: 'last' }, intId);
    await store.flush(); // an append; the idle timer is armed now and fires while close() writes
    await store.close();
    expect(existsSync(`${db}.journal`)).toBe(false);
    const reopened = await openFile(db);
    expect(reopened.list(scope, 'Customer')).toHaveLength(5001);
  });

  it('compacts once the journal outgrows compactMinBytes', async () => {
    const store = await openFile(db, { ...JOURNAL, compactMinBytes: 2000 });
    for (let i = 0; i < 60; i += 1) {
      store.create(scope, 'Customer', { name: `customer number ${i}` }, intId);
      await store.flush();
    }
    expect(store.stats().compactions).toBeGreaterThanOrEqual(1);
    const onDisk = JSON.parse(await readFile(db, 'utf8')) as { resources: Record<string, { lastId: number }> };
    expect(onDisk.resources['billiecart/Customer']?.lastId).toBeGreaterThan(20);
  });

  it('compacts after idleCompactMs without writes, not before, so db.json catches up', async () => {
    // Fake timers for the idle timer only: the file I/O and the commit loop's turns stay real.
    const store = await openFile(db, { fullWriteLimit: 0, idleCompactMs: 20 });
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'Date', 'performance'] });
    try {
      await store.flush();
      store.create(scope, 'Customer', { name: 'a' }, intId);
      await store.flush();
      expect(existsSync(`${db}.journal`)).toBe(true);
      jest.advanceTimersByTime(19);
      expect(store.stats().compactions).toBe(0);
      jest.advanceTimersByTime(1);
      // The compaction's file I/O takes real time: wait for it turn by turn (no sleep).
      for (let turn = 0; turn < 1_000_000 && store.stats().compactions === 0; turn += 1)
        await new Promise((r) => setImmediate(r));
    } finally {
      jest.useRealTimers();
    }
    expect(store.stats().compactions).toBe(1);
    expect(existsSync(`${db}.journal`)).toBe(false);
    expect(JSON.parse(await readFile(db, 'utf8'))).toMatchObject({
      sessions: { default: { billiecart: { Customer: { $none: [{ name: 'a' }] } } } },
    });
  });

  it('skips a torn last line (never acknowledged) and folds the journal in on the first flush', async () => {
    const put = (id: number) =>
      JSON.stringify({ put: ['default', 'billiecart', 'Customer', ''], id: String(id), e: { id, name: `n${id}` } });
    await writeFile(`${db}.journal`, `${put(1)}\n${put(2).slice(0, 30)}`);
    const store = await openFile(db);
    expect(names(store)).toEqual(['n1']);
    await store.flush();
    expect(existsSync(`${db}.journal`)).toBe(false);
    expect(JSON.parse(await readFile(db, 'utf8'))).toMatchObject({
      sessions: { default: { billiecart: { Customer: { $none: [{ id: 1 }] } } } },
    });
  });

  it('refuses a journal damaged before its last line, leaving it untouched', async () => {
    const text = '{"clear":null\n{"clear":null}\n';
    await writeFile(`${db}.journal`, text);
    await expect(openStore({ file: db })).rejects.toThrow(
      `[ssmock] ${db}.journal is damaged at line 1: fix or delete it`,
    );
    expect(await readFile(`${db}.journal`, 'utf8')).toBe(text);
  });

  it('replays a journal harmlessly over a db.json that already contains it (crash between rename and delete)', async () => {
    const store = await openFile(db);
    store.create(scope, 'Customer', { name: 'a' }, intId);
    store.create(scope, 'Customer', { name: 'b' }, intId);
    await store.flush();
    store.remove(scope, 'Customer', 1);
    store.create(scope, 'Customer', { id: 1, name: 'a again' }, intId);
    await store.flush();
    const journal = await readFile(`${db}.journal`);
    await store.close();
    await writeFile(`${db}.journal`, journal);
    const reopened = await openFile(db);
    expect(names(reopened)).toEqual(['b', 'a again']);
    expect(reopened.create(scope, 'Customer', {}, intId).id).toBe(3);
  });
});
