/**
 * Which API a command works on. `--api` names it (case-insensitively; a typo lists the APIs there are);
 * without it, the only API in the schemas, or for `verify` the one whose base path (`/<id>`, as the mock serves
 * it) ends the `--target` URL, or whose manifest names the target's host.
 */
import path from 'node:path';
import { listApis } from '../schema/registry.js';
import { UserError } from '../user-error.js';

/** The schemas root as the user would write it: relative to the current directory when inside it. */
const shown = (root: string): string => {
  const relative = path.relative(process.cwd(), root);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : root;
};

const apiIdsIn = (root: string): string[] => {
  const ids = listApis(root);
  if (ids.length === 0) throw new UserError(`no APIs in ${shown(root)}: run 'ssmock derive' first, or pass --schemas`);
  return ids;
};

const named = (root: string, ids: string[], wanted: string): string => {
  const id = ids.find((i) => i.toLowerCase() === wanted.toLowerCase());
  if (id === undefined) throw new UserError(`no API '${wanted}' in ${shown(root)}; APIs: ${ids.join(', ')}`);
  return id;
};

/**
 * Each `--api` of `serve`, as the id on disk; none → undefined (serve them all). A value may list several ids
 * separated by commas (`--api billiecart,servicestack-home`), as `SSMOCK_API` does.
 */
export const pickApiIds = (root: string, wanted: readonly string[] | undefined): string[] | undefined => {
  const names = (wanted ?? [])
    .flatMap((w) => w.split(','))
    .map((w) => w.trim())
    .filter(Boolean);
  if (!names.length) return undefined;
  const ids = apiIdsIn(root);
  return [...new Set(names.map((w) => named(root, ids, w)))];
};

export interface TargetHint {
  /** The `--target` URL of `verify`. */
  target: string;
  /** Each API's host as its manifest names it (`staging-api.billiecart.com.au`). */
  hosts: ReadonlyMap<string, string | null>;
}

const apiOfTarget = (ids: string[], { target, hosts }: TargetHint): string | undefined => {
  const url = new URL(target);
  const last = url.pathname.split('/').filter(Boolean).at(-1)?.toLowerCase();
  return (
    ids.find((id) => id.toLowerCase() === last) ??
    ids.find((id) => hosts.get(id)?.toLowerCase() === url.hostname.toLowerCase())
  );
};

/** The one API a command works on: `--api`, the only one there is, or the one the target URL points at. */
export const pickApiId = (root: string, wanted: string | undefined, hint?: TargetHint): string => {
  const ids = apiIdsIn(root);
  if (wanted !== undefined) return named(root, ids, wanted);
  if (ids.length === 1) return ids[0]!;
  const targeted = hint && apiOfTarget(ids, hint);
  if (targeted) return targeted;
  const or = hint ? `, or a --target that ends in the API's base path (http://host/${ids[0]})` : '';
  throw new UserError(`${ids.length} APIs in ${shown(root)} (${ids.join(', ')}): pass --api${or}`);
};
