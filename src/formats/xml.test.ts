import fc from 'fast-check';
import { CodecError } from './codec.js';
import { parseXmlDocument, xmlCodec } from './xml.js';
import { valueFor, xmlText } from './__fixtures__/arbitraries.js';
import { BILLIECART, PERSONS_NS, SHOP, SHOP_NS, contextFor, fixture } from './__fixtures__/schemas.js';

const shop = contextFor(SHOP, 'Order', SHOP_NS);
const order = (body: string): string =>
  `<Order xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${SHOP_NS}">${body}</Order>`;

describe('XML codec', () => {
  it('reads the CreatePersonRequest sample', () => {
    const ctx = contextFor(BILLIECART, 'CreatePersonRequest', PERSONS_NS);
    expect(parseXmlDocument(fixture('billiecart.CreatePersonRequest.request.xml'), ctx)).toEqual({
      root: 'CreatePersonRequest',
      value: { phoneNumber: 'String', timezone: 'String', userAccountId: 'String' },
    });
  });

  it('reads the CreatePersonResponse sample', () => {
    const ctx = contextFor(BILLIECART, 'CreatePersonResponse', PERSONS_NS);
    const meta = { String: 'String' };
    expect(xmlCodec.parse(fixture('billiecart.CreatePersonRequest.response.xml'), ctx)).toEqual({
      person: {
        defaultOrganisationId: 'String',
        displayName: 'String',
        email: 'String',
        id: 'String',
        name: { firstName: 'String', lastName: 'String' },
        phoneNumber: 'String',
        timezone: 'String',
      },
      responseStatus: {
        errorCode: 'String',
        message: 'String',
        stackTrace: 'String',
        errors: [{ errorCode: 'String', fieldName: 'String', message: 'String', meta }],
        meta,
      },
    });
  });

  it.each([
    [
      'names case-insensitively, in the schema spelling',
      '<ID>7</ID><name>x</name><CreatedAT>2024-01-15T10:30:00</CreatedAT>',
      { id: 7, name: 'x', createdAt: '2024-01-15T10:30:00.000Z' },
    ],
    ['members in any order and any layout', '\n  <Name>x</Name>\n  <Id> 7 </Id>\n', { name: 'x', id: 7 }],
    ['whitespace inside strings as data', '<Name>  x  </Name><Note></Note>', { name: '  x  ', note: '' }],
    ['nil members as absent', '<Name i:nil="true" /><Address i:nil="true"/><Id i:nil="1"/>', {}],
    ['empty value-typed members as absent', '<Id/><Active></Active>', {}],
    [
      'booleans, decimals and doubles',
      '<Active>1</Active><Total>12.50</Total><Rate>-1E-07</Rate>',
      { active: true, total: 12.5, rate: -1e-7 },
    ],
    ['values that do not fit as read', '<Id>abc</Id><Active>maybe</Active>', { id: 'abc', active: 'maybe' }],
    ['unknown members in camelCase', '<Colour>red</Colour>', { colour: 'red' }],
    [
      'lists whatever the item element is called',
      '<Tags><a:string xmlns:a="urn:x">p</a:string><b>q</b></Tags><Counts><int>1</int></Counts>',
      { tags: ['p', 'q'], counts: [1] },
    ],
    [
      'lists of DTOs',
      '<Lines><Line><Sku>a</Sku><Quantity>2</Quantity></Line><Line/></Lines>',
      { lines: [{ sku: 'a', quantity: 2 }, {}] },
    ],
    [
      'dictionaries',
      '<Meta><KeyValueOfstringstring><Key>k</Key><Value>v</Value></KeyValueOfstringstring><KeyValueOfstringstring><key>n</key><value i:nil="true"/></KeyValueOfstringstring></Meta>',
      { meta: { k: 'v' } },
    ],
    ['structure where a scalar belongs as read', '<Id><X>1</X></Id>', { id: { x: '1' } }],
  ])('reads %s', (_name, body, expected) => {
    expect(xmlCodec.parse(order(body), shop)).toEqual(expected);
  });

  it('accepts any root element name and reports it', () => {
    expect(parseXmlDocument('<Whatever><Id>1</Id></Whatever>', shop)).toEqual({ root: 'Whatever', value: { id: 1 } });
  });

  it('reads schemaless XML as strings, repeated names as lists', () => {
    expect(parseXmlDocument('<R><A>1</A><B><C>x</C><C>y</C></B></R>')).toEqual({
      root: 'R',
      value: { a: '1', b: { c: ['x', 'y'] } },
    });
  });

  it('reads a blank body as a blank DTO', () => {
    expect(xmlCodec.parse('  ', shop)).toEqual({});
    expect(xmlCodec.parse('<Order i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/>', shop)).toEqual(
      {},
    );
  });

  it('turns malformed XML into a CodecError', () => {
    expect(() => xmlCodec.parse('<Order><Id>1</Order>', shop)).toThrow(CodecError);
  });

  it('round-trips any value of the schema: parse(write(x)) equals x', () => {
    fc.assert(
      fc.property(valueFor(shop.schema, shop.resolve, xmlText), (value) => {
        expect(xmlCodec.parse(xmlCodec.write(value, shop), shop)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the CreatePersonResponse sample through write and parse', () => {
    const ctx = contextFor(BILLIECART, 'CreatePersonResponse', PERSONS_NS);
    const value = xmlCodec.parse(fixture('billiecart.CreatePersonRequest.response.xml'), ctx);
    expect(xmlCodec.parse(xmlCodec.write(value, ctx), ctx)).toEqual(value);
  });
});
