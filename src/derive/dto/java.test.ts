import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseJavaDtos } from './java.js';

// `/types/java?IncludeTypes=CreateCustomerRequest.*` as JavaGenerator prints it (accessors on, options trimmed).
const BILLIECART = `/* Options:
Date: 2024-05-01 10:00:00
Version: 8.21
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

//Package: 
//GlobalNamespace: dtos
//AddPropertyAccessors: True
//SettersReturnThis: True
//DefaultImports: java.math.*,java.util.*,net.servicestack.client.*
*/

import java.math.*;
import java.util.*;
import net.servicestack.client.*;

public class dtos
{

    @Route(Path="/customers", Verbs="POST")
    @ValidateRequest(Validator="IsAuthenticated")
    // @ValidateRequest(Validator="HasRole(\`manager\`)")
    public static class CreateCustomerRequest extends PostOperationTenanted<CreateCustomerResponse> implements IReturn<CreateCustomerResponse>
    {
        /**
        * The customer's email address
        */
        @ApiMember(Description="The customer's email address", IsRequired=true)
        public String email = null;
        
        public String getEmail() { return email; }
        public CreateCustomerRequest setEmail(String value) { this.email = value; return this; }
        private static Object responseType = CreateCustomerResponse.class;
        public Object getResponseType() { return responseType; }
    }

    public static class CreateCustomerResponse
    {
        public ResponseStatus responseStatus = null;
        public Customer customer = null;
        
        public ResponseStatus getResponseStatus() { return responseStatus; }
        public CreateCustomerResponse setResponseStatus(ResponseStatus value) { this.responseStatus = value; return this; }
        public Customer getCustomer() { return customer; }
        public CreateCustomerResponse setCustomer(Customer value) { this.customer = value; return this; }
    }

    public static class PostOperationTenanted<TResponse> extends PostOperationUnTenanted<TResponse> implements ITenantedRequest
    {
        public String organisationId = null;
        
        public String getOrganisationId() { return organisationId; }
        public PostOperationTenanted<TResponse> setOrganisationId(String value) { this.organisationId = value; return this; }
    }

    public static class PostOperationUnTenanted<TResponse> implements IReturn<TResponse>, IPost
    {
        
    }

    public static class Customer implements IIdentifiableResource
    {
        public String id = null;
        public String firstName = null;
        public Date dateOfBirth = null;
        public String addressLine1 = null;
        public BankAccount bankAccount = null;
        
        public String getId() { return id; }
        public Customer setId(String value) { this.id = value; return this; }
    }

    public static class BankAccount
    {
        public String bsbNumber = null;
        public String accountNumber = null;
    }

}
`;

// servicestack-home types, a QueryResponse<T>, a flags enum and a few hand-edited forms.
const HOME = `package net.servicestack.home;

import java.math.*;
import java.util.*;
import net.servicestack.client.*;
import com.google.gson.annotations.*;
import com.google.gson.reflect.*;

public class dtos
{

    @Route("/Customer")
    // @Route("/Customer/{Id}")
    @Authenticate()
    public static class Customer implements IAddress
    {
        public Integer id = null;
        public String email = null;
        public Date createdDate = null;
        public Boolean isReferrer = null;
        public ArrayList<Order> orders = null;
        public HashMap<String,String> meta = null;
    }

    public static class Order implements IAddress
    {
        public Integer id = null;
        public Integer authorizedQuantity = null;
        public SkuType skuType = null;
        @SerializedName("private") public Boolean Private = null;
        public BigDecimal total = null;
        public UUID ref = null;
        public byte[] receipt = null;
        public int version = 0;
        @Required()
        public String productName = null;
        @Validate(Validator="NotEmpty")
        public String licenseRef = null;
    }

    public static enum SkuType
    {
        Product,
        PerDev,
        PerCore,
        Site;
    }

    public static enum Permissions
    {
        @SerializedName("1") Read(1),
        @SerializedName("2") Write(2);

        private final int value;
        Permissions(final int intValue) { value = intValue; }
        public int getValue() { return value; }
    }

    public static class QueryResponse<T>
    {
        public Integer offset = null;
        public Integer total = null;
        public ArrayList<T> results = null;
        public HashMap<String,String> meta = null;
        public ResponseStatus responseStatus = null;
    }

    @Route(Path="/query/customers", Verbs="GET")
    public static class QueryCustomers extends QueryDb<Customer> implements IReturn<QueryResponse<Customer>>
    {
        public ArrayList<Integer> ids = null;
        private static Object responseType = new TypeToken<QueryResponse<Customer>>(){}.getType();
        public Object getResponseType() { return responseType; }
    }

    public static class GetReceipt implements IGet
    {
        public Integer orderId = null;
        private static Object responseType = byte[].class;
    }

    public static interface IAddress
    {
    }

}
`;

