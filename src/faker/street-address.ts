/**
 * `faker.location.streetAddress()` without faker's template engine: the same calls, in the same order, so the same
 * seed gives the same address (street-address.test.ts). Faker fills `{{location.buildingNumber}} {{location.street}}`
 * and then the street's own pattern by parsing each template on every call; that parsing was most of what faking a
 * Billiecart Customer cost. A pattern is split once; a token is a faker method, or a list in the locale's
 * definitions (picked from as faker does), and anything else is left to faker.
 */
import type { Faker } from '@faker-js/faker';

const TOKEN = /\{\{([^{}]+)\}\}/;
const split = new Map<string, string[]>();

const partsOf = (pattern: string): string[] => {
  let parts = split.get(pattern);
  if (!parts) {
    parts = pattern.split(TOKEN);
    split.set(pattern, parts);
  }
  return parts;
};

const fill = (f: Faker, path: string): string => {
  const [module = '', name = ''] = path.split('.');
  const owner = (f as unknown as Record<string, Record<string, unknown> | undefined>)[module];
  const method = owner?.[name];
  if (typeof method === 'function') return String((method as () => unknown)());
  const definitions = (f.definitions as unknown as Record<string, Record<string, unknown> | undefined>)[module];
  const list = definitions?.[name];
  if (Array.isArray(list) && list.every((item) => typeof item === 'string')) {
    const picked = f.helpers.arrayElement(list as string[]);
    return picked.includes('{{') ? f.helpers.fake(picked) : picked;
  }
  return f.helpers.fake(`{{${path}}}`);
};

const render = (f: Faker, pattern: string): string => {
  const parts = partsOf(pattern);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) out += fill(f, parts[i]!) + (parts[i + 1] ?? '');
  return out;
};

const NORMAL = '{{location.buildingNumber}} {{location.street}}';

export const streetAddress = (f: Faker): string => {
  const { street_address: address, street_pattern: patterns } = f.definitions.location;
  // A locale that writes addresses another way is left to faker.
  if (address?.normal !== NORMAL || !Array.isArray(patterns) || patterns.length === 0)
    return f.location.streetAddress();
  return `${f.location.buildingNumber()} ${render(f, f.helpers.arrayElement(patterns))}`;
};
