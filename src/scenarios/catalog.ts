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
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export const resolveScenarioFile = (fixtures: string, nameOrPath: string): string => {
  const direct = /[/\\]|\.json$/i.test(nameOrPath) ? path.resolve(nameOrPath) : undefined;
  if (direct && existsSync(direct)) return direct;
  const named = path.join(fixtures, 'scenarios', `${nameOrPath.replace(/\.json$/i, '')}.json`);
  if (/^[\w.-]+$/.test(nameOrPath) && existsSync(named)) return named;
  throw new ScenarioError(`[ssmock] no scenario '${nameOrPath}': expected a name in ${path.join(fixtures, 'scenarios')} or a path to a .json file`, []);
};

export const loadScenarioFile = (file: string, apis: ApiSchemas[]): Scenario => {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ScenarioError(`[ssmock] scenario ${file} is not valid JSON: ${(err as Error).message}`, []);
  }
  const problems = scenarioProblems(value, apis);
  if (problems.length) throw new ScenarioError(`[ssmock] scenario ${file} has ${problems.length} problem(s): ${problems.join('; ')}`, problems);
  return value as Scenario;
};

export const createCatalog = (fixtures: string, apis: ApiSchemas[]): ScenarioCatalog => ({
  list: () => {
    const dir = path.join(fixtures, 'scenarios');
    const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
    return Promise.resolve(
      names.map((f) => {
        let description = '';
        try {
          const parsed = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { description?: unknown };
          description = typeof parsed.description === 'string' ? parsed.description : '';
        } catch {
          description = '(not valid JSON)';
        }
        return { name: f.replace(/\.json$/, ''), description };
      }),
    );
  },
  load: (nameOrPath) => Promise.resolve(loadScenarioFile(resolveScenarioFile(fixtures, nameOrPath), apis)),
});
