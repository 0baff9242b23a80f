/**
 * `<db>.journal`: the commits made while db.json is too large to replace on
 * every commit (file-adapter.ts). JSON Lines, one op (state.ts `JournalOp`)
 * per line, appended and fdatasync'ed once per group commit, replayed over
 * db.json at start-up, deleted whenever db.json is replaced.
 *
 * Only the last line can be torn (a crash mid-append), and that line was
 * never acknowledged, because its commit's fdatasync had not returned: it is
 * skipped. Anything else that does not parse stops start-up, as a bad
 * db.json does.
 */
import { freeze, isRecord } from './records.js';
import type { CollectionPath, JournalOp, ResourceMeta } from './state.js';

export const encodeOps = (ops: readonly JournalOp[]): string =>
  ops.length === 0 ? '' : `${ops.map((op) => JSON.stringify(op)).join('\n')}\n`;

/** `display` names the journal in messages. */
export function decodeJournal(text: string, display: string): JournalOp[] {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const ops: JournalOp[] = [];
  lines.forEach((line, index) => {
    let op: JournalOp | null = null;
    try {
      op = toOp(JSON.parse(line));
    } catch {
      // reported below, unless it is the torn last line
    }
    if (op) ops.push(op);
    else if (index < lines.length - 1) {
      throw new Error(
        `[ssmock] ${display} is damaged at line ${index + 1}: fix or delete it (deleting loses the writes ` +
          `it holds that are not in the db file yet); ssmock will not overwrite it`,
      );
    }
  });
  return ops;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function toPath(value: unknown): CollectionPath | null {
  if (!Array.isArray(value) || value.length !== 4 || !value.every(isString)) return null;
  const [session, api, resource, tenant] = value as string[];
  return session !== undefined && api !== undefined && resource !== undefined && tenant !== undefined
    ? [session, api, resource, tenant]
    : null;
}

function toMeta(value: unknown): ResourceMeta | null {
  if (!isRecord(value)) return null;
  const { idProperty, idType, lastId } = value;
  if (!isString(idProperty) || (idType !== 'string' && idType !== 'integer') || typeof lastId !== 'number') return null;
  return { idProperty, idType, lastId };
}

function toOp(value: unknown): JournalOp | null {
  if (!isRecord(value)) return null;
  if ('put' in value) {
    const path = toPath(value.put);
    return path && isString(value.id) && isRecord(value.e) ? { put: path, id: value.id, e: freeze(value.e) } : null;
  }
  if ('del' in value) {
    const path = toPath(value.del);
    return path && isString(value.id) ? { del: path, id: value.id } : null;
  }
  if ('clear' in value) return value.clear === null || isString(value.clear) ? { clear: value.clear } : null;
  if ('drawn' in value) {
    const path = toPath(value.drawn);
    const n = value.n;
    return path && typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? { drawn: path, n } : null;
  }
  if ('meta' in value) {
    const meta = toMeta(value.m);
    return isString(value.meta) && meta ? { meta: value.meta, m: meta } : null;
  }
  return null;
}
