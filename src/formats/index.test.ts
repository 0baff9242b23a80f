import { CODECS, FORMAT_NAMES, codecForExtension, codecForMediaType, negotiateFromAccept } from './index.js';

describe('format registry', () => {
  it('registers a codec under each name', () => {
    for (const name of FORMAT_NAMES) expect(CODECS[name].name).toBe(name);
  });

  it.each([
    ['application/json', 'json'],
    ['text/json', 'json'],
    ['Application/JSON; charset=utf-8', 'json'],
    ['application/jsv', 'jsv'],
    ['text/jsv', 'jsv'],
    ['application/xml', 'xml'],
    ['text/xml; charset=utf-8', 'xml'],
    ['text/plain', undefined],
    ['application/x-www-form-urlencoded', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads Content-Type %j with %s', (contentType, expected) => {
    expect(codecForMediaType(contentType)?.name).toBe(expected);
  });

  it.each([
    ['json', 'json'],
    ['.jsv', 'jsv'],
    ['XML', 'xml'],
    ['csv', 'csv'],
    ['.jsonl', 'jsonl'],
    ['yaml', undefined],
    ['', undefined],
  ])('maps extension %j to %s', (extension, expected) => {
    expect(codecForExtension(extension)?.name).toBe(expected);
  });

  it.each([
    [undefined, null],
    ['', null],
    ['*/*', null],
    ['application/*', null],
    ['application/json', 'json'],
    ['text/json', 'json'],
    ['application/jsv', 'jsv'],
    ['text/jsv', 'jsv'],
    ['application/xml', 'xml'],
    ['text/xml', 'xml'],
    ['application/xml, application/json', 'xml'],
    ['application/json;q=0.1, application/xml;q=0.9', 'json'],
    ['application/xml;q=0, application/json', 'json'],
    ['image/png, application/jsv', 'jsv'],
    ['image/png, */*;q=0.8', null],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', null],
    ['application/problem+json', 'json'],
    ['image/png', 'unacceptable'],
    ['text/yaml, image/*', 'unacceptable'],
    ['image/png, text/csv', 'csv'],
    ['application/jsonl', 'jsonl'],
    ['application/json;q=0', 'unacceptable'],
  ])('negotiates Accept %j as %j', (accept, expected) => {
    expect(negotiateFromAccept(accept)).toBe(expected);
  });
});
