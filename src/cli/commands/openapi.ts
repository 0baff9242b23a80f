import type { CommandModule } from 'yargs';
import { buildOpenApi } from '../../openapi/index.js';
import { listApis, loadApi } from '../../schema/registry.js';
import { defaultSchemasRoot } from '../../config.js';
import { UserError } from '../user-error.js';

interface Args {
  schemas?: string;
  api?: string;
  server?: string;
}

/** The one API a command works on: `--api`, or the only one there is. */
export const pickApiId = (root: string, wanted: string | undefined): string => {
  const ids = listApis(root);
  if (ids.length === 0) throw new UserError(`no APIs in ${root}: run 'ssmock derive' first, or pass --schemas`);
  if (wanted === undefined) {
    if (ids.length > 1) throw new UserError(`${ids.length} APIs in ${root} (${ids.join(', ')}): pass --api`);
    return ids[0]!;
  }
  const id = ids.find((i) => i.toLowerCase() === wanted.toLowerCase());
  if (!id) throw new UserError(`no API '${wanted}' in ${root}: choose one of ${ids.join(', ')}`);
  return id;
};

export const openapiCommand: CommandModule<object, Args> = {
  command: 'openapi',
  describe: "Print one API's contract as an OpenAPI 3.1 document (JSON) on stdout",
  builder: (y) =>
    y
      .option('schemas', { type: 'string', describe: 'schemas root (default: ./schemas)' })
      .option('api', { type: 'string', describe: 'API id (needed when there are several)' })
      .option('server', {
        type: 'string',
        describe: "base URL for the document's servers (default: the host the pages name)",
      }),
  handler: (args) => {
    const root = args.schemas ?? defaultSchemasRoot();
    const api = loadApi(root, pickApiId(root, args.api));
    const doc = buildOpenApi(api, args.server ? { serverUrl: args.server } : {});
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  },
};
