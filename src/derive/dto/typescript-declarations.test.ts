import { newDraft } from '../api-draft.js';
import { buildApi } from '../build-api.js';
import { addBareDtoFileToDraft } from '../dto-file.js';
import type { Diagnostic, TypeDef } from '../model.js';
import { detectDtoLanguage } from './index.js';
import { parseTypeScriptDtos } from './typescript.js';

// `/types/typescript.d` as TypeScriptGenerator prints it (ExportAsTypes off, MakePropertiesOptional on) for an
// app without a GlobalNamespace: bare `interface` declarations, enums as string unions, attributes as comments.
const DECLARATIONS = `/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//GlobalNamespace: 
//MakePropertiesOptional: True
//AddServiceStackTypes: True
//AddResponseStatus: False
//AddImplicitVersion: 
//AddDescriptionAsComments: True
//IncludeTypes: 
//ExcludeTypes: 
//DefaultImports: 
*/


interface IReturn<T>
{
}

interface IReturnVoid
{
}

interface IHasId<T>
{
    id?: T;
}

interface ICreateDb<Table>
{
}

interface IDeleteDb<Table>
{
}

// @DataContract
interface QueryBase
{
    // @DataMember(Order=1)
    skip?: number;

    // @DataMember(Order=2)
    take?: number;

    // @DataMember(Order=3)
    orderBy?: string;

    // @DataMember(Order=4)
    orderByDesc?: string;

    // @DataMember(Order=5)
    include?: string;

    // @DataMember(Order=6)
    fields?: string;

    // @DataMember(Order=7)
    meta?: { [index:string]: string; };
}

interface QueryDb<T> extends QueryBase
{
}

type RoomType = "Single" | "Double" | "Queen" | "Twin" | "Suite";

interface Booking extends AuditBase
{
    id?: number;
    name?: string;
    roomType?: RoomType;
    roomNumber?: number;
    bookingStartDate?: string;
    bookingEndDate?: string;
    cost?: number;
    notes?: string;
    cancelled?: boolean;
}

// @DataContract
interface QueryResponse<T>
{
    // @DataMember(Order=1)
    offset?: number;

    // @DataMember(Order=2)
    total?: number;

    // @DataMember(Order=3)
    results?: T[];

    // @DataMember(Order=4)
    meta?: { [index:string]: string; };

    // @DataMember(Order=5)
    responseStatus?: ResponseStatus;
}

// @DataContract
interface IdResponse
{
    // @DataMember(Order=1)
    id?: string;

    // @DataMember(Order=2)
    responseStatus?: ResponseStatus;
}

/** @description Find Bookings */
// @Route("/bookings", "GET")
// @Route("/bookings/{Id}", "GET")
interface QueryBookings extends QueryDb<Booking>, IReturn<QueryResponse<Booking>>
{
    id?: number;
}

/** @description Create a new Booking */
// @Route("/bookings", "POST")
// @ValidateRequest(Validator="HasRole(\`Employee\`)")
interface CreateBooking extends IReturn<IdResponse>, ICreateDb<Booking>
{
    /** @description Name this Booking is for */
    // @Validate(Validator="NotEmpty")
    name?: string;

    roomType?: RoomType;
    // @Validate(Validator="GreaterThan(0)")
    roomNumber?: number;

    // @Validate(Validator="GreaterThan(0)")
    cost?: number;

    // @Required()
    bookingStartDate?: string;

    bookingEndDate?: string;
    notes?: string;
}

// @Route("/bookings/{Id}", "DELETE")
// @ValidateRequest(Validator="HasRole(\`Manager\`)")
interface DeleteBooking extends IReturnVoid, IDeleteDb<Booking>
{
    id?: number;
}

// @Route("/hello/{Name}")
interface Hello extends IReturn<HelloResponse>, IGet
{
    name?: string;
    version?: number; //1
}

interface HelloResponse
{
    result?: string;
}

export class Dictionary<T> { [Key: string]: T; }

interface StringMap extends Dictionary<string>
{
}
`;

const parsed = parseTypeScriptDtos(DECLARATIONS, 'dtos.d.ts', 1);
const type = (name: string): TypeDef => {
  const t = parsed.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};

