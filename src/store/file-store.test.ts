import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamUuid } from '../faker/id-stream.js';
import { openStore, type Scope, type StateStore } from './index.js';

const scope: Scope = { api: 'billiecart', session: 'default', tenant: '' };
const intId = { property: 'id', type: 'integer' } as const;
const strId = { property: 'id', type: 'string', seed: 1 } as const;

let dir: string;
let db: string;
const open: StateStore[] = [];
const openFile = async (file = db, tuning = {}): Promise<StateStore> => {
  const store = await openStore({ file, tuning });
  open.push(store);
  return store;
};
const readJson = async (file = db): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssmock-store-'));
  db = join(dir, 'db.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close().catch(() => undefined)));
  await rm(dir, { recursive: true, force: true });
});

describe('file store', () => {
  it('has the mutation on disk once flush() resolves, in the documented layout', async () => {
    const store = await openFile();
    store.create(scope, 'Customer', { name: 'Ann' }, intId);
    store.create({ ...scope, tenant: 'org-1' }, 'Customer', { name: 'Bob' }, intId);
    store.create({ ...scope, tenant: '$odd' }, 'Customer', { name: 'Cat' }, intId);
    store.create({ ...scope, session: 'ci' }, 'Person', { id: 'p1' }, { property: 'id', type: 'string' });
    await store.flush();
    const text = await readFile(db, 'utf8');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      resources: {
        'billiecart/Customer': { idProperty: 'id', idType: 'integer', lastId: 3 },
        'billiecart/Person': { idProperty: 'id', idType: 'string', lastId: 0 },
      },
      sessions: {
        default: {
          billiecart: {
            Customer: {
              $none: [{ id: 1, name: 'Ann' }],
              'org-1': [{ id: 2, name: 'Bob' }],
              $$odd: [{ id: 3, name: 'Cat' }],
            },
          },
        },
        ci: { billiecart: { Person: { $none: [{ id: 'p1' }] } } },
      },
    });
    // One record per line, so that a diff shows which records changed.
    expect(text).toContain('\n            {"id":1,"name":"Ann"}\n');
  });

  it('starts writing on its own (write-behind) and skips writes when nothing changed', async () => {
    const store = await openFile();
    await store.flush(); // creates the missing file
    const before = store.stats().writes;
    store.create(scope, 'Customer', {}, intId);
    // No flush() and no timer: the write starts on the next turn; wait for its file I/O turn by turn.
    for (let turn = 0; turn < 1_000_000 && store.stats().writes === before; turn += 1)
      await new Promise((r) => setImmediate(r));
    expect(store.stats().writes).toBe(before + 1);
    await store.flush();
    await store.flush();
    expect(store.stats().writes).toBe(before + 1);
  });

  it('creates a missing file, with its directory, on the first flush', async () => {
    const file = join(dir, 'nested', 'deeper', 'db.json');
    const store = await openFile(file);
    expect(existsSync(file)).toBe(false);
    await store.flush();
    expect(await readJson(file)).toEqual({ version: 1, resources: {}, sessions: {} });
  });

  it('gives back the same data after a restart, and integer ids carry on', async () => {
    const first = await openFile();
    for (const name of ['a', 'b', 'c']) first.create(scope, 'Customer', { name }, intId);
    first.create({ ...scope, tenant: 'org-1' }, 'Customer', { name: 't' }, intId);
    first.remove(scope, 'Customer', 4);
    first.remove({ ...scope, tenant: 'org-1' }, 'Customer', 4);
    first.update(scope, 'Customer', 2, { name: 'B' });
    await first.close();
    const second = await openFile();
    expect(second.list(scope, 'Customer')).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'B' },
      { id: 3, name: 'c' },
    ]);
    expect(second.create(scope, 'Customer', {}, intId).id).toBe(5);
  });

  it('writes how many string ids each collection drew, one line per session', async () => {
    const store = await openFile();
    store.create(scope, 'Person', {}, strId);
    store.create(scope, 'Person', {}, strId);
    store.create({ ...scope, session: 'ci', tenant: 'org-1' }, 'Person', {}, strId);
    await store.flush();
    const text = await readFile(db, 'utf8');
    expect(text).toContain(
      '\n  "stringIds": {\n    "default": {"billiecart/Person":{"$none":2}},\n    "ci": {"billiecart/Person":{"org-1":1}}\n  },\n',
    );
  });

  // What a fresh store gives for the n-th string id of the default session's Person collection.
  const freshIds = async (count: number): Promise<string[]> => {
    const memory = await openStore({ memory: true });
    const ids = Array.from({ length: count }, () => memory.create(scope, 'Person', {}, strId).id as string);
    await memory.close();
    return ids;
  };

  it.each([
    ['replacing db.json', {}],
    ['journalling', { fullWriteLimit: 0 }],
  ])('continues the string id stream after a restart, past removed records (%s)', async (_, tuning) => {
    const first = await openFile(db, tuning);
    const made = [first.create(scope, 'Person', {}, strId).id, first.create(scope, 'Person', {}, strId).id];
    first.remove(scope, 'Person', made[1] as string);
    await first.close();
    const reopened = await openFile(db, tuning);
    expect(reopened.create(scope, 'Person', {}, strId).id).toBe((await freshIds(3))[2]);
  });

  it('replays the drawn count from the journal', async () => {
    const store = await openFile(db, { fullWriteLimit: 0, compactMinBytes: 1 << 30, idleCompactMs: 1 << 30 });
    await store.flush();
    store.create(scope, 'Person', {}, strId);
    store.create(scope, 'Person', {}, strId);
    await store.flush();
    expect(await readFile(`${db}.journal`, 'utf8')).toContain('{"drawn":["default","billiecart","Person",""],"n":2}');
    // A second process reads db.json plus journal, as after a crash (the first still holds the lock, so copy).
    const copy = join(dir, 'copy.json');
    await writeFile(copy, await readFile(db));
    await writeFile(`${copy}.journal`, await readFile(`${db}.journal`));
    const recovered = await openFile(copy);
    expect(recovered.create(scope, 'Person', {}, strId).id).toBe((await freshIds(3))[2]);
  });

  it('gives a record added by hand without an id the next id of its stream', async () => {
    await writeFile(
      db,
      JSON.stringify({
        version: 1,
        resources: { 'billiecart/Person': { idProperty: 'id', idType: 'string' } },
        stringIds: { default: { 'billiecart/Person': { $none: 1 } } },
        sessions: { default: { billiecart: { Person: { $none: [{ name: 'by hand' }] } } } },
      }),
    );
    const store = await openFile();
    const person = ['default', 'billiecart', 'Person', ''];
    // Ids given at start-up come from seed 0's stream: the file does not say which seed the server runs with.
    expect(store.list(scope, 'Person')).toEqual([{ id: streamUuid(0, person, 2), name: 'by hand' }]);
    expect(store.create(scope, 'Person', {}, strId).id).toBe(streamUuid(1, person, 3));
  });

  it('refuses a file that is not JSON, naming it and the line, and leaves it untouched', async () => {
    const text = '{\n  "version": 1,\n  "sessions": }\n';
    await writeFile(db, text);
    const { mtimeMs } = await stat(db);
    const error = await openStore({ file: db }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `[ssmock] ${db} is not valid JSON (Unexpected token '}' at line 3 column 15): ` +
        'fix or delete it; ssmock will not overwrite it',
    );
    expect(await readFile(db, 'utf8')).toBe(text);
    expect((await stat(db)).mtimeMs).toBe(mtimeMs);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it.each([
    ['an array', '[]', /the top level must be an object/],
    ['another version', '{"version":2}', /"version" is 2; this ssmock reads version 1/],
    [
      'records that are not an array',
      '{"version":1,"sessions":{"s":{"a":{"R":{"$none":{}}}}}}',
      /sessions\.s\.a\.R\.\$none must be an array/,
    ],
    ['an unknown $ tenant key', '{"version":1,"sessions":{"s":{"a":{"R":{"$x":[]}}}}}', /is not a tenant/],
    ['a repeated id', '{"version":1,"sessions":{"s":{"a":{"R":{"$none":[{"id":1},{"id":1}]}}}}}', /repeats the id 1/],
    ['a bad resource entry', '{"version":1,"resources":{"a/R":{"idProperty":"id","idType":"uuid"}}}', /idType must be/],
    ['a string id count without a resource', '{"version":1,"stringIds":{"s":{"a":{"$none":1}}}}', /must be named/],
    ['a string id count that is not a number', '{"version":1,"stringIds":{"s":{"a/R":{"$none":"1"}}}}', /whole number/],
  ])('refuses a state file with %s', async (_, text, detail) => {
    await writeFile(db, text);
    const rejection = openStore({ file: db });
    await expect(rejection).rejects.toThrow(
      /is not an ssmock state file \(.*\): fix or delete it; ssmock will not overwrite it/,
    );
    await expect(openStore({ file: db })).rejects.toThrow(detail);
    expect(await readFile(db, 'utf8')).toBe(text);
  });

  it('treats an empty file as an empty state', async () => {
    await writeFile(db, '');
    const store = await openFile();
    expect(store.list(scope, 'Customer')).toEqual([]);
  });

  it('gives hand-added records an id at start-up and writes them back', async () => {
    await writeFile(
      db,
      JSON.stringify({
        version: 1,
        resources: { 'billiecart/Customer': { idProperty: 'id', idType: 'integer', lastId: 2 } },
        sessions: { default: { billiecart: { Customer: { $none: [{ id: 7, name: 'a' }, { name: 'b' }] } } } },
      }),
    );
    const store = await openFile();
    expect(store.list(scope, 'Customer')).toEqual([
      { id: 7, name: 'a' },
      { id: 8, name: 'b' },
    ]);
    await store.flush();
    expect(await readJson()).toMatchObject({
      sessions: { default: { billiecart: { Customer: { $none: [{ id: 7 }, { id: 8 }] } } } },
    });
  });

  it('turns a failed write into a rejected flush, then recovers on the next one', async () => {
    const nested = join(dir, 'sub');
    const file = join(nested, 'db.json');
    const store = await openFile(file);
    await store.flush();
    await rm(nested, { recursive: true });
    await writeFile(nested, 'not a directory'); // mkdir and open now fail
    store.create(scope, 'Customer', { name: 'Ann' }, intId);
    await expect(store.flush()).rejects.toThrow(`[ssmock] could not write ${file}:`);
    expect(store.stats().lastError).toMatch(/could not write/);
    await rm(nested);
    await store.flush();
    expect(store.stats().lastError).toBeNull();
    expect(await readJson(file)).toMatchObject({
      sessions: { default: { billiecart: { Customer: { $none: [{ name: 'Ann' }] } } } },
    });
  });
});

