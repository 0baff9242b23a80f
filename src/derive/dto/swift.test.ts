import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseSwiftDtos } from './swift.js';

// `/types/swift?IncludeTypes=CreateCustomerRequest.*` as SwiftGenerator prints it.
const BILLIECART = `/* Options:
Date: 2024-05-01 10:00:00
SwiftVersion: 5.0
Version: 8.21
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

//AddModelExtensions: True
//IncludeTypes: CreateCustomerRequest.*
//DefaultImports: Foundation,ServiceStack
*/

import Foundation
import ServiceStack

// @Route("/customers", "POST")
// @ValidateRequest(Validator="IsAuthenticated")
// @ValidateRequest(Validator="HasRole(\`manager\`)")
public class CreateCustomerRequest : PostOperationTenanted<CreateCustomerResponse>, IReturn
{
    public typealias Return = CreateCustomerResponse

    /**
    * The customer's email address
    */
    // @ApiMember(Description="The customer's email address", IsRequired=true)
    public var email:String?

    required public init(){ super.init() }

    private enum CodingKeys : String, CodingKey {
        case email
    }

    required public init(from decoder: Decoder) throws {
        try super.init(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        email = try container.decodeIfPresent(String.self, forKey: .email)
    }

    public override func encode(to encoder: Encoder) throws {
        try super.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        if email != nil { try container.encode(email, forKey: .email) }
    }
}

public class PostOperationTenanted<TResponse : Codable> : PostOperationUnTenanted<TResponse>, ITenantedRequest
{
    public var organisationId:String?

    required public init(){ super.init() }

    private enum CodingKeys : String, CodingKey {
        case organisationId
    }

    required public init(from decoder: Decoder) throws {
        try super.init(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organisationId = try container.decodeIfPresent(String.self, forKey: .organisationId)
    }

    public override func encode(to encoder: Encoder) throws {
        try super.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        if organisationId != nil { try container.encode(organisationId, forKey: .organisationId) }
    }
}

public class PostOperationUnTenanted<TResponse : Codable> : IReturn, IPost, Codable
{
    public typealias Return = TResponse

    required public init(){}
}

public class CreateCustomerResponse : Codable
{
    public var responseStatus:ResponseStatus?
    public var customer:Customer?

    required public init(){}
}

public class Customer : IIdentifiableResource, Codable
{
    public var id:String?
    public var firstName:String?
    public var dateOfBirth:Date?
    public var addressLine1:String?
    public var bankAccount:BankAccount?

    required public init(){}
}

public class BankAccount : Codable
{
    public var bsbNumber:String?
    public var accountNumber:String?

    required public init(){}
}

public protocol ITenantedRequest
{
    var organisationId:String? { get set }
}
`;

// servicestack-home's Customer/SkuType, a QueryResponse<T>, an Int enum and Swift-only forms.
const HOME = `import Foundation
import ServiceStack

public enum SkuType : String, Codable
{
    case Product
    case PerDev
    case PerCore
    case Site
}

public enum Permissions : Int, Codable
{
    case None = 0
    case Read = 1
    case Write = 2
}

// @Route("/Customer")
// @Route("/Customer/{Id}")
// @authenticate()
public class Customer : IAddress, Codable
{
    public var id:Int?
    public var email:String?
    public var createdDate:Date?
    @TimeSpan public var trialPeriod:TimeInterval?
    public var \`private\`:Bool?
    public var orders:[Order] = []
    public var meta:[String:String] = [:]
    public var receipt:[UInt8] = []
    //poco:IPoco ignored. Swift doesn't support interface properties

    required public init(){}
}

public class QueryResponse<T : Codable> : Codable
{
    public var offset:Int?
    public var results:[T] = []
    public var responseStatus:ResponseStatus?

    required public init(){}
}

// @Route("/query/customers", "GET")
public class QueryCustomers : QueryDb<Customer>, IReturn
{
    public typealias Return = QueryResponse<Customer>

    public var ids:[Int] = []

    required public init(){ super.init() }
}
`;

