/**
 * startMockServer(options): everything `ssmock serve` and tests need, with a
 * listening port. Loads the schemas (compiling every validator once), opens
 * the store, users and scenario, builds the app, listens, and shuts down
 * gracefully: in-flight requests finish, stalled fault connections are cut,
 * the db is flushed.
 */
import type { RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { existsSync } from 'node:fs';
import {
  createAuthenticator,
  createSessionStore,
  createTokenService,
  loadUsers,
  parseUsers,
  type Authenticator,
  type User,
} from '../auth/index.js';
import { createFaker, fakerLocale } from '../faker/index.js';
import { loadApis, type ApiSchemas } from '../schema/registry.js';
import type { JournalEntry, Rule } from '../scenarios/model.js';
import { createCatalog, resolveScenarioFile } from '../scenarios/catalog.js';
import type { ScenarioCatalog } from '../scenarios/model.js';
import { DEFAULT_SESSION, MockRuntime } from '../scenarios/runtime.js';
import { validateRule } from '../scenarios/validate.js';
import { openStore, type IdLookup, type StateSnapshot, type StateStore } from '../store/index.js';
import { fillTables } from '../handlers/autoquery.js';
import { eventHubOf, parseServerEvent, publishEvent, type EventHub, type ServerEvent } from '../events/index.js';
import { shareEventHub } from '../events/publish.js';
import { createApp, type AppDeps } from './create-app.js';
import { listen, type Listening } from './listen.js';
import type { LiveReload, ReloadReport, ReloadTarget } from '../live/reload.js';
import { idLookupOf, scenarioLoader, SessionSeeder } from './sessions.js';
import { DEFAULTS, MEMORY_DB, defaultFixtures, defaultSchemasRoot } from '../config.js';
import { asUserMistake, UserError } from '../user-error.js';
import { proxyOf, type ProxyServerOptions } from '../proxy/index.js';

export interface MockServerOptions extends ProxyServerOptions {
  /** Default `DEFAULTS.port` (src/config.ts); 0 picks a free port. */
  port?: number;
  /**
   * Default `localhost`: both 127.0.0.1 and ::1 on one port, and `url` is `http://localhost:PORT` (the same
   * site as a front end on `http://localhost:5173`). Any other value binds only that address.
   */
  host?: string;
  /** Schemas root (default: `schemas/` of the current directory, else the package's). */
  schemas?: string;
  /** Serve only these APIs; with exactly one, it is served at `/`. */
  api?: string | string[];
  /** A db file, or 'memory'. Default `DEFAULTS.db`. */
  db?: string;
  /** Default `fixtures/` of the current directory, else the package's. */
  fixtures?: string;
  /** A scenario name in `<fixtures>/scenarios/` or a path. */
  scenario?: string;
  seed?: number;
  auth?: boolean | 'on' | 'off';
  /** Milliseconds added to every API answer. */
  delay?: number;
  strict?: boolean;
  jwtSecret?: string;
  /** Lifetime of access tokens in seconds (default 14 days, as ServiceStack); short values let tests expire sessions. */
  accessTokenTtl?: number;
  /** @internal Milliseconds since the epoch for tokens and sessions' idle time: ssmock's own tests expire them without sleeping. */
  clock?: () => number;
  bodyLimit?: number;
  /** Receives log lines (default: none). */
  log?: (line: string) => void;
  /** Log one line per request. */
  requestLog?: boolean;
  /** Check every response against its schema: 'log' (default) or 'fail' it with a 500 (what ssmock's own tests use). */
  selfCheck?: 'log' | 'fail' | 'off';
  /** JSON dates as ISO-8601 (default) or WCF `/Date(ms)/`. */
  dates?: 'iso' | 'wcf';
  /** An `X-Ssmock-Session` unused this many minutes is forgotten (default `DEFAULTS.sessionIdleMinutes`, 30). */
  sessionIdleMinutes?: number;
  /** Sessions kept besides the default one, least recently used evicted first (default `DEFAULTS.maxSessions`, 1,000). */
  maxSessions?: number;
  /** `serve --fill N`: N realistic, seeded rows in each empty AutoQuery table at start-up (default 0: none). */
  fill?: number;
  /**
   * `serve --watch`: pages changed under `<schemas>/<api>/docs/` are derived again, changed schemas, users.json and
   * scenario files loaded again, without a restart; state, sessions and journals stay (README, "Live reload").
   */
  watch?: boolean;
  /** With `watch`: milliseconds the files must be quiet before a reload (default 150: an editor's save is several events). */
  watchQuietMs?: number;
  /** Receives problem lines, such as a page that does not derive on reload (default: `log`). */
  warn?: (line: string) => void;
}

export interface MockServer {
  url: string;
  port: number;
  /** Base URL of each API (`http://localhost:5050/billiecart`). */
  apis: { id: string; url: string; operations: string[] }[];
  close(): Promise<void>;
  /** Back to the start-up state, rules and journal (default session, or the one given). */
  reset(session?: string): Promise<void>;
  useScenario(name: string, session?: string): Promise<void>;
  addRule(rule: Rule, session?: string): string;
  requests(session?: string): JournalEntry[];
  /** Sends a Server Event to the session's subscribers (README "Server Events"); how many it reached. 400 MockError if malformed. */
  publish(event: ServerEvent, session?: string): number;
  /** With `watch`: the folders watched. */
  watching?: string[];
  /** With `watch`: the report of the next reload (tests await it rather than sleep). */
  nextReload?: () => Promise<ReloadReport>;
}

/** users.json is a file the user edits: any problem reading it is theirs to fix (one line from the CLI). */
const usersFileMistake = (err: unknown): never => {
  throw new UserError(err instanceof Error ? err.message : String(err), 1, { cause: err });
};

/** The fixture users, plus those scenarios add: their ids follow the fixture users', so no two share a userId. */
const userDirectory = async (fixtures: string) => {
  const usersFile = path.join(fixtures, 'users.json');
  const readBase = async () => (existsSync(usersFile) ? await loadUsers(usersFile).catch(usersFileMistake) : []);
  let baseUsers = await readBase();
  const extraUsers: User[] = [];
  const users = () => [...baseUsers, ...extraUsers];
  const addUsers = (more: unknown[]) => {
    for (const u of parseUsers(more, 'scenario users')) {
      if (!users().some((k) => k.userName.toLowerCase() === u.userName.toLowerCase()))
        extraUsers.push({ ...u, userId: String(baseUsers.length + extraUsers.length + 1) });
    }
  };
  /** `watch`: users.json again (a file that no longer loads throws, keeping the users before it); how many. */
  const reloadUsers = async () => {
    baseUsers = await readBase();
    return baseUsers.length;
  };
  return { users, addUsers, reloadUsers };
};

/** A db file that is locked or does not parse is the user's to fix (asUserMistake says which errors are). */
const openDb = (db: string): Promise<StateStore> =>
  openStore(db === MEMORY_DB ? { memory: true } : { file: db }).catch((err: unknown) =>
    Promise.reject(asUserMistake(err)),
  );

/** In-flight requests finish, Server Events streams and connections held open by a "timeout" fault are cut, then the db is flushed. */
const closeGracefully = async (
  server: Listening,
  store: StateStore,
  events: EventHub,
  live: LiveReload | undefined,
): Promise<void> => {
  live?.close();
  // An open event stream never ends by itself.
  events.closeAll();
  const done = server.close();
  // Connections held open by a "timeout" fault would block shutdown forever.
  const cut = setTimeout(() => {
    for (const s of server.sockets()) s.destroy();
  }, 2000);
  for (const s of server.sockets())
    if ((s as Socket & { _httpMessage?: { getHeader(n: string): unknown } })._httpMessage?.getHeader('x-ssmock-fault'))
      s.destroy();
  await done;
  clearTimeout(cut);
  await store.close();
};

/** The token service and sign-in of a server: its secret, token lifetime and clock. */
const authenticatorOf = (options: MockServerOptions, users: () => User[]): Authenticator =>
  createAuthenticator({
    users,
    tokens: createTokenService({
      ...(options.jwtSecret ? { secret: options.jwtSecret } : {}),
      ...(options.accessTokenTtl ? { accessTtlSeconds: options.accessTokenTtl } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    }),
    sessions: createSessionStore(),
  });

/** How the app answers, with the defaults filled in. */
const behaviourOf = (options: MockServerOptions) => ({
  authEnabled: !(options.auth === false || options.auth === 'off'),
  strict: options.strict ?? false,
  delayMs: options.delay ?? 0,
  bodyLimit: options.bodyLimit ?? DEFAULTS.bodyLimit,
  requestLog: options.requestLog ?? false,
  selfCheck: options.selfCheck ?? 'log',
  dates: options.dates ?? 'iso',
});

/** The sessions of a server, with its limits; `ids` looks ids up in the APIs served now. */
const sessionsOf = (options: MockServerOptions, store: StateStore, runtime: MockRuntime, ids: IdLookup) =>
  new SessionSeeder(store, runtime, ids, {
    idleMinutes: options.sessionIdleMinutes ?? DEFAULTS.sessionIdleMinutes,
    maxSessions: options.maxSessions ?? DEFAULTS.maxSessions,
    ...(options.clock ? { clock: options.clock } : {}),
  });

/** The fake-data generator of each API, made on first use and kept across reloads (an API a reload adds gets one too). */
const fakersOf = (seed: number) => {
  const fakers = new Map<string, ReturnType<typeof createFaker>>();
  return (api: ApiSchemas) => {
    let faker = fakers.get(api.id);
    if (!faker) {
      faker = createFaker({ seed, locale: fakerLocale(api.manifest.locale) });
      fakers.set(api.id, faker);
    }
    return faker;
  };
};

/** `watch`: a scenario file changed. The start-up one is read again by the sessions; another gives its rules to the sessions that activated it. State stays. */
const scenarioReloader =
  (sessions: SessionSeeder, runtime: MockRuntime, catalog: ScenarioCatalog) =>
  async (file: string, isStartup: boolean): Promise<number> => {
    if (isStartup) return (await sessions.reloadStart()).rules.length;
    const scenario = await catalog.load(file);
    const name = path.basename(file, '.json');
    for (const s of sessions.list())
      if (s.scenario === name || s.scenario === file) runtime.useRules(s.id, scenario.rules ?? []);
    return scenario.rules?.length ?? 0;
  };

/** `watch`: the folders of this server watched, and what a reload does to it. */
const liveReloadOf = async (
  options: MockServerOptions,
  schemasRoot: string,
  fixtures: string,
  wanted: string[],
  server: Pick<ReloadTarget, 'apis' | 'swapApis' | 'reloadUsers' | 'reloadScenario'>,
): Promise<LiveReload> => {
  // Loaded only with `watch`: it runs derive on changed pages, which plain serving never loads (docs/architecture.md).
  const { watchAndReload } = await import('../live/reload.js');
  const log = options.log ?? (() => undefined);
  const target: ReloadTarget = {
    ...server,
    schemasRoot: path.resolve(schemasRoot),
    fixtures: path.resolve(fixtures),
    wanted,
    startupScenario: options.scenario ? resolveScenarioFile(fixtures, options.scenario) : undefined,
  };
  return watchAndReload(target, { log, warn: options.warn ?? log, quietMs: options.watchQuietMs ?? WATCH_QUIET_MS });
};

/** What `watch` needs to swap contracts: the APIs served now, and the app serving them (each request keeps the one it started on). */
interface Contract {
  apis: ApiSchemas[];
  catalog: ScenarioCatalog;
  app: RequestListener;
}

/** Quiet time before a reload: an editor's save is a burst of events (temp file, rename, chmod). */
const WATCH_QUIET_MS = 150;

const apiUrls = (apis: ApiSchemas[], url: string, rootApi: string | undefined) =>
  apis.map((a) => ({
    id: a.id,
    url: a.id === rootApi ? url : `${url}/${a.id}`,
    operations: a.manifest.operations.map((o) => o.name),
  }));

export const startMockServer = async (options: MockServerOptions = {}): Promise<MockServer> => {
  const log = options.log ?? (() => undefined);
  const schemasRoot = options.schemas ?? defaultSchemasRoot();
  const fixtures = options.fixtures ?? defaultFixtures();
  const wanted = options.api === undefined ? [] : Array.isArray(options.api) ? options.api : [options.api];
  const { users, addUsers, reloadUsers } = await userDirectory(fixtures);
  let contract: Contract = { apis: loadApis(schemasRoot, wanted), catalog: undefined!, app: undefined! };
  contract.catalog = createCatalog(fixtures, contract.apis, options.scenario);
  // Sessions, the admin API and the stream endpoints read the APIs and scenarios served now, whichever they are.
  const catalog: ScenarioCatalog = {
    list: () => contract.catalog.list(),
    load: (nameOrPath) => contract.catalog.load(nameOrPath),
    loadRequested: (nameOrPath) => contract.catalog.loadRequested(nameOrPath),
  };
  const store = await openDb(options.db ?? DEFAULTS.db);
  try {
    const runtime = new MockRuntime();
    const sessions = sessionsOf(options, store, runtime, (api, resource) => idLookupOf(contract.apis)(api, resource));
    await sessions.begin(scenarioLoader(catalog, options.scenario || undefined, addUsers), Boolean(options.scenario));
    const authenticator = authenticatorOf(options, users);
    const fakerOf = fakersOf(options.seed ?? DEFAULTS.seed);
    if (options.fill) {
      for (const a of contract.apis) fillTables(a, store, fakerOf(a), options.fill);
      await store.flush();
    }
    // `proxy`, `proxyOps`, `record`, `proxyTimeoutMs` (README "Proxy and record"): a real backend answers chosen calls.
    const proxy = await proxyOf(options, contract.apis, log);
    // The API at `/` is chosen once: an API a reload adds is served beside it, at its own base, not instead of it.
    const rootApi = contract.apis.length === 1 ? contract.apis[0]!.id : undefined;
    const depsOf = (apis: ApiSchemas[]): AppDeps => ({
      apis,
      rootApi: apis.some((a) => a.id === rootApi) ? rootApi : undefined,
      store: sessions.view,
      fakerFor: (id) => fakerOf(apis.find((a) => a.id === id)!),
      authenticator,
      runtime,
      sessions,
      users,
      addUsers,
      catalog,
      log,
      ...behaviourOf(options),
      proxy,
    });
    const firstDeps = depsOf(contract.apis);
    contract.app = createApp(firstDeps);
    const events = eventHubOf(firstDeps);
    /** A new contract object, swapped in one assignment: a request already dispatched finishes on the old one. */
    const swapApis = (apis: ApiSchemas[]) => {
      const deps = depsOf(apis);
      shareEventHub(firstDeps, deps);
      contract = { apis, catalog: createCatalog(fixtures, apis, options.scenario), app: createApp(deps) };
    };
    const server = await listen(
      (req, res) => contract.app(req, res),
      options.port ?? DEFAULTS.port,
      options.host ?? DEFAULTS.host,
    );
    const { url, port } = server;
    const live = options.watch
      ? await liveReloadOf(options, schemasRoot, fixtures, wanted, {
          apis: () => contract.apis,
          swapApis,
          reloadUsers,
          reloadScenario: scenarioReloader(sessions, runtime, catalog),
        })
      : undefined;
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      get apis() {
        return apiUrls(contract.apis, url, rootApi);
      },
      close: () => (closing ??= closeGracefully(server, store, events, live).then(() => proxy?.close())),
      reset: (session = DEFAULT_SESSION) => sessions.reset(session),
      useScenario: async (name, session = DEFAULT_SESSION) => {
        const scenario = await catalog.load(name);
        addUsers(scenario.users ?? []);
        await sessions.activate(session, (scenario.data ?? {}) as StateSnapshot, scenario.rules ?? [], name);
      },
      addRule: (rule, session = DEFAULT_SESSION) => {
        sessions.prepare(session);
        return runtime.addRule(session, validateRule(rule, contract.apis));
      },
      requests: (session = DEFAULT_SESSION) => runtime.journal(session),
      publish: (event, session = DEFAULT_SESSION) =>
        publishEvent(
          events,
          runtime,
          parseServerEvent(
            event,
            contract.apis.map((a) => a.id),
          ),
          session,
        ),
      ...(live ? { watching: live.watching, nextReload: live.nextReload } : {}),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
};
