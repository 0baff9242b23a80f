/**
 * docs/errors.md lists the error catalogue (src/errors.ts) entry by entry: a new error, or a changed
 * status, code or description, fails here until the document says the same.
 */
import { readFileSync } from 'node:fs';
import { catalogue } from '../src/errors.js';

const ROW = /^\|\s*`(\w+)`\s*\|([^|]+)\|([^|]+)\|(.+)\|$/;
const plain = (cell: string) => cell.trim().replace(/^`([A-Za-z]+)`$/, '$1');

const documented = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => ROW.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map(([, name, status, errorCode, when]) => ({
    name,
    status: plain(status!),
    errorCode: plain(errorCode!),
    when: when!.trim(),
  }));

describe('docs/errors.md', () => {
  it('lists every catalogue entry once, in the catalogue order', () => {
    expect(documented.map((d) => d.name)).toEqual(catalogue().map((e) => e.name));
  });

  it.each(catalogue().map((e) => [e.name, e] as const))('says what the catalogue says of %s', (name, entry) => {
    expect(documented.find((d) => d.name === name)).toEqual({
      name,
      status: String(entry.status),
      errorCode: entry.errorCode,
      when: entry.when,
    });
  });
});
