import { flavourOf, type Locale } from './flavour.js';
import { streetAddress } from './street-address.js';

// The same seed must give the same addresses as faker's own streetAddress (seeded answers stay as they were).
describe('streetAddress', () => {
  it.each<[Locale, number]>([
    ['au', 1],
    ['au', 42],
    ['us', 1],
    ['us', 7],
  ])('draws what faker.location.streetAddress() draws (%s, seed %d)', (locale, seed) => {
    const ours = flavourOf(locale).createFaker();
    const theirs = flavourOf(locale).createFaker();
    ours.seed(seed);
    theirs.seed(seed);
    const drawn = Array.from({ length: 500 }, () => [streetAddress(ours), theirs.location.streetAddress()]);
    expect(drawn.filter(([a, b]) => a !== b)).toEqual([]);
    // Both generators are at the same point of their sequences afterwards.
    expect(ours.number.int()).toBe(theirs.number.int());
  });
});
