/**
 * Which resource an operation touches and how (create/read/update/delete/list),
 * from its name, verbs, routes and response shape. Written into the manifest,
 * where a user can override it.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import type { StateBinding, StateEffect } from '../schema/manifest.js';
import type { Route, Verb } from '../schema/manifest.js';
import { ALL_VERBS } from '../schema/manifest.js';

const NAME_EFFECTS: [RegExp, StateEffect][] = [
  [/^(Create|Add|Register|New|Insert|Post)/, 'create'],
  [/^(Get|Find|Fetch|Read|Load|Retrieve|Show)/, 'read'],
  [/^(Update|Associate|Set|Patch|Edit|Change|Link|Assign|Put|Modify|Save)/, 'update'],
  [/^(Delete|Remove|Cancel|Archive|Destroy|Unlink)/, 'delete'],
  [/^(Query|List|Search|Browse|All)/, 'list'],
];

const VERB_EFFECTS: Record<Verb, StateEffect> = {
  GET: 'read-or-list',
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

export const effectFromName = (operation: string): StateEffect | undefined =>
  NAME_EFFECTS.find(([re]) => re.test(operation))?.[1];

export interface ResourceCandidate {
  type: string;
  schema: JsonSchema;
}

export interface StateInput {
  operation: string;
  routes: Route[];
  requestType: string;
  responseType: string | null;
  /** Resolves `Foo.json`-style refs and type names to schemas. */
  schemaOf: (type: string) => JsonSchema | undefined;
}

const refType = (s: JsonSchema | undefined): string | undefined => s?.$ref?.replace(/\.json$/, '');

const idOf = (schema: JsonSchema | undefined): { property: string; type: 'string' | 'integer' } | undefined => {
  const entry = Object.entries(schema?.properties ?? {}).find(([k]) => k.toLowerCase() === 'id');
  if (!entry) return undefined;
  return { property: entry[0], type: entry[1].type === 'integer' ? 'integer' : 'string' };
};

/** The resource the response carries: a property holding a DTO with an id, or the response itself. */
const findResource = (input: StateInput): Omit<StateBinding, 'effects'> | null => {
  const response = input.responseType ? input.schemaOf(input.responseType) : undefined;
  for (const [prop, schema] of Object.entries(response?.properties ?? {})) {
    const type = refType(schema) ?? refType(schema.items);
    if (!type || type === 'ResponseStatus') continue;
    const id = idOf(input.schemaOf(type));
    if (id && !schema.items) return { resource: type, idProperty: id.property, idType: id.type, resultProperty: prop };
  }
  if (input.responseType) {
    const id = idOf(response);
    if (id) return { resource: input.responseType, idProperty: id.property, idType: id.type, resultProperty: null };
  }
  return null;
};

/**
 * What an effect becomes when the request has no property for the resource's id: it can never name a row, so a
 * read, update or delete by id would only ever fail. A GET lists, the others answer a fake (ServiceStack's
 * own service would not look a row up by a key it is never sent).
 */
const WITHOUT_ID: Record<StateEffect, StateEffect> = {
  create: 'create',
  list: 'list',
  'read-or-list': 'list',
  read: 'none',
  update: 'none',
  delete: 'none',
  none: 'none',
};

export const inferState = (input: StateInput): StateBinding | null => {
  const resource = findResource(input);
  if (!resource) return null;
  const named = effectFromName(input.operation);
  const verbs = new Set<Verb>();
  for (const r of input.routes) (r.verbs.length ? r.verbs : ALL_VERBS).forEach((v) => verbs.add(v));
  const request = input.schemaOf(input.requestType);
  const carriesId = Object.prototype.hasOwnProperty.call(request?.properties ?? {}, resource.idProperty);
  const effects: Partial<Record<Verb, StateEffect>> = {};
  for (const verb of ALL_VERBS) {
    // Named operations do the same thing whichever verb reaches them (predefined routes accept any).
    const effect = named ?? (verbs.size === 0 || verbs.has(verb) ? VERB_EFFECTS[verb] : 'none');
    effects[verb] = carriesId ? effect : WITHOUT_ID[effect];
  }
  if (Object.values(effects).every((e) => e === 'none')) return null;
  return { ...resource, effects };
};
