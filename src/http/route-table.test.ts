import fc from 'fast-check';
import type { OperationManifest, Verb } from '../schema/manifest.js';
import { RouteTable, type RouteMatch } from './route-table.js';

/** An operation with the given routes: `['/customers/{Id}', 'GET', 'PUT']`; no verbs means All Verbs. */
const op = (name: string, ...routes: [string, ...Verb[]][]): OperationManifest => ({
  name,
  request: name,
  response: null,
  routes: routes.map(([path, ...verbs]) => ({ path, verbs })),
  primaryVerb: 'POST',
  auth: { required: false, roles: [], anyRoles: [], permissions: [], anyPermissions: [] },
  tenantProperty: null,
  parameters: {},
  state: null,
  autoQuery: null,
  sources: [],
});

/** What a match says, without the operation object: `GetFile {"Path":"a/b"}`, `predefined CreatePerson json`. */
const show = (m: RouteMatch | null): string | null => {
  if (!m) return null;
  const ext = m.kind !== 'unknown-operation' && m.extension ? ` .${m.extension}` : '';
  switch (m.kind) {
    case 'user':
      return `${m.operation.name} ${JSON.stringify(m.pathParams)}${ext}`;
    case 'predefined':
      return `predefined ${m.operation.name} ${m.format}${ext}`;
    case 'batch':
      return `batch ${m.operation.name}`;
    case 'unknown-operation':
      return `unknown ${m.name} ${m.format}`;
  }
};

const match = (table: RouteTable, method: string, path: string) => show(table.match(method, path));

describe('RouteTable: user routes', () => {
  const table = new RouteTable([
    op('GetCustomer', ['/customers/{Id}', 'GET']),
    op('SearchCustomers', ['/customers/search', 'GET']),
    op('CustomerOrders', ['/customers/{Id}/orders/{ignore}', 'GET']),
    op('GetFile', ['/files/{Path*}', 'GET']),
    op('GetReadme', ['/files/readme/{Name}', 'GET']),
    op('EditDoc', ['/docs/{Path*}/edit', 'GET']),
    op('Roots', ['/{*Rest}', 'GET']),
  ]);

  it.each([
    // variables and literals
    ['GET', '/customers/5', 'GetCustomer {"Id":"5"}'],
    ['GET', '/customers/5/', 'GetCustomer {"Id":"5"}'],
    ['GET', '//customers//5', 'GetCustomer {"Id":"5"}'],
    // `{ignore}` matches one segment and binds nothing
    ['GET', '/customers/5/orders/anything', 'CustomerOrders {"Id":"5"}'],
    // a trailing wildcard takes the rest, slashes included, or nothing
    ['GET', '/files/a/b/c.txt', 'GetFile {"Path":"a/b/c.txt"}'],
    ['GET', '/files', 'GetFile {"Path":""}'],
    // a wildcard followed by a literal takes what the literal leaves over
    ['GET', '/docs/guides/intro/edit', 'EditDoc {"Path":"guides/intro"}'],
    // `{*Rest}` (leading star) is a wildcard too
    ['GET', '/anything/else', 'Roots {"Rest":"anything/else"}'],
  ])('%s %s → %s', (method, path, expected) => {
    expect(match(table, method, path)).toBe(expected);
  });

  it.each([
    // literals compare case-insensitively; bound values keep their case
    ['GET', '/CUSTOMERS/AbC', 'GetCustomer {"Id":"AbC"}'],
    ['GET', '/Customers/SEARCH', 'SearchCustomers {}'],
    ['get', '/customers/5', 'GetCustomer {"Id":"5"}'],
  ])('is case-insensitive: %s %s → %s', (method, path, expected) => {
    expect(match(table, method, path)).toBe(expected);
  });

  it.each([
    // percent-escapes are decoded in values and before comparing literals
    ['/customers/a%20b', 'GetCustomer {"Id":"a b"}'],
    ['/customers/%73earch', 'SearchCustomers {}'],
    ['/files/a%2Fb/c', 'GetFile {"Path":"a/b/c"}'],
    ['/customers/caf%C3%A9', 'GetCustomer {"Id":"café"}'],
    // a malformed escape is kept as it came
    ['/customers/100%', 'GetCustomer {"Id":"100%"}'],
    ['/customers/%E0%A4%A', 'GetCustomer {"Id":"%E0%A4%A"}'],
  ])('decodes percent-escapes: %s → %s', (path, expected) => {
    expect(match(table, 'GET', path)).toBe(expected);
  });

  it.each([
    // `.json`/`.jsv`/`.xml` on the last segment picks the format and is not part of the value
    ['/customers/5.xml', 'GetCustomer {"Id":"5"} .xml'],
    ['/customers/5.JSV', 'GetCustomer {"Id":"5"} .jsv'],
    ['/customers/search.json', 'SearchCustomers {} .json'],
    ['/files/a/b.xml', 'GetFile {"Path":"a/b"} .xml'],
    // so do the list formats ServiceStack registers by default (CsvFormat, JsonlFormat)
    ['/customers/5.csv', 'GetCustomer {"Id":"5"} .csv'],
    ['/customers/5.jsonl', 'GetCustomer {"Id":"5"} .jsonl'],
    // any other extension is part of the value
    ['/customers/5.txt', 'GetCustomer {"Id":"5.txt"}'],
    ['/customers/5.yaml', 'GetCustomer {"Id":"5.yaml"}'],
  ])('takes a format extension off a user route: %s → %s', (path, expected) => {
    expect(match(table, 'GET', path)).toBe(expected);
  });

  it.each([
    ['POST', '/customers/5'],
    ['GET', '/customers'],
    ['GET', '/customers/5/orders'],
    ['GET', '/customers/5/orders/a/b'],
    ['GET', '/docs/a/b'],
    // a middle wildcard stops at the first part equal to the literal after it (ServiceStack's RestPath.IsMatch)
    ['GET', '/docs/a/edit/b/edit'],
    ['GET', '/'],
  ])('no route: %s %s → null', (method, path) => {
    const withoutCatchAll = new RouteTable([
      op('GetCustomer', ['/customers/{Id}', 'GET']),
      op('CustomerOrders', ['/customers/{Id}/orders/{ignore}', 'GET']),
      op('EditDoc', ['/docs/{Path*}/edit', 'GET']),
    ]);
    expect(withoutCatchAll.match(method, path)).toBeNull();
  });
});

