import fc from 'fast-check';
import {
  authAttributes,
  chosenNames,
  declaredTypes,
  dtoOptions,
  headerSafe,
  MAX_OPTION_NAMES,
  optionsHeader,
  orderByDeps,
  snakeCase,
} from './dto-options.js';
import type { MetadataTypes } from './metadata-types.js';

describe('dtoOptions', () => {
  it.each([
    [{}, undefined, [], undefined],
    [{ IncludeTypes: 'A,B.*' }, ['A', 'B.*'], [], undefined],
    [{ IncludeTypes: '{A}, B ,,' }, ['A', 'B'], [], undefined],
    // Names that are no type name are dropped; a list of only such names matches nothing rather than everything.
    [{ IncludeTypes: '../etc,*/,<x>' }, [], [], undefined],
    [{ IncludeTypes: '' }, undefined, [], undefined],
    [{ ExcludeTypes: 'A', AddServiceStackTypes: 'false' }, undefined, ['A'], false],
    [{ AddServiceStackTypes: 'True' }, undefined, [], true],
    [{ AddServiceStackTypes: ['true', 'false'] }, undefined, [], true],
  ])('%j → include %j, exclude %j, AddServiceStackTypes %j', (query, include, exclude, add) => {
    const o = dtoOptions(query);
    expect([o.includeTypes, o.excludeTypes, o.addServiceStackTypes]).toEqual([include, exclude, add]);
  });

  it(`reads at most ${MAX_OPTION_NAMES} names`, () => {
    const names = Array.from({ length: MAX_OPTION_NAMES * 3 }, (_, i) => `T${i}`).join(',');
    expect(dtoOptions({ IncludeTypes: names }).includeTypes).toHaveLength(MAX_OPTION_NAMES);
  });
});

describe('snakeCase (ToLowercaseUnderscore)', () => {
  it.each([
    ['Id', 'id'],
    ['AddressLine1', 'address_line1'],
    ['BsbNumber', 'bsb_number'],
    ['DriversLicenceNo', 'drivers_licence_no'],
    ['already_snake', 'already_snake'],
  ])('%s → %s', (name, snake) => expect(snakeCase(name)).toBe(snake));
});

/** get-dtos' `parseOptions` (ServiceStack/get-dtos src/index.ts), as test/types-languages.test.ts describes it. */
const parseLikeGetDtos = (src: string): { baseUrl: string; options: Record<string, string> } => {
  const options: Record<string, string> = {};
  let baseUrl = '';
  for (const line of src.slice(src.indexOf('Options:')).split(/\r?\n/)) {
    if (line.startsWith('*/') || line.startsWith('*)') || line.startsWith('"""')) break;
    if (line.startsWith('BaseUrl: ')) baseUrl = line.slice(9);
    else if (baseUrl && !line.startsWith('//') && !line.startsWith('#')) {
      const at = line.indexOf(':');
      if (at >= 0) options[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return { baseUrl, options };
};

describe('optionsHeader', () => {
  const STYLES = [
    { open: '/* Options:', close: '*/', off: '//' },
    { open: '""" Options:', close: '"""', off: '#' },
  ];

  it('whatever the caller sends, the header stays one comment and get-dtos reads back exactly the options set', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STYLES),
        fc.dictionary(fc.constantFrom('GlobalNamespace', 'DataClass', 'IncludeTypes', 'MakePartial'), fc.string()),
        (style, query) => {
          const options = dtoOptions(query);
          const text = optionsHeader(
            style,
            'http://localhost:5050/api',
            options,
            [
              ['GlobalNamespace', ''],
              ['MakePartial', 'True'],
              ['DataClass', ''],
              ['IncludeTypes', (options.includeTypes ?? []).join(',')],
            ],
            new Date(0),
          );
          const lines = text.split('\n');
          expect(lines.slice(1).filter((l) => /^(\*\/|\*\)|""")/.test(l))).toEqual([style.close]);
          expect(lines.at(-1)).toBe(style.close);
          const read = parseLikeGetDtos(text);
          expect(read.baseUrl).toBe('http://localhost:5050/api');
          const set = Object.keys(query).filter((k) => query[k]);
          expect(Object.keys(read.options).sort()).toEqual(set.sort());
        },
      ),
    );
  });

  it('headerSafe keeps one line and nothing that ends a comment or a docstring', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const safe = headerSafe(value);
        expect(safe).not.toMatch(/[\r\n\u2028\u2029]|\*\/|"""|\*\)/);
      }),
    );
  });
});

