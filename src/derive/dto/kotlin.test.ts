import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseKotlinDtos } from './kotlin.js';

// billiecart /xml/metadata?op=CreatePersonRequest&lang=kotlin: the DTO block starts on page line 9.
const CREATE_PERSON = `import java.math.*
import java.util.*
import net.servicestack.client.*


open class CreatePersonRequest : PostOperationUnTenanted<CreatePersonResponse>()
{
    var userAccountId:String? = null
    var timezone:String? = null
    var phoneNumber:String? = null
}

open class PostOperationUnTenanted<TResponse> : IPost
{
}

open class CreatePersonResponse
{
    var responseStatus:ResponseStatus? = null
    var person:Person? = null
}

open class Person : IIdentifiableResource
{
    var name:UserAccountName? = null
    var displayName:String? = null
    var email:String? = null
    var phoneNumber:String? = null
    var timezone:String? = null
    var defaultOrganisationId:String? = null
    var id:String? = null
}

open class UserAccountName
{
    var firstName:String? = null
    var lastName:String? = null
}
`;

// A bare /types/kotlin file with the same DTOs the other languages' tests use.
const TYPES_FILE = `/* Options:
Date: 2024-05-01 10:00:00
Version: 8.21
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

//Package: 
//AddServiceStackTypes: True
//InitializeCollections: True
//DefaultImports: java.math.*,java.util.*,net.servicestack.client.*
*/

import java.math.*
import java.util.*
import net.servicestack.client.*


@Route(Path="/customers", Verbs="POST")
@ValidateRequest(Validator="IsAuthenticated")
// @ValidateRequest(Validator="HasRole(\`manager\`)")
open class CreateCustomerRequest : PostOperationTenanted<CreateCustomerResponse>(), IReturn<CreateCustomerResponse>
{
    /**
    * The customer's email address
    */
    @ApiMember(Description="The customer's email address", IsRequired=true)
    var email:String? = null
    companion object { private val responseType = CreateCustomerResponse::class.java }
    override fun getResponseType(): Any? = CreateCustomerRequest.responseType
}

open class PostOperationTenanted<TResponse> : PostOperationUnTenanted<TResponse>(), ITenantedRequest
{
    var organisationId:String? = null
}

@Route("/Customer")
// @Route("/Customer/{Id}")
open class Customer : IAddress
{
    var id:Int? = null
    var createdDate:Date? = null
    var isReferrer:Boolean? = null
    var orders:ArrayList<Order> = ArrayList<Order>()
    var meta:HashMap<String,String> = HashMap<String,String>()
    @SerializedName("private") var Private:Boolean? = null
    var total:BigDecimal? = null
    var ref:UUID? = null
    var receipt:ByteArray? = null
    val version:Int = 0
}

enum class SkuType
{
    Product,
    PerDev,
    PerCore,
    Site,
}

enum class Permissions(val value:Int)
{
    @SerializedName("1") Read(1),
    @SerializedName("2") Write(2),
}

open class QueryResponse<T>
{
    var offset:Int? = null
    var results:ArrayList<T> = ArrayList<T>()
    var responseStatus:ResponseStatus? = null
}

@Route(Path="/query/customers", Verbs="GET")
open class QueryCustomers : QueryDb<Customer>(), IReturn<QueryResponse<Customer>>
{
    var ids:ArrayList<Int>? = null
    companion object { private val responseType = object : TypeToken<QueryResponse<Customer>>(){}.type }
    override fun getResponseType(): Any? = QueryCustomers.responseType
}

open class GetReceipt : IGet
{
    @Required()
    var orderId:Long? = null
    companion object { private val responseType = ByteArray::class.java }
}

interface IAddress
{
    var addressLine1:String?
}
`;

const page = parseKotlinDtos(CREATE_PERSON, 'billiecart.CreatePersonRequest.kotlin.xml.txt', 9);
const file = parseKotlinDtos(TYPES_FILE, 'dtos.kt', 1);

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const lineOf = (source: string, text: string): number => source.split('\n').findIndex((l) => l.includes(text)) + 1;
const S: TypeRef = { kind: 'primitive', name: 'string' };
const P = (name: 'int' | 'long' | 'datetime' | 'bool' | 'decimal' | 'guid' | 'bytes'): TypeRef => ({
  kind: 'primitive',
  name,
});
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseKotlinDtos on the CreatePersonRequest page', () => {
  it('parses every class in order without diagnostics', () => {
    expect(page.diagnostics).toEqual([]);
    expect(page.types.map((t) => `${t.name}@${t.line}`)).toEqual([
      'CreatePersonRequest@14',
      'PostOperationUnTenanted@21',
      'CreatePersonResponse@25',
      'Person@31',
      'UserAccountName@42',
    ]);
  });

  it.each([
    ['CreatePersonRequest', 'UserAccountId', 16, S],
    ['CreatePersonRequest', 'Timezone', 17, S],
    ['CreatePersonRequest', 'PhoneNumber', 18, S],
    ['CreatePersonResponse', 'ResponseStatus', 27, named('ResponseStatus')],
    ['CreatePersonResponse', 'Person', 28, named('Person')],
    ['Person', 'Name', 33, named('UserAccountName')],
    ['Person', 'DefaultOrganisationId', 38, S],
    ['Person', 'Id', 39, S],
    ['UserAccountName', 'FirstName', 44, S],
  ] as const)('%s.%s', (typeName, prop, line, t) => {
    expect(type(page, typeName).properties.find((p) => p.name === prop)).toEqual({
      name: prop,
      type: t,
      nullable: true,
      required: false,
      line,
    });
  });

  it.each([
    [
      'CreatePersonRequest',
      undefined,
      { name: 'PostOperationUnTenanted', args: [named('CreatePersonResponse')] },
      undefined,
    ],
    ['PostOperationUnTenanted', ['TResponse'], undefined, [{ name: 'IPost' }]],
    ['Person', undefined, undefined, [{ name: 'IIdentifiableResource' }]],
    ['UserAccountName', undefined, undefined, undefined],
  ] as const)('%s generics, base class (with parens) and interfaces', (name, genericParams, inherits, interfaces) => {
    const t = type(page, name);
    expect(t.genericParams).toEqual(genericParams);
    expect(t.inherits).toEqual(inherits);
    expect(t.implements).toEqual(interfaces);
    expect(t.routes).toBeUndefined();
    expect(t.auth).toBeUndefined();
  });
});