describe('group commit', () => {
  it('persists 1,000 concurrent create+flush calls in far fewer than 1,000 file writes', async () => {
    const store = await openFile();
    await store.flush();
    const before = store.stats().writes;
    const ids = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        // Spread the calls over many turns, so that most arrive while a write is in flight.
        for (let turn = i % 25; turn > 0; turn -= 1) await new Promise((r) => setImmediate(r));
        const made = store.create(scope, 'Customer', { n: i }, intId);
        await store.flush();
        return made.id;
      }),
    );
    const file = (await readJson()) as {
      sessions: { default: { billiecart: { Customer: { $none: { id: number }[] } } } };
    };
    const onDisk = file.sessions.default.billiecart.Customer.$none.map((r) => r.id);
    expect(new Set(onDisk)).toEqual(new Set(ids));
    expect(onDisk).toHaveLength(1000);
    const writes = store.stats().writes - before;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(100);
  });

  it('batches every write that arrives while a flush is in flight into one next write', async () => {
    const store = await openFile();
    await store.flush();
    const before = store.stats().writes;
    store.create(scope, 'Customer', { n: 0 }, intId);
    const inFlight = store.flush();
    // The commit started on the turn the create scheduled; its file I/O cannot complete before this callback.
    await new Promise((r) => setImmediate(r));
    const later = Array.from({ length: 50 }, (_, i) => {
      store.create(scope, 'Customer', { n: i + 1 }, intId);
      return store.flush();
    });
    await Promise.all([inFlight, ...later]);
    expect(store.stats().writes - before).toBe(2);
    expect(store.stats().snapshots).toBe(3);
  });

  it('resolves flush() only once its own mutation is on disk, even when it arrived mid-write', async () => {
    const store = await openFile();
    store.create(scope, 'Customer', { n: 1 }, intId);
    const first = store.flush();
    await new Promise((r) => setImmediate(r)); // the first write is now in flight
    store.create(scope, 'Customer', { n: 2 }, intId);
    await store.flush();
    await first;
    expect(await readJson()).toMatchObject({ resources: { 'billiecart/Customer': { lastId: 2 } } });
  });
});

