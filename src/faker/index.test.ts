import type { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { createAjv } from '../schema/ajv.js';
import type { JsonSchema } from '../schema/json-schema.js';
import { createFaker, DEFAULT_REFERENCE_DATE, type FakeContext } from './index.js';

// Hand-made schemas shaped like derive's output: one per DTO, $id per type, camelCase wire names,
// $ref between types, enums behind $ref, "x-dotnet-type" on scalars.
const str = (dotnet = 'string'): JsonSchema => ({ type: 'string', 'x-dotnet-type': dotnet });
const int = (): JsonSchema => ({ type: 'integer', format: 'int32', 'x-dotnet-type': 'int' });
const long = (): JsonSchema => ({ type: 'integer', format: 'int64', 'x-dotnet-type': 'long' });
const bool = (): JsonSchema => ({ type: 'boolean', 'x-dotnet-type': 'bool' });
const dateTime = (): JsonSchema => ({ type: 'string', format: 'date-time', 'x-dotnet-type': 'DateTime' });
const ref = (type: string): JsonSchema => ({ $ref: `${type}.json` });
const list = (type: string): JsonSchema => ({ type: 'array', items: ref(type) });
const dto = (api: string, name: string, properties: Record<string, JsonSchema>): JsonSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `https://schemas.ssmock.dev/${api}/${name}.json`,
  title: name,
  type: 'object',
  additionalProperties: false,
  properties,
});
const enumOf = (api: string, name: string, values: string[]): JsonSchema => ({
  $id: `https://schemas.ssmock.dev/${api}/${name}.json`,
  type: 'string',
  enum: values,
});

function responseStatusTypes(api: string): JsonSchema[] {
  const meta: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
  return [
    dto(api, 'ResponseStatus', {
      errorCode: str(),
      message: str(),
      stackTrace: str(),
      errors: list('ResponseError'),
      meta,
    }),
    dto(api, 'ResponseError', { errorCode: str(), fieldName: str(), message: str(), meta }),
  ];
}

