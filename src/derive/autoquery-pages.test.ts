/**
 * AutoQuery operations from saved metadata pages: each page shows one operation's DTOs in the language the
 * user picked; the pages of one API together give the tables, queries and CRUD operations.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiManifest } from '../schema/manifest.js';
import { deriveSchemas } from './index.js';

const page = (operation: string, routes: string[], language: string, source: string, sample: string): string =>
  [
    'Bookings API',
    '',
    '<back to all web services',
    '',
    operation,
    '',
    'The following routes are available for this service:',
    ...routes,
    source.trim(),
    '',
    `${language} ${operation} DTOs`,
    'To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json',
    '',
    'HTTP + JSON',
    '',
    'The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.',
    '',
    sample.trim(),
    '',
  ].join('\n');

const CSHARP_QUERY = `using System;
using System.IO;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.Serialization;
using ServiceStack;
using ServiceStack.DataAnnotations;
using Bookings.ServiceModel;

namespace Bookings.ServiceModel
{
    public partial class Booking
        : AuditBase
    {
        public virtual int Id { get; set; }
        public virtual string Name { get; set; }
        public virtual int RoomNumber { get; set; }
        public virtual decimal Cost { get; set; }
    }

    ///<summary>
    ///Find Bookings
    ///</summary>
    [Route("/bookings", "GET")]
    public partial class QueryBookings
        : QueryDb<Booking>, IReturn<QueryResponse<Booking>>
    {
        public virtual int? Id { get; set; }
        public virtual decimal? CostBelow { get; set; }
    }

}

namespace ServiceStack
{
    public partial class AuditBase
    {
        public virtual DateTime CreatedDate { get; set; }
        [Required]
        public virtual string CreatedBy { get; set; }

        public virtual DateTime ModifiedDate { get; set; }
        [Required]
        public virtual string ModifiedBy { get; set; }

        public virtual DateTime? DeletedDate { get; set; }
        public virtual string DeletedBy { get; set; }
    }

    [DataContract]
    public partial class QueryBase
    {
        [DataMember(Order=1)]
        public virtual int? Skip { get; set; }

        [DataMember(Order=2)]
        public virtual int? Take { get; set; }

        [DataMember(Order=3)]
        public virtual string OrderBy { get; set; }

        [DataMember(Order=4)]
        public virtual string OrderByDesc { get; set; }

        [DataMember(Order=5)]
        public virtual string Include { get; set; }

        [DataMember(Order=6)]
        public virtual string Fields { get; set; }

        [DataMember(Order=7)]
        public virtual Dictionary<string, string> Meta { get; set; }
    }

    public partial class QueryDb<T>
        : QueryBase
    {
    }

    [DataContract]
    public partial class QueryResponse<T>
    {
        [DataMember(Order=1)]
        public virtual int Offset { get; set; }

        [DataMember(Order=2)]
        public virtual int Total { get; set; }

        [DataMember(Order=3)]
        public virtual List<T> Results { get; set; }

        [DataMember(Order=4)]
        public virtual Dictionary<string, string> Meta { get; set; }

        [DataMember(Order=5)]
        public virtual ResponseStatus ResponseStatus { get; set; }
    }

}
`;

const TYPESCRIPT_CREATE = `export class Booking extends AuditBase
{
    public id: number;
    public name: string;
    public roomNumber: number;
    public cost: number;

    public constructor(init?: Partial<Booking>) { super(init); (Object as any).assign(this, init); }
}

// @DataContract
export class IdResponse
{
    // @DataMember(Order=1)
    public id: string;

    // @DataMember(Order=2)
    public responseStatus: ResponseStatus;

    public constructor(init?: Partial<IdResponse>) { (Object as any).assign(this, init); }
}

// @Route("/bookings", "POST")
export class CreateBooking implements IReturn<IdResponse>, ICreateDb<Booking>
{
    public name: string;
    public roomNumber: number;
    public cost: number;

    public constructor(init?: Partial<CreateBooking>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'CreateBooking'; }
    public getMethod() { return 'POST'; }
    public createResponse() { return new IdResponse(); }
}
`;

const PAGES: Record<string, string> = {
  'bookings.QueryBookings.csharp.json.txt': page(
    'QueryBookings',
    ['GET/bookings'],
    'C#',
    CSHARP_QUERY,
    `GET /bookings HTTP/1.1 
Host: localhost:5001 
Accept: application/json
HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: length

{"offset":0,"total":0,"results":[{"id":0,"name":"String","roomNumber":0,"cost":0,"createdDate":"0001-01-01T00:00:00.0000000","createdBy":"String","modifiedDate":"0001-01-01T00:00:00.0000000","modifiedBy":"String","deletedDate":"0001-01-01T00:00:00.0000000","deletedBy":"String"}],"meta":{"String":"String"},"responseStatus":{"errorCode":"String","message":"String","stackTrace":"String","errors":[{"errorCode":"String","fieldName":"String","message":"String","meta":{"String":"String"}}],"meta":{"String":"String"}}}`,
  ),
  'bookings.CreateBooking.typescript.json.txt': page(
    'CreateBooking',
    ['POST/bookings'],
    'TypeScript',
    TYPESCRIPT_CREATE,
    `POST /bookings HTTP/1.1 
Host: localhost:5001 
Accept: application/json
Content-Type: application/json
Content-Length: length

{"name":"String","roomNumber":0,"cost":0}
HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: length

{"id":"String","responseStatus":{"errorCode":"String","message":"String","stackTrace":"String","errors":[{"errorCode":"String","fieldName":"String","message":"String","meta":{"String":"String"}}],"meta":{"String":"String"}}}`,
  ),
};

describe('AutoQuery from metadata pages', () => {
  let dir: string;
  let manifest: ApiManifest;
  let diagnostics: ReturnType<typeof deriveSchemas>['diagnostics'];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-aq-pages-'));
    mkdirSync(path.join(dir, 'bookings', 'docs'), { recursive: true });
    for (const [name, text] of Object.entries(PAGES)) writeFileSync(path.join(dir, 'bookings', 'docs', name), text);
    ({ diagnostics } = deriveSchemas({ inputs: [path.join(dir, 'bookings', 'docs')], out: dir }));
    manifest = JSON.parse(readFileSync(path.join(dir, 'bookings', 'manifest.json'), 'utf8')) as ApiManifest;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads both pages without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(manifest.operations.map((o) => o.name)).toEqual(['CreateBooking', 'QueryBookings']);
  });

  it('binds the C# page of QueryDb<Booking> (the page prints QueryBase and QueryDb itself)', () => {
    expect(manifest.operations[1]).toMatchObject({
      primaryVerb: 'GET',
      response: 'QueryResponseOfBooking',
      autoQuery: {
        action: 'query',
        table: 'Booking',
        into: null,
        idProperty: 'id',
        idType: 'integer',
        filters: { id: { field: 'id', convention: '=' }, costBelow: { field: 'cost', convention: '%Below%' } },
      },
      state: { resource: 'Booking', effects: { GET: 'list' } },
    });
  });

  it('binds the TypeScript page of ICreateDb<Booking> to the same table', () => {
    expect(manifest.operations[0]).toMatchObject({
      primaryVerb: 'POST',
      response: 'IdResponse',
      autoQuery: { action: 'create', table: 'Booking', idProperty: 'id', idType: 'integer', filters: {} },
      state: { resource: 'Booking', effects: { POST: 'create' } },
    });
  });
});
