/**
 * Declarative validators over HTTP, as a front end meets them through @servicestack/client: the rooms fixture
 * (test/fixtures/schemas/rooms, derived from its docs/dtos.cs) declares `[Validate(…)]` and `[Validate…]`
 * rules; a violation answers what ServiceStack with FluentValidation answers. `[Required]` and
 * `[ApiMember(IsRequired=true)]` are documentation ServiceStack never enforces: journalled, rejected only
 * under --strict.
 */
import { JsonServiceClient, type IReturn } from '@servicestack/client';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import type { MockServer } from '../src/server/start.js';
import { rejection, startTestServer } from './helpers.js';

const SCHEMAS = 'test/fixtures/schemas';

class CreateRoomResponse {
  id?: string;
}
class CreateRoom implements IReturn<CreateRoomResponse> {
  constructor(init?: Record<string, unknown>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'CreateRoom';
  }
  getMethod() {
    return 'POST';
  }
  createResponse() {
    return new CreateRoomResponse();
  }
}

const VALID = {
  name: 'Harbour View',
  lengthMetres: 6,
  floor: 3,
  contactEmail: 'desk@rooms.example.com',
  cardNumber: '4111 1111 1111 1111',
  code: 'HV01',
  wing: 'NE',
  notes: 'sea side',
  colour: 'blue',
  beds: [{ kind: 'Queen', sleeps: 2 }],
};

interface FullError {
  responseStatus: {
    errorCode: string;
    message: string;
    errors: { errorCode: string; fieldName: string; message: string; meta?: Record<string, string> }[];
  };
}

describe('declarative validators through JsonServiceClient', () => {
  let mock: MockServer;
  let client: JsonServiceClient;
  beforeAll(async () => {
    mock = await startTestServer({ schemas: SCHEMAS, api: 'rooms', auth: 'off' });
    client = new JsonServiceClient(mock.url);
  });
  afterAll(() => mock.close());

  it('a request that keeps every rule is answered', async () => {
    await expect(client.post(new CreateRoom(VALID))).resolves.toBeDefined();
  });

  it('an empty request: NotEmpty and GreaterThan on the defaults, the first failure on top', async () => {
    const err = (await rejection(client.post(new CreateRoom({})))) as unknown as FullError;
    expect(err.responseStatus.errorCode).toBe('NotEmpty');
    expect(err.responseStatus.message).toBe("'Name' must not be empty.");
    expect(err.responseStatus.errors).toEqual([
      {
        errorCode: 'NotEmpty',
        fieldName: 'Name',
        message: "'Name' must not be empty.",
        meta: { PropertyName: 'Name' },
      },
      {
        errorCode: 'GreaterThan',
        fieldName: 'LengthMetres',
        message: "'Length Metres' must be greater than '0'.",
        meta: { ComparisonValue: '0', ComparisonProperty: '', PropertyName: 'Length Metres', PropertyValue: '0' },
      },
    ]);
  });

  it('every kind of violation, nested list items included, in declaration order', async () => {
    const err = (await rejection(
      client.post(
        new CreateRoom({
          ...VALID,
          name: 'The Very Long Harbour View Suite',
          floor: 11,
          contactEmail: 'desk.rooms.example.com',
          cardNumber: '4111 1111 1111 1112',
          code: 'HV1',
          wing: 'north',
          beds: [{ kind: 'Queen' }, { kind: ' ' }],
        }),
      ),
    )) as unknown as FullError;
    expect(err.responseStatus.errorCode).toBe('MaximumLength');
    expect(err.responseStatus.errors.map((e) => [e.errorCode, e.fieldName, e.message])).toEqual([
      ['MaximumLength', 'Name', "The length of 'Name' must be 20 characters or fewer. You entered 32 characters."],
      ['InclusiveBetween', 'Floor', "'Floor' must be between 1 and 10. You entered 11."],
      ['Email', 'ContactEmail', "'Contact Email' is not a valid email address."],
      ['CreditCard', 'CardNumber', "'Card Number' is not a valid credit card number."],
      ['Length', 'Code', "'Code' must be 4 characters in length. You entered 3 characters."],
      ['BadWing', 'Wing', 'Wing is two capital letters'],
      ['NotEmpty', 'Beds[1].Kind', "'Kind' must not be empty."],
    ]);
    expect(err.responseStatus.errors[0]?.meta).toEqual({
      MinLength: '0',
      MaxLength: '20',
      TotalLength: '32',
      PropertyName: 'Name',
      PropertyValue: 'The Very Long Harbour View Suite',
    });
    expect(err.responseStatus.errors[1]?.meta).toMatchObject({ From: '1', To: '10', Value: '11' });
  });

  it('[Required] and [ApiMember(IsRequired=true)] are not enforced: the journal notes the missing values', async () => {
    const { notes: _notes, colour: _colour, ...rest } = VALID;
    await expect(client.post(new CreateRoom(rest))).resolves.toBeDefined();
    const entry = mock.requests().at(-1)!;
    expect(entry.problems).toEqual([
      'Notes: missing, documented as required (not enforced; --strict rejects it)',
      'Colour: missing, documented as required (not enforced; --strict rejects it)',
    ]);
  });

  it('a faked answer keeps to the rules its types declare (Bed: Kind at most 6 characters, Sleeps under 5)', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const res = await fetch(`${mock.url}/rooms/${id}/beds`);
      expect(res.status).toBe(200); // the mock's self-check would answer 500 for a fake that broke them
      const { beds = [] } = (await res.json()) as { beds?: { kind?: string; sleeps?: number }[] };
      for (const bed of beds) {
        expect((bed.kind ?? '').length).toBeLessThanOrEqual(6);
        expect(bed.sleeps ?? 0).toBeLessThan(5);
      }
    }
  });

  it('the journal also notes each rule a rejected request broke', async () => {
    await rejection(client.post(new CreateRoom({ ...VALID, lengthMetres: -2 })));
    expect(mock.requests().at(-1)!.problems).toEqual(["LengthMetres: 'Length Metres' must be greater than '0'."]);
  });
});

