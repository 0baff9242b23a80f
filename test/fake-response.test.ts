/**
 * A stateless operation (its manifest says `"state": null`) is answered with a fake of its response type:
 * valid against the response schema, carrying what the request sent, and the same for the same request
 * under the same seed, on any server. The fixture API is test/fixtures/schemas/weather.
 */
import { loadApi } from '../src/schema/registry.js';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const SCHEMAS = 'test/fixtures/schemas';
const weather = loadApi(SCHEMAS, 'weather');
const validForecast = (body: unknown) => weather.validator('GetForecastResponse')!(body);

const start = (seed: number) => startTestServer({ schemas: SCHEMAS, api: 'weather', seed });

/** The body text and status of a GET. */
const get = async (mock: MockServer, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(mock.url + path, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

let mock: MockServer;
beforeAll(async () => {
  mock = await start(7);
});
afterAll(() => mock.close());

describe('a stateless operation answers with a fake response', () => {
  it("is the fixture's GetForecast, whose manifest entry has no state", () => {
    expect(weather.operation('GetForecast')?.state).toBeNull();
  });

  it('valid against its response schema, echoing what the request sent', async () => {
    const res = await get(mock, '/forecast/Sydney?days=3');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = JSON.parse(res.text) as { forecast: Record<string, unknown> };
    expect(validForecast(body)).toBeNull();
    expect(body).not.toHaveProperty('responseStatus');
    expect(body.forecast).toMatchObject({ city: 'Sydney', days: 3 });
    expect(Object.keys(body.forecast).sort()).toEqual(['city', 'days', 'issuedAt', 'summary', 'temperatureC']);
  });

  it('the same for the same request, by any route, and it stores nothing', async () => {
    const first = await get(mock, '/forecast/Sydney?days=3');
    expect(await get(mock, '/forecast/Sydney?days=3')).toEqual(first);
    expect(await get(mock, '/FORECAST/Sydney?Days=3')).toEqual(first);
    expect(await get(mock, '/api/GetForecast?city=Sydney&days=3')).toEqual(first);
    expect(await get(mock, '/json/reply/GetForecast?city=Sydney&days=3')).toEqual(first);
    const state = (await (await fetch(`${mock.url}/__ssmock/state`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(state)).not.toMatch(/Forecast/);
  });

  it('different for a different request', async () => {
    const sydney = (await get(mock, '/forecast/Sydney?days=3')).text;
    expect((await get(mock, '/forecast/Perth?days=3')).text).not.toBe(sydney);
    expect((await get(mock, '/forecast/Sydney?days=4')).text).not.toBe(sydney);
  });

  it('byte-identical on another server with the same seed, different with another seed', async () => {
    const here = (await get(mock, '/forecast/Hobart?days=2')).text;
    const same = await start(7);
    const other = await start(8);
    try {
      expect((await get(same, '/forecast/Hobart?days=2')).text).toBe(here);
      expect((await get(other, '/forecast/Hobart?days=2')).text).not.toBe(here);
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });

  it('in the negotiated format', async () => {
    const xml = await get(mock, '/forecast/Sydney.xml?days=3');
    expect(xml.status).toBe(200);
    expect(xml.type).toMatch(/^application\/xml/);
    expect(xml.text).toContain('<City>Sydney</City>');
    const jsv = await get(mock, '/forecast/Sydney?days=3', { Accept: 'text/jsv' });
    expect(jsv.status).toBe(200);
    expect(jsv.text).toMatch(/^\{forecast:\{.*city:Sydney/);
  });

  it('checks the request first: a query value of the wrong type is a 400', async () => {
    const res = await get(mock, '/forecast/Sydney?days=many');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({
      responseStatus: {
        errorCode: 'SerializationException',
        errors: [{ errorCode: 'SerializationException', fieldName: 'Days' }],
      },
    });
  });
});
