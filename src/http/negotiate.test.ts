import { MockError } from '../errors.js';
import { negotiate, type Negotiated } from './negotiate.js';
import type { WireFormat } from './route-table.js';

type Input = Parameters<typeof negotiate>[0];
const GET = (more: Partial<Input> = {}): Input => ({ method: 'GET', query: {}, ...more });
const POST = (more: Partial<Input> = {}): Input => ({ method: 'POST', query: {}, ...more });

describe("negotiate: ServiceStack's precedence, ?callback (GET) > ?format > .ext > route prefix > Accept > JSON", () => {
  it.each<[string, Input, Negotiated]>([
    ['nothing asked for', GET(), { format: 'json' }],
    // ?callback: JSONP, on GET only, over everything else
    [
      '?callback on GET',
      GET({
        query: { callback: 'cb', format: 'xml' },
        extension: 'jsv',
        routeFormat: 'xml',
        accept: 'application/xml',
      }),
      { format: 'json', callback: 'cb' },
    ],
    ['?callback on POST is ignored', POST({ query: { callback: 'cb' } }), { format: 'json' }],
    [
      '?callback on POST falls through to ?format',
      POST({ query: { callback: 'cb', format: 'xml' } }),
      { format: 'xml' },
    ],
    ['an empty ?callback is no callback', GET({ query: { callback: '' }, accept: 'text/jsv' }), { format: 'jsv' }],
    ['a repeated ?callback is no callback', GET({ query: { callback: ['a', 'b'] } }), { format: 'json' }],
    // ?format over .ext, route prefix and Accept
    [
      '?format over .ext, prefix and Accept',
      GET({ query: { format: 'jsv' }, extension: 'xml', routeFormat: 'xml', accept: 'application/xml' }),
      { format: 'jsv' },
    ],
    ['?format is case-insensitive', GET({ query: { format: 'XML' } }), { format: 'xml' }],
    ['?format ignores what follows a dot', GET({ query: { format: 'jsv.txt' } }), { format: 'jsv' }],
    [
      'an unknown ?format falls through',
      GET({ query: { format: 'yaml' }, accept: 'application/xml' }),
      { format: 'xml' },
    ],
    // .ext over the route prefix and Accept
    [
      '.ext over prefix and Accept',
      GET({ extension: 'jsv', routeFormat: 'xml', accept: 'application/xml' }),
      { format: 'jsv' },
    ],
    // the predefined route's prefix (/xml/reply/…) over Accept
    ['route prefix over Accept', POST({ routeFormat: 'xml', accept: 'application/jsv' }), { format: 'xml' }],
    [
      'route prefix over an Accept it cannot serve',
      POST({ routeFormat: 'jsv', accept: 'image/png' }),
      { format: 'jsv' },
    ],
    // Accept, then JSON
    ['Accept: application/xml', GET({ accept: 'application/xml' }), { format: 'xml' }],
    ['Accept: text/jsv', GET({ accept: 'text/jsv' }), { format: 'jsv' }],
    ['Accept: */*', GET({ accept: '*/*' }), { format: 'json' }],
    [
      "Accept: a browser's",
      GET({ accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }),
      { format: 'json', html: true },
    ],
    [
      'a browser asking ?format=json keeps JSON',
      GET({ query: { format: 'json' }, accept: 'text/html' }),
      { format: 'json' },
    ],
    [
      'a browser on a predefined route keeps its format',
      GET({ routeFormat: 'json', accept: 'text/html' }),
      { format: 'json' },
    ],
    ['text/html listed after JSON is JSON', GET({ accept: 'application/json, text/html' }), { format: 'json' }],
    [
      '?format=html asks for the page, even on /api',
      GET({ query: { format: 'html' }, routeFormat: 'json' }),
      { format: 'json', html: true },
    ],
    // the list formats
    ['?format=csv', GET({ query: { format: 'csv' } }), { format: 'csv' }],
    ['.jsonl extension', GET({ extension: 'jsonl' }), { format: 'jsonl' }],
    ['/csv/reply prefix', GET({ routeFormat: 'csv' }), { format: 'csv' }],
    ['Accept: text/csv', GET({ accept: 'text/csv' }), { format: 'csv' }],
    ['Accept: text/jsonl', GET({ accept: 'text/jsonl' }), { format: 'jsonl' }],
    ['Accept: application/jsonl', GET({ accept: 'application/jsonl' }), { format: 'jsonl' }],
  ])('%s', (_case, input, expected) => {
    expect(negotiate(input)).toEqual(expected);
  });

  it.each<[string, WireFormat]>([
    ['application/json', 'json'],
    ['Application/JSON; charset=utf-8', 'json'],
    ['text/json', 'json'],
    ['application/problem+json', 'json'],
    ['application/xml', 'xml'],
    ['text/xml', 'xml'],
    ['application/soap+xml', 'xml'],
    ['application/jsv', 'jsv'],
    // the first range it can serve wins, q-values aside (as ServiceStack reads Accept)
    ['application/xml;q=0.1, application/json', 'xml'],
    ['image/png, application/jsv', 'jsv'],
    // q=0 means "not this one"
    ['application/xml;q=0, application/jsv', 'jsv'],
  ])('Accept: %s → %s', (accept, format) => {
    expect(negotiate(GET({ accept }))).toEqual({ format });
  });

  it.each(['image/png', 'text/plain', 'application/pdf, text/yaml', 'application/xml;q=0'])(
    'Accept: %s names nothing it can write → 406 NotAcceptable',
    (accept) => {
      let thrown: unknown;
      try {
        negotiate(GET({ accept }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(MockError);
      expect(thrown).toMatchObject({ status: 406, errorCode: 'NotAcceptable' });
    },
  );

  it('does not read Accept when something before it decided', () => {
    expect(negotiate(GET({ query: { format: 'json' }, accept: 'image/png' }))).toEqual({ format: 'json' });
    expect(negotiate(GET({ extension: 'xml', accept: 'image/png' }))).toEqual({ format: 'xml' });
    expect(negotiate(GET({ query: { callback: 'cb' }, accept: 'image/png' }))).toEqual({
      format: 'json',
      callback: 'cb',
    });
  });
});
