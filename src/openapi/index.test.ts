import { Validator } from '@seriousme/openapi-schema-validator';
import type { JsonSchema } from '../schema/json-schema.js';
import { loadApis, type ApiSchemas } from '../schema/registry.js';
import { buildOpenApi, openApiPath, type OpenApiDocument } from './index.js';

const apis = new Map(loadApis('schemas').map((a) => [a.id, a]));
const api = (id: string): ApiSchemas => apis.get(id)!;
const asSpec = (doc: OpenApiDocument) => JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;

describe('buildOpenApi', () => {
  it.each(['billiecart', 'servicestack-home'])('%s: the document is valid OpenAPI 3.1', async (id) => {
    const result = await new Validator().validate(
      asSpec(buildOpenApi(api(id), { serverUrl: 'http://127.0.0.1:5050/' })),
    );
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('titles the document after the API and names the server it was asked for', () => {
    const doc = buildOpenApi(api('billiecart'), { serverUrl: 'http://127.0.0.1:5050/billiecart/' });
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Billiecart API');
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:5050/billiecart', description: 'ssmock' }]);
  });

  describe('billiecart', () => {
    const doc = buildOpenApi(api('billiecart'));

    it('lists every user route with its verbs and the operation name as operationId', () => {
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/customers',
        '/customers/{Id}/associate-to-user-account',
        '/persons',
      ]);
      expect(doc.paths['/customers']?.post?.operationId).toBe('CreateCustomerRequest');
      expect(doc.paths['/persons']?.post?.operationId).toBe('CreatePersonRequest');
      expect(Object.keys(doc.paths['/customers/{Id}/associate-to-user-account']!)).toEqual(['put']);
    });

    it('sends the request DTO as the JSON body of POST/PUT and binds path variables', () => {
      const put = doc.paths['/customers/{Id}/associate-to-user-account']!.put!;
      expect(put.operationId).toBe('AssociateUserAccountToCustomerRequest');
      expect(put.parameters).toEqual([
        { name: 'Id', in: 'path', required: true, schema: { type: 'string', 'x-dotnet-type': 'string' } },
      ]);
      // `id` comes from the path, so the body need not carry it (it may: the property stays).
      const body = put.requestBody?.content['application/json']?.schema as JsonSchema | undefined;
      expect(body?.required).toBeUndefined();
      expect(Object.keys(body?.properties ?? {})).toEqual(['id', 'userAccountId', 'organisationId']);
      expect(body?.additionalProperties).toBe(false);
      expect(body?.$id).toBeUndefined();
      expect(doc.components.schemas['AssociateUserAccountToCustomerRequest']?.required).toEqual(['id']);
      expect(doc.paths['/customers']?.post?.requestBody?.content['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/CreateCustomerRequest',
      });
      expect(put.responses['200']?.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/AssociateUserAccountToCustomerResponse',
      });
      expect(put.responses['default']?.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/ErrorResponse',
      });
    });

    it('marks authenticated operations with security and x-roles, and leaves open ones alone', () => {
      const create = doc.paths['/customers']!.post!;
      expect(create.security).toEqual([{ bearerAuth: [] }, { basicAuth: [] }, { apiKey: [] }]);
      expect(create['x-roles']).toEqual(['manager']);
      expect(create.responses['401']).toBeDefined();
      expect(create.responses['403']).toBeDefined();
      const person = doc.paths['/persons']!.post!;
      expect(person.security).toBeUndefined();
      expect(person['x-roles']).toBeUndefined();
      expect(Object.keys(doc.components.securitySchemes ?? {}).sort()).toEqual(['apiKey', 'basicAuth', 'bearerAuth']);
    });

    it('puts every DTO schema under components with refs rewritten and $id/$schema dropped', () => {
      const { schemas } = doc.components;
      for (const type of api('billiecart').schemas.keys()) expect(schemas[type]).toBeDefined();
      const response = schemas['CreateCustomerResponse']!;
      expect(response.$id).toBeUndefined();
      expect(response.$schema).toBeUndefined();
      expect(response.properties?.['customer']).toEqual({ $ref: '#/components/schemas/Customer' });
      expect(JSON.stringify(schemas)).not.toMatch(/"\$ref":"[^#]/);
      expect(schemas['ErrorResponse']?.properties?.['responseStatus']).toEqual({
        $ref: '#/components/schemas/ResponseStatus',
      });
    });

    it('does not touch the registry schemas it copies', () => {
      expect(api('billiecart').schemas.get('CreateCustomerResponse')?.$id).toMatch(/^https:\/\/schemas\.ssmock\.dev\//);
    });
  });

  describe('servicestack-home', () => {
    const doc = buildOpenApi(api('servicestack-home'));

    it('expands All Verbs into five operations per route with unique verb-suffixed operationIds', () => {
      const verbs = ['get', 'post', 'put', 'patch', 'delete'];
      expect(Object.keys(doc.paths['/Customer']!)).toEqual(verbs);
      expect(Object.keys(doc.paths['/Customer/{Id}']!)).toEqual(verbs);
      expect(doc.paths['/Customer']!.get!.operationId).toBe('Customer_get');
      const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size).toBe(10);
      expect(ids).toContain('Customer_get_by_Id');
    });

    it('types the path variable from the request DTO and sends the rest as query parameters on GET/DELETE', () => {
      const get = doc.paths['/Customer/{Id}']!.get!;
      const [id, ...query] = get.parameters!;
      expect(id).toMatchObject({ name: 'Id', in: 'path', required: true, schema: { type: 'integer' } });
      expect(query.every((p) => p.in === 'query')).toBe(true);
      expect(query.map((p) => p.name)).toContain('email');
      expect(query.map((p) => p.name)).not.toContain('id');
      expect(get.requestBody).toBeUndefined();
      expect(doc.paths['/Customer']!.delete!.parameters!.map((p) => p.name)).toContain('id');
      expect(doc.paths['/Customer']!.patch!.requestBody).toBeDefined();
    });

    it('answers a resource that is its own response as a list where the mock lists (GET without an id in the path)', () => {
      const ok = (p: string, verb: 'get' | 'post' | 'delete') =>
        doc.paths[p]![verb]!.responses['200']?.content?.['application/json']?.schema;
      const one = { $ref: '#/components/schemas/Customer' };
      expect(ok('/Customer', 'get')).toEqual({ anyOf: [one, { type: 'array', items: one }] });
      expect(ok('/Customer/{Id}', 'get')).toEqual(one);
      expect(ok('/Customer', 'post')).toEqual(one);
      expect(ok('/Customer', 'delete')).toEqual(one);
    });

    it('keeps every enum value', () => {
      expect(doc.components.schemas['SkuType']?.enum).toHaveLength(8);
      expect(doc.components.schemas['LicenseType']?.enum).toHaveLength(19);
    });

    it('defines no security schemes when nothing needs auth', () => {
      expect(doc.components.securitySchemes).toBeUndefined();
      expect(doc.paths['/Customer']!.get!.security).toBeUndefined();
    });
  });

  it('documents an operation without user routes at POST /api/{Op}', async () => {
    const home = api('servicestack-home');
    const manifest = { ...home.manifest, operations: home.manifest.operations.map((op) => ({ ...op, routes: [] })) };
    const doc = buildOpenApi({ ...home, manifest });
    expect(Object.keys(doc.paths)).toEqual(['/api/Customer']);
    expect(doc.paths['/api/Customer']?.post?.operationId).toBe('Customer');
    expect((await new Validator().validate(asSpec(doc))).valid).toBe(true);
  });

  it('adds ServiceStack error shapes when the pages never showed them', async () => {
    const home = api('servicestack-home');
    const schemas = new Map(
      [...home.schemas].filter(([type]) => !['ErrorResponse', 'ResponseStatus', 'ResponseError'].includes(type)),
    );
    const doc = buildOpenApi({ ...home, schemas });
    expect(doc.components.schemas['ErrorResponse']?.properties?.['responseStatus']).toEqual({
      $ref: '#/components/schemas/ResponseStatus',
    });
    expect(doc.components.schemas['ResponseStatus']?.properties?.['errorCode']).toEqual({ type: 'string' });
    expect(doc.components.schemas['ResponseError']).toBeDefined();
    expect((await new Validator().validate(asSpec(doc))).valid).toBe(true);
  });

  it('turns a wildcard {Path*} into a plain template variable', () => {
    expect(openApiPath('/files/{Path*}')).toBe('/files/{Path}');
    expect(openApiPath('/Customer/{Id}')).toBe('/Customer/{Id}');
  });
});
