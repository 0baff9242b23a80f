/**
 * A mistake in a hand-edited schemas folder, as `ssmock serve` reports it: one line on stderr naming the file, the
 * JSON path and what was expected, exit 1, no stack trace (README, "The schemas").
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli/index.js');

let project: string;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'ssmock-mistakes-'));
  cpSync(path.resolve('schemas'), path.join(project, 'schemas'), { recursive: true });
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** Sets (or, with `undefined`, deletes) the value at a path inside one JSON file of the copied schemas. */
const edit = (rel: string, at: (string | number)[], value: unknown): void => {
  const file = path.join(project, 'schemas', rel);
  const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const parent = at.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], json);
  const key = at.at(-1)!;
  if (value === undefined) delete (parent as Record<string, unknown>)[key];
  else (parent as Record<string, unknown>)[key] = value;
  writeFileSync(file, JSON.stringify(json, null, 2));
};

const serve = (): Promise<{ code: number; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'serve', '--schemas', 'schemas', '--port', '0', '--db', 'memory'],
      { cwd: project, timeout: 20_000 },
      (err, _stdout, stderr) => resolve({ code: typeof err?.code === 'number' ? err.code : 0, stderr }),
    );
  });

describe('ssmock serve with a hand-edit mistake', () => {
  it.each<[string, string, (string | number)[], unknown, string]>([
    [
      'a verb that does not exist in the manifest',
      'billiecart/manifest.json',
      ['operations', 1, 'routes', 0, 'verbs'],
      ['FETCH'],
      'schemas/billiecart/manifest.json: /operations/1/routes/0/verbs/0: must be one of GET, POST, PUT, PATCH, DELETE',
    ],
    [
      'a manifest without its locale',
      'servicestack-home/manifest.json',
      ['locale'],
      undefined,
      'schemas/servicestack-home/manifest.json: /locale: is required',
    ],
    [
      'a misspelt keyword in a DTO schema',
      'billiecart/types/Customer.json',
      ['properties', 'email', 'requred'],
      true,
      'schemas/billiecart/types/Customer.json: /properties/email: unknown keyword "requred" (did you mean "required"?)',
    ],
  ])('%s: one line and exit 1', async (_, file, at, value, line) => {
    edit(file, at, value);
    const { code, stderr } = await serve();
    expect({ code, stderr }).toEqual({ code: 1, stderr: `ssmock: ${line}\n` });
  });
});
