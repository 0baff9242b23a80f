/** A re-derive writes only what changed and removes the types no longer derived (src/derive/index.ts, `write`). */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from './index.js';

const DTOS = (extra: string) => `[Route("/hello/{Name}", "GET")]
public partial class Hello
    : IReturn<HelloResponse>
{
    public virtual string Name { get; set; }
${extra}}

public partial class HelloResponse
{
    public virtual string Result { get; set; }
}
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-rewrite-'));
  mkdirSync(path.join(dir, 'schemas', 'greet', 'docs'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const derive = (extra: string) => {
  writeFileSync(path.join(dir, 'schemas', 'greet', 'docs', 'dtos.cs'), DTOS(extra));
  const result = deriveSchemas({
    inputs: [path.join(dir, 'schemas', 'greet', 'docs')],
    out: path.join(dir, 'schemas'),
  });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
};

const types = (name: string) => path.join(dir, 'schemas', 'greet', 'types', `${name}.json`);
const EPOCH = new Date('2020-01-01T00:00:00Z');

it('leaves unchanged files untouched, rewrites changed ones and removes stale ones', () => {
  derive('');
  for (const name of ['Hello', 'HelloResponse']) utimesSync(types(name), EPOCH, EPOCH);
  writeFileSync(types('Gone'), '{}');

  derive('    public virtual int Times { get; set; }\n');

  expect(statSync(types('HelloResponse')).mtime).toEqual(EPOCH);
  expect(statSync(types('Hello')).mtime).not.toEqual(EPOCH);
  expect(Object.keys((JSON.parse(readFileSync(types('Hello'), 'utf8')) as { properties: object }).properties)).toEqual([
    'name',
    'times',
  ]);
  expect(existsSync(types('Gone'))).toBe(false);
});
