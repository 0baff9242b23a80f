/**
 * What `@servicestack/vue` and a browser read of a running mock (README, "Metadata surface"): `/metadata/app.json`
 * and `/api/MetadataApp` (ServiceStack's AppMetadata) looked up the way `useMetadata` looks things up, the `/api`
 * index, and the landing page, every link of which answers.
 */
import { JsonApiClient, type JsonServiceClient } from '@servicestack/client';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const SCHEMAS = new URL('./fixtures/schemas', import.meta.url).pathname;

interface TypeName {
  name: string;
  namespace?: string;
  genericArgs?: string[];
}
interface MetaType extends TypeName {
  inherits?: TypeName;
  implements?: TypeName[];
  properties?: { name: string; type: string }[];
}
interface MetaOp {
  request: MetaType;
  response?: MetaType;
  dataModel?: TypeName;
  method?: string;
  routes?: { path: string }[];
}
interface AppMetadata {
  date: string;
  app: { baseUrl: string; serviceName: string; jsTextCase: string };
  contentTypeFormats: Record<string, string>;
  httpHandlers: Record<string, string>;
  plugins: {
    loaded: string[];
    auth?: { authProviders: { name: string; type: string }[] };
    autoQuery?: { maxLimit: number; viewerConventions: { name: string; value: string }[] };
  };
  api: { types: MetaType[]; operations: MetaOp[]; config?: unknown };
}

/** servicestack-vue's MetadataApp request DTO (src/types.ts): what useMetadata asks its client for first. */
class MetadataApp {
  view?: string;
  includeTypes?: string;
  constructor(init?: Partial<MetadataApp>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'MetadataApp';
  }
  getMethod() {
    return 'GET';
  }
  createResponse() {
    return {} as AppMetadata;
  }
}

// useMetadata's lookups (servicestack-vue src/use/metadata.ts), over a loaded AppMetadata.
const apiOf = (m: AppMetadata, name: string) =>
  m.api.operations.find((x) => x.request.name.toLowerCase() === name.toLowerCase());
const typeOf = (m: AppMetadata, name: string): MetaType | undefined =>
  m.api.types.find((x) => x.name.toLowerCase() === name.toLowerCase()) ??
  apiOf(m, name)?.request ??
  m.api.operations.find((x) => x.response?.name.toLowerCase() === name.toLowerCase())?.response;
/** Apis.forType: the AutoQuery operations over a data model, by what Crud recognises them as. */
const crudFor = (m: AppMetadata, model: string) => {
  const ops = m.api.operations.filter((op) => op.dataModel?.name === model);
  const implementing = (iface: string) => ops.find((op) => op.request.implements?.some((i) => i.name === iface));
  return {
    Query: ops.find((op) => op.request.inherits?.name === 'QueryDb`1'),
    Create: implementing('ICreateDb`1'),
    Update: implementing('IUpdateDb`1'),
    Patch: implementing('IPatchDb`1'),
    Delete: implementing('IDeleteDb`1'),
  };
};

let mock: MockServer;
let client: JsonServiceClient;
beforeAll(async () => {
  mock = await startTestServer({ schemas: SCHEMAS, api: ['bookings', 'weather'] });
  client = JsonApiClient.create(`${mock.url}/bookings`);
});
afterAll(() => mock.close());

