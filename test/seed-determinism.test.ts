/**
 * `--seed N` holds for new records (README "Fake data and --seed"): the same requests give byte-identical
 * answers on every server and after every restart, ids and faked fields included.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UUID_V4 } from '../src/faker/id-stream.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../src/server/start.js';
import { CreatePersonRequest, Customer } from './dtos.js';

const start = (options: MockServerOptions = {}): Promise<MockServer> =>
  startMockServer({ port: 0, db: 'memory', seed: 1, auth: 'off', selfCheck: 'fail', ...options });

/** The raw body of a POST, so that answers compare byte for byte. */
const post = async (url: string, dto: object, session?: string): Promise<string> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(session ? { 'X-Ssmock-Session': session } : {}) },
    body: JSON.stringify(dto),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST ${url}: ${res.status} ${text}`);
  return text;
};

/** One Billiecart Person (string id) and one ServiceStack Home Customer (integer id). */
const createPair = async (server: MockServer, session?: string): Promise<[string, string]> => [
  await post(`${server.url}/billiecart/persons`, new CreatePersonRequest({ timezone: 'Australia/Perth' }), session),
  await post(`${server.url}/servicestack-home/Customer`, new Customer({ email: 'ann@example.com' }), session),
];

const createPairs = async (server: MockServer, count: number, session?: string): Promise<[string, string][]> => {
  const answers: [string, string][] = [];
  for (let i = 0; i < count; i++) answers.push(await createPair(server, session));
  return answers;
};

const personOf = (answer: string) => (JSON.parse(answer) as { person: Record<string, unknown> }).person;

const servers: MockServer[] = [];
const started = async (options: MockServerOptions = {}): Promise<MockServer> => {
  const server = await start(options);
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('--seed for new records', () => {
  it('gives byte-identical answers on two servers given the same creates', async () => {
    const [a, b] = await Promise.all([started(), started()]);
    const first = await createPairs(a, 3);
    expect(await createPairs(b, 3)).toEqual(first);
    const people = first.map(([person]) => personOf(person));
    for (const person of people) expect(person['id']).toMatch(UUID_V4);
    expect(new Set(people.map((p) => p['id'])).size).toBe(3);
    // Faked fields are there to compare, not only the id and what was sent.
    expect(Object.keys(people[0]!).length).toBeGreaterThan(3);
  });

  it("keeps a session's answers whatever other sessions do meanwhile", async () => {
    const [busy, quiet] = await Promise.all([started(), started()]);
    const interleaved: [string, string][] = [];
    for (let i = 0; i < 3; i++) {
      interleaved.push(await createPair(busy, 'ci-1'));
      await createPair(busy, 'ci-2');
    }
    // Integer ids are one sequence shared by all sessions (README "Fake data and --seed"): compare the string-id side.
    const alone = await createPairs(quiet, 3, 'ci-1');
    expect(alone.map(([person]) => person)).toEqual(interleaved.map(([person]) => person));
  });

  it("starts a session's string ids again after a reset, as its data", async () => {
    const server = await started();
    const before = await createPairs(server, 2, 'ci-3');
    await server.reset('ci-3');
    const after = await createPairs(server, 2, 'ci-3');
    // Integer ids are never reused, not after a reset (README "Fake data and --seed"): compare the string-id side.
    expect(after.map(([person]) => person)).toEqual(before.map(([person]) => person));
  });

  it('gives other ids and values under another seed', async () => {
    const [one, two] = await Promise.all([started(), started({ seed: 2 })]);
    const [personOne] = await createPair(one);
    const [personTwo] = await createPair(two);
    expect(personOf(personTwo)['id']).not.toBe(personOf(personOne)['id']);
    expect(personOf(personTwo)['displayName']).not.toBe(personOf(personOne)['displayName']);
  });

  describe('with a db file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ssmock-seed-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('answers the third create after a restart as a server that never stopped', async () => {
      const db = join(dir, 'db.json');
      const before = await start({ db });
      await createPairs(before, 2);
      await before.close();
      const after = await started({ db });
      const [third] = await createPairs(after, 1);
      const fresh = await started();
      expect(third).toEqual((await createPairs(fresh, 3))[2]);
    });
  });
});
