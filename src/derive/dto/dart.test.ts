import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parseDartDtos } from './dart.js';

// `/types/dart?IncludeTypes=CreateCustomerRequest.*` as DartGenerator prints it.
const BILLIECART = `/* Options:
Date: 2024-05-01 10:00:00
Version: 8.21
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

//GlobalNamespace: 
//IncludeTypes: CreateCustomerRequest.*
//DefaultImports: package:servicestack/servicestack.dart
*/

import 'package:servicestack/servicestack.dart';

abstract class ITenantedRequest
{
    String? organisationId;
}

abstract class PostOperationUnTenanted<TResponse> implements IReturn<TResponse>, IPost
{
    PostOperationUnTenanted();
    PostOperationUnTenanted.fromJson(Map<String, dynamic> json) : super();
    fromMap(Map<String, dynamic> json) {
        return this;
    }

    Map<String, dynamic> toJson() => {};
    createResponse() => TResponse();
    getResponseTypeName() => "TResponse";
    getTypeName() => "PostOperationUnTenanted<$TResponse>";
    TypeContext? context = _ctx;
}

abstract class PostOperationTenanted<TResponse> extends PostOperationUnTenanted<TResponse> implements ITenantedRequest
{
    String? organisationId;

    PostOperationTenanted({this.organisationId});
    PostOperationTenanted.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        super.fromMap(json);
        organisationId = json['organisationId'];
        return this;
    }

    Map<String, dynamic> toJson() => super.toJson()..addAll({
        'organisationId': organisationId
    });

    getTypeName() => "PostOperationTenanted<$TResponse>";
    TypeContext? context = _ctx;
}

class BankAccount implements IConvertible
{
    String? bsbNumber;
    String? accountNumber;

    BankAccount({this.bsbNumber,this.accountNumber});
    BankAccount.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        bsbNumber = json['bsbNumber'];
        accountNumber = json['accountNumber'];
        return this;
    }

    Map<String, dynamic> toJson() => {
        'bsbNumber': bsbNumber,
        'accountNumber': accountNumber
    };

    getTypeName() => "BankAccount";
    TypeContext? context = _ctx;
}

class Customer implements IIdentifiableResource, IConvertible
{
    String? id;
    String? firstName;
    DateTime? dateOfBirth;
    String? addressLine1;
    BankAccount? bankAccount;

    Customer({this.id,this.firstName,this.dateOfBirth,this.addressLine1,this.bankAccount});
    Customer.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        id = json['id'];
        firstName = json['firstName'];
        dateOfBirth = JsonConverters.fromJson(json['dateOfBirth'],'DateTime',context!);
        addressLine1 = json['addressLine1'];
        bankAccount = JsonConverters.fromJson(json['bankAccount'],'BankAccount',context!);
        return this;
    }

    Map<String, dynamic> toJson() => {
        'id': id,
        'firstName': firstName,
        'dateOfBirth': JsonConverters.toJson(dateOfBirth,'DateTime',context!),
        'addressLine1': addressLine1,
        'bankAccount': JsonConverters.toJson(bankAccount,'BankAccount',context!)
    };

    getTypeName() => "Customer";
    TypeContext? context = _ctx;
}

class CreateCustomerResponse implements IConvertible
{
    ResponseStatus? responseStatus;
    Customer? customer;

    CreateCustomerResponse({this.responseStatus,this.customer});
    CreateCustomerResponse.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        responseStatus = JsonConverters.fromJson(json['responseStatus'],'ResponseStatus',context!);
        customer = JsonConverters.fromJson(json['customer'],'Customer',context!);
        return this;
    }

    Map<String, dynamic> toJson() => {
        'responseStatus': JsonConverters.toJson(responseStatus,'ResponseStatus',context!),
        'customer': JsonConverters.toJson(customer,'Customer',context!)
    };

    getTypeName() => "CreateCustomerResponse";
    TypeContext? context = _ctx;
}

// @Route("/customers", "POST")
// @ValidateRequest(Validator="IsAuthenticated")
// @ValidateRequest(Validator="HasRole(\`manager\`)")
class CreateCustomerRequest extends PostOperationTenanted<CreateCustomerResponse> implements IReturn<CreateCustomerResponse>, IConvertible, IPost
{
    /**
    * The customer's email address
    */
    // @ApiMember(Description="The customer's email address", IsRequired=true)
    String? email;

    CreateCustomerRequest({this.email});
    CreateCustomerRequest.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        super.fromMap(json);
        email = json['email'];
        return this;
    }

    Map<String, dynamic> toJson() => super.toJson()..addAll({
        'email': email
    });

    createResponse() => CreateCustomerResponse();
    getResponseTypeName() => "CreateCustomerResponse";
    getTypeName() => "CreateCustomerRequest";
    TypeContext? context = _ctx;
}

TypeContext _ctx = TypeContext(library: 'staging_api.billiecart.com.au', types: <String, TypeInfo> {
    'BankAccount': TypeInfo(TypeOf.Class, create:() => BankAccount()),
    'Customer': TypeInfo(TypeOf.Class, create:() => Customer()),
    'CreateCustomerResponse': TypeInfo(TypeOf.Class, create:() => CreateCustomerResponse()),
    'CreateCustomerRequest': TypeInfo(TypeOf.Class, create:() => CreateCustomerRequest()),
});
`;

