import type { Property, TypeDef } from '../model.js';
import {
  applyPropertyAttributes,
  applyTypeAttributes,
  attributeFromComment,
  parseVerbs,
  readAnnotations,
  readBracketAttributes,
  type Attribute,
} from './attributes.js';
import { tokenize } from './brace-scanner.js';

const tokens = (text: string) => tokenize(text, 'a.cs', 1).tokens;

/** Attributes in any printed form: C# `[A]`, Java/Kotlin `@A`, or a `// @A` / `# @A` comment. */
function attrs(text: string): Attribute[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return readBracketAttributes(tokens(trimmed), 0).attrs;
  if (trimmed.startsWith('//') || trimmed.startsWith('#')) {
    const attr = attributeFromComment(trimmed.replace(/^(\/\/|#)/, ''), 1);
    return attr ? [attr] : [];
  }
  return readAnnotations(tokens(trimmed), 0).attrs;
}

function typeWith(text: string): TypeDef {
  const def: TypeDef = { name: 'Op', kind: 'class', properties: [] };
  applyTypeAttributes(def, attrs(text));
  return def;
}

describe('reading attributes', () => {
  it.each([
    ['[Route("/customers/{Id}", "PUT")]', 'Route', ['/customers/{Id}', 'PUT'], {}],
    ['[Route("/x"), Api("Does x")]', 'Route', ['/x'], {}],
    ['@Route(Path="/customers", Verbs="POST")', 'Route', [], { Path: '/customers', Verbs: 'POST' }],
    ['// @Route("/customers/{Id}", "PUT")', 'Route', ['/customers/{Id}', 'PUT'], {}],
    [
      '# @ApiMember(Description="A name", IsRequired=true)',
      'ApiMember',
      [],
      { Description: 'A name', IsRequired: 'true' },
    ],
    ['[RequiresAnyRole("a", "b")]', 'RequiresAnyRole', ['a', 'b'], {}],
    [
      '[ValidateRequest(Conditions = new[] { "IsAuthenticated", "HasRole(\'x\')" })]',
      'ValidateRequest',
      [],
      { Conditions: ['IsAuthenticated', "HasRole('x')"] },
    ],
    ['[ServiceStack.RouteAttribute("/q")]', 'Route', ['/q'], {}],
    ['@field:SerializedName("from")', 'SerializedName', ['from'], {}],
    ['// @authenticate()', 'Authenticate', [], {}],
  ])('%s', (text, name, positional, named) => {
    expect(attrs(text)[0]).toMatchObject({ name, positional, named });
  });

  it('ignores comments that are not attributes', () => {
    expect(attrs('// just a note')).toEqual([]);
    expect(attrs('# @ not an attribute (')).toEqual([]);
  });
});

describe('parseVerbs', () => {
  it.each([
    ['GET', ['GET'], []],
    ['post', ['POST'], []],
    ['GET,POST', ['GET', 'POST'], []],
    ['PUT POST', ['POST', 'PUT'], []],
    ['*', [], []],
    ['ANY', [], []],
    ['All Verbs', [], []],
    [undefined, [], []],
    ['GET,OPTIONS', ['GET'], ['OPTIONS']],
  ] as const)('%p', (text, verbs, unknown) => {
    expect(parseVerbs(text)).toEqual({ verbs, unknown });
  });
});

describe('type attributes', () => {
  it.each([
    ['[Route("/customers", "POST")]', { routes: [{ path: '/customers', verbs: ['POST'] }] }],
    ['@Route("/x")', { routes: [{ path: '/x', verbs: [] }] }],
    ['[Authenticate]', { auth: { required: true, style: 'attribute' } }],
    ['[ValidateIsAuthenticated]', { auth: { required: true, style: 'validator' } }],
    ['[ValidateIsAdmin]', { auth: { required: true, style: 'validator', roles: ['Admin'] } }],
    ['[ValidateRequest("IsAuthenticated")]', { auth: { required: true, style: 'validator' } }],
    ['@ValidateRequest(Validator="IsAuthenticated")', { auth: { required: true, style: 'validator' } }],
    [
      '// @ValidateRequest(Validator="HasRole(`manager`)")',
      { auth: { required: true, style: 'validator', roles: ['manager'] } },
    ],
    [
      "[ValidateRequest(\"HasAnyRole(['a','b'])\")]",
      { auth: { required: true, style: 'validator', anyRoles: ['a', 'b'] } },
    ],
    ['[ValidateHasRole("manager")]', { auth: { required: true, style: 'validator', roles: ['manager'] } }],
    ['[RequiredRole("manager")]', { auth: { required: true, style: 'attribute', roles: ['manager'] } }],
    ['@ValidateHasRole(Role="manager")', { auth: { required: true, style: 'validator', roles: ['manager'] } }],
    [
      '@RequiredPermission(Permissions=["a","b"])',
      { auth: { required: true, style: 'attribute', permissions: ['a', 'b'] } },
    ],
    ['[RequiresAnyRole("a", "b")]', { auth: { required: true, style: 'attribute', anyRoles: ['a', 'b'] } }],
    ['[RequiredPermission("x")]', { auth: { required: true, style: 'attribute', permissions: ['x'] } }],
    ['[RequiresAnyPermission("x", "y")]', { auth: { required: true, style: 'attribute', anyPermissions: ['x', 'y'] } }],
    ['[ValidateHasPermission("x")]', { auth: { required: true, style: 'validator', permissions: ['x'] } }],
    ['[Description("Creates a customer")]', { description: 'Creates a customer' }],
    ['[Api(Description="Creates a customer")]', { description: 'Creates a customer' }],
  ])('%s', (text, expected) => {
    expect(typeWith(text)).toMatchObject(expected);
  });

  it('never invents auth', () => {
    for (const text of ['[Route("/x")]', '[DataContract]', '[Tag("customers")]', '[ValidateRequest("IsValid")]']) {
      expect(typeWith(text).auth).toBeUndefined();
    }
  });

  it('merges roles across attributes without duplicates', () => {
    const def: TypeDef = { name: 'Op', kind: 'class', properties: [] };
    applyTypeAttributes(def, [
      ...attrs('[RequiredRole("a")]'),
      ...attrs('[ValidateHasRole("a")]'),
      ...attrs('[RequiredRole("b")]'),
    ]);
    expect(def.auth).toEqual({ required: true, roles: ['a', 'b'], style: 'attribute' });
  });

  it('warns about routes it cannot use', () => {
    const def: TypeDef = { name: 'Op', kind: 'class', properties: [] };
    expect(applyTypeAttributes(def, attrs('[Route(Verbs="GET")]'))).toEqual(['expected a path in @Route']);
    expect(applyTypeAttributes(def, attrs('[Route("/x", "HEAD")]'))).toEqual([
      'ignored unknown verbs HEAD on route /x',
    ]);
  });
});

describe('property attributes', () => {
  const prop = (text: string): Property => {
    const p: Property = { name: 'X', type: { kind: 'primitive', name: 'string' }, nullable: true, required: false };
    applyPropertyAttributes(p, attrs(text));
    return p;
  };

  it.each([
    ['[Required]', { required: true }],
    ['@Required()', { required: true }],
    ['[ApiMember(IsRequired=true)]', { required: true }],
    ['# @ApiMember(IsRequired=True)', { required: true }],
    ['[ApiMember(IsRequired=false, Description="A note")]', { required: false, description: 'A note' }],
    ['[ApiMember(ParameterType="path")]', { location: 'path' }],
    ['[DataMember(IsRequired=true)]', { required: true }],
    ['[ValidateNotEmpty]', { required: true }],
    ['[ValidateNotNull]', { required: true }],
    ['[Validate("NotEmpty")]', { required: true }],
    ['@Validate(Validator="NotNull")', { required: true }],
    ['[Validate("MaximumLength(20)")]', { required: false }],
    ['[Description("The id")]', { description: 'The id' }],
    ['[DataMember(Order=1)]', { required: false }],
  ])('%s', (text, expected) => {
    expect(prop(text)).toMatchObject(expected);
  });
});
