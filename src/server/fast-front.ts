/**
 * The fast front (README "Performance"): API calls skip Express's router. Express's app.handle and router set a
 * few things on a request before the first middleware runs (the request and response prototypes that give
 * req.path, req.query, res.append…; req.originalUrl, req.baseUrl, req.params); this sets the same, then calls the
 * dispatcher itself. What the dispatcher passes on (the admin API, whose routes need the router) takes Express's
 * whole chain, where the dispatcher's own middleware lets it through; so does a request of an app mounted in
 * another app (it comes with that app's `next`).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * The request and response classes of the mock's HTTP servers (listen.ts): born with Express's prototypes, so a
 * call needs no Object.setPrototypeOf, which costs V8 a new hidden class and a copy of every property (a third of
 * what a create allocated). Only `app` is per app, and set per call.
 */
export class FrontRequest extends IncomingMessage {}
export class FrontResponse extends ServerResponse {}
Object.setPrototypeOf(FrontRequest.prototype, express.request);
Object.setPrototypeOf(FrontResponse.prototype, express.response);
export const FRONT_CLASSES = { IncomingMessage: FrontRequest, ServerResponse: FrontResponse };

export type Dispatch = (req: Request, res: Response, next: NextFunction) => void;

type Handle = (req: Request, res: Response, next?: NextFunction) => void;

const PASSED_ON = Symbol('passed on by the fast front');
type Marked = Request & { [PASSED_ON]?: true };

/** The dispatcher as the app's first middleware: it lets through what the fast front passed on. */
export const dispatcherMiddleware =
  (dispatch: Dispatch): Dispatch =>
  (req, res, next) =>
    (req as Marked)[PASSED_ON] ? next() : dispatch(req, res, next);

/** Answers each request with `dispatch` first; `onError` answers what it throws before its first await. */
export const installFastFront = (
  app: Express,
  dispatch: Dispatch,
  onError: (req: Request, res: Response, err: unknown) => void,
): void => {
  // app.handle is what the app function calls (untyped in @types/express); the http server calls it with no `next`.
  const handled = app as unknown as { handle: Handle };
  const viaExpress = handled.handle.bind(app);
  const { request, response } = app;
  handled.handle = (req, res, next) => {
    if (next) return viaExpress(req, res, next);
    const passOn = (): void => {
      (req as Marked)[PASSED_ON] = true;
      viaExpress(req, res);
    };
    if (req instanceof FrontRequest && res instanceof FrontResponse) {
      req.app = app;
      res.app = app;
    } else {
      Object.setPrototypeOf(req, request);
      Object.setPrototypeOf(res, response);
    }
    req.res = res;
    res.req = req;
    res.locals ??= Object.create(null) as Response['locals'];
    req.originalUrl ||= req.url;
    req.baseUrl = '';
    req.params = {};
    try {
      dispatch(req, res, passOn);
    } catch (err) {
      onError(req, res, err);
    }
  };
};
