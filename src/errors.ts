/**
 * The catalogue of every failure the mock answers with. Each entry says when it
 * happens, its status and its errorCode; docs/errors.md lists the same entries
 * (a test keeps the two equal). One responder (http/respond.ts, called by
 * http/error-handler.ts) renders a MockError as ServiceStack's ResponseStatus in
 * the negotiated format; nothing else writes error bodies, and nothing outside
 * this file constructs a MockError.
 */

import { fieldNameOf } from './schema/to-field-errors.js';

export interface FieldError {
  errorCode: string;
  fieldName: string;
  message: string;
  meta?: Record<string, string>;
}

export interface ResponseStatus {
  errorCode: string;
  message?: string;
  stackTrace?: string;
  errors: FieldError[];
  meta?: Record<string, string>;
}

interface Details {
  errors?: FieldError[] | undefined;
  headers?: Record<string, string>;
  /** `ResponseStatus.Meta` (e.g. `AutoBatchIndex`). */
  meta?: Record<string, string>;
  /** The status line's reason phrase when it is not the errorCode (`403 Invalid Role`). */
  reason?: string;
  /** Answer with no body at all, as ServiceStack's short-circuited auth attributes do. */
  bodiless?: boolean;
}

/** A failure the client caused (or a scenario scripted): rendered as a ResponseStatus, never logged as a bug. */
export class MockError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  readonly meta: Record<string, string> | undefined;
  /** The status line's reason phrase: `reason` when given, else the errorCode (as ServiceStack sets it). */
  readonly reason: string;
  readonly bodiless: boolean;
  constructor(status: number, errorCode: string, message: string, details: Details = {}) {
    super(message);
    this.name = 'MockError';
    this.status = status;
    this.errorCode = errorCode;
    this.errors = details.errors ?? [];
    this.headers = details.headers ?? {};
    this.meta = details.meta;
    this.reason = details.reason ?? errorCode;
    this.bodiless = details.bodiless === true;
  }

  /** The same error with more headers or meta (a batch adds the failed item's index). */
  with(more: { headers?: Record<string, string>; meta?: Record<string, string> }): MockError {
    return new MockError(this.status, this.errorCode, this.message, {
      errors: this.errors,
      headers: { ...this.headers, ...more.headers },
      ...(this.meta || more.meta ? { meta: { ...this.meta, ...more.meta } } : {}),
      reason: this.reason,
      bodiless: this.bodiless,
    });
  }

  toResponseStatus(): ResponseStatus {
    const status: ResponseStatus = { errorCode: this.errorCode, message: this.message, errors: this.errors };
    if (this.meta) status.meta = this.meta;
    return status;
  }
}

/** The canonical errorCode and message per HTTP status (X-Ssmock-Status, scripted rules without a body). */
export const CANONICAL_ERRORS: Record<number, { errorCode: string; message: string }> = {
  400: { errorCode: 'BadRequest', message: 'Bad Request' },
  401: { errorCode: 'Unauthorized', message: 'Not Authenticated' },
  403: { errorCode: 'Forbidden', message: 'Forbidden' },
  404: { errorCode: 'NotFound', message: 'Not Found' },
  405: { errorCode: 'MethodNotAllowed', message: 'Method Not Allowed' },
  406: { errorCode: 'NotAcceptable', message: 'Not Acceptable' },
  408: { errorCode: 'RequestTimeout', message: 'Request Timeout' },
  409: { errorCode: 'Conflict', message: 'Conflict' },
  410: { errorCode: 'Gone', message: 'Gone' },
  412: { errorCode: 'PreconditionFailed', message: 'Precondition Failed' },
  413: { errorCode: 'RequestEntityTooLarge', message: 'Request Entity Too Large' },
  415: { errorCode: 'UnsupportedMediaType', message: 'Unsupported Media Type' },
  422: { errorCode: 'UnprocessableEntity', message: 'Unprocessable Entity' },
  429: { errorCode: 'TooManyRequests', message: 'Too Many Requests' },
  500: { errorCode: 'InternalServerError', message: 'Internal Server Error' },
  501: { errorCode: 'NotImplemented', message: 'Not Implemented' },
  502: { errorCode: 'BadGateway', message: 'Bad Gateway' },
  503: { errorCode: 'ServiceUnavailable', message: 'Service Unavailable' },
  504: { errorCode: 'GatewayTimeout', message: 'Gateway Timeout' },
};

const canonicalOf = (status: number) =>
  CANONICAL_ERRORS[status] ?? { errorCode: `Http${status}`, message: `HTTP ${status}` };

/** What docs/errors.md says of an entry: a fixed status and code, or a description where the call decides them. */
export interface CatalogueEntry {
  status: number | string;
  errorCode: string;
  when: string;
}

