import { readFileSync } from 'node:fs';
import { parseMetadataPage, splitParamRow } from './metadata-page.js';

const doc = (name: string) => {
  const api = name.startsWith('billiecart') ? 'billiecart' : 'servicestack-home';
  return readFileSync(new URL(`../../schemas/${api}/docs/${name}`, import.meta.url), 'utf8');
};

describe('parseMetadataPage', () => {
  it('reads title, operation, auth, routes, DTO source and the JSON samples', () => {
    const { page, diagnostics } = parseMetadataPage(doc('billiecart.CreateCustomerRequest.python.json.txt'), 'a.txt');
    expect(diagnostics).toEqual([]);
    expect(page?.title).toBe('Billiecart API');
    expect(page?.operation).toBe('CreateCustomerRequest');
    expect(page?.auth).toEqual({
      required: true,
      roles: ['manager'],
      anyRoles: [],
      permissions: [],
      anyPermissions: [],
    });
    expect(page?.routes).toEqual([{ verbs: ['POST'], path: '/customers' }]);
    expect(page?.dtoSources[0]?.languageLabel).toBe('Python');
    expect(page?.dtoSources[0]?.text).toMatch(/^import datetime/);
    expect(page?.dtoSources[0]?.text).toMatch(/email: Optional\[str\] = None$/);
    expect(page?.sampleFormat).toBe('json');
    expect(page?.request).toMatchObject({
      verb: 'POST',
      path: '/customers',
      body: '{"email":"String","organisationId":"String"}',
    });
    expect(page?.request?.headers['host']).toBe('staging-api.billiecart.com.au');
    expect(page?.response?.status).toBe(200);
    expect(JSON.parse(page?.response?.body ?? '')).toHaveProperty('customer.bankAccount.bsbNumber', 'String');
  });

  it('reads "All Verbs" routes and a JSV sample without a response', () => {
    const { page } = parseMetadataPage(doc('servicestack-home.Customer.python.jsv.txt'), 'b.txt');
    expect(page?.title).toBe('ServiceStack Home (Live)');
    expect(page?.auth.required).toBe(false);
    expect(page?.routes).toEqual([
      { verbs: [], path: '/Customer' },
      { verbs: [], path: '/Customer/{Id}' },
    ]);
    expect(page?.sampleFormat).toBe('jsv');
    expect(page?.request?.body).toMatch(/^\{\n\tid: 0,/);
    expect(page?.response).toBeUndefined();
  });

  it('reads parameter tables, base classes included', () => {
    const { page, diagnostics } = parseMetadataPage(
      doc('billiecart.AssociateUserAccountToCustomerRequest.parameters.jsv.txt'),
      'c.txt',
    );
    expect(diagnostics).toEqual([]);
    expect(page?.dtoSources).toEqual([]);
    expect(page?.paramTables.map((t) => t.typeName)).toEqual([
      'AssociateUserAccountToCustomerRequest',
      'PutOperationTenanted<TResponse>',
      'AssociateUserAccountToCustomerResponse',
      'Customer',
      'BankAccount',
      'AssociateUserAccountToCustomerResponse',
    ]);
    expect(page?.paramTables[0]?.rows).toEqual([
      { name: 'Id', location: 'path', dataType: 'string', required: false, description: '', line: 13 },
      { name: 'UserAccountId', location: 'body', dataType: 'string', required: false, description: '', line: 14 },
    ]);
    expect(page?.paramTables[3]?.rows.find((r) => r.name === 'DateOfBirth')?.dataType).toBe('DateTime');
  });

  it('reads the Kotlin page with XML samples', () => {
    const { page } = parseMetadataPage(doc('billiecart.CreatePersonRequest.kotlin.xml.txt'), 'd.txt');
    expect(page?.auth.required).toBe(false);
    expect(page?.dtoSources[0]?.languageLabel).toBe('Kotlin');
    expect(page?.request?.body).toMatch(/^<CreatePersonRequest /);
    expect(page?.response?.body).toMatch(/<\/CreatePersonResponse>$/);
  });

  it('reads the same page saved as HTML', () => {
    const html = `<!DOCTYPE html><html><head><title>x</title></head><body><h1>Billiecart API</h1>
      <a href="/metadata">&lt;back to all web services</a><h2>GetThing</h2>
      <table><caption>Requires Authentication</caption><tr><td>Required roles:</td><td>manager, Admin</td></tr></table>
      <table><caption>The following routes are available for this service:</caption>
      <tr><th>GET,PUT</th><th>/things/{Id}</th><td></td></tr></table>
      <table><caption>GetThing Parameters:</caption><tr><th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr>
      <tr><td>Id</td><td>path</td><td>int</td><td>Yes</td><td>The &amp; id</td></tr></table>
      <p>To override the Content-type in your clients, use the HTTP Accept Header</p></body></html>`;
    const { page, diagnostics } = parseMetadataPage(html, 'e.html');
    expect(diagnostics).toEqual([]);
    expect(page?.operation).toBe('GetThing');
    expect(page?.auth.roles).toEqual(['manager', 'Admin']);
    expect(page?.routes).toEqual([{ verbs: ['GET', 'PUT'], path: '/things/{Id}' }]);
    expect(page?.paramTables[0]?.rows[0]).toMatchObject({
      name: 'Id',
      location: 'path',
      dataType: 'int',
      required: true,
      description: 'The & id',
    });
  });

  it.each([
    ['empty page', '', 1, /page title/],
    ['no back link', 'Billiecart API\nCreateCustomerRequest', 2, /back to all web services/],
    [
      'no DTOs',
      'Billiecart API\n<back to all web services\nX\nThe following routes are available for this service:\nPOST/x\n',
      6,
      /DTO source/,
    ],
  ])('reports a page it cannot read: %s', (_name, text, line, message) => {
    const { page, diagnostics } = parseMetadataPage(text, 'bad.txt');
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'bad.txt', line });
    expect(diagnostics[0]?.message).toMatch(message);
    if (!page) expect(diagnostics).toHaveLength(1);
  });
});

