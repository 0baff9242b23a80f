/**
 * A `/json/metadata?op=CreateBooking` page showing its DTOs in F# (`&lang=fsharp`) or VB.NET
 * (`&lang=vbnet`), as BaseMetadataHandler prints them (the generator without its Options header),
 * derives the same operation as the page with C# source.
 */
import { readFileSync } from 'node:fs';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { parseMetadataPage } from './metadata-page.js';
import type { Diagnostic } from './model.js';
import { addPageToDraft } from './pages-to-draft.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/pages/${name}`, import.meta.url), 'utf8');

const derive = (name: string) => {
  const { page, diagnostics } = parseMetadataPage(fixture(name), name);
  const all: Diagnostic[] = [...diagnostics];
  const draft = newDraft('acme', 'Acme Bookings');
  if (page) addPageToDraft(draft, page, `docs/${name}`, all);
  const built = buildApi(draft);
  return { page, draft, manifest: built.manifest, diagnostics: [...all, ...built.diagnostics] };
};

const withoutLines = (draft: ReturnType<typeof derive>['draft']) =>
  [...draft.types.values()]
    .map(({ line: _l, ...t }) => ({ ...t, properties: t.properties.map(({ line: _p, ...p }) => p) }))
    .sort((a, b) => a.name.localeCompare(b.name));

const csharp = derive('json.csharp.txt');

describe.each([
  ['json.fsharp.txt', 'F#'],
  ['json.vbnet.txt', 'VB.NET'],
])('%s', (file, label) => {
  const { page, draft, manifest, diagnostics } = derive(file);

  it(`reads the ${label} source between the language tabs and its footer`, () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(page?.dtoSources.map((s) => s.languageLabel)).toEqual([label]);
  });

  it('derives the operation, its route, auth and response as the C# page does', () => {
    const withoutSources = (m: typeof manifest) => m.operations.map(({ sources: _s, ...op }) => op);
    expect(withoutSources(manifest)).toEqual(withoutSources(csharp.manifest));
  });

  it('derives the same types as the C# page', () => {
    expect(withoutLines(draft)).toEqual(withoutLines(csharp.draft));
  });
});
