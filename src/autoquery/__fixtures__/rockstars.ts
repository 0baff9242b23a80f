/**
 * ServiceStack's own AutoQuery test data (tests/ServiceStack.WebHost.Endpoints.Tests/AutoQueryTests.cs
 * `SeedRockstars`), as our store holds it: camelCase wire names, dates as ISO strings. The expected counts
 * in the tests are the ones ServiceStack's tests assert against the same rows.
 */
import type { JsonSchema } from '../../schema/json-schema.js';
import type { Row } from '../conditions.js';

const int: JsonSchema = { type: 'integer', format: 'int32', 'x-dotnet-type': 'int', default: 0 };
const nullableInt: JsonSchema = { type: 'integer', format: 'int32', 'x-dotnet-type': 'int', 'x-nullable': true };
const str: JsonSchema = { type: 'string', 'x-dotnet-type': 'string' };
const date: JsonSchema = { type: 'string', format: 'date-time', 'x-dotnet-type': 'DateTime' };
const nullableDate: JsonSchema = { ...date, 'x-nullable': true };

export const LIVING_STATUS: JsonSchema = { type: 'string', enum: ['Alive', 'Dead'], title: 'LivingStatus' };
export const resolve = (ref: string): JsonSchema | undefined =>
  ref === 'LivingStatus.json' ? LIVING_STATUS : undefined;

export const ROCKSTAR: JsonSchema = {
  title: 'Rockstar',
  type: 'object',
  properties: {
    id: int,
    firstName: str,
    lastName: str,
    age: nullableInt,
    dateOfBirth: date,
    dateDied: nullableDate,
    livingStatus: { $ref: 'LivingStatus.json' },
  },
};

/** `QueryDb<Rockstar, CustomRockstar>`'s Into. */
export const CUSTOM_ROCKSTAR: JsonSchema = {
  title: 'CustomRockstar',
  type: 'object',
  properties: { firstName: str, lastName: str, age: nullableInt, rockstarAlbumName: str },
};

const d = (y: number, m: number, day: number): string => new Date(Date.UTC(y, m - 1, day)).toISOString();

export const ROCKSTARS: readonly Row[] = [
  {
    id: 1,
    firstName: 'Jimi',
    lastName: 'Hendrix',
    age: 27,
    livingStatus: 'Dead',
    dateOfBirth: d(1942, 11, 27),
    dateDied: d(1970, 9, 18),
  },
  {
    id: 2,
    firstName: 'Jim',
    lastName: 'Morrison',
    age: 27,
    livingStatus: 'Dead',
    dateOfBirth: d(1943, 12, 8),
    dateDied: d(1971, 7, 3),
  },
  {
    id: 3,
    firstName: 'Kurt',
    lastName: 'Cobain',
    age: 27,
    livingStatus: 'Dead',
    dateOfBirth: d(1967, 2, 20),
    dateDied: d(1994, 4, 5),
  },
  {
    id: 4,
    firstName: 'Elvis',
    lastName: 'Presley',
    age: 42,
    livingStatus: 'Dead',
    dateOfBirth: d(1935, 1, 8),
    dateDied: d(1977, 8, 16),
  },
  { id: 5, firstName: 'David', lastName: 'Grohl', age: 44, livingStatus: 'Alive', dateOfBirth: d(1969, 1, 14) },
  { id: 6, firstName: 'Eddie', lastName: 'Vedder', age: 48, livingStatus: 'Alive', dateOfBirth: d(1964, 12, 23) },
  {
    id: 7,
    firstName: 'Michael',
    lastName: 'Jackson',
    age: 50,
    livingStatus: 'Dead',
    dateOfBirth: d(1958, 8, 29),
    dateDied: d(2009, 6, 5),
  },
];

/** A request DTO schema with the given declared filters (QueryBase's fields are always there). */
export const requestSchema = (filters: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  properties: {
    skip: nullableInt,
    take: nullableInt,
    orderBy: str,
    orderByDesc: str,
    include: str,
    fields: str,
    meta: { type: 'object', additionalProperties: str },
    ...filters,
  },
});

export const schemas = { int, nullableInt, str, date, nullableDate };
