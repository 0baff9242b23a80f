import type { DtoParseResult, TypeDef, TypeRef } from '../model.js';
import { parsePythonDtos } from './python.js';

// billiecart /json/metadata?op=CreateCustomerRequest&lang=python: the DTO block starts on page line 11.
const CREATE_CUSTOMER = `import datetime
import decimal
from marshmallow.fields import *
from servicestack import *
from typing import *
from dataclasses import dataclass, field
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum


TResponse = TypeVar('TResponse')


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class PostOperationUnTenanted(Generic[TResponse], IReturn[TResponse], IPost):
    @staticmethod
    def response_type(): return TResponse


TResponse = TypeVar('TResponse')


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class PostOperationTenanted(Generic[TResponse], PostOperationUnTenanted[TResponse], ITenantedRequest):
    organisation_id: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class BankAccount:
    bsb_number: Optional[str] = None
    account_number: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Customer(IIdentifiableResource):
    id: Optional[str] = None
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    date_of_birth: Optional[datetime.datetime] = None
    drivers_licence_no: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    preferred_contact_method: Optional[str] = None
    address_line1: Optional[str] = None
    address_line2: Optional[str] = None
    suburb: Optional[str] = None
    state_territory: Optional[str] = None
    postcode: Optional[str] = None
    bank_account: Optional[BankAccount] = None
    user_account_id: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class CreateCustomerResponse:
    response_status: Optional[ResponseStatus] = None
    customer: Optional[Customer] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class CreateCustomerRequest(PostOperationTenanted[CreateCustomerResponse]):
    email: Optional[str] = None
`;

// billiecart /json/metadata?op=AssociateUserAccountToCustomerRequest&lang=python, from page line 11.
const ASSOCIATE = `import datetime
import decimal
from marshmallow.fields import *
from servicestack import *
from typing import *
from dataclasses import dataclass, field
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum


TResponse = TypeVar('TResponse')


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class PutOperationUnTenanted(Generic[TResponse], IReturn[TResponse], IPut):
    @staticmethod
    def response_type(): return TResponse


TResponse = TypeVar('TResponse')


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class PutOperationTenanted(Generic[TResponse], PutOperationUnTenanted[TResponse], ITenantedRequest):
    organisation_id: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class BankAccount:
    bsb_number: Optional[str] = None
    account_number: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Customer(IIdentifiableResource):
    id: Optional[str] = None
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    date_of_birth: Optional[datetime.datetime] = None
    drivers_licence_no: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    preferred_contact_method: Optional[str] = None
    address_line1: Optional[str] = None
    address_line2: Optional[str] = None
    suburb: Optional[str] = None
    state_territory: Optional[str] = None
    postcode: Optional[str] = None
    bank_account: Optional[BankAccount] = None
    user_account_id: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class AssociateUserAccountToCustomerResponse:
    response_status: Optional[ResponseStatus] = None
    customer: Optional[Customer] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class AssociateUserAccountToCustomerRequest(PutOperationTenanted[AssociateUserAccountToCustomerResponse]):
    id: Optional[str] = None
    user_account_id: Optional[str] = None
`;

