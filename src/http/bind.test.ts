import fc from 'fast-check';
import type { JsonSchema } from '../schema/json-schema.js';
import { bindRequest, coerceString, stringKeyLookup, type BindSources } from './bind.js';

// A request DTO shaped like derive's output: camelCase wire names, $refs to other types.
const TYPES: Record<string, JsonSchema> = {
  Filter: {
    type: 'object',
    properties: { name: { type: 'string' }, age: { type: 'integer', format: 'int32' } },
  },
  Status: { type: 'string', enum: ['Active', 'OnHold'] },
};
const resolve = (ref: string): JsonSchema | undefined => TYPES[ref.replace(/\.json$/, '')];
const REQUEST: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer', format: 'int32' },
    name: { type: 'string' },
    price: { type: 'number', 'x-dotnet-type': 'decimal' },
    active: { type: 'boolean' },
    ids: { type: 'array', items: { type: 'integer' } },
    tags: { type: 'array', items: { type: 'string' } },
    filter: { $ref: 'Filter.json' },
    filters: { type: 'array', items: { $ref: 'Filter.json' } },
    when: { type: 'string', format: 'date-time', 'x-dotnet-type': 'DateTime' },
    status: { $ref: 'Status.json' },
    key: { type: 'string', format: 'uuid', 'x-dotnet-type': 'Guid' },
    meta: { type: 'object', additionalProperties: { type: 'string' } },
    // [DataMember(Name = "phone")] PhoneNumber, [DataMember(Name = "max_results")] MaxResults
    phone: { type: 'string', 'x-xml-name': 'phone', 'x-member-name': 'PhoneNumber' },
    max_results: { type: 'integer', format: 'int32', 'x-xml-name': 'max_results', 'x-member-name': 'MaxResults' },
  },
};

const bind = (sources: BindSources) => bindRequest(REQUEST, resolve, sources);
const dtoOf = (sources: BindSources) => bind(sources).dto;

describe('bindRequest: where a value comes from', () => {
  it.each<[string, BindSources, unknown]>([
    // user routes: body < path variables < query string < form fields
    ['body alone', { body: { name: 'body' } }, 'body'],
    ['path over body', { body: { name: 'body' }, pathParams: { name: 'path' } }, 'path'],
    ['query over path', { body: { name: 'body' }, pathParams: { name: 'path' }, query: { name: 'query' } }, 'query'],
    [
      'form over query',
      { body: { name: 'body' }, pathParams: { name: 'path' }, query: { name: 'query' }, form: { name: 'form' } },
      'form',
    ],
    ['query over body', { body: { name: 'body' }, query: { name: 'query' } }, 'query'],
    ['an empty query value is skipped', { body: { name: 'body' }, query: { name: '' } }, 'body'],
    ['an empty path value is skipped', { body: { name: 'body' }, pathParams: { name: '' } }, 'body'],
    // predefined routes: the body wins, the query only fills what it left empty; form fields still overwrite
    ['predefined: body over query', { body: { name: 'body' }, query: { name: 'query' }, queryFillsOnly: true }, 'body'],
    ['predefined: query fills an empty body', { body: {}, query: { name: 'query' }, queryFillsOnly: true }, 'query'],
    ['predefined: query without a body', { query: { name: 'query' }, queryFillsOnly: true }, 'query'],
    ['predefined: form over query', { query: { name: 'query' }, form: { name: 'form' }, queryFillsOnly: true }, 'form'],
    // a repeated query key: the last one
    ['a repeated key', { query: { name: ['first', 'last'] } }, 'last'],
  ])('%s', (_case, sources, name) => {
    expect(dtoOf(sources)['name']).toBe(name);
  });

  it('binds PUT /customers/5 with body {"id":9} to id 5, as ServiceStack does', () => {
    expect(dtoOf({ body: { id: 9, name: 'x' }, pathParams: { Id: '5' } })).toEqual({ id: 5, name: 'x' });
  });

  it('lets a path variable override a property the body left out, and leaves other properties alone', () => {
    expect(dtoOf({ body: { name: 'x' }, pathParams: { Id: '5' }, query: { Active: 'true' } })).toEqual({
      id: 5,
      name: 'x',
      active: true,
    });
  });
});