type Build<A extends unknown[]> = (...args: A) => MockError;

/** An entry whose status and errorCode are fixed; `message` builds the text (and field errors or headers). */
const fixed = <A extends unknown[]>(
  status: number,
  errorCode: string,
  when: string,
  message: (...args: A) => string | ({ message: string } & Details),
): Build<A> & CatalogueEntry =>
  Object.assign(
    (...args: A) => {
      const m = message(...args);
      return typeof m === 'string'
        ? new MockError(status, errorCode, m)
        : new MockError(status, errorCode, m.message, m);
    },
    { status, errorCode, when },
  );

/** An entry whose status or errorCode the call decides (a scripted rule, the first validation rule). */
const variable = <A extends unknown[]>(info: CatalogueEntry, build: Build<A>): Build<A> & CatalogueEntry =>
  Object.assign(build, info);

const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'credentials realm="/auth/credentials"' };

/** ServiceStack's `ToStatusCode` for the exceptions JwtAuthProviderReader lets through. */
// ServiceStack lets KeyNotFoundException and Exception out as 500s; a token the client sent is the client's mistake,
// and the mock never answers 500 for one: the same errorCode and message, with 400 (README, Auth).
const JWT_EXCEPTION_STATUS: Record<string, number> = {
  FormatException: 400,
  ArgumentException: 400,
  NotSupportedException: 405,
  KeyNotFoundException: 400,
  Exception: 400,
};

