/**
 * Type fidelity (README, "What derive reads"): nested and namespace-qualified names, generics at any depth,
 * nullability inside generic arguments, inheritance through generic bases, numeric and EnumMember enums,
 * `[DataMember(Name=)]` wire names — from C# DTO files, TypeScript files and the `/types/metadata` JSON.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { addDerivedFileToDraft } from './dto-file.js';
import type { Diagnostic } from './model.js';

/** Derives one API from in-memory files; every diagnostic (the parsers' and build's) is returned. */
const derive = (...files: [name: string, text: string][]) => {
  const draft = newDraft('t', 't');
  const diagnostics: Diagnostic[] = [];
  for (const [name, text] of files) addDerivedFileToDraft(draft, text, `docs/${name}`, name, diagnostics);
  const out = buildApi(draft);
  return { ...out, diagnostics: [...diagnostics, ...out.diagnostics] };
};
const propertiesOf = (out: ReturnType<typeof derive>, type: string): Record<string, JsonSchema> =>
  out.schemas.get(type)?.properties ?? {};

const int: JsonSchema = { type: 'integer', format: 'int32', 'x-dotnet-type': 'int' };
const nullableInt: JsonSchema = { ...int, 'x-nullable': true };

/** A C# file with one operation whose `Value` property is of the given type. */
const csharpWith = (typeText: string): string => `
using System.Collections.Generic;
namespace MyApp.ServiceModel
{
    [Route("/probe", "GET")]
    public class Probe : IReturn<Probe>
    {
        public ${typeText} Value { get; set; }
    }
    public class Outer
    {
        public string Label { get; set; }
        public class Inner { public string Name { get; set; } }
    }
    public class Thing { public int Id { get; set; } }
}
`;

describe('C# type expressions', () => {
  it.each<[string, JsonSchema]>([
    ['Outer.Inner', { $ref: 'Inner.json' }],
    ['global::MyApp.ServiceModel.Thing', { $ref: 'Thing.json' }],
    ['MyApp.ServiceModel.Thing', { $ref: 'Thing.json' }],
    ['List<Outer.Inner>', { type: 'array', items: { $ref: 'Inner.json' } }],
    [
      'Dictionary<string, List<Outer.Inner>>',
      { type: 'object', additionalProperties: { type: 'array', items: { $ref: 'Inner.json' } } },
    ],
    ['System.Collections.Generic.List<System.Int32>', { type: 'array', items: int }],
    [
      'Dictionary<string, List<Nullable<int>>>',
      { type: 'object', additionalProperties: { type: 'array', items: nullableInt } },
    ],
    ['List<int?>', { type: 'array', items: nullableInt }],
    ['int?[]', { type: 'array', items: nullableInt }],
    ['List<List<int?>>', { type: 'array', items: { type: 'array', items: nullableInt } }],
    ['List<string>', { type: 'array', items: { type: 'string', 'x-dotnet-type': 'string' } }],
    ['int?', { ...nullableInt }],
  ])('%s', (typeText, schema) => {
    const out = derive(['dtos.cs', csharpWith(typeText)]);
    expect(out.diagnostics).toEqual([]);
    expect(propertiesOf(out, 'Probe')['value']).toEqual(schema);
  });

  it('a nested class is a DTO of its own, and its outer class keeps only its own properties', () => {
    const out = derive(['dtos.cs', csharpWith('Outer.Inner')]);
    expect(Object.keys(propertiesOf(out, 'Inner'))).toEqual(['name']);
    expect(out.schemas.has('Outer')).toBe(false); // nothing refers to Outer itself
  });
});

