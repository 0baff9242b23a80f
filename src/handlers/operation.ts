/**
 * What an operation does once its request is bound, authorised and valid:
 * its inferred effect on the state (create, read, update, delete, list), or,
 * where the state has nothing to say, a realistic fake of its response.
 */
import { errors } from '../errors.js';
import type { Faker } from '../faker/index.js';
import { isPlainObject, resolveSchema } from '../formats/schema-walk.js';
import type { Verb } from '../schema/manifest.js';
import type { JsonSchema } from '../schema/json-schema.js';
import type { OperationManifest, StateBinding } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { Entity, Scope, StateStore } from '../store/index.js';
import { listQuery } from './list-query.js';

export interface OperationCall {
  api: ApiSchemas;
  operation: OperationManifest;
  verb: Verb;
  dto: Record<string, unknown>;
  session: string;
  /** The raw query string (name → value(s)): a GET list filters, pages and orders by it as AutoQuery does. */
  query?: Readonly<Record<string, string | readonly string[]>>;
}

export interface OperationDeps {
  store: StateStore;
  faker: Faker;
}

export interface OperationResult {
  body: unknown;
  /** True when the state changed: the caller waits for it to be on disk before answering. */
  wrote: boolean;
}

const pick = (dto: Record<string, unknown>, schema: JsonSchema | undefined, skip: string[]): Entity => {
  const out: Entity = {};
  for (const key of Object.keys(schema?.properties ?? {}))
    if (dto[key] !== undefined && !skip.includes(key)) out[key] = dto[key];
  return out;
};

const hasId = (id: unknown): id is string | number => id !== undefined && id !== null && id !== '' && id !== 0;

export const executeOperation = (call: OperationCall, deps: OperationDeps): OperationResult => {
  const { operation, api } = call;
  const state = operation.state;
  const effect = state?.effects[call.verb] ?? 'none';
  if (!state || effect === 'none') return { body: fakeResponse(call, deps), wrote: false };
  const scope: Scope = {
    api: api.id,
    session: call.session,
    tenant: operation.tenantProperty ? String(call.dto[operation.tenantProperty] ?? '') : '',
  };
  const resourceSchema = api.schemas.get(state.resource);
  const id = call.dto[state.idProperty];
  const skip = [state.idProperty, ...(operation.tenantProperty ? [operation.tenantProperty] : [])];
  const wrap = (entity: unknown) => (state.resultProperty ? { [state.resultProperty]: entity } : entity);
  // No id at all is the client's mistake (400 naming the property, as ServiceStack's guards do); an unknown one is 404.
  const pascalId = state.idProperty.charAt(0).toUpperCase() + state.idProperty.slice(1);
  const missing = () => (hasId(id) ? errors.notFound(state.resource, id) : errors.idMissing(pascalId));

  switch (effect) {
    case 'create': {
      const sent = pick(call.dto, resourceSchema, hasId(id) ? [] : skip);
      const idSpec = { property: state.idProperty, type: state.idType, seed: deps.faker.seed };
      // The id is drawn first (integers: the sequence; strings: the seeded stream of this session's
      // collection), so the entity is faked keyed by it and stored in one write: same calls, same answers.
      const newId = hasId(id) ? id : deps.store.nextId(scope, state.resource, idSpec);
      const faked = fakeEntity(state, resourceSchema, api, deps, String(newId));
      const entity = { ...faked, ...sent, [state.idProperty]: newId };
      return { body: wrap(deps.store.create(scope, state.resource, entity, idSpec)), wrote: true };
    }
    case 'read-or-list':
      if (!hasId(id)) return { body: list(call, deps, scope, state), wrote: false };
      return { body: wrap(deps.store.get(scope, state.resource, id) ?? raise(missing())), wrote: false };
    case 'read':
      if (!hasId(id)) throw missing();
      return { body: wrap(deps.store.get(scope, state.resource, id) ?? raise(missing())), wrote: false };
    case 'list':
      return { body: list(call, deps, scope, state), wrote: false };
    case 'update': {
      if (!hasId(id)) throw missing();
      const updated = deps.store.update(scope, state.resource, id, pick(call.dto, resourceSchema, skip));
      return { body: wrap(updated ?? raise(missing())), wrote: true };
    }
    case 'delete': {
      const existing = hasId(id) ? deps.store.get(scope, state.resource, id) : undefined;
      if (!existing || !hasId(id)) throw missing();
      deps.store.remove(scope, state.resource, id);
      return { body: wrap(existing), wrote: true };
    }
  }
};

const raise = (err: Error): never => {
  throw err;
};

/**
 * A list answers with the response's array of the resource (`results`), or a bare array when the response
 * is the resource; the query string filters, pages and orders it as an untyped AutoQuery would.
 */
const list = (call: OperationCall, deps: OperationDeps, scope: Scope, state: StateBinding): unknown => {
  const items = listQuery(call, state, deps.store.list(scope, state.resource));
  if (!state.resultProperty) return items;
  const response = call.operation.response ? call.api.schemas.get(call.operation.response) : undefined;
  const arrayProp = Object.entries(response?.properties ?? {}).find(
    ([, s]) => s.type === 'array' && s.items?.$ref === `${state.resource}.json`,
  );
  return arrayProp ? { [arrayProp[0]]: items } : { [state.resultProperty]: items[0] };
};

/** Keyed by (seed, resource, id): an entity gets the same faked values in any session, on any server. */
const fakeEntity = (
  state: StateBinding,
  schema: JsonSchema | undefined,
  api: ApiSchemas,
  deps: OperationDeps,
  key: string,
): Entity => {
  if (!schema) return {};
  const value = deps.faker.fake(schema, { resolve: api.resolve, typeName: state.resource, key });
  return isPlainObject(value) ? value : {};
};

/** A stateless operation: a fake response, deterministic per request, echoing what the request sent into the resource it carries. */
const fakeResponse = (call: OperationCall, deps: OperationDeps): unknown => {
  const type = call.operation.response;
  if (!type) return undefined;
  const schema = call.api.schemas.get(type);
  if (!schema) return {};
  const key = `${call.operation.name}:${JSON.stringify(call.dto)}`;
  if (schema['x-dotnet-type'] === 'string') return fakeText(schema, call, deps, key);
  const body = deps.faker.fake(schema, {
    resolve: call.api.resolve,
    typeName: type,
    key,
  });
  if (!isPlainObject(body)) return body;
  for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
    const target = body[prop];
    const resolved = resolveSchema(propSchema, call.api.resolve);
    if (!isPlainObject(target) || !resolved?.properties) continue;
    Object.assign(
      target,
      pick(call.dto, resolved, call.operation.tenantProperty ? [call.operation.tenantProperty] : []),
    );
  }
  return body;
};

/** One wrapper per string schema, so the faker compiles it once. */
const textWrappers = new WeakMap<JsonSchema, JsonSchema>();

/**
 * An `IReturn<string>` answer: a string is faked by what its property is called, and a bare one has no name, so it
 * is faked as a `message` (a sentence rather than a lorem word), keyed by the request like every stateless answer.
 */
const fakeText = (schema: JsonSchema, call: OperationCall, deps: OperationDeps, key: string): unknown => {
  let wrapper = textWrappers.get(schema);
  if (!wrapper) {
    const { $id: _id, $schema: _schema, title: _title, ...text } = schema;
    wrapper = { type: 'object', properties: { message: text }, required: ['message'] };
    textWrappers.set(schema, wrapper);
  }
  const body = deps.faker.fake(wrapper, { resolve: call.api.resolve, typeName: call.operation.response!, key });
  return isPlainObject(body) ? body['message'] : body;
};
