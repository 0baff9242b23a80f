/**
 * What `serve --watch` does with a batch of changed files (README, "Live reload"): pages and DTO files under
 * `<schemas>/<api>/docs/` are derived again (nothing is written when a page does not derive: the last good
 * contract stays served), a changed manifest or type schema is loaded again, `users.json` and scenario files are
 * read again. Whatever fails to load is reported with its place and the version before it stays; the batch ends
 * with one line saying what changed and what is served now.
 */
import { EventEmitter, once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { deriveSchemas } from '../derive/index.js';
import type { ApiSchemas } from '../schema/registry.js';
import { listApis, loadApi } from '../schema/registry.js';
import { watchFolders } from './watch.js';

export interface ReloadReport {
  /** The line printed: each change and what it gave, `billiecart/docs/X.html → billiecart, 42 operations`. */
  line: string;
  /** False when something did not load (its last good version is still served). */
  ok: boolean;
  /** The changed files the batch acted on. */
  files: string[];
  /** Lines describing what did not load (derive diagnostics as `file:line: message`, schema and fixture errors). */
  problems: string[];
}

/** What a reload needs from the running server. */
export interface ReloadTarget {
  schemasRoot: string;
  fixtures: string;
  /** The APIs asked for; empty: every API of the schemas root, new ones included. */
  wanted: string[];
  /** The start-up scenario's file, when there is one. */
  startupScenario?: string | undefined;
  apis(): ApiSchemas[];
  /** Serves these APIs from the next request on. */
  swapApis(apis: ApiSchemas[]): void;
  /** Reads users.json again; how many users it holds. */
  reloadUsers(): Promise<number>;
  /** Reads a scenario again and gives its rules to the sessions running it; how many rules it has. */
  reloadScenario(file: string, isStartup: boolean): Promise<number>;
}

/** A path as the user would type it: relative to the current directory when inside it. */
const shown = (file: string): string => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
};

/** `rel` split into parts when `file` lies inside `root`. */
const inside = (root: string, file: string): string[] | undefined => {
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? undefined
    : relative.split(path.sep);
};

/** Editors' swap, backup and lock files are not changes to the contract. */
const isScratch = (file: string): boolean => /^(\.|#)|~$|\.(swp|swx|tmp)$/i.test(path.basename(file));

/** Names, sizes and times of an API's manifest and type files: equal stamps mean nothing to load (our own derive's writes echo back). */
export const schemaStamp = (root: string, id: string): string => {
  const stampOf = (file: string): string => {
    try {
      const { size, mtimeMs } = statSync(file);
      return `${file}:${size}:${mtimeMs}`;
    } catch {
      return `${file}:-`;
    }
  };
  const typesDir = path.join(root, id, 'types');
  let types: string[] = [];
  try {
    types = readdirSync(typesDir).sort();
  } catch {
    // No types folder: the manifest alone.
  }
  return [path.join(root, id, 'manifest.json'), ...types.map((t) => path.join(typesDir, t))].map(stampOf).join('|');
};

/** The folders a watch of this target covers: the schemas root, each API's folder, docs/ (and below) and types/, the fixtures. */
export const watchedFolders = (
  target: Pick<ReloadTarget, 'schemasRoot' | 'fixtures' | 'wanted' | 'startupScenario'>,
) => {
  const subfolders = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .flatMap((e) => [path.join(dir, e.name), ...subfolders(path.join(dir, e.name))]);
    } catch {
      return [];
    }
  };
  const ids = target.wanted.length ? target.wanted : readdirSafe(target.schemasRoot);
  return [
    target.schemasRoot,
    ...ids.flatMap((id) => {
      const dir = path.join(target.schemasRoot, id);
      const docs = path.join(dir, 'docs');
      return [dir, docs, ...subfolders(docs), path.join(dir, 'types')];
    }),
    target.fixtures,
    path.join(target.fixtures, 'scenarios'),
    ...(target.startupScenario ? [path.dirname(target.startupScenario)] : []),
  ].filter((dir, i, all) => all.indexOf(dir) === i);
};

const readdirSafe = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
};