describe('inheritance through generic bases', () => {
  const source = `
namespace MyApp.ServiceModel
{
    public abstract class Base<T> { public T Item { get; set; } public List<T> Items { get; set; } }
    public abstract class Middle<T> : Base<List<T>> { public Dictionary<string, T> ByName { get; set; } }
    public class B { public string Name { get; set; } }
    [Route("/a")] public class GetA : Base<B>, IReturn<GetA> { public int Own { get; set; } }
    [Route("/c")] public class GetC : Middle<B>, IReturn<GetC> { }
    [Route("/n")] public class GetN : Base<int?>, IReturn<GetN> { }
}`;
  const out = derive(['dtos.cs', source]);
  const ref = { $ref: 'B.json' };

  it.each<[string, Record<string, JsonSchema>]>([
    ['GetA', { own: { ...int, default: 0 }, item: ref, items: { type: 'array', items: ref } }],
    [
      'GetC',
      {
        byName: { type: 'object', additionalProperties: ref },
        item: { type: 'array', items: ref },
        items: { type: 'array', items: { type: 'array', items: ref } },
      },
    ],
    // `Base<int?>`: T is `int?`, so `T Item` may be null and `List<T>` holds nullables.
    ['GetN', { item: nullableInt, items: { type: 'array', items: nullableInt } }],
  ])('%s has its bases’ properties with T substituted', (type, properties) => {
    expect(out.diagnostics).toEqual([]);
    expect(propertiesOf(out, type)).toEqual(properties);
  });
});

describe('qualified names in base lists', () => {
  it('global::-qualified bases and interfaces, with a nested type as the generic argument', () => {
    const source = `namespace MyApp.ServiceModel
{
    public abstract class Base<T> { public T Item { get; set; } }
    public class Outer { public class Inner { public string Name { get; set; } } }
    [Route("/q")]
    public class GetQ : global::MyApp.ServiceModel.Base<Outer.Inner>, global::ServiceStack.IReturn<GetQ>, ServiceStack.IGet { }
}`;
    const out = derive(['dtos.cs', source]);
    expect(out.diagnostics).toEqual([]);
    expect(propertiesOf(out, 'GetQ')).toEqual({ item: { $ref: 'Inner.json' } });
    expect(out.manifest.operations[0]).toMatchObject({ name: 'GetQ', response: 'GetQ', primaryVerb: 'GET' });
    expect(out.schemas.get('GetQ')?.['x-inherits']).toBe('Base');
  });
});

describe('enums', () => {
  const source = `
namespace MyApp.ServiceModel
{
    [Route("/stock")]
    public class GetStock : IReturn<GetStock>
    {
        public Explicit Explicit { get; set; }
        public Perms Perms { get; set; }
        public Availability Availability { get; set; }
    }
    public enum Explicit { A = 1, B = 2, C = 10 }
    [Flags]
    public enum Perms { None = 0, Read = 1, Write = 1 << 1, Delete = 0x4, All = Read | Write | Delete }
    public enum Availability
    {
        [EnumMember(Value = "in-stock")]
        InStock,
        [EnumMember(Value = "sold-out")]
        SoldOut,
        Unknown,
    }
}`;
  const out = derive(['dtos.cs', source]);
  const enumOf = (name: string) => {
    const { $id: _id, $schema: _schema, 'x-xml-namespace': _ns, ...rest } = out.schemas.get(name)!;
    return rest;
  };

  it('an enum with explicit values still travels by name (ServiceStack.Text writes names)', () => {
    expect(out.diagnostics).toEqual([]);
    expect(enumOf('Explicit')).toEqual({ title: 'Explicit', type: 'string', enum: ['A', 'B', 'C'] });
  });

  it('a [Flags] enum travels as its number: any combination of its flags', () => {
    expect(enumOf('Perms')).toEqual({
      title: 'Perms',
      type: 'integer',
      minimum: 0,
      maximum: 7,
      'x-dotnet-type': 'int',
      'x-enum-members': [
        { name: 'None', value: 0 },
        { name: 'Read', value: 1 },
        { name: 'Write', value: 2 },
        { name: 'Delete', value: 4 },
        { name: 'All', value: 7 },
      ],
    });
  });

  it('[EnumMember(Value=…)] is the wire value', () => {
    expect(enumOf('Availability').enum).toEqual(['in-stock', 'sold-out', 'Unknown']);
  });
});

describe('TypeScript enums', () => {
  const source = `export interface IReturn<T> { createResponse(): T; }

// @Flags()
export enum Perms
{
    None = 0,
    Read = 1,
    Write = 2,
    Delete = 4,
}

export enum Explicit
{
    A = 1,
    B = 2,
}

// @Route("/stock")
export class GetStock implements IReturn<GetStock>
{
    public perms: Perms;
    public explicit: Explicit;
    public constructor(init?: Partial<GetStock>) { (Object as any).assign(this, init); }
}`;
  const out = derive(['dtos.ts', source]);

  it('a // @Flags() enum travels as its number; numbers alone do not say so (ServiceStack writes names)', () => {
    expect(out.diagnostics).toEqual([]);
    expect(out.schemas.get('Perms')).toMatchObject({ type: 'integer', minimum: 0, maximum: 7 });
    expect(out.schemas.get('Explicit')).toMatchObject({ type: 'string', enum: ['A', 'B'] });
  });
});