// servicestack-home's Customer/SkuType, an int enum class and a QueryResponse<T>.
const HOME = `library home_dtos;
import 'package:servicestack/servicestack.dart';

enum SkuType
{
    Product,
    PerDev,
    PerCore,
    Site,
}

class Permissions
{
    static const Permissions None = const Permissions._(0);
    static const Permissions Read = const Permissions._(1);
    static const Permissions Write = const Permissions._(2);

    final int _value;
    const Permissions._(this._value);
    int get value => _value;
    static List<Permissions> get values => const [None,Read,Write];
}

// @Route("/Customer")
// @Route("/Customer/{Id}")
// @authenticate()
class Customer implements IAddress, IConvertible
{
    int? id;
    String? email;
    bool? isReferrer;
    List<Order>? orders = [];
    Map<String,String?>? meta = {};
    Uint8List? receipt;
    Duration? trialPeriod;

    Customer({this.id,this.email,this.isReferrer,this.orders,this.meta,this.receipt,this.trialPeriod});
    Customer.fromJson(Map<String, dynamic> json) { fromMap(json); }
    getTypeName() => "Customer";
    TypeContext? context = _ctx;
}

class QueryResponse<T> implements IConvertible
{
    int? offset;
    List<T>? results = [];
    ResponseStatus? responseStatus;

    QueryResponse({this.offset,this.results,this.responseStatus});
    getTypeName() => "QueryResponse<$T>";
    TypeContext? context = _ctx;
}
`;

const billie = parseDartDtos(BILLIECART, 'dtos.dart', 1);
const home = parseDartDtos(HOME, 'home.dart', 1);
const results: Record<string, DtoParseResult> = { billie, home };
const sources: Record<string, string> = { billie: BILLIECART, home: HOME };

