// npm run bench, last step: µs per fake for each API's biggest types, in plain node as the server runs the faker
// (a speed figure, so it lives here and not in a unit test: jest's VM runs this code several times slower).
// Usage: node bench/faker.js [typesPerApi=2] [fakes=3000]  (after npm run build)
import { fakerLocale } from '../dist/faker/flavour.js';
import { createFaker } from '../dist/faker/index.js';
import { loadApis } from '../dist/schema/registry.js';

const TYPES_PER_API = Number(process.argv[2] ?? 2);
const FAKES = Number(process.argv[3] ?? 3000);
const WARM_UP = 2000;
const ENVELOPES = new Set(['ResponseStatus', 'ResponseError', 'ErrorResponse']);

console.log(`faker: µs per fake (median of 5 runs of ${FAKES} keyed fakes after ${WARM_UP} warm-up fakes):`);
for (const api of loadApis('schemas')) {
  const faker = createFaker({ seed: 1, locale: fakerLocale(api.manifest.locale) });
  const fake = (type, key) => faker.fake(api.schemas.get(type), { resolve: api.resolve, typeName: type, key });
  // "Biggest" by the JSON size of one fake: the types whose fakes cost the most.
  const biggest = [...api.schemas.keys()]
    .filter((type) => !ENVELOPES.has(type))
    .map((type) => ({ type, bytes: JSON.stringify(fake(type, 'size')).length }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, TYPES_PER_API);
  for (const { type, bytes } of biggest) {
    for (let i = 0; i < WARM_UP; i++) fake(type);
    const runs = [];
    for (let run = 0; run < 5; run++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < FAKES; i++) fake(type, String(i));
      runs.push(Number(process.hrtime.bigint() - start) / 1e3 / FAKES);
    }
    runs.sort((a, b) => a - b);
    console.log(`  ${`${api.id} ${type}`.padEnd(52)} ${runs[2].toFixed(1).padStart(7)} µs  (~${bytes} bytes of JSON)`);
  }
}