const BILLIECART: JsonSchema[] = [
  ...responseStatusTypes('billiecart'),
  dto('billiecart', 'CreateCustomerResponse', { responseStatus: ref('ResponseStatus'), customer: ref('Customer') }),
  dto('billiecart', 'Customer', {
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
  dto('billiecart', 'BankAccount', { bsbNumber: str(), accountNumber: str() }),
  dto('billiecart', 'CreatePersonResponse', { responseStatus: ref('ResponseStatus'), person: ref('Person') }),
  dto('billiecart', 'Person', {
    name: ref('UserAccountName'),
    displayName: str(),
    email: str(),
    phoneNumber: str(),
    timezone: str(),
    defaultOrganisationId: str(),
    id: str(),
  }),
  dto('billiecart', 'UserAccountName', { firstName: str(), lastName: str() }),
];

const ADDRESS = {
  company: str(),
  phoneNumber: str(),
  addressLine1: str(),
  addressLine2: str(),
  addressCity: str(),
  addressZip: str(),
  addressState: str(),
  addressCountry: str(),
};

const HOME: JsonSchema[] = [
  ...responseStatusTypes('servicestack-home'),
  enumOf('servicestack-home', 'SkuType', [
    'Product',
    'PerDev',
    'PerCore',
    'Site',
    'Support',
    'Training',
    'Register',
    'Payment',
  ]),
  enumOf('servicestack-home', 'LicenseType', ['Free', 'Indie', 'Business', 'Enterprise', 'Trial', 'Site']),
  dto('servicestack-home', 'OrderDetail', {
    id: int(),
    orderId: int(),
    skuId: int(),
    skuType: ref('SkuType'),
    price: int(),
    description: str(),
    quantity: int(),
    total: int(),
  }),
  dto('servicestack-home', 'Order', {
    id: int(),
    customerId: int(),
    productName: str(),
    firstName: str(),
    lastName: str(),
    email: str(),
    ...ADDRESS,
    agreeTerms: bool(),
    notes: str(),
    last4: str(),
    subTotal: int(),
    couponId: str(),
    discount: int(),
    tax: int(),
    total: int(),
    itemQuantity: int(),
    authorizedQuantity: int(),
    subscriptionId: int(),
    licenseRef: str(),
    paymentId: int(),
    emailId: int(),
    paid: bool(),
    createdDate: dateTime(),
    modifiedDate: dateTime(),
    modifiedBy: str(),
    cancelledDate: dateTime(),
    cancelledReason: str(),
    ipAddress: str(),
    orderDetails: list('OrderDetail'),
  }),
  dto('servicestack-home', 'LicenseKey', {
    ref: str(),
    name: str(),
    type: ref('LicenseType'),
    meta: long(),
    hash: str(),
    halg: str(),
    expiry: dateTime(),
  }),
  dto('servicestack-home', 'Subscription', {
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
    externalRef: str(),
    notes: str(),
    error: str(),
  }),
  dto('servicestack-home', 'Customer', {
    id: int(),
    email: str(),
    displayName: str(),
    firstName: str(),
    lastName: str(),
    ...ADDRESS,
    stripeCustomerId: str(),
    stripeCouponId: str(),
    plan: str(),
    createdDate: dateTime(),
    isReferrer: bool(),
    orders: list('Order'),
    subscriptions: list('Subscription'),
  }),
  // Not from the docs: the remaining scalar kinds and a recursive type.
  dto('servicestack-home', 'Booking', {
    id: { type: 'string', format: 'uuid', 'x-dotnet-type': 'Guid' },
    duration: { type: 'string', format: 'duration', 'x-dotnet-type': 'TimeSpan' },
    price: { type: 'number', 'x-dotnet-type': 'decimal' },
    quantity: int(),
    total: { type: 'number', 'x-dotnet-type': 'decimal' },
    rating: { type: 'number', 'x-dotnet-type': 'double' },
    views: long(),
    startsAt: dateTime(),
    tags: { type: 'array', items: str() },
    meta: { type: 'object', additionalProperties: { type: 'string' } },
    website: str(),
  }),
  dto('servicestack-home', 'Category', { id: int(), name: str(), children: list('Category'), parent: ref('Category') }),
];

interface Api {
  schemas: Map<string, JsonSchema>;
  ajv: Ajv2020;
  ctx(typeName: string, key?: string): FakeContext;
}

function api(schemas: JsonSchema[]): Api {
  const byName = new Map(schemas.map((s) => [/([^/]+)\.json$/.exec(s.$id ?? '')?.[1] ?? '', s]));
  const ajv = createAjv();
  for (const s of schemas) ajv.addSchema(s);
  return {
    schemas: byName,
    ajv,
    ctx: (typeName, key) => ({ resolve: (r) => byName.get(r.replace(/\.json$/, '')), typeName, key }),
  };
}

const billiecart = api(BILLIECART);
const home = api(HOME);

function schemaOf(a: Api, typeName: string): JsonSchema {
  const schema = a.schemas.get(typeName);
  if (!schema) throw new Error(`no schema ${typeName}`);
  return schema;
}

function validate(a: Api, typeName: string, value: unknown): string {
  const check = a.ajv.getSchema(schemaOf(a, typeName).$id ?? '');
  if (!check) throw new Error(`ajv has no ${typeName}`);
  return check(value) ? '' : a.ajv.errorsText(check.errors);
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v as Json;
};
const arr = (v: unknown): unknown[] => {
  if (!Array.isArray(v)) throw new Error(`not an array: ${JSON.stringify(v)}`);
  return v;
};

function fakeOf(a: Api, typeName: string, options: Parameters<typeof createFaker>[0] = {}, key?: string): Json {
  return obj(createFaker(options).fake(schemaOf(a, typeName), a.ctx(typeName, key)));
}

const NOW = Date.parse(DEFAULT_REFERENCE_DATE);
const YEAR_MS = 365.25 * 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const AU_STATES = ['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT'];
// First digit of an Australian postcode by state (ACT's are 26xx/29xx, NT's 08xx).
const AU_POSTCODE_START: Record<string, RegExp> = {
  NSW: /^2/,
  ACT: /^2[69]/,
  VIC: /^3/,
  QLD: /^4/,
  SA: /^5/,
  WA: /^6/,
  TAS: /^7/,
  NT: /^08/,
};

const seeds = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const keys = fc.option(fc.string({ maxLength: 12 }), { nil: undefined });
const locales = fc.constantFrom<'au' | 'us'>('au', 'us');

describe('createFaker: every fake validates against its schema', () => {
  it.each([
    [billiecart, 'CreateCustomerResponse'],
    [billiecart, 'CreatePersonResponse'],
    [home, 'Customer'],
    [home, 'Booking'],
    [home, 'Category'],
  ])('%#: %s, for any seed, key and locale', (a, typeName) => {
    fc.assert(
      fc.property(seeds, keys, locales, (seed, key, locale) => {
        const value = createFaker({ seed, locale }).fake(schemaOf(a, typeName), a.ctx(typeName, key));
        expect(validate(a, typeName, value)).toBe('');
      }),
      { numRuns: 150 },
    );
  });

  it('never fakes responseStatus on a response', () => {
    for (let seed = 0; seed < 20; seed++) {
      const value = fakeOf(billiecart, 'CreateCustomerResponse', { seed });
      expect(Object.keys(value)).toEqual(['customer']);
    }
  });

  it('gives every property of the schema, in schema order, and nothing else', () => {
    const customer = obj(fakeOf(billiecart, 'CreateCustomerResponse', { seed: 7 })['customer']);
    expect(Object.keys(customer)).toEqual(Object.keys(schemaOf(billiecart, 'Customer').properties ?? {}));
    expect(Object.keys(obj(customer['bankAccount']))).toEqual(['bsbNumber', 'accountNumber']);
  });

  it('keeps arrays small (1–3 items) and varies their length', () => {
    const lengths = new Set<number>();
    for (let seed = 0; seed < 60; seed++) {
      const customer = fakeOf(home, 'Customer', { seed });
      for (const order of arr(customer['orders'])) lengths.add(arr(obj(order)['orderDetails']).length);
      lengths.add(arr(customer['subscriptions']).length);
    }
    expect([...lengths].sort()).toEqual([1, 2, 3]);
  });

  it('cuts recursive types after three levels by omitting the property', () => {
    const depth = (node: Json): number => {
      const below = [...arr(node['children'] ?? []).map(obj), ...(node['parent'] ? [obj(node['parent'])] : [])];
      return 1 + Math.max(0, ...below.map(depth));
    };
    const root = fakeOf(home, 'Category', { seed: 1 });
    expect(depth(root)).toBe(3);
    expect(root['children']).toBeDefined();
    const leaf = obj(obj(root['parent'])['parent']);
    expect(Object.keys(leaf)).toEqual(['id', 'name']);
  });

  it('reports a $ref it cannot resolve', () => {
    const broken = dto('x', 'Broken', { missing: ref('Nowhere') });
    expect(() => createFaker().fake(broken, { resolve: () => undefined, typeName: 'Broken' })).toThrow(
      /cannot resolve \$ref "Nowhere.json"/,
    );
  });

  it('dereferences a schema once, not on every fake', () => {
    const resolved: string[] = [];
    const schema = dto('x', 'Holder', { account: ref('BankAccount') });
    const ctx: FakeContext = {
      typeName: 'Holder',
      resolve: (r) => {
        resolved.push(r);
        return schemaOf(billiecart, 'BankAccount');
      },
    };
    const faker = createFaker();
    for (let i = 0; i < 5; i++) faker.fake(schema, ctx);
    expect(resolved).toEqual(['BankAccount.json']);
  });
});

describe('createFaker: determinism', () => {
  const run = (seed: number): string => {
    const faker = createFaker({ seed, locale: 'au' });
    const calls = [
      faker.fake(schemaOf(billiecart, 'CreateCustomerResponse'), billiecart.ctx('CreateCustomerResponse')),
      faker.fake(schemaOf(billiecart, 'CreatePersonResponse'), billiecart.ctx('CreatePersonResponse')),
      faker.fake(schemaOf(billiecart, 'CreateCustomerResponse'), billiecart.ctx('CreateCustomerResponse')),
    ];
    return JSON.stringify(calls);
  };

  it('gives byte-identical JSON for the same seed and the same calls', () => {
    expect(run(42)).toBe(run(42));
  });

  it('gives different values for different seeds, and for successive unkeyed calls', () => {
    expect(run(42)).not.toBe(run(43));
    const [first, , third] = JSON.parse(run(42)) as unknown[];
    expect(third).not.toEqual(first);
  });

  it('gives the same value for the same (seed, typeName, key) whatever was faked before', () => {
    fc.assert(
      fc.property(seeds, fc.string(), fc.nat(5), (seed, key, noise) => {
        const fresh = fakeOf(home, 'Customer', { seed }, key);
        const faker = createFaker({ seed });
        for (let i = 0; i < noise; i++) faker.fake(schemaOf(home, 'Customer'), home.ctx('Customer', `other-${i}`));
        for (let i = 0; i < noise; i++) faker.fake(schemaOf(home, 'Customer'), home.ctx('Customer'));
        expect(faker.fake(schemaOf(home, 'Customer'), home.ctx('Customer', key))).toEqual(fresh);
      }),
      { numRuns: 30 },
    );
  });

  it('gives different values for different keys, types or seeds', () => {
    const a = fakeOf(billiecart, 'CreateCustomerResponse', { seed: 1 }, 'cus-1');
    expect(fakeOf(billiecart, 'CreateCustomerResponse', { seed: 1 }, 'cus-2')).not.toEqual(a);
    expect(fakeOf(billiecart, 'CreateCustomerResponse', { seed: 2 }, 'cus-1')).not.toEqual(a);
    const asOtherType = createFaker({ seed: 1 }).fake(
      schemaOf(billiecart, 'CreateCustomerResponse'),
      billiecart.ctx('GetCustomerResponse', 'cus-1'),
    );
    expect(asOtherType).not.toEqual(a);
  });

  it('does not let keyed fakes disturb the unkeyed stream', () => {
    const schema = schemaOf(home, 'Customer');
    const plain = createFaker({ seed: 9 });
    const mixed = createFaker({ seed: 9 });
    plain.fake(schema, home.ctx('Customer'));
    mixed.fake(schema, home.ctx('Customer'));
    mixed.fake(schema, home.ctx('Customer', 'k'));
    expect(mixed.fake(schema, home.ctx('Customer'))).toEqual(plain.fake(schema, home.ctx('Customer')));
  });

  it('dates depend on referenceDate, not on the clock', () => {
    const at = (referenceDate: string): Json =>
      obj(fakeOf(billiecart, 'CreateCustomerResponse', { seed: 3, referenceDate })['customer']);
    expect(at(DEFAULT_REFERENCE_DATE)).toEqual(fakeOf(billiecart, 'CreateCustomerResponse', { seed: 3 })['customer']);
    const later = at('2030-06-01T00:00:00.000Z');
    expect(Date.parse(String(later['dateOfBirth']))).toBeGreaterThan(Date.parse('2030-06-01') - 90.1 * YEAR_MS);
  });
});

describe('createFaker: values fit the field', () => {
  const auCustomers = Array.from({ length: 40 }, (_, seed) =>
    obj(fakeOf(billiecart, 'CreateCustomerResponse', { seed, locale: 'au' })['customer']),
  );

  it('fakes a Billiecart customer like an Australian one', () => {
    for (const c of auCustomers) {
      expect(c['id']).toMatch(UUID);
      expect(c['userAccountId']).toMatch(UUID);
      expect(c['phone']).toMatch(/^\+61 4\d\d \d{3} \d{3}$/);
      expect(AU_STATES).toContain(c['stateTerritory']);
      expect(c['postcode']).toMatch(/^\d{4}$/);
      expect(c['postcode']).toMatch(AU_POSTCODE_START[String(c['stateTerritory'])] ?? /never/);
      expect(c['suburb']).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)?$/);
      expect(c['driversLicenceNo']).toMatch(/^\d{8,9}$/);
      expect(['Email', 'Phone', 'SMS']).toContain(c['preferredContactMethod']);
      expect(c['addressLine1']).toMatch(/^\d+ \S+/);
      expect(c['email']).toMatch(/^[\w.+-]+@example\.(com|net|org)$/);
      const bank = obj(c['bankAccount']);
      expect(bank['bsbNumber']).toMatch(/^\d{3}-\d{3}$/);
      expect(bank['accountNumber']).toMatch(/^\d{8,9}$/);
      const dob = String(c['dateOfBirth']);
      expect(dob).toMatch(ISO);
      const age = (NOW - Date.parse(dob)) / YEAR_MS;
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(91);
    }
  });

  it('varies states and names across customers', () => {
    expect(new Set(auCustomers.map((c) => c['stateTerritory'])).size).toBeGreaterThan(3);
    expect(new Set(auCustomers.map((c) => c['lastName'])).size).toBeGreaterThan(20);
  });

  it('keeps a person consistent: displayName and email from the name object, an Australian time zone', () => {
    for (let seed = 0; seed < 20; seed++) {
      const person = obj(fakeOf(billiecart, 'CreatePersonResponse', { seed, locale: 'au' })['person']);
      const name = obj(person['name']);
      expect(person['displayName']).toBe(`${String(name['firstName'])} ${String(name['lastName'])}`);
      const last = String(name['lastName']).replace(/[^A-Za-z]/g, '');
      expect(String(person['email']).replace(/[^A-Za-z@]/g, '')).toContain(last);
      expect(person['timezone']).toMatch(/^Australia\/[A-Z][a-z]+$/);
      expect(person['phoneNumber']).toMatch(/^\+61 4/);
      expect(person['defaultOrganisationId']).toMatch(UUID);
    }
  });

  it('fakes a ServiceStack Home customer with orders and subscriptions', () => {
    for (let seed = 0; seed < 20; seed++) {
      const c = fakeOf(home, 'Customer', { seed, locale: 'us' });
      expect(Number.isInteger(c['id']) && (c['id'] as number) > 0).toBe(true);
      expect(c['displayName']).toBe(`${String(c['firstName'])} ${String(c['lastName'])}`);
      expect(c['phoneNumber']).toMatch(/^\+1 [2-9]\d\d-[2-9]\d\d-\d{4}$/);
      expect(c['addressState']).toMatch(/^[A-Z]{2}$/);
      expect(c['addressZip']).toMatch(/^\d{5}$/);
      expect(c['addressCountry']).toBe('United States');
      expect(c['stripeCustomerId']).toMatch(/^cus_[A-Za-z0-9]{14}$/);
      expect(c['plan']).toMatch(/^[a-z]+$/);
      expect(c['plan']).not.toBe('String');
      expect(Date.parse(String(c['createdDate']))).toBeLessThan(NOW);

      for (const order of arr(c['orders']).map(obj)) {
        expect(order['customerId']).toBe(c['id']);
        expect(order['last4']).toMatch(/^\d{4}$/);
        expect(order['ipAddress']).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
        expect(order['licenseRef']).toMatch(/^[A-Z0-9]{10}$/);
        expect(order['notes']).toMatch(/^[A-Z].* .*\.$/);
        const created = Date.parse(String(order['createdDate']));
        const modified = Date.parse(String(order['modifiedDate']));
        expect(created).toBeLessThan(NOW);
        expect(modified).toBeGreaterThanOrEqual(created);
        expect(modified).toBeLessThanOrEqual(NOW);
        const [subTotal, discount, tax, total] = ['subTotal', 'discount', 'tax', 'total'].map(
          (k) => order[k] as number,
        );
        expect([subTotal, discount, tax, total].every((n) => Number.isInteger(n) && n! >= 0)).toBe(true);
        expect(total).toBe(subTotal! - discount! + tax!);
        for (const line of arr(order['orderDetails']).map(obj)) {
          expect(line['orderId']).toBe(order['id']);
          expect(['Product', 'PerDev', 'PerCore', 'Site', 'Support', 'Training', 'Register', 'Payment']).toContain(
            line['skuType'],
          );
          expect(line['quantity']).toBeGreaterThanOrEqual(1);
          expect(line['quantity']).toBeLessThanOrEqual(10);
          expect(line['total']).toBe((line['price'] as number) * (line['quantity'] as number));
        }
      }
      for (const sub of arr(c['subscriptions']).map(obj)) {
        expect(sub['stripeSubscriptionId']).toMatch(/^sub_/);
        expect(Date.parse(String(sub['expiryDate']))).toBeGreaterThan(NOW);
        expect(Date.parse(String(sub['renewalDate']))).toBeGreaterThan(NOW);
        expect(['Free', 'Indie', 'Business', 'Enterprise', 'Trial', 'Site']).toContain(sub['licenseType']);
        expect(sub['code']).toMatch(/^[A-Z0-9]+$/);
        const key = obj(sub['licenseKey']);
        expect(key['hash']).toMatch(/^[A-Za-z0-9]{32}$/);
        expect(Date.parse(String(key['expiry']))).toBeGreaterThan(NOW);
      }
    }
  });

  it('writes formats the way ServiceStack does: ISO date-times, PT durations, RFC 4122 uuids, 2-dp decimals', () => {
    for (let seed = 0; seed < 30; seed++) {
      const b = fakeOf(home, 'Booking', { seed });
      expect(b['id']).toMatch(UUID);
      expect(b['duration']).toMatch(/^PT(\d+H)?(\d+M)?$/);
      expect(b['startsAt']).toMatch(ISO);
      expect(b['website']).toMatch(/^https?:\/\//);
      for (const money of ['price', 'total']) expect(Math.round((b[money] as number) * 100) / 100).toBe(b[money]);
      expect(b['total']).toBe(Math.round((b['price'] as number) * (b['quantity'] as number) * 100) / 100);
      for (const tag of arr(b['tags'])) expect(tag).toMatch(/^[a-z]+$/);
    }
  });
});
