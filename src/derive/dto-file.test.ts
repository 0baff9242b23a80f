import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JsonSchema } from '../schema/json-schema.js';
import type { ApiManifest, OperationManifest } from '../schema/manifest.js';
import { isJsonFile } from './dto-file.js';

import { deriveSchemas } from './index.js';

const HEADER = (lang: string) => `/* Options:
Date: 2024-05-01 10:00:00
Version: 8.21
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

//GlobalNamespace: ${lang === 'cs' ? '\n//MakePartial: True\n//AddReturnMarker: True' : ''}
//AddServiceStackTypes: True
//IncludeTypes: 
*/
`;

/** `/types/typescript` of the Billiecart API. */
const DTOS_TS = `${HEADER('ts')}

export interface IReturn<T>
{
    createResponse(): T;
}

export interface IReturnVoid
{
    createResponse(): void;
}

export interface IPost
{
}

export interface IGet
{
}

export interface ITenantedRequest
{
    organisationId?: string;
}

export class PostOperationUnTenanted<TResponse> implements IReturn<TResponse>, IPost
{

    public constructor(init?: Partial<PostOperationUnTenanted<TResponse>>) { (Object as any).assign(this, init); }
    public createResponse(): TResponse { return null as any; }
}

export class PostOperationTenanted<TResponse> extends PostOperationUnTenanted<TResponse> implements ITenantedRequest
{
    public organisationId?: string;

    public constructor(init?: Partial<PostOperationTenanted<TResponse>>) { super(init); (Object as any).assign(this, init); }
}

export enum OrderStatus
{
    Pending = 'Pending',
    Paid = 'Paid',
    OnHold = 'OnHold',
}

export class Order
{
    public id: number;
    public status: OrderStatus;
    public quantity?: number;

    public constructor(init?: Partial<Order>) { (Object as any).assign(this, init); }
}

export class BankAccount
{
    public bsbNumber?: string;
    public accountNumber?: string;

    public constructor(init?: Partial<BankAccount>) { (Object as any).assign(this, init); }
}

export class Customer
{
    public id?: string;
    public firstName?: string;
    public dateOfBirth?: string;
    public bankAccount?: BankAccount;
    public orders?: Order[];

    public constructor(init?: Partial<Customer>) { (Object as any).assign(this, init); }
}

export class CreateCustomerResponse
{
    public responseStatus?: ResponseStatus;
    public customer?: Customer;

    public constructor(init?: Partial<CreateCustomerResponse>) { (Object as any).assign(this, init); }
}

export class GetCustomerResponse
{
    public customer?: Customer;

    public constructor(init?: Partial<GetCustomerResponse>) { (Object as any).assign(this, init); }
}

export class CreatePersonResponse
{
    public personId?: string;

    public constructor(init?: Partial<CreatePersonResponse>) { (Object as any).assign(this, init); }
}

// @Route("/customers", "POST")
// @ValidateRequest(Validator="IsAuthenticated")
// @ValidateRequest(Validator="HasRole(\`manager\`)")
export class CreateCustomerRequest extends PostOperationTenanted<CreateCustomerResponse> implements IReturn<CreateCustomerResponse>
{
    public email?: string;

    public constructor(init?: Partial<CreateCustomerRequest>) { super(init); (Object as any).assign(this, init); }
    public getTypeName() { return 'CreateCustomerRequest'; }
    public getMethod() { return 'POST'; }
    public createResponse() { return new CreateCustomerResponse(); }
}

// @Route("/customers/{Id}", "GET")
// @Route("/customers/by-email/{Email}", "GET")
// @ValidateRequest(Validator="IsAuthenticated")
export class GetCustomerRequest implements IReturn<GetCustomerResponse>, IGet
{
    public id?: string;
    public email?: string;

    public constructor(init?: Partial<GetCustomerRequest>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'GetCustomerRequest'; }
    public getMethod() { return 'GET'; }
    public createResponse() { return new GetCustomerResponse(); }
}

// @Route("/persons", "POST")
export class CreatePersonRequest extends PostOperationUnTenanted<CreatePersonResponse> implements IReturn<CreatePersonResponse>
{
    public userAccountId?: string;

    public constructor(init?: Partial<CreatePersonRequest>) { super(init); (Object as any).assign(this, init); }
    public getTypeName() { return 'CreatePersonRequest'; }
    public getMethod() { return 'POST'; }
    public createResponse() { return new CreatePersonResponse(); }
}

// @ValidateHasRole("admin")
export class ArchiveCustomerRequest implements IReturnVoid, IPost, ITenantedRequest
{
    public id?: string;
    public organisationId?: string;

    public constructor(init?: Partial<ArchiveCustomerRequest>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'ArchiveCustomerRequest'; }
    public getMethod() { return 'POST'; }
    public createResponse() {}
}
`;

