/**
 * Hand-written DTO schemas in the shape `derive` produces, for the codec tests:
 * the types behind the metadata-page samples, plus a small "shop" API that
 * exercises every kind of member for the round-trip properties.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from '../../schema/json-schema.js';
import type { CodecContext } from '../codec.js';

export const FIXTURES_DIR = join(process.cwd(), 'src', 'formats', '__fixtures__');
export const fixture = (name: string): string => readFileSync(join(FIXTURES_DIR, name), 'utf8');

const str = (): JsonSchema => ({ type: 'string', 'x-dotnet-type': 'string' });
const int = (): JsonSchema => ({ type: 'integer', 'x-dotnet-type': 'int' });
const long = (): JsonSchema => ({ type: 'integer', 'x-dotnet-type': 'long' });
const decimal = (): JsonSchema => ({ type: 'number', 'x-dotnet-type': 'decimal' });
const double = (): JsonSchema => ({ type: 'number', 'x-dotnet-type': 'double' });
const bool = (): JsonSchema => ({ type: 'boolean', 'x-dotnet-type': 'bool' });
const dateTime = (): JsonSchema => ({ type: 'string', format: 'date-time', 'x-dotnet-type': 'DateTime' });
const ref = (type: string): JsonSchema => ({ $ref: `${type}.json` });
const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const stringMap = (): JsonSchema => ({ type: 'object', additionalProperties: str() });
const enumOf = (api: string, name: string, values: string[]): JsonSchema => ({
  $id: `https://schemas.ssmock.dev/${api}/${name}.json`,
  type: 'string',
  enum: values,
});

function dto(
  api: string,
  name: string,
  properties: Record<string, JsonSchema>,
  extra: Partial<JsonSchema> = {},
): JsonSchema {
  return {
    $id: `https://schemas.ssmock.dev/${api}/${name}.json`,
    type: 'object',
    additionalProperties: false,
    properties,
    ...extra,
  };
}

const SS_TYPES = 'http://schemas.servicestack.net/types';

function builtIns(api: string): Record<string, JsonSchema> {
  return {
    ResponseStatus: dto(
      api,
      'ResponseStatus',
      { errorCode: str(), message: str(), stackTrace: str(), errors: list(ref('ResponseError')), meta: stringMap() },
      { 'x-xml-namespace': SS_TYPES, 'x-xml-order': ['ErrorCode', 'Message', 'StackTrace', 'Errors', 'Meta'] },
    ),
    ResponseError: dto(
      api,
      'ResponseError',
      { errorCode: str(), fieldName: str(), message: str(), meta: stringMap() },
      { 'x-xml-namespace': SS_TYPES, 'x-xml-order': ['ErrorCode', 'FieldName', 'Message', 'Meta'] },
    ),
  };
}

const RESOURCES_NS = 'http://schemas.datacontract.org/2004/07/Application.Interfaces.Resources';
export const PERSONS_NS =
  'http://schemas.datacontract.org/2004/07/Infrastructure.Api.Interfaces.ServiceOperations.Persons';

export const BILLIECART: Record<string, JsonSchema> = {
  ...builtIns('billiecart'),
  BankAccount: dto('billiecart', 'BankAccount', { bsbNumber: str(), accountNumber: str() }),
  Customer: dto('billiecart', 'Customer', {
    id: str(),
    firstName: str(),
    lastName: str(),
    dateOfBirth: dateTime(),
    driversLicenceNo: str(),
    email: str(),
    phone: str(),
    preferredContactMethod: str(),
    addressLine1: str(),
    addressLine2: str(),
    suburb: str(),
    stateTerritory: str(),
    postcode: str(),
    bankAccount: ref('BankAccount'),
    userAccountId: str(),
  }),
  AssociateUserAccountToCustomerRequest: dto('billiecart', 'AssociateUserAccountToCustomerRequest', {
    id: str(),
    userAccountId: str(),
    organisationId: str(),
  }),
  AssociateUserAccountToCustomerResponse: dto('billiecart', 'AssociateUserAccountToCustomerResponse', {
    responseStatus: ref('ResponseStatus'),
    customer: ref('Customer'),
  }),
  CreatePersonRequest: dto('billiecart', 'CreatePersonRequest', {
    userAccountId: str(),
    timezone: str(),
    phoneNumber: str(),
  }),
  CreatePersonResponse: dto('billiecart', 'CreatePersonResponse', {
    responseStatus: ref('ResponseStatus'),
    person: ref('Person'),
  }),
  Person: dto(
    'billiecart',
    'Person',
    {
      name: ref('UserAccountName'),
      displayName: str(),
      email: str(),
      phoneNumber: str(),
      timezone: str(),
      defaultOrganisationId: str(),
      id: str(),
    },
    { 'x-xml-namespace': RESOURCES_NS },
  ),
  UserAccountName: dto(
    'billiecart',
    'UserAccountName',
    { firstName: str(), lastName: str() },
    { 'x-xml-namespace': RESOURCES_NS },
  ),
};

const SKU_TYPES = ['Product', 'PerDev', 'PerCore', 'Site', 'Support', 'Training', 'Register', 'Payment'];
const LICENSE_TYPES = ['Free', 'FreeIndividual', 'FreeOpenSource', 'Indie', 'Business', 'Enterprise', 'Trial', 'Site'];

const address = (): Record<string, JsonSchema> => ({
  company: str(),
  phoneNumber: str(),
  addressLine1: str(),
  addressLine2: str(),
  addressCity: str(),
  addressZip: str(),
  addressState: str(),
  addressCountry: str(),
});

export const SERVICESTACK_HOME: Record<string, JsonSchema> = {
  ...builtIns('servicestack-home'),
  SkuType: enumOf('servicestack-home', 'SkuType', SKU_TYPES),
  LicenseType: enumOf('servicestack-home', 'LicenseType', LICENSE_TYPES),
  OrderDetail: dto('servicestack-home', 'OrderDetail', {
    id: int(),
    orderId: int(),
    skuId: int(),
    skuType: ref('SkuType'),
    price: int(),
    description: str(),
    quantity: int(),
    total: int(),
  }),
  Order: dto('servicestack-home', 'Order', {
    id: int(),
    customerId: int(),
    productName: str(),
    firstName: str(),
    lastName: str(),
    email: str(),
    ...address(),
    agreeTerms: bool(),
    notes: str(),
    last4: str(),
    subTotal: int(),
    couponId: str(),
    discount: int(),
    tax: int(),
    total: int(),
    itemQuantity: int(),
    authorizedQuantity: { ...int(), 'x-dotnet-type': 'int?' },
    subscriptionId: { ...int(), 'x-dotnet-type': 'int?' },
    licenseRef: str(),
    paymentId: { ...int(), 'x-dotnet-type': 'int?' },
    emailId: { ...int(), 'x-dotnet-type': 'int?' },
    paid: bool(),
    createdDate: dateTime(),
    modifiedDate: dateTime(),
    modifiedBy: str(),
    cancelledDate: { ...dateTime(), 'x-dotnet-type': 'DateTime?' },
    cancelledReason: str(),
    ipAddress: str(),
    orderDetails: list(ref('OrderDetail')),
  }),
  LicenseKey: dto('servicestack-home', 'LicenseKey', {
    ref: str(),
    name: str(),
    type: ref('LicenseType'),
    meta: int(),
    hash: str(),
    halg: str(),
    expiry: dateTime(),
  }),
  Subscription: dto('servicestack-home', 'Subscription', {
    id: int(),
    customerId: int(),
    email: str(),
    skuId: int(),
    skuName: str(),
    skuType: ref('SkuType'),
    code: str(),
    quantity: int(),
    supportQuantity: int(),
    total: int(),
    isPlan: bool(),
    isRenewal: bool(),
    subscriptionDurationDays: int(),
    renewalDate: dateTime(),
    licenseRef: str(),
    licenseName: str(),
    licenseAddress: str(),
    licenseType: ref('LicenseType'),
    expiryDate: dateTime(),
    licenseKey: ref('LicenseKey'),
    licenseKeyText: str(),
    createdDate: dateTime(),
    modifiedDate: dateTime(),
    cancelledDate: dateTime(),
    stripeSubscriptionId: str(),
    emailId: int(),
    emailRenewalId: int(),
    emailExpiredId: int(),
    renewalSubscriptionId: int(),
    externalRef: str(),
    notes: str(),
    error: str(),
  }),
  Customer: dto('servicestack-home', 'Customer', {
    id: int(),
    email: str(),
    displayName: str(),
    firstName: str(),
    lastName: str(),
    ...address(),
    stripeCustomerId: str(),
    stripeCouponId: str(),
    plan: str(),
    createdDate: dateTime(),
    isReferrer: bool(),
    orders: list(ref('Order')),
    subscriptions: list(ref('Subscription')),
  }),
};

export const SHOP_NS = 'http://schemas.datacontract.org/2004/07/Shop.ServiceModel';

/** Every member kind the codecs must carry, for the round-trip properties. */
export const SHOP: Record<string, JsonSchema> = {
  ...builtIns('shop'),
  Kind: enumOf('shop', 'Kind', ['Retail', 'Wholesale', 'Internal']),
  Address: dto(
    'shop',
    'Address',
    { street: str(), city: str(), postcode: str() },
    { 'x-xml-namespace': `${SHOP_NS}.Types` },
  ),
  Line: dto('shop', 'Line', { sku: str(), quantity: int(), price: decimal(), kind: ref('Kind'), tags: list(str()) }),
  Order: dto('shop', 'Order', {
    id: long(),
    name: str(),
    note: str(),
    active: bool(),
    total: decimal(),
    rate: double(),
    createdAt: dateTime(),
    kind: ref('Kind'),
    address: ref('Address'),
    lines: list(ref('Line')),
    tags: list(str()),
    counts: list(int()),
    meta: stringMap(),
    responseStatus: ref('ResponseStatus'),
  }),
};

/** A CodecContext over one of the schema sets above. */
export function contextFor(types: Record<string, JsonSchema>, typeName: string, xmlNamespace?: string): CodecContext {
  const resolve = (reference: string): JsonSchema | undefined => types[reference.replace(/\.json$/, '')];
  return { schema: types[typeName], resolve, typeName, xmlNamespace };
}
