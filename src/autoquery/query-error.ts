/**
 * The one error the query engine throws: a bad request ServiceStack answers with 400. `errorCode` is the
 * .NET exception ServiceStack would raise (`ArgumentException` from OrmLite's ORDER BY and AutoQuery's value
 * checks, `FormatException` from converting a query-string value to the field's type), so the HTTP layer can
 * map it to its error catalogue without parsing messages.
 */
export type QueryErrorCode = 'ArgumentException' | 'FormatException';

export class QueryError extends Error {
  override readonly name = 'QueryError';
  /** ServiceStack maps both exception types to 400 Bad Request (`HttpRequestExtensions.ToStatusCode`). */
  readonly status = 400;

  constructor(
    readonly errorCode: QueryErrorCode,
    message: string,
    /** The request property or query-string name the error is about, when there is one. */
    readonly fieldName?: string,
  ) {
    super(message);
  }
}

export const isQueryError = (e: unknown): e is QueryError => e instanceof QueryError;
