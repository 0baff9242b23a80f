/**
 * The admin API at `/__ssmock` (README "Admin API"): health, reset, scenarios,
 * rules, the request journal and the state, each scoped to the caller's
 * `X-Ssmock-Session`, and the sessions themselves. Answers JSON; bad input is
 * a 400 ResponseStatus that lists each mistake with its path.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { errors } from '../errors.js';
import { eventHubOf, parseServerEvent, publishEvent } from '../events/index.js';
import { isPlainObject } from '../formats/schema-walk.js';
import { sessionOf } from '../http/call.js';
import { ScenarioError } from '../scenarios/catalog.js';
import { dataProblems } from '../scenarios/data-problems.js';
import { shapeProblems } from '../scenarios/file-schema.js';
import { problemsError, validateRule } from '../scenarios/validate.js';
import type { AppDeps } from '../server/create-app.js';
import { DEFAULT_SESSION } from '../scenarios/runtime.js';
import { idLookupOf } from '../server/sessions.js';
import type { StateSnapshot } from '../store/index.js';
import { dashboardRoutes } from '../dashboard/serve.js';
import { addDashboardRoutes, scenariosWithDetail } from './dashboard-api.js';

/** A scenario that could not be loaded, as the admin API answers it: 404 when missing, else 400 listing each mistake. */
const scenarioFailure = (err: unknown, name: string): unknown => {
  if (!(err instanceof ScenarioError)) return err;
  const message = err.message.replace(/^\[ssmock\] /, '');
  if (err.notFound) return errors.adminNotFound(message);
  return err.problems.length
    ? problemsError(`Scenario '${name}' is not valid`, err.problems)
    : errors.adminBadRequest(message);
};

const rethrowAs =
  (name: string) =>
  (err: unknown): never => {
    throw scenarioFailure(err, name);
  };

