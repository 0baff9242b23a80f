/**
 * A consumer-side test as an app team would write it (README, In tests): start the mock in-process,
 * point the real `@servicestack/client` at it, and assert on bodies and on what the mock received.
 * In a user's project the two imports below read `from 'ssmock'` and `import 'ssmock/jest'`.
 */
import { JsonServiceClient } from '@servicestack/client';
import { startMockServer, type MockServer } from '../src/index.js';
import '../src/testing/jest.js';

// The DTOs as ServiceStack's "Add ServiceStack Reference" generates them for TypeScript (abridged).
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
    return {} as { bearerToken: string };
  }
}

interface Customer {
  id?: string;
  email?: string;
  userAccountId?: string;
}

class CreateCustomerResponse {
  customer?: Customer;
}

class CreateCustomerRequest {
  constructor(init?: Partial<CreateCustomerRequest>) {
    Object.assign(this, init);
  }
  email?: string;
  organisationId?: string;
  getTypeName() {
    return 'CreateCustomerRequest';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return new CreateCustomerResponse();
  }
}

class AssociateUserAccountToCustomerRequest {
  constructor(init?: Partial<AssociateUserAccountToCustomerRequest>) {
    Object.assign(this, init);
  }
  id?: string;
  userAccountId?: string;
  organisationId?: string;
  getTypeName() {
    return 'AssociateUserAccountToCustomerRequest';
  }
  getMethod() {
    return 'PUT';
  }
  createResponse() {
    return new CreateCustomerResponse();
  }
}

describe('signing up a customer (consumer contract example)', () => {
  let mock: MockServer;
  let client: JsonServiceClient;

  beforeAll(async () => {
    mock = await startMockServer({ port: 0, db: 'memory', api: 'billiecart', seed: 1 });
    client = new JsonServiceClient(mock.url);
    const auth = await client.post(new Authenticate('manager', 'p@ssw0rd'));
    client.bearerToken = auth.bearerToken;
  });
  afterEach(() => mock.reset());
  afterAll(() => mock.close());

  it('creates the customer and links the user account', async () => {
    const created = await client.post(new CreateCustomerRequest({ email: 'ann@example.com', organisationId: 'org-1' }));
    expect(created).toMatchDto('billiecart', 'CreateCustomerResponse');
    expect(created.customer?.email).toBe('ann@example.com');

    const linked = await client.put(
      new AssociateUserAccountToCustomerRequest({
        id: created.customer?.id,
        userAccountId: 'ua-1',
        organisationId: 'org-1',
      }),
    );
    expect(linked).toMatchDto('billiecart', 'AssociateUserAccountToCustomerResponse');

    expect(mock).toHaveReceived('CreateCustomerRequest');
    expect(mock).toHaveReceived('AssociateUserAccountToCustomerRequest', undefined, {
      method: 'PUT',
      status: 200,
      times: 1,
    });
    expect(mock).not.toHaveReceived('CreatePersonRequest');
  });

  it('sees the error a scripted outage produces', async () => {
    mock.addRule({ operation: 'CreateCustomerRequest', status: 503, times: 1 });
    await expect(client.post(new CreateCustomerRequest({ email: 'bo@example.com' }))).rejects.toMatchObject({
      responseStatus: { errorCode: 'ServiceUnavailable' },
    });
    expect(mock).toHaveReceived('CreateCustomerRequest', undefined, { status: 503 });
  });
});

describe('the matchers themselves', () => {
  it('toMatchDto lists each violation with its JSON path', () => {
    const drifted = { customer: { id: 42, email: 'ann@example.com', nickname: 'Annie' } };
    expect(drifted).not.toMatchDto('billiecart', 'CreateCustomerResponse');
    expect(() => expect(drifted).toMatchDto('billiecart', 'CreateCustomerResponse')).toThrow(
      /Expected value to match billiecart CreateCustomerResponse:\n {2}\$\.customer\.nickname: unexpected property.*\n {2}\$\.customer\.id: expected string, got number/,
    );
  });

  it('toMatchDto reads another schemas root when told, and names an unknown type', () => {
    expect({ id: 1, skuType: 'PerDev' }).toMatchDto('servicestack-home', 'OrderDetail', { schemas: 'schemas' });
    expect(() => expect({}).toMatchDto('billiecart', 'NoSuchType')).toThrow(
      /no DTO type 'NoSuchType' in API 'billiecart'/,
    );
  });

  it('toHaveReceived matches partial request bodies where the journal records them', () => {
    const entry = {
      time: '',
      session: 'default',
      api: 'billiecart',
      operation: 'CreateCustomerRequest',
      method: 'POST',
      path: '/api/CreateCustomerRequest',
      status: 200,
      problems: [],
      durationMs: 1,
    };
    const withBodies = {
      requests: () => [{ ...entry, request: { email: 'ann@example.com', bankAccount: { bsbNumber: '062-000' } } }],
    };
    expect(withBodies).toHaveReceived('CreateCustomerRequest', {
      Email: 'ann@example.com',
      bankAccount: { bsbNumber: expect.any(String) },
    });
    expect(withBodies).not.toHaveReceived('CreateCustomerRequest', { email: 'bo@example.com' });
    // Today's journal holds no bodies: asking for one is a usage error, not a silent pass of `.not`.
    const withoutBodies = { requests: () => [entry] };
    expect(() => expect(withoutBodies).toHaveReceived('CreateCustomerRequest', { email: 'x' })).toThrow(
      /journal holds no request bodies/,
    );
    expect(() => expect(withoutBodies).toHaveReceived('CreatePersonRequest')).toThrow(
      /POST \/api\/CreateCustomerRequest → CreateCustomerRequest 200/,
    );
  });
});

describe('toHaveReceived with a partial body against a real server', () => {
  it('matches what the front end sent', async () => {
    const mock = await startMockServer({ port: 0, db: 'memory', api: 'billiecart', seed: 1 });
    try {
      await fetch(`${mock.url}/persons`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ timezone: 'Australia/Darwin' }),
      });
      expect(mock).toHaveReceived('CreatePersonRequest', { timezone: 'Australia/Darwin' });
      expect(mock).not.toHaveReceived('CreatePersonRequest', { timezone: 'Europe/Paris' });
    } finally {
      await mock.close();
    }
  });
});