describe('/metadata/app.json', () => {
  let metadata: AppMetadata;
  beforeAll(async () => {
    metadata = await client.get<AppMetadata>('/metadata/app.json');
  });

  it("answers ServiceStack's AppMetadata: app, formats, the JSON API handler, no api.config", () => {
    expect(metadata.app).toMatchObject({
      baseUrl: `${mock.url}/bookings`,
      serviceName: 'bookings',
      jsTextCase: 'CamelCase',
    });
    expect(Number.isNaN(Date.parse(metadata.date))).toBe(false);
    expect(metadata.contentTypeFormats).toMatchObject({
      json: 'application/json',
      csv: 'text/csv',
      jsonl: 'text/jsonl',
    });
    expect(metadata.httpHandlers).toEqual({ 'ApiHandlers.Json': '/api/{Request}' });
    expect(metadata.api.config).toBeUndefined();
  });

  it('describes the plugins that apply: auth with its providers, AutoQuery with its maxLimit and conventions', () => {
    expect(metadata.plugins.loaded).toEqual(expect.arrayContaining(['auth', 'autoquery', 'csv', 'jsonl']));
    expect(metadata.plugins.auth?.authProviders.map((p) => p.name)).toEqual(['credentials', 'basic', 'jwt', 'apikey']);
    expect(metadata.plugins.autoQuery?.maxLimit).toBe(1000);
    expect(metadata.plugins.autoQuery?.viewerConventions).toContainEqual({
      name: 'Contains',
      value: '%Contains',
      types: 'string',
    });
  });

  it("holds what useMetadata's typeOf / apiOf / Apis.forType look up", () => {
    const query = apiOf(metadata, 'querybookings');
    expect(query?.request.inherits).toEqual({ name: 'QueryDb`1', namespace: 'ServiceStack', genericArgs: ['Booking'] });
    expect(query?.method).toBe('GET');
    expect(typeOf(metadata, 'Booking')?.properties?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Id', 'Name', 'RoomType', 'Cost', 'BookingStartDate']),
    );
    expect(typeOf(metadata, 'CreateBooking')).toBe(apiOf(metadata, 'CreateBooking')?.request);
    expect(typeOf(metadata, 'IdResponse')?.name).toBe('IdResponse');
    const crud = crudFor(metadata, 'Booking');
    expect(Object.fromEntries(Object.entries(crud).map(([k, op]) => [k, op?.request.name]))).toEqual({
      Query: 'QueryBookings',
      Create: 'CreateBooking',
      Update: 'ReplaceBooking',
      Patch: 'UpdateBooking',
      Delete: 'DeleteBooking',
    });
  });

  it('is what the client gets for MetadataApp on /api, and IncludeTypes narrows its api', async () => {
    const api = await client.api(new MetadataApp());
    expect(api.succeeded).toBe(true);
    expect(api.response?.api.operations.map((o) => o.request.name).sort()).toEqual(
      metadata.api.operations.map((o) => o.request.name).sort(),
    );
    const narrowed = await client.get<AppMetadata>('/metadata/app.json', { IncludeTypes: 'QueryBookings.*' });
    expect(narrowed.api.operations.map((o) => o.request.name)).toEqual(['QueryBookings']);
    expect(narrowed.api.types.map((t) => t.name)).toContain('Booking');
    expect(narrowed.api.types.map((t) => t.name)).not.toContain('Coupon');
  });

  it('an API without AutoQuery has no autoQuery plugin', async () => {
    const weather = (await (await fetch(`${mock.url}/weather/metadata/app.json`)).json()) as AppMetadata;
    expect(weather.plugins.autoQuery).toBeUndefined();
    expect(weather.api.operations.map((o) => o.request.name)).toEqual(['GetForecast']);
  });
});

describe('/api', () => {
  it("answers ServiceStack's API index: operations by tag, the C# type they return, working links", async () => {
    const index = (await (await fetch(`${mock.url}/bookings/api`)).json()) as Record<
      string,
      { name: string; returns?: string; links: Record<string, string> }[]
    >;
    expect(Object.keys(index)).toEqual(['other', 'auth']);
    const query = index['other']?.find((d) => d.name === 'QueryBookings');
    expect(query).toMatchObject({
      returns: 'QueryResponse<Booking>',
      links: {
        api: `${mock.url}/bookings/api/QueryBookings`,
        ui: `${mock.url}/bookings/ui/QueryBookings`,
        locode: `${mock.url}/bookings/locode/QueryBookings`,
      },
    });
    expect(index['other']?.find((d) => d.name === 'DeleteBooking')).not.toHaveProperty('returns');
    expect(index['auth']?.map((d) => d.name)).toEqual(['Authenticate', 'GetAccessToken']);
    const res = await fetch(query!.links['api']!);
    expect(res.status).toBe(200);
  });
});

describe('the landing page', () => {
  it('lists each API with its base URL and operations, and every link on it answers', async () => {
    const res = await fetch(`${mock.url}/`, { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<code>${mock.url}/bookings</code>`);
    expect(html).toContain(`npx get-dtos typescript ${mock.url}/weather`);
    expect(html).toContain('<td>QueryBookings</td>');
    expect(html).toContain('<code>GET /forecast/{City}</code>');
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    for (const path of ['/bookings/types', '/bookings/metadata/app.json', '/bookings/api', '/weather/openapi.json'])
      expect(hrefs).toContain(path);
    for (const href of hrefs) {
      const linked = await fetch(`${mock.url}${href}`);
      expect([href, linked.status]).toEqual([href, 200]);
    }
  });
});