interface Plan {
  /** API id → its changed docs files. */
  derive: Map<string, string[]>;
  /** API id → its changed manifest and type files. */
  schemas: Map<string, string[]>;
  users: boolean;
  scenarios: Set<string>;
  files: string[];
}

export type Change = { kind: 'docs' | 'schemas'; id: string } | { kind: 'users' | 'scenario' };

/** What a changed file is to a reload; undefined for files ssmock does not read. */
export const changeOf = (target: ReloadTarget, file: string): Change | undefined => {
  if (isScratch(file)) return undefined;
  if (file === target.startupScenario) return { kind: 'scenario' };
  const [id, part, name] = inside(target.schemasRoot, file) ?? [];
  if (id && part && (target.wanted.length === 0 || target.wanted.includes(id))) {
    if (part === 'docs') return { kind: 'docs', id };
    if (part === 'manifest.json' || (part === 'types' && name?.endsWith('.json'))) return { kind: 'schemas', id };
    return undefined;
  }
  const [first, second, more] = inside(target.fixtures, file) ?? [];
  if (first === 'users.json' && second === undefined) return { kind: 'users' };
  if (first === 'scenarios' && second?.endsWith('.json') && more === undefined) return { kind: 'scenario' };
  return undefined;
};

const planOf = (target: ReloadTarget, files: string[]): Plan => {
  const plan: Plan = { derive: new Map(), schemas: new Map(), users: false, scenarios: new Set(), files: [] };
  const add = (map: Map<string, string[]>, id: string, file: string) => map.set(id, [...(map.get(id) ?? []), file]);
  for (const file of files) {
    const change = changeOf(target, file);
    if (!change) continue;
    plan.files.push(file);
    if (change.kind === 'docs') add(plan.derive, change.id, file);
    else if (change.kind === 'schemas') add(plan.schemas, change.id, file);
    else if (change.kind === 'users') plan.users = true;
    else plan.scenarios.add(file);
  }
  return plan;
};

