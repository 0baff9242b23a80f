import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileKey, compiledCleanly } from './compile-verdicts.js';
import { loadApi } from './registry.js';

const schema = (maxLength: number) => new Map([['Person', { $id: 'Person.json', type: 'object', maxLength }]]);

describe('compileKey', () => {
  it.each([
    ['the same manifest and schemas', { api: 'a' }, schema(1), true],
    ['another manifest', { api: 'b' }, schema(1), false],
    ['a schema edited', { api: 'a' }, schema(2), false],
  ])('%s', (_, manifest, schemas, same) => {
    expect(compileKey(manifest, schemas) === compileKey({ api: 'a' }, schema(1))).toBe(same);
  });
});

describe('loadApi with compile verdicts', () => {
  const saved = process.env['SSMOCK_CACHE_DIR'];
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-verdicts-'));
    process.env['SSMOCK_CACHE_DIR'] = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['SSMOCK_CACHE_DIR'];
    else process.env['SSMOCK_CACHE_DIR'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('remembers a clean compile, and validates the same on a load compiled on first use', () => {
    const eager = loadApi('schemas', 'billiecart');
    expect(readdirSync(dir)).toHaveLength(1);
    const lazy = loadApi('schemas', 'billiecart');
    for (const dto of [{ email: 'a@example.com' }, { email: 42 }, { unknown: true }])
      expect(lazy.validator('CreateCustomerRequest')?.(dto)).toEqual(eager.validator('CreateCustomerRequest')?.(dto));
    expect(lazy.validator('NoSuchType')).toBeUndefined();
    expect(compiledCleanly('0'.repeat(64))).toBe(false);
  });

  // Node's recursive mkdir loops forever where a file system takes no new folders (/proc, Linux only).
  (existsSync('/proc/self') ? it : it.skip)('a verdicts folder that cannot be made only costs the next start', () => {
    process.env['SSMOCK_CACHE_DIR'] = '/proc/ssmock-nope/verdicts';
    expect(() => loadApi('schemas', 'billiecart')).not.toThrow();
    expect(compiledCleanly('0'.repeat(64))).toBe(false);
  });
});
