/**
 * What differs between an Australian API (Billiecart) and a US one (ServiceStack Home): faker's
 * locale, places, phone numbers, licences, time zones. Everything else is shared.
 */
import type { Faker } from '@faker-js/faker';
import { faker as australianFaker } from '@faker-js/faker/locale/en_AU';
import { faker as americanFaker } from '@faker-js/faker/locale/en_US';
import type { ApiLocale } from '../schema/manifest.js';
import { mulberry32Randomizer } from './random.js';
import { digits, digitsNoLeadingZero } from './values.js';

export type Locale = 'au' | 'us';

const FLAVOUR_OF: Record<ApiLocale, Locale> = { 'en-AU': 'au', 'en-US': 'us' };
/** The flavour of an API's manifest `locale`. */
export const fakerLocale = (locale: ApiLocale): Locale => FLAVOUR_OF[locale];

/** One coherent place: the suburb lies in the state and has that state's postcode and time zone. */
export interface Place {
  suburb: string;
  state: string;
  postcode: string;
  timezone: string;
}

export interface Flavour {
  readonly locale: Locale;
  readonly country: string;
  readonly countryCode: string;
  readonly currency: string;
  readonly timezones: readonly string[];
  /** GST in Australia; a typical US sales tax. Used to make `tax` agree with `subTotal`. */
  readonly taxRate: number;
  /** A fresh @faker-js/faker in this locale, with its own randomizer (seeded per fake). */
  createFaker(): Faker;
  place(f: Faker): Place;
  phone(f: Faker): string;
  driversLicence(f: Faker): string;
}

// Real suburbs with their real postcodes, so an address passes a human's sniff test (faker's
// en_AU city names are invented, e.g. "South Chloe"). Weights follow state population roughly.
const AU_PLACES: ReadonlyArray<{ state: string; weight: number; timezone: string; suburbs: [string, string][] }> = [
  {
    state: 'NSW',
    weight: 32,
    timezone: 'Australia/Sydney',
    suburbs: [
      ['Parramatta', '2150'],
      ['Bondi Beach', '2026'],
      ['Newtown', '2042'],
      ['Chatswood', '2067'],
      ['Manly', '2095'],
      ['Penrith', '2750'],
      ['Wollongong', '2500'],
      ['Newcastle', '2300'],
    ],
  },
  {
    state: 'VIC',
    weight: 26,
    timezone: 'Australia/Melbourne',
    suburbs: [
      ['Fitzroy', '3065'],
      ['Richmond', '3121'],
      ['St Kilda', '3182'],
      ['Box Hill', '3128'],
      ['Geelong', '3220'],
      ['Ballarat', '3350'],
    ],
  },
  {
    state: 'QLD',
    weight: 20,
    timezone: 'Australia/Brisbane',
    suburbs: [
      ['Fortitude Valley', '4006'],
      ['Paddington', '4064'],
      ['Southport', '4215'],
      ['Toowoomba', '4350'],
      ['Townsville', '4810'],
      ['Cairns', '4870'],
    ],
  },
  {
    state: 'WA',
    weight: 11,
    timezone: 'Australia/Perth',
    suburbs: [
      ['Subiaco', '6008'],
      ['Scarborough', '6019'],
      ['Joondalup', '6027'],
      ['Fremantle', '6160'],
      ['Bunbury', '6230'],
    ],
  },
  {
    state: 'SA',
    weight: 7,
    timezone: 'Australia/Adelaide',
    suburbs: [
      ['Glenelg', '5045'],
      ['Norwood', '5067'],
      ['Prospect', '5082'],
      ['Mount Gambier', '5290'],
    ],
  },
  {
    state: 'TAS',
    weight: 2,
    timezone: 'Australia/Hobart',
    suburbs: [
      ['Hobart', '7000'],
      ['Sandy Bay', '7005'],
      ['Launceston', '7250'],
      ['Devonport', '7310'],
    ],
  },
  {
    state: 'ACT',
    weight: 2,
    timezone: 'Australia/Sydney',
    suburbs: [
      ['Kingston', '2604'],
      ['Braddon', '2612'],
      ['Belconnen', '2617'],
      ['Tuggeranong', '2900'],
    ],
  },
  {
    state: 'NT',
    weight: 1,
    timezone: 'Australia/Darwin',
    suburbs: [
      ['Darwin', '0800'],
      ['Casuarina', '0810'],
      ['Palmerston', '0830'],
      ['Alice Springs', '0870'],
    ],
  },
];
const WEIGHTED_AU_PLACES = AU_PLACES.map((p) => ({ weight: p.weight, value: p }));

const AU_TIMEZONES = [
  'Australia/Sydney',
  'Australia/Melbourne',
  'Australia/Brisbane',
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Hobart',
  'Australia/Darwin',
] as const;

const US_TIMEZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
] as const;

/**
 * A new Faker with a locale's data (en_AU or en_US over en and base) and our seedable randomizer.
 * Built from the locale's prebuilt instance: importing '@faker-js/faker' itself loads all 70 locales,
 * 130 ms of start-up; the locale subpaths load three.
 */
const withOwnRandomizer = (prebuilt: Faker): Faker => {
  const FakerClass = prebuilt.constructor as typeof Faker;
  return new FakerClass({ locale: prebuilt.rawDefinitions, randomizer: mulberry32Randomizer() });
};

const australia: Flavour = {
  locale: 'au',
  country: 'Australia',
  countryCode: 'AU',
  currency: 'AUD',
  timezones: AU_TIMEZONES,
  taxRate: 0.1,
  createFaker: () => withOwnRandomizer(australianFaker),
  place(f) {
    const region = f.helpers.weightedArrayElement(WEIGHTED_AU_PLACES);
    const [suburb, postcode] = f.helpers.arrayElement(region.suburbs);
    return { suburb, state: region.state, postcode, timezone: region.timezone };
  },
  // Mobile numbers in international format: what a customer form captures most often.
  phone: (f) => `+61 4${digits(f, 2)} ${digits(f, 3)} ${digits(f, 3)}`,
  // Licence numbers are 8 or 9 digits in most states (NSW 8, QLD 9).
  driversLicence: (f) => digitsNoLeadingZero(f, f.number.int({ min: 8, max: 9 })),
};

const unitedStates: Flavour = {
  locale: 'us',
  country: 'United States',
  countryCode: 'US',
  currency: 'USD',
  timezones: US_TIMEZONES,
  taxRate: 0.08,
  createFaker: () => withOwnRandomizer(americanFaker),
  place: (f) => ({
    suburb: f.location.city(),
    state: f.location.state({ abbreviated: true }),
    postcode: f.location.zipCode('#####'),
    timezone: f.helpers.arrayElement(US_TIMEZONES),
  }),
  // NANP: area code and exchange never start with 0 or 1.
  phone: (f) =>
    `+1 ${f.number.int({ min: 2, max: 9 })}${digits(f, 2)}-${f.number.int({ min: 2, max: 9 })}${digits(f, 2)}-${digits(f, 4)}`,
  // California style: one letter, seven digits.
  driversLicence: (f) => `${f.string.alpha({ length: 1, casing: 'upper' })}${digits(f, 7)}`,
};

export function flavourOf(locale: Locale | undefined): Flavour {
  return locale === 'au' ? australia : unitedStates;
}
