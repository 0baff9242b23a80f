import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Scope, type StateStore, type StoreTuning } from './index.js';

type Op =
  | { kind: 'create'; scope: Scope; id?: number; name: string }
  | { kind: 'person'; scope: Scope; id?: string; name: string }
  | { kind: 'update'; scope: Scope; id: number; name: string }
  | { kind: 'remove'; scope: Scope; id: number }
  | { kind: 'clear'; session?: string }
  | { kind: 'flush' };

const scopeArb = fc.record({
  api: fc.constantFrom('billiecart', 'home'),
  session: fc.constantFrom('default', 'ci-1'),
  tenant: fc.constantFrom('', 'org-1', '$odd'),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        kind: fc.constant('create' as const),
        scope: scopeArb,
        id: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        name: fc.string({ unit: 'binary' }),
      },
      { requiredKeys: ['kind', 'scope', 'name'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('person' as const),
        scope: scopeArb,
        id: fc.option(fc.constantFrom('p1', 'p2', '3'), { nil: undefined }),
        name: fc.string({ unit: 'binary' }),
      },
      { requiredKeys: ['kind', 'scope', 'name'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      scope: scopeArb,
      id: fc.integer({ min: 1, max: 30 }),
      name: fc.string({ unit: 'binary' }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      scope: scopeArb,
      id: fc.integer({ min: 1, max: 30 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        kind: fc.constant('clear' as const),
        session: fc.option(fc.constantFrom('default', 'ci-1'), { nil: undefined }),
      },
      { requiredKeys: ['kind'] },
    ),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

const intId = { property: 'id', type: 'integer' } as const;
const strId = { property: 'id', type: 'string', seed: 7 } as const;
const apply = (store: StateStore, op: Op): void => {
  if (op.kind === 'create')
    store.create(op.scope, 'Customer', op.id === undefined ? { name: op.name } : { id: op.id, name: op.name }, intId);
  else if (op.kind === 'person')
    store.create(op.scope, 'Person', op.id === undefined ? { name: op.name } : { id: op.id, name: op.name }, strId);
  else if (op.kind === 'update') store.update(op.scope, 'Customer', String(op.id), { name: op.name });
  else if (op.kind === 'remove') store.remove(op.scope, 'Customer', op.id);
  else if (op.kind === 'clear') store.clear(op.session);
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssmock-restart-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// A file store, closed and reopened, must hold exactly what a memory store given the same calls holds.
describe.each<[string, StoreTuning]>([
  ['replacing db.json on every commit', {}],
  ['journalling', { fullWriteLimit: 0, compactMinBytes: 300 }],
])('restart while %s', (_, tuning) => {
  it('gives back the state a memory store has after the same calls', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async (ops) => {
        const file = join(dir, `${tuning.fullWriteLimit ?? 'full'}-${(run += 1)}.json`);
        const memory = await openStore({ memory: true });
        const disk = await openStore({ file, tuning });
        const pending: Promise<void>[] = [];
        for (const op of ops) {
          apply(memory, op);
          apply(disk, op);
          if (op.kind === 'flush') pending.push(disk.flush());
        }
        await Promise.all(pending);
        await disk.close();
        const reopened = await openStore({ file, tuning });
        try {
          for (const session of ['default', 'ci-1'])
            expect(reopened.snapshot(session)).toEqual(memory.snapshot(session));
          const next = { api: 'billiecart', session: 'default', tenant: '' };
          expect(reopened.create(next, 'Customer', {}, intId).id).toBe(memory.create(next, 'Customer', {}, intId).id);
          for (const session of ['default', 'ci-1']) {
            const where = { ...next, session };
            expect(reopened.create(where, 'Person', {}, strId).id).toBe(memory.create(where, 'Person', {}, strId).id);
          }
        } finally {
          await reopened.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
