/**
 * A resource's GET list (ServiceStack Home's `GET /Customer`) filtered, paged and ordered by its query
 * string as an untyped AutoQuery request is: `?FirstNameStartsWith=A&OrderBy=-Id&Skip=10&Take=10`
 * (README.md, AutoQuery). A list asked nothing of answers the rows as stored.
 */
import { isQueryError, runQuery } from '../autoquery/index.js';
import { errors } from '../errors.js';
import type { StateBinding } from '../schema/manifest.js';
import type { Entity } from '../store/index.js';
import { toMockError } from './autoquery.js';
import type { OperationCall } from './operation.js';

/** QueryBase's paging names, as the query string may spell them (any case). */
const PAGING = {
  skip: 'skip',
  take: 'take',
  orderby: 'orderBy',
  orderbydesc: 'orderByDesc',
  fields: 'fields',
} as const;
type PagingName = (typeof PAGING)[keyof typeof PAGING];

/** ServiceStack's own query-string keywords: a list asked only these answers the rows as stored. */
const KEYWORDS = new Set(['format', 'callback', 'debug', 'jsconfig', 'authsecret', 'apikey', '_']);

const first = (value: string | readonly string[] | undefined): string | undefined =>
  typeof value === 'string' ? value : value?.[0];

export const listQuery = (call: OperationCall, state: StateBinding, rows: Entity[]): Entity[] => {
  const query = call.query ?? {};
  if (Object.keys(query).every((name) => KEYWORDS.has(name.toLowerCase()))) return rows;
  const table = call.api.schemas.get(state.resource);
  if (!table) return rows;
  const dto: Partial<Record<PagingName, string>> = {};
  for (const [name, value] of Object.entries(query)) {
    const key = PAGING[name.toLowerCase() as keyof typeof PAGING];
    if (key) dto[key] = first(value);
  }
  try {
    return runQuery(
      rows,
      { dto: { ...dto, skip: whole(dto.skip), take: whole(dto.take) }, query },
      { table, tableName: state.resource, idProperty: state.idProperty, resolve: call.api.resolve },
    ).results;
  } catch (err) {
    throw isQueryError(err) ? toMockError(err) : err;
  }
};

/** `Skip`/`Take` from text, refused as .NET's int parsing refuses it (400 `FormatException`). */
const whole = (text: unknown): number | undefined => {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw errors.autoQueryFormat('Input string was not in a correct format.');
  return n;
};