const meta = (types: MetadataTypes['types'], operations: MetadataTypes['operations'] = []): MetadataTypes => ({
  config: {},
  namespaces: [],
  types,
  operations,
});
const prop = (name: string, type: string, genericArgs?: string[]) => ({
  name,
  type,
  ...(genericArgs ? { genericArgs } : {}),
});

describe('type choice and order', () => {
  const d = declaredTypes(
    meta(
      [
        { name: 'Order', properties: [prop('Lines', 'List`1', ['OrderLine'])] },
        { name: 'OrderLine', properties: [prop('Sku', 'Sku')] },
        { name: 'Sku', properties: [] },
        { name: 'Loner', properties: [] },
      ],
      [
        {
          request: { name: 'GetOrder', properties: [] },
          response: { name: 'Order' },
          returnType: { name: 'Order' },
          actions: ['GET'],
          method: 'GET',
          routes: [],
        },
      ],
    ),
  );

  it.each([
    [{ includeTypes: undefined, excludeTypes: [] }, ['GetOrder', 'Loner', 'Order', 'OrderLine', 'Sku']],
    [{ includeTypes: ['GetOrder'], excludeTypes: [] }, ['GetOrder']],
    [{ includeTypes: ['GetOrder.*'], excludeTypes: [] }, ['GetOrder', 'Order', 'OrderLine', 'Sku']],
    [{ includeTypes: ['GetOrder.*'], excludeTypes: ['Sku'] }, ['GetOrder', 'Order', 'OrderLine']],
    [{ includeTypes: [], excludeTypes: [] }, []],
  ])('%j keeps %j', (options, names) => expect([...chosenNames(d, options)].sort()).toEqual(names));

  it('orders every type after the types it refers to (Python defines a class before it is used)', () => {
    const ordered = orderByDeps(d, [...d.types.values()]).map((t) => t.name);
    const before = (a: string, b: string) => ordered.indexOf(a) < ordered.indexOf(b);
    expect([before('Sku', 'OrderLine'), before('OrderLine', 'Order'), before('Order', 'GetOrder')]).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('authAttributes (the [Validate…] attributes ServiceStack exports to DTOs)', () => {
  const op = (auth: Partial<MetadataTypes['operations'][number]>) => ({
    request: { name: 'R' },
    actions: ['POST'],
    method: 'POST',
    routes: [],
    ...auth,
  });
  it.each([
    [{}, 'validator', []],
    [{ requiresAuth: true }, 'validator', [['ValidateIsAuthenticated']]],
    [
      { requiresAuth: true, requiredRoles: ['a', 'b'] },
      undefined,
      [
        ['ValidateHasRole', 'a'],
        ['ValidateHasRole', 'b'],
      ],
    ],
    [{ requiresAuth: true, requiredPermissions: ['p'] }, 'validator', [['ValidateHasPermission', 'p']]],
    [{ requiresAuth: true, requiresAnyRole: ['a', 'b'] }, 'validator', [['ValidateRequest', "HasAnyRole(['a','b'])"]]],
    [
      { requiresAuth: true, requiresAnyPermission: ['p'] },
      'validator',
      [['ValidateRequest', "HasAnyPermission(['p'])"]],
    ],
    // [Authenticate] / [RequiredRole] are not in NativeTypesFeature's ExportAttributes: nothing is printed.
    [{ requiresAuth: true, requiredRoles: ['a'] }, 'attribute', []],
  ])('%j (%s) → %j', (auth, style, expected) =>
    expect(authAttributes(op(auth), style).map((a) => [a.name, ...a.args])).toEqual(expected),
  );
});