const billie = parseSwiftDtos(BILLIECART, 'dtos.swift', 1);
const home = parseSwiftDtos(HOME, 'home.swift', 1);
const results: Record<string, DtoParseResult> = { billie, home };
const sources: Record<string, string> = { billie: BILLIECART, home: HOME };

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const lineOf = (source: string, text: string): number => source.split('\n').findIndex((l) => l.includes(text)) + 1;
const S: TypeRef = { kind: 'primitive', name: 'string' };
const I: TypeRef = { kind: 'primitive', name: 'int' };
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseSwiftDtos', () => {
  it('parses every declaration in order, skipping Codable plumbing', () => {
    expect(billie.diagnostics).toEqual([]);
    expect(billie.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'class CreateCustomerRequest',
      'class PostOperationTenanted',
      'class PostOperationUnTenanted',
      'class CreateCustomerResponse',
      'class Customer',
      'class BankAccount',
      'interface ITenantedRequest',
    ]);
    expect(home.diagnostics).toEqual([]);
    expect(home.types.map((t) => t.name)).toEqual([
      'SkuType',
      'Permissions',
      'Customer',
      'QueryResponse',
      'QueryCustomers',
    ]);
  });

  it.each([
    ['billie', 'CreateCustomerRequest', 'Email', 'public var email', S, true, true],
    ['billie', 'PostOperationTenanted', 'OrganisationId', 'public var organisationId', S, true, false],
    ['billie', 'Customer', 'DateOfBirth', 'dateOfBirth', { kind: 'primitive', name: 'datetime' }, true, false],
    ['billie', 'Customer', 'BankAccount', 'bankAccount', named('BankAccount'), true, false],
    ['billie', 'ITenantedRequest', 'OrganisationId', '{ get set }', S, true, false],
    ['home', 'Customer', 'Id', 'var id', I, true, false],
    ['home', 'Customer', 'TrialPeriod', 'trialPeriod', { kind: 'primitive', name: 'timespan' }, true, false],
    ['home', 'Customer', 'Private', 'private', { kind: 'primitive', name: 'bool' }, true, false],
    ['home', 'Customer', 'Orders', 'orders', { kind: 'list', of: named('Order') }, false, false],
    ['home', 'Customer', 'Meta', 'meta', { kind: 'map', key: S, value: S }, false, false],
    ['home', 'Customer', 'Receipt', 'receipt', { kind: 'primitive', name: 'bytes' }, false, false],
    ['home', 'QueryResponse', 'Results', 'results', { kind: 'list', of: named('T') }, false, false],
    ['home', 'QueryCustomers', 'Ids', 'ids', { kind: 'list', of: I }, false, false],
  ] as const)('%s: %s.%s', (src, typeName, prop, text, t, nullable, required) => {
    const p = type(results[src] as DtoParseResult, typeName).properties.find((x) => x.name === prop);
    expect(p).toMatchObject({ type: t, nullable, required, line: lineOf(sources[src] as string, text) });
  });

  it('keeps only stored properties', () => {
    expect(type(billie, 'CreateCustomerRequest').properties.map((p) => p.name)).toEqual(['Email']);
    expect(type(home, 'Customer').properties).toHaveLength(8);
  });

  it.each([
    [
      'CreateCustomerRequest',
      { name: 'PostOperationTenanted', args: [named('CreateCustomerResponse')] },
      [{ name: 'IReturn', args: [named('CreateCustomerResponse')] }],
    ],
    [
      'PostOperationTenanted',
      { name: 'PostOperationUnTenanted', args: [named('TResponse')] },
      [{ name: 'ITenantedRequest' }],
    ],
    ['PostOperationUnTenanted', undefined, [{ name: 'IReturn', args: [named('TResponse')] }, { name: 'IPost' }]],
    ['Customer', undefined, [{ name: 'IIdentifiableResource' }]],
    ['BankAccount', undefined, undefined],
  ] as const)('%s: base class, interfaces and typealias Return', (name, inherits, interfaces) => {
    const t = type(billie, name);
    expect(t.inherits).toEqual(inherits);
    expect(t.implements).toEqual(interfaces);
  });

  it('reads generic parameters without their constraints', () => {
    expect(type(billie, 'PostOperationTenanted').genericParams).toEqual(['TResponse']);
    expect(type(home, 'QueryResponse').genericParams).toEqual(['T']);
    expect(type(home, 'QueryCustomers')).toMatchObject({
      inherits: { name: 'QueryDb', args: [named('Customer')] },
      implements: [{ name: 'IReturn', args: [named('QueryResponse', [named('Customer')])] }],
    });
  });

  it('reads route and attribute comments', () => {
    expect(type(billie, 'CreateCustomerRequest')).toMatchObject({
      routes: [{ path: '/customers', verbs: ['POST'] }],
      auth: { required: true, roles: ['manager'] },
    });
    expect(type(billie, 'CreateCustomerRequest').properties[0]?.description).toBe("The customer's email address");
    expect(type(home, 'Customer')).toMatchObject({
      routes: [
        { path: '/Customer', verbs: [] },
        { path: '/Customer/{Id}', verbs: [] },
      ],
      auth: { required: true },
    });
  });

  it.each([
    ['SkuType', ['Product', 'PerDev', 'PerCore', 'Site']],
    ['Permissions', ['None', 'Read', 'Write']],
  ])('reads enum %s', (name, values) => {
    expect(type(home, name)).toMatchObject({ kind: 'enum', enumValues: values });
  });

  it.each([
    ['an unterminated class', 'public class Broken : Codable\n{\n    public var name:String?\n', "expected '}'", 2],
    [
      'a property without a type',
      'public class Odd : Codable\n{\n    public var name\n}\n',
      'expected a property declaration',
      3,
    ],
    ['an enum line without case', 'public enum E : String, Codable\n{\n    Product\n}\n', "expected 'case Name'", 3],
    ['stray text', 'Swift CreateCustomerRequest DTOs\n', 'expected a class, protocol or enum', 1],
  ])('reports %s and carries on', (_what, source, message, line) => {
    const r = parseSwiftDtos(`${source}public class After : Codable\n{\n    public var x:Int?\n}\n`, 'bad.swift', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'error',
          file: 'bad.swift',
          line,
          message: expect.stringContaining(message),
        }),
      ]),
    );
    expect(r.types.map((t) => t.name)).toContain('After');
  });
});