describe('auth rows', () => {
  it.each([
    ['saved text, one row', 'Required role:Employee', { roles: ['Employee'] }],
    [
      'saved text, cells glued',
      'Required roles:Admin, ManagerRequires any of the permissions:Read, WriteRequires the permission:Audit',
      { roles: ['Admin', 'Manager'], anyPermissions: ['Read', 'Write'], permissions: ['Audit'] },
    ],
    [
      'HTML cells',
      'Required roles:\tAdmin, Manager\tRequires any of the roles:\tA, B\tRequired permissions:\tX, Y',
      { roles: ['Admin', 'Manager'], anyRoles: ['A', 'B'], permissions: ['X', 'Y'] },
    ],
  ])('%s', (_name, row, expected) => {
    const text = `Acme\n<back to all web services\nOp\nRequires Authentication\n${row}\nOp Parameters:\nIdqueryintNo\n`;
    const { page } = parseMetadataPage(text, 'a.txt');
    const none = { required: true, roles: [], anyRoles: [], permissions: [], anyPermissions: [] };
    expect(page?.auth).toEqual(Object.assign(none, expected));
  });
});

describe('splitParamRow', () => {
  it.each([
    ['IdpathstringNo', 'Id', 'path', 'string'],
    ['PlatformformstringNo', 'Platform', 'form', 'string'],
    ['BodyIdbodyintYesThe id', 'BodyId', 'body', 'int'],
    ['OrdersformList<Order>No', 'Orders', 'form', 'List<Order>'],
    ['ResponseStatusformResponseStatusNo', 'ResponseStatus', 'form', 'ResponseStatus'],
    ['Queryquerystring?No', 'Query', 'query', 'string?'],
  ])('%s', (line, name, location, dataType) => {
    expect(splitParamRow(line)).toMatchObject({ name, location, dataType });
  });
});
