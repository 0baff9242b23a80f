import type { CommandModule } from 'yargs';
import { DEFAULTS, MEMORY_DB, defaultFixtures, defaultSchemasRoot } from '../../config.js';
import { createCatalog } from '../../scenarios/catalog.js';
import { DEFAULT_SESSION } from '../../scenarios/runtime.js';
import { loadApis } from '../../schema/registry.js';
import { idLookupOf } from '../../server/sessions.js';
import { openStore, type StateSnapshot } from '../../store/index.js';
import { asUserMistake, UserError } from '../../user-error.js';
import { keepCopyIfItHoldsData } from '../keep-db-copy.js';

interface Args {
  scenario: string;
  db: string;
  fixtures?: string;
  schemas?: string;
}

export const seedCommand: CommandModule<object, Args> = {
  command: 'seed <scenario>',
  describe: "Load a scenario's data into a db file without serving (a file that holds data is copied first)",
  builder: (y) =>
    y
      .positional('scenario', {
        type: 'string',
        demandOption: true,
        describe: 'name in <fixtures>/scenarios/, or a path',
      })
      .option('db', { type: 'string', default: DEFAULTS.db, describe: 'the state file to write' })
      .option('fixtures', { type: 'string', describe: 'default: ./fixtures' })
      .option('schemas', { type: 'string', describe: 'default: ./schemas' }),
  handler: async (args) => {
    if (args.db === MEMORY_DB)
      throw new UserError(
        `seed writes a db file, and --db ${MEMORY_DB} keeps nothing: pass a file (default ${DEFAULTS.db}), or 'serve --db ${MEMORY_DB} --scenario ${args.scenario}'`,
      );
    const apis = loadApis(args.schemas ?? defaultSchemasRoot());
    const scenario = await createCatalog(args.fixtures ?? defaultFixtures(), apis).load(args.scenario);
    const store = await openStore({ file: args.db }).catch((err: unknown) => Promise.reject(asUserMistake(err)));
    try {
      await keepCopyIfItHoldsData(store, args.db);
      store.replace(DEFAULT_SESSION, (scenario.data ?? {}) as StateSnapshot, idLookupOf(apis));
      await store.flush();
    } catch (err) {
      throw asUserMistake(err);
    } finally {
      await store.close();
    }
    const counts = Object.entries(scenario.data ?? {}).flatMap(([api, r]) =>
      Object.entries(r).map(([t, list]) => `${api}.${t}: ${list.length}`),
    );
    process.stdout.write(
      `seeded ${args.db} from '${args.scenario}'${counts.length ? ` (${counts.join(', ')})` : ' (no data)'}\n`,
    );
  },
};
