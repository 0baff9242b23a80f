/**
 * Sessions (`X-Ssmock-Session`): each starts as the server started (the
 * start-up scenario's data and rules), keeps its own rules and journal, and is
 * forgotten once idle for too long or when too many newer ones exist (README
 * "Admin API": the limits and their defaults). The default session is never
 * forgotten.
 *
 * Copy-on-write: a session that only reads shares one in-memory copy of the
 * start-up data; at its first write it gets its own copy in the store (and so
 * on disk). A flood of new session ids that only read therefore writes nothing
 * and costs one small entry each, until the limits evict them.
 */
import type { IdLookup, Scope, StateSnapshot, StateStore } from '../store/index.js';
import { openStore } from '../store/index.js';
import type { Rule, ScenarioCatalog } from '../scenarios/model.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import { DEFAULT_SESSION } from '../scenarios/runtime.js';
import type { ApiSchemas } from '../schema/registry.js';
import { SessionLru, type Clock } from './session-lru.js';

export interface StartState {
  name: string | null;
  data: StateSnapshot;
  rules: Rule[];
}

/** Reads the start-up state: once at start, and again at every reset (so an edited scenario file is picked up). */
export type StartLoader = () => Promise<StartState>;

export interface SessionOptions {
  /** Minutes a session may go unused before it is evicted. */
  idleMinutes: number;
  /** Sessions kept besides the default one; past it the least recently used is evicted. */
  maxSessions: number;
  /** Milliseconds clock for idle time (`Date.now`); tests pass a fake one. */
  clock?: Clock;
}

/** A session as `GET /__ssmock/sessions` lists it. */
export interface SessionView {
  id: string;
  /** ISO-8601. */
  lastUsed: string;
  /** True when the session wrote and holds its own copy of the state (in the store, on disk); false while it shares the start-up data. */
  state: boolean;
  /** The scenario the session runs: the start-up one, or the one activated for it. */
  scenario: string | null;
}

interface SessionEntry {
  scenario: string | null;
  ownsState: boolean;
}

/** The start-up data's session key in the in-memory store that holds it; never a key of the real store. */
const START = 'start';

export const idLookupOf =
  (apis: ApiSchemas[]): IdLookup =>
  (api, resource) => {
    const op = apis.find((a) => a.id === api)?.manifest.operations.find((o) => o.state?.resource === resource);
    return op?.state ? { property: op.state.idProperty, type: op.state.idType } : undefined;
  };

/** The loader of `serve --scenario X` / `startMockServer({ scenario })`; users the scenario adds go to `addUsers`. */
export const scenarioLoader =
  (catalog: ScenarioCatalog, scenario: string | undefined, addUsers: (users: unknown[]) => void): StartLoader =>
  async () => {
    if (scenario === undefined) return { name: null, data: {}, rules: [] };
    const loaded = await catalog.load(scenario);
    addUsers(loaded.users ?? []);
    return { name: scenario, data: (loaded.data ?? {}) as StateSnapshot, rules: loaded.rules ?? [] };
  };

const checkLimits = ({ idleMinutes, maxSessions }: SessionOptions): void => {
  if (typeof idleMinutes !== 'number' || !(idleMinutes > 0))
    throw new Error(`[ssmock] the session idle time-out must be a number of minutes > 0, got ${String(idleMinutes)}`);
  if (!Number.isInteger(maxSessions) || maxSessions < 1)
    throw new Error(`[ssmock] the maximum number of sessions must be a whole number ≥ 1, got ${String(maxSessions)}`);
};

export class SessionSeeder {
  /** Every known session but the default one, with its scenario and whether it holds its own state. */
  readonly #sessions = new Map<string, SessionEntry>();
  readonly #default: SessionEntry = { scenario: null, ownsState: true };
  readonly #lru: SessionLru;
  readonly #clock: Clock;
  #defaultUsed: number;
  #start: StartState = { name: null, data: {}, rules: [] };
  #load: StartLoader = () => Promise.resolve({ name: null, data: {}, rules: [] });
  /** The start-up data with every id assigned, in memory only: what sessions that never wrote read. */
  #startStore: StateStore | null = null;
  /** The same data as a snapshot: what a session copies at its first write. */
  #startData: StateSnapshot = {};
  /** The store as API calls and the admin API see it: per session, its own state or the shared start-up data. */
  readonly view: StateStore;

