/**
 * startMockServer(options): everything `ssmock serve` and tests need, with a
 * listening port. Loads the schemas (compiling every validator once), opens
 * the store, users and scenario, builds the app, listens, and shuts down
 * gracefully: in-flight requests finish, stalled fault connections are cut,
 * the db is flushed.
 */
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
import { loadApis } from '../schema/registry.js';
import type { JournalEntry, Rule } from '../scenarios/model.js';
import { createCatalog } from '../scenarios/catalog.js';
import { DEFAULT_SESSION, MockRuntime } from '../scenarios/runtime.js';
import { validateRule } from '../scenarios/validate.js';
import { openStore, type StateSnapshot, type StateStore } from '../store/index.js';
import { fillTables } from '../handlers/autoquery.js';
import { eventHubOf, parseServerEvent, publishEvent, type EventHub, type ServerEvent } from '../events/index.js';
import { createApp, type AppDeps } from './create-app.js';
import { listen, type Listening } from './listen.js';
import { idLookupOf, scenarioLoader, SessionSeeder } from './sessions.js';
import { DEFAULTS, MEMORY_DB, defaultFixtures, defaultSchemasRoot } from '../config.js';
import { asUserMistake, UserError } from '../user-error.js';

export interface MockServerOptions {
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
}

/** users.json is a file the user edits: any problem reading it is theirs to fix (one line from the CLI). */
const usersFileMistake = (err: unknown): never => {
  throw new UserError(err instanceof Error ? err.message : String(err), 1, { cause: err });
};

/** The fixture users, plus those scenarios add: their ids follow the fixture users', so no two share a userId. */
const userDirectory = async (fixtures: string) => {
  const usersFile = path.join(fixtures, 'users.json');
  const baseUsers = existsSync(usersFile) ? await loadUsers(usersFile).catch(usersFileMistake) : [];
  const extraUsers: User[] = [];
  const users = () => [...baseUsers, ...extraUsers];
  const addUsers = (more: unknown[]) => {
    for (const u of parseUsers(more, 'scenario users')) {
      if (!users().some((k) => k.userName.toLowerCase() === u.userName.toLowerCase()))
        extraUsers.push({ ...u, userId: String(baseUsers.length + extraUsers.length + 1) });
    }
  };
  return { users, addUsers };
};

/** A db file that is locked or does not parse is the user's to fix (asUserMistake says which errors are). */
const openDb = (db: string): Promise<StateStore> =>
  openStore(db === MEMORY_DB ? { memory: true } : { file: db }).catch((err: unknown) =>
    Promise.reject(asUserMistake(err)),
  );

/** In-flight requests finish, Server Events streams and connections held open by a "timeout" fault are cut, then the db is flushed. */
const closeGracefully = async (server: Listening, store: StateStore, events: EventHub): Promise<void> => {
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

export const startMockServer = async (options: MockServerOptions = {}): Promise<MockServer> => {
  const log = options.log ?? (() => undefined);
  const schemasRoot = options.schemas ?? defaultSchemasRoot();
  const fixtures = options.fixtures ?? defaultFixtures();
  const wanted = options.api === undefined ? [] : Array.isArray(options.api) ? options.api : [options.api];
  const apis = loadApis(schemasRoot, wanted);
  const { users, addUsers } = await userDirectory(fixtures);
  const store = await openDb(options.db ?? DEFAULTS.db);
  try {
    const runtime = new MockRuntime();
    const sessions = new SessionSeeder(store, runtime, idLookupOf(apis), {
      idleMinutes: options.sessionIdleMinutes ?? DEFAULTS.sessionIdleMinutes,
      maxSessions: options.maxSessions ?? DEFAULTS.maxSessions,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const catalog = createCatalog(fixtures, apis, options.scenario);
    await sessions.begin(scenarioLoader(catalog, options.scenario || undefined, addUsers), Boolean(options.scenario));
    const authenticator = authenticatorOf(options, users);
    const fakers = new Map(
      apis.map((a) => [
        a.id,
        createFaker({ seed: options.seed ?? DEFAULTS.seed, locale: fakerLocale(a.manifest.locale) }),
      ]),
    );
    if (options.fill) {
      for (const a of apis) fillTables(a, store, fakers.get(a.id)!, options.fill);
      await store.flush();
    }
    const appDeps: AppDeps = {
      apis,
      rootApi: apis.length === 1 ? apis[0]!.id : undefined,
      store: sessions.view,
      fakerFor: (id) => fakers.get(id)!,
      authenticator,
      runtime,
      sessions,
      users,
      addUsers,
      catalog,
      log,
      ...behaviourOf(options),
    };
    const app = createApp(appDeps);
    const events = eventHubOf(appDeps);
    const server = await listen(app, options.port ?? DEFAULTS.port, options.host ?? DEFAULTS.host);
    const { url, port } = server;
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      apis: apis.map((a) => ({
        id: a.id,
        url: apis.length === 1 ? url : `${url}/${a.id}`,
        operations: a.manifest.operations.map((o) => o.name),
      })),
      close: () => (closing ??= closeGracefully(server, store, events)),
      reset: (session = DEFAULT_SESSION) => sessions.reset(session),
      useScenario: async (name, session = DEFAULT_SESSION) => {
        const scenario = await catalog.load(name);
        addUsers(scenario.users ?? []);
        await sessions.activate(session, (scenario.data ?? {}) as StateSnapshot, scenario.rules ?? [], name);
      },
      addRule: (rule, session = DEFAULT_SESSION) => {
        sessions.prepare(session);
        return runtime.addRule(session, validateRule(rule, apis));
      },
      requests: (session = DEFAULT_SESSION) => runtime.journal(session),
      publish: (event, session = DEFAULT_SESSION) =>
        publishEvent(
          events,
          runtime,
          parseServerEvent(
            event,
            apis.map((a) => a.id),
          ),
          session,
        ),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
};
