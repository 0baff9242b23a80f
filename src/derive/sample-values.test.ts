/** Types a metadata page's sample values show (ServiceStack fills samples with each type's default). */
import fc from 'fast-check';
import type { Primitive } from './model.js';
import { sampleValueTypes, typeOfSampleText } from './sample-values.js';

describe('typeOfSampleText', () => {
  it.each<[string, Primitive | undefined]>([
    ['/Date(-62135596800000-0000)/', 'datetime'],
    ['/Date(1700000000000)/', 'datetime'],
    ['0001-01-01T00:00:00', 'datetime'],
    ['0001-01-01T00:00:00.0000000', 'datetime'],
    ['2026-12-03T04:00:00Z', 'datetime'],
    ['2026-12-03', 'datetime'],
    ['PT0S', 'timespan'],
    ['P1DT2H3M4.5S', 'timespan'],
    ['00000000000000000000000000000000', 'guid'],
    ['00000000-0000-0000-0000-000000000000', 'guid'],
    ['String', undefined],
    ['P', undefined],
    ['0', undefined],
    ['Single', undefined],
  ])('%s → %s', (text, type) => {
    expect(typeOfSampleText(text)).toBe(type);
  });
});

describe('sampleValueTypes', () => {
  it.each<[string, string, string]>([
    [
      'json',
      '{"arrival":"0001-01-01T00:00:00.0000000","notes":"String","booking":{"createdOn":"\\/Date(-62135596800000-0000)\\/"},"results":[{"stay":"PT0S"}]}',
      'arrival datetime|booking.createdOn datetime|results.stay timespan',
    ],
    [
      'jsv',
      '{arrival:0001-01-01T00:00:00,notes:String,token:00000000000000000000000000000000}',
      'arrival datetime|token guid',
    ],
    [
      'xml',
      '<CreateBooking xmlns="http://schemas.datacontract.org/2004/07/Acme"><Arrival>0001-01-01T00:00:00</Arrival>' +
        '<Notes>String</Notes><Results><Booking><Stay>PT0S</Stay></Booking></Results><Empty /></CreateBooking>',
      'Arrival datetime|Results.Booking.Stay timespan',
    ],
    ['json', '{"broken":', ''],
    ['csv', 'arrival\n0001-01-01', ''],
  ])('%s: %s', (format, body, expected) => {
    const found = sampleValueTypes(body, format).map((v) => `${v.path.join('.')} ${v.type}`);
    expect(found.join('|')).toBe(expected);
  });

  it('never throws, whatever the body (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('json', 'jsv', 'xml', 'csv'), (body, format) => {
        expect(() => sampleValueTypes(body, format)).not.toThrow();
      }),
    );
  });
});
