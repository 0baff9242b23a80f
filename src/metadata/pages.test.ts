import type { ApiManifest, OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { escapeHtml, landingPage, metadataIndexPage, typeLinks, wantsHtml } from './pages.js';

const op = (name: string, overrides: Partial<OperationManifest> = {}): OperationManifest => ({
  name,
  request: name,
  response: null,
  routes: [],
  primaryVerb: 'POST',
  auth: { required: false, roles: [], anyRoles: [], permissions: [], anyPermissions: [] },
  tenantProperty: null,
  parameters: {},
  state: null,
  autoQuery: null,
  sources: [],
  ...overrides,
});

const apiOf = (title: string, operations: OperationManifest[]): ApiSchemas =>
  ({ id: 'x', manifest: { api: 'x', title, operations, types: [] } as unknown as ApiManifest }) as ApiSchemas;

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`a & "b" 'c'`, 'a &amp; &quot;b&quot; &#39;c&#39;'],
    ['/customers/{Id}', '/customers/{Id}'],
  ])('%s', (input, expected) => expect(escapeHtml(input)).toBe(expected));
});

describe('metadataIndexPage', () => {
  const hostile = op('<img src=x onerror=alert(1)>', {
    routes: [{ path: '/a/"<b>"', verbs: ['GET', 'PUT'] }],
    auth: { required: true, roles: ['<Admin>'], anyRoles: [], permissions: [], anyPermissions: [] },
  });
  const html = metadataIndexPage(apiOf('A & B <API>', [op('Ping'), hostile]), '/x');

  it('escapes every name, route and role', () => {
    expect(html).not.toMatch(/<img|<b>|<Admin>|<API>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<code>GET,PUT /a/&quot;&lt;b&gt;&quot;</code>');
    expect(html).toContain('authenticated; roles: &lt;Admin&gt;');
  });

  it('shows an operation without routes on its predefined route', () => {
    expect(html).toContain('<code>POST /api/Ping</code>');
  });
});

describe('landingPage', () => {
  it('links each API at its base, the root API at /', () => {
    const html = landingPage([
      { api: apiOf('Root', []), base: '' },
      { api: apiOf('Other', [op('Ping')]), base: '/other' },
    ]);
    expect(html).toContain('href="/metadata"');
    expect(html).toContain('href="/other/metadata"');
    expect(html).toContain('1 operations');
  });
});

describe('wantsHtml and typeLinks', () => {
  it.each([
    ['text/html,application/xhtml+xml,*/*;q=0.8', true],
    ['application/json', false],
    [undefined, false],
    ['*/*', false],
  ])('Accept %s → %s', (accept, expected) => expect(wantsHtml(accept)).toBe(expected));

  it('answers absolute links keyed by language', () => {
    expect(typeLinks('http://h/api')).toMatchObject({
      Metadata: 'http://h/api/types/metadata',
      CSharp: 'http://h/api/types/csharp',
    });
  });
});