describe('under --strict', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startTestServer({ schemas: SCHEMAS, api: 'rooms', auth: 'off', strict: true });
  });
  afterAll(() => mock.close());

  it('a value documented as required is rejected', async () => {
    const client = new JsonServiceClient(mock.url);
    const { notes: _notes, ...rest } = VALID;
    const err = (await rejection(client.post(new CreateRoom(rest)))) as unknown as FullError;
    expect(err.responseStatus.errors).toEqual([
      expect.objectContaining({ errorCode: 'NotEmpty', fieldName: 'Notes', message: "'Notes' must not be empty." }),
    ]);
  });
});

describe('served DTOs keep the validators', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startTestServer({ schemas: SCHEMAS, api: 'rooms', auth: 'off' });
  });
  afterAll(() => mock.close());

  const validatorsOf = (schema: { properties?: Record<string, Record<string, unknown>> }) =>
    Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, v['x-validate']]));
  const committed = JSON.parse(readFileSync(path.join(SCHEMAS, 'rooms', 'types', 'CreateRoom.json'), 'utf8')) as {
    properties?: Record<string, Record<string, unknown>>;
  };

  it.each([
    ['metadata', 'metadata.json'],
    ['csharp', 'dtos.cs'],
    ['typescript', 'dtos.ts'],
    ['python', 'dtos.py'],
  ])('/types/%s derives back to the same rules', async (lang, file) => {
    const res = await fetch(`${mock.url}/types/${lang}`);
    expect(res.status).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-rooms-served-'));
    try {
      writeFileSync(path.join(dir, file), await res.text());
      deriveSchemas({ inputs: [path.join(dir, file)], out: path.join(dir, 'out'), api: 'rooms' });
      const derived = JSON.parse(readFileSync(path.join(dir, 'out', 'rooms', 'types', 'CreateRoom.json'), 'utf8')) as {
        properties?: Record<string, Record<string, unknown>>;
      };
      expect(validatorsOf(derived)).toEqual(validatorsOf(committed));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the rooms fixture', () => {
  it('is what derive writes from its docs/dtos.cs', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'ssmock-rooms-'));
    try {
      deriveSchemas({ inputs: [path.join(SCHEMAS, 'rooms', 'docs')], out, api: 'rooms' });
      const types = path.join(SCHEMAS, 'rooms', 'types');
      for (const file of readdirSync(types))
        expect([file, readFileSync(path.join(out, 'rooms', 'types', file), 'utf8')]).toEqual([
          file,
          readFileSync(path.join(types, file), 'utf8'),
        ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
