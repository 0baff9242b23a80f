import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { listApis } from './registry.js';
import { MANIFEST_SCHEMA_FILE, manifestProblem, type ManifestFolder } from './manifest-check.js';
import {
  ALL_VERBS,
  API_LOCALES,
  PARAM_LOCATIONS,
  type ApiManifest,
  type AuthRequirement,
  type OperationManifest,
  type Route,
  type StateBinding,
  type StateEffect,
} from './manifest.js';

type Manifest = Record<string, unknown> & { operations: Record<string, unknown>[] };

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const folderOf = (id: string): ManifestFolder => ({
  file: `schemas/${id}/manifest.json`,
  id,
  types: new Set(readdirSync(path.join('schemas', id, 'types')).map((f) => f.replace(/\.json$/, ''))),
});
const billiecart = (): Manifest => readJson('schemas/billiecart/manifest.json') as Manifest;
const op = (m: Manifest, i: number): Record<string, unknown> => m.operations[i]!;
const at = (value: unknown, ...keys: (string | number)[]): Record<string, unknown> =>
  keys.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value) as Record<
    string,
    unknown
  >;

describe('manifestProblem', () => {
  it.each(listApis('schemas'))('passes the committed %s manifest', (id) => {
    expect(manifestProblem(readJson(path.join('schemas', id, 'manifest.json')), folderOf(id))).toBeNull();
  });

  it('checks against a valid draft 2020-12 schema', () => {
    const ajv = new Ajv2020();
    expect(ajv.validateSchema(readJson(MANIFEST_SCHEMA_FILE) as object)).toBe(true);
  });

  // Every field of the types is required by the schema and nothing else is allowed: a field added to one and not
  // the other fails here (the records fail to compile when a type gains a field).
  const schema = readJson(MANIFEST_SCHEMA_FILE) as Record<string, unknown> & { $defs: Record<string, unknown> };
  const fieldsOf = <T>(fields: Record<keyof T, true>): string[] => Object.keys(fields).sort();
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'ApiManifest',
      schema,
      fieldsOf<ApiManifest>({
        api: true,
        title: true,
        host: true,
        locale: true,
        textCase: true,
        xmlNamespaces: true,
        operations: true,
        types: true,
      }),
    ],
    [
      'OperationManifest',
      at(schema, '$defs', 'operation'),
      fieldsOf<OperationManifest>({
        name: true,
        request: true,
        response: true,
        routes: true,
        primaryVerb: true,
        auth: true,
        tenantProperty: true,
        parameters: true,
        state: true,
        autoQuery: true,
        sources: true,
      }),
    ],
    ['Route', at(schema, '$defs', 'route'), fieldsOf<Route>({ path: true, verbs: true })],
    [
      'AuthRequirement',
      at(schema, '$defs', 'auth'),
      fieldsOf<AuthRequirement>({
        required: true,
        roles: true,
        anyRoles: true,
        permissions: true,
        anyPermissions: true,
        style: true,
      }),
    ],
    [
      'StateBinding',
      at(schema, '$defs', 'state'),
      fieldsOf<StateBinding>({ resource: true, idProperty: true, idType: true, resultProperty: true, effects: true }),
    ],
  ])('describes every field of %s', (name, node, fields) => {
    expect(node['additionalProperties']).toBe(false);
    // The one optional field: a hand-written manifest without a style keeps its meaning (`validator`).
    const optional = name === 'AuthRequirement' ? ['style'] : [];
    expect([...(node['required'] as string[])].sort()).toEqual(fields.filter((f) => !optional.includes(f)));
    expect(Object.keys(node['properties'] as object).sort()).toEqual(fields);
  });

  it('allows exactly the verbs, locations, locales and effects the types name', () => {
    const effects: Record<StateEffect, true> = {
      create: true,
      read: true,
      update: true,
      delete: true,
      list: true,
      'read-or-list': true,
      none: true,
    };
    expect(at(schema, '$defs', 'verb')['enum']).toEqual([...ALL_VERBS]);
    expect(at(schema, '$defs', 'operation', 'properties', 'parameters', 'additionalProperties')['enum']).toEqual([
      ...PARAM_LOCATIONS,
    ]);
    expect(at(schema, 'properties', 'locale')['enum']).toEqual([...API_LOCALES]);
    expect(at(schema, '$defs', 'effect')['enum']).toEqual(Object.keys(effects));
    expect(Object.keys(at(schema, '$defs', 'state', 'properties', 'effects', 'properties'))).toEqual([...ALL_VERBS]);
  });

  // Mistakes people make editing a manifest by hand → the one line they see.
  it.each<[string, (m: Manifest) => unknown, string]>([
    [
      'a verb that does not exist',
      (m) => ((at(op(m, 1), 'routes', 0)['verbs'] as string[])[0] = 'FETCH'),
      '/operations/1/routes/0/verbs/0: must be one of GET, POST, PUT, PATCH, DELETE',
    ],
    [
      'a verb in lower case',
      (m) => (at(op(m, 1), 'routes', 0)['verbs'] = ['POST', 'get']),
      '/operations/1/routes/0/verbs/1: must be one of GET, POST, PUT, PATCH, DELETE (did you mean "GET"?)',
    ],
    [
      'a misspelt field',
      (m) => {
        op(m, 0)['reponse'] = op(m, 0)['response'];
        delete op(m, 0)['response'];
      },
      '/operations/0/reponse: is not a field here (did you mean "response"?)',
    ],
    [
      'a field the manifest does not have',
      (m) => (at(op(m, 2), 'auth')['note'] = 'ask Sam'),
      '/operations/2/auth/note: is not a field here; expected one of required, roles, anyRoles, permissions, anyPermissions, style',
    ],
    [
      'an auth style ssmock does not know',
      (m) => (at(op(m, 0), 'auth')['style'] = 'filter'),
      '/operations/0/auth/style: must be one of attribute, validator',
    ],
    ['a missing field', (m) => delete m['locale'], '/locale: is required'],
    ['a locale ssmock has no data for', (m) => (m['locale'] = 'en-GB'), '/locale: must be one of en-AU, en-US'],
    [
      'a parameter location that does not exist',
      (m) => (at(op(m, 0), 'parameters')['id'] = 'header'),
      '/operations/0/parameters/id: must be one of path, query, body, form',
    ],
    [
      'a quoted boolean',
      (m) => (at(op(m, 0), 'auth')['required'] = 'true'),
      '/operations/0/auth/required: must be true or false, not a string',
    ],
    [
      'a role given as a string, not a list',
      (m) => (at(op(m, 0), 'auth')['roles'] = 'manager'),
      '/operations/0/auth/roles: must be an array, not a string',
    ],
    [
      'a route without its leading slash',
      (m) => (at(op(m, 1), 'routes', 0)['path'] = 'customers'),
      '/operations/1/routes/0/path: must be a path that starts with /',
    ],
    [
      'an empty response type instead of null',
      (m) => (op(m, 2)['response'] = ''),
      '/operations/2/response: must not be empty',
    ],
    [
      'an effect for a verb that does not exist',
      (m) => (at(op(m, 1), 'state', 'effects')['FETCH'] = 'read'),
      '/operations/1/state/effects/FETCH: is not a field here; expected one of GET, POST, PUT, PATCH, DELETE',
    ],
    [
      'an effect that does not exist',
      (m) => (at(op(m, 1), 'state', 'effects')['POST'] = 'insert'),
      '/operations/1/state/effects/POST: must be one of create, read, update, delete, list, read-or-list, none',
    ],
    ['a type listed twice', (m) => (m['types'] as string[]).push('Customer'), '/types/13: must not repeat /types/7'],
    [
      'a folder copied without changing the id',
      (m) => (m['api'] = 'billiecart-v2'),
      '/api: must be "billiecart", the name of the folder the manifest is in',
    ],
    [
      'a response type with no schema file',
      (m) => (op(m, 1)['response'] = 'CreateCustomerRespnse'),
      '/operations/1/response: must name a type with a schema file; there is no types/CreateCustomerRespnse.json (did you mean "CreateCustomerResponse"?)',
    ],
    [
      'a resource with no schema file',
      (m) => (at(op(m, 2), 'state')['resource'] = 'People'),
      '/operations/2/state/resource: must name a type with a schema file; there is no types/People.json',
    ],
  ])('%s', (_, edit, line) => {
    const manifest = billiecart();
    edit(manifest);
    expect(manifestProblem(manifest, folderOf('billiecart'))).toBe(`schemas/billiecart/manifest.json: ${line}`);
  });

  it('names the root when the file is not an object', () => {
    expect(manifestProblem([], folderOf('billiecart'))).toBe(
      'schemas/billiecart/manifest.json: (root): must be an object, not an array',
    );
  });
});
