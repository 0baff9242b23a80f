/**
 * What a property's name says about its value. One row per meaning, first match wins, so put the
 * specific rows (stripeCustomerId) above the general ones (*Id). To teach the faker a new field,
 * add a row: a name pattern, the scalar kinds it can fill and a generator.
 *
 * A generator may return anything: the caller keeps its value only if it fits the schema (type,
 * bounds, int32…) and otherwise falls back to a plain value of the right kind.
 */
import type { Faker } from '@faker-js/faker';
import type { Flavour, Place } from './flavour.js';
import type { Person, Scope } from './scope.js';
import { streetAddress } from './street-address.js';
import {
  dateAround,
  decimalWithin,
  digits,
  digitsNoLeadingZero,
  exampleEmail,
  formatDate,
  intWithin,
  lastName,
  uuid,
  type ScalarKind,
  type ScalarSpec,
} from './values.js';

export interface FieldContext {
  /** A seeded @faker-js/faker instance in the API's locale. */
  readonly f: Faker;
  readonly flavour: Flavour;
  /** "Now" for dates: fixed, so fakes stay byte-identical from day to day. */
  readonly now: Date;
  readonly scope: Scope;
  readonly spec: ScalarSpec;
  /** The property name, camelCased. */
  readonly name: string;
}

export type FieldGenerator = (c: FieldContext) => unknown;

export interface FieldMeaning {
  /** Matched against the camelCased property name (`phone_number` and `PhoneNumber` become `phoneNumber`). */
  names: RegExp;
  kinds: readonly ScalarKind[];
  generate: FieldGenerator;
}

const TEXT: readonly ScalarKind[] = ['text'];
const DATE: readonly ScalarKind[] = ['date-time', 'date', 'text'];
const NUMERIC: readonly ScalarKind[] = ['integer', 'number'];

// Shared identity of the object being filled (see Scope): generated once, used by several fields.
const person = (c: FieldContext): Person =>
  c.scope.personOr(() => ({ firstName: c.f.person.firstName(), lastName: lastName(c.f) }));
const place = (c: FieldContext): Place => c.scope.placeOr(() => c.flavour.place(c.f));

const STRIPE_PREFIXES: Readonly<Record<string, string>> = {
  customer: 'cus',
  subscription: 'sub',
  payment: 'pi',
  paymentIntent: 'pi',
  paymentMethod: 'pm',
  invoice: 'in',
  charge: 'ch',
  price: 'price',
  product: 'prod',
  plan: 'plan',
  card: 'card',
  refund: 're',
  source: 'src',
};

// Australian bank BSB prefixes (ANZ 01x, Westpac 03x/73x, CBA 06x, NAB 08x, Bendigo 63x).
const BSB_PREFIXES = ['012', '032', '062', '063', '082', '083', '633', '732'];

function money(c: FieldContext): number {
  // Cents when the schema says integer (ServiceStack Home stores money that way), dollars otherwise.
  return c.spec.kind === 'integer' ? intWithin(c.f, c.spec, 100, 100_000) : decimalWithin(c.f, c.spec, 1, 1000);
}

function asDate(c: FieldContext, date: Date): string {
  return formatDate(date, c.spec.kind);
}

function id(c: FieldContext): unknown {
  // `customerId` inside a Customer's order is that customer's id.
  const owner = /^(.+)Id$/.exec(c.name)?.[1];
  const inherited = owner === undefined ? undefined : c.scope.ancestorValue(owner, 'id');
  if (inherited !== undefined && (typeof inherited === 'number') === (c.spec.kind === 'integer')) return inherited;
  return c.spec.kind === 'integer' ? intWithin(c.f, c.spec, 1, 99_999) : uuid(c.f);
}

function stripeId(c: FieldContext): string {
  const noun = /^stripe(\w+?)Id$/.exec(c.name)?.[1] ?? '';
  const key = noun.charAt(0).toLowerCase() + noun.slice(1);
  const prefix = STRIPE_PREFIXES[key] ?? (key.slice(0, 3) || 'obj');
  return `${prefix}_${c.f.string.alphanumeric(14)}`;
}

function modified(c: FieldContext): string {
  // After the same object's createdDate, if it has one (and it comes first, as it does in DTOs).
  const created = Date.parse(String(c.scope.values['createdDate'] ?? c.scope.values['createdAt'] ?? ''));
  if (Number.isNaN(created)) return asDate(c, dateAround(c.f, c.now, -90, 0));
  const sinceCreated = Math.floor((c.now.getTime() - created) / 86_400_000);
  return asDate(c, dateAround(c.f, new Date(created), 0, Math.max(sinceCreated, 0)));
}

