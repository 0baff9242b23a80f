import type { AuthRequirement, OperationManifest, Route } from '../schema/manifest.js';
import { compileApi, loadApi } from '../schema/registry.js';
import { findOperation, operationPage } from './operation-page.js';

const billiecart = loadApi('schemas', 'billiecart');
const BASE_URL = 'http://localhost:5050/billiecart';

/** Billiecart with CreateCustomerRequest changed, and its page in JSON without a language. */
const pageWith = (change: Partial<OperationManifest>, title = billiecart.manifest.title): string => {
  const manifest = {
    ...billiecart.manifest,
    title,
    operations: billiecart.manifest.operations.map((o) =>
      o.name === 'CreateCustomerRequest' ? { ...o, ...change } : o,
    ),
  };
  const api = compileApi(manifest, billiecart.schemas);
  const op = findOperation(api, BASE_URL, 'createcustomerrequest')!;
  return operationPage({ api, base: '/billiecart', baseUrl: BASE_URL, host: 'localhost:5050', format: 'json', op });
};
const auth = (a: Partial<AuthRequirement>): AuthRequirement => ({
  required: true,
  roles: [],
  anyRoles: [],
  permissions: [],
  anyPermissions: [],
  ...a,
});

describe('the "Requires Authentication" table, worded as BaseMetadataHandler words it', () => {
  it.each([
    [auth({ required: false }), []],
    [auth({}), []],
    [auth({ roles: ['manager'] }), ['<td>Required role:</td><td>manager</td>']],
    [auth({ roles: ['a', 'b'] }), ['<td>Required roles:</td><td>a, b</td>']],
    [auth({ anyRoles: ['a'] }), ['<td>Requires the role:</td><td>a</td>']],
    [auth({ anyRoles: ['a', 'b'] }), ['<td>Requires any of the roles:</td><td>a, b</td>']],
    [auth({ permissions: ['p', 'q'] }), ['<td>Required permissions:</td><td>p, q</td>']],
    [auth({ anyPermissions: ['p'] }), ['<td>Requires the permission:</td><td>p</td>']],
  ])('%j', (a, cells) => {
    const html = pageWith({ auth: a });
    expect(html.includes('<b>Requires Authentication</b>')).toBe(a.required);
    expect(html.match(/<td>[^<]*:<\/td><td>[^<]*<\/td>/g) ?? []).toEqual(cells);
  });
});

describe('the sample request, as OperationControl.GetHttpRequestTemplate picks it', () => {
  const requestLine = (routes: Route[]): string =>
    /<div class="request">\n<pre>\n([^\n]*)/.exec(pageWith({ routes }))![1]!;
  it.each([
    [[{ path: '/customers', verbs: ['POST'] }], 'POST /customers HTTP/1.1 '],
    [[{ path: '/customers/{Id}', verbs: ['GET'] }], 'GET /customers/{Id} HTTP/1.1 '],
    [
      [
        { path: '/c', verbs: ['GET'] },
        { path: '/c/{Id}', verbs: ['PUT'] },
      ],
      'PUT /c HTTP/1.1 ',
    ],
    [[{ path: '/any', verbs: [] }], 'POST /any HTTP/1.1 '],
    [[], 'POST /json/reply/CreateCustomerRequest HTTP/1.1 '],
  ])('%j → %s', (routes, line) => expect(requestLine(routes as Route[])).toBe(line));

  it('has a body only for POST, PUT and PATCH', () => {
    const get = pageWith({ routes: [{ path: '/customers', verbs: ['GET'] }] });
    expect(get).not.toMatch(/<div class="request">[^]*Content-Type[^]*<\/pre>\n<\/div>\n\n<div class="response">/);
    expect(pageWith({})).toMatch(/Content-Length: <span class="value">length<\/span>\n\n\{/);
  });
});

it('escapes what the contract names: title, roles, routes', () => {
  const html = pageWith(
    { auth: auth({ roles: ['<b>x</b>'] }), routes: [{ path: '/a/"<i>"', verbs: ['POST'] }] },
    '<script>alert(1)</script>',
  );
  expect(html).not.toMatch(/<script>|<b>x|<i>"/);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});
