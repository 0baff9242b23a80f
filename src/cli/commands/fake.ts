import type { CommandModule } from 'yargs';
import { createFaker, fakerLocale } from '../../faker/index.js';
import { loadApis } from '../../schema/registry.js';
import { UserError } from '../../user-error.js';
import { pickApiId } from '../apis.js';
import { seedFlag } from '../flags.js';
import { DEFAULTS, defaultSchemasRoot } from '../../config.js';

interface Args {
  type: string;
  schemas?: string;
  api?: string;
  seed: number;
}

export const fakeCommand: CommandModule<object, Args> = {
  command: 'fake <type>',
  describe: 'Print one realistic instance of a DTO type',
  builder: (y) =>
    y
      .positional('type', { type: 'string', demandOption: true, describe: 'DTO type name, e.g. Customer' })
      .option('schemas', { type: 'string', describe: 'schemas root (default: ./schemas)' })
      .option('api', { type: 'string', describe: 'API id (needed when several APIs define the type)' })
      .option('seed', { ...seedFlag, default: DEFAULTS.seed }),
  handler: (args) => {
    const root = args.schemas ?? defaultSchemasRoot();
    const apis = loadApis(root, args.api === undefined ? [] : [pickApiId(root, args.api)]);
    const owners = apis.filter((a) => [...a.schemas.keys()].some((t) => t.toLowerCase() === args.type.toLowerCase()));
    if (owners.length === 0) throw new UserError(`no DTO type '${args.type}' in ${apis.map((a) => a.id).join(', ')}`);
    if (owners.length > 1)
      throw new UserError(`'${args.type}' is defined by ${owners.map((a) => a.id).join(' and ')}: pass --api`);
    const api = owners[0]!;
    const type = [...api.schemas.keys()].find((t) => t.toLowerCase() === args.type.toLowerCase())!;
    const faker = createFaker({
      seed: args.seed,
      locale: fakerLocale(api.manifest.locale),
    });
    const value = faker.fake(api.schemas.get(type)!, { resolve: api.resolve, typeName: type });
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  },
};