/** `/types/csharp` of the same API; CreatePersonRequest's response marker comes from its base only. */
const DTOS_CS = `${HEADER('cs')}
using System;
using System.Collections.Generic;
using System.Runtime.Serialization;
using ServiceStack;
using ServiceStack.DataAnnotations;

namespace Billiecart.ServiceModel
{
    public partial class PostOperationUnTenanted<TResponse>
        : IReturn<TResponse>, IPost
    {
    }

    public partial class PostOperationTenanted<TResponse>
        : PostOperationUnTenanted<TResponse>, ITenantedRequest
    {
        public virtual string OrganisationId { get; set; }
    }

    public enum OrderStatus
    {
        Pending,
        Paid,
        OnHold,
    }

    public partial class Order
    {
        public virtual long Id { get; set; }
        public virtual OrderStatus Status { get; set; }
        public virtual int? Quantity { get; set; }
    }

    public partial class BankAccount
    {
        public virtual string BsbNumber { get; set; }
        public virtual string AccountNumber { get; set; }
    }

    public partial class Customer
    {
        public virtual string Id { get; set; }
        public virtual string FirstName { get; set; }
        public virtual DateTime? DateOfBirth { get; set; }
        public virtual BankAccount BankAccount { get; set; }
        public virtual List<Order> Orders { get; set; } = [];
    }

    public partial class CreateCustomerResponse
    {
        public virtual ResponseStatus ResponseStatus { get; set; }
        public virtual Customer Customer { get; set; }
    }

    public partial class GetCustomerResponse
    {
        public virtual Customer Customer { get; set; }
    }

    public partial class CreatePersonResponse
    {
        public virtual string PersonId { get; set; }
    }

    [Route("/customers", "POST")]
    [ValidateIsAuthenticated]
    [ValidateHasRole("manager")]
    public partial class CreateCustomerRequest
        : PostOperationTenanted<CreateCustomerResponse>, IReturn<CreateCustomerResponse>
    {
        public virtual string Email { get; set; }
    }

    [Route("/customers/{Id}", "GET")]
    [Route("/customers/by-email/{Email}", "GET")]
    [ValidateIsAuthenticated]
    public partial class GetCustomerRequest
        : IReturn<GetCustomerResponse>, IGet
    {
        public virtual string Id { get; set; }
        public virtual string Email { get; set; }
    }

    [Route("/persons", "POST")]
    public partial class CreatePersonRequest
        : PostOperationUnTenanted<CreatePersonResponse>
    {
        public virtual string UserAccountId { get; set; }
    }

    [ValidateHasRole("admin")]
    public partial class ArchiveCustomerRequest
        : IReturnVoid, IPost, ITenantedRequest
    {
        public virtual string Id { get; set; }
        public virtual string OrganisationId { get; set; }
    }
}
`;

const NS = 'Billiecart.ServiceModel';
const s = (name: string) => ({ name, type: 'String', namespace: 'System', isSystemType: true });
const POST_IFACES = [
  { name: 'IReturn`1', namespace: 'ServiceStack', genericArgs: ['TResponse'] },
  { name: 'IPost', namespace: 'ServiceStack' },
];

