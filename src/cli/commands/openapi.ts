import type { CommandModule } from 'yargs';
import { buildOpenApi } from '../../openapi/index.js';
import { loadApi } from '../../schema/registry.js';
import { defaultSchemasRoot } from '../../config.js';
import { pickApiId } from '../apis.js';

interface Args {
  schemas?: string;
  api?: string;
  server?: string;
}

export const openapiCommand: CommandModule<object, Args> = {
  command: 'openapi',
  describe: "Print one API's contract as an OpenAPI 3.1 document (JSON) on stdout",
  builder: (y) =>
    y
      .option('schemas', { type: 'string', describe: 'schemas root (default: ./schemas)' })
      .option('api', { type: 'string', describe: 'API id (needed when the schemas hold several)' })
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
