import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseTypeScriptDtos } from './typescript.js';

// `/types/typescript?IncludeTypes=CreateCustomerRequest.*` as TypeScriptGenerator prints it.
const BILLIECART = `/* Options:
Date: 2024-05-01 10:00:00
Version: 8.21
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

//GlobalNamespace: 
//MakePropertiesOptional: False
//AddServiceStackTypes: True
//IncludeTypes: CreateCustomerRequest.*
*/


export interface IReturn<T>
{
    createResponse(): T;
}

export interface IPost
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

export class BankAccount
{
    public bsbNumber?: string;
    public accountNumber?: string;

    public constructor(init?: Partial<BankAccount>) { (Object as any).assign(this, init); }
}

export class Customer implements IIdentifiableResource
{
    public id?: string;
    public firstName?: string;
    public dateOfBirth?: string;
    public addressLine1?: string;
    public bankAccount?: BankAccount;
    public userAccountId?: string;

    public constructor(init?: Partial<Customer>) { (Object as any).assign(this, init); }
}

export class CreateCustomerResponse
{
    public responseStatus?: ResponseStatus;
    public customer?: Customer;

    public constructor(init?: Partial<CreateCustomerResponse>) { (Object as any).assign(this, init); }
}

// @Route("/customers", "POST")
// @ValidateRequest(Validator="IsAuthenticated")
// @ValidateRequest(Validator="HasRole(\`manager\`)")
export class CreateCustomerRequest extends PostOperationTenanted<CreateCustomerResponse> implements IReturn<CreateCustomerResponse>
{
    /**
    * The customer's email address
    */
    // @ApiMember(Description="The customer's email address", IsRequired=true)
    public email: string;

    public constructor(init?: Partial<CreateCustomerRequest>) { super(init); (Object as any).assign(this, init); }
    public getTypeName() { return 'CreateCustomerRequest'; }
    public getMethod() { return 'POST'; }
    public createResponse() { return new CreateCustomerResponse(); }
}
`;

// servicestack-home's Customer/Order/SkuType, a QueryResponse<T> and the enum forms.
const HOME = `export enum SkuType
{
    Product = 'Product',
    PerDev = 'PerDev',
    PerCore = 'PerCore',
    Site = 'Site',
}

export type LicenseType = "Free" | "FreeIndividual" | "Indie";

export enum Permissions
{
    None = 0,
    Read = 1,
    Write = 2,
}

export class Order implements IAddress
{
    public id: number;
    public productName?: string;
    public agreeTerms: boolean;
    public authorizedQuantity?: number;
    public createdDate: string;
    public skuType?: SkuType;
    public orderDetails?: OrderDetail[];
    public meta?: { [index:string]: string; };
    public notes: string|null;

    public constructor(init?: Partial<Order>) { (Object as any).assign(this, init); }
}

// @Route("/Customer")
// @Route("/Customer/{Id}")
export class Customer implements IAddress
{
    public id: number;
    public email?: string;
    public isReferrer: boolean;
    public orders?: Order[];
    public subscriptions: Subscription[] = [];

    public constructor(init?: Partial<Customer>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'Customer'; }
    public getMethod() { return 'POST'; }
    public createResponse() {}
}

// @DataContract
export class QueryResponse<T>
{
    // @DataMember(Order=1)
    public offset: number;

    // @DataMember(Order=3)
    public results: T[];

    // @DataMember(Order=4)
    public meta?: { [index:string]: string; };

    public constructor(init?: Partial<QueryResponse<T>>) { (Object as any).assign(this, init); }
}

// @Route("/query/customers", "GET")
export class QueryCustomers extends QueryDb<Customer> implements IReturn<QueryResponse<Customer>>, IGet
{
    public ids?: number[];

    public constructor(init?: Partial<QueryCustomers>) { super(init); (Object as any).assign(this, init); }
    public getTypeName() { return 'QueryCustomers'; }
    public getMethod() { return 'GET'; }
    public createResponse() { return new QueryResponse<Customer>(); }
}
`;

