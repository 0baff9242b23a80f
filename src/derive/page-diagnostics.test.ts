/**
 * What derive says about a page it cannot fully read: `file:line` with the line in the ORIGINAL file
 * (the HTML line for an HTML page), and a page parser that never throws, whatever it is given.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { parseMetadataPage } from './metadata-page.js';
import type { Diagnostic } from './model.js';
import { addPageToDraft } from './pages-to-draft.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/pages/${name}`, import.meta.url), 'utf8');

/** 1-based line of the first line of `text` containing `needle` (after `from`, a line number). */
const lineOf = (text: string, needle: string, from = 0): number => {
  const index = text.split('\n').findIndex((l, i) => i >= from && l.includes(needle));
  if (index === -1) throw new Error(`fixture has no '${needle}'`);
  return index + 1;
};

const derive = (text: string, file: string): Diagnostic[] => {
  const { page, diagnostics } = parseMetadataPage(text, file);
  if (!page) return diagnostics;
  const draft = newDraft('acme', 'Acme Bookings');
  addPageToDraft(draft, page, `docs/${file}`, diagnostics);
  return [...diagnostics, ...buildApi(draft).diagnostics.filter((d) => d.file === file)];
};

const at = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}`);

describe('diagnostics point at the line in the original file', () => {
  const html = fixture('json.metadata.html');
  const typescript = fixture('xml.typescript.html');

  it.each([
    [
      'an HTML page without DTO source or tables: where they belong, after the language tabs (the format note)',
      html.replace(/<table class='params'>[\s\S]*?<div class="call-info">/, '<div class="call-info">'),
      (t: string) => lineOf(t, '<div class="call-info">'),
      /expected DTO source ending in '<Language> CreateBooking DTOs' or 'CreateBooking Parameters:' tables/,
    ],
    [
      'an HTML page whose first table is not the operation: the caption',
      html.replace('<b>CreateBooking</b> Parameters:', '<b>Booking</b> Parameters:'),
      (t: string) => lineOf(t, '<b>Booking</b> Parameters:'),
      /expected the first parameter table to be 'CreateBooking', found 'Booking'/,
    ],
    [
      'a DTO no page or file defines: the operation name on its page',
      typescript.replace(/export class CreateBooking /, 'export class MakeBooking '),
      (t: string) => lineOf(t, '<h2>CreateBooking</h2>'),
      /expected the DTO of operation 'CreateBooking' on its page/,
    ],
    [
      'a stray brace in the DTO source of an HTML page: its own line',
      typescript.replace('export class IdResponse', '}\nexport class IdResponse'),
      (t: string) => lineOf(t, 'export class IdResponse') - 1,
      /unexpected '\}'/,
    ],
    [
      'a sample key no DTO declares: the line of the sample body',
      html
        .replace('{&quot;name&quot;:', '{&quot;roomNo&quot;:0,&quot;name&quot;:')
        .replace('{"name":', '{"roomNo":0,"name":'),
      (t: string) => lineOf(t, '"roomNo"'),
      /roomNo/,
    ],
    [
      'text the page does not explain, between the tables and the samples',
      fixture('jsv.metadata.txt').replace('Suite\n', 'Suite\n\n<<< pasted by mistake >>>\n'),
      (t: string) => lineOf(t, 'pasted by mistake'),
      /expected a parameter table, DTO source ending in '<Language> CreateBooking DTOs', or a sample; ignored 1 line/,
    ],
    [
      'a text page without its back link',
      'Acme Bookings\n\nCreateBooking\n',
      () => 3,
      /expected '<back to all web services' after the title/,
    ],
    [
      'an operation name that is not a type name',
      'Acme Bookings\n<back to all web services\n\nCreate Booking\n',
      () => 4,
      /expected the operation name/,
    ],
  ])('%s', (_name, text, expectedLine, message) => {
    const diagnostics = derive(text, 'page.html');
    const found = diagnostics.find((d) => message.test(d.message));
    expect(found && at([found])).toEqual([`page.html:${expectedLine(text)}: ${found?.severity}`]);
  });

  it('a type two pages contradict: the row of the later page', () => {
    const tables = html.replace(
      '<td>Cost</td><td>body</td><td>decimal</td>',
      '<td>Cost</td><td>body</td><td>string</td>',
    );
    const draft = newDraft('acme', 'Acme Bookings');
    const diagnostics: Diagnostic[] = [];
    for (const [file, text] of [
      ['json.csharp.txt', fixture('json.csharp.txt')],
      ['tables.html', tables],
    ] as const) {
      const parsed = parseMetadataPage(text, file);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.page) addPageToDraft(draft, parsed.page, `docs/${file}`, diagnostics);
    }
    const costRow = tables.split('\n').findIndex((l) => l.includes('<td>Cost</td>')) + 1;
    expect(at(diagnostics)).toEqual([`tables.html:${costRow}: warning`]);
    expect(diagnostics[0]?.message).toMatch(/Cost/);
  });

  it('a page whose DTO another page of the API defines is no mistake', () => {
    const draft = newDraft('acme', 'Acme Bookings');
    const diagnostics: Diagnostic[] = [];
    for (const [file, text] of [
      ['renamed.html', typescript.replace(/export class CreateBooking /, 'export class MakeBooking ')],
      ['json.csharp.txt', fixture('json.csharp.txt')],
    ] as const) {
      const parsed = parseMetadataPage(text, file);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.page) addPageToDraft(draft, parsed.page, `docs/${file}`, diagnostics);
    }
    diagnostics.push(...buildApi(draft).diagnostics);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a page read without complaint says nothing', () => {
    expect(derive(html, 'page.html')).toEqual([]);
    expect(derive(typescript, 'page.html')).toEqual([]);
  });
});

describe('parseMetadataPage never throws', () => {
  const pieces = [
    'Acme Bookings',
    '<back to all web services',
    'CreateBooking',
    'Requires Authentication',
    'Required role:\tEmployee',
    'The following routes are available for this service:',
    'POST/bookings',
    'Metadata C# Python',
    'CreateBooking Parameters:',
    'NameParameterData TypeRequiredDescription',
    'NamebodystringNo',
    'Allowable Values',
    'RoomType Enum:',
    'NameValue',
    'Single1',
    'C# CreateBooking DTOs',
    'HTTP + JSON',
    'POST /bookings HTTP/1.1 ',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json',
    '{"name":"String"}',
    '<pre><code>',
    '</code></pre>',
    '<table><tr><td>',
    '</td></tr>',
    '<!DOCTYPE html>',
    '&lt;&#x110000;&#0;',
    '',
  ];
  const pageLike = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 40 });

  it('on page-like text, as text or HTML', () => {
    fc.assert(
      fc.property(pageLike, fc.boolean(), (parts, asHtml) => {
        const text = asHtml ? `<!DOCTYPE html><html><body>${parts.join('\n')}</body></html>` : parts.join('\n');
        const { page, diagnostics } = parseMetadataPage(text, 'p.txt');
        for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
        if (!page) expect(diagnostics.length).toBeGreaterThan(0);
      }),
      { seed: 14, numRuns: 400 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(() => parseMetadataPage(text, 'p.txt')).not.toThrow();
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
