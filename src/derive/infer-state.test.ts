import type { JsonSchema } from '../schema/json-schema.js';
import type { Route, StateEffect, Verb } from '../schema/manifest.js';
import { inferState } from './infer-state.js';

const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties });
const ID: JsonSchema = { type: 'integer' };

const SCHEMAS: Record<string, JsonSchema> = {
  AllTypes: object({ id: ID, name: { type: 'string' } }),
  OrderResponse: object({ order: { $ref: 'Order.json' }, responseStatus: { $ref: 'ResponseStatus.json' } }),
  Order: object({ id: ID, total: { type: 'number' } }),
  WithId: object({ id: ID }),
  WithoutId: object({ name: { type: 'string' } }),
  Nothing: object({}),
};

const infer = (operation: string, request: string, response: string, routes: Route[]) =>
  inferState({ operation, routes, requestType: request, responseType: response, schemaOf: (t) => SCHEMAS[t] });

const every = (effect: StateEffect) =>
  Object.fromEntries((['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as Verb[]).map((v) => [v, effect]));

describe('inferState', () => {
  it.each<[string, string, string, string, Route[], Partial<Record<Verb, StateEffect>> | null]>([
    ['a named read whose request carries the id', 'GetOrder', 'WithId', 'OrderResponse', [], every('read')],
    ['a named read whose request has no id: nothing to read by', 'GetOrder', 'WithoutId', 'OrderResponse', [], null],
    ['a named update with no id property answers a fake', 'UpdateAllTypes', 'WithoutId', 'AllTypes', [], null],
    ['a named delete with no id property answers a fake', 'DeleteOrder', 'Nothing', 'OrderResponse', [], null],
    ['a named create needs no id', 'CreateOrder', 'WithoutId', 'OrderResponse', [], every('create')],
    ['a named list needs no id', 'QueryOrders', 'WithoutId', 'OrderResponse', [], every('list')],
    [
      'verbs with no id: GET lists, PUT and DELETE do nothing',
      'Widgets',
      'WithoutId',
      'AllTypes',
      [{ path: '/all-types', verbs: ['GET', 'POST', 'PUT', 'DELETE'] }],
      { GET: 'list', POST: 'create', PUT: 'none', PATCH: 'none', DELETE: 'none' },
    ],
    [
      'verbs with an id: read-or-list, create, update, delete',
      'Order',
      'Order',
      'Order',
      [{ path: '/orders/{Id}', verbs: [] }],
      { GET: 'read-or-list', POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' },
    ],
  ])('%s', (_, operation, request, response, routes, effects) => {
    expect(infer(operation, request, response, routes)?.effects ?? null).toEqual(effects);
  });

  it('a response carrying no resource with an id binds nothing', () => {
    expect(infer('GetOrder', 'WithId', 'Nothing', [])).toBeNull();
  });
});