/** `/types/metadata` of the same API. */
const METADATA = {
  config: { baseUrl: 'https://staging-api.billiecart.com.au' },
  namespaces: ['System', 'ServiceStack', NS],
  types: [
    {
      name: 'PostOperationUnTenanted`1',
      namespace: NS,
      genericArgs: ['TResponse'],
      isGenericTypeDef: true,
      implements: POST_IFACES,
      properties: [],
    },
    {
      name: 'PostOperationTenanted`1',
      namespace: NS,
      genericArgs: ['TResponse'],
      isGenericTypeDef: true,
      inherits: { name: 'PostOperationUnTenanted`1', genericArgs: ['TResponse'] },
      implements: [{ name: 'ITenantedRequest', namespace: NS }],
      properties: [s('OrganisationId')],
    },
    {
      name: 'OrderStatus',
      namespace: NS,
      isEnum: true,
      enumNames: ['Pending', 'Paid', 'OnHold'],
      enumValues: ['0', '1', '2'],
    },
    {
      name: 'Order',
      namespace: NS,
      properties: [
        { name: 'Id', type: 'Int64', isValueType: true, isSystemType: true },
        { name: 'Status', type: 'OrderStatus', isValueType: true, isEnum: true },
        { name: 'Quantity', type: 'Nullable`1', genericArgs: ['Int32'], isValueType: true, isSystemType: true },
      ],
    },
    { name: 'BankAccount', namespace: NS, properties: [s('BsbNumber'), s('AccountNumber')] },
    {
      name: 'Customer',
      namespace: NS,
      properties: [
        s('Id'),
        s('FirstName'),
        { name: 'DateOfBirth', type: 'Nullable`1', genericArgs: ['DateTime'], isValueType: true, isSystemType: true },
        { name: 'BankAccount', type: 'BankAccount', namespace: NS },
        { name: 'Orders', type: 'List`1', genericArgs: ['Order'], namespace: 'System.Collections.Generic' },
      ],
    },
  ],
  operations: [
    {
      request: {
        name: 'CreateCustomerRequest',
        namespace: NS,
        inherits: { name: 'PostOperationTenanted`1', genericArgs: ['CreateCustomerResponse'] },
        properties: [s('Email')],
      },
      response: {
        name: 'CreateCustomerResponse',
        namespace: NS,
        properties: [
          { name: 'ResponseStatus', type: 'ResponseStatus', namespace: 'ServiceStack' },
          { name: 'Customer', type: 'Customer' },
        ],
      },
      actions: ['POST'],
      method: 'POST',
      routes: [{ path: '/customers', verbs: 'POST' }],
      requiresAuth: true,
      requiredRoles: ['manager'],
    },
    {
      request: { name: 'GetCustomerRequest', namespace: NS, properties: [s('Id'), s('Email')] },
      response: { name: 'GetCustomerResponse', namespace: NS, properties: [{ name: 'Customer', type: 'Customer' }] },
      actions: ['GET'],
      method: 'GET',
      requiresAuth: true,
      routes: [
        { path: '/customers/{Id}', verbs: 'GET' },
        { path: '/customers/by-email/{Email}', verbs: 'GET' },
      ],
    },
    {
      request: {
        name: 'CreatePersonRequest',
        namespace: NS,
        inherits: { name: 'PostOperationUnTenanted`1', genericArgs: ['CreatePersonResponse'] },
        properties: [s('UserAccountId')],
      },
      response: { name: 'CreatePersonResponse', namespace: NS, properties: [s('PersonId')] },
      actions: ['POST'],
      method: 'POST',
      routes: [{ path: '/persons', verbs: 'POST' }],
    },
    {
      request: {
        name: 'ArchiveCustomerRequest',
        namespace: NS,
        implements: [{ name: 'ITenantedRequest', namespace: NS }],
        properties: [s('Id'), s('OrganisationId')],
      },
      actions: ['POST'],
      method: 'POST',
      returnsVoid: true,
      requiredRoles: ['admin'],
    },
  ],
};

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'ssmock-dto-file-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes `<tmp>/billiecart/docs/<name>` and derives it into `<tmp>/schemas`. */
const derive = (name: string, text: string, api?: string) => {
  const docs = path.join(tmp, 'billiecart', 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, name), text);
  return deriveSchemas({ inputs: [docs], out: path.join(tmp, 'schemas'), api });
};
const read = <T>(...parts: string[]): T => JSON.parse(readFileSync(path.join(tmp, 'schemas', ...parts), 'utf8')) as T;
const noAuth = { required: false, roles: [], anyRoles: [], permissions: [], anyPermissions: [] };

