/**
 * A `[DataMember(Name=…)]` property over HTTP: path variables, query strings and form fields bind it by its alias
 * or by its C# name, any case, as ServiceStack's StringMapTypeDeserializer does; a JSON body only by its alias
 * (README, "derive types").
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSchemas } from '../src/derive/index.js';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const contactsCs = `namespace Contacts.ServiceModel
{
    [Route("/contacts/{PhoneNumber}", "GET")]
    [Route("/contacts", "GET POST")]
    [DataContract]
    public class FindContacts : IReturn<FindContactsResponse>
    {
        [DataMember(Name = "phone")]
        public string PhoneNumber { get; set; }

        [DataMember(Name = "max_results")]
        public int MaxResults { get; set; }
    }

    [DataContract]
    public class FindContactsResponse
    {
        [DataMember(Name = "total")]
        public int Total { get; set; }
    }
}
`;

let root: string;
let mock: MockServer;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ssmock-data-member-binding-'));
  const schemas = path.join(root, 'schemas');
  const docs = path.join(schemas, 'contacts', 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, 'dtos.cs'), contactsCs);
  expect(deriveSchemas({ inputs: [docs], out: schemas }).diagnostics).toEqual([]);
  mock = await startTestServer({ schemas });
});
afterAll(async () => {
  await mock?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The request DTO as the mock bound it (from the journal), and the status it answered. */
const send = async (url: string, init: RequestInit = {}): Promise<{ status: number; bound: unknown }> => {
  const res = await fetch(`${mock.url}${url}`, {
    ...init,
    headers: { Accept: 'application/json', ...init.headers },
  });
  await res.text();
  return { status: res.status, bound: mock.requests().at(-1)?.request };
};

const form = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body,
});
const json = (body: object): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe('[DataMember(Name=…)] properties bind by either name from path, query and form', () => {
  it.each<[string, string, RequestInit | undefined, Record<string, unknown>]>([
    [
      'query: the C# name',
      '/contacts?PhoneNumber=555-0100&MaxResults=5',
      undefined,
      { phone: '555-0100', max_results: 5 },
    ],
    ['query: the alias', '/contacts?phone=555-0100&max_results=5', undefined, { phone: '555-0100', max_results: 5 }],
    [
      'query: any case',
      '/contacts?PHONENUMBER=555-0100&Max_Results=5',
      undefined,
      { phone: '555-0100', max_results: 5 },
    ],
    ['path variable named by the C# name', '/contacts/555-0100', undefined, { phone: '555-0100' }],
    ['predefined route: the C# name', '/api/FindContacts?PhoneNumber=555-0100', undefined, { phone: '555-0100' }],
    [
      'form: the C# name',
      '/contacts',
      form('PhoneNumber=555-0100&MaxResults=5'),
      { phone: '555-0100', max_results: 5 },
    ],
    ['form: the alias', '/contacts', form('phone=555-0100&max_results=5'), { phone: '555-0100', max_results: 5 }],
    [
      'JSON body: the alias',
      '/contacts',
      json({ phone: '555-0100', max_results: 5 }),
      { phone: '555-0100', max_results: 5 },
    ],
  ])('%s', async (_case, url, init, bound) => {
    const answer = await send(url, init);
    expect(answer).toEqual({ status: 200, bound: expect.objectContaining(bound) });
  });

  it('a JSON body by the C# name binds nothing (ServiceStack.Text knows only the alias)', async () => {
    const answer = await send('/contacts', json({ PhoneNumber: '555-0100', MaxResults: 5 }));
    expect(answer.status).toBe(200);
    expect(answer.bound).not.toHaveProperty('phone');
    expect(answer.bound).not.toHaveProperty('PhoneNumber');
  });

  it('a bad value by the C# name is a 400 binding error', async () => {
    const answer = await send('/contacts?MaxResults=many');
    expect(answer.status).toBe(400);
  });
});

describe('served back as /types/metadata', () => {
  it('names the property by its C# name, with the alias as dataMember.name', async () => {
    const res = await fetch(`${mock.url}/types/metadata`);
    const metadata = (await res.json()) as {
      operations: { request: { name: string; properties?: { name: string; dataMember?: { name: string } }[] } }[];
    };
    const request = metadata.operations.find((o) => o.request.name === 'FindContacts')?.request;
    expect(request?.properties?.map((p) => [p.name, p.dataMember?.name])).toEqual([
      ['PhoneNumber', 'phone'],
      ['MaxResults', 'max_results'],
    ]);
  });
});