// The `.d.ts` flavour (ExportAsTypes=false): interfaces only, one-line members.
const DTS = `declare module dtos {
    interface Hello extends IReturn<HelloResponse>, IGet { name?: string; count: number; }
    interface HelloResponse { result?: string; }
    interface IReturn<T> { }
    interface QueryDb<T> extends QueryBase { }
    interface QueryOrders extends QueryDb<Order>, IReturn<QueryResponse<Order>> { skuType?: SkuType; }
}
`;

const billie = parseTypeScriptDtos(BILLIECART, 'dtos.ts', 1);
const home = parseTypeScriptDtos(HOME, 'home.dtos.ts', 1);
const results: Record<string, DtoParseResult> = { billie, home };
const sources: Record<string, string> = { billie: BILLIECART, home: HOME };

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const lineOf = (source: string, text: string): number => source.split('\n').findIndex((l) => l.includes(text)) + 1;
const S: TypeRef = { kind: 'primitive', name: 'string' };
const D: TypeRef = { kind: 'primitive', name: 'double' };
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseTypeScriptDtos', () => {
  it('parses every declaration in order without diagnostics', () => {
    expect(billie.diagnostics).toEqual([]);
    expect(billie.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'interface IReturn',
      'interface IPost',
      'interface ITenantedRequest',
      'class PostOperationUnTenanted',
      'class PostOperationTenanted',
      'class BankAccount',
      'class Customer',
      'class CreateCustomerResponse',
      'class CreateCustomerRequest',
    ]);
    expect(home.diagnostics).toEqual([]);
  });

  it.each([
    // source, type, property, declaration text, type, nullable, required
    ['billie', 'ITenantedRequest', 'OrganisationId', 'organisationId?: string', S, true, false],
    ['billie', 'PostOperationTenanted', 'OrganisationId', 'public organisationId?', S, true, false],
    ['billie', 'BankAccount', 'BsbNumber', 'bsbNumber?', S, true, false],
    ['billie', 'Customer', 'BankAccount', 'bankAccount?', named('BankAccount'), true, false],
    ['billie', 'CreateCustomerRequest', 'Email', 'public email', S, false, true],
    ['home', 'Order', 'Id', 'public id', D, false, false],
    ['home', 'Order', 'AuthorizedQuantity', 'authorizedQuantity?', D, true, false],
    ['home', 'Order', 'SkuType', 'skuType?', named('SkuType'), true, false],
    ['home', 'Order', 'OrderDetails', 'orderDetails?', { kind: 'list', of: named('OrderDetail') }, true, false],
    ['home', 'Order', 'Meta', 'meta?', { kind: 'map', key: S, value: S }, true, false],
    ['home', 'Order', 'Notes', 'notes', S, true, false],
    ['home', 'Customer', 'Orders', 'orders?', { kind: 'list', of: named('Order') }, true, false],
    ['home', 'Customer', 'Subscriptions', 'subscriptions', { kind: 'list', of: named('Subscription') }, false, false],
    ['home', 'QueryResponse', 'Results', 'results', { kind: 'list', of: named('T') }, false, false],
    ['home', 'QueryCustomers', 'Ids', 'ids?', { kind: 'list', of: D }, true, false],
  ] as const)('%s: %s.%s', (src, typeName, prop, text, t, nullable, required) => {
    const p = type(results[src] as DtoParseResult, typeName).properties.find((x) => x.name === prop);
    expect(p).toMatchObject({ type: t, nullable, required, line: lineOf(sources[src] as string, text) });
  });

  it('skips constructors and methods', () => {
    expect(type(billie, 'CreateCustomerRequest').properties.map((p) => p.name)).toEqual(['Email']);
    expect(type(billie, 'IReturn').properties).toEqual([]);
    expect(type(home, 'Customer').properties.map((p) => p.name)).toEqual([
      'Id',
      'Email',
      'IsReferrer',
      'Orders',
      'Subscriptions',
    ]);
  });

  it.each([
    ['CreateCustomerRequest', { name: 'PostOperationTenanted', args: [named('CreateCustomerResponse')] }, ['IReturn']],
    ['PostOperationTenanted', { name: 'PostOperationUnTenanted', args: [named('TResponse')] }, ['ITenantedRequest']],
    ['PostOperationUnTenanted', undefined, ['IReturn', 'IPost']],
    ['Customer', undefined, ['IIdentifiableResource']],
  ] as const)('%s extends and implements', (name, inherits, interfaces) => {
    const t = type(billie, name);
    expect(t.inherits).toEqual(inherits);
    expect(t.implements?.map((i) => i.name)).toEqual(interfaces);
  });

  it('reads generics, routes, auth and descriptions', () => {
    expect(type(billie, 'PostOperationTenanted').genericParams).toEqual(['TResponse']);
    const create = type(billie, 'CreateCustomerRequest');
    expect(create.routes).toEqual([{ path: '/customers', verbs: ['POST'] }]);
    expect(create.auth).toEqual({ required: true, roles: ['manager'], style: 'validator' });
    expect(create.properties[0]?.description).toBe("The customer's email address");
    expect(type(home, 'Customer').routes).toEqual([
      { path: '/Customer', verbs: [] },
      { path: '/Customer/{Id}', verbs: [] },
    ]);
    expect(type(home, 'QueryCustomers')).toMatchObject({
      inherits: { name: 'QueryDb', args: [named('Customer')] },
      implements: [{ name: 'IReturn', args: [named('QueryResponse', [named('Customer')])] }, { name: 'IGet' }],
      routes: [{ path: '/query/customers', verbs: ['GET'] }],
    });
    expect(type(home, 'Customer').auth).toBeUndefined();
  });

  it.each([
    ['SkuType', ['Product', 'PerDev', 'PerCore', 'Site']],
    ['LicenseType', ['Free', 'FreeIndividual', 'Indie']],
    ['Permissions', ['None', 'Read', 'Write']],
  ])('reads enum %s', (name, values) => {
    expect(type(home, name)).toMatchObject({ kind: 'enum', enumValues: values });
  });

  it('reads the .d.ts interface form: a DTO interface is a class, its extends list its base and interfaces', () => {
    const r = parseTypeScriptDtos(DTS, 'dtos.d.ts', 1);
    expect(r.diagnostics).toEqual([]);
    expect(type(r, 'Hello')).toMatchObject({
      kind: 'class',
      implements: [{ name: 'IReturn', args: [named('HelloResponse')] }, { name: 'IGet' }],
      properties: [
        { name: 'Name', nullable: true, line: 2 },
        { name: 'Count', nullable: false, type: D, line: 2 },
      ],
    });
    expect(type(r, 'IReturn')).toMatchObject({ kind: 'interface', genericParams: ['T'] });
    expect(type(r, 'QueryOrders')).toMatchObject({
      kind: 'class',
      inherits: { name: 'QueryDb', args: [named('Order')] },
      implements: [{ name: 'IReturn', args: [named('QueryResponse', [named('Order')])] }],
    });
  });

  it.each([
    ['an unterminated class', 'export class Broken\n{\n    public name?: string;\n', "expected '}'", 2],
    ['a member that is not a declaration', 'export class Odd\n{\n    42;\n}\n', 'expected a property declaration', 3],
    ['a stray statement', 'let x = 1;\n', 'expected a class, interface, enum or type declaration', 1],
    ['an unparseable property type', 'export class A\n{\n    public xs: Array<;\n}\n', 'expected a type', 3],
  ])('reports %s and carries on', (_what, source, message, line) => {
    const r = parseTypeScriptDtos(`${source}export class After { public x?: number; }\n`, 'bad.ts', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', file: 'bad.ts', line, message: expect.stringContaining(message) }),
      ]),
    );
  });
});