// servicestack-home /jsv/metadata?op=Customer&lang=python, from page line 10.
const HOME = `import datetime
import decimal
from marshmallow.fields import *
from servicestack import *
from typing import *
from dataclasses import dataclass, field
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum


class SkuType(str, Enum):
    PRODUCT = 'Product'
    PER_DEV = 'PerDev'
    PER_CORE = 'PerCore'
    SITE = 'Site'
    SUPPORT = 'Support'
    TRAINING = 'Training'
    REGISTER = 'Register'
    PAYMENT = 'Payment'


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class OrderDetail:
    id: int = 0
    order_id: int = 0
    sku_id: int = 0
    sku_type: Optional[SkuType] = None
    price: int = 0
    description: Optional[str] = None
    quantity: int = 0
    total: int = 0


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Order(IAddress):
    id: int = 0
    customer_id: int = 0
    product_name: Optional[str] = None
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    email: Optional[str] = None
    company: Optional[str] = None
    phone_number: Optional[str] = None
    address_line1: Optional[str] = None
    address_line2: Optional[str] = None
    address_city: Optional[str] = None
    address_zip: Optional[str] = None
    address_state: Optional[str] = None
    address_country: Optional[str] = None
    agree_terms: bool = False
    notes: Optional[str] = None
    last4: Optional[str] = None
    sub_total: int = 0
    coupon_id: Optional[str] = None
    discount: int = 0
    tax: int = 0
    total: int = 0
    item_quantity: int = 0
    authorized_quantity: Optional[int] = None
    subscription_id: Optional[int] = None
    license_ref: Optional[str] = None
    payment_id: Optional[int] = None
    email_id: Optional[int] = None
    paid: bool = False
    created_date: datetime.datetime = datetime.datetime(1, 1, 1)
    modified_date: datetime.datetime = datetime.datetime(1, 1, 1)
    modified_by: Optional[str] = None
    cancelled_date: Optional[datetime.datetime] = None
    cancelled_reason: Optional[str] = None
    ip_address: Optional[str] = None
    order_details: Optional[List[OrderDetail]] = None


class LicenseType(str, Enum):
    FREE = 'Free'
    FREE_INDIVIDUAL = 'FreeIndividual'
    FREE_OPEN_SOURCE = 'FreeOpenSource'
    INDIE = 'Indie'
    BUSINESS = 'Business'
    ENTERPRISE = 'Enterprise'
    TEXT_INDIE = 'TextIndie'
    TEXT_BUSINESS = 'TextBusiness'
    ORM_LITE_INDIE = 'OrmLiteIndie'
    ORM_LITE_BUSINESS = 'OrmLiteBusiness'
    REDIS_INDIE = 'RedisIndie'
    REDIS_BUSINESS = 'RedisBusiness'
    AWS_INDIE = 'AwsIndie'
    AWS_BUSINESS = 'AwsBusiness'
    TRIAL = 'Trial'
    SITE = 'Site'
    TEXT_SITE = 'TextSite'
    REDIS_SITE = 'RedisSite'
    ORM_LITE_SITE = 'OrmLiteSite'


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class LicenseKey:
    ref: Optional[str] = None
    name: Optional[str] = None
    type: Optional[LicenseType] = None
    meta: int = 0
    hash: Optional[str] = None
    halg: Optional[str] = None
    expiry: datetime.datetime = datetime.datetime(1, 1, 1)


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Subscription:
    id: int = 0
    customer_id: int = 0
    email: Optional[str] = None
    sku_id: int = 0
    sku_name: Optional[str] = None
    sku_type: Optional[SkuType] = None
    code: Optional[str] = None
    quantity: int = 0
    support_quantity: int = 0
    total: int = 0
    is_plan: bool = False
    is_renewal: bool = False
    subscription_duration_days: int = 0
    renewal_date: Optional[datetime.datetime] = None
    license_ref: Optional[str] = None
    license_name: Optional[str] = None
    license_address: Optional[str] = None
    license_type: Optional[LicenseType] = None
    expiry_date: datetime.datetime = datetime.datetime(1, 1, 1)
    license_key: Optional[LicenseKey] = None
    license_key_text: Optional[str] = None
    created_date: datetime.datetime = datetime.datetime(1, 1, 1)
    modified_date: datetime.datetime = datetime.datetime(1, 1, 1)
    cancelled_date: Optional[datetime.datetime] = None
    stripe_subscription_id: Optional[str] = None
    email_id: Optional[int] = None
    email_renewal_id: Optional[int] = None
    email_expired_id: Optional[int] = None
    renewal_subscription_id: Optional[int] = None
    external_ref: Optional[str] = None
    notes: Optional[str] = None
    error: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Customer(IAddress):
    id: int = 0
    email: Optional[str] = None
    display_name: Optional[str] = None
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    company: Optional[str] = None
    phone_number: Optional[str] = None
    address_line1: Optional[str] = None
    address_line2: Optional[str] = None
    address_city: Optional[str] = None
    address_zip: Optional[str] = None
    address_state: Optional[str] = None
    address_country: Optional[str] = None
    stripe_customer_id: Optional[str] = None
    stripe_coupon_id: Optional[str] = None
    plan: Optional[str] = None
    created_date: datetime.datetime = datetime.datetime(1, 1, 1)
    is_referrer: bool = False
    orders: Optional[List[Order]] = None
    subscriptions: Optional[List[Subscription]] = None
`;