describe('bindRequest: names', () => {
  it.each<[string, BindSources, Record<string, unknown>]>([
    ['query names, any case', { query: { ID: '5', Name: 'x', aCtIvE: 'y' } }, { id: 5, name: 'x', active: true }],
    ['path names, any case', { pathParams: { Id: '5' } }, { id: 5 }],
    ['form names, any case', { form: { NAME: 'x' } }, { name: 'x' }],
    ['body names, any case', { body: { Name: 'x', ID: 5 } }, { name: 'x', id: 5 }],
    ['nested body names, any case', { body: { Filter: { NAME: 'Ann' } } }, { filter: { name: 'Ann' } }],
    // unknown query/form keys (ServiceStack's own `format`, `callback`, … included) are ignored
    ['unknown query keys', { query: { format: 'xml', callback: 'cb', nickname: 'x' } }, {}],
    // keys that would be special on a plain object are just unknown names
    ['__proto__ and constructor', { query: { ['__proto__']: 'x', constructor: 'y' } }, {}],
  ])('%s', (_case, sources, dto) => {
    expect(dtoOf(sources)).toEqual(dto);
  });

  // Path, query and form bind a [DataMember(Name)] property by its alias or its C# name (StringMapTypeDeserializer);
  // JSON, JSV and XML bodies by its alias only (ServiceStack.Text).
  it.each<[string, BindSources, Record<string, unknown>]>([
    ['query: the alias', { query: { phone: '555' } }, { phone: '555' }],
    ['query: the C# name', { query: { PhoneNumber: '555' } }, { phone: '555' }],
    ['query: the C# name, any case', { query: { phonenumber: '555' } }, { phone: '555' }],
    ['query: the alias, any case', { query: { PHONE: '555' } }, { phone: '555' }],
    ['path: the C# name', { pathParams: { PhoneNumber: '555' } }, { phone: '555' }],
    ['path: the alias', { pathParams: { phone: '555' } }, { phone: '555' }],
    ['form: the C# name', { form: { PhoneNumber: '555' } }, { phone: '555' }],
    ['form: the alias', { form: { phone: '555' } }, { phone: '555' }],
    ['query: the C# name, converted to the type', { query: { MaxResults: '10' } }, { max_results: 10 }],
    ['predefined route: the C# name fills', { query: { MaxResults: '10' }, queryFillsOnly: true }, { max_results: 10 }],
    ['query: both names, the later wins', { query: { phone: '1', PhoneNumber: '2' } }, { phone: '2' }],
    [
      'query over body by the C# name',
      { body: { phone: 'body' }, query: { PhoneNumber: 'query' } },
      { phone: 'query' },
    ],
    ['body: the alias', { body: { phone: '555', max_results: 3 } }, { phone: '555', max_results: 3 }],
    ['body: the C# name is unknown', { body: { PhoneNumber: '555', MaxResults: 3 } }, {}],
    ['nested JSV: the C# name is unknown', { query: { filter: '{Name:Ann}' } }, { filter: { name: 'Ann' } }],
  ])('DataMember names, %s', (_case, sources, dto) => {
    expect(dtoOf(sources)).toEqual(dto);
  });

  it('reports a body key by the C# name as unknown', () => {
    expect(bind({ body: { PhoneNumber: '555' } }).problems.unknown).toEqual(['PhoneNumber']);
  });

  it('reports a bad value sent by the C# name as a binding error, and binds nothing', () => {
    const { dto, problems } = bind({ query: { MaxResults: 'ten' } });
    expect(dto).toEqual({});
    expect(problems.bindingErrors.map((e) => [e.errorCode, e.message])).toEqual([
      ['SerializationException', expect.stringMatching(/^'ten' is an Invalid value for /)],
    ]);
  });

  it('builds the path/query/form lookup once per schema', () => {
    expect(stringKeyLookup(REQUEST)).toBe(stringKeyLookup(REQUEST));
    expect(stringKeyLookup(REQUEST).get('phonenumber')).toBe('phone');
  });

  it('a C# name equal to another property name: the later property wins, as in ServiceStack', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { code: { type: 'string' }, zip: { type: 'string', 'x-member-name': 'Code' } },
    };
    expect(bindRequest(schema, resolve, { query: { code: 'x' } }).dto).toEqual({ zip: 'x' });
  });

  it('reports body names it does not know and names that only matched case-insensitively', () => {
    const { problems } = bind({ body: { Name: 'x', nickname: 'y', filter: { NAME: 'Ann', shoe: 9 } } });
    expect(problems.unknown).toEqual(['nickname', 'filter.shoe']);
    expect(problems.wrongCase).toEqual(['Name', 'filter.NAME']);
    expect(problems.bindingErrors).toEqual([]);
  });

  it('drops nulls from the body, in objects and in lists', () => {
    expect(dtoOf({ body: { name: null, tags: ['a', null, 'b'], filter: { name: null, age: 3 } } })).toEqual({
      tags: ['a', 'b'],
      filter: { age: 3 },
    });
  });
});