describe('RouteTable: batch routes', () => {
  const table = new RouteTable([
    { ...op('CreatePerson', ['/people', 'POST']), response: 'CreatePersonResponse' },
    { ...op('QueryPeople', ['/people', 'GET']), response: 'QueryResponseOfPerson', primaryVerb: 'GET' },
    op('Ping', ['/ping', 'POST']),
  ]);
  it.each([
    ['POST', '/api/CreatePerson[]', 'batch CreatePerson'],
    ['POST', '/api/createperson%5B%5D', 'batch CreatePerson'],
    // /api/{Op}[] is POST only, for an operation with a response whose verb sends a body (PredefinedRoutesFeature)
    ['PUT', '/api/CreatePerson[]', null],
    ['POST', '/api/QueryPeople[]', null],
    ['POST', '/api/Ping[]', null],
    // the classic routes take any
    ['GET', '/json/reply/QueryPeople[]', 'batch QueryPeople'],
    ['POST', '/json/oneway/Ping[]', 'batch Ping'],
  ])('%s %s → %s', (method, path, expected) => {
    expect(match(table, method, path)).toBe(expected);
  });
});

describe('RouteTable: the exact-verb bonus', () => {
  it('goes only to a route declared for that one verb, not to a GET,POST route', () => {
    const both = op('Both', ['/items/{Id}', 'GET', 'POST']);
    const getOnly = op('GetOnly', ['/items/{Id}', 'GET']);
    expect(match(new RouteTable([both, getOnly]), 'GET', '/items/1')).toBe('GetOnly {"Id":"1"}');
    // two routes without the bonus tie, and declaration order decides
    const anyVerb = op('AnyVerb', ['/things/{Id}']);
    const twoVerbs = op('TwoVerbs', ['/things/{Id}', 'GET', 'POST']);
    expect(match(new RouteTable([anyVerb, twoVerbs]), 'GET', '/things/1')).toBe('AnyVerb {"Id":"1"}');
    expect(match(new RouteTable([twoVerbs, anyVerb]), 'GET', '/things/1')).toBe('TwoVerbs {"Id":"1"}');
  });
});

describe('RouteTable: any value round-trips through a path', () => {
  const table = new RouteTable([op('GetCustomer', ['/customers/{Id}', 'GET']), op('GetFile', ['/files/{Path*}'])]);
  // Values that are not themselves a format extension (`x.json` would select JSON).
  const value = fc.string({ minLength: 1 }).filter((v) => !/\.(json|jsv|xml)$/i.test(v));

  it('binds a variable to the decoded segment', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(table.match('GET', `/customers/${encodeURIComponent(v)}`)).toMatchObject({ pathParams: { Id: v } });
      }),
    );
  });

  it('binds a wildcard to the decoded segments joined by /', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (parts) => {
        const path = `/files/${parts.map(encodeURIComponent).join('/')}`;
        expect(table.match('DELETE', path)).toMatchObject({ pathParams: { Path: parts.join('/') } });
      }),
    );
  });
});