const EXPECTED: Record<string, Partial<OperationManifest>> = {
  ArchiveCustomerRequest: {
    routes: [],
    primaryVerb: 'POST',
    auth: { ...noAuth, required: true, roles: ['admin'], style: 'validator' },
    tenantProperty: 'organisationId',
    response: null,
  },
  CreateCustomerRequest: {
    routes: [{ path: '/customers', verbs: ['POST'] }],
    primaryVerb: 'POST',
    auth: { ...noAuth, required: true, roles: ['manager'], style: 'validator' },
    tenantProperty: 'organisationId',
    response: 'CreateCustomerResponse',
  },
  CreatePersonRequest: {
    routes: [{ path: '/persons', verbs: ['POST'] }],
    primaryVerb: 'POST',
    auth: noAuth,
    tenantProperty: null,
    response: 'CreatePersonResponse',
  },
  GetCustomerRequest: {
    routes: [
      { path: '/customers/{Id}', verbs: ['GET'] },
      { path: '/customers/by-email/{Email}', verbs: ['GET'] },
    ],
    primaryVerb: 'GET',
    auth: { ...noAuth, required: true, style: 'validator' },
    tenantProperty: null,
    response: 'GetCustomerResponse',
  },
};

describe.each([
  // TypeScript prints every .NET number as `number`, so its integers are read as doubles.
  ['a bare dtos.ts (/types/typescript)', 'dtos.ts', DTOS_TS, 'number'],
  ['the /types/metadata JSON', 'metadata.json', JSON.stringify(METADATA, null, 2), 'integer'],
  ['a bare dtos.cs (/types/csharp)', 'dtos.cs', DTOS_CS, 'integer'],
])('deriveSchemas from %s', (_what, file, text, numberType) => {
  it('writes a manifest with every operation, its routes, verb, auth, tenant and response', () => {
    const result = derive(file, text);
    expect(result.diagnostics).toEqual([]);
    const manifest = read<ApiManifest>('billiecart', 'manifest.json');
    expect(manifest.api).toBe('billiecart');
    // Generic bases (PostOperationTenanted<TResponse>) are never operations.
    expect(manifest.operations.map((o) => o.name)).toEqual(Object.keys(EXPECTED));
    for (const op of manifest.operations) {
      expect(op).toMatchObject({ ...EXPECTED[op.name], request: op.name, sources: [`docs/${file}`] });
    }
    const get = manifest.operations.find((o) => o.name === 'GetCustomerRequest');
    expect(get?.parameters).toEqual({ id: 'path', email: 'path' });
  });

  it('writes schemas with inherited, list, enum and nullable properties', () => {
    derive(file, text);
    const request = read<JsonSchema>('billiecart', 'types', 'CreateCustomerRequest.json');
    expect(Object.keys(request.properties ?? {})).toEqual(['email', 'organisationId']);
    expect(request['x-inherits']).toBe('PostOperationTenanted');
    const customer = read<JsonSchema>('billiecart', 'types', 'Customer.json');
    expect(Object.keys(customer.properties ?? {})).toEqual(['id', 'firstName', 'dateOfBirth', 'bankAccount', 'orders']);
    expect(customer.properties?.['orders']).toEqual({ type: 'array', items: { $ref: 'Order.json' } });
    expect(customer.properties?.['bankAccount']).toEqual({ $ref: 'BankAccount.json' });
    const order = read<JsonSchema>('billiecart', 'types', 'Order.json');
    expect(order.properties?.['status']).toEqual({ $ref: 'OrderStatus.json' });
    expect(order.properties?.['quantity']).toMatchObject({ type: numberType, 'x-nullable': true });
    expect(read<JsonSchema>('billiecart', 'types', 'OrderStatus.json').enum).toEqual(['Pending', 'Paid', 'OnHold']);
    expect(read<ApiManifest>('billiecart', 'manifest.json').types).toEqual(
      [
        'BankAccount',
        'CreateCustomerRequest',
        'CreateCustomerResponse',
        'CreatePersonRequest',
        'CreatePersonResponse',
        'Customer',
        'ErrorResponse',
        'GetCustomerRequest',
        'GetCustomerResponse',
        'Order',
        'OrderStatus',
        'ResponseError',
        'ResponseStatus',
        'ArchiveCustomerRequest',
      ].sort(),
    );
  });
});