describe('[DataMember(Name=…)] wire names', () => {
  it.each<[string, string, string]>([
    [
      'C#',
      'dtos.cs',
      `namespace MyApp.ServiceModel
{
    [Route("/bookings/{Id}", "PUT")]
    [DataContract]
    public class UpdateBooking : IReturn<UpdateBooking>
    {
        [DataMember] public int Id { get; set; }
        [DataMember(Name = "booking_ref", Order = 2)] public string BookingRef { get; set; }
        [DataMember, ApiMember(Name = "DocsOnly")] public string Notes { get; set; }
    }
}`,
    ],
    [
      'TypeScript',
      'dtos.ts',
      `// @Route("/bookings/{Id}", "PUT")
// @DataContract
export class UpdateBooking implements IReturn<UpdateBooking>
{
    // @DataMember
    public id: number;

    // @DataMember(Name="booking_ref", Order=2)
    public bookingRef: string;

    // @DataMember
    // @ApiMember(Name="DocsOnly")
    public notes: string;

    public constructor(init?: Partial<UpdateBooking>) { (Object as any).assign(this, init); }
}
export interface IReturn<T> { createResponse(): T; }`,
    ],
    [
      'Kotlin',
      'dtos.kt',
      `import net.servicestack.client.*

@Route(Path="/bookings/{Id}", Verbs="PUT")
@DataContract
open class UpdateBooking : IReturn<UpdateBooking>
{
    @DataMember
    open var id:Int? = null

    @DataMember(Name="booking_ref", Order=2)
    @SerializedName("booking_ref")
    open var bookingRef:String? = null

    @DataMember
    @ApiMember(Name="DocsOnly")
    open var notes:String? = null
    companion object { private val responseType = UpdateBooking::class.java }
    override fun getResponseType(): Any? = UpdateBooking.responseType
}`,
    ],
    [
      'Python',
      'dtos.py',
      `from servicestack import *

# @Route("/bookings/{Id}", "PUT")
# @DataContract
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class UpdateBooking(IReturn[UpdateBooking]):
    # @DataMember
    id: int = 0

    # @DataMember(Name="booking_ref", Order=2)
    booking_ref: Optional[str] = field(metadata=config(field_name='booking_ref'), default=None)

    # @DataMember
    # @ApiMember(Name="DocsOnly")
    notes: Optional[str] = None
`,
    ],
  ])('%s: the alias is the JSON name as written; [ApiMember(Name)] only documents', (_lang, file, source) => {
    const out = derive([file, source]);
    expect(out.diagnostics).toEqual([]);
    expect(Object.keys(propertiesOf(out, 'UpdateBooking'))).toEqual(['id', 'booking_ref', 'notes']);
    const op = out.manifest.operations.find((o) => o.name === 'UpdateBooking')!;
    expect(op.parameters).toEqual({ id: 'path', booking_ref: 'body', notes: 'body' });
    expect(out.schemas.get('UpdateBooking')?.required).toEqual(['id']);
  });
});

/** `/types/metadata` as ServiceStack serialises it (camelCase, nulls omitted): MetadataTypes.cs, NativeTypesMetadata.cs. */
const metadataTypes = (properties: object[], types: object[] = []): string =>
  JSON.stringify(
    {
      config: { baseUrl: 'https://api.example.org' },
      namespaces: ['System', 'System.Collections.Generic', 'MyApp.ServiceModel'],
      types,
      operations: [
        {
          request: { name: 'Probe', namespace: 'MyApp.ServiceModel', implements: [], properties },
          routes: [{ path: '/probe', verbs: 'GET' }],
          returnType: { name: 'Probe', namespace: 'MyApp.ServiceModel' },
        },
      ],
    },
    null,
    2,
  );