const billie = parseJavaDtos(BILLIECART, 'dtos.java', 1);
const home = parseJavaDtos(HOME, 'home.java', 1);
const results: Record<string, DtoParseResult> = { billie, home };
const sources: Record<string, string> = { billie: BILLIECART, home: HOME };

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const lineOf = (source: string, text: string): number => source.split('\n').findIndex((l) => l.includes(text)) + 1;
const S: TypeRef = { kind: 'primitive', name: 'string' };
const P = (name: 'int' | 'datetime' | 'bool' | 'decimal' | 'guid' | 'bytes'): TypeRef => ({ kind: 'primitive', name });
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseJavaDtos', () => {
  it('flattens the dtos container and keeps declaration order', () => {
    expect(billie.diagnostics).toEqual([]);
    expect(billie.types.map((t) => t.name)).toEqual([
      'CreateCustomerRequest',
      'CreateCustomerResponse',
      'PostOperationTenanted',
      'PostOperationUnTenanted',
      'Customer',
      'BankAccount',
    ]);
    expect(home.diagnostics).toEqual([]);
    expect(home.types.map((t) => t.name)).toEqual([
      'Customer',
      'Order',
      'SkuType',
      'Permissions',
      'QueryResponse',
      'QueryCustomers',
      'GetReceipt',
      'IAddress',
    ]);
  });

  it.each([
    // source, type, property, field text, type, nullable, required
    ['billie', 'CreateCustomerRequest', 'Email', 'String email', S, true, true],
    [
      'billie',
      'CreateCustomerResponse',
      'ResponseStatus',
      'ResponseStatus responseStatus',
      named('ResponseStatus'),
      true,
      false,
    ],
    ['billie', 'PostOperationTenanted', 'OrganisationId', 'String organisationId', S, true, false],
    ['billie', 'Customer', 'DateOfBirth', 'Date dateOfBirth', P('datetime'), true, false],
    ['billie', 'Customer', 'AddressLine1', 'String addressLine1', S, true, false],
    ['billie', 'BankAccount', 'BsbNumber', 'String bsbNumber', S, true, false],
    ['home', 'Customer', 'Id', 'Integer id', P('int'), true, false],
    ['home', 'Customer', 'Orders', 'ArrayList<Order> orders', { kind: 'list', of: named('Order') }, true, false],
    ['home', 'Customer', 'Meta', 'HashMap<String,String> meta', { kind: 'map', key: S, value: S }, true, false],
    ['home', 'Order', 'AuthorizedQuantity', 'Integer authorizedQuantity', P('int'), true, false],
    ['home', 'Order', 'SkuType', 'SkuType skuType', named('SkuType'), true, false],
    ['home', 'Order', 'Private', 'Boolean Private', P('bool'), true, false],
    ['home', 'Order', 'Total', 'BigDecimal total', P('decimal'), true, false],
    ['home', 'Order', 'Ref', 'UUID ref', P('guid'), true, false],
    ['home', 'Order', 'Receipt', 'byte[] receipt', P('bytes'), true, false],
    ['home', 'Order', 'Version', 'int version', P('int'), false, false],
    ['home', 'Order', 'ProductName', 'String productName', S, true, true],
    ['home', 'Order', 'LicenseRef', 'String licenseRef', S, true, true],
    ['home', 'QueryResponse', 'Results', 'ArrayList<T> results', { kind: 'list', of: named('T') }, true, false],
  ] as const)('%s: %s.%s', (src, typeName, prop, text, t, nullable, required) => {
    const p = type(results[src] as DtoParseResult, typeName).properties.find((x) => x.name === prop);
    expect(p).toMatchObject({ type: t, nullable, required, line: lineOf(sources[src] as string, text) });
  });

  it('skips getters, setters and static fields', () => {
    expect(type(billie, 'CreateCustomerRequest').properties.map((p) => p.name)).toEqual(['Email']);
    expect(type(billie, 'CreateCustomerResponse').properties.map((p) => p.name)).toEqual([
      'ResponseStatus',
      'Customer',
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

  it('reads the response type from IReturn<T> and from responseType', () => {
    expect(type(billie, 'CreateCustomerRequest').implements).toEqual([
      { name: 'IReturn', args: [named('CreateCustomerResponse')] },
    ]);
    expect(type(home, 'QueryCustomers').implements).toEqual([
      { name: 'IReturn', args: [named('QueryResponse', [named('Customer')])] },
    ]);
    expect(type(home, 'GetReceipt').implements).toEqual([{ name: 'IGet' }, { name: 'IReturn', args: [P('bytes')] }]);
    expect(type(home, 'QueryResponse').genericParams).toEqual(['T']);
  });

  it('reads routes (annotations and commented repeats) and auth', () => {
    const create = type(billie, 'CreateCustomerRequest');
    expect(create.routes).toEqual([{ path: '/customers', verbs: ['POST'] }]);
    expect(create.auth).toEqual({ required: true, roles: ['manager'], style: 'validator' });
    expect(create.properties[0]?.description).toBe("The customer's email address");
    expect(type(home, 'Customer')).toMatchObject({
      routes: [
        { path: '/Customer', verbs: [] },
        { path: '/Customer/{Id}', verbs: [] },
      ],
      auth: { required: true },
    });
    expect(type(home, 'QueryCustomers').routes).toEqual([{ path: '/query/customers', verbs: ['GET'] }]);
    expect(type(home, 'Order').auth).toBeUndefined();
  });

  it('reads enums, with @SerializedName values', () => {
    expect(type(home, 'SkuType')).toMatchObject({ kind: 'enum', enumValues: ['Product', 'PerDev', 'PerCore', 'Site'] });
    expect(type(home, 'Permissions').enumValues).toEqual(['1', '2']);
    expect(type(home, 'IAddress').kind).toBe('interface');
  });

  it.each([
    ['an unterminated class', 'public static class Broken\n{\n    public String name = null;\n', "expected '}'", 2],
    [
      'a member that is not a declaration',
      'public static class Odd\n{\n    + 1;\n}\n',
      'expected a field declaration',
      3,
    ],
    ['a stray top-level token', 'banana;\n', 'expected a class, interface or enum', 1],
    [
      'an unparseable field type',
      'public static class A\n{\n    public ArrayList<> xs = null;\n}\n',
      'expected a type',
      3,
    ],
  ])('reports %s and carries on', (_what, source, message, line) => {
    const r = parseJavaDtos(`${source}public static class After { public Integer x = null; }\n`, 'bad.java', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'error',
          file: 'bad.java',
          line,
          message: expect.stringContaining(message),
        }),
      ]),
    );
    expect(r.types.map((t) => t.name)).toContain('After');
  });
});