describe('bindRequest: query, path and form strings become the schema types', () => {
  it.each<[string, string, unknown]>([
    // integers and numbers: invariant culture
    ['id', '42', 42],
    ['id', '-7', -7],
    ['id', ' 42 ', 42],
    ['price', '1.5', 1.5],
    ['price', '.5', 0.5],
    ['price', '1e3', 1000],
    // booleans: .NET's words, any case
    ['active', 'true', true],
    ['active', 'True', true],
    ['active', 't', true],
    ['active', 'Y', true],
    ['active', 'on', true],
    ['active', '1', true],
    ['active', 'false', false],
    ['active', 'F', false],
    ['active', 'n', false],
    ['active', '0', false],
    // strings are taken verbatim, JSV-looking or not
    ['name', '123', '123'],
    ['name', '[a,b]', '[a,b]'],
    ['name', '"quoted"', '"quoted"'],
    // lists: `1,2,3` or `[1,2,3]`, items converted too
    ['ids', '1,2,3', [1, 2, 3]],
    ['ids', '[1,2,3]', [1, 2, 3]],
    ['ids', '7', [7]],
    ['tags', 'a,b', ['a', 'b']],
    ['tags', '[a,"b,c"]', ['a', 'b,c']],
    // objects and lists of objects as JSV
    ['filter', '{name:Ann,age:3}', { name: 'Ann', age: 3 }],
    ['filter', '{Name:Ann,AGE:"3"}', { name: 'Ann', age: 3 }],
    ['filters', '[{name:Ann},{name:Bo}]', [{ name: 'Ann' }, { name: 'Bo' }]],
    ['meta', '{a:1,b:x}', { a: '1', b: 'x' }],
    // dates: ISO-8601 or WCF, held as ISO
    ['when', '2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['when', '2024-01-15T20:30:00+10:00', '2024-01-15T10:30:00.000Z'],
    ['when', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['when', '/Date(1705314600000)/', '2024-01-15T10:30:00.000Z'],
    ['when', '/Date(1705314600000+1000)/', '2024-01-15T10:30:00.000Z'],
    ['when', '\\/Date(1705314600000)\\/', '2024-01-15T10:30:00.000Z'],
    // enums by name, any case; Guids in any of .NET's spellings
    ['status', 'onhold', 'OnHold'],
    ['key', '0F8FAD5BD9CB469FA16570867728950E', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['key', '0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b-d9cb-469f-a165-70867728950e'],
  ])('%s=%s → %j', (name, text, value) => {
    for (const place of ['query', 'pathParams', 'form'] as const) {
      const { dto, problems } = bind({ [place]: { [name]: text } });
      expect(problems.bindingErrors).toEqual([]);
      expect(dto[name]).toEqual(value);
    }
  });

  it.each([
    ['id', 'abc', 'Id'],
    ['id', '4x', 'Id'],
    ['price', '1,5', 'Price'],
    ['active', 'maybe', 'Active'],
    ['ids', '1,x,3', 'Ids'],
    ['ids', '[1,2', 'Ids'],
    ['filter', 'Ann', 'Filter'],
    ['when', 'yesterday', 'When'],
    ['when', '2024-02-30', 'When'],
  ])('%s=%s is a SerializationException naming %s', (name, text, field) => {
    const { dto, problems } = bind({ query: { [name]: text } });
    expect(dto).not.toHaveProperty(name);
    expect(problems.bindingErrors).toEqual([
      {
        errorCode: 'SerializationException',
        fieldName: field,
        message: `'${text}' is an Invalid value for '${field}'`,
      },
    ]);
  });

  it('reports every bad field, one entry each', () => {
    const { problems } = bind({ pathParams: { id: 'x' }, query: { active: 'perhaps', name: 'fine' } });
    expect(problems.bindingErrors.map((e) => e.fieldName)).toEqual(['Id', 'Active']);
  });

  it('leaves an enum name it does not know for the validator to report', () => {
    expect(bind({ query: { status: 'Gone' } })).toMatchObject({
      dto: { status: 'Gone' },
      problems: { bindingErrors: [] },
    });
  });
});

describe('bindRequest: typed values in the body', () => {
  it.each<[string, unknown, unknown]>([
    // ServiceStack.Text reads a quoted number or boolean into an int or bool property
    ['id', '10', 10],
    ['active', 'true', true],
    ['when', '/Date(1705314600000)/', '2024-01-15T10:30:00.000Z'],
    ['status', 'ACTIVE', 'Active'],
    ['active', 1, true],
    ['active', 0, false],
    // a number or boolean sent for a string property is converted (README, Errors)
    ['name', 5, '5'],
    ['name', true, 'true'],
    // a value of the wrong type is left for the validator (a 400 SerializationException)
    ['id', 'ten', 'ten'],
    ['when', 1705314600000, 1705314600000],
    ['when', true, true],
    ['ids', 'x', 'x'],
  ])('%s: %j → %j', (name, value, expected) => {
    expect(dtoOf({ body: { [name]: value } })[name]).toEqual(expected);
  });
});

describe('coerceString: properties', () => {
  const int = { type: 'integer' } as const satisfies JsonSchema;
  const ints = { type: 'array', items: int } as const satisfies JsonSchema;

  it('reads back any integer written as text', () => {
    fc.assert(fc.property(fc.integer(), (n) => expect(coerceString(String(n), int, resolve)).toEqual({ value: n })));
  });

  it('reads back any list of integers written as 1,2,3 or [1,2,3]', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1 }), (list) => {
        expect(coerceString(list.join(','), ints, resolve)).toEqual({ value: list });
        expect(coerceString(`[${list.join(',')}]`, ints, resolve)).toEqual({ value: list });
      }),
    );
  });

  it('takes any text verbatim for a string property', () => {
    fc.assert(
      fc.property(fc.string(), (s) => expect(coerceString(s, { type: 'string' }, resolve)).toEqual({ value: s })),
    );
  });
});
