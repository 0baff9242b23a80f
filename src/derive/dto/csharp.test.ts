import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseCSharpDtos } from './csharp.js';

// `/types/csharp?IncludeTypes=CreateCustomerRequest.*` as CSharpGenerator prints it (options header trimmed).
const BILLIECART = `/* Options:
Date: 2024-05-01 10:00:00
Version: 8.21
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

//MakePartial: True
//MakeVirtual: True
//AddNullableAnnotations: False
*/

using System;
using System.Collections.Generic;
using System.Runtime.Serialization;
using ServiceStack;
using ServiceStack.DataAnnotations;
using Billiecart.ServiceModel;

namespace Billiecart.ServiceModel
{
    public partial class BankAccount
    {
        public virtual string BsbNumber { get; set; }
        public virtual string AccountNumber { get; set; }
    }

    [Route("/customers", "POST")]
    [ValidateRequest("IsAuthenticated")]
    [ValidateHasRole("manager")]
    public partial class CreateCustomerRequest
        : PostOperationTenanted<CreateCustomerResponse>, IReturn<CreateCustomerResponse>
    {
        ///<summary>
        ///The customer's email address
        ///</summary>
        [ApiMember(Description="The customer's email address", IsRequired=true)]
        public virtual string Email { get; set; }
    }

    public partial class CreateCustomerResponse
    {
        public virtual ResponseStatus ResponseStatus { get; set; }
        public virtual Customer Customer { get; set; }
    }

    public partial class Customer
        : IIdentifiableResource
    {
        public virtual string Id { get; set; }
        public virtual string FirstName { get; set; }
        public virtual DateTime? DateOfBirth { get; set; }
        public virtual string AddressLine1 { get; set; }
        public virtual BankAccount BankAccount { get; set; }
        public virtual string UserAccountId { get; set; }
    }

    [Route("/customers/{Id}", "PUT")]
    public partial class UpdateCustomerRequest
        : PutOperationTenanted<UpdateCustomerResponse>, IReturn<UpdateCustomerResponse>
    {
        [Required]
        public virtual string Id { get; set; }
    }

    public partial class PostOperationTenanted<TResponse>
        : PostOperationUnTenanted<TResponse>, ITenantedRequest
    {
        public virtual string OrganisationId { get; set; }
    }

    public partial class PostOperationUnTenanted<TResponse>
        : IReturn<TResponse>, IPost
    {
    }
}
`;

// servicestack-home's Customer/Order/SkuType, a QueryResponse<T> and a few C# forms the generator does not use.
const HOME = `#nullable enable
namespace ServiceStack.Home;

/// <summary>
/// A customer account
/// </summary>
[Route("/Customer")]
[Route("/Customer/{Id}", "GET,PUT")]
[Authenticate]
[RequiredPermission("customers.read")]
public partial class Customer : IAddress
{
    public int Id { get; set; }
    public string? Email { get; set; }
    public DateTime CreatedDate { get; set; }
    public bool IsReferrer { get; set; }
    public List<Order> Orders { get; set; } = new();
    public Dictionary<string, string> Meta { get; set; } = new Dictionary<string, string>{};
    public required string DisplayName { get; init; }
    public string FullName => DisplayName;
    public static string Table = "Customer";
    public Customer() {}
}

public class Order : IAddress
{
    public int Id { get; set; }
    public int? AuthorizedQuantity { get; set; }
    public SkuType SkuType { get; set; }
    public SkuType? PreviousSkuType { get; set; }
    [ValidateNotEmpty]
    public string ProductName { get; set; }
    public byte[] Receipt { get; set; }
    public Guid Ref { get; set; }
}

public enum SkuType
{
    Product,
    PerDev,
    [EnumMember(Value="per-core")]
    PerCore,
    Site = 10,
}

[DataContract]
public partial class QueryResponse<T> : IHasResponseStatus, IMeta
{
    [DataMember(Order=1)]
    public virtual int Offset { get; set; }

    [DataMember(Order=2)]
    public virtual int Total { get; set; }

    [DataMember(Order=3)]
    public virtual List<T> Results { get; set; } = [];

    [DataMember(Order=4)]
    public virtual Dictionary<string, string> Meta { get; set; }

    [DataMember(Order=5)]
    public virtual ResponseStatus ResponseStatus { get; set; }
}

[Route("/query/customers", "GET")]
public class QueryCustomers : QueryDb<Customer>, IReturn<QueryResponse<Customer>>
{
    public int[]? Ids { get; set; }
}
`;

