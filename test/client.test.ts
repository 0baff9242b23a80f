/**
 * The real client is the yardstick: @servicestack/client's JsonServiceClient,
 * unchanged, against every operation of both APIs — success and the error paths.
 */
import { JsonServiceClient } from '@servicestack/client';
import type { MockServer } from '../src/server/start.js';
import { loadApis } from '../src/schema/registry.js';
import { rejection, startTestServer } from './helpers.js';

type Dto = Record<string, unknown>;

/** A request DTO as ServiceStack's TypeScript generator emits it. */
const dto = (name: string, method: string, init: Dto = {}) =>
  Object.assign(
    {
      getTypeName: () => name,
      getMethod: () => method,
      createResponse: () => ({}),
    },
    init,
  );

class Authenticate {
  provider = 'credentials';
  constructor(
    public userName: string,
    public password: string,
  ) {}
  getTypeName() {
    return 'Authenticate';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return {};
  }
}

let mock: MockServer;
let billie: JsonServiceClient;
let home: JsonServiceClient;
const apis = loadApis('schemas');
const valid = (api: string, type: string, value: unknown) => apis.find((a) => a.id === api)!.validator(type)!(value);

beforeAll(async () => {
  mock = await startTestServer();
  billie = new JsonServiceClient(`${mock.url}/billiecart`);
  home = new JsonServiceClient(`${mock.url}/servicestack-home`);
  const auth = (await billie.post(new Authenticate('manager', 'p@ssw0rd'))) as { bearerToken: string };
  billie.bearerToken = auth.bearerToken;
});
afterAll(() => mock.close());

describe('Billiecart through JsonServiceClient', () => {
  it('CreateCustomerRequest → a stored customer, then AssociateUserAccountToCustomerRequest updates it', async () => {
    const created = (await billie.post(
      dto('CreateCustomerRequest', 'POST', { email: 'ann@example.com', organisationId: 'org-1' }),
    )) as { customer: Dto };
    expect(valid('billiecart', 'CreateCustomerResponse', created)).toBeNull();
    expect(created.customer['email']).toBe('ann@example.com');
    const associated = (await billie.put(
      dto('AssociateUserAccountToCustomerRequest', 'PUT', {
        id: created.customer['id'],
        userAccountId: 'ua-9',
        organisationId: 'org-1',
      }),
    )) as { customer: Dto };
    expect(valid('billiecart', 'AssociateUserAccountToCustomerResponse', associated)).toBeNull();
    expect(associated.customer).toMatchObject({
      id: created.customer['id'],
      email: 'ann@example.com',
      userAccountId: 'ua-9',
    });
  });

  it('keeps tenants apart: another organisation cannot associate the customer', async () => {
    const created = (await billie.post(
      dto('CreateCustomerRequest', 'POST', { email: 'bo@example.com', organisationId: 'org-1' }),
    )) as { customer: Dto };
    const err = await rejection(
      billie.put(
        dto('AssociateUserAccountToCustomerRequest', 'PUT', {
          id: created.customer['id'],
          userAccountId: 'x',
          organisationId: 'org-2',
        }),
      ),
    );
    expect(err.responseStatus.errorCode).toBe('NotFound');
  });

  it('CreatePersonRequest echoes what was sent and fakes the rest realistically', async () => {
    const res = (await billie.post(
      dto('CreatePersonRequest', 'POST', { phoneNumber: '+61 412 345 678', timezone: 'Australia/Sydney' }),
    )) as { person: Dto };
    expect(valid('billiecart', 'CreatePersonResponse', res)).toBeNull();
    expect(res.person).toMatchObject({ phoneNumber: '+61 412 345 678', timezone: 'Australia/Sydney' });
    expect(String(res.person['email'])).toMatch(/@/);
  });

  it('surfaces validation errors as the client ResponseStatus with PascalCase field names', async () => {
    const err = await rejection(
      billie.put(dto('AssociateUserAccountToCustomerRequest', 'PUT', { userAccountId: 'u' })),
    );
    expect(err.responseStatus.errorCode).toBe('NotEmpty');
    expect(err.responseStatus.errors?.[0]).toMatchObject({ fieldName: 'Id', errorCode: 'NotEmpty' });
  });

  it('surfaces an unknown operation as 405 NotImplementedException', async () => {
    const err = await rejection(billie.post(dto('DeleteEverything', 'POST')));
    expect(err.responseStatus.errorCode).toBe('NotImplementedException');
  });

  it('surfaces a wrong type as SerializationException', async () => {
    const err = await rejection(billie.post(dto('CreatePersonRequest', 'POST', { timezone: { nested: true } })));
    expect(err.responseStatus.errorCode).toBe('SerializationException');
    expect(err.responseStatus.errors?.[0]?.fieldName).toBe('Timezone');
  });

  it('surfaces a body over the limit as RequestEntityTooLarge', async () => {
    const err = await rejection(billie.post(dto('CreatePersonRequest', 'POST', { timezone: 'x'.repeat(1_200_000) })));
    expect(err.responseStatus.errorCode).toBe('RequestEntityTooLarge');
  });

  it('rejects an anonymous client with Unauthorized and a clerk with Forbidden', async () => {
    const anonymous = new JsonServiceClient(`${mock.url}/billiecart`);
    expect(
      (await rejection(anonymous.post(dto('CreateCustomerRequest', 'POST', { email: 'a@b.co' })))).responseStatus
        .errorCode,
    ).toBe('Unauthorized');
    const clerk = new JsonServiceClient(`${mock.url}/billiecart`);
    clerk.bearerToken = (
      (await clerk.post(new Authenticate('clerk', 'p@ssw0rd'))) as { bearerToken: string }
    ).bearerToken;
    const err = await rejection(clerk.post(dto('CreateCustomerRequest', 'POST', { email: 'a@b.co' })));
    expect(err.responseStatus).toMatchObject({ errorCode: 'Forbidden' });
    expect(err.responseStatus.message).toMatch(/manager/);
  });
});

describe('ServiceStack Home Customer (All Verbs) through JsonServiceClient', () => {
  it('creates, reads, updates, lists and deletes', async () => {
    const created = (await home.post(dto('Customer', 'POST', { email: 'c@example.com', company: 'Acme' }))) as Dto;
    expect(valid('servicestack-home', 'Customer', created)).toBeNull();
    const id = created['id'] as number;
    expect(await home.get(dto('Customer', 'GET', { id }))).toMatchObject({
      id,
      email: 'c@example.com',
      company: 'Acme',
    });
    expect(await home.put(dto('Customer', 'PUT', { id, company: 'Acme Pty' }))).toMatchObject({
      id,
      company: 'Acme Pty',
      email: 'c@example.com',
    });
    expect(await home.patch(dto('Customer', 'PATCH', { id, plan: 'Business' }))).toMatchObject({
      plan: 'Business',
      company: 'Acme Pty',
    });
    const all = (await home.get(dto('Customer', 'GET'))) as Dto[];
    expect(all.map((c) => c['id'])).toContain(id);
    await home.delete(dto('Customer', 'DELETE', { id }));
    expect((await rejection(home.get(dto('Customer', 'GET', { id })))).responseStatus.errorCode).toBe('NotFound');
  });

  it('reports an enum value outside SkuType with the field path', async () => {
    const err = await rejection(
      home.post(dto('Customer', 'POST', { orders: [{ orderDetails: [{ skuType: 'Bogus' }] }] })),
    );
    expect(err.responseStatus.errorCode).toBe('Enum');
    expect(err.responseStatus.errors?.[0]?.fieldName).toBe('Orders[0].OrderDetails[0].SkuType');
  });
});
