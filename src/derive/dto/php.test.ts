import fc from 'fast-check';
import type { TypeDef } from '../model.js';
import { detectDtoLanguage } from './index.js';
import { parsePhpDtos } from './php.js';

// `/types/php` as PhpGenerator prints it (promoted constructor properties, @var docblocks, #[Returns]).
const BOOKINGS = `<?php namespace dtos;
/* Options:
Date: 2026-11-30 09:12:04
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://localhost:5001

//GlobalNamespace: dtos
//MakePropertiesOptional: False
//AddServiceStackTypes: True
//AddResponseStatus: False
//AddImplicitVersion: 
//AddDescriptionAsComments: True
//IncludeTypes: 
//ExcludeTypes: 
//DefaultImports: 
*/


use DateTime;
use Exception;
use DateInterval;
use JsonSerializable;
use ServiceStack\\{IReturn,IReturnVoid,IGet,IPost,IPut,IDelete,IPatch,IMeta,IHasSessionId,IHasBearerToken,IHasVersion};
use ServiceStack\\{ICrud,ICreateDb,IUpdateDb,IPatchDb,IDeleteDb,ISaveDb,AuditBase,QueryDb,QueryDb2,QueryData,QueryData2,QueryResponse};
use ServiceStack\\{ResponseStatus,ResponseError,EmptyResponse,IdResponse,ArrayList,KeyValuePair2,StringResponse,StringsResponse,Tuple2,Tuple3,ByteArray};
use ServiceStack\\{JsonConverters,Returns,TypeContext};


enum RoomType : string
{
    case Single = 'Single';
    case Double = 'Double';
    case Suite = 'suite';
}

enum Priority : int
{
    case Low = 1;
    case High = 2;
}

/** @description A booking of a room */
class Booking extends AuditBase implements JsonSerializable
{
    /**
     * @param DateTime $createdDate
     * @param string $createdBy
     */
    public function __construct(
        DateTime $createdDate=new DateTime(),
        string $createdBy='',
        /** @var int */
        public int $id=0,
        /** @description Name this Booking is for */
        /** @var string|null */
        public ?string $name=null,
        /** @var RoomType|null */
        public ?RoomType $roomType=null,
        /** @var float */
        public float $cost=0.0,
        /** @var DateTime */
        public DateTime $bookingStartDate=new DateTime(),
        /** @var DateInterval|null */
        public ?DateInterval $duration=null,
        /** @var array<string>|null */
        public ?array $tags=null,
        /** @var array<string,Booking>|null */
        public ?array $related=null,
        /** @var ByteArray|null */
        public ?ByteArray $photo=null,
        /** @var bool */
        public bool $cancelled=false
    ) {
        parent::__construct($createdDate,$createdBy);
    }

    /** @throws Exception */
    public function fromMap($o): void {
        parent::fromMap($o);
        if (isset($o['id'])) $this->id = $o['id'];
        if (isset($o['related'])) $this->related = JsonConverters::from(JsonConverters::context('Dictionary',genericArgs:['string','Booking']), $o['related']);
    }
    
    /** @throws Exception */
    public function jsonSerialize(): mixed
    {
        $o = parent::jsonSerialize();
        if (isset($this->id)) $o['id'] = $this->id;
        return empty($o) ? new class(){} : $o;
    }
}

/**
 * @template T
 */
class PagedResult implements JsonSerializable
{
    public array $genericArgs = [];
    public static function create(array $genericArgs=[]): PagedResult {
        $to = new PagedResult();
        $to->genericArgs = $genericArgs;
        return $to;
    }

    public function __construct(
        /** @var array<T>|null */
        public mixed $results=null,
        /** @var int */
        public mixed $total=null
    ) {
    }
}

/** @description Find Bookings */
// @Route("/bookings", "GET")
// @Route("/bookings/{Id}", "GET")
#[Returns('QueryResponse')]
/**
 * @template QueryDb of Booking
 */
class QueryBookings extends QueryDb implements IReturn, JsonSerializable
{
    /**
     * @param int|null $skip
     * @param int|null $take
     */
    public function __construct(
        ?int $skip=null,
        ?int $take=null,
        /** @var int|null */
        public ?int $id=null
    ) {
        parent::__construct($skip,$take);
    }

    public function getTypeName(): string { return 'QueryBookings'; }
    public function getMethod(): string { return 'GET'; }
    public function createResponse(): mixed { return QueryResponse::create(genericArgs:['Booking']); }
}

#[Returns('QueryResponse')]
/**
 * @template QueryDb2 of Booking
 * @template QueryDb21 of BookingSummary
 */
class QueryBookingSummaries extends QueryDb2 implements IReturn, JsonSerializable
{
    public function getTypeName(): string { return 'QueryBookingSummaries'; }
    public function getMethod(): string { return 'GET'; }
    public function createResponse(): mixed { return QueryResponse::create(genericArgs:['BookingSummary']); }
}

// @Route("/bookings", "POST")
// @ValidateRequest(Validator="HasRole(\`Employee\`)")
#[Returns('IdResponse')]
/**
 * @template ICreateDb of Booking
 */
class CreateBooking implements IReturn, ICreateDb, JsonSerializable
{
    public function __construct(
        // @Validate(Validator="NotEmpty")
        /** @var string */
        public string $name='',
        // @ApiMember(Description="Room number", IsRequired=true)
        /** @var int */
        public int $roomNumber=0
    ) {
    }

    public function getTypeName(): string { return 'CreateBooking'; }
    public function getMethod(): string { return 'POST'; }
    public function createResponse(): mixed { return new IdResponse(); }
}

// @Route("/bookings/{Id}", "DELETE")
// @Authenticate()
class DeleteBooking implements IReturnVoid, IDeleteDb, JsonSerializable
{
    public function __construct(
        /** @var int */
        public int $id=0
    ) {
    }

    public function getTypeName(): string { return 'DeleteBooking'; }
    public function getMethod(): string { return 'DELETE'; }
    public function createResponse(): void {}
}

// @Route("/bookings/names")
#[Returns('array')]
class GetBookingNames implements IReturn, JsonSerializable
{
    public function getTypeName(): string { return 'GetBookingNames'; }
    public function getMethod(): string { return 'GET'; }
    public function createResponse(): mixed { return ArrayList::create(["string"]); }
}

#[Returns('string')]
class Ping implements IReturn, IPost, JsonSerializable
{
    public function getTypeName(): string { return 'Ping'; }
    public function getMethod(): string { return 'POST'; }
    public function createResponse(): mixed { return 'string'; }
}

/**
 * @property string|null $tenantId
 */
interface IHasTenant
{
}
`;