const message = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).replace(/^\[ssmock\] /, '');

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The files to name for a change: those still there (an editor's temp files are gone by now; a new folder is no file), else the deleted ones. */
const named = (files: string[]): string => {
  const present = files.filter((f) => existsSync(f) && !statSync(f).isDirectory());
  return (present.length ? present : files).map(shown).join(', ');
};

/** One batch's outcome: a part of the line per change, and the problems found. */
class Outcome {
  readonly parts: string[] = [];
  readonly problems: string[] = [];
  constructor(private readonly warn: (line: string) => void) {}

  problem(line: string): void {
    this.problems.push(line);
    this.warn(line);
  }
}

type Result = 'loaded' | 'failed' | 'unchanged' | 'echo';

/**
 * The reload of a server: call it with each batch of changed files; undefined when none of them matters.
 * `warn` receives each problem line as it is found.
 */
export const createReloader = (target: ReloadTarget, warn: (line: string) => void) => {
  const stamps = new Map(target.apis().map((a) => [a.id, schemaStamp(target.schemasRoot, a.id)]));
  const operationsOf = (id: string) =>
    plural(target.apis().find((a) => a.id === id)?.manifest.operations.length ?? 0, 'operation');

  /** Derives the API's docs again; writes nothing unless every page derives. */
  const derive = (id: string, out: Outcome): Result => {
    const docs = shown(path.join(target.schemasRoot, id, 'docs'));
    const check = deriveSchemas({ inputs: [docs], out: target.schemasRoot, check: true });
    for (const d of check.diagnostics) {
      const line = `${d.file}:${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
      if (d.severity === 'error') out.problem(line);
      else warn(line);
    }
    if (check.diagnostics.some((d) => d.severity === 'error')) return 'failed';
    if (check.drift.length === 0) return 'unchanged';
    deriveSchemas({ inputs: [docs], out: target.schemasRoot });
    return 'loaded';
  };

  /** Loads the API's manifest and types, unless they are as last loaded. */
  const load = (id: string, out: Outcome, loaded: Map<string, ApiSchemas>): Result => {
    const stamp = schemaStamp(target.schemasRoot, id);
    if (stamps.get(id) === stamp) return 'echo';
    try {
      loaded.set(id, loadApi(target.schemasRoot, id));
      stamps.set(id, stamp);
      return 'loaded';
    } catch (err) {
      out.problem(message(err));
      return 'failed';
    }
  };

  const reloadApis = (plan: Plan, out: Outcome): void => {
    const loaded = new Map<string, ApiSchemas>();
    const results = new Map<string, [Result, string[]]>();
    for (const id of new Set([...plan.derive.keys(), ...plan.schemas.keys()])) {
      const derived = plan.derive.has(id) ? derive(id, out) : 'loaded';
      results.set(id, [
        derived === 'loaded' ? load(id, out, loaded) : derived,
        plan.derive.get(id) ?? plan.schemas.get(id)!,
      ]);
    }
    if (loaded.size) {
      const ids = target.wanted.length ? target.wanted : listApis(target.schemasRoot);
      const current = new Map(target.apis().map((a) => [a.id, a]));
      target.swapApis(ids.flatMap((id) => loaded.get(id) ?? current.get(id) ?? []));
    }
    for (const [id, [result, files]] of [...results].sort(([a], [b]) => a.localeCompare(b))) {
      const said = {
        loaded: `${id}, ${operationsOf(id)}`,
        unchanged: `${id} unchanged, ${operationsOf(id)}`,
        failed: `not loaded: ${id} keeps its last good contract (${operationsOf(id)})`,
        echo: '',
      }[result];
      if (said) out.parts.push(`${named(files)} → ${said}`);
    }
  };

  const reloadFixtures = async (plan: Plan, out: Outcome): Promise<void> => {
    const reloads: [string, () => Promise<string>, string][] = [
      ...(plan.users
        ? [
            [
              path.join(target.fixtures, 'users.json'),
              async () => plural(await target.reloadUsers(), 'user'),
              'the users before it stay',
            ] as [string, () => Promise<string>, string],
          ]
        : []),
      ...[...plan.scenarios].map((file): [string, () => Promise<string>, string] => [
        file,
        async () => plural(await target.reloadScenario(file, file === target.startupScenario), 'rule'),
        'the scenario before it stays',
      ]),
    ];
    for (const [file, reload, kept] of reloads)
      await reload().then(
        (said) => out.parts.push(`${shown(file)} → ${said}`),
        (err: unknown) => {
          out.problem(message(err));
          out.parts.push(`${shown(file)} → not loaded: ${kept}`);
        },
      );
  };

  return async (files: string[]): Promise<ReloadReport | undefined> => {
    const plan = planOf(target, files);
    if (plan.files.length === 0) return undefined;
    const out = new Outcome(warn);
    reloadApis(plan, out);
    await reloadFixtures(plan, out);
    // Only echoes of files already loaded (our own derive's writes): nothing to say.
    if (out.parts.length === 0) return undefined;
    return {
      line: `reload: ${out.parts.join('; ')}`,
      ok: out.problems.length === 0,
      files: plan.files,
      problems: out.problems,
    };
  };
};

export interface LiveReload {
  /** The folders given to the watch: the schemas root and the fixtures. */
  watching: string[];
  nextReload(): Promise<ReloadReport>;
  close(): void;
}

/** Watches the target's folders and reloads what changes, logging one line per reload. */
export const watchAndReload = (
  target: ReloadTarget,
  { log, warn, quietMs }: { log: (line: string) => void; warn: (line: string) => void; quietMs: number },
): LiveReload => {
  const reload = createReloader(target, warn);
  const reloads = new EventEmitter<{ reload: [ReloadReport] }>();
  const watch = watchFolders(
    () => watchedFolders(target),
    async (files) => {
      const report = await reload(files).catch((err: unknown): ReloadReport => {
        const line = `reload: failed (${message(err)}); the last good contract stays`;
        return { line, ok: false, files, problems: [line] };
      });
      if (!report) return;
      log(report.line);
      reloads.emit('reload', report);
    },
    quietMs,
  );
  return {
    watching: [target.schemasRoot, target.fixtures],
    nextReload: async () => (await once(reloads, 'reload'))[0] as ReloadReport,
    close: () => watch.close(),
  };
};