const limitOf = (req: Request): number | undefined => {
  const raw = req.query['limit'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw errors.adminBadRequest(`limit must be a whole number ≥ 1, got '${String(raw)}'`);
  return n;
};

/** When each server started, keyed by its sessions: `serve --watch` builds a new router per reload, the server stays. */
const startTimes = new WeakMap<object, string>();
const startedOf = (server: object): string => {
  const known = startTimes.get(server);
  if (known) return known;
  const now = new Date().toISOString();
  startTimes.set(server, now);
  return now;
};

export const createAdminRouter = (deps: AppDeps): Router => {
  const router = Router();
  const started = startedOf(deps.sessions);
  const ids = idLookupOf(deps.apis);

  // A session first seen here starts from the start-up scenario now, so a rule
  // or state set before its first API call is not overwritten by that call.
  router.use(async (req: Request, _res: Response, next: NextFunction) => {
    await deps.sessions.ensure(sessionOf(req));
    next();
  });

  router.get('/health', (req, res) => {
    res.json({
      status: 'ok',
      started,
      session: sessionOf(req),
      scenario: deps.sessions.scenarioOf(sessionOf(req)),
      apis: deps.apis.map((a) => ({ id: a.id, operations: a.manifest.operations.length })),
    });
  });

  // Re-reads the start-up scenario's file, so an edited scenario is picked up without a restart.
  router.post('/reset', async (req, res) => {
    await deps.sessions.reset(sessionOf(req)).catch(rethrowAs(deps.sessions.start.name ?? ''));
    res.json({ reset: true, session: sessionOf(req), scenario: deps.sessions.start.name });
  });

  router.get('/scenarios', async (_req, res) => {
    res.json({ scenarios: await scenariosWithDetail(deps.catalog), startup: deps.sessions.start.name });
  });

  // A name, or a URL-encoded path: the one the server started with, or a file under the fixtures folder.
  router.post('/scenarios/*name', async (req, res) => {
    const segments = req.params['name'] as unknown as string[];
    const name = segments.join('/');
    const scenario = await deps.catalog.loadRequested(name).catch(rethrowAs(name));
    deps.addUsers(scenario.users ?? []);
    await deps.sessions.activate(sessionOf(req), (scenario.data ?? {}) as StateSnapshot, scenario.rules ?? [], name);
    res.json({
      activated: name,
      session: sessionOf(req),
      rules: scenario.rules?.length ?? 0,
      users: (scenario.users ?? []).map((u) => u.userName),
    });
  });

  router.get('/rules', (req, res) => {
    res.json({ rules: deps.runtime.rules(sessionOf(req)) });
  });

  router.post('/rules', (req, res) => {
    const id = deps.runtime.addRule(sessionOf(req), validateRule(req.body, deps.apis));
    res.status(201).json({ id });
  });

  router.delete('/rules', (req, res) => {
    deps.runtime.clearRules(sessionOf(req));
    res.json({ deleted: true });
  });

  router.delete('/rules/:id', (req, res) => {
    const id = String(req.params['id']);
    if (!deps.runtime.removeRule(sessionOf(req), id))
      throw errors.adminNotFound(`No rule '${id}' in session '${sessionOf(req)}'`);
    res.json({ deleted: id });
  });

  router.get('/requests', (req, res) => {
    const limit = limitOf(req);
    const operation = typeof req.query['operation'] === 'string' ? req.query['operation'].toLowerCase() : undefined;
    const entries = deps.runtime
      .journal(sessionOf(req))
      .filter((e) => !operation || e.operation?.toLowerCase() === operation);
    res.json({ requests: limit ? entries.slice(-limit) : entries });
  });

  router.delete('/requests', (req, res) => {
    deps.runtime.clearJournal(sessionOf(req));
    res.json({ deleted: true });
  });

  router.get('/state', (req, res) => {
    res.json(deps.store.snapshot(sessionOf(req)));
  });

  router.put('/state', async (req, res) => {
    const body: unknown = req.body;
    if (!isPlainObject(body))
      throw errors.adminBadRequest('PUT /__ssmock/state expects a JSON object: { "<api>": { "<Resource>": [ {…} ] } }');
    const problems = [...shapeProblems('data', body), ...dataProblems(body, deps.apis, '')];
    if (problems.length) throw problemsError('The state is not valid', problems);
    try {
      deps.store.replace(sessionOf(req), body as StateSnapshot, ids);
    } catch (err) {
      // The store names what it refused (e.g. a repeated id); the body is the user's input, so it is a 400.
      throw errors.adminBadRequest((err as Error).message);
    }
    await deps.store.flush();
    res.json(deps.store.snapshot(sessionOf(req)));
  });

  router.get('/sessions', (_req, res) => {
    const { idleMinutes, maxSessions } = deps.sessions.limits;
    res.json({ sessions: deps.sessions.list(), idleMinutes, maxSessions });
  });

  router.delete('/sessions/:id', async (req, res) => {
    const id = String(req.params['id']);
    if (id === DEFAULT_SESSION)
      throw errors.adminBadRequest(
        `The ${DEFAULT_SESSION} session is never deleted: POST /__ssmock/reset puts it back to the start-up state`,
      );
    if (!(await deps.sessions.delete(id))) throw errors.adminNotFound(`No session '${id}'`);
    res.json({ deleted: id });
  });

  // Server Events (README "Server Events"): to the caller's session's subscribers; journalled as `event:<selector>`.
  router.post('/events', (req, res) => {
    const event = parseServerEvent(
      req.body,
      deps.apis.map((a) => a.id),
    );
    const delivered = publishEvent(eventHubOf(deps), deps.runtime, event, sessionOf(req));
    res.json({ delivered, session: sessionOf(req) });
  });

  addDashboardRoutes(router, deps);
  // The QA dashboard's page at `GET /__ssmock/` (README "QA dashboard").
  router.use(dashboardRoutes());

  router.use((req: Request, _res: Response, next: NextFunction) =>
    next(errors.adminNotFound(`No admin endpoint ${req.method} /__ssmock${req.path}`)),
  );
  return router;
};