const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const lineOf = (source: string, text: string, after = ''): number => {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => l.includes(after));
  return lines.findIndex((l, i) => i >= from && l.includes(text)) + 1;
};
const S: TypeRef = { kind: 'primitive', name: 'string' };
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parseDartDtos', () => {
  it('parses every declaration in order without diagnostics', () => {
    expect(billie.diagnostics).toEqual([]);
    expect(billie.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'interface ITenantedRequest',
      'class PostOperationUnTenanted',
      'class PostOperationTenanted',
      'class BankAccount',
      'class Customer',
      'class CreateCustomerResponse',
      'class CreateCustomerRequest',
    ]);
    expect(home.diagnostics).toEqual([]);
    expect(home.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'enum SkuType',
      'enum Permissions',
      'class Customer',
      'class QueryResponse',
    ]);
  });

  it.each([
    ['billie', 'ITenantedRequest', 'OrganisationId', 'String? organisationId', S, false],
    ['billie', 'PostOperationTenanted', 'OrganisationId', '    String? organisationId;', S, false],
    ['billie', 'Customer', 'DateOfBirth', 'DateTime? dateOfBirth', { kind: 'primitive', name: 'datetime' }, false],
    ['billie', 'Customer', 'BankAccount', 'BankAccount? bankAccount', named('BankAccount'), false],
    ['billie', 'CreateCustomerRequest', 'Email', 'String? email', S, true],
    ['home', 'Customer', 'Id', 'int? id', { kind: 'primitive', name: 'int' }, false],
    ['home', 'Customer', 'Orders', 'List<Order>? orders', { kind: 'list', of: named('Order') }, false],
    ['home', 'Customer', 'Meta', 'Map<String,String?>? meta', { kind: 'map', key: S, value: S }, false],
    ['home', 'Customer', 'Receipt', 'Uint8List? receipt', { kind: 'primitive', name: 'bytes' }, false],
    ['home', 'Customer', 'TrialPeriod', 'Duration? trialPeriod', { kind: 'primitive', name: 'timespan' }, false],
    ['home', 'QueryResponse', 'Results', 'List<T>? results', { kind: 'list', of: named('T') }, false],
  ] as const)('%s: %s.%s', (src, typeName, prop, text, t, required) => {
    const source = sources[src] as string;
    const line =
      src === 'billie' && typeName === 'PostOperationTenanted'
        ? lineOf(source, text, 'abstract class PostOperationTenanted')
        : lineOf(source, text);
    const p = type(results[src] as DtoParseResult, typeName).properties.find((x) => x.name === prop);
    expect(p).toMatchObject({ type: t, nullable: true, required, line });
  });

  it('skips constructors, fromMap/toJson, getTypeName and the type context', () => {
    expect(type(billie, 'CreateCustomerRequest').properties.map((p) => p.name)).toEqual(['Email']);
    expect(type(billie, 'PostOperationUnTenanted').properties).toEqual([]);
    expect(type(billie, 'Customer').properties.map((p) => p.name)).toEqual([
      'Id',
      'FirstName',
      'DateOfBirth',
      'AddressLine1',
      'BankAccount',
    ]);
  });

  it.each([
    [
      'CreateCustomerRequest',
      { name: 'PostOperationTenanted', args: [named('CreateCustomerResponse')] },
      [{ name: 'IReturn', args: [named('CreateCustomerResponse')] }, { name: 'IPost' }],
    ],
    [
      'PostOperationTenanted',
      { name: 'PostOperationUnTenanted', args: [named('TResponse')] },
      [{ name: 'ITenantedRequest' }],
    ],
    ['PostOperationUnTenanted', undefined, [{ name: 'IReturn', args: [named('TResponse')] }, { name: 'IPost' }]],
    ['Customer', undefined, [{ name: 'IIdentifiableResource' }]],
    ['BankAccount', undefined, undefined],
  ] as const)('%s: extends and implements, without IConvertible', (name, inherits, interfaces) => {
    const t = type(billie, name);
    expect(t.inherits).toEqual(inherits);
    expect(t.implements).toEqual(interfaces);
  });

  it('reads generics, routes, auth and descriptions', () => {
    expect(type(billie, 'PostOperationTenanted').genericParams).toEqual(['TResponse']);
    expect(type(home, 'QueryResponse').genericParams).toEqual(['T']);
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
    expect(type(home, name)).toMatchObject({ kind: 'enum', enumValues: values, properties: [] });
  });

  it.each([
    ['an unterminated class', 'class Broken implements IConvertible\n{\n    String? name;\n', "expected '}'", 2],
    ['a member that is not a declaration', 'class Odd\n{\n    42;\n}\n', 'expected a field declaration', 3],
    ['an unparseable field type', 'class Odd\n{\n    List<? xs;\n}\n', 'expected a type', 3],
    ['stray text', 'Dart CreateCustomerRequest DTOs\n', 'expected a class or enum', 1],
  ])('reports %s and carries on', (_what, source, message, line) => {
    const r = parseDartDtos(`${source}class After implements IConvertible\n{\n    int? x;\n}\n`, 'bad.dart', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'error',
          file: 'bad.dart',
          line,
          message: expect.stringContaining(message),
        }),
      ]),
    );
  });
});
