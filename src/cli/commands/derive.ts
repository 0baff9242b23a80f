import type { CommandModule } from 'yargs';
import type { DeriveResult, Fetched } from '../../derive/index.js';
import { defaultInputs, deriveFromUrls, deriveSchemas } from '../../derive/index.js';
import { parseHeader } from '../../derive/from-url.js';
import { inferredNotes } from '../../derive/precision.js';
import { summaryLine } from '../../derive/summary.js';
import { DEFAULTS } from '../../config.js';
import { UserError } from '../../user-error.js';
import { wholeNumber } from '../flags.js';

interface Args {
  inputs?: string[];
  out: string;
  api?: string;
  check: boolean;
  /** Repeatable flags: one value is a string, several an array. */
  from?: string | string[];
  header?: string | string[];
  timeout: number;
}

const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());

const ID_FROM: Record<Fetched['apiFrom'], string> = {
  flag: 'from --api',
  path: "from the URL's path; --api to choose another",
  host: "from the URL's host; --api to choose another",
};

/** Fetches and saves what the servers publish, says where each copy went, and derives from the saved copies. */
const deriveFrom = async (args: Args, from: string[]): Promise<DeriveResult> => {
  if (args.inputs?.length) throw new UserError('pass either metadata pages or --from URL, not both', 2);
  // --check compares the saved copies, offline; checking a live server against them is a fetch, then a --check.
  if (args.check) throw new UserError('--check reads the saved copies only: run --from without it', 2);
  const headers = Object.fromEntries(all(args.header).map(parseHeader));
  const result = await deriveFromUrls({
    from,
    out: args.out,
    headers,
    timeoutMs: args.timeout,
    ...(args.api ? { api: args.api } : {}),
  });
  for (const f of result.fetched)
    process.stdout.write(`fetched ${f.url} → ${f.file} (API id '${f.api}' ${ID_FROM[f.apiFrom]})\n`);
  return result;
};

export const deriveCommand: CommandModule<object, Args> = {
  command: 'derive [inputs..]',
  describe:
    'ServiceStack metadata pages, DTO files or /types/metadata (files or folders), or what a running server publishes (--from URL) → JSON Schemas and operations manifest',
  builder: (y) =>
    y
      .positional('inputs', {
        type: 'string',
        array: true,
        describe: 'pages or folders (default: <out>/*/docs if it holds pages, else schemas/*/docs)',
      })
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
      })
      .option('from', {
        type: 'string',
        describe:
          'URL of a running ServiceStack server (or its /types/metadata, /types/{lang} or /json/metadata?op=X): fetch it, save it under <out>/<api>/docs/, derive (repeatable)',
      })
      .option('header', {
        type: 'string',
        describe: 'with --from: a request header, e.g. "Authorization: Bearer TOKEN" (repeatable)',
      })
      .option('timeout', {
        type: 'number',
        default: 30000,
        coerce: wholeNumber('timeout', 1),
        describe: 'with --from: milliseconds to wait for each answer',
      }),
  handler: async (args) => {
    const from = all(args.from);
    let result: DeriveResult;
    if (from.length) result = await deriveFrom(args, from);
    else {
      const inputs = args.inputs?.length ? args.inputs : defaultInputs(args.out);
      const url = inputs.find((i) => /^https?:\/\//i.test(i));
      if (url) throw new UserError(`${url} is a URL: fetch it with --from ${url}`, 2);
      if (inputs.length === 0) {
        const where = [...new Set([args.out, DEFAULTS.schemasDir].map((root) => `${root}/<api>/docs/`))].join(' or ');
        throw new UserError(`no inputs: pass metadata pages or put them in ${where}`);
      }
      result = deriveSchemas({ inputs, out: args.out, check: args.check, ...(args.api ? { api: args.api } : {}) });
    }
    for (const d of result.diagnostics)
      process.stderr.write(`${d.file}:${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}\n`);
    for (const note of result.apis.flatMap((api) => inferredNotes(api.inferred))) process.stderr.write(`${note}\n`);
    for (const api of result.apis) process.stdout.write(`${summaryLine(api)}\n`);
    if (args.check) {
      for (const file of result.drift) process.stderr.write(`${file}: differs from a fresh derive\n`);
      if (result.drift.length)
        throw new UserError(`${result.drift.length} schema file(s) are out of date: run 'ssmock derive' and commit`);
      process.stdout.write('schemas are up to date\n');
    }
    if (result.diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
  },
};