describe('parseTypeScriptDtos: /types/typescript.d', () => {
  it('reads the file without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
  });

  it.each([
    ['IReturn', 'interface'],
    ['IHasId', 'interface'],
    ['ICreateDb', 'interface'],
    ['QueryBase', 'class'],
    ['QueryDb', 'class'],
    ['RoomType', 'enum'],
    ['Booking', 'class'],
    ['QueryBookings', 'class'],
    ['CreateBooking', 'class'],
    ['HelloResponse', 'class'],
  ])('%s is a %s: a bare interface not named like one is a DTO class', (name, kind) => {
    expect(type(name).kind).toBe(kind);
  });

  it('reads every property as optional (MakePropertiesOptional), with its type', () => {
    expect(type('Booking').properties.slice(0, 3)).toMatchObject([
      { name: 'Id', type: { kind: 'primitive', name: 'double' }, nullable: true },
      { name: 'Name', type: { kind: 'primitive', name: 'string' }, nullable: true },
      { name: 'RoomType', type: { kind: 'named', name: 'RoomType' }, nullable: true },
    ]);
    expect(type('RoomType').enumValues).toEqual(['Single', 'Double', 'Queen', 'Twin', 'Suite']);
    expect(type('QueryResponse')).toMatchObject({
      genericParams: ['T'],
      properties: expect.arrayContaining([
        expect.objectContaining({ name: 'Results', type: { kind: 'list', of: { kind: 'named', name: 'T' } } }),
      ]),
    });
  });

  it('splits the extends list into the base class and the interfaces', () => {
    expect(type('QueryBookings')).toMatchObject({
      inherits: { name: 'QueryDb', args: [{ kind: 'named', name: 'Booking' }] },
      implements: [
        {
          name: 'IReturn',
          args: [{ kind: 'named', name: 'QueryResponse', args: [{ kind: 'named', name: 'Booking' }] }],
        },
      ],
    });
    expect(type('DeleteBooking').implements).toEqual([
      { name: 'IReturnVoid' },
      { name: 'IDeleteDb', args: [{ kind: 'named', name: 'Booking' }] },
    ]);
    expect(type('Hello').implements).toEqual([
      { name: 'IReturn', args: [{ kind: 'named', name: 'HelloResponse' }] },
      { name: 'IGet' },
    ]);
  });

  it('reads routes, auth, validators and @description comments', () => {
    expect(type('QueryBookings')).toMatchObject({
      description: 'Find Bookings',
      routes: [
        { path: '/bookings', verbs: ['GET'] },
        { path: '/bookings/{Id}', verbs: ['GET'] },
      ],
    });
    expect(type('CreateBooking')).toMatchObject({
      description: 'Create a new Booking',
      auth: { required: true, style: 'validator', roles: ['Employee'] },
    });
    expect(type('CreateBooking').properties[0]).toMatchObject({
      name: 'Name',
      required: true,
      description: 'Name this Booking is for',
    });
  });

  it("skips the Dictionary<T> stand-in's index signature", () => {
    expect(type('StringMap').inherits).toEqual({ name: 'Dictionary', args: [{ kind: 'primitive', name: 'string' }] });
  });

  it('is recognised as TypeScript', () => {
    expect(detectDtoLanguage(DECLARATIONS)).toBe('typescript');
  });

  it('keeps an exported interface of /types/typescript an interface', () => {
    const { types } = parseTypeScriptDtos('export interface Named\n{\n    name?: string;\n}\n', 'dtos.ts', 1);
    expect(types[0]?.kind).toBe('interface');
  });
});

describe('derive from /types/typescript.d', () => {
  const draft = newDraft('bookings', 'bookings');
  const diagnostics: Diagnostic[] = [];
  addBareDtoFileToDraft(draft, DECLARATIONS, 'docs/dtos', 'dtos', diagnostics);
  const { manifest, schemas } = buildApi(draft);
  const op = (name: string) => manifest.operations.find((o) => o.name === name);

  it('serves each request DTO as an operation with its AutoQuery binding, verb and response', () => {
    expect(op('QueryBookings')).toMatchObject({
      primaryVerb: 'GET',
      response: 'QueryResponseOfBooking',
      autoQuery: { action: 'query', table: 'Booking' },
    });
    expect(op('CreateBooking')).toMatchObject({
      primaryVerb: 'POST',
      response: 'IdResponse',
      autoQuery: { action: 'create', table: 'Booking' },
    });
    expect(op('DeleteBooking')).toMatchObject({ primaryVerb: 'DELETE', autoQuery: { action: 'delete' } });
    expect(op('Hello')).toMatchObject({ primaryVerb: 'GET', response: 'HelloResponse' });
    expect(Object.keys(schemas.get('Booking')?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'roomType', 'createdBy']),
    );
  });
});
