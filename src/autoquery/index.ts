/** AutoQuery's query engine (`QueryDb<T>`): pure functions over a table's rows. See run-query.ts. */
export { runQuery } from './run-query.js';
export type { QueryBaseFields, QueryInput, QueryOptions, QueryResult, Row } from './run-query.js';
export { QueryError, isQueryError } from './query-error.js';
export type { QueryErrorCode } from './query-error.js';
export { IMPLICIT_CONVENTIONS, matchFilter } from './conventions.js';
export type { Convention, FilterMatch, Operator } from './conventions.js';
export { parseCommands, planInclude } from './include.js';