describe('the /types/metadata JSON', () => {
  it.each<[string, object, JsonSchema]>([
    [
      'int?[] (Nullable`1[] with its element’s argument)',
      { name: 'Value', type: 'Nullable`1[]', namespace: 'System', genericArgs: ['Int32'] },
      { type: 'array', items: nullableInt },
    ],
    [
      'List<int?>',
      { name: 'Value', type: 'List`1', namespace: 'System.Collections.Generic', genericArgs: ['Nullable<Int32>'] },
      { type: 'array', items: nullableInt },
    ],
    [
      'Dictionary<string, List<Nullable<int>>>',
      {
        name: 'Value',
        type: 'Dictionary`2',
        namespace: 'System.Collections.Generic',
        genericArgs: ['String', 'List<Nullable<Int32>>'],
      },
      { type: 'object', additionalProperties: { type: 'array', items: nullableInt } },
    ],
    [
      'List<int?[]> (the inner array’s argument is lost: its items are anything)',
      { name: 'Value', type: 'List`1', namespace: 'System.Collections.Generic', genericArgs: ['Nullable`1[]'] },
      { type: 'array', items: { type: 'array', items: { 'x-dotnet-type': 'object' } } },
    ],
    [
      'Nullable[] with its argument',
      { name: 'Value', type: 'Nullable[]', namespace: 'System', genericArgs: ['Int32'] },
      { type: 'array', items: nullableInt },
    ],
    [
      'a Nullable[] generic argument',
      {
        name: 'Value',
        type: 'Dictionary`2',
        namespace: 'System.Collections.Generic',
        genericArgs: ['String', 'Nullable[]'],
      },
      { type: 'object', additionalProperties: { type: 'array', items: { 'x-dotnet-type': 'object' } } },
    ],
    [
      'Int32?[] (older servers)',
      { name: 'Value', type: 'Int32?[]', namespace: 'System' },
      { type: 'array', items: nullableInt },
    ],
    [
      'int?',
      { name: 'Value', type: 'Nullable`1', namespace: 'System', isValueType: true, genericArgs: ['Int32'] },
      nullableInt,
    ],
    ['a nested type', { name: 'Value', type: 'Inner', namespace: 'MyApp.ServiceModel' }, { $ref: 'Inner.json' }],
  ])('%s', (_what, property, schema) => {
    const inner = {
      name: 'Inner',
      namespace: 'MyApp.ServiceModel',
      isNested: true,
      properties: [{ name: 'Name', type: 'String', namespace: 'System' }],
    };
    const out = derive(['metadata.json', metadataTypes([property], [inner])]);
    expect(out.diagnostics).toEqual([]);
    expect(propertiesOf(out, 'Probe')['value']).toEqual(schema);
  });

  it('dataMember.name is the wire name', () => {
    const property = { name: 'BookingRef', type: 'String', namespace: 'System', dataMember: { name: 'booking_ref' } };
    const out = derive(['metadata.json', metadataTypes([property])]);
    expect(Object.keys(propertiesOf(out, 'Probe'))).toEqual(['booking_ref']);
  });

  it('isEnumInt enums travel as their enumValues; enumMemberValues replace names', () => {
    const types = [
      {
        name: 'Perms',
        namespace: 'MyApp.ServiceModel',
        isEnum: true,
        isEnumInt: true,
        enumNames: ['None', 'Read', 'Write'],
        enumValues: ['0', '1', '2'],
      },
      {
        name: 'Availability',
        namespace: 'MyApp.ServiceModel',
        isEnum: true,
        enumNames: ['InStock', 'SoldOut'],
        enumMemberValues: ['in-stock', 'sold-out'],
      },
      {
        name: 'Explicit',
        namespace: 'MyApp.ServiceModel',
        isEnum: true,
        enumNames: ['A', 'B'],
        enumValues: ['1', '2'],
      },
    ];
    const properties = ['Perms', 'Availability', 'Explicit'].map((t) => ({
      name: t,
      type: t,
      namespace: 'MyApp.ServiceModel',
      isValueType: true,
      isEnum: true,
    }));
    const out = derive(['metadata.json', metadataTypes(properties, types)]);
    expect(out.diagnostics).toEqual([]);
    expect(out.schemas.get('Perms')).toMatchObject({ type: 'integer', minimum: 0, maximum: 3 });
    expect(out.schemas.get('Availability')).toMatchObject({ type: 'string', enum: ['in-stock', 'sold-out'] });
    expect(out.schemas.get('Explicit')).toMatchObject({ type: 'string', enum: ['A', 'B'] });
  });
});
