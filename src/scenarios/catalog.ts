/**
 * Scenario files: `<fixtures>/scenarios/<name>.json`, or any path. Loading
 * checks the whole file and reports every mistake with its JSON path.
 *
 * The command line and `startMockServer` may name any file; an HTTP client
 * (the admin API) only a name, the path the server started with, or a file
 * under the fixtures folder, so it can never read other files on the machine.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { ApiSchemas } from '../schema/registry.js';
import type { Scenario, ScenarioCatalog } from './model.js';
import { scenarioProblems } from './scenario-file.js';

/** `notFound`: no such scenario (the admin API answers 404); `refused`: a path an HTTP client may not load. */
export type ScenarioFailure = 'invalid' | 'notFound' | 'refused';

export class ScenarioError extends Error {
  constructor(
    message: string,
    /** Each mistake as `path: what is wrong`; empty when the file could not be found or parsed. */
    readonly problems: string[],
    readonly failure: ScenarioFailure = 'invalid',
  ) {
    super(message);
    this.name = 'ScenarioError';
  }

  get notFound(): boolean {
    return this.failure === 'notFound';
  }
}

/** A scenario name is a file name in `<fixtures>/scenarios/` without `.json`; anything else must be a path. */
export const SCENARIO_NAME = /^[\w.-]+$/;

const scenarioDir = (fixtures: string): string => path.join(fixtures, 'scenarios');

const names = (fixtures: string): string[] => {
  const dir = scenarioDir(fixtures);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];
};

export const resolveScenarioFile = (fixtures: string, nameOrPath: string): string => {
  const direct = /[/\\]|\.json$/i.test(nameOrPath) ? path.resolve(nameOrPath) : undefined;
  if (direct && existsSync(direct)) return direct;
  const named = path.join(scenarioDir(fixtures), `${nameOrPath.replace(/\.json$/i, '')}.json`);
  if (SCENARIO_NAME.test(nameOrPath) && existsSync(named)) return named;
  const known = names(fixtures);
  throw new ScenarioError(
    `[ssmock] no scenario '${nameOrPath}': expected a name in ${scenarioDir(fixtures)} (${known.length ? known.join(', ') : 'none there'}) or a path to a .json file`,
    [],
    'notFound',
  );
};

/** True when `file` lies inside `root` (not `root` itself, never `..` out of it). */
const isInside = (root: string, file: string): boolean => {
  const relative = path.relative(root, file);
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
};

const realpathOr = (file: string): string => {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
};

/**
 * The file an HTTP client may activate: a scenario name, exactly the path the
 * server started with (`startup`), or a `.json` file under the fixtures folder.
 * Whether any other file exists is never revealed: it is refused before it is looked at.
 */
export const resolveRequestedScenario = (fixtures: string, startup: string | undefined, requested: string): string => {
  const startupFile = startup !== undefined && /[/\\]|\.json$/i.test(startup) ? path.resolve(startup) : undefined;
  const file = path.resolve(requested);
  const isPath = /[/\\]/.test(requested);
  const roots = [path.resolve(fixtures), realpathOr(fixtures)];
  const notFound = () => {
    const known = names(fixtures);
    return new ScenarioError(
      `[ssmock] no scenario '${requested}': expected a name in ${scenarioDir(fixtures)} ` +
        `(${known.length ? known.join(', ') : 'none there'})` +
        (startupFile ? `, the path the server started with (${startup}),` : '') +
        ` or a path to a .json file under ${fixtures}`,
      [],
      'notFound',
    );
  };
  if (file === startupFile) {
    if (!existsSync(file)) throw notFound();
    return file;
  }
  if (!isPath) {
    const named = path.join(scenarioDir(fixtures), `${requested.replace(/\.json$/i, '')}.json`);
    if (!SCENARIO_NAME.test(requested)) throw refused(requested, fixtures);
    if (!existsSync(named)) throw notFound();
    return named;
  }
  if (!/\.json$/i.test(file) || !roots.some((root) => isInside(root, file))) throw refused(requested, fixtures);
  if (!existsSync(file)) throw notFound();
  // A link under the fixtures folder must not lead out of it.
  if (!roots.some((root) => isInside(root, realpathSync(file)))) throw refused(requested, fixtures);
  return file;
};

const refused = (requested: string, fixtures: string): ScenarioError =>
  new ScenarioError(
    `[ssmock] '${requested}' is not a scenario name (letters, digits, '.', '-', '_'), the path the server ` +
      `started with, or a .json file under ${fixtures}`,
    [],
    'refused',
  );

export const loadScenarioFile = (file: string, apis: ApiSchemas[]): Scenario => {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ScenarioError(`[ssmock] scenario ${file} is not valid JSON: ${(err as Error).message}`, []);
  }
  const problems = scenarioProblems(value, apis);
  if (problems.length)
    throw new ScenarioError(
      `[ssmock] scenario ${file} has ${problems.length} problem(s): ${problems.join('; ')}`,
      problems,
    );
  return value as Scenario;
};

/** The description of a listed file, without validating it (a broken file is still listed, so QA can find it). */
const describe = (file: string): string => {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { description?: unknown };
    return typeof parsed.description === 'string' ? parsed.description : '';
  } catch {
    // Listing must not fail because one file is broken; activating it reports the mistake.
    return '(not valid JSON)';
  }
};

/** `startup`: the scenario the server started with, as it was given (a name or a path). */
export const createCatalog = (fixtures: string, apis: ApiSchemas[], startup?: string): ScenarioCatalog => ({
  list: () =>
    Promise.resolve(
      names(fixtures).map((name) => ({
        name,
        description: describe(path.join(scenarioDir(fixtures), `${name}.json`)),
      })),
    ),
  load: (nameOrPath) => Promise.resolve().then(() => loadScenarioFile(resolveScenarioFile(fixtures, nameOrPath), apis)),
  loadRequested: (nameOrPath) =>
    Promise.resolve().then(() => loadScenarioFile(resolveRequestedScenario(fixtures, startup, nameOrPath), apis)),
});
