/**
 * Sessions (`X-Ssmock-Session`) start as the server started: the start-up
 * scenario's data and rules. Reset puts a session back there; activating a
 * scenario replaces its data, users and rules.
 */
import type { IdLookup, StateSnapshot, StateStore } from '../store/index.js';
import type { Rule } from '../scenarios/model.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import { DEFAULT_SESSION } from '../scenarios/runtime.js';
import type { ApiSchemas } from '../schema/registry.js';

export interface StartState {
  name: string | null;
  data: StateSnapshot;
  rules: Rule[];
}

export const idLookupOf =
  (apis: ApiSchemas[]): IdLookup =>
  (api, resource) => {
    const op = apis.find((a) => a.id === api)?.manifest.operations.find((o) => o.state?.resource === resource);
    return op?.state ? { property: op.state.idProperty, type: op.state.idType } : undefined;
  };

export class SessionSeeder {
  readonly #known = new Set<string>();
  #start: StartState = { name: null, data: {}, rules: [] };

  constructor(
    private readonly store: StateStore,
    private readonly runtime: MockRuntime,
    private readonly ids: IdLookup,
  ) {}

  get start(): StartState {
    return this.#start;
  }

  /** The state every new session starts from; `seedDefault` also loads it into the default session now. */
  async setStart(start: StartState, seedDefault: boolean): Promise<void> {
    this.#start = start;
    this.runtime.setStartRules(start.rules);
    this.#known.add(DEFAULT_SESSION);
    this.runtime.useRules(DEFAULT_SESSION, start.rules);
    if (seedDefault) {
      this.store.replace(DEFAULT_SESSION, start.data, this.ids);
      await this.store.flush();
    }
  }

  /** Gives a session seen for the first time the start-up data and rules; synchronous, so a rule added next is never wiped. */
  prepare(session: string): boolean {
    if (this.#known.has(session)) return false;
    this.#known.add(session);
    this.runtime.useRules(session, this.#start.rules);
    if (Object.keys(this.#start.data).length === 0) return false;
    this.store.replace(session, this.#start.data, this.ids);
    return true;
  }

  /** Prepares a session on first use; undefined (nothing to wait for) when it is already known. */
  ensure(session: string): Promise<void> | undefined {
    return this.prepare(session) ? this.store.flush() : undefined;
  }

  async reset(session: string): Promise<void> {
    this.#known.add(session);
    this.runtime.reset(session);
    this.store.replace(session, this.#start.data, this.ids);
    await this.store.flush();
  }

  /** Makes a scenario the session's state and rules (its users are added by the caller). */
  async activate(session: string, data: StateSnapshot, rules: Rule[]): Promise<void> {
    this.#known.add(session);
    this.store.replace(session, data, this.ids);
    this.runtime.useRules(session, rules);
    this.runtime.clearJournal(session);
    await this.store.flush();
  }
}
