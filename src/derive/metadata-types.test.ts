import { parseMetadataTypesJson } from './metadata-types.js';
import type { TypeDef } from './model.js';

const NS = 'Infrastructure.Api.Interfaces.ServiceOperations';
const str = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'String',
  namespace: 'System',
  isSystemType: true,
  ...extra,
});

/** `/types/metadata` of the Billiecart API as ServiceStack serialises it: camelCase, nulls omitted. */
const billiecart = {
  config: {
    baseUrl: 'https://staging-api.billiecart.com.au',
    makePartial: true,
    makeVirtual: true,
    addReturnMarker: true,
    addServiceStackTypes: true,
    defaultNamespaces: [
      'System',
      'System.Collections',
      'System.Collections.Generic',
      'System.Runtime.Serialization',
      'ServiceStack',
      'ServiceStack.DataAnnotations',
    ],
  },
  namespaces: [
    'System',
    'System.Collections.Generic',
    'ServiceStack',
    `${NS}`,
    `${NS}.Customers`,
    `${NS}.Persons`,
    'Application.Interfaces.Resources',
  ],
  types: [
    {
      name: 'PostOperationUnTenanted`1',
      namespace: NS,
      genericArgs: ['TResponse'],
      implements: [
        { name: 'IReturn`1', namespace: 'ServiceStack', genericArgs: ['TResponse'] },
        { name: 'IPost', namespace: 'ServiceStack' },
      ],
      isAbstract: true,
      isGenericTypeDef: true,
      properties: [],
    },
    {
      name: 'PostOperationTenanted`1',
      namespace: NS,
      genericArgs: ['TResponse'],
      inherits: { name: 'PostOperationUnTenanted`1', namespace: NS, genericArgs: ['TResponse'] },
      implements: [{ name: 'ITenantedRequest', namespace: NS }],
      isAbstract: true,
      properties: [str('OrganisationId', { paramType: 'form', description: 'The tenant' })],
    },
    {
      name: 'BankAccount',
      namespace: 'Application.Interfaces.Resources',
      properties: [str('BsbNumber'), str('AccountNumber')],
    },
    {
      name: 'Customer',
      namespace: 'Application.Interfaces.Resources',
      implements: [{ name: 'IIdentifiableResource', namespace: 'Application.Interfaces.Resources' }],
      properties: [
        str('Id', { isPrimaryKey: true }),
        str('FirstName'),
        {
          name: 'DateOfBirth',
          type: 'Nullable`1',
          genericArgs: ['DateTime'],
          namespace: 'System',
          isValueType: true,
          isSystemType: true,
        },
        { name: 'BankAccount', type: 'BankAccount', namespace: 'Application.Interfaces.Resources' },
        { name: 'Orders', type: 'List`1', genericArgs: ['Order'], namespace: 'System.Collections.Generic' },
        { name: 'Tags', type: 'String[]', namespace: 'System', isSystemType: true },
        {
          name: 'Meta',
          type: 'Dictionary`2',
          genericArgs: ['String', 'String'],
          namespace: 'System.Collections.Generic',
        },
      ],
    },
    {
      name: 'Order',
      namespace: 'Application.Interfaces.Resources',
      properties: [
        { name: 'Id', type: 'Int64', namespace: 'System', isValueType: true, isSystemType: true },
        {
          name: 'Status',
          type: 'OrderStatus',
          namespace: 'Application.Interfaces.Resources',
          isValueType: true,
          isEnum: true,
        },
        {
          name: 'Quantity',
          type: 'Nullable`1',
          genericArgs: ['Int32'],
          namespace: 'System',
          isValueType: true,
          isSystemType: true,
        },
        { name: 'Total', type: 'Decimal', namespace: 'System', isValueType: true, isSystemType: true },
        { name: 'Weight', type: 'Double', namespace: 'System', isValueType: true, isSystemType: true },
        { name: 'Paid', type: 'Boolean', namespace: 'System', isValueType: true, isSystemType: true },
        { name: 'PlacedAt', type: 'DateTime', namespace: 'System', isValueType: true, isSystemType: true },
        { name: 'Duration', type: 'TimeSpan', namespace: 'System', isValueType: true, isSystemType: true },
        { name: 'Reference', type: 'Guid', namespace: 'System', isValueType: true, isSystemType: true },
        {
          name: 'Lines',
          type: 'List`1',
          genericArgs: ['Dictionary<String,Int32>'],
          namespace: 'System.Collections.Generic',
        },
      ],
    },
    {
      name: 'OrderStatus',
      namespace: 'Application.Interfaces.Resources',
      isEnum: true,
      enumNames: ['Pending', 'Paid', 'OnHold'],
      enumValues: ['0', '1', '2'],
      enumMemberValues: ['pending', 'paid', 'on-hold'],
    },
    {
      name: 'UserAccountName',
      namespace: 'Application.Interfaces.Resources',
      properties: [str('FirstName'), str('LastName')],
    },
    {
      name: 'Person',
      namespace: 'Application.Interfaces.Resources',
      properties: [{ name: 'Name', type: 'UserAccountName' }, str('Email'), str('Id')],
    },
  ],
  operations: [
    {
      request: {
        name: 'CreateCustomerRequest',
        namespace: `${NS}.Customers`,
        inherits: { name: 'PostOperationTenanted`1', namespace: NS, genericArgs: ['CreateCustomerResponse'] },
        properties: [str('Email', { isRequired: true, description: 'Where to write' })],
      },
      response: {
        name: 'CreateCustomerResponse',
        namespace: `${NS}.Customers`,
        properties: [
          { name: 'ResponseStatus', type: 'ResponseStatus', namespace: 'ServiceStack' },
          { name: 'Customer', type: 'Customer' },
        ],
      },
      actions: ['POST'],
      method: 'POST',
      returnType: { name: 'CreateCustomerResponse', namespace: `${NS}.Customers` },
      routes: [{ path: '/customers', verbs: 'POST' }],
      requiresAuth: true,
      requiredRoles: ['manager'],
    },
    {
      request: {
        name: 'CreatePersonRequest',
        namespace: `${NS}.Persons`,
        inherits: { name: 'PostOperationUnTenanted`1', namespace: NS, genericArgs: ['CreatePersonResponse'] },
        properties: [str('UserAccountId'), str('Timezone'), str('PhoneNumber')],
      },
      response: {
        name: 'CreatePersonResponse',
        namespace: `${NS}.Persons`,
        properties: [{ name: 'Person', type: 'Person' }],
      },
      actions: ['POST'],
      method: 'POST',
      routes: [{ path: '/persons', verbs: 'POST' }],
    },
    {
      request: {
        name: 'QueryOrders',
        namespace: NS,
        inherits: { name: 'QueryDb`1', namespace: 'ServiceStack', genericArgs: ['Order'] },
        properties: [],
      },
      response: { name: 'QueryResponse`1', namespace: 'ServiceStack', genericArgs: ['Order'] },
      actions: ['ANY'],
      routes: [{ path: '/orders' }, { path: '/orders/{Id}', verbs: 'GET,PUT' }],
      requiresAnyRole: ['manager', 'clerk'],
    },
    {
      request: {
        name: 'DeleteOrder',
        namespace: NS,
        properties: [{ name: 'Id', type: 'Int64', isValueType: true, isRequired: true, paramType: 'path' }],
      },
      actions: ['DELETE'],
      method: 'DELETE',
      returnsVoid: true,
      routes: [{ path: '/orders/{Id}', verbs: 'DELETE' }],
      requiresAuth: true,
    },
  ],
};

