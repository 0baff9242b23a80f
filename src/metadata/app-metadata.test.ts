import { loadApi } from '../schema/registry.js';
import { buildApiIndex, buildAppMetadata } from './app-metadata.js';

const FIXTURES = 'test/fixtures/schemas';
const bookings = loadApi(FIXTURES, 'bookings');
const weather = loadApi(FIXTURES, 'weather');
const NOW = new Date('2026-01-02T03:04:05.000Z');

type Meta = ReturnType<typeof buildAppMetadata> & {
  plugins: { loaded: string[]; auth?: unknown; autoQuery?: unknown };
  api: { operations: { request: { name: string } }[]; types: { name: string }[] };
};
const meta = (input: Partial<Parameters<typeof buildAppMetadata>[0]> = {}): Meta =>
  buildAppMetadata({ api: bookings, baseUrl: 'http://h/b', authEnabled: true, now: NOW, ...input }) as Meta;

describe('buildAppMetadata', () => {
  it.each<[string, Partial<Parameters<typeof buildAppMetadata>[0]>, (m: Meta) => unknown, unknown]>([
    ['dates the document', {}, (m) => m['date'], '2026-01-02T03:04:05.000Z'],
    ['auth and AutoQuery plugins where they apply', {}, (m) => [!!m.plugins.auth, !!m.plugins.autoQuery], [true, true]],
    ['no auth plugin under --no-auth', { authEnabled: false }, (m) => m.plugins.loaded.includes('auth'), false],
    ['no AutoQuery plugin without AutoQuery operations', { api: weather }, (m) => m.plugins.autoQuery, undefined],
    [
      'IncludeTypes narrows the api to the types and the operations whose request they are',
      { options: { includeTypes: ['CreateBooking'], excludeTypes: [] } },
      (m) => [m.api.operations.map((o) => o.request.name), m.api.types.map((t) => t.name)],
      [['CreateBooking'], []],
    ],
    [
      'an IncludeTypes of no known name leaves nothing',
      { options: { includeTypes: [], excludeTypes: [] } },
      (m) => m.api.operations.length,
      0,
    ],
  ])('%s', (_case, input, pick, expected) => {
    expect(pick(meta(input))).toEqual(expected);
  });
});

describe('buildApiIndex', () => {
  it("files the API's operations under other and ServiceStack's auth operations under auth", () => {
    const index = buildApiIndex(weather, 'http://h/w');
    expect(index).toEqual({
      other: [
        {
          name: 'GetForecast',
          returns: 'GetForecastResponse',
          links: { api: 'http://h/w/api/GetForecast', ui: 'http://h/w/ui/GetForecast' },
        },
      ],
      auth: [
        expect.objectContaining({ name: 'Authenticate', returns: 'AuthenticateResponse' }),
        expect.objectContaining({ name: 'GetAccessToken', returns: 'GetAccessTokenResponse' }),
      ],
    });
  });
});
