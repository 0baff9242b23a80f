import fc from 'fast-check';
import { newDraft } from '../api-draft.js';
import { buildApi } from '../build-api.js';
import { addBareDtoFileToDraft } from '../dto-file.js';
import type { Diagnostic, TypeDef } from '../model.js';
import { detectDtoLanguage } from './index.js';
import { parseRubyDtos } from './ruby.js';

// `/types/ruby` as RubyGenerator prints it (for the servicestack gem).
const BOOKINGS = `# frozen_string_literal: true
# encoding: utf-8

# Options:
=begin
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

#MakePartial: True
#MakeVirtual: True
#AddReturnMarker: True
#AddDescriptionAsComments: True
#IncludeTypes: 
#ExcludeTypes: 
=end

require 'json'
require 'servicestack'


module RoomType
    SINGLE = 'Single'
    DOUBLE = 'Double'
end

module Priority
    LOW = 1
    VERY_HIGH = 2
end

module IHasTenant
    # @return [String]
    attr_accessor :tenant_id
end

#
# A booking of a room
#
class Booking < ServiceStack::AuditBase
    # @return [Integer]
    attr_accessor :id

    # @return [String]
    attr_accessor :name

    # @return [RoomType]
    attr_accessor :room_type

    # @return [Integer]
    attr_accessor :room_number

    # @return [BigDecimal]
    attr_accessor :cost

    # @return [Float]
    attr_accessor :rating

    # @return [DateTime]
    attr_accessor :booking_start_date

    # @return [Time]
    attr_accessor :duration

    # @return [TrueClass]
    attr_accessor :cancelled

    # @return [List]
    attr_accessor :tags

    # @return [List]
    attr_accessor :related

    # @return [Dictionary]
    attr_accessor :by_guest

    # @return [ServiceStack::ResponseStatus]
    attr_accessor :response_status

    def self.properties
        {
            id: { name: 'id' },
            name: { name: 'name' },
            room_type: { name: 'roomType' },
            room_number: { name: 'roomNumber' },
            cost: { name: 'cost' },
            rating: { name: 'rating' },
            booking_start_date: { name: 'bookingStartDate', type: DateTime },
            duration: { name: 'duration' },
            cancelled: { name: 'cancelled' },
            tags: { name: 'tags' },
            related: { name: 'related', type: [Booking] },
            by_guest: { name: 'byGuest', type: { String => Booking } },
            response_status: { name: 'responseStatus', type: ServiceStack::ResponseStatus },
        }
    end

end

class PagedResult
    include ServiceStack::DTO

    # @return [List]
    attr_accessor :results

    # @return [T]
    attr_accessor :first

    def self.properties
        {
            results: { name: 'results' },
            first: { name: 'first' },
        }
    end

end

#
# Find Bookings
#
# @Route("/bookings", "GET")
# @Route("/bookings/{Id}", "GET")
class QueryBookings < ServiceStack::QueryDb
    # @return [Integer]
    attr_accessor :id

    def self.properties
        {
            id: { name: 'id' },
        }
    end

    def response_type() = ServiceStack::QueryResponse.of(Booking)
    def get_type_name() = 'QueryBookings'
    def get_method() = 'GET'
end

# @Route("/bookings", "POST")
# @ValidateRequest(Validator: "HasRole(\`Employee\`)")
class CreateBooking
    include ServiceStack::DTO

    # @Validate(Validator: "NotEmpty")
    # @return [String]
    attr_accessor :name

    # @ApiMember(Description: "Room number", IsRequired: "true")
    # @return [Integer]
    attr_accessor :room_number

    def self.properties
        {
            name: { name: 'name' },
            room_number: { name: 'roomNumber' },
        }
    end

    def response_type() = ServiceStack::IdResponse
    def get_type_name() = 'CreateBooking'
    def get_method() = 'POST'
end

# @Route("/bookings/{Id}", "DELETE")
# @Authenticate
class DeleteBooking
    include ServiceStack::DTO

    # @return [Integer]
    attr_accessor :id

    def self.properties
        {
            id: { name: 'id' },
        }
    end

    def response_type() = nil
    def get_type_name() = 'DeleteBooking'
    def get_method() = 'DELETE'
end

class Bookings < Array
    def self.from_hash(json) = new.replace(ServiceStack::DTO::Serializer.from_json_value([Booking], json))

end
`;

const parsed = parseRubyDtos(BOOKINGS, 'dtos.rb', 1);
const type = (name: string): TypeDef => {
  const t = parsed.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};
const prop = (typeName: string, name: string) => type(typeName).properties.find((p) => p.name === name);

