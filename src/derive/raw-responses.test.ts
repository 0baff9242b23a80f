/**
 * A response that is no DTO still gets a schema file, and the operations that return one carry no state:
 * test/fixtures/schemas/raw is derived from its docs/dtos.cs and committed, so derive must still write it exactly.
 */
import path from 'node:path';
import { deriveSchemas } from './index.js';
import type { JsonSchema } from '../schema/json-schema.js';
import { loadApi } from '../schema/registry.js';

const FIXTURES = path.resolve('test/fixtures/schemas');

describe('responses that are no DTO', () => {
  it('the raw fixture is what derive writes from its DTO file (golden check)', () => {
    const result = deriveSchemas({
      inputs: [path.join(FIXTURES, 'raw', 'docs')],
      out: FIXTURES,
      api: 'raw',
      check: true,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.drift).toEqual([]);
  });

  const api = loadApi(FIXTURES, 'raw');
  const responseOf = (operation: string) => api.operation(operation)?.response;
  const schemaOf = (type: string): Partial<JsonSchema> => {
    const { $id: _id, $schema: _schema, ...rest } = api.schemas.get(type)!;
    return rest;
  };

  it.each<[string, string, Partial<JsonSchema>]>([
    ['HelloText', 'String', { title: 'String', type: 'string', 'x-dotnet-type': 'string' }],
    [
      'GetReceiptBytes',
      'Bytes',
      { title: 'Bytes', type: 'string', contentEncoding: 'base64', 'x-dotnet-type': 'byte[]' } as Partial<JsonSchema>,
    ],
    [
      'DownloadExport',
      'Bytes',
      { title: 'Bytes', type: 'string', contentEncoding: 'base64', 'x-dotnet-type': 'byte[]' } as Partial<JsonSchema>,
    ],
    [
      'GetTags',
      'ArrayOfString',
      { title: 'ArrayOfString', type: 'array', items: { type: 'string', 'x-dotnet-type': 'string' } },
    ],
  ])('%s answers %s', (operation, type, schema) => {
    expect(responseOf(operation)).toBe(type);
    expect(schemaOf(type)).toEqual(schema);
    expect(api.operation(operation)?.state).toBeNull();
  });

  it('IReturnVoid answers nothing', () => {
    expect(responseOf('Ping')).toBeNull();
  });

  it("the file's own AuthenticateResponse is written though no operation names it", () => {
    expect(Object.keys(api.schemas.get('AuthenticateResponse')?.properties ?? {})).not.toContain('authProvider');
    expect(api.manifest.types).toContain('AuthenticateResponse');
  });
});
