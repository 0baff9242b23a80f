import { CodecError, type CodecContext } from './codec.js';
import { escapeXml } from './xml-escape.js';
import { writeXml } from './xml-writer.js';
import { orderedMembers, xsdName } from './xml-names.js';
import { BILLIECART, PERSONS_NS, SHOP, SHOP_NS, contextFor, fixture } from './__fixtures__/schemas.js';

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const ROOT_ATTRS = `xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${SHOP_NS}"`;
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

/** The metadata page's layout removed: DCS writes no whitespace between elements. */
const compact = (xml: string): string => xml.replace(/>\s+</g, '><').trim();

describe('XML writer', () => {
  it('writes the CreatePersonResponse sample byte for byte (bar the page layout)', () => {
    const ctx = contextFor(BILLIECART, 'CreatePersonResponse', PERSONS_NS);
    const meta = { String: 'String' };
    const value = {
      responseStatus: {
        errorCode: 'String',
        message: 'String',
        stackTrace: 'String',
        errors: [{ errorCode: 'String', fieldName: 'String', message: 'String', meta }],
        meta,
      },
      person: {
        name: { firstName: 'String', lastName: 'String' },
        displayName: 'String',
        email: 'String',
        phoneNumber: 'String',
        timezone: 'String',
        defaultOrganisationId: 'String',
        id: 'String',
      },
    };
    expect(writeXml(value, ctx)).toBe(DECLARATION + compact(fixture('billiecart.CreatePersonRequest.response.xml')));
  });

  it('writes the CreatePersonRequest sample', () => {
    const ctx = contextFor(BILLIECART, 'CreatePersonRequest', PERSONS_NS);
    const value = { userAccountId: 'String', timezone: 'String', phoneNumber: 'String' };
    expect(writeXml(value, ctx)).toBe(DECLARATION + compact(fixture('billiecart.CreatePersonRequest.request.xml')));
  });

  /** The Order root with just the members a case needs, so the whole document can be compared. */
  const orderWith = (names: string[]): CodecContext => {
    const ctx = contextFor(SHOP, 'Order', SHOP_NS);
    const all = SHOP['Order']?.properties ?? {};
    ctx.schema = { type: 'object', properties: Object.fromEntries(names.map((name) => [name, all[name] ?? {}])) };
    return ctx;
  };

  it.each([
    [
      'scalars typed by the schema',
      { id: 7, active: false, total: 1e-7, rate: 2.5, createdAt: '2024-01-15T00:00:00.000Z', kind: 'Retail' },
      '<Active>false</Active><CreatedAt>2024-01-15T00:00:00Z</CreatedAt><Id>7</Id><Kind>Retail</Kind><Rate>2.5</Rate><Total>0.0000001</Total>',
    ],
    ['escaped text', { name: 'a < b & "c" > d\r\n' }, '<Name>a &lt; b &amp; "c" &gt; d&#xD;\n</Name>'],
    [
      'an explicit null as nil, even for a value type',
      { id: null, name: null },
      '<Id i:nil="true" /><Name i:nil="true" />',
    ],
    ['an empty string as an empty element', { name: '' }, '<Name></Name>'],
    [
      'lists of primitives in the Arrays namespace',
      { tags: ['a', 'b'], counts: [1] },
      `<Counts xmlns:d2p1="${ARRAYS}"><d2p1:int>1</d2p1:int></Counts><Tags xmlns:d2p1="${ARRAYS}"><d2p1:string>a</d2p1:string><d2p1:string>b</d2p1:string></Tags>`,
    ],
    [
      'lists of DTOs named by their type',
      { lines: [{ sku: 'x', tags: [] }] },
      `<Lines><Line><Sku>x</Sku><Tags xmlns:d4p1="${ARRAYS}"></Tags></Line></Lines>`,
    ],
    [
      'a nested DTO in its own namespace',
      { address: { city: 'Perth', street: 'Hay', postcode: '6000' } },
      `<Address xmlns:d2p1="${SHOP_NS}.Types"><d2p1:City>Perth</d2p1:City><d2p1:Postcode>6000</d2p1:Postcode><d2p1:Street>Hay</d2p1:Street></Address>`,
    ],
    [
      'dictionaries as KeyValueOfstringstring',
      { meta: { k: 'v', n: null } },
      `<Meta xmlns:d2p1="${ARRAYS}"><d2p1:KeyValueOfstringstring><d2p1:Key>k</d2p1:Key><d2p1:Value>v</d2p1:Value></d2p1:KeyValueOfstringstring><d2p1:KeyValueOfstringstring><d2p1:Key>n</d2p1:Key><d2p1:Value i:nil="true" /></d2p1:KeyValueOfstringstring></Meta>`,
    ],
    ['an empty list', { tags: [] }, `<Tags xmlns:d2p1="${ARRAYS}"></Tags>`],
  ])('writes %s', (_name, members, expected) => {
    expect(writeXml(members, orderWith(Object.keys(members)))).toBe(
      `${DECLARATION}<Order ${ROOT_ATTRS}>${expected}</Order>`,
    );
  });

  it('writes absent reference-typed members as nil and omits absent value types', () => {
    const nil = (name: string): string => `<${name} i:nil="true" />`;
    const expected = ['Address', 'Counts', 'Lines', 'Meta', 'Name', 'Note', 'ResponseStatus', 'Tags'].map(nil).join('');
    expect(writeXml({}, contextFor(SHOP, 'Order', SHOP_NS))).toBe(
      `${DECLARATION}<Order ${ROOT_ATTRS}>${expected}</Order>`,
    );
  });

  it('writes a nil nullable value type', () => {
    const ctx = contextFor(SHOP, 'Order', SHOP_NS);
    ctx.schema = {
      type: 'object',
      properties: { paymentId: { type: 'integer', 'x-dotnet-type': 'int?' }, count: { type: 'integer' } },
    };
    expect(writeXml({}, ctx)).toBe(`${DECLARATION}<Order ${ROOT_ATTRS}><PaymentId i:nil="true" /></Order>`);
  });

  it('falls back to the root namespace for DTOs without one, and to the DataContract base without any', () => {
    const ctx = contextFor(SHOP, 'Order');
    expect(writeXml({ lines: [] }, ctx)).toContain('xmlns="http://schemas.datacontract.org/2004/07/"><Address');
    expect(writeXml({ lines: [{ sku: 'a' }] }, contextFor(SHOP, 'Order', SHOP_NS))).toContain(
      '<Lines><Line><Sku>a</Sku>',
    );
  });

  it('writes schemaless values by their JavaScript type', () => {
    const xml = writeXml(
      { id: 1, tags: ['a'], nested: { ok: true } },
      { resolve: () => undefined, typeName: 'Thing', xmlNamespace: 'urn:x' },
    );
    expect(xml).toBe(
      `${DECLARATION}<Thing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:x"><Id>1</Id><Tags xmlns:d2p1="${ARRAYS}"><d2p1:anyType>a</d2p1:anyType></Tags><Nested><Ok>true</Ok></Nested></Thing>`,
    );
  });

  it('refuses text XML 1.0 cannot carry', () => {
    expect(() => escapeXml('bell\u0007')).toThrow(CodecError);
    expect(() => escapeXml('lone \uD800 surrogate')).toThrow(CodecError);
    expect(escapeXml('tab\t😀')).toBe('tab\t😀');
  });

  it('refuses cyclic values instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => writeXml(cyclic, { resolve: () => undefined, typeName: 'X' })).toThrow(RangeError);
  });

  it.each([
    [{ type: 'object', properties: { zeta: {}, Alpha: {}, beta: {} } }, ['Alpha', 'Beta', 'Zeta']],
    [{ type: 'object', properties: { b: {}, a: {}, c: {} }, 'x-xml-order': ['C', 'B'] }, ['C', 'B', 'A']],
    [{ type: 'object', properties: { ab: {}, aB: {}, Z: {} } }, ['AB', 'Ab', 'Z']],
  ] as const)('orders members of %j in DataContract order', (schema, expected) => {
    expect(orderedMembers(schema).map(([, element]) => element)).toEqual(expected);
  });

  it.each([
    [{ type: 'integer', 'x-dotnet-type': 'long' }, 'long'],
    [{ type: 'integer' }, 'int'],
    [{ type: 'number', 'x-dotnet-type': 'double' }, 'double'],
    [{ type: 'boolean' }, 'boolean'],
    [{ type: 'string', format: 'date-time' }, 'dateTime'],
    [{ type: 'string', format: 'uuid' }, 'guid'],
    [{ type: 'string', format: 'duration', 'x-dotnet-type': 'TimeSpan' }, 'duration'],
    [{ type: 'string' }, 'string'],
  ] as const)('names %j items %s', (schema, expected) => {
    expect(xsdName(schema)).toBe(expected);
  });
});
