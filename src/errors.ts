/**
 * Every failure the mock answers with, as data. One error handler
 * (http/error-handler.ts) renders a MockError as ServiceStack's ResponseStatus
 * in the negotiated format; nothing else writes error bodies.
 */

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

export class MockError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    errorCode: string,
    message: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'MockError';
    this.status = status;
    this.errorCode = errorCode;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }

  toResponseStatus(): ResponseStatus {
    return { errorCode: this.errorCode, message: this.message, errors: this.errors };
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

export const canonicalError = (status: number, message?: string): MockError => {
  const known = CANONICAL_ERRORS[status] ?? { errorCode: `Http${status}`, message: `HTTP ${status}` };
  return new MockError(status, known.errorCode, message ?? known.message);
};

export const errors = {
  notFoundRoute: (path: string) => new MockError(404, 'NotFound', `Handler for Request not found: ${path}`),
  unknownOperation: () =>
    new MockError(405, 'NotImplementedException', 'The operation does not exist for this service'),
  notFound: (resource: string, id: unknown) =>
    new MockError(404, 'NotFound', `${resource} with id '${String(id)}' does not exist`),
  serialization: (message: string, fieldErrors: FieldError[] = []) =>
    new MockError(400, 'SerializationException', message, { errors: fieldErrors }),
  tooLarge: (limit: number) =>
    new MockError(413, 'RequestEntityTooLarge', `Request body is larger than the limit of ${limit} bytes`),
  unsupportedEncoding: (encoding: string) =>
    new MockError(
      415,
      'UnsupportedMediaType',
      `The Content-Encoding '${encoding}' is not supported (gzip, deflate, br)`,
    ),
  unsupportedMediaType: (type: string) =>
    new MockError(415, 'UnsupportedMediaType', `The Content-Type '${type}' is not supported`),
  notAcceptable: (accept: string) =>
    new MockError(406, 'NotAcceptable', `None of the formats in Accept '${accept}' can be produced (json, jsv, xml)`),
  unauthorized: (message = 'Not Authenticated') =>
    new MockError(401, 'Unauthorized', message, {
      headers: { 'WWW-Authenticate': 'credentials realm="/auth/credentials"' },
    }),
  forbidden: (message: string) => new MockError(403, 'Forbidden', message),
} as const;