const parsed = parsePhpDtos(BOOKINGS, 'dtos.php', 1);
const type = (name: string): TypeDef => {
  const t = parsed.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
};
const prop = (typeName: string, name: string) => type(typeName).properties.find((p) => p.name === name);

describe('parsePhpDtos: a /types/php file', () => {
  it('reads every class, enum and interface without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.types.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'enum RoomType',
      'enum Priority',
      'class Booking',
      'class PagedResult',
      'class QueryBookings',
      'class QueryBookingSummaries',
      'class CreateBooking',
      'class DeleteBooking',
      'class GetBookingNames',
      'class Ping',
      'interface IHasTenant',
    ]);
  });

  it('reads a string enum by its values and an int enum by its case names', () => {
    expect(type('RoomType').enumValues).toEqual(['Single', 'Double', 'suite']);
    expect(type('Priority').enumValues).toEqual(['Low', 'High']);
  });

  it.each([
    ['Id', { kind: 'primitive', name: 'int' }, false],
    ['Name', { kind: 'primitive', name: 'string' }, true],
    ['RoomType', { kind: 'named', name: 'RoomType' }, true],
    ['Cost', { kind: 'primitive', name: 'double' }, false],
    ['BookingStartDate', { kind: 'primitive', name: 'datetime' }, false],
    ['Duration', { kind: 'primitive', name: 'timespan' }, true],
    ['Tags', { kind: 'list', of: { kind: 'primitive', name: 'string' } }, true],
    [
      'Related',
      { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'named', name: 'Booking' } },
      true,
    ],
    ['Photo', { kind: 'primitive', name: 'bytes' }, true],
    ['Cancelled', { kind: 'primitive', name: 'bool' }, false],
  ])('Booking.%s: the @var type, nullable as ?type / |null say', (name, typeRef, nullable) => {
    expect(prop('Booking', name)).toMatchObject({ type: typeRef, nullable, required: false });
  });

  it("keeps only the promoted parameters: the base class's repeated ones are not the class's own", () => {
    expect(type('Booking').properties.map((p) => p.name)).not.toContain('CreatedDate');
    expect(type('Booking').inherits).toEqual({ name: 'AuditBase' });
    expect(type('Booking').implements).toBeUndefined(); // JsonSerializable is plumbing
  });

  it('reads descriptions from @description docblocks', () => {
    expect(type('Booking').description).toBe('A booking of a room');
    expect(prop('Booking', 'Name')?.description).toBe('Name this Booking is for');
    expect(type('QueryBookings').description).toBe('Find Bookings');
  });

  it('reads @template T as a generic parameter and skips the genericArgs plumbing', () => {
    expect(type('PagedResult')).toMatchObject({
      genericParams: ['T'],
      properties: [
        { name: 'Results', type: { kind: 'list', of: { kind: 'named', name: 'T' } }, nullable: true },
        { name: 'Total', type: { kind: 'primitive', name: 'int' } },
      ],
    });
  });

  it.each([
    [
      'QueryBookings',
      { name: 'QueryDb', args: [{ kind: 'named', name: 'Booking' }] },
      { kind: 'named', name: 'QueryResponse', args: [{ kind: 'named', name: 'Booking' }] },
      'IGet',
    ],
    [
      'QueryBookingSummaries',
      {
        name: 'QueryDb2',
        args: [
          { kind: 'named', name: 'Booking' },
          { kind: 'named', name: 'BookingSummary' },
        ],
      },
      { kind: 'named', name: 'QueryResponse', args: [{ kind: 'named', name: 'BookingSummary' }] },
      'IGet',
    ],
  ])(
    '%s: the AutoQuery base gets its @template arguments back, the response its createResponse ones',
    (name, base, response, verb) => {
      expect(type(name).inherits).toEqual(base);
      expect(type(name).implements).toEqual([{ name: 'IReturn', args: [response] }, { name: verb }]);
    },
  );

  it('reads routes, verbs, auth and CRUD interfaces with their @template arguments', () => {
    expect(type('QueryBookings').routes).toEqual([
      { path: '/bookings', verbs: ['GET'] },
      { path: '/bookings/{Id}', verbs: ['GET'] },
    ]);
    expect(type('CreateBooking')).toMatchObject({
      routes: [{ path: '/bookings', verbs: ['POST'] }],
      auth: { required: true, style: 'validator', roles: ['Employee'] },
      implements: [
        { name: 'IReturn', args: [{ kind: 'named', name: 'IdResponse' }] },
        { name: 'ICreateDb', args: [{ kind: 'named', name: 'Booking' }] },
        { name: 'IPost' },
      ],
    });
    expect(type('DeleteBooking')).toMatchObject({
      auth: { required: true, style: 'attribute' },
      implements: [{ name: 'IReturnVoid' }, { name: 'IDeleteDb' }, { name: 'IDelete' }],
    });
  });

  it('applies property attributes printed as comments (Validate, ApiMember)', () => {
    expect(prop('CreateBooking', 'Name')).toMatchObject({ required: true });
    expect(prop('CreateBooking', 'RoomNumber')).toMatchObject({ required: true, description: 'Room number' });
  });

  it.each([
    ['GetBookingNames', { kind: 'list', of: { kind: 'primitive', name: 'string' } }],
    ['Ping', { kind: 'primitive', name: 'string' }],
  ])('%s: a non-DTO response (#[Returns] with createResponse)', (name, response) => {
    expect(type(name).implements?.[0]).toEqual({ name: 'IReturn', args: [response] });
  });

  it('keeps the verb marker the class implements (getMethod adds none then)', () => {
    expect(type('Ping').implements?.filter((i) => i.name === 'IPost')).toHaveLength(1);
  });

  it("reads an interface's @property lines", () => {
    expect(type('IHasTenant').properties).toMatchObject([
      { name: 'TenantId', type: { kind: 'primitive', name: 'string' }, nullable: true },
    ]);
  });
});