describe('parseRubyDtos: a /types/ruby file', () => {
  it('reads every class and module; the only diagnostic says how the QueryDb table was found', () => {
    expect(parsed.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'enum RoomType',
      'enum Priority',
      'interface IHasTenant',
      'class Booking',
      'class PagedResult',
      'class QueryBookings',
      'class CreateBooking',
      'class DeleteBooking',
      'class Bookings',
    ]);
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 124,
        message: expect.stringMatching(/^QueryBookings reads as QueryDb<Booking>/),
      }),
    ]);
  });

  it('reads string enum modules by their values, integer ones by their SHOUTED names', () => {
    expect(type('RoomType').enumValues).toEqual(['Single', 'Double']);
    expect(type('Priority').enumValues).toEqual(['Low', 'VeryHigh']);
  });

  it.each([
    ['Id', { kind: 'primitive', name: 'int' }],
    ['Name', { kind: 'primitive', name: 'string' }],
    ['RoomType', { kind: 'named', name: 'RoomType' }],
    ['Cost', { kind: 'primitive', name: 'decimal' }],
    ['Rating', { kind: 'primitive', name: 'double' }],
    ['BookingStartDate', { kind: 'primitive', name: 'datetime' }],
    ['Duration', { kind: 'primitive', name: 'timespan' }],
    ['Cancelled', { kind: 'primitive', name: 'bool' }],
    ['Tags', { kind: 'list', of: { kind: 'primitive', name: 'object' } }],
    ['Related', { kind: 'list', of: { kind: 'named', name: 'Booking' } }],
    ['ByGuest', { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'named', name: 'Booking' } }],
    ['ResponseStatus', { kind: 'named', name: 'ResponseStatus' }],
  ])('Booking.%s: @return [Type], items from self.properties; every Ruby property may be nil', (name, typeRef) => {
    expect(prop('Booking', name)).toMatchObject({ type: typeRef, nullable: true, required: false });
  });

  it('reads bases, descriptions, interface modules and erased generic parameters', () => {
    expect(type('Booking')).toMatchObject({ inherits: { name: 'AuditBase' }, description: 'A booking of a room' });
    expect(type('IHasTenant').properties).toMatchObject([
      { name: 'TenantId', type: { kind: 'primitive', name: 'string' } },
    ]);
    expect(type('PagedResult').genericParams).toEqual(['T']);
    expect(type('Bookings').inherits).toEqual({ name: 'List', args: [{ kind: 'named', name: 'Booking' }] });
  });

  it('reads routes, auth, the response (response_type) and the verb (get_method)', () => {
    expect(type('QueryBookings')).toMatchObject({
      description: 'Find Bookings',
      routes: [
        { path: '/bookings', verbs: ['GET'] },
        { path: '/bookings/{Id}', verbs: ['GET'] },
      ],
      inherits: { name: 'QueryDb', args: [{ kind: 'named', name: 'Booking' }] },
      implements: [
        {
          name: 'IReturn',
          args: [{ kind: 'named', name: 'QueryResponse', args: [{ kind: 'named', name: 'Booking' }] }],
        },
        { name: 'IGet' },
      ],
    });
    expect(type('CreateBooking')).toMatchObject({
      auth: { required: true, style: 'validator', roles: ['Employee'] },
      implements: [{ name: 'IReturn', args: [{ kind: 'named', name: 'IdResponse' }] }, { name: 'IPost' }],
    });
    expect(type('DeleteBooking')).toMatchObject({
      auth: { required: true, style: 'attribute' },
      implements: [{ name: 'IReturnVoid' }, { name: 'IDelete' }],
    });
  });

  it('applies property attributes printed as comments', () => {
    expect(prop('CreateBooking', 'Name')).toMatchObject({ required: true });
    expect(prop('CreateBooking', 'RoomNumber')).toMatchObject({ required: true, description: 'Room number' });
  });
});

describe('derive from Ruby DTOs', () => {
  const draft = newDraft('bookings', 'bookings');
  const diagnostics: Diagnostic[] = [];
  addBareDtoFileToDraft(draft, BOOKINGS, 'docs/dtos', 'dtos', diagnostics);
  const { manifest } = buildApi(draft);
  const op = (name: string) => manifest.operations.find((o) => o.name === name);

  it('binds the QueryDb query to the table its QueryResponse names; verbs and responses as printed', () => {
    expect(op('QueryBookings')).toMatchObject({
      primaryVerb: 'GET',
      response: 'QueryResponseOfBooking',
      autoQuery: { action: 'query', table: 'Booking', idProperty: 'id' },
    });
    expect(op('CreateBooking')).toMatchObject({ primaryVerb: 'POST', response: 'IdResponse' });
    expect(op('DeleteBooking')).toMatchObject({ primaryVerb: 'DELETE', response: null });
  });
});

describe('parseRubyDtos: damaged input', () => {
  it.each([
    ['a missing end', 'class A\n    # @return [String]\n    attr_accessor :name\n', 1, /expected 'end' to close A/],
    ['an unclosed =begin', "require 'json'\n=begin\nDate: x\n", 2, /=end/],
    ['a stray line', 'puts 1\n', 1, /expected a class or module/],
    ['a stray member', 'class A\n    puts 1\nend\n', 2, /expected attr_accessor/],
  ])('reports %s at its line', (_what, source, line, message) => {
    const { diagnostics } = parseRubyDtos(source, 'dtos.rb', 1);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'dtos.rb', line })]);
    expect(diagnostics[0]?.message).toMatch(message);
  });

  it('never throws; diagnostics point inside the source (property)', () => {
    const damaged = fc
      .tuple(fc.nat(BOOKINGS.length), fc.nat(BOOKINGS.length), fc.string({ maxLength: 8 }))
      .map(([a, b, junk]) => BOOKINGS.slice(0, Math.min(a, b)) + junk + BOOKINGS.slice(Math.max(a, b)));
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string({ maxLength: 200 })), fc.nat(100), (text, first) => {
        const lastLine = first + 1 + text.split(/\r?\n/).length - 1;
        for (const d of parseRubyDtos(text, 'fuzz.rb', first + 1).diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(first + 1);
          expect(d.line).toBeLessThanOrEqual(lastLine);
        }
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('detectDtoLanguage: Ruby', () => {
  it('recognises a /types/ruby file and a bare class', () => {
    expect(detectDtoLanguage(BOOKINGS)).toBe('ruby');
    expect(
      detectDtoLanguage(
        'class A\n    include ServiceStack::DTO\n\n    # @return [String]\n    attr_accessor :name\nend\n',
      ),
    ).toBe('ruby');
  });
});