export const FIELD_MEANINGS: readonly FieldMeaning[] = [
  // People
  { names: /^(firstName|givenName|forename)$/, kinds: TEXT, generate: (c) => person(c).firstName },
  { names: /^(lastName|surname|familyName)$/, kinds: TEXT, generate: (c) => person(c).lastName },
  {
    names: /^(displayName|fullName|name|contactName|customerName|accountName|licenseeName)$/,
    kinds: TEXT,
    generate: (c) => `${person(c).firstName} ${person(c).lastName}`,
  },
  {
    // example.com addresses: realistic, and never a real person's inbox.
    names: /^(email|emailAddress|(contact|billing|license|work|personal)Email)$/,
    kinds: [...TEXT, 'email'],
    generate: (c) => exampleEmail(c.f, person(c)),
  },
  {
    names: /^(createdBy|modifiedBy|updatedBy)$/,
    kinds: [...TEXT, 'email'],
    generate: (c) => exampleEmail(c.f),
  },
  { names: /^(userName|username|login|userAuthName)$/, kinds: TEXT, generate: (c) => c.f.internet.username(person(c)) },
  {
    names: /^(phone|phoneNumber|mobile|mobileNumber|mobilePhone|homePhone|workPhone|contactNumber)$/,
    kinds: TEXT,
    generate: (c) => c.flavour.phone(c.f),
  },
  {
    names: /^(preferredContactMethod|contactMethod)$/,
    kinds: TEXT,
    generate: (c) => c.f.helpers.arrayElement(['Email', 'Phone', 'SMS']),
  },
  { names: /^(dateOfBirth|dob|birthDate|birthday)$/, kinds: DATE, generate: (c) => asDate(c, adultBirthDate(c)) },
  { names: /^(drivers?Licen[cs]e(No|Number)?)$/, kinds: TEXT, generate: (c) => c.flavour.driversLicence(c.f) },
  { names: /^age$/, kinds: NUMERIC, generate: (c) => intWithin(c.f, c.spec, 18, 90) },
  {
    names: /^(rating|stars|score)$/,
    kinds: NUMERIC,
    generate: (c) => (c.spec.kind === 'integer' ? intWithin(c.f, c.spec, 1, 5) : decimalWithin(c.f, c.spec, 1, 5)),
  },

  // Places
  {
    names: /^(addressLine1|address1|line1|street|streetAddress|address|addressStreet)$/,
    kinds: TEXT,
    generate: (c) => streetAddress(c.f),
  },
  { names: /^(addressLine2|address2|line2)$/, kinds: TEXT, generate: (c) => c.f.location.secondaryAddress() },
  {
    names: /^(fullAddress|licenseAddress|postalAddress|billingAddress|mailingAddress)$/,
    kinds: TEXT,
    generate: (c) => `${streetAddress(c.f)}, ${place(c).suburb} ${place(c).state} ${place(c).postcode}`,
  },
  { names: /^(suburb|city|town|locality|addressCity|addressSuburb)$/, kinds: TEXT, generate: (c) => place(c).suburb },
  {
    names: /^(state|stateTerritory|stateOrTerritory|addressState|province|region)$/,
    kinds: TEXT,
    generate: (c) => place(c).state,
  },
  {
    names: /^(postcode|postCode|postalCode|zip|zipCode|addressZip|addressPostcode|addressPostCode)$/,
    kinds: TEXT,
    generate: (c) => place(c).postcode,
  },
  { names: /^(country|addressCountry|countryName)$/, kinds: TEXT, generate: (c) => c.flavour.country },
  { names: /^(countryCode|addressCountryCode)$/, kinds: TEXT, generate: (c) => c.flavour.countryCode },
  { names: /^(timezone|timeZone|timeZoneId|ianaTimezone|tz)$/, kinds: TEXT, generate: (c) => place(c).timezone },

  // Banking and payments
  {
    names: /^(bsb|bsbNumber)$/,
    kinds: TEXT,
    generate: (c) => `${c.f.helpers.arrayElement(BSB_PREFIXES)}-${digits(c.f, 3)}`,
  },
  {
    names: /^(accountNumber|bankAccountNumber|accountNo)$/,
    kinds: TEXT,
    generate: (c) => digitsNoLeadingZero(c.f, c.f.number.int({ min: 8, max: 9 })),
  },
  { names: /^(last4|cardLast4|last4Digits)$/, kinds: TEXT, generate: (c) => digits(c.f, 4) },
  {
    names: /^(coupon|couponCode|couponId|stripeCouponId|promoCode)$/,
    kinds: TEXT,
    generate: (c) =>
      `${c.f.helpers.arrayElement(['SAVE', 'WELCOME', 'SPRING', 'LOYAL', 'VIP'])}${c.f.helpers.arrayElement([10, 15, 20, 25])}`,
  },
  { names: /^stripe\w+Id$/, kinds: TEXT, generate: stripeId },
  { names: /^(currency|currencyCode)$/, kinds: TEXT, generate: (c) => c.flavour.currency },
  {
    names:
      /^(price|amount|total|subTotal|subtotal|discount|tax|gst|cost|fee|balance|\w+(Price|Amount|Total|Cost|Fee))$/,
    kinds: NUMERIC,
    generate: money,
  },
  { names: /^(quantity|qty|\w+(Quantity|Qty))$/, kinds: NUMERIC, generate: (c) => intWithin(c.f, c.spec, 1, 10) },

  // Dates
  {
    names: /^(created|createdDate|createdAt|createdOn|dateCreated)$/,
    kinds: DATE,
    generate: (c) => asDate(c, dateAround(c.f, c.now, -365, -1)),
  },
  {
    names: /^(modified|modifiedDate|modifiedAt|modifiedOn|updated|updatedAt|updatedDate|lastModified|dateModified)$/,
    kinds: DATE,
    generate: modified,
  },
  {
    // Things that happen to an existing record: after its createdDate.
    names: /^(cancel+ed|completed|closed|paid|deleted|archived)(Date|At|On)$/,
    kinds: DATE,
    generate: modified,
  },
  {
    names:
      /^(expiry|expiryDate|expires|expiresAt|expiresOn|renewalDate|renewsAt|renewsOn|dueDate|validUntil|nextBillingDate)$/,
    kinds: DATE,
    generate: (c) => asDate(c, dateAround(c.f, c.now, 1, 365)),
  },
  {
    names: /^\w+Days$/,
    kinds: NUMERIC,
    generate: (c) => c.f.helpers.arrayElement([7, 14, 30, 90, 365]),
  },

  // Commerce and organisations
  {
    names:
      /^(company|companyName|organisation|organization|organisationName|organizationName|businessName|licenseName)$/,
    kinds: TEXT,
    generate: (c) => c.f.company.name(),
  },
  {
    names: /^(productName|skuName|planName|itemName|product)$/,
    kinds: TEXT,
    generate: (c) => c.f.commerce.productName(),
  },
  {
    names:
      /^(description|notes?|comments?|summary|remarks|reason|message|error|errorMessage|\w+(Reason|Notes?|Description))$/,
    kinds: TEXT,
    generate: (c) => c.f.lorem.sentence(),
  },

  // Codes, keys and references
  {
    names: /^(halg|hashAlgorithm)$/,
    kinds: TEXT,
    generate: (c) => c.f.helpers.arrayElement(['SHA1', 'SHA256', 'SHA512']),
  },
  {
    names: /^(hash|checksum|signature|\w+Hash)$/,
    kinds: TEXT,
    generate: (c) => c.f.string.alphanumeric(32),
  },
  {
    names: /^(licenseKey|licenseKeyText|apiKey|accessKey|secretKey)$/,
    kinds: TEXT,
    generate: (c) => c.f.string.alphanumeric(40),
  },
  {
    names: /^(code|ref|reference|\w+(Ref|Code|Reference))$/,
    kinds: TEXT,
    generate: (c) => c.f.string.alphanumeric({ length: 10, casing: 'upper' }),
  },

  // Internet
  {
    names: /^(ip|ipAddress|clientIp|remoteIp|\w+IpAddress)$/,
    kinds: [...TEXT, 'ipv4'],
    generate: (c) => c.f.internet.ipv4(),
  },
  {
    names: /^(url|uri|website|homepage|link|href|\w+(Url|Uri))$/,
    kinds: [...TEXT, 'uri'],
    generate: (c) => c.f.internet.url(),
  },

  // Identifiers last: `*Id` is the broadest pattern.
  { names: /^(id|[a-z]\w*Id)$/, kinds: ['uuid', 'text', 'integer'], generate: id },
];