const text = JSON.stringify(billiecart, null, 2);
const parsed = parseMetadataTypesJson(text, 'metadata.json');
const type = (name: string): TypeDef => {
  const t = parsed.types.find((d) => d.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};
const prop = (typeName: string, name: string) => type(typeName).properties.find((p) => p.name === name);
/** Line of the first occurrence of `needle` in `source`, 1-based. */
const lineOf = (source: string, needle: string): number => source.slice(0, source.indexOf(needle)).split('\n').length;

describe('parseMetadataTypesJson', () => {
  it('reads a realistic document without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.types.map((t) => t.name)).toEqual([
      'PostOperationUnTenanted',
      'PostOperationTenanted',
      'BankAccount',
      'Customer',
      'Order',
      'OrderStatus',
      'UserAccountName',
      'Person',
      'CreateCustomerRequest',
      'CreateCustomerResponse',
      'CreatePersonRequest',
      'CreatePersonResponse',
      'QueryOrders',
      'DeleteOrder',
    ]);
  });

  it('keeps generic definitions, bases and interfaces with .NET arity suffixes dropped', () => {
    expect(type('PostOperationUnTenanted')).toMatchObject({
      genericParams: ['TResponse'],
      implements: [{ name: 'IReturn', args: [{ kind: 'named', name: 'TResponse' }] }, { name: 'IPost' }],
    });
    expect(type('PostOperationTenanted')).toMatchObject({
      genericParams: ['TResponse'],
      inherits: { name: 'PostOperationUnTenanted', args: [{ kind: 'named', name: 'TResponse' }] },
      implements: [{ name: 'ITenantedRequest' }],
    });
    expect(type('CreateCustomerRequest')).toMatchObject({
      namespace: `${NS}.Customers`,
      inherits: { name: 'PostOperationTenanted', args: [{ kind: 'named', name: 'CreateCustomerResponse' }] },
    });
    expect(type('CreateCustomerRequest').genericParams).toBeUndefined();
    expect(prop('PostOperationTenanted', 'OrganisationId')).toMatchObject({
      location: 'form',
      description: 'The tenant',
      nullable: true,
    });
  });

  it.each([
    ['Customer', 'Id', { kind: 'primitive', name: 'string' }, true],
    ['Customer', 'DateOfBirth', { kind: 'primitive', name: 'datetime' }, true],
    ['Customer', 'BankAccount', { kind: 'named', name: 'BankAccount' }, true],
    ['Customer', 'Orders', { kind: 'list', of: { kind: 'named', name: 'Order' } }, true],
    ['Customer', 'Tags', { kind: 'list', of: { kind: 'primitive', name: 'string' } }, true],
    [
      'Customer',
      'Meta',
      { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'primitive', name: 'string' } },
      true,
    ],
    ['Order', 'Id', { kind: 'primitive', name: 'long' }, false],
    ['Order', 'Status', { kind: 'named', name: 'OrderStatus' }, false],
    ['Order', 'Quantity', { kind: 'primitive', name: 'int' }, true],
    ['Order', 'Total', { kind: 'primitive', name: 'decimal' }, false],
    ['Order', 'Weight', { kind: 'primitive', name: 'double' }, false],
    ['Order', 'Paid', { kind: 'primitive', name: 'bool' }, false],
    ['Order', 'PlacedAt', { kind: 'primitive', name: 'datetime' }, false],
    ['Order', 'Duration', { kind: 'primitive', name: 'timespan' }, false],
    ['Order', 'Reference', { kind: 'primitive', name: 'guid' }, false],
    [
      'Order',
      'Lines',
      {
        kind: 'list',
        of: { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'primitive', name: 'int' } },
      },
      true,
    ],
  ])('%s.%s is %j, nullable %s', (typeName, name, expected, nullable) => {
    expect(prop(typeName, name)).toMatchObject({ type: expected, nullable });
  });

  it('takes required and descriptions only from what the document states', () => {
    expect(prop('CreateCustomerRequest', 'Email')).toMatchObject({ required: true, description: 'Where to write' });
    expect(prop('Customer', 'FirstName')?.required).toBe(false);
    expect(prop('DeleteOrder', 'Id')).toMatchObject({ required: true, location: 'path' });
  });

  it('uses EnumMember values as the wire values of an enum', () => {
    expect(type('OrderStatus')).toMatchObject({
      kind: 'enum',
      enumValues: ['pending', 'paid', 'on-hold'],
      properties: [],
    });
  });

  it('reads operations: routes with verbs, auth, response and method', () => {
    expect(parsed.operations).toEqual([
      {
        name: 'CreateCustomerRequest',
        routes: [{ path: '/customers', verbs: ['POST'] }],
        auth: { required: true, roles: ['manager'], anyRoles: [], permissions: [], anyPermissions: [] },
        responseType: 'CreateCustomerResponse',
        method: 'POST',
      },
      {
        name: 'CreatePersonRequest',
        routes: [{ path: '/persons', verbs: ['POST'] }],
        auth: { required: false, roles: [], anyRoles: [], permissions: [], anyPermissions: [] },
        responseType: 'CreatePersonResponse',
        method: 'POST',
      },
      {
        name: 'QueryOrders',
        routes: [
          { path: '/orders', verbs: [] },
          { path: '/orders/{Id}', verbs: ['GET', 'PUT'] },
        ],
        auth: { required: true, roles: [], anyRoles: ['manager', 'clerk'], permissions: [], anyPermissions: [] },
        responseType: 'QueryResponse<Order>',
      },
      {
        name: 'DeleteOrder',
        routes: [{ path: '/orders/{Id}', verbs: ['DELETE'] }],
        auth: { required: true, roles: [], anyRoles: [], permissions: [], anyPermissions: [] },
        returnsVoid: true,
        method: 'DELETE',
      },
    ]);
  });

  it('does not mistake a closed generic response for a definition', () => {
    expect(parsed.types.some((t) => t.name === 'QueryResponse')).toBe(false);
  });

  it("answers a QueryDb operation's returnType (QueryResponse`1 of Booking), not its instantiated response definition", () => {
    const results = (arg: string) => ({
      name: 'Results',
      type: 'List`1',
      namespace: 'System.Collections.Generic',
      genericArgs: [arg],
    });
    const doc = JSON.stringify({
      types: [{ name: 'Booking', namespace: 'B', properties: [{ name: 'Id', type: 'Int32', isValueType: true }] }],
      operations: [
        {
          request: {
            name: 'QueryBookings',
            namespace: 'B',
            inherits: { name: 'QueryDb`1', namespace: 'ServiceStack', genericArgs: ['Booking'] },
            implements: [],
            properties: [],
          },
          // As ServiceStack writes it: the generic definition, its members already of this instance.
          response: {
            name: 'QueryResponse`1',
            namespace: 'ServiceStack',
            genericArgs: ['T'],
            properties: [results('Booking')],
          },
          actions: ['ANY'],
          method: 'GET',
          returnType: { name: 'QueryResponse`1', namespace: 'ServiceStack', genericArgs: ['Booking'] },
          dataModel: { name: 'Booking', namespace: 'B' },
        },
      ],
    });
    const result = parseMetadataTypesJson(doc, 'metadata.json');
    expect(result.diagnostics).toEqual([]);
    expect(result.operations[0]).toMatchObject({
      name: 'QueryBookings',
      responseType: 'QueryResponse<Booking>',
      method: 'GET',
    });
    expect(result.types.map((t) => t.name)).toEqual(['Booking', 'QueryBookings']);
    expect(result.types[1]?.inherits).toEqual({ name: 'QueryDb', args: [{ kind: 'named', name: 'Booking' }] });
  });

  it('reads the same document inside /metadata/app', () => {
    const app = parseMetadataTypesJson(
      JSON.stringify({ app: { serviceName: 'Billiecart' }, api: billiecart }),
      'app.json',
    );
    expect(app.diagnostics).toEqual([]);
    expect(app.operations.map((o) => o.name)).toEqual(parsed.operations.map((o) => o.name));
  });

  it.each([
    [
      'a missing comma',
      '{\n  "types": [],\n  "operations": []\n  "namespaces": []\n}',
      4,
      /expected ',' or '}', found '"'/,
    ],
    [
      'a trailing comma',
      '{\n  "types": [\n    { "name": "A" },\n  ],\n  "operations": []\n}',
      4,
      /expected a JSON value, found '\]'/,
    ],
    ['an unquoted key', '{\n  types: []\n}', 2, /property name in double quotes/],
    ['a truncated file', '{\n  "types": [\n', 3, /found the end of the file/],
    ['text after the document', '{ "types": [], "operations": [] }\n\nx', 3, /expected the end of the file/],
    ['an empty file', '', 1, /expected a JSON value/],
    ['a raw line break in a string', '{\n  "types": [{ "name": "A\nB" }],\n  "operations": []\n}', 2, /found "\\n"$/],
  ])('reports %s as one error at its line', (_what, source, line, message) => {
    const result = parseMetadataTypesJson(source, 'dtos.json');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', file: 'dtos.json', line });
    expect(result.diagnostics[0]?.message).toMatch(message);
    expect(result.types).toEqual([]);
  });

  it.each([
    ['an array', '[\n  {}\n]'],
    ['an object without operations', '{\n  "types": []\n}'],
    ['types that are not an array', '{ "types": {}, "operations": [] }'],
  ])('reports a document that is %s as the wrong shape', (_what, source) => {
    const result = parseMetadataTypesJson(source, 'dtos.json');
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'dtos.json',
        line: 1,
        message: "expected the /types/metadata JSON: an object with 'types' and 'operations' arrays",
      },
    ]);
  });

  it('reports a nameless type or an untyped property at its line and reads the rest', () => {
    const doc = JSON.stringify(
      {
        types: [{ namespace: 'X' }, { name: 'Ok', properties: [{ name: 'Broken' }, str('Fine')] }],
        operations: [{ response: {} }],
      },
      null,
      2,
    );
    const result = parseMetadataTypesJson(doc, 'dtos.json');
    expect(result.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [lineOf(doc, '"namespace": "X"') - 1, "expected a MetadataType with a 'name'"],
      [lineOf(doc, '"name": "Broken"') - 1, "expected a property of Ok with 'name' and 'type'"],
      [lineOf(doc, '"response"') - 1, "expected an operation with a 'request' type that has a 'name'"],
    ]);
    expect(result.types.map((t) => [t.name, t.properties.map((p) => p.name)])).toEqual([['Ok', ['Fine']]]);
  });

  it('never throws: every prefix of a real document is a diagnostic or a result', () => {
    for (let end = 0; end < text.length; end += 97) {
      const result = parseMetadataTypesJson(text.slice(0, end), 'cut.json');
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('reports an unreadable .NET type name and skips that property', () => {
    const doc =
      '{\n "types": [{ "name": "A",\n  "properties": [{ "name": "B", "type": "List<" }] }],\n "operations": [] }';
    const result = parseMetadataTypesJson(doc, 'dtos.json');
    expect(result.diagnostics).toEqual([
      { severity: 'error', file: 'dtos.json', line: 3, message: "expected a .NET type name, found 'List<'" },
    ]);
    expect(result.types[0]?.properties).toEqual([]);
  });
});