// A bare /types/python file: options header, route and validator comments, docstrings, renamed keywords.
const TYPES_FILE = `""" Options:
Date: 2024-05-01 10:00:00
Version: 8.21
Tip: To override a DTO option, remove "#" prefix before updating
BaseUrl: https://staging-api.billiecart.com.au

#GlobalNamespace: 
#AddServiceStackTypes: True
#IncludeTypes: 
#DataClass: 
#DataClassJson: 
"""

import datetime
import decimal
from servicestack import *
from typing import *
from dataclasses import dataclass, field
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum


class Permissions(IntEnum):
    NONE = 0
    READ = 1
    PER_DEV = 2


T = TypeVar('T')


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class QueryResponse(Generic[T]):
    offset: int = 0
    total: int = 0
    results: Optional[List[T]] = None
    meta: Optional[Dict[str, str]] = None
    response_status: Optional[ResponseStatus] = None


# @Route("/customers", "POST")
# @ValidateRequest(Validator="IsAuthenticated")
# @ValidateRequest(Validator="HasRole(\`manager\`)")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class CreateCustomerRequest(PostOperationTenanted[CreateCustomerResponse], IReturn[CreateCustomerResponse]):
    """
    Creates a customer
    """

    # @ApiMember(Description="The customer's email address", IsRequired=true)
    email: Optional[str] = None
    # @Validate(Validator="NotEmpty")
    phone: Optional[str] = None
    """
    A phone number
    """


# @Route("/hello/{Name}")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Hello(IReturn["Hello"], IGet):
    name: Optional[str] = None
    from_: Optional[str] = field(metadata=config(field_name='from'), default=None)
    ids: List[int] = field(default_factory=list)
    amount: Decimal = decimal.Decimal(0)
    took: datetime.timedelta = datetime.timedelta()


@route("/orders/{Id}", "GET PUT")
@dataclass
class GetOrder(IReturn[Order]):
    id: int = 0
`;

const create = parsePythonDtos(CREATE_CUSTOMER, 'billiecart.CreateCustomerRequest.python.json.txt', 11);
const associate = parsePythonDtos(ASSOCIATE, 'billiecart.AssociateUserAccountToCustomerRequest.python.json.txt', 11);
const home = parsePythonDtos(HOME, 'servicestack-home.Customer.python.jsv.txt', 10);
const typesFile = parsePythonDtos(TYPES_FILE, 'dtos.py', 1);

