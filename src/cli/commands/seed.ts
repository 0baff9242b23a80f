import type { CommandModule } from 'yargs';
import { loadApis } from '../../schema/registry.js';
import { createCatalog } from '../../scenarios/catalog.js';
import { idLookupOf } from '../../server/sessions.js';
import { openStore, type StateSnapshot } from '../../store/index.js';
import { DEFAULT_SESSION } from '../../scenarios/runtime.js';
import { DEFAULTS, defaultFixtures, defaultSchemasRoot } from '../../config.js';
import { UserError } from '../user-error.js';

interface Args {
  scenario: string;
  db: string;
  fixtures?: string;
  schemas?: string;
}

export const seedCommand: CommandModule<object, Args> = {
  command: 'seed <scenario>',
  describe: "Load a scenario's data into a db file without serving",
  builder: (y) =>
    y
      .positional('scenario', {
        type: 'string',
        demandOption: true,
        describe: 'name in <fixtures>/scenarios/, or a path',
      })
      .option('db', { type: 'string', default: DEFAULTS.db })
      .option('fixtures', { type: 'string', describe: 'default: ./fixtures' })
      .option('schemas', { type: 'string', describe: 'default: ./schemas' }),
  handler: async (args) => {
    const apis = loadApis(args.schemas ?? defaultSchemasRoot());
    const scenario = await createCatalog(args.fixtures ?? defaultFixtures(), apis)
      .load(args.scenario)
      .catch((err: Error) => {
        throw new UserError(err.message.replace(/^\[ssmock\] /, ''));
      });
    const store = await openStore({ file: args.db }).catch((err: Error) => {
      throw new UserError(err.message.replace(/^\[ssmock\] /, ''));
    });
    try {
      store.replace(DEFAULT_SESSION, (scenario.data ?? {}) as StateSnapshot, idLookupOf(apis));
      await store.flush();
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