describe("RouteTable: ServiceStack's best match", () => {
  it.each([
    // 1. fewer segments consumed by a wildcard wins, whatever else
    [
      'fewer wildcard-consumed segments',
      [op('Any', ['/files/{Path*}']), op('Readme', ['/files/readme/{Name}'])],
      'GET',
      '/files/readme/x',
      'Readme {"Name":"x"}',
    ],
    [
      'fewer wildcard-consumed segments, even against an exact verb',
      [op('Any', ['/files/{Path*}', 'GET']), op('Readme', ['/files/readme/{Name}'])],
      'GET',
      '/files/readme/x',
      'Readme {"Name":"x"}',
    ],
    // 2. then fewer variables (more literals)
    [
      'fewer variables',
      [op('ById', ['/customers/{Id}']), op('Search', ['/customers/search'])],
      'GET',
      '/customers/search',
      'Search {}',
    ],
    [
      'fewer variables, even against an exact verb',
      [op('ById', ['/customers/{Id}', 'GET']), op('Search', ['/customers/search'])],
      'GET',
      '/customers/search',
      'Search {}',
    ],
    [
      'fewer variables, a wildcard counting as one',
      [op('Any', ['/files/{Path*}']), op('Root', ['/files'])],
      'GET',
      '/files',
      'Root {}',
    ],
    [
      'fewer variables, declared last',
      [op('Two', ['/a/{X}/{Y}']), op('One', ['/a/{X}/b'])],
      'GET',
      '/a/1/b',
      'One {"X":"1"}',
    ],
    // 3. then a route for this verb over an All Verbs route
    [
      'exact verb over All Verbs',
      [op('AllVerbs', ['/things/{Id}']), op('GetOnly', ['/things/{Id}', 'GET'])],
      'GET',
      '/things/1',
      'GetOnly {"Id":"1"}',
    ],
    [
      'All Verbs when the verb route does not take the verb',
      [op('AllVerbs', ['/things/{Id}']), op('GetOnly', ['/things/{Id}', 'GET'])],
      'DELETE',
      '/things/1',
      'AllVerbs {"Id":"1"}',
    ],
    // 4. then the order of declaration
    [
      'declaration order',
      [op('First', ['/things/{Id}']), op('Second', ['/things/{Key}'])],
      'GET',
      '/things/1',
      'First {"Id":"1"}',
    ],
    [
      'declaration order within one operation',
      [op('Both', ['/things/{Id}', 'PUT'], ['/things/{Key}', 'PUT'])],
      'PUT',
      '/things/1',
      'Both {"Id":"1"}',
    ],
  ])('%s', (_rule, operations, method, path, expected) => {
    expect(match(new RouteTable(operations), method, path)).toBe(expected);
  });
});

describe('RouteTable: predefined routes', () => {
  const table = new RouteTable([op('CreatePerson', ['/people', 'POST']), op('GetPerson', ['/people/{Id}', 'GET'])]);

  it.each([
    ['/api/CreatePerson', 'predefined CreatePerson json'],
    ['/api/createperson', 'predefined CreatePerson json'],
    ['/API/CREATEPERSON', 'predefined CreatePerson json'],
    ['/api/CreatePerson.xml', 'predefined CreatePerson json .xml'],
    ['/api/CreatePerson.jsv', 'predefined CreatePerson json .jsv'],
    ['/api/CreatePerson.JSON', 'predefined CreatePerson json .json'],
    ['/json/reply/CreatePerson', 'predefined CreatePerson json'],
    ['/jsv/reply/CreatePerson', 'predefined CreatePerson jsv'],
    ['/xml/reply/CreatePerson', 'predefined CreatePerson xml'],
    ['/csv/reply/CreatePerson', 'predefined CreatePerson csv'],
    ['/jsonl/oneway/CreatePerson', 'predefined CreatePerson jsonl'],
    ['/json/oneway/CreatePerson', 'predefined CreatePerson json'],
    ['/XML/OneWay/createPerson', 'predefined CreatePerson xml'],
    // an unknown operation on a predefined route is its own outcome (405 NotImplementedException)
    ['/api/Nope', 'unknown Nope json'],
    ['/api/Nope.xml', 'unknown Nope xml'],
    ['/jsv/reply/Nope', 'unknown Nope jsv'],
    ['/xml/oneway/Nope', 'unknown Nope xml'],
    // auto-batching: a JSON array of requests, as `sendAll` / `sendAllOneWay` post it
    ['/json/reply/CreatePerson[]', 'batch CreatePerson'],
    ['/json/oneway/CreatePerson%5b%5d', 'batch CreatePerson'],
  ])('any verb: %s → %s', (path, expected) => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      expect(`${method} ${String(match(table, method, path))}`).toBe(`${method} ${expected}`);
  });

  it.each([
    ['/api', null],
    ['/api/CreatePerson/extra', null],
    ['/json/CreatePerson', null],
    ['/yaml/reply/CreatePerson', null],
    ['/json/request/CreatePerson', null],
    // ServiceStack batches JSON only, and only operations it knows
    ['/xml/reply/CreatePerson[]', null],
    ['/api/CreatePerson[].xml', null],
    ['/api/Nope[]', null],
  ])('not predefined: %s → %s', (path, expected) => {
    expect(match(table, 'POST', path)).toBe(expected);
  });

  it('wins over a user route of the same shape', () => {
    const shadowed = new RouteTable([op('Catch', ['/api/{Name}']), op('Ping', ['/ping'])]);
    expect(match(shadowed, 'GET', '/api/Ping')).toBe('predefined Ping json');
    expect(match(shadowed, 'GET', '/api/Other')).toBe('unknown Other json');
  });
});
