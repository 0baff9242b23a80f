/**
 * `ssmock derive` as a user runs it on a folder of saved pages (the built CLI in a child process): one summary
 * line per API; a page it cannot read is one `file:line: what was expected` line (the line in the ORIGINAL file)
 * while every other page and API still derives and is written; the exit code says something failed.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli/index.js');
const PAGES = path.resolve('src/derive/__fixtures__/pages');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const run = (args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    const options = { timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } };
    execFile(process.execPath, [CLI, ...args], options, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ssmock-derive-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const page = (api: string, name: string, text?: string): string => {
  const dir = path.join(root, api, 'docs');
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, name);
  if (text === undefined) cpSync(path.join(PAGES, name), target);
  else writeFileSync(target, text);
  return target;
};

describe('ssmock derive', () => {
  it('ends with one summary line per API: operations, types, validators, inferred precision', async () => {
    // The C# page with two declarative validators; the TypeScript page hides DateTime behind `string`.
    const csharp = readFileSync(path.join(PAGES, 'json.csharp.txt'), 'utf8')
      .replace(/^( +)(public virtual string Name )/m, '$1[ValidateNotEmpty]\n$1$2')
      .replace(/^( +)(public virtual int RoomNumber )/m, '$1[ValidateGreaterThan(0)]\n$1$2');
    page('acme', 'json.csharp.txt', csharp);
    page('rooms', 'xml.typescript.html');
    const result = await run(['derive', '--out', root]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'acme: 1 operation (CreateBooking), 6 types, validators on 2 properties, precision inferred for 0 properties',
      'rooms: 1 operation (CreateBooking), 6 types, validators on 0 properties, precision inferred for 2 properties',
    ]);
    expect(existsSync(path.join(root, 'acme', 'types', 'CreateBooking.json'))).toBe(true);
  });

  it('reports a page it cannot read at its line, and still derives the other pages and APIs', async () => {
    page('acme', 'json.csharp.txt');
    const html = readFileSync(path.join(PAGES, 'json.metadata.html'), 'utf8').replace(
      /<table class='params'>[\s\S]*?<div class="call-info">/,
      '<div class="call-info">',
    );
    const broken = page('acme', 'broken.html', html);
    const expectedLine = html.split('\n').findIndex((l) => l.includes('<div class="call-info">')) + 1;
    page('rooms', 'only-tables.csv.txt');

    const result = await run(['derive', '--out', root]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${broken}:${expectedLine}: expected DTO source ending in '<Language> CreateBooking DTOs' or 'CreateBooking Parameters:' tables`,
    );
    expect(result.stdout).toMatch(/^acme: 1 operation \(CreateBooking\), 6 types, /m);
    expect(result.stdout).toMatch(/^rooms: 1 operation \(CreateBooking\), 6 types, /m);
    const manifest = JSON.parse(readFileSync(path.join(root, 'rooms', 'manifest.json'), 'utf8')) as {
      operations: { name: string; response: string }[];
    };
    expect(manifest.operations.map((o) => [o.name, o.response])).toEqual([['CreateBooking', 'IdResponse']]);
  });
});
