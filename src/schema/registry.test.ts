import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadApi, loadApis, SchemaLoadError } from './registry.js';

type Json = Record<string, Record<string, Record<string, unknown>>>;

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ssmock-registry-'));
  cpSync(path.resolve('schemas', 'billiecart'), path.join(root, 'billiecart'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Edits a file of the copied API in place; returns how the load error names it. */
const editFile = (rel: string, edit: (json: Json) => void): string => {
  const file = path.join(root, 'billiecart', rel);
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return file;
};

const loadError = (): string => {
  try {
    loadApi(root, 'billiecart');
  } catch (err) {
    expect(err).toBeInstanceOf(SchemaLoadError);
    return (err as Error).message;
  }
  throw new Error('expected the load to fail');
};

describe('loadApi', () => {
  it('loads the committed schemas in strict mode', () => {
    expect(loadApis('schemas').map((api) => [api.id, api.manifest.locale])).toEqual([
      ['billiecart', 'en-AU'],
      ['servicestack-home', 'en-US'],
    ]);
  });

  // A typo in a DTO schema fails the load with one line: the file, where in it, and what is wrong.
  it.each<[string, string, (json: Json) => void, string]>([
    [
      'a misspelt keyword',
      'Customer',
      (s) => (s['properties']!['firstName']!['requred'] = true),
      '/properties/firstName: unknown keyword "requred" (did you mean "required"?)',
    ],
    [
      'a misspelt x- keyword',
      'Customer',
      (s) => ((s as Record<string, unknown>)['x-nullabel'] = true),
      '(root): unknown keyword "x-nullabel" (did you mean "x-nullable"?)',
    ],
    [
      'an x- keyword with a value of the wrong type',
      'Customer',
      (s) => (s['properties']!['dateOfBirth']!['x-nullable'] = 'yes'),
      '/properties/dateOfBirth/x-nullable: must be boolean',
    ],
    [
      'a typo in a schema that another one refers to (found while compiling that one)',
      'BankAccount',
      (s) => (s['properties']!['bsbNumber']!['maxLenght'] = 6),
      '/properties/bsbNumber: unknown keyword "maxLenght" (did you mean "maxLength"?)',
    ],
    [
      'a keyword value of the wrong type',
      'Customer',
      (s) => ((s as Record<string, unknown>)['required'] = 'id'),
      '/required: must be an array, not a string',
    ],
    [
      'a misspelt type',
      'Customer',
      (s) => (s['properties']!['email']!['type'] = 'strng'),
      '/properties/email/type: must be one of array, boolean, integer, null, number, object, string (did you mean "string"?)',
    ],
    [
      'a misspelt format',
      'Customer',
      (s) => (s['properties']!['dateOfBirth']!['format'] = 'date-tme'),
      '/properties/dateOfBirth/format: unknown format "date-tme" (did you mean "date-time"?)',
    ],
    [
      'a $ref to a file that does not exist',
      'Customer',
      (s) => (s['properties']!['bankAccount']!['$ref'] = 'BankAcount.json'),
      '/properties/bankAccount/$ref: refers to BankAcount.json, which is not a schema of this API (did you mean "BankAccount.json"?)',
    ],
    [
      'a keyword for another type',
      'Customer',
      (s) => (s['properties']!['email'] = { minimum: 3 }),
      '/properties/email: missing type "number" for keyword "minimum"',
    ],
  ])('%s', (_, type, edit, line) => {
    const file = editFile(path.join('types', `${type}.json`), edit);
    expect(loadError()).toBe(`[ssmock] ${file}: ${line}`);
  });

  it.each([
    [
      'a trailing comma',
      '{\n  "api": "billiecart",\n}\n',
      'line 3, column 1: not valid JSON (Expected double-quoted property name)',
    ],
    [
      'a file cut short',
      '{\n  "api": "billiecart",',
      'line 2, column 23: not valid JSON (Expected double-quoted property name)',
    ],
  ])('says where the manifest is not JSON: %s', (_, text, line) => {
    const file = path.join(root, 'billiecart', 'manifest.json');
    writeFileSync(file, text);
    expect(loadError()).toBe(`[ssmock] ${file}: ${line}`);
  });

  it('checks the manifest against schemas/meta/manifest.schema.json', () => {
    const file = editFile('manifest.json', (m) => {
      const ops = m['operations'] as unknown as { routes: { verbs: string[] }[] }[];
      ops[1]!.routes[0]!.verbs = ['POST', 'FETCH'];
    });
    expect(loadError()).toBe(
      `[ssmock] ${file}: /operations/1/routes/0/verbs/1: must be one of GET, POST, PUT, PATCH, DELETE`,
    );
  });
});