const billie = parseCSharpDtos(BILLIECART, 'customers.dtos.cs', 1);
const home = parseCSharpDtos(HOME, 'home.dtos.cs', 1);

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
/** 1-based line of the first line containing `text`. */
const lineOf = (source: string, text: string, after = ''): number => {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => l.includes(after));
  return lines.findIndex((l, i) => i >= from && l.includes(text)) + 1;
};
const S: TypeRef = { kind: 'primitive', name: 'string' };
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseCSharpDtos', () => {
  it('parses every type in declaration order without diagnostics', () => {
    expect(billie.diagnostics).toEqual([]);
    expect(billie.types.map((t) => t.name)).toEqual([
      'BankAccount',
      'CreateCustomerRequest',
      'CreateCustomerResponse',
      'Customer',
      'UpdateCustomerRequest',
      'PostOperationTenanted',
      'PostOperationUnTenanted',
    ]);
    expect(home.diagnostics).toEqual([]);
    expect(home.types.map((t) => t.name)).toEqual(['Customer', 'Order', 'SkuType', 'QueryResponse', 'QueryCustomers']);
  });

  it.each([
    // result, type, property, type, nullable, required, line
    ['billie', 'BankAccount', 'BsbNumber', S, true, false, lineOf(BILLIECART, ' BsbNumber {')],
    ['billie', 'CreateCustomerRequest', 'Email', S, true, true, lineOf(BILLIECART, ' Email {')],
    [
      'billie',
      'CreateCustomerResponse',
      'ResponseStatus',
      named('ResponseStatus'),
      true,
      false,
      lineOf(BILLIECART, ' ResponseStatus {'),
    ],
    [
      'billie',
      'Customer',
      'DateOfBirth',
      { kind: 'primitive', name: 'datetime' },
      true,
      false,
      lineOf(BILLIECART, ' DateOfBirth {'),
    ],
    ['billie', 'Customer', 'BankAccount', named('BankAccount'), true, false, lineOf(BILLIECART, ' BankAccount {')],
    [
      'billie',
      'UpdateCustomerRequest',
      'Id',
      S,
      true,
      true,
      lineOf(BILLIECART, ' Id {', 'class UpdateCustomerRequest'),
    ],
    ['billie', 'PostOperationTenanted', 'OrganisationId', S, true, false, lineOf(BILLIECART, ' OrganisationId {')],
    ['home', 'Customer', 'Id', { kind: 'primitive', name: 'int' }, false, false, lineOf(HOME, ' Id {')],
    ['home', 'Customer', 'Email', S, true, false, lineOf(HOME, ' Email {')],
    [
      'home',
      'Customer',
      'CreatedDate',
      { kind: 'primitive', name: 'datetime' },
      false,
      false,
      lineOf(HOME, ' CreatedDate {'),
    ],
    ['home', 'Customer', 'Orders', { kind: 'list', of: named('Order') }, true, false, lineOf(HOME, ' Orders {')],
    ['home', 'Customer', 'Meta', { kind: 'map', key: S, value: S }, true, false, lineOf(HOME, ' Meta {')],
    ['home', 'Customer', 'DisplayName', S, true, true, lineOf(HOME, ' DisplayName {')],
    [
      'home',
      'Order',
      'AuthorizedQuantity',
      { kind: 'primitive', name: 'int' },
      true,
      false,
      lineOf(HOME, ' AuthorizedQuantity {'),
    ],
    ['home', 'Order', 'SkuType', named('SkuType'), false, false, lineOf(HOME, ' SkuType {', 'class Order')],
    ['home', 'Order', 'PreviousSkuType', named('SkuType'), true, false, lineOf(HOME, ' PreviousSkuType {')],
    ['home', 'Order', 'ProductName', S, true, true, lineOf(HOME, ' ProductName {')],
    ['home', 'Order', 'Receipt', { kind: 'primitive', name: 'bytes' }, true, false, lineOf(HOME, ' Receipt {')],
    ['home', 'Order', 'Ref', { kind: 'primitive', name: 'guid' }, false, false, lineOf(HOME, ' Ref {')],
    ['home', 'QueryResponse', 'Results', { kind: 'list', of: named('T') }, true, false, lineOf(HOME, ' Results {')],
    [
      'home',
      'QueryCustomers',
      'Ids',
      { kind: 'list', of: { kind: 'primitive', name: 'int' } },
      true,
      false,
      lineOf(HOME, ' Ids {'),
    ],
  ] as const)('%s: %s.%s', (src, typeName, prop, t, nullable, required, line) => {
    const p = type(src === 'billie' ? billie : home, typeName).properties.find((x) => x.name === prop);
    expect(p).toMatchObject({ type: t, nullable, required, line });
  });

  it('keeps only instance data members (no computed, static or constructor members)', () => {
    expect(type(home, 'Customer').properties.map((p) => p.name)).toEqual([
      'Id',
      'Email',
      'CreatedDate',
      'IsReferrer',
      'Orders',
      'Meta',
      'DisplayName',
    ]);
  });

  it.each([
    ['CreateCustomerRequest', { name: 'PostOperationTenanted', args: [named('CreateCustomerResponse')] }, ['IReturn']],
    ['PostOperationTenanted', { name: 'PostOperationUnTenanted', args: [named('TResponse')] }, ['ITenantedRequest']],
    ['PostOperationUnTenanted', undefined, ['IReturn', 'IPost']],
    ['Customer', undefined, ['IIdentifiableResource']],
  ] as const)('%s inherits and implements', (name, inherits, interfaces) => {
    const t = type(billie, name);
    expect(t.inherits).toEqual(inherits);
    expect(t.implements?.map((i) => i.name)).toEqual(interfaces);
  });

  it('reads generic parameters and generic interface arguments', () => {
    expect(type(billie, 'PostOperationTenanted').genericParams).toEqual(['TResponse']);
    expect(type(home, 'QueryResponse').genericParams).toEqual(['T']);
    expect(type(home, 'QueryCustomers').implements).toEqual([
      { name: 'IReturn', args: [named('QueryResponse', [named('Customer')])] },
    ]);
    expect(type(home, 'QueryCustomers').inherits).toEqual({ name: 'QueryDb', args: [named('Customer')] });
  });

  it('reads routes, auth, namespace and descriptions', () => {
    const create = type(billie, 'CreateCustomerRequest');
    expect(create.routes).toEqual([{ path: '/customers', verbs: ['POST'] }]);
    expect(create.auth).toEqual({ required: true, roles: ['manager'], style: 'validator' });
    expect(create.namespace).toBe('Billiecart.ServiceModel');
    expect(create.properties[0]?.description).toBe("The customer's email address");
    expect(type(billie, 'BankAccount').auth).toBeUndefined();

    const customer = type(home, 'Customer');
    expect(customer.routes).toEqual([
      { path: '/Customer', verbs: [] },
      { path: '/Customer/{Id}', verbs: ['GET', 'PUT'] },
    ]);
    expect(customer.auth).toEqual({ required: true, permissions: ['customers.read'], style: 'attribute' });
    expect(customer.namespace).toBe('ServiceStack.Home');
    expect(customer.description).toBe('A customer account');
  });

  it('reads enum members, with [EnumMember] values', () => {
    expect(type(home, 'SkuType')).toMatchObject({
      kind: 'enum',
      enumValues: ['Product', 'PerDev', 'per-core', 'Site'],
    });
  });

  it.each([
    ['an unterminated class', 'public class Broken\n{\n    public string Name { get; set; }\n', "expected '}'", 2],
    ['a member that is not a declaration', 'public class Odd\n{\n    42;\n}\n', 'expected a property declaration', 3],
    [
      'a stray top-level token',
      'namespace A\n{\n    banana;\n}\n',
      'expected a namespace, class, interface or enum',
      3,
    ],
    ['a stray closing brace', 'public class A { }\n}\n', "unexpected '}'", 2],
    [
      'an unparseable property type',
      'public class A\n{\n    public List<> Items { get; set; }\n}\n',
      'expected a type',
      3,
    ],
  ])('reports %s and carries on', (_what, source, message, line) => {
    const r = parseCSharpDtos(`${source}public class After { public int X { get; set; } }\n`, 'bad.cs', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', file: 'bad.cs', line, message: expect.stringContaining(message) }),
      ]),
    );
    expect(r.types.map((t) => t.name)).toContain('After');
  });

  it('counts lines from firstLine', () => {
    const r = parseCSharpDtos('public class A\n{\n    public int X { get; set; }\n}', 'page.html', 40);
    expect(r.types[0]).toMatchObject({ line: 40, properties: [{ name: 'X', line: 42 }] });
  });
});