export const errors = {
  // Routing and formats
  notFoundRoute: fixed(
    404,
    'NotFound',
    'no route of any API matches the path',
    (path: string) => `Handler for Request not found: ${path}`,
  ),
  unknownOperation: fixed(
    405,
    'NotImplementedException',
    'a predefined route names an operation the API lacks',
    () => 'The operation does not exist for this service',
  ),
  dtoLanguageUnknown: fixed(
    404,
    'NotFound',
    'Add ServiceStack Reference (`<base>/types/{lang}`, or `&lang=` of a metadata page) of a language ssmock does not generate',
    (lang: string, served: readonly string[]) =>
      `No Add ServiceStack Reference generator for '${lang.slice(0, 40)}': ssmock serves ${served.join(', ')}`,
  ),
  metadataOperationUnknown: fixed(
    404,
    'NotFound',
    'a metadata page (`<base>/json/metadata?op=`, or xml, jsv) of an operation the API lacks',
    (op: string) => `Could not find operation: ${op.slice(0, 100)}`,
  ),
  notAcceptable: fixed(
    406,
    'NotAcceptable',
    '`Accept` names only formats the mock cannot write',
    (accept: string) => `None of the formats in Accept '${accept}' can be produced (json, jsv, xml)`,
  ),
  unsupportedMediaType: fixed(
    415,
    'UnsupportedMediaType',
    'a user route got a Content-Type it cannot read',
    (type: string) => `The Content-Type '${type}' is not supported`,
  ),
  unsupportedEncoding: fixed(
    415,
    'UnsupportedMediaType',
    'a Content-Encoding other than gzip, deflate or br',
    (encoding: string) => `The Content-Encoding '${encoding}' is not supported (gzip, deflate, br)`,
  ),
  tooLarge: fixed(
    413,
    'RequestEntityTooLarge',
    'the body (after inflation) is over the limit (`--body-limit`, 1 MiB by default)',
    (limit: number) => `Request body is larger than the limit of ${limit} bytes`,
  ),

  // Reading and validating the request DTO
  serialization: fixed(
    400,
    'SerializationException',
    'the body does not parse, or a value is not of its property type',
    (message: string, fieldErrors: FieldError[] = []) => ({ message, errors: fieldErrors }),
  ),
  validation: variable(
    {
      status: 400,
      errorCode: "the first rule's code (`NotEmpty`, `Email`, …)",
      when: 'the DTO breaks a declarative validator or its schema',
    },
    (fieldErrors: [FieldError, ...FieldError[]]) =>
      new MockError(400, fieldErrors[0].errorCode, fieldErrors[0].message, { errors: fieldErrors }),
  ),
  unknownProperty: fixed(
    400,
    'UnknownProperty',
    '`--strict`: the request sent a property its DTO lacks',
    (type: string, names: string[]) => ({
      message: `'${names[0]}' is not a property of ${type} (--strict)`,
      // One entry per field, its fieldName in PascalCase as every field error's; the messages quote it as sent.
      errors: names.map((p) => ({
        errorCode: 'UnknownProperty',
        fieldName: fieldNameOf(p),
        message: `'${p}' is not a property of ${type}`,
      })),
    }),
  ),

  // Auth
  unauthorized: fixed(
    401,
    'Unauthorized',
    'no credentials, or credentials that do not match a user',
    (message: string = 'Not Authenticated') => ({
      message,
      headers: WWW_AUTHENTICATE,
    }),
  ),
  invalidToken: fixed(
    401,
    'TokenException',
    'an expired, not-yet-valid, forged or tampered JWT',
    (message: string) => ({
      message,
      headers: { 'WWW-Authenticate': 'Bearer realm="/auth/jwt", error="invalid_token"' },
    }),
  ),
  jwtUnreadable: variable(
    {
      status: '400, or 405 for another algorithm (ServiceStack answers 500 for `Exception` and `KeyNotFoundException`)',
      errorCode: '`Exception`, `FormatException`, `KeyNotFoundException` or `NotSupportedException`',
      when: 'a three-part bearer token that does not decode, has no `alg`, or names another algorithm (README, Auth)',
    },
    // Thrown from PreAuthenticate and rendered by the generic exception handler: no WWW-Authenticate.
    (exception: string, message: string) => new MockError(JWT_EXCEPTION_STATUS[exception] ?? 400, exception, message),
  ),
  forbidden: fixed(
    403,
    'Forbidden',
    'validator style (`[ValidateHasRole]`, …): signed in without a required role or permission',
    (message: string) => message,
  ),
  authRequired: fixed(
    401,
    'Unauthorized',
    'attribute style (`[Authenticate]`, …): nobody signed in; no body, status line `401 Unauthorized`',
    () => ({ message: 'Unauthorized', headers: WWW_AUTHENTICATE, bodiless: true }),
  ),
  roleRequired: fixed(
    403,
    'Forbidden',
    'attribute style (`[RequiredRole]`, `[RequiresAnyRole]`): a role is missing; no body, status line `403 Invalid Role`',
    () => ({ message: 'Invalid Role', reason: 'Invalid Role', bodiless: true }),
  ),
  permissionRequired: fixed(
    403,
    'Forbidden',
    'attribute style (`[RequiredPermission]`, `[RequiresAnyPermission]`): a permission is missing; no body, status line `403 Invalid Permission`',
    () => ({ message: 'Invalid Permission', reason: 'Invalid Permission', bodiless: true }),
  ),
  credentialsInvalid: fixed(
    400,
    'ValidationException',
    'sign-in with an empty user name or password',
    (fieldErrors: FieldError[]) => ({
      message: `Validation failed: ${fieldErrors.map((e) => `-- ${e.fieldName}: ${e.message}`).join(' ')}`,
      errors: fieldErrors,
    }),
  ),
  getAuthenticateNotAllowed: fixed(
    405,
    'NotSupportedException',
    'credentials sign-in over GET (ServiceStack refuses it by default)',
    () =>
      'GET Authenticate requests are disabled, to enable set AuthFeature.AllowGetAuthenticateRequests = req => true',
  ),
  unknownAuthProvider: fixed(
    404,
    'NotFound',
    'an auth provider other than credentials',
    (provider: string) => `No configuration was added for OAuth provider '${provider}'`,
  ),
  // JwtAuthProvider.CreateAccessTokenFromRefreshToken: ArgumentNullException(nameof(refreshToken)).
  refreshTokenMissing: fixed(400, 'ArgumentNullException', 'GetAccessToken without a refresh token', () => ({
    message: "Value cannot be null. (Parameter 'refreshToken')",
    errors: [{ errorCode: 'ArgumentNullException', fieldName: 'refreshToken', message: 'Value cannot be null.' }],
  })),
  refreshTokenRejected: fixed(
    400,
    'ArgumentException',
    'GetAccessToken with a refresh token that is malformed, badly signed or of another algorithm (the message says which)',
    (message: string) => message,
  ),
  userGone: fixed(404, 'NotFound', "a refresh token's user no longer exists", () => 'User does not exist'),

  // State
  notFound: fixed(
    404,
    'NotFound',
    'a read, update or delete of an id the state does not hold',
    (resource: string, id: string | number) => `${resource} with id '${id}' does not exist`,
  ),
  // ServiceStack's services guard a missing key with ArgumentNullException (.NET's "Value cannot be null."), never a lookup of nothing.
  idMissing: fixed(
    400,
    'ArgumentNullException',
    'a read, update or delete by id whose request carries no id (absent, empty or `0`)',
    (field: string) => ({
      message: `Value cannot be null. (Parameter '${field}')`,
      errors: [{ errorCode: 'ArgumentNullException', fieldName: field, message: 'Value cannot be null.' }],
    }),
  ),

  // AutoQuery (README.md, AutoQuery): the exceptions ServiceStack's AutoQueryFeature and OrmLite raise
  autoQueryArgument: fixed(
    400,
    'ArgumentException',
    'a query names an unknown `OrderBy` field, an unknown enum value, or one value where a list is expected',
    (message: string) => message,
  ),
  autoQueryFormat: fixed(
    400,
    'FormatException',
    'a query-string filter value is not of its field’s type (`?AgeAbove=abc`)',
    (message: string) => message,
  ),
  primaryKeyMissing: fixed(
    400,
    'ArgumentNullException',
    'an `IUpdateDb`/`IPatchDb` request without its primary key, or with a default one (`0`)',
    (field: string) => ({
      message: `Value cannot be null. (Parameter '${field}')`,
      errors: [{ errorCode: 'ArgumentNullException', fieldName: field, message: 'Value cannot be null.' }],
    }),
  ),
  rowsUpdated: fixed(
    409,
    'OptimisticConcurrencyException',
    'an `IUpdateDb`/`IPatchDb` request whose primary key matches no row',
    (rows: number, request: string) => `${rows} rows were updated by '${request}'`,
  ),
  deleteWithoutFilters: fixed(
    405,
    'NotSupportedException',
    'an `IDeleteDb` request with no non-default value to match rows by',
    (request: string) => `'${request}' did not contain any filters`,
  ),

  // Scripted outcomes and overrides
  scripted: variable(
    {
      status: 'the rule’s',
      errorCode: 'the rule’s (canonical per status)',
      when: 'a scenario rule or admin rule fires',
    },
    (status: number, errorCode: string, message: string, fieldErrors: FieldError[] = []) =>
      new MockError(status, errorCode, message, { errors: fieldErrors }),
  ),
  statusOverride: variable(
    { status: 'the header’s', errorCode: 'canonical per status', when: 'a request sent `X-Ssmock-Status` of 400–599' },
    (status: number) => new MockError(status, canonicalOf(status).errorCode, canonicalOf(status).message),
  ),
  badOverride: fixed(
    400,
    'BadRequest',
    'an `X-Ssmock-Status` or `X-Ssmock-Delay` value that is not a number in range',
    (message: string) => message,
  ),

  // Proxy (README, Proxy and record)
  backendUnreachable: fixed(
    502,
    'BadGateway',
    'a call `serve --proxy` forwards cannot reach the backend: connection refused, unknown host, or no answer in time',
    (backend: string, why: string) => `The backend ${backend} could not be reached: ${why}`,
  ),

  // Admin API (/__ssmock)
  adminBadRequest: fixed(
    400,
    'BadRequest',
    'an admin request with a bad value (scenario name, limit, state, rule)',
    (message: string, fieldErrors: FieldError[] = []) => ({
      message,
      errors: fieldErrors,
    }),
  ),
  adminNotFound: fixed(
    404,
    'NotFound',
    'an admin endpoint, scenario, rule, session, user or state record that does not exist',
    (message: string) => message,
  ),

  // Server Events (README.md, Server Events)
  badEvent: fixed(
    400,
    'BadRequest',
    'a published event (`POST /__ssmock/events`, `publish`) with a bad selector, channel, toUserName or api',
    (message: string, fieldErrors: FieldError[]) => ({ message, errors: fieldErrors }),
  ),
  eventChannelInvalid: fixed(
    400,
    'ArgumentException',
    'an `/event-stream` or `UpdateEventSubscriber` channel with `@`, `,` or a space',
    (channel: string) => `Illegal '@' used in name (Parameter 'channel'): '${channel}'`,
  ),
  subscriptionNotFound: fixed(
    404,
    'NotFound',
    'a heartbeat, unregister or channel update for a subscription id that is not open',
    (id: string) => `Subscription '${id}' does not exist`,
  ),

  // Our own faults
  responseSchemaViolation: fixed(
    500,
    'ResponseSchemaViolation',
    "a reply broke its own response schema (only with `selfCheck: 'fail'`, as ssmock's tests run)",
    (message: string) => message,
  ),
  internal: fixed(
    500,
    'InternalServerError',
    'a bug in ssmock: a generic 500 answer; the stack trace goes to the server log, never to the client',
    () => 'ssmock failed to answer this request; see the server log',
  ),
};

export type ErrorName = keyof typeof errors;

/** The catalogue as data, for docs/errors.md and its test. */
export const catalogue = (): (CatalogueEntry & { name: ErrorName })[] =>
  (Object.keys(errors) as ErrorName[]).map((name) => ({
    name,
    status: errors[name].status,
    errorCode: errors[name].errorCode,
    when: errors[name].when,
  }));
