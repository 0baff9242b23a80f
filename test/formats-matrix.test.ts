/**
 * Every operation of both APIs in every format: a request written by our own
 * codec from a fake request DTO, sent to the predefined `/{format}/reply/{Op}`
 * route, and the answer read back with the same codec and validated against
 * the operation's response schema.
 */
import { CODECS } from '../src/formats/index.js';
import { createFaker } from '../src/faker/index.js';
import { loadApis, type ApiSchemas } from '../src/schema/registry.js';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

const FORMATS = ['json', 'jsv', 'xml'] as const;
const apis = loadApis('schemas');
const faker = createFaker({ seed: 3 });

let mock: MockServer;
let token: string;
beforeAll(async () => {
  mock = await startTestServer();
  token = await signIn(`${mock.url}/billiecart`);
});
afterAll(() => mock.close());

const ctx = (api: ApiSchemas, type: string) => ({
  schema: api.schemas.get(type),
  resolve: api.resolve,
  typeName: type,
  xmlNamespace: api.manifest.xmlNamespaces[type],
});

/** A valid request: faked, with a resource id that exists when the operation reads or changes one. */
const requestFor = async (
  api: ApiSchemas,
  op: string,
  format: (typeof FORMATS)[number],
): Promise<Record<string, unknown>> => {
  const manifest = api.operation(op)!;
  const dto = faker.fake(api.schemas.get(manifest.request)!, {
    resolve: api.resolve,
    typeName: manifest.request,
    key: `${op}-${format}`,
  }) as Record<string, unknown>;
  const state = manifest.state;
  const effect = state?.effects[manifest.primaryVerb];
  if (state && effect && effect !== 'create' && effect !== 'none') {
    const create = api.manifest.operations.find(
      (o) => o.state?.resource === state.resource && o.state.effects.POST === 'create',
    )!;
    const body = { ...(manifest.tenantProperty ? { [manifest.tenantProperty]: dto[manifest.tenantProperty] } : {}) };
    const res = await fetch(`${mock.url}/${api.id}/json/reply/${create.name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const created = (await res.json()) as Record<string, Record<string, unknown>>;
    dto[state.idProperty] = (state.resultProperty ? created[state.resultProperty] : created)?.[state.idProperty];
  }
  return dto;
};

const cases = apis.flatMap((api) =>
  api.manifest.operations.flatMap((op) => FORMATS.map((format) => [api.id, op.name, format] as const)),
);

it.each(cases)('%s %s in %s', async (apiId, op, format) => {
  const api = apis.find((a) => a.id === apiId)!;
  const manifest = api.operation(op)!;
  const codec = CODECS[format];
  const body = codec.write(await requestFor(api, op, format), ctx(api, manifest.request));
  const res = await fetch(`${mock.url}/${apiId}/${format}/reply/${op}`, {
    method: manifest.primaryVerb,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': codec.contentType },
    body,
  });
  const text = await res.text();
  expect({ status: res.status, text: res.status === 200 ? '' : text }).toEqual({ status: 200, text: '' });
  expect(res.headers.get('content-type')?.split(';')[0]).toBe(codec.contentType.split(';')[0]);
  const responseType = manifest.response!;
  const value = codec.parse(text, ctx(api, responseType));
  expect(api.validator(responseType)!(value)).toBeNull();
});

it.each(FORMATS)('a validation error in %s is a ResponseStatus in that format', async (format) => {
  const codec = CODECS[format];
  const api = apis.find((a) => a.id === 'billiecart')!;
  const res = await fetch(`${mock.url}/billiecart/${format}/reply/AssociateUserAccountToCustomerRequest`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}` },
    body: codec.write({ userAccountId: 'u1' }, ctx(api, 'AssociateUserAccountToCustomerRequest')),
  });
  expect(res.status).toBe(400);
  const value = codec.parse(await res.text(), ctx(api, 'AssociateUserAccountToCustomerResponse')) as {
    responseStatus: { errorCode: string; errors: { fieldName: string }[] };
  };
  expect(value.responseStatus.errorCode).toBe('NotEmpty');
  expect(value.responseStatus.errors[0]?.fieldName).toBe('Id');
});
