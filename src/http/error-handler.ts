/**
 * The one place failures become answers: any error → ServiceStack's
 * ResponseStatus in the negotiated format, reason phrase = errorCode. A bug of
 * ours is a 500 with a generic message (and a log line), never a stack trace.
 */
import type { NextFunction, Request, Response } from 'express';
import { MockError, errors } from '../errors.js';
import type { OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { FaultInjected } from './outcomes.js';
import { send, type SendOptions } from './respond.js';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

export const toMockError = (err: unknown): MockError => {
  if (err instanceof MockError) return err;
  const parserError = err as BodyParserError;
  if (parserError?.type === 'entity.too.large') return errors.tooLarge(parserError.limit ?? 0);
  if (parserError?.status === 400 || parserError?.type === 'request.aborted')
    return errors.serialization('Could not read the request body');
  return new MockError(500, 'InternalServerError', 'ssmock failed to answer this request; see the server log');
};

/** ServiceStack answers errors with `{Op}Response` when it has a ResponseStatus, else ErrorResponse (protocol §7.2). */
const errorTypeOf = (api: ApiSchemas | undefined, operation: OperationManifest | undefined): string => {
  const response = operation?.response ? api?.schemas.get(operation.response) : undefined;
  return response?.properties?.['responseStatus'] && operation?.response ? operation.response : 'ErrorResponse';
};

export const errorHandler =
  (
    apiOf: (req: Request) => ApiSchemas | undefined,
    log: (line: string) => void,
    transform?: SendOptions['transform'],
  ) =>
  (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof FaultInjected) return injectFault(err, req, res);
    const mock = toMockError(err);
    if (mock.status >= 500 && !(err instanceof MockError))
      log(`[ssmock] internal error on ${req.method} ${req.originalUrl}: ${(err as Error)?.stack ?? String(err)}`);
    const api = apiOf(req);
    const typeName = errorTypeOf(api, res.locals['operation'] as OperationManifest | undefined);
    send(
      res,
      { status: mock.status, body: { responseStatus: mock.toResponseStatus() }, typeName, headers: mock.headers },
      { api, reason: mock.errorCode, transform },
    );
  };

export const PENDING_FAULTS = Symbol('pendingFaults');

const injectFault = (fault: FaultInjected, req: Request, res: Response): void => {
  switch (fault.fault) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'malformed':
      res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end('{"responseStatus":{"errorCode":');
      return;
    case 'timeout':
      // Never answers; the server's close() destroys such sockets so shutdown is not held up.
      res.setHeader('X-Ssmock-Fault', 'timeout');
      return;
  }
};