describe('parsePhpDtos: damaged input', () => {
  it.each([
    ['a missing brace', '<?php\nclass A implements JsonSerializable\n{\n  public function __construct(\n', 2, /'}'/],
    ['an unknown statement', '<?php\n\nfunction helper() { return 1; }\nclass A {}\n', 3, /expected a class/],
    [
      'a parameter without a name',
      '<?php\nclass A {\n  public function __construct(\n    public int\n  ) {}\n}\n',
      4,
      /\$name/,
    ],
  ])('reports %s at its line', (_what, source, line, message) => {
    const { diagnostics } = parsePhpDtos(source, 'dtos.php', 1);
    expect(diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'dtos.php', line })]));
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(message);
  });

  it("reads the generator's KeyValuePair[]2<K, V> (a List<KeyValuePair<K,V>>) as a list of the pair", () => {
    const source = `<?php\nclass A implements JsonSerializable {\n  public function __construct(\n    /** @var KeyValuePair[]2<string, string>|null */\n    public ?KeyValuePair[]2 $entries=null\n  ) {}\n}\n`;
    const { types, diagnostics } = parsePhpDtos(source, 'dtos.php', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]?.properties[0]?.type).toEqual({
      kind: 'list',
      of: {
        kind: 'named',
        name: 'KeyValuePair',
        args: [
          { kind: 'primitive', name: 'string' },
          { kind: 'primitive', name: 'string' },
        ],
      },
    });
  });

  it('reads a DTO extending List<T> (extends \\ArrayObject) with its item type from the constructor', () => {
    const source = `<?php
class Bookings extends \\ArrayObject implements JsonSerializable
{
    public function __construct(Booking ...$items) {
        parent::__construct($items, \\ArrayObject::STD_PROP_LIST);
    }

    /** @throws \\Exception */
    public function append($value): void {
        if ($value instanceof Booking)
            parent::append($value);
        else
            throw new \\Exception("Can only append a Booking to " . __CLASS__);
    }
}
`;
    const { types, diagnostics } = parsePhpDtos(source, 'dtos.php', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]).toMatchObject({
      name: 'Bookings',
      properties: [],
      inherits: { name: 'List', args: [{ kind: 'named', name: 'Booking' }] },
    });
  });

  it('reads # comments as comments', () => {
    const { types, diagnostics } = parsePhpDtos('<?php\n# @Route("/a")\nclass A {}\n', 'dtos.php', 1);
    expect(diagnostics).toEqual([]);
    expect(types[0]?.routes).toEqual([{ path: '/a', verbs: [] }]);
  });

  it('never throws; diagnostics point inside the source (property)', () => {
    const damaged = fc
      .tuple(fc.nat(BOOKINGS.length), fc.nat(BOOKINGS.length), fc.string({ maxLength: 8 }))
      .map(([a, b, junk]) => BOOKINGS.slice(0, Math.min(a, b)) + junk + BOOKINGS.slice(Math.max(a, b)));
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string({ maxLength: 200 })), fc.nat(100), (text, first) => {
        const lastLine = first + 1 + text.split('\n').length - 1;
        for (const d of parsePhpDtos(text, 'fuzz.php', first + 1).diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(first + 1);
          expect(d.line).toBeLessThanOrEqual(lastLine);
        }
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('detectDtoLanguage: PHP', () => {
  it('recognises a /types/php file and a bare class', () => {
    expect(detectDtoLanguage(BOOKINGS)).toBe('php');
    expect(
      detectDtoLanguage('class A implements JsonSerializable\n{\n    public function __construct(\n    ) {}\n}\n'),
    ).toBe('php');
  });
});