function adultBirthDate(c: FieldContext): Date {
  const date = c.f.date.birthdate({ mode: 'age', min: 18, max: 90, refDate: c.now });
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** The generator for a property, or undefined when its name (for this kind of value) means nothing to us. */
export function meaningOf(name: string, kind: ScalarKind): FieldGenerator | undefined {
  const key = camelCase(name);
  return FIELD_MEANINGS.find((m) => m.kinds.includes(kind) && m.names.test(key))?.generate;
}

/** `phone_number`, `PhoneNumber`, `phone-number` → `phoneNumber`. */
export function camelCase(name: string): string {
  const joined = name.replace(/[_-]+([a-zA-Z0-9])/g, (_, ch: string) => ch.toUpperCase());
  return /^[A-Z]{2,}$/.test(joined) ? joined.toLowerCase() : joined.charAt(0).toLowerCase() + joined.slice(1);
}

/**
 * Sibling fields that must add up: a line's total is price × quantity; an order's total is
 * subTotal − discount + tax, with tax at the flavour's rate. `set` rounds to the property's type
 * (cents or 2 dp) and keeps only values that fit its schema, so read values back after setting.
 */
export function reconcileMoney(
  values: Readonly<Record<string, unknown>>,
  set: (name: string, value: number) => void,
  flavour: Flavour,
): void {
  const num = (name: string): number | undefined => {
    const v = values[name];
    return typeof v === 'number' ? v : undefined;
  };
  const price = num('price');
  const quantity = num('quantity');
  const subTotal = num('subTotal');
  if (num('total') === undefined) return;

  if (subTotal === undefined) {
    if (price !== undefined && quantity !== undefined) set('total', price * quantity);
    return;
  }
  if ((num('discount') ?? 0) > subTotal / 2) set('discount', subTotal * 0.1);
  const discount = num('discount') ?? 0;
  if (num('tax') !== undefined) set('tax', (subTotal - discount) * flavour.taxRate);
  set('total', subTotal - discount + (num('tax') ?? 0));
}
