/**
 * Scenario files: `<fixtures>/scenarios/<name>.json`, or any path. Loading
 * checks the whole file and reports every mistake with its JSON path.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiSchemas } from '../schema/registry.js';
import type { Scenario, ScenarioCatalog } from './model.js';
import { scenarioProblems } from './scenario-file.js';

export class ScenarioError extends Error {
  constructor(
    message: string,
    /** Each mistake as `path: what is wrong`; empty when the file could not be found or parsed. */
    readonly problems: string[],
    /** True when no such scenario exists (the admin API answers 404 rather than 400). */
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'ScenarioError';
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
    true,
  );
};

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

export const createCatalog = (fixtures: string, apis: ApiSchemas[]): ScenarioCatalog => ({
  list: () =>
    Promise.resolve(
      names(fixtures).map((name) => ({
        name,
        description: describe(path.join(scenarioDir(fixtures), `${name}.json`)),
      })),
    ),
  load: (nameOrPath) => Promise.resolve().then(() => loadScenarioFile(resolveScenarioFile(fixtures, nameOrPath), apis)),
});
