/**
 * Every page layout ServiceStack prints (and that users save) derives the same operation:
 * `/{json|xml|jsv|csv}/metadata?op=CreateBooking`, with and without `&lang=`, saved as text or HTML,
 * with the parameter tables before or after the DTO source, with only tables, with only source.
 * The fixtures follow BaseMetadataHandler and OperationControl.html (see README, "Deriving schemas").
 */
import { readFileSync } from 'node:fs';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { parseMetadataPage } from './metadata-page.js';
import type { Diagnostic, TypeRef } from './model.js';
import { addPageToDraft } from './pages-to-draft.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/pages/${name}`, import.meta.url), 'utf8');

const derive = (name: string) => {
  const { page, diagnostics } = parseMetadataPage(fixture(name), name);
  const all: Diagnostic[] = [...diagnostics];
  const draft = newDraft('acme', 'Acme Bookings');
  if (page) addPageToDraft(draft, page, `docs/${name}`, all);
  return { page, draft, diagnostics: all };
};

const typeName = (t: TypeRef | undefined): string =>
  !t ? '?' : t.kind === 'primitive' || t.kind === 'named' ? t.name : t.kind === 'list' ? `${typeName(t.of)}[]` : 'map';

const REQUEST_PROPERTIES = ['Name', 'RoomType', 'RoomNumber', 'BookingStartDate', 'BookingEndDate', 'Cost', 'Notes'];

type Layout = [
  file: string,
  parts: { source?: string; tables: number; enums: number },
  sampleFormat: 'json' | 'xml' | 'jsv' | 'csv' | undefined,
];

const LAYOUTS: Layout[] = [
  ['json.csharp.txt', { source: 'C#', tables: 0, enums: 0 }, 'json'],
  ['jsv.metadata.txt', { tables: 2, enums: 1 }, 'jsv'],
  ['copied.json.metadata.txt', { tables: 2, enums: 1 }, 'json'],
  ['tables-then-source.python.json.txt', { source: 'Python', tables: 2, enums: 1 }, 'json'],
  ['source-then-tables.kotlin.xml.txt', { source: 'Kotlin', tables: 2, enums: 1 }, 'xml'],
  ['only-source.python.txt', { source: 'Python', tables: 0, enums: 0 }, undefined],
  ['only-tables.csv.txt', { tables: 2, enums: 1 }, 'csv'],
  ['xml.typescript.html', { source: 'TypeScript', tables: 0, enums: 0 }, 'xml'],
  ['json.metadata.html', { tables: 2, enums: 1 }, 'json'],
  ['csv.metadata.html', { tables: 2, enums: 1 }, 'csv'],
  ['jsv.kotlin.html', { source: 'Kotlin', tables: 0, enums: 0 }, 'jsv'],
];

describe.each(LAYOUTS)('%s', (file, parts, sampleFormat) => {
  const { page, draft, diagnostics } = derive(file);

  it('reads every part of the page', () => {
    expect(diagnostics).toEqual([]);
    expect(page).toMatchObject({ title: 'Acme Bookings', operation: 'CreateBooking' });
    expect(page?.routes).toEqual([{ verbs: ['POST'], path: '/bookings' }]);
    expect(page?.dtoSources.map((s) => s.languageLabel)).toEqual(parts.source ? [parts.source] : []);
    expect(page?.paramTables.map((t) => t.typeName)).toEqual(parts.tables ? ['CreateBooking', 'IdResponse'] : []);
    expect(page?.enumTables.map((t) => t.typeName)).toEqual(parts.enums ? ['RoomType'] : []);
    expect(page?.sampleFormat).toBe(sampleFormat);
    if (sampleFormat) {
      expect(page?.request).toMatchObject({ verb: 'POST', path: '/bookings' });
      expect(page?.request?.headers['host']).toBe('bookings.example.org');
      expect(page?.response?.status).toBe(200);
    }
  });

  it('derives the operation, its types and their properties', () => {
    expect([...draft.operations.keys()]).toEqual(['CreateBooking']);
    expect([...draft.types.keys()].sort()).toEqual(expect.arrayContaining(['CreateBooking', 'IdResponse', 'RoomType']));
    const request = draft.types.get('CreateBooking');
    expect(request?.properties.map((p) => p.name)).toEqual(REQUEST_PROPERTIES);
    expect(draft.types.get('IdResponse')?.properties.map((p) => p.name)).toEqual(['Id', 'ResponseStatus']);
    expect(draft.types.get('RoomType')?.enumValues).toEqual(['Single', 'Double', 'Queen', 'Twin', 'Suite']);
    expect(typeName(request?.properties.find((p) => p.name === 'RoomType')?.type)).toBe('RoomType');
  });

  it('answers with the response the page shows, from its source, XML root or table order', () => {
    const { manifest, diagnostics: built } = buildApi(draft);
    expect(built.filter((d) => d.severity === 'error')).toEqual([]);
    expect(manifest.operations.map((o) => [o.name, o.response])).toEqual([['CreateBooking', 'IdResponse']]);
  });

  if (sampleFormat && sampleFormat !== 'xml')
    it('reads the sample bodies in their own format', () => {
      expect(draft.host).toBe('bookings.example.org');
      const op = draft.operations.get('CreateBooking');
      expect(op?.sampleRequestKeys[0]?.keys.map((k) => k.toLowerCase())).toEqual(
        REQUEST_PROPERTIES.map((p) => p.toLowerCase()),
      );
      expect(op?.sampleResponseKeys[0]?.keys.map((k) => k.toLowerCase())).toEqual(['id', 'responsestatus']);
    });
});

