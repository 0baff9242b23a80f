/**
 * The hand-written JSON Schema of scenario files
 * (`schemas/meta/scenario.schema.json`, also what editors complete from),
 * compiled once and used for the shape of a whole file, one rule, or seed data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAjv, type SchemaValidator } from '../schema/registry.js';
import { PACKAGE_ROOT } from '../server/package-root.js';
import { lookupIn, schemaProblems } from './schema-problems.js';

export const SCENARIO_SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schemas', 'meta', 'scenario.schema.json');

/** The whole file, or one of its parts on its own. */
export type ScenarioPart = 'file' | 'rule' | 'data';

let compiled: { doc: unknown; validate: SchemaValidator } | undefined;

// Compiled on first use, so commands that never touch a scenario never read it.
const fileSchema = (): { doc: unknown; validate: SchemaValidator } => {
  if (compiled) return compiled;
  const doc = JSON.parse(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')) as object;
  const validate = createAjv().compile(doc);
  compiled = { doc, validate: (value) => (validate(value) ? null : [...(validate.errors ?? [])]) };
  return compiled;
};

/**
 * A part is checked inside a file that holds only it, then its paths are cut
 * back: ajv reports paths of a `$defs` entry compiled on its own relative to
 * that entry in some places and to the file in others.
 */
const WRAP: Record<ScenarioPart, { wrap: (v: unknown) => unknown; at: string }> = {
  file: { wrap: (v) => v, at: '' },
  rule: { wrap: (v) => ({ rules: [v] }), at: '/rules/0' },
  data: { wrap: (v) => ({ data: v }), at: '/data' },
};

/** Mistakes in the shape of a scenario file or a part of one, each with its JSON path after `prefix` (`rules[2]`). */
export const shapeProblems = (part: ScenarioPart, value: unknown, prefix = ''): string[] => {
  const { doc, validate } = fileSchema();
  const { wrap, at } = WRAP[part];
  const errors = (validate(wrap(value)) ?? []).map((e) => ({ ...e, instancePath: e.instancePath.slice(at.length) }));
  const lookup = lookupIn(doc);
  return schemaProblems(errors, value, (instancePath) => lookup(at + instancePath), prefix);
};
