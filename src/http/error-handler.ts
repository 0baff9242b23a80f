/**
 * The one place failures become answers: a MockError (from the catalogue, src/errors.ts) is sent
 * through the responder as ServiceStack's ResponseStatus in the call's format, reason phrase =
 * errorCode. Anything else is a bug of ours: logged with its stack trace, answered with a generic 500.
 * A scripted fault (a dropped connection, no answer, a cut-off body) is acted out here too.
 */
import type { NextFunction, Request, Response } from 'express';
import { MockError, errors } from '../errors.js';
import type { OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { callOf, type Call } from './call.js';
import { FaultInjected } from './outcomes.js';
import type { Send } from './respond.js';

/** Express's own body parser (the admin API's) reports errors with these fields. */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

const toMockError = (err: unknown): MockError | undefined => {
  if (err instanceof MockError) return err;
  const parserError = err as BodyParserError;
  if (parserError?.type === 'entity.too.large') return errors.tooLarge(parserError.limit ?? 0);
  if (parserError?.status === 400 || parserError?.type === 'request.aborted')
    return errors.serialization('Could not read the request body');
  return undefined;
};

/** ServiceStack answers errors with `{Op}Response` when it has a ResponseStatus, else ErrorResponse. */
const errorTypeOf = (api: ApiSchemas | null, operation: OperationManifest | null): string => {
  const response = operation?.response ? api?.schemas.get(operation.response) : undefined;
  return response?.properties?.['responseStatus'] && operation?.response ? operation.response : 'ErrorResponse';
};

export type RenderError = (call: Call, err: unknown) => void;

export const createErrorRenderer =
  (send: Send, log: (line: string) => void): RenderError =>
  (call, err) => {
    if (err instanceof FaultInjected) return actOut(err, call);
    const known = toMockError(err);
    if (!known)
      log(
        `[ssmock] internal error on ${call.req.method} ${call.req.originalUrl}: ${(err as Error)?.stack ?? String(err)}`,
      );
    const mock = known ?? errors.internal();
    send(
      call,
      {
        status: mock.status,
        // ServiceStack's auth attributes short-circuit with no body (errors.ts, authRequired).
        body: mock.bodiless ? undefined : { responseStatus: mock.toResponseStatus() },
        typeName: errorTypeOf(call.api, call.operation),
        headers: mock.headers,
      },
      mock.reason,
    );
  };

/** Express's error middleware (admin API, unknown paths): the same renderer. */
export const errorMiddleware =
  (render: RenderError) =>
  (err: unknown, req: Request, res: Response, _next: NextFunction): void =>
    render(callOf(req, res), err);

const actOut = (fault: FaultInjected, { req, res }: Call): void => {
  switch (fault.fault) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"responseStatus":{"errorCode":');
      return;
    case 'timeout':
      // Never answers; the server's close() destroys such sockets so shutdown is not held up.
      res.setHeader('X-Ssmock-Fault', 'timeout');
      return;
  }
};