describe('deriveSchemas from a non-page file', () => {
  it('puts it in the --api given, wherever it lies', () => {
    const loose = path.join(tmp, 'loose');
    mkdirSync(loose);
    writeFileSync(path.join(loose, 'dtos.ts'), DTOS_TS);
    const result = deriveSchemas({ inputs: [loose], out: path.join(tmp, 'schemas'), api: 'shop' });
    expect(result.apis.map((a) => a.id)).toEqual(['shop']);
    expect(read<ApiManifest>('shop', 'manifest.json').operations).toHaveLength(4);
  });

  it('reports a file with no API id as one line and derives nothing', () => {
    const loose = path.join(tmp, 'loose');
    mkdirSync(loose);
    writeFileSync(path.join(loose, 'dtos.ts'), DTOS_TS);
    const result = deriveSchemas({ inputs: [loose], out: path.join(tmp, 'schemas') });
    expect(result.apis).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', file: path.join(loose, 'dtos.ts'), line: 1 });
    expect(result.diagnostics[0]?.message).toMatch(/--api/);
    expect(result.diagnostics[0]?.message).not.toMatch(/\n/);
  });

  it('reports malformed JSON at its line, whatever the file is called', () => {
    const result = derive(
      'metadata.txt',
      '{\n  "types": [],\n  "operations": [\n    { "request": { "name": "A" } }\n    { "request": { "name": "B" } }\n  ]\n}',
    );
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        file: path.join(tmp, 'billiecart', 'docs', 'metadata.txt'),
        line: 5,
        message: "expected the /types/metadata JSON; expected ',' or ']', found '{'",
      },
    ]);
  });

  it('reports text that is no DTO language', () => {
    const result = derive('notes.txt', 'Nothing to see here.\n');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]?.message).toMatch(/cannot tell the language/);
  });

  it('merges a bare DTO file and the metadata JSON of one API into the same operations', () => {
    const docs = path.join(tmp, 'billiecart', 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, 'dtos.ts'), DTOS_TS);
    writeFileSync(path.join(docs, 'metadata.json'), JSON.stringify(METADATA));
    const result = deriveSchemas({ inputs: [docs], out: path.join(tmp, 'schemas') });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ops = read<ApiManifest>('billiecart', 'manifest.json').operations;
    expect(ops.map((o) => [o.name, o.sources])).toEqual(
      Object.keys(EXPECTED).map((n) => [n, ['docs/dtos.ts', 'docs/metadata.json']]),
    );
    expect(ops.find((o) => o.name === 'CreateCustomerRequest')?.auth).toEqual(EXPECTED['CreateCustomerRequest']?.auth);
  });
});

describe('isJsonFile', () => {
  it.each([
    ['{ "types": [] }', 'metadata.txt', true],
    ['\uFEFF  {\n', 'types', true],
    ['[\n  { "name": "A" }\n]', 'x.txt', true],
    ['', 'metadata.json', true],
    ['[Route("/customers", "POST")]\npublic class CreateCustomerRequest {}', 'dtos.cs', false],
    ['/* Options:\nBaseUrl: https://x\n*/\nexport class A {}', 'dtos.ts', false],
    ['""" Options:\n"""', 'dtos.py', false],
  ])('%j in %s → %s', (text, file, expected) => expect(isJsonFile(text, file)).toBe(expected));
});

describe('a bare DTO file: where its operations are reported', () => {
  it("an AutoQuery request over an unknown table is reported at the request's own line", async () => {
    const text = [
      'using ServiceStack;',
      '',
      'namespace Acme;',
      '',
      '[Route("/rooms", "GET")]',
      'public class QueryRooms : QueryDb<Room> {}',
      '',
    ].join('\n');
    const result = await derive('dtos.cs', text);
    const warning = result.diagnostics.find((d) => d.severity === 'warning' && /Room/.test(d.message));
    expect(warning).toMatchObject({ file: expect.stringMatching(/dtos\.cs$/) as unknown, line: 6 });
  });
});
