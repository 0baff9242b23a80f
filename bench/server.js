// One benchmark target per child process, so the load generator (the parent) never shares a core's event loop with it.
// Usage: node bench/server.js bare | mock <db> [seedRecords] [auth: off|on]
import express from 'express';
import { startMockServer } from '../dist/index.js';
import { openStore } from '../dist/store/index.js';

const [kind, db = 'memory', seedRecords = '0', auth = 'off'] = process.argv.slice(2);

if (kind === 'bare') {
  const app = express();
  app.disable('etag');
  const body = JSON.stringify({
    person: {
      id: '8d3c0f7e-0b8e-4c43-9d7e-3c5c2f7f1a11',
      displayName: 'Ann Lee',
      email: 'ann@example.com',
      phoneNumber: '+61 412 345 678',
      timezone: 'Australia/Sydney',
    },
  });
  app.use(express.raw({ type: () => true }));
  app.all('/{*any}', (_req, res) => res.type('application/json').send(body));
  const server = app.listen(0, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${server.address().port}`));
  process.on('SIGTERM', () => process.exit(0));
} else {
  const records = Number(seedRecords);
  if (records > 0 && db !== 'memory') {
    // Pre-fill the db file: N ServiceStack Home customers and N Billiecart persons.
    const store = await openStore({ file: db });
    const customers = Array.from({ length: records }, (_, i) => ({
      id: i + 1,
      email: `c${i}@example.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      company: 'Acme',
      createdDate: '2025-01-01T00:00:00.000Z',
    }));
    const persons = Array.from({ length: records }, (_, i) => ({
      id: `p-${i}`,
      email: `p${i}@example.com`,
      displayName: `Person ${i}`,
      timezone: 'Australia/Sydney',
    }));
    store.replace(
      'default',
      { 'servicestack-home': { Customer: customers }, billiecart: { Person: persons } },
      (_api, resource) =>
        resource === 'Customer' ? { property: 'id', type: 'integer' } : { property: 'id', type: 'string' },
    );
    await store.close();
  }
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', db, seed: 1, auth: auth === 'on' ? 'on' : 'off' });
  console.log(`READY ${mock.url}`);
  process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
}
