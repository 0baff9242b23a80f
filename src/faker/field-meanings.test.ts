import type { JsonSchema } from '../schema/json-schema.js';
import { camelCase, meaningOf, reconcileMoney, type FieldContext } from './field-meanings.js';
import { flavourOf, type Locale } from './flavour.js';
import { Scope } from './scope.js';
import { fits, scalarSpecOf } from './values.js';

const NOW = new Date('2026-01-01T00:00:00.000Z');
const YEAR_MS = 365.25 * 86_400_000;
const STRING: JsonSchema = { type: 'string' };
const DATE_TIME: JsonSchema = { type: 'string', format: 'date-time' };
const INT: JsonSchema = { type: 'integer', format: 'int32' };
const NUMBER: JsonSchema = { type: 'number' };

function contextFor(
  name: string,
  schema: JsonSchema,
  locale: Locale,
  seed: number,
  scope = new Scope(undefined, undefined, false),
): FieldContext {
  const flavour = flavourOf(locale);
  const f = flavour.createFaker();
  f.seed(seed);
  return { f, flavour, now: NOW, scope, spec: scalarSpecOf(schema), name: camelCase(name) };
}

/** Generates `name` for 25 seeds, keeping only values the schema accepts (as fill.ts does). */
function samples(name: string, schema: JsonSchema, locale: Locale = 'au'): unknown[] {
  const generate = meaningOf(camelCase(name), scalarSpecOf(schema).kind);
  if (!generate) throw new Error(`no meaning for ${name}`);
  return Array.from({ length: 25 }, (_, seed) => {
    const c = contextFor(name, schema, locale, seed + 1);
    const value = generate(c);
    expect(fits(value, c.spec)).toBe(true);
    return value;
  });
}

const yearsBefore = (value: unknown): number => (NOW.getTime() - Date.parse(String(value))) / YEAR_MS;