  constructor(
    private readonly store: StateStore,
    private readonly runtime: MockRuntime,
    private readonly ids: IdLookup,
    readonly limits: SessionOptions,
  ) {
    checkLimits(limits);
    this.#clock = limits.clock ?? Date.now;
    this.#lru = new SessionLru({ idleMs: limits.idleMinutes * 60_000, maxSessions: limits.maxSessions }, this.#clock);
    this.#defaultUsed = this.#clock();
    this.view = this.#copyOnWrite();
    // Every journalled call counts as a use, also one that failed before its session was prepared (a 401).
    runtime.onRecord = (session) => this.prepare(session);
  }

  get start(): StartState {
    return this.#start;
  }

  /**
   * Loads the start-up state with `load` (kept: every reset calls it again). With
   * `seedDefault` (a start-up scenario) every session starts from it: the default
   * session gets a copy now, and what other sessions wrote in an earlier run goes
   * (`serve --scenario` keeps a copy of such a db file first). Without it, the
   * sessions the store holds are kept and known from now on, so the limits apply to them too.
   */
  async begin(load: StartLoader, seedDefault: boolean): Promise<void> {
    this.#load = load;
    await this.#install(await load());
    this.runtime.useRules(DEFAULT_SESSION, this.#start.rules);
    if (seedDefault) {
      for (const session of this.store.sessions()) if (session !== DEFAULT_SESSION) this.store.clear(session);
      this.store.replace(DEFAULT_SESSION, this.#startData, this.ids);
      await this.store.flush();
    }
    for (const session of this.store.sessions()) {
      if (session === DEFAULT_SESSION || this.#sessions.has(session)) continue;
      this.#sessions.set(session, { scenario: this.#start.name, ownsState: true });
      this.#evict(this.#lru.touch(session));
    }
  }

  /** Registers a use of the session (new: it starts from the start-up rules); synchronous, so a rule added next is never wiped. True when it was new. */
  prepare(session: string): boolean {
    if (session === DEFAULT_SESSION) {
      this.#defaultUsed = this.#clock();
      this.#evict(this.#lru.evict());
      return false;
    }
    const isNew = !this.#sessions.has(session);
    if (isNew) {
      this.#sessions.set(session, { scenario: this.#start.name, ownsState: false });
      // Each session counts its rules' `times` itself, so it needs its own copy; with no start-up rules there is nothing to hold.
      if (this.#start.rules.length > 0) this.runtime.useRules(session, this.#start.rules);
    }
    this.#evict(this.#lru.touch(session));
    return isNew;
  }

  /** Prepares the session; nothing to wait for (a session writes nothing until it writes), hence undefined. */
  ensure(session: string): Promise<void> | undefined {
    this.prepare(session);
    return undefined;
  }

  /** The scenario the session runs (the start-up one unless another was activated for it). */
  scenarioOf(session: string): string | null {
    return this.#entry(session)?.scenario ?? this.#start.name;
  }

  /** Known sessions, the default one first, then most recently used first. */
  list(): SessionView[] {
    const view = (id: string, used: number, entry: SessionEntry): SessionView => ({
      id,
      lastUsed: new Date(used).toISOString(),
      state: entry.ownsState,
      scenario: entry.scenario,
    });
    const others = this.#lru.entries().flatMap(([id, used]) => {
      const entry = this.#sessions.get(id);
      return entry ? [view(id, used, entry)] : [];
    });
    return [view(DEFAULT_SESSION, this.#defaultUsed, this.#default), ...others];
  }

  /** Forgets a session now (rules, journal, state in memory and on disk); false when it is not known. Never the default one. */
  async delete(session: string): Promise<boolean> {
    if (session === DEFAULT_SESSION) throw new Error('[ssmock] the default session is never deleted');
    if (!this.#sessions.has(session)) return false;
    this.#forget(session);
    await this.store.flush();
    return true;
  }

  /** Back to the start-up scenario, re-read from its file: its data (shared again until the next write), rules, an empty journal. */
  async reset(session: string): Promise<void> {
    await this.#install(await this.#load());
    this.prepare(session);
    this.runtime.reset(session);
    const entry = this.#entry(session);
    if (entry) entry.scenario = this.#start.name;
    if (session === DEFAULT_SESSION) this.store.replace(DEFAULT_SESSION, this.#startData, this.ids);
    else if (entry?.ownsState) {
      this.store.clear(session);
      entry.ownsState = false;
    }
    await this.store.flush();
  }

  /**
   * `serve --watch`: the start-up scenario's file changed. It is read again (a file that no longer loads throws,
   * changing nothing); new sessions and resets start from it, sessions running it get its rules now, and sessions
   * that never wrote see its data. State a session wrote, and every journal, stay.
   */
  async reloadStart(): Promise<StartState> {
    await this.#install(await this.#load());
    const running: [string, SessionEntry][] = [[DEFAULT_SESSION, this.#default], ...this.#sessions];
    for (const [session, entry] of running)
      if (entry.scenario === this.#start.name) this.runtime.useRules(session, this.#start.rules);
    return this.#start;
  }

  /** Makes a scenario the session's state and rules (its users are added by the caller). */
  async activate(session: string, data: StateSnapshot, rules: Rule[], name: string | null = null): Promise<void> {
    this.#replace(session, data);
    const entry = this.#entry(session);
    if (entry) entry.scenario = name;
    this.runtime.useRules(session, rules);
    this.runtime.clearJournal(session);
    await this.store.flush();
  }

  #entry(session: string): SessionEntry | undefined {
    return session === DEFAULT_SESSION ? this.#default : this.#sessions.get(session);
  }

  /** Builds the shared start-up data; throws (changing nothing) when the data is malformed. */
  async #install(start: StartState): Promise<void> {
    const startStore = await openStore({ memory: true });
    startStore.replace(START, start.data, this.ids);
    this.#startStore = startStore;
    this.#startData = startStore.snapshot(START);
    this.#start = start;
    this.#default.scenario ??= start.name;
    this.runtime.setStartRules(start.rules);
  }

  #evict(sessions: string[]): void {
    for (const session of sessions) this.#forget(session);
  }

  #forget(session: string): void {
    const entry = this.#sessions.get(session);
    this.#sessions.delete(session);
    this.#lru.delete(session);
    this.runtime.forget(session);
    if (entry?.ownsState) this.store.clear(session);
  }

  #owns(session: string): boolean {
    return this.#entry(session)?.ownsState === true;
  }

  /** Replaces a session's state (it holds its own from now on); throws, changing nothing, on malformed data. */
  #replace(session: string, data: StateSnapshot): void {
    this.prepare(session);
    this.store.replace(session, data, this.ids);
    const entry = this.#entry(session);
    if (entry) entry.ownsState = true;
  }

  /** Before a session's first write: its own copy of the start-up data. */
  #materialise(session: string): void {
    if (!this.#owns(session)) this.#replace(session, this.#startData);
  }

  /** Where a session's reads go: its own state, or the shared start-up data. */
  #reader(scope: Scope): [StateStore, Scope] {
    if (this.#owns(scope.session) || !this.#startStore) return [this.store, scope];
    return [this.#startStore, { ...scope, session: START }];
  }

  #copyOnWrite(): StateStore {
    const store = this.store;
    return {
      list: (scope, resource) => {
        const [from, at] = this.#reader(scope);
        return from.list(at, resource);
      },
      get: (scope, resource, id) => {
        const [from, at] = this.#reader(scope);
        return from.get(at, resource, id);
      },
      revision: (scope, resource) => {
        const [from, at] = this.#reader(scope);
        return from.revision(at, resource);
      },
      nextId: (scope, resource, id) => {
        this.#materialise(scope.session);
        return store.nextId(scope, resource, id);
      },
      create: (scope, resource, entity, id) => {
        this.#materialise(scope.session);
        return store.create(scope, resource, entity, id);
      },
      update: (scope, resource, id, patch) => {
        // Updating a record that is not there changes nothing: no copy for it.
        if (this.view.get(scope, resource, id) === undefined) return undefined;
        this.#materialise(scope.session);
        return store.update(scope, resource, id, patch);
      },
      remove: (scope, resource, id) => {
        if (this.view.get(scope, resource, id) === undefined) return false;
        this.#materialise(scope.session);
        return store.remove(scope, resource, id);
      },
      snapshot: (session) =>
        this.#owns(session) || !this.#startStore ? store.snapshot(session) : this.#startStore.snapshot(START),
      replace: (session, snapshot) => this.#replace(session, snapshot),
      clear: (session) => {
        if (session === undefined) {
          store.clear();
          for (const entry of [this.#default, ...this.#sessions.values()]) entry.ownsState = true;
        } else this.#replace(session, {});
      },
      sessions: () => store.sessions(),
      flush: () => store.flush(),
      close: () => store.close(),
      stats: () => store.stats(),
    };
  }
}
