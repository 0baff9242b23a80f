import type { CommandModule } from 'yargs';
import { defaultInputs, deriveSchemas } from '../../derive/index.js';
import { UserError } from '../../user-error.js';

interface Args {
  inputs?: string[];
  out: string;
  api?: string;
  check: boolean;
}

export const deriveCommand: CommandModule<object, Args> = {
  command: 'derive [inputs..]',
  describe: 'ServiceStack metadata pages (files or folders; text or HTML) → JSON Schemas and operations manifest',
  builder: (y) =>
    y
      .positional('inputs', { type: 'string', array: true, describe: 'pages or folders (default: <out>/*/docs)' })
      .option('out', {
        type: 'string',
        default: 'schemas',
        describe: 'schemas root; each API is written to <out>/<id>/',
      })
      .option('api', { type: 'string', describe: 'API id for every input (default: from <id>/docs or the page title)' })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'write nothing; exit 1 if the committed schemas differ from a fresh derive',
      }),
  handler: (args) => {
    const inputs = args.inputs?.length ? args.inputs : defaultInputs(args.out);
    if (inputs.length === 0)
      throw new UserError(`no inputs: pass metadata pages or put them in ${args.out}/<api>/docs/`);
    const result = deriveSchemas({ inputs, out: args.out, check: args.check, ...(args.api ? { api: args.api } : {}) });
    for (const d of result.diagnostics)
      process.stderr.write(`${d.file}:${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}\n`);
    for (const api of result.apis)
      process.stdout.write(
        `${api.id}: ${api.operations.length} operations (${api.operations.join(', ')}), ${api.types} types\n`,
      );
    if (args.check) {
      for (const file of result.drift) process.stderr.write(`${file}: differs from a fresh derive\n`);
      if (result.drift.length)
        throw new UserError(`${result.drift.length} schema file(s) are out of date: run 'ssmock derive' and commit`);
      process.stdout.write('schemas are up to date\n');
    }
    if (result.diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
  },
};