describe('lock', () => {
  it('refuses a second store on the same file while the first is open, naming the file and the owner', async () => {
    await openFile();
    await expect(openStore({ file: db })).rejects.toThrow(
      `[ssmock] ${db} is in use by this process (lock file ${db}.lock)`,
    );
    expect(await readFile(`${db}.lock`, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('names the pid of another live owner', async () => {
    await writeFile(`${db}.lock`, '1\n'); // pid 1 is always alive
    await expect(openStore({ file: db })).rejects.toThrow(`[ssmock] ${db} is in use by process 1`);
  });

  it('removes the lock on close, so the file can be opened again', async () => {
    const store = await openFile();
    await store.close();
    expect(existsSync(`${db}.lock`)).toBe(false);
    await openFile();
  });

  it('takes over a stale lock whose process is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(`${db}.lock`, `${gone}\n`);
    await openFile();
    expect(await readFile(`${db}.lock`, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('treats an unreadable lock as held while fresh and as stale once old', async () => {
    await writeFile(`${db}.lock`, '');
    await expect(openStore({ file: db })).rejects.toThrow(/in use by another process/);
    const { utimes } = await import('node:fs/promises');
    const old = new Date(Date.now() - 60_000);
    await utimes(`${db}.lock`, old, old);
    await openFile();
  });
});
