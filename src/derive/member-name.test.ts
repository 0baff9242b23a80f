/**
 * `x-member-name`: derive keeps the C# name of a property a `[DataMember(Name=…)]` alias renames, because query
 * strings, form fields and path variables bind either name (README, "derive types").
 */
import { createAjv } from '../schema/ajv.js';
import type { JsonSchema } from '../schema/json-schema.js';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { addDerivedFileToDraft } from './dto-file.js';
import type { Diagnostic } from './model.js';

const derive = (file: string, text: string) => {
  const draft = newDraft('t', 't');
  const diagnostics: Diagnostic[] = [];
  addDerivedFileToDraft(draft, text, `docs/${file}`, file, diagnostics);
  const out = buildApi(draft);
  return { ...out, diagnostics: [...diagnostics, ...out.diagnostics] };
};

// `Id` has no alias, `BookingRef` a snake_case one, `Notes` one equal to its C# name.
const SOURCES: [language: string, file: string, text: string][] = [
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
        [DataMember(Name = "booking_ref")] public string BookingRef { get; set; }
        [DataMember(Name = "Notes")] public string Notes { get; set; }
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

    // @DataMember(Name="booking_ref")
    public bookingRef: string;

    // @DataMember(Name="Notes")
    public notes: string;

    public constructor(init?: Partial<UpdateBooking>) { (Object as any).assign(this, init); }
}
export interface IReturn<T> { createResponse(): T; }`,
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

    # @DataMember(Name="booking_ref")
    booking_ref: Optional[str] = field(metadata=config(field_name='booking_ref'), default=None)

    # @DataMember(Name="Notes")
    notes: Optional[str] = field(metadata=config(field_name='Notes'), default=None)
`,
  ],
  [
    '/types/metadata',
    'metadata.json',
    JSON.stringify({
      config: { baseUrl: 'https://api.example.org' },
      namespaces: ['System', 'MyApp.ServiceModel'],
      types: [],
      operations: [
        {
          request: {
            name: 'UpdateBooking',
            namespace: 'MyApp.ServiceModel',
            properties: [
              { name: 'Id', type: 'Int32', namespace: 'System', isValueType: true, isSystemType: true },
              { name: 'BookingRef', type: 'String', namespace: 'System', dataMember: { name: 'booking_ref' } },
              { name: 'Notes', type: 'String', namespace: 'System', dataMember: { name: 'Notes' } },
            ],
          },
          routes: [{ path: '/bookings/{Id}', verbs: 'PUT' }],
          returnType: { name: 'UpdateBooking', namespace: 'MyApp.ServiceModel' },
        },
      ],
    }),
  ],
];

describe('x-member-name', () => {
  it.each(SOURCES)('%s: written only where the alias differs from the C# name', (_language, file, text) => {
    const out = derive(file, text);
    expect(out.diagnostics).toEqual([]);
    const properties = out.schemas.get('UpdateBooking')?.properties ?? {};
    const memberNames = Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [name, schema['x-member-name']]),
    );
    expect(memberNames).toEqual({ id: undefined, booking_ref: 'BookingRef', Notes: undefined });
    // The alias stays the JSON and XML name.
    expect(properties['booking_ref']?.['x-xml-name']).toBe('booking_ref');
  });

  it('is a keyword strict ajv knows, and one that validates nothing', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { booking_ref: { type: 'string', 'x-xml-name': 'booking_ref', 'x-member-name': 'BookingRef' } },
    };
    const validate = createAjv().compile(schema);
    expect(validate({ booking_ref: 'B-1' })).toBe(true);
    expect(validate({ booking_ref: 1 })).toBe(false);
  });

  it('must be a string', () => {
    const schema: JsonSchema = { type: 'object', properties: { a: { type: 'string', 'x-member-name': 1 } } };
    expect(() => createAjv().compile(schema)).toThrow(/x-member-name/);
  });
});