describe('parameter tables', () => {
  it('carry locations, .NET types and Required into the types', () => {
    const { draft } = derive('json.metadata.html');
    const name = draft.types.get('CreateBooking')?.properties.find((p) => p.name === 'Name');
    expect(name).toMatchObject({ required: true, location: 'body', description: "The guest's name" });
    const end = draft.types.get('CreateBooking')?.properties.find((p) => p.name === 'BookingEndDate');
    expect(typeName(end?.type)).toBe('datetime');
  });

  it('read the same page saved as text, copied with its tabs, and as HTML alike', () => {
    const strip = (name: string) => {
      const { page } = derive(name);
      return page?.paramTables.map((t) => ({ ...t, line: 0, rows: t.rows.map((r) => ({ ...r, line: 0 })) }));
    };
    expect(strip('json.metadata.html')).toEqual(strip('jsv.metadata.txt'));
    expect(strip('copied.json.metadata.txt')).toEqual(strip('jsv.metadata.txt'));
  });

  it('read "Allowable Values" and "Valid Range" under a row', () => {
    const text = [
      'Acme Bookings',
      '<back to all web services',
      'FindRooms',
      'FindRooms Parameters:',
      'NAME\tPARAMETER\tDATA TYPE\tREQUIRED\tDESCRIPTION',
      'Type\tquery\tstring\tNo\tThe room type',
      'Allowable Values',
      'Single',
      'Double',
      'Take\tquery\tint?\tNo',
      'Valid Range: 1 - 100',
      'Skip query int? No',
    ].join('\n');
    const { page, diagnostics } = parseMetadataPage(text, 'find.txt');
    expect(diagnostics).toEqual([]);
    expect(page?.paramTables[0]?.rows).toEqual([
      {
        name: 'Type',
        location: 'query',
        dataType: 'string',
        required: false,
        description: 'The room type',
        allowableValues: ['Single', 'Double'],
        line: 6,
      },
      {
        name: 'Take',
        location: 'query',
        dataType: 'int?',
        required: false,
        description: 'Valid Range: 1 - 100',
        line: 10,
      },
      { name: 'Skip', location: 'query', dataType: 'int?', required: false, description: '', line: 12 },
    ]);
  });

  it('read enum tables with a Value column', () => {
    const text = [
      'Acme Bookings',
      '<back to all web services',
      'GetRoom',
      'GetRoom Parameters:',
      'NameParameterData TypeRequiredDescription',
      'LevelqueryLevelNo',
      'Level Enum:',
      'NameValue',
      'Low1',
      'High2',
      'Status Enum:',
      'Name\tValue',
      'Active\tactive',
      'Closed\tclosed',
    ].join('\n');
    const { page, draft } = (() => {
      const parsed = parseMetadataPage(text, 'enum.txt');
      const d = newDraft('acme', 'Acme');
      if (parsed.page) addPageToDraft(d, parsed.page, 'docs/enum.txt', []);
      return { page: parsed.page, draft: d };
    })();
    expect(page?.enumTables[0]?.members.map((m) => [m.name, m.value])).toEqual([
      ['Low', '1'],
      ['High', '2'],
    ]);
    expect(draft.types.get('Level')?.enumValues).toEqual(['Low', 'High']);
    expect(draft.types.get('Status')?.enumValues).toEqual(['active', 'closed']);
  });
});

describe('DTO source', () => {
  it('is found without a footer when its language shows, and a footer may name no language', () => {
    const python = fixture('only-source.python.txt').replace(/\nPython CreateBooking DTOs\n?$/, '\n');
    const noFooter = parseMetadataPage(python, 'a.txt');
    expect(noFooter.diagnostics).toEqual([]);
    expect(noFooter.page?.dtoSources).toHaveLength(1);
    expect(noFooter.page?.dtoSources[0]?.languageLabel).toBeUndefined();
    const bare = parseMetadataPage(`${python}\nCreateBooking DTOs\n`, 'b.txt');
    expect(bare.page?.dtoSources[0]?.languageLabel).toBeUndefined();
    expect(bare.page?.dtoSources[0]?.text).toMatch(/notes: Optional\[str\] = None$/);
  });

  it("takes its language from the HTML's <code lang> when the DTOs link names none (a language without a tab)", () => {
    const html = fixture('xml.typescript.html')
      .replace(/lang="typescript"/g, 'lang="typescript.d"')
      .replace('>TypeScript CreateBooking DTOs<', '> CreateBooking DTOs<')
      .replace('lang="typescript.d">', 'lang="typescript.d">\n\n');
    const { page } = parseMetadataPage(html, 'x.html');
    expect(page?.dtoSources.map((s) => s.languageLabel)).toEqual(['typescript.d']);
    const draft = newDraft('acme', 'Acme Bookings');
    const diagnostics: Diagnostic[] = [];
    if (page) addPageToDraft(draft, page, 'docs/x.html', diagnostics);
    expect(diagnostics).toEqual([]);
    expect(draft.types.get('CreateBooking')?.properties.map((p) => p.name)).toEqual(REQUEST_PROPERTIES);
  });

  it('starts at its real line in the HTML file', () => {
    const html = fixture('xml.typescript.html');
    const { page } = parseMetadataPage(html, 'x.html');
    const expected = html.split('\n').findIndex((l) => l.includes('export enum RoomType')) + 1;
    expect(page?.dtoSources[0]?.firstLine).toBe(expected);
    expect(page?.dtoSources[0]?.text.split('\n')[0]).toBe('export enum RoomType');
  });
});