describe('parseKotlinDtos on a /types/kotlin file', () => {
  it('parses without diagnostics', () => {
    expect(file.diagnostics).toEqual([]);
    expect(file.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'class CreateCustomerRequest',
      'class PostOperationTenanted',
      'class Customer',
      'enum SkuType',
      'enum Permissions',
      'class QueryResponse',
      'class QueryCustomers',
      'class GetReceipt',
      'interface IAddress',
    ]);
  });

  it.each([
    ['CreateCustomerRequest', 'Email', 'var email', S, true, true],
    ['PostOperationTenanted', 'OrganisationId', 'var organisationId', S, true, false],
    ['Customer', 'Id', 'var id', P('int'), true, false],
    ['Customer', 'CreatedDate', 'var createdDate', P('datetime'), true, false],
    ['Customer', 'Orders', 'var orders', { kind: 'list', of: named('Order') }, false, false],
    ['Customer', 'Meta', 'var meta', { kind: 'map', key: S, value: S }, false, false],
    ['Customer', 'Private', 'var Private', P('bool'), true, false],
    ['Customer', 'Total', 'var total', P('decimal'), true, false],
    ['Customer', 'Ref', 'var ref', P('guid'), true, false],
    ['Customer', 'Receipt', 'var receipt', P('bytes'), true, false],
    ['Customer', 'Version', 'val version', P('int'), false, false],
    ['QueryResponse', 'Results', 'var results', { kind: 'list', of: named('T') }, false, false],
    ['QueryCustomers', 'Ids', 'var ids', { kind: 'list', of: P('int') }, true, false],
    ['GetReceipt', 'OrderId', 'var orderId', P('long'), true, true],
    ['IAddress', 'AddressLine1', 'var addressLine1', S, true, false],
  ] as const)('%s.%s', (typeName, prop, text, t, nullable, required) => {
    expect(type(file, typeName).properties.find((p) => p.name === prop)).toMatchObject({
      type: t,
      nullable,
      required,
      line: lineOf(TYPES_FILE, text),
    });
  });

  it('reads routes, auth, descriptions and the response type', () => {
    const create = type(file, 'CreateCustomerRequest');
    expect(create).toMatchObject({
      routes: [{ path: '/customers', verbs: ['POST'] }],
      auth: { required: true, roles: ['manager'] },
      inherits: { name: 'PostOperationTenanted', args: [named('CreateCustomerResponse')] },
      implements: [{ name: 'IReturn', args: [named('CreateCustomerResponse')] }],
    });
    expect(create.properties.map((p) => p.name)).toEqual(['Email']);
    expect(create.properties[0]?.description).toBe("The customer's email address");
    expect(type(file, 'Customer').routes).toEqual([
      { path: '/Customer', verbs: [] },
      { path: '/Customer/{Id}', verbs: [] },
    ]);
    expect(type(file, 'QueryCustomers').implements).toEqual([
      { name: 'IReturn', args: [named('QueryResponse', [named('Customer')])] },
    ]);
    expect(type(file, 'GetReceipt').implements).toEqual([{ name: 'IGet' }, { name: 'IReturn', args: [P('bytes')] }]);
  });

  it.each([
    ['SkuType', ['Product', 'PerDev', 'PerCore', 'Site']],
    ['Permissions', ['1', '2']],
  ])('reads enum class %s', (name, values) => {
    expect(type(file, name).enumValues).toEqual(values);
  });
});

describe('parseKotlinDtos on malformed input', () => {
  it.each([
    ['an unterminated class', 'open class Broken\n{\n    var name:String? = null\n', "expected '}'", 2],
    ['a property without a type', 'open class Odd\n{\n    var name = null\n}\n', "expected 'name:Type'", 3],
    ['a member that is not a declaration', 'open class Odd\n{\n    42\n}\n', 'expected a property declaration', 3],
    ['an unparseable type', 'open class Odd\n{\n    var xs:ArrayList<? = null\n}\n', 'expected a type', 3],
    ['stray text', 'Kotlin CreatePersonRequest DTOs\n', 'expected a class, interface or enum class', 1],
  ])('reports %s and carries on', (_what, source, message, line) => {
    const r = parseKotlinDtos(`${source}open class After\n{\n    var x:Int? = null\n}\n`, 'bad.kt', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', file: 'bad.kt', line, message: expect.stringContaining(message) }),
      ]),
    );
    expect(r.types.map((t) => t.name)).toContain('After');
  });
});
