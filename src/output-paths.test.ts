import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeFolder, refusal, writeOutput } from './output-paths.js';
import { UserError } from './user-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ssmock-out-'));
  writeFileSync(path.join(dir, 'afile'), '');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('makes every missing folder, and leaves one that exists', () => {
  makeFolder(path.join(dir, 'a', 'b', 'c'));
  makeFolder(path.join(dir, 'a', 'b', 'c'));
  expect(statSync(path.join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
});

it.each([
  ['a file on the way', ['afile', 'x'], (d: string) => `cannot write ${d}/afile/x: ${d}/afile is a file, not a folder`],
  [
    'a file where the folder goes',
    ['afile'],
    (d: string) => `cannot write ${d}/afile: ${d}/afile is a file, not a folder`,
  ],
])('%s is a UserError naming the path', (_, parts, message) => {
  expect(() => makeFolder(path.join(dir, ...parts))).toThrow(new UserError(message(dir)));
});

it('names the file the folder was for', () =>
  expect(() => makeFolder(path.join(dir, 'afile'), path.join(dir, 'afile', 'r.xml'))).toThrow(
    `cannot write ${dir}/afile/r.xml: `,
  ));

it('writeOutput writes, and says why it cannot', () => {
  writeOutput(path.join(dir, 'f.txt'), 'text');
  expect(readFileSync(path.join(dir, 'f.txt'), 'utf8')).toBe('text');
  expect(() => writeOutput(dir, 'text')).toThrow(`cannot write ${dir}: it is a folder (EISDIR)`);
});

it.each([
  [
    'an fs error',
    Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
    'cannot write f: permission denied (EACCES)',
  ],
  [
    'an unknown code',
    Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' }),
    'cannot write f: EXDEV: cross-device link',
  ],
])('refusal turns %s into a UserError', (_, err, message) => {
  const turned = refusal(err, 'f');
  expect(turned).toBeInstanceOf(UserError);
  expect((turned as Error).message).toBe(message);
});

it('refusal leaves a fault alone', () => {
  const bug = new TypeError('x is undefined');
  expect(refusal(bug, 'f')).toBe(bug);
});
