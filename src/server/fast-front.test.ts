import { createServer } from 'node:http';
import express, { type Request, type Response } from 'express';
import request from 'supertest';
import { dispatcherMiddleware, FRONT_CLASSES, FrontRequest, installFastFront, type Dispatch } from './fast-front.js';

/** An app whose dispatcher answers /api, throws on /boom and passes the rest on to an Express route. */
const appWith = () => {
  const dispatched: string[] = [];
  const dispatch: Dispatch = (req, res, next) => {
    dispatched.push(req.originalUrl);
    if (req.path === '/boom') throw new Error('thrown before any await');
    if (!req.path.startsWith('/api')) return next();
    // What the dispatcher relies on from Express: req.path, req.query, req.get, res.append.
    res.append('X-Seen', String(req.query['q']));
    res.json({ path: req.path, host: req.get('host') !== undefined, baseUrl: req.baseUrl });
  };
  const app = express();
  app.set('query parser', 'extended');
  app.use(dispatcherMiddleware(dispatch));
  app.get('/admin/:id', (req: Request, res: Response) => res.json({ admin: req.params['id'] }));
  installFastFront(app, dispatch, (_req, res) => res.status(500).json({ error: 'rendered' }));
  return { app, dispatched };
};

describe('the fast front', () => {
  it.each<[string, string, number, unknown, string[]]>([
    [
      'an API call, answered by the dispatcher alone',
      '/api/x?q=1',
      200,
      { path: '/api/x', host: true, baseUrl: '' },
      ['/api/x?q=1'],
    ],
    ['a call passed on, routed by Express once', '/admin/7', 200, { admin: '7' }, ['/admin/7']],
    ['a throw before any await, given to onError', '/boom', 500, { error: 'rendered' }, ['/boom']],
  ])('%s', async (_, url, status, body, dispatched) => {
    const app = appWith();
    const res = await request(app.app).get(url);
    expect([res.status, res.body]).toEqual([status, body]);
    expect(app.dispatched).toEqual(dispatched);
  });

  it('leaves an app mounted in another app to the Express chain, with its mount path', async () => {
    const inner = appWith();
    const outer = express();
    outer.use('/mock', inner.app);
    const res = await request(outer).get('/mock/api/y?q=2');
    expect([res.status, res.body, res.headers['x-seen']]).toEqual([
      200,
      { path: '/api/y', host: true, baseUrl: '/mock' },
      '2',
    ]);
  });

  it('serves a server made with FRONT_CLASSES: requests born with Express prototypes keep them', async () => {
    const { app } = appWith();
    let born: unknown;
    const server = createServer(FRONT_CLASSES, (req, res) => {
      born = req instanceof FrontRequest && Object.getPrototypeOf(req) === FrontRequest.prototype;
      app(req, res);
    });
    const res = await request(server).get('/api/z?q=3');
    expect([res.status, res.body, res.headers['x-seen'], born]).toEqual([
      200,
      { path: '/api/z', host: true, baseUrl: '' },
      '3',
      true,
    ]);
  });
});