const pages: Record<string, DtoParseResult> = { create, associate, home };
const type = (r: DtoParseResult, name: string): TypeDef => {
  const t = r.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in ${r.types.map((x) => x.name).join(', ')}`);
  return t;
};
const S: TypeRef = { kind: 'primitive', name: 'string' };
const I: TypeRef = { kind: 'primitive', name: 'int' };
const DT: TypeRef = { kind: 'primitive', name: 'datetime' };
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };

describe('parsePythonDtos on metadata pages', () => {
  it.each([
    [
      'CreateCustomerRequest',
      create,
      [
        'PostOperationUnTenanted',
        'PostOperationTenanted',
        'BankAccount',
        'Customer',
        'CreateCustomerResponse',
        'CreateCustomerRequest',
      ],
    ],
    [
      'AssociateUserAccountToCustomerRequest',
      associate,
      [
        'PutOperationUnTenanted',
        'PutOperationTenanted',
        'BankAccount',
        'Customer',
        'AssociateUserAccountToCustomerResponse',
        'AssociateUserAccountToCustomerRequest',
      ],
    ],
    [
      'servicestack-home Customer',
      home,
      ['SkuType', 'OrderDetail', 'Order', 'LicenseType', 'LicenseKey', 'Subscription', 'Customer'],
    ],
  ] as const)('%s: every class in order, no diagnostics', (_page, r, names) => {
    expect(r.diagnostics).toEqual([]);
    expect(r.types.map((t) => t.name)).toEqual(names);
  });

  it.each([
    // page, type, property, page line, type, nullable
    ['create', 'PostOperationTenanted', 'OrganisationId', 37, S, true],
    ['create', 'BankAccount', 'BsbNumber', 43, S, true],
    ['create', 'Customer', 'DateOfBirth', 53, DT, true],
    ['create', 'Customer', 'AddressLine1', 58, S, true],
    ['create', 'Customer', 'BankAccount', 63, named('BankAccount'), true],
    ['create', 'CreateCustomerResponse', 'ResponseStatus', 70, named('ResponseStatus'), true],
    ['create', 'CreateCustomerRequest', 'Email', 77, S, true],
    ['associate', 'AssociateUserAccountToCustomerRequest', 'UserAccountId', 78, S, true],
    ['home', 'OrderDetail', 'SkuType', 37, named('SkuType'), true],
    ['home', 'Order', 'Id', 47, I, false],
    ['home', 'Order', 'AgreeTerms', 61, { kind: 'primitive', name: 'bool' }, false],
    ['home', 'Order', 'Last4', 63, S, true],
    ['home', 'Order', 'AuthorizedQuantity', 70, I, true],
    ['home', 'Order', 'CreatedDate', 76, DT, false],
    ['home', 'Order', 'IpAddress', 81, S, true],
    ['home', 'Order', 'OrderDetails', 82, { kind: 'list', of: named('OrderDetail') }, true],
    ['home', 'Customer', 'Orders', 177, { kind: 'list', of: named('Order') }, true],
  ] as const)('%s: %s.%s', (page, typeName, prop, line, t, nullable) => {
    expect(type(pages[page] as DtoParseResult, typeName).properties.find((p) => p.name === prop)).toEqual({
      name: prop,
      type: t,
      nullable,
      required: false,
      line,
    });
  });

  it('never marks defaulted value types or Optional members required', () => {
    const all = [create, associate, home].flatMap((r) => r.types.flatMap((t) => t.properties));
    expect(all.filter((p) => p.required)).toEqual([]);
  });

  it('converts snake_case names to PascalCase in declaration order', () => {
    expect(type(create, 'Customer').properties.map((p) => p.name)).toEqual([
      'Id',
      'FirstName',
      'LastName',
      'DateOfBirth',
      'DriversLicenceNo',
      'Email',
      'Phone',
      'PreferredContactMethod',
      'AddressLine1',
      'AddressLine2',
      'Suburb',
      'StateTerritory',
      'Postcode',
      'BankAccount',
      'UserAccountId',
    ]);
  });

  it.each([
    [
      'create',
      'PostOperationUnTenanted',
      ['TResponse'],
      undefined,
      [{ name: 'IReturn', args: [named('TResponse')] }, { name: 'IPost' }],
    ],
    [
      'create',
      'PostOperationTenanted',
      ['TResponse'],
      { name: 'PostOperationUnTenanted', args: [named('TResponse')] },
      [{ name: 'ITenantedRequest' }],
    ],
    [
      'create',
      'CreateCustomerRequest',
      undefined,
      { name: 'PostOperationTenanted', args: [named('CreateCustomerResponse')] },
      undefined,
    ],
    ['create', 'Customer', undefined, undefined, [{ name: 'IIdentifiableResource' }]],
    [
      'associate',
      'PutOperationUnTenanted',
      ['TResponse'],
      undefined,
      [{ name: 'IReturn', args: [named('TResponse')] }, { name: 'IPut' }],
    ],
    ['home', 'Order', undefined, undefined, [{ name: 'IAddress' }]],
  ] as const)('%s: %s generics, base and interfaces', (page, name, genericParams, inherits, interfaces) => {
    const t = type(pages[page] as DtoParseResult, name);
    expect(t.genericParams).toEqual(genericParams);
    expect(t.inherits).toEqual(inherits);
    expect(t.implements).toEqual(interfaces);
  });

  it('reads str enums as their string values, in order', () => {
    expect(type(home, 'SkuType')).toMatchObject({
      kind: 'enum',
      line: 20,
      properties: [],
      enumValues: ['Product', 'PerDev', 'PerCore', 'Site', 'Support', 'Training', 'Register', 'Payment'],
    });
    expect(type(home, 'LicenseType').enumValues).toHaveLength(19);
    expect(type(home, 'LicenseType').enumValues?.[8]).toBe('OrmLiteIndie');
  });

  it('records class lines and no invented routes or auth', () => {
    expect(type(create, 'CreateCustomerRequest').line).toBe(76);
    expect(create.types.every((t) => t.routes === undefined && t.auth === undefined)).toBe(true);
  });
});

describe('parsePythonDtos on a /types/python file', () => {
  it('parses without diagnostics', () => {
    expect(typesFile.diagnostics).toEqual([]);
    expect(typesFile.types.map((t) => t.name)).toEqual([
      'Permissions',
      'QueryResponse',
      'CreateCustomerRequest',
      'Hello',
      'GetOrder',
    ]);
  });

  it('reads IntEnum members by name', () => {
    expect(type(typesFile, 'Permissions').enumValues).toEqual(['None', 'Read', 'PerDev']);
  });

  it('reads generic classes with lists and dictionaries', () => {
    expect(type(typesFile, 'QueryResponse')).toMatchObject({
      genericParams: ['T'],
      properties: [
        { name: 'Offset', type: I, nullable: false },
        { name: 'Total', type: I, nullable: false },
        { name: 'Results', type: { kind: 'list', of: named('T') }, nullable: true },
        { name: 'Meta', type: { kind: 'map', key: S, value: S }, nullable: true },
        { name: 'ResponseStatus', type: named('ResponseStatus'), nullable: true },
      ],
    });
  });

  it('reads route and validator comments, required markers and docstrings', () => {
    const t = type(typesFile, 'CreateCustomerRequest');
    expect(t).toMatchObject({
      routes: [{ path: '/customers', verbs: ['POST'] }],
      auth: { required: true, roles: ['manager'] },
      description: 'Creates a customer',
      inherits: { name: 'PostOperationTenanted', args: [named('CreateCustomerResponse')] },
      implements: [{ name: 'IReturn', args: [named('CreateCustomerResponse')] }],
    });
    expect(t.properties).toEqual([
      { name: 'Email', type: S, nullable: true, required: true, description: "The customer's email address", line: 53 },
      {
        name: 'Phone',
        type: S,
        nullable: true,
        required: true,
        description: 'A phone number',
        line: 55,
        validators: [{ validator: 'NotEmpty' }],
      },
    ]);
  });

  it('reads renamed keywords, quoted self references and other primitives', () => {
    const t = type(typesFile, 'Hello');
    expect(t.routes).toEqual([{ path: '/hello/{Name}', verbs: [] }]);
    expect(t.implements).toEqual([{ name: 'IReturn', args: [named('Hello')] }, { name: 'IGet' }]);
    expect(t.properties.map((p) => [p.name, p.type, p.nullable])).toEqual([
      ['Name', S, true],
      ['From', S, true],
      ['Ids', { kind: 'list', of: I }, false],
      ['Amount', { kind: 'primitive', name: 'decimal' }, false],
      ['Took', { kind: 'primitive', name: 'timespan' }, false],
    ]);
  });

  it('reads the @route decorator form', () => {
    expect(type(typesFile, 'GetOrder')).toMatchObject({
      routes: [{ path: '/orders/{Id}', verbs: ['GET', 'PUT'] }],
      implements: [{ name: 'IReturn', args: [named('Order')] }],
    });
  });
});

describe('parsePythonDtos on malformed input', () => {
  it.each([
    ['a class without a body', 'class Empty:\n', 'expected an indented body for class Empty', 1],
    ['a broken class header', 'class Broken(Base\n    x: int = 0\n', "expected 'class Name(bases):'", 1],
    ['a member that is not a property', 'class Odd:\n    x = = 1\n', 'expected a property declaration (name: Type)', 2],
    [
      'an unknown type expression',
      'class Odd:\n    x: List[ = None\n',
      'expected a property declaration (name: Type)',
      2,
    ],
    ['an enum member without a value', 'class E(str, Enum):\n    A\n', 'expected an enum member', 2],
    ['stray text', 'Python Customer DTOs\n', 'expected a class definition', 1],
    ['an unterminated docstring', '"""\nOptions:\n', 'expected """ to close this string', 1],
  ])('reports %s and carries on', (_what, source, message, line) => {
    const r = parsePythonDtos(`${source}\nclass After:\n    x: int = 0\n`, 'bad.py', 1);
    expect(r.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', file: 'bad.py', line, message: expect.stringContaining(message) }),
      ]),
    );
  });

  it('keeps parsing after a broken class', () => {
    const r = parsePythonDtos('class Broken(Base\n    x: int = 0\n\nclass After:\n    x: int = 0\n', 'bad.py', 1);
    expect(r.types.map((t) => t.name)).toEqual(['After']);
  });
});
