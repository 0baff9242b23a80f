import { jest } from '@jest/globals';
import { ScenarioError } from '../scenarios/catalog.js';
import { SchemaLoadError } from '../schema/registry.js';
import { asUserMistake, UserError } from '../user-error.js';
import { InteractionsFileError } from '../verify/interactions-file.js';
import { exitWith, isUserMistake } from './failure.js';

const errno = (code: string, message = `${code}: something`) => Object.assign(new Error(message), { code });

describe('isUserMistake', () => {
  it.each([
    ['UserError', new UserError('bad flag'), true],
    ['SchemaLoadError', new SchemaLoadError('[ssmock] no APIs found'), true],
    ['ScenarioError', new ScenarioError('[ssmock] no scenario', []), true],
    ['InteractionsFileError', new InteractionsFileError('file: bad'), true],
    ['TypeError', new TypeError("Cannot read properties of undefined (reading 'id')"), false],
    ['plain Error', new Error('boom'), false],
    ['a string', 'boom', false],
  ])('%s → %s', (_, err, expected) => expect(isUserMistake(err)).toBe(expected));
});

describe('asUserMistake', () => {
  it.each([
    ['a message ssmock raised on purpose', new Error('[ssmock] db.json is not valid JSON: fix or delete it'), true],
    ['a file the system refused', errno('EACCES'), true],
    ['a missing file', errno('ENOENT'), true],
    ['a TypeError (a bug)', new TypeError('x is not a function'), false],
    ['an error without the prefix (a bug)', new Error('unexpected state'), false],
  ])('%s → user mistake: %s', (_, err, mistake) => {
    const judged = asUserMistake(err);
    expect(isUserMistake(judged)).toBe(mistake);
    if (mistake) expect((judged as Error).message).not.toMatch(/^\[ssmock\]/);
    else expect(judged).toBe(err);
  });
});

describe('exitWith', () => {
  const written: string[] = [];
  let exitCode: number | undefined;
  beforeEach(() => {
    written.length = 0;
    exitCode = undefined;
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      exitCode = code;
      throw new Error('exited');
    }) as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['a user mistake: one line, its exit code', new UserError('cannot reach http://x: refused', 2), 2],
    ['a schema that does not load: one line, exit 1', new SchemaLoadError('[ssmock] no APIs found in x'), 1],
  ])('%s', (_, err, code) => {
    expect(() => exitWith(err)).toThrow('exited');
    expect(exitCode).toBe(code);
    expect(written.join('')).toBe(`ssmock: ${err.message.replace('[ssmock] ', '')}\n`);
  });

  it('a fault in ssmock keeps its stack trace and exits 70', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(() => exitWith(bug)).toThrow('exited');
    expect(exitCode).toBe(70);
    const text = written.join('');
    expect(text).toMatch(/^ssmock: internal error \(a bug in ssmock; please report it with this trace\):\nTypeError: /);
    expect(text).toContain(bug.stack!);
  });
});