describe('field meanings', () => {
  // Every row has all four cells: jest passes a `done` callback to a test function with more parameters than cells.
  it.each<[string, JsonSchema, RegExp, Locale]>([
    ['email', STRING, /^[\w.+-]+@example\.(com|net|org)$/, 'au'],
    ['firstName', STRING, /^[A-Z][a-zA-Z' -]+$/, 'au'],
    ['lastName', STRING, /^[A-Z][a-zA-Z' -]+$/, 'au'],
    ['displayName', STRING, /^[A-Z][a-zA-Z'-]+ [A-Z][a-zA-Z' -]+$/, 'au'],
    ['phone', STRING, /^\+61 4\d{2} \d{3} \d{3}$/, 'au'],
    ['phoneNumber', STRING, /^\+61 4\d{2} \d{3} \d{3}$/, 'au'],
    ['PhoneNumber', STRING, /^\+61 4\d{2} \d{3} \d{3}$/, 'au'],
    ['phone_number', STRING, /^\+61 4\d{2} \d{3} \d{3}$/, 'au'],
    ['phoneNumber', STRING, /^\+1 [2-9]\d{2}-[2-9]\d{2}-\d{4}$/, 'us'],
    ['addressLine1', STRING, /^\d+ [A-Z]/, 'au'],
    ['addressLine2', STRING, /^(Apt\.|Suite|Unit|Level) ?\d*/, 'au'],
    ['suburb', STRING, /^[A-Z][a-z]+( [A-Z][a-z]+)?$/, 'au'],
    ['addressCity', STRING, /^[A-Z]/, 'us'],
    ['stateTerritory', STRING, /^(NSW|VIC|QLD|WA|SA|TAS|ACT|NT)$/, 'au'],
    ['addressState', STRING, /^[A-Z]{2}$/, 'us'],
    ['postcode', STRING, /^\d{4}$/, 'au'],
    ['addressZip', STRING, /^\d{5}$/, 'us'],
    ['addressCountry', STRING, /^Australia$/, 'au'],
    ['bsbNumber', STRING, /^\d{3}-\d{3}$/, 'au'],
    ['accountNumber', STRING, /^[1-9]\d{7,8}$/, 'au'],
    ['driversLicenceNo', STRING, /^[1-9]\d{7,8}$/, 'au'],
    ['driversLicenceNo', STRING, /^[A-Z]\d{7}$/, 'us'],
    ['timezone', STRING, /^Australia\/(Sydney|Melbourne|Brisbane|Perth|Adelaide|Hobart|Darwin)$/, 'au'],
    ['timeZone', STRING, /^(America|Pacific)\/[A-Za-z_]+$/, 'us'],
    ['company', STRING, /^[A-Z]/, 'au'],
    ['productName', STRING, /^[A-Z]\w+ \w+/, 'au'],
    ['description', STRING, /^[A-Z][a-z]+( [a-z]+)+\.$/, 'au'],
    ['notes', STRING, /^[A-Z][a-z]+( [a-z]+)*\.$/, 'au'],
    ['licenseRef', STRING, /^[A-Z0-9]{10}$/, 'au'],
    ['code', STRING, /^[A-Z0-9]{10}$/, 'au'],
    ['hash', STRING, /^[A-Za-z0-9]{32}$/, 'au'],
    ['stripeCustomerId', STRING, /^cus_[A-Za-z0-9]{14}$/, 'au'],
    ['stripeSubscriptionId', STRING, /^sub_[A-Za-z0-9]{14}$/, 'au'],
    ['stripeCouponId', STRING, /^[A-Z]+\d+$/, 'au'],
    ['ipAddress', STRING, /^(\d{1,3}\.){3}\d{1,3}$/, 'au'],
    ['url', STRING, /^https?:\/\/[\w.-]+/, 'au'],
    ['last4', STRING, /^\d{4}$/, 'au'],
    ['preferredContactMethod', STRING, /^(Email|Phone|SMS)$/, 'au'],
    ['id', STRING, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'au'],
    ['userAccountId', STRING, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'au'],
    ['dateOfBirth', { type: 'string', format: 'date' }, /^\d{4}-\d{2}-\d{2}$/, 'au'],
  ])('%s (%j) looks like %s in %s', (name, schema, pattern, locale) => {
    for (const value of samples(name, schema, locale)) expect(value).toMatch(pattern);
  });

  it.each<[string, JsonSchema, number, number]>([
    ['id', INT, 1, 99_999],
    ['customerId', INT, 1, 99_999],
    ['quantity', INT, 1, 10],
    ['itemQuantity', INT, 1, 10],
    ['price', INT, 100, 100_000],
    ['subTotal', INT, 100, 100_000],
    ['price', NUMBER, 1, 1000],
    ['total', NUMBER, 1, 1000],
  ])('%s (%j) is between %d and %d', (name, schema, min, max) => {
    for (const value of samples(name, schema)) {
      expect(value).toBeGreaterThanOrEqual(min);
      expect(value).toBeLessThanOrEqual(max);
      if (schema.type === 'integer') expect(Number.isInteger(value)).toBe(true);
      else expect(Math.round((value as number) * 100) / 100).toBe(value);
    }
  });

  it('makes dates of birth those of adults (18–90), as ISO date-times', () => {
    for (const value of samples('dateOfBirth', DATE_TIME)) {
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(yearsBefore(value)).toBeGreaterThanOrEqual(18);
      expect(yearsBefore(value)).toBeLessThanOrEqual(91);
    }
  });

  it('puts createdDate in the recent past and expiry dates in the near future', () => {
    for (const value of samples('createdDate', DATE_TIME)) expect(yearsBefore(value)).toBeGreaterThan(0);
    for (const value of samples('createdDate', DATE_TIME)) expect(yearsBefore(value)).toBeLessThanOrEqual(1);
    for (const name of ['expiry', 'expiryDate', 'renewalDate']) {
      for (const value of samples(name, DATE_TIME)) {
        expect(yearsBefore(value)).toBeLessThan(0);
        expect(yearsBefore(value)).toBeGreaterThanOrEqual(-1);
      }
    }
  });

  it('puts modifiedDate and cancelledDate between the same object’s createdDate and now', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const scope = new Scope(undefined, undefined, false);
      scope.values['createdDate'] = '2025-06-01T00:00:00.000Z';
      for (const name of ['modifiedDate', 'cancelledDate']) {
        const c = contextFor(name, DATE_TIME, 'au', seed, scope);
        const value = Date.parse(String(meaningOf(name, 'date-time')?.(c)));
        expect(value).toBeGreaterThanOrEqual(Date.parse('2025-06-01T00:00:00.000Z'));
        expect(value).toBeLessThanOrEqual(NOW.getTime());
      }
    }
  });

  it('uses the same person for first name, last name, display name and email of one object', () => {
    const scope = new Scope(undefined, undefined, false);
    const value = (name: string): string => String(meaningOf(name, 'text')?.(contextFor(name, STRING, 'au', 5, scope)));
    const [first, last] = [value('firstName'), value('lastName')];
    expect(value('displayName')).toBe(`${first} ${last}`);
    expect(value('email').toLowerCase()).toContain(last.toLowerCase().replace(/[^a-z]/g, ''));
  });

  it('keeps suburb, state, postcode and time zone of one object in the same place', () => {
    const states: Record<string, [RegExp, RegExp]> = {
      NSW: [/^2/, /Sydney/],
      ACT: [/^2[69]/, /Sydney/],
      VIC: [/^3/, /Melbourne/],
      QLD: [/^4/, /Brisbane/],
      SA: [/^5/, /Adelaide/],
      WA: [/^6/, /Perth/],
      TAS: [/^7/, /Hobart/],
      NT: [/^08/, /Darwin/],
    };
    for (let seed = 1; seed <= 40; seed++) {
      const scope = new Scope(undefined, undefined, false);
      const value = (name: string): string =>
        String(meaningOf(name, 'text')?.(contextFor(name, STRING, 'au', seed, scope)));
      const [postcode, timezone] = states[value('stateTerritory')] ?? [/never/, /never/];
      expect(value('postcode')).toMatch(postcode);
      expect(value('timezone')).toMatch(timezone);
    }
  });

  it('reuses an enclosing entity’s id for <type>Id', () => {
    const customer = new Scope(undefined, 'Customer', false);
    customer.values['id'] = 42;
    const order = new Scope(customer, 'Order', false);
    expect(meaningOf('customerId', 'integer')?.(contextFor('customerId', INT, 'us', 1, order))).toBe(42);
    // A string id in the ancestor does not fit an integer property: a fresh one instead.
    customer.values['id'] = 'abc';
    expect(meaningOf('customerId', 'integer')?.(contextFor('customerId', INT, 'us', 1, order))).not.toBe('abc');
  });

  it('matches by kind: an integer emailId is an id, not an email; a boolean paid is left alone', () => {
    expect(samples('emailId', INT).every((v) => Number.isInteger(v))).toBe(true);
    expect(meaningOf('paid', 'boolean')).toBeUndefined();
    expect(meaningOf('plan', 'text')).toBeUndefined();
    expect(meaningOf('email', 'integer')).toBeUndefined();
  });

  it.each([
    ['phone_number', 'phoneNumber'],
    ['PhoneNumber', 'phoneNumber'],
    ['address-line-1', 'addressLine1'],
    ['ID', 'id'],
    ['Id', 'id'],
    ['last4', 'last4'],
  ])('camelCases %s as %s', (name, expected) => {
    expect(camelCase(name)).toBe(expected);
  });
});

describe('reconcileMoney', () => {
  const run = (values: Record<string, unknown>, integer = true): Record<string, unknown> => {
    reconcileMoney(
      values,
      (name, value) => (values[name] = integer ? Math.round(value) : Math.round(value * 100) / 100),
      flavourOf('au'),
    );
    return values;
  };

  it('makes a line total price × quantity', () => {
    expect(run({ price: 1250, quantity: 3, total: 1 })).toEqual({ price: 1250, quantity: 3, total: 3750 });
  });

  it('makes an order total subTotal − discount + tax, with GST on the discounted amount', () => {
    expect(run({ subTotal: 10_000, discount: 1000, tax: 5, total: 1 })).toEqual({
      subTotal: 10_000,
      discount: 1000,
      tax: 900,
      total: 9900,
    });
  });

  it('caps a discount larger than half the subtotal', () => {
    expect(run({ subTotal: 10_000, discount: 9000, total: 1 })).toEqual({
      subTotal: 10_000,
      discount: 1000,
      total: 9000,
    });
  });

  it('rounds decimal money to cents', () => {
    expect(run({ price: 19.99, quantity: 3, total: 1 }, false)['total']).toBe(59.97);
  });

  it('leaves objects without a total alone', () => {
    expect(run({ price: 5, quantity: 2 })).toEqual({ price: 5, quantity: 2 });
  });
});
