/**
 * The admin API at `/__ssmock` (product.md §3): health, reset, scenarios,
 * rules, the request journal and the state, each scoped to the caller's
 * `X-Ssmock-Session`. Answers JSON; bad input is a 400 ResponseStatus.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { MockError } from '../errors.js';
import { sessionOf } from '../http/call-record.js';
import type { AppDeps } from '../server/create-app.js';
import { validateRule } from '../scenarios/validate.js';
import { isPlainObject } from '../formats/schema-walk.js';
import type { StateSnapshot } from '../store/index.js';

const badRequest = (message: string) => new MockError(400, 'BadRequest', message);

export const createAdminRouter = (deps: AppDeps): Router => {
  const router = Router();
  const started = new Date().toISOString();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', started, apis: deps.apis.map((a) => ({ id: a.id, operations: a.manifest.operations.length })), scenario: deps.sessions.start.name });
  });

  router.post('/reset', async (req, res) => {
    await deps.sessions.reset(sessionOf(req));
    res.json({ reset: true, session: sessionOf(req), scenario: deps.sessions.start.name });
  });

  router.get('/scenarios', async (_req, res) => {
    res.json({ scenarios: await deps.catalog.list() });
  });

  router.post('/scenarios/:name', async (req, res) => {
    const scenario = await deps.catalog.load(String(req.params['name']));
    deps.addUsers(scenario.users ?? []);
    await deps.sessions.activate(sessionOf(req), (scenario.data ?? {}) as StateSnapshot, scenario.rules ?? []);
    res.json({ activated: req.params['name'], session: sessionOf(req), rules: scenario.rules?.length ?? 0 });
  });

  router.get('/rules', (req, res) => {
    res.json({ rules: deps.runtime.rules(sessionOf(req)) });
  });

  router.post('/rules', (req, res) => {
    const rule = validateRule(req.body, deps.apis);
    const id = deps.runtime.addRule(sessionOf(req), rule);
    res.status(201).json({ id });
  });

  router.delete('/rules', (req, res) => {
    deps.runtime.clearRules(sessionOf(req));
    res.json({ deleted: true });
  });

  router.get('/requests', (req, res) => {
    res.json({ requests: deps.runtime.journal(sessionOf(req)) });
  });

  router.delete('/requests', (req, res) => {
    deps.runtime.clearJournal(sessionOf(req));
    res.json({ deleted: true });
  });

  router.get('/state', (req, res) => {
    res.json(deps.store.snapshot(sessionOf(req)));
  });

  router.put('/state', async (req, res) => {
    if (!isPlainObject(req.body)) throw badRequest('PUT /__ssmock/state expects a JSON object: { "<api>": { "<Resource>": [ {…} ] } }');
    try {
      deps.store.replace(sessionOf(req), req.body as StateSnapshot);
    } catch (err) {
      throw badRequest((err as Error).message);
    }
    await deps.store.flush();
    res.json(deps.store.snapshot(sessionOf(req)));
  });

  router.use((req: Request, _res: Response, next: NextFunction) => next(new MockError(404, 'NotFound', `No admin endpoint ${req.method} /__ssmock${req.path}`)));
  return router;
};
