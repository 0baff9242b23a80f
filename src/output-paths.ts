/**
 * Writing where the user asked (`derive --out`, `verify --junit`): a path the system refuses is the user's to
 * fix, so it becomes a one-line UserError naming the path and why, never a stack trace (README, "Command line").
 *
 * Folders are created one level at a time from the nearest one that exists, not with `mkdirSync(…, {recursive})`:
 * where mkdir answers ENOENT under a parent that exists (`/proc/nope`), Node's recursive mkdir takes it for a
 * missing parent, "creates" the parent (EEXIST), and tries again forever.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codeOf, messageOf } from './store/io-errors.js';
import { UserError } from './user-error.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'name too long',
};

/** Why the system refused, in words, with its code (`permission denied (EACCES)`). */
export const reasonOf = (err: unknown): string => {
  const code = codeOf(err);
  const known = code === undefined ? undefined : REASONS[code];
  return known ? `${known} (${code})` : messageOf(err);
};

/** An fs error (it has an errno code) as a UserError naming `target`; anything else unchanged. */
export const refusal = (err: unknown, target: string): unknown =>
  /^E[A-Z]+$/.test(codeOf(err) ?? '')
    ? new UserError(`cannot write ${target}: ${reasonOf(err)}`, 1, { cause: err })
    : err;

/**
 * `mkdir -p dir` that fails at once, with a UserError, wherever the folder cannot be made; the message names
 * `target`, what the user asked to write (the folder itself, or a file to go in it).
 */
export const makeFolder = (dir: string, target = dir): void => {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) {
    missing.unshift(at);
    at = path.dirname(at);
  }
  if (!statSync(at).isDirectory()) throw new UserError(`cannot write ${target}: ${at} is a file, not a folder`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      // Made by someone else meanwhile: as good as made here.
      if (codeOf(err) === 'EEXIST' && statSync(folder).isDirectory()) continue;
      // The parent exists (made just before, or found), so ENOENT means this file system takes no new folders.
      if (codeOf(err) === 'ENOENT')
        throw new UserError(`cannot write ${target}: ${path.dirname(folder)} does not take new folders`, 1, {
          cause: err,
        });
      throw refusal(err, target);
    }
  }
};

/** `writeFileSync`, with a refusal as a UserError naming the file. */
export const writeOutput = (file: string, text: string): void => {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw refusal(err, file);
  }
};
