import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localeOfHost } from './build-api.js';
import { apiSlug, defaultInputs, deriveSchemas } from './index.js';
import type { ApiManifest } from '../schema/manifest.js';
import type { JsonSchema } from '../schema/json-schema.js';

const root = path.resolve('schemas');
let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'ssmock-derive-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(path.join(out, ...parts), 'utf8')) as T;

describe('deriveSchemas', () => {
  it('derives the committed schemas exactly (golden check)', () => {
    const result = deriveSchemas({ inputs: defaultInputs(root), out: root, check: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.drift).toEqual([]);
    expect(result.apis.map((a) => a.id)).toEqual(['billiecart', 'servicestack-home']);
  });

  it('merges the two pages of AssociateUserAccountToCustomerRequest (Python/JSON and parameters/JSV) into one operation', () => {
    deriveSchemas({ inputs: [path.join(root, 'billiecart', 'docs')], out });
    const manifest = readJson<ApiManifest>('billiecart', 'manifest.json');
    const op = manifest.operations.find((o) => o.name === 'AssociateUserAccountToCustomerRequest')!;
    expect(op.sources).toHaveLength(2);
    expect(op.routes).toEqual([{ path: '/customers/{Id}/associate-to-user-account', verbs: ['PUT'] }]);
    expect(op).toMatchObject({
      primaryVerb: 'PUT',
      response: 'AssociateUserAccountToCustomerResponse',
      tenantProperty: 'organisationId',
    });
    expect(op.auth).toMatchObject({ required: true, roles: ['manager'] });
    expect(op.parameters).toEqual({ id: 'path', userAccountId: 'body', organisationId: 'form' });
    const request = readJson<JsonSchema>('billiecart', 'types', 'AssociateUserAccountToCustomerRequest.json');
    expect(Object.keys(request.properties ?? {})).toEqual(['id', 'userAccountId', 'organisationId']);
    expect(request.required).toEqual(['id']);
    const customer = readJson<JsonSchema>('billiecart', 'types', 'Customer.json');
    expect(customer.properties?.['dateOfBirth']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(customer.properties?.['bankAccount']).toEqual({ $ref: 'BankAccount.json' });
    expect(customer.additionalProperties).toBe(false);
  });

  it('derives each page alone the same way as together (a parameters page on its own is enough)', () => {
    deriveSchemas({
      inputs: [
        path.join(root, 'billiecart', 'docs', 'billiecart.AssociateUserAccountToCustomerRequest.parameters.jsv.txt'),
      ],
      out,
      api: 'only-table',
    });
    const request = readJson<JsonSchema>('only-table', 'types', 'AssociateUserAccountToCustomerRequest.json');
    expect(Object.keys(request.properties ?? {})).toEqual(['id', 'userAccountId', 'organisationId']);
    const response = readJson<JsonSchema>('only-table', 'types', 'AssociateUserAccountToCustomerResponse.json');
    expect(response.properties?.['customer']).toEqual({ $ref: 'Customer.json' });
  });

  it('keeps the two APIs apart: each has its own Customer', () => {
    deriveSchemas({ inputs: defaultInputs(root), out });
    const billie = readJson<JsonSchema>('billiecart', 'types', 'Customer.json');
    const home = readJson<JsonSchema>('servicestack-home', 'types', 'Customer.json');
    expect(billie.properties?.['id']?.type).toBe('string');
    expect(home.properties?.['id']?.type).toBe('integer');
    expect(home.properties?.['orders']).toEqual({ type: 'array', items: { $ref: 'Order.json' } });
    expect(readJson<JsonSchema>('servicestack-home', 'types', 'SkuType.json').enum).toHaveLength(8);
    expect(readJson<JsonSchema>('servicestack-home', 'types', 'LicenseType.json').enum).toHaveLength(19);
  });

  it('infers state effects: All Verbs Customer maps each verb', () => {
    deriveSchemas({ inputs: defaultInputs(root), out });
    const home = readJson<ApiManifest>('servicestack-home', 'manifest.json');
    expect(home.operations[0]?.state).toEqual({
      resource: 'Customer',
      idProperty: 'id',
      idType: 'integer',
      resultProperty: null,
      effects: { GET: 'read-or-list', POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' },
    });
    const billie = readJson<ApiManifest>('billiecart', 'manifest.json');
    expect(billie.operations.map((o) => [o.name, o.state?.resource, o.state?.effects.POST])).toEqual([
      ['AssociateUserAccountToCustomerRequest', 'Customer', 'update'],
      ['CreateCustomerRequest', 'Customer', 'create'],
      ['CreatePersonRequest', 'Person', 'create'],
    ]);
  });

  it('takes XML namespaces and the response type from XML samples', () => {
    deriveSchemas({ inputs: defaultInputs(root), out });
    const manifest = readJson<ApiManifest>('billiecart', 'manifest.json');
    expect(manifest.xmlNamespaces['CreatePersonResponse']).toBe(
      'http://schemas.datacontract.org/2004/07/Infrastructure.Api.Interfaces.ServiceOperations.Persons',
    );
    expect(manifest.xmlNamespaces['Person']).toBe(
      'http://schemas.datacontract.org/2004/07/Application.Interfaces.Resources',
    );
    expect(manifest.xmlNamespaces['ResponseStatus']).toBe('http://schemas.servicestack.net/types');
    expect(manifest.operations.find((o) => o.name === 'CreatePersonRequest')?.response).toBe('CreatePersonResponse');
  });

  it("derives each API's locale from the host its samples name", () => {
    deriveSchemas({ inputs: defaultInputs(root), out });
    expect(readJson<ApiManifest>('billiecart', 'manifest.json').locale).toBe('en-AU');
    expect(readJson<ApiManifest>('servicestack-home', 'manifest.json').locale).toBe('en-US');
  });

  it('reports a page it cannot read as file:line and still derives the others', () => {
    const docs = path.join(out, 'in', 'billiecart', 'docs');
    cpSync(path.join(root, 'billiecart', 'docs'), docs, { recursive: true });
    writeFileSync(
      path.join(docs, 'broken.txt'),
      'Billiecart API\n\n<back to all web services\n\nBrokenRequest\n\nThe following routes are available for this service:\nPOST/broken\n',
    );
    const result = deriveSchemas({ inputs: [docs], out: path.join(out, 'schemas') });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: path.join(docs, 'broken.txt') });
    expect(errors[0]?.message).toMatch(/expected DTO source/);
    expect(result.apis[0]?.operations).toEqual([
      'AssociateUserAccountToCustomerRequest',
      'CreateCustomerRequest',
      'CreatePersonRequest',
    ]);
  });

  it('--check reports drift without writing', () => {
    deriveSchemas({ inputs: defaultInputs(root), out });
    const file = path.join(out, 'billiecart', 'types', 'Customer.json');
    writeFileSync(file, '{}\n');
    writeFileSync(path.join(out, 'billiecart', 'types', 'Stale.json'), '{}\n');
    const result = deriveSchemas({ inputs: defaultInputs(root), out, check: true });
    expect(result.drift).toEqual([file, path.join(out, 'billiecart', 'types', 'Stale.json')]);
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
  });

  it('is deterministic: two runs write identical files', () => {
    deriveSchemas({ inputs: defaultInputs(root), out });
    const first = readdirSync(path.join(out, 'billiecart', 'types')).map((f) =>
      readFileSync(path.join(out, 'billiecart', 'types', f), 'utf8'),
    );
    deriveSchemas({ inputs: defaultInputs(root), out });
    const second = readdirSync(path.join(out, 'billiecart', 'types')).map((f) =>
      readFileSync(path.join(out, 'billiecart', 'types', f), 'utf8'),
    );
    expect(second).toEqual(first);
    expect(existsSync(path.join(out, 'billiecart', 'manifest.json'))).toBe(true);
  });
});

describe('apiSlug', () => {
  it.each([
    ['Billiecart API', 'billiecart'],
    ['ServiceStack Home (Live)', 'servicestack-home'],
    ['My Shop Api', 'my-shop'],
  ])('%s → %s', (title, slug) => expect(apiSlug(title)).toBe(slug));
});

describe('localeOfHost', () => {
  it.each<[string | null, string]>([
    ['staging-api.billiecart.com.au', 'en-AU'],
    ['API.EXAMPLE.COM.AU', 'en-AU'],
    ['shop.example.au.', 'en-AU'],
    ['api.example.com.au:8443', 'en-AU'],
    ['account.servicestack.net', 'en-US'],
    ['australia.example.com', 'en-US'],
    ['au.example.com', 'en-US'],
    [null, 'en-US'],
  ])('%s → %s', (host, locale) => expect(localeOfHost(host)).toBe(locale));
});
