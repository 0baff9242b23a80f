import path from 'node:path';
import { pickApiId, pickApiIds } from './apis.js';

const root = path.resolve('schemas');
const hosts = new Map([
  ['billiecart', 'staging-api.billiecart.com.au'],
  ['servicestack-home', null],
]);
const target = (url: string) => ({ target: url, hosts });

describe('pickApiId', () => {
  it.each([
    ['--api, any case', 'BillieCart', undefined, 'billiecart'],
    [
      'a target ending in the base path',
      undefined,
      target('http://localhost:5050/servicestack-home'),
      'servicestack-home',
    ],
    ['a target ending in the base path and a slash', undefined, target('http://mock:5050/billiecart/'), 'billiecart'],
    [
      'a target on the host the manifest names',
      undefined,
      target('https://staging-api.billiecart.com.au'),
      'billiecart',
    ],
    ['--api over the target', 'billiecart', target('http://localhost:5050/servicestack-home'), 'billiecart'],
  ])('%s', (_, wanted, hint, expected) => expect(pickApiId(root, wanted, hint)).toBe(expected));

  it.each([
    ['a typo', 'billicart', undefined, "no API 'billicart' in schemas; APIs: billiecart, servicestack-home"],
    ['several APIs, no --api', undefined, undefined, '2 APIs in schemas (billiecart, servicestack-home): pass --api'],
    [
      'several APIs, a target that names none',
      undefined,
      target('http://localhost:5050/'),
      "2 APIs in schemas (billiecart, servicestack-home): pass --api, or a --target that ends in the API's base path (http://host/billiecart)",
    ],
  ])('%s is one line that says what to do', (_, wanted, hint, message) =>
    expect(() => pickApiId(root, wanted, hint)).toThrow(message),
  );

  it('names an empty schemas root', () =>
    expect(() => pickApiId(path.resolve('no-such-dir'), undefined)).toThrow(
      "no APIs in no-such-dir: run 'ssmock derive' first, or pass --schemas",
    ));
});

it('pickApiIds maps each --api of serve to its id on disk, and none to all', () => {
  expect(pickApiIds(root, ['BILLIECART', 'servicestack-home'])).toEqual(['billiecart', 'servicestack-home']);
  expect(pickApiIds(root, undefined)).toBeUndefined();
  expect(() => pickApiIds(root, ['billiecart', 'nope'])).toThrow("no API 'nope' in schemas");
});

it.each([
  ['one value listing two', ['billiecart,servicestack-home'], ['billiecart', 'servicestack-home']],
  ['spaces and a trailing comma', ['billiecart , SERVICESTACK-HOME,'], ['billiecart', 'servicestack-home']],
  ['a list and a repeat', ['billiecart,servicestack-home', 'billiecart'], ['billiecart', 'servicestack-home']],
])('pickApiIds splits a value on commas, as SSMOCK_API does: %s', (_, wanted, expected) =>
  expect(pickApiIds(root, wanted)).toEqual(expected),
);

it('pickApiIds names the unknown id of a list, not the whole value', () =>
  expect(() => pickApiIds(root, ['billiecart,nope'])).toThrow("no API 'nope' in schemas"));
