/**
 * The live, per-session part of the mock that QA and tests steer: scripted
 * rules and the request journal. Sessions come from `X-Ssmock-Session`, so
 * parallel CI jobs sharing one server never see each other's rules or requests.
 *
 * Rules are tried in the order they were listed (a scenario's first, then
 * those added over the admin API). A rule applies when its operation, API,
 * `when` and remaining `times` fit the call. A delay-only rule adds its wait
 * and the search goes on (so a slow network combines with a scripted error);
 * the first other rule — an error, a fault, or no outcome at all ("then
 * succeed") — ends it. Each rule that applies uses up one of its `times`.
 */
import { randomUUID } from 'node:crypto';
import { CANONICAL_ERRORS } from '../errors.js';
import { compileWhen, type FieldTest } from './matcher.js';
import { ANY_OPERATION, type CallInfo, type JournalEntry, type Outcome, type Rule } from './model.js';

export const DEFAULT_SESSION = 'default';
/** Journal entries kept per session (oldest dropped first), so a long-running server stays small. */
export const JOURNAL_LIMIT = 1000;
/** The latest calls of a session whose journal entries keep the answer's body (README "Admin API"). */
export const ANSWERS_KEPT = 100;

/** A rule as the admin API shows it: with its id and how often it has fired. */
export type LiveRuleView = Rule & { id: string; fired: number };

interface LiveRule {
  rule: Rule;
  id: string;
  fired: number;
  test: FieldTest;
}

/** `NotFound` → 404: a rule that names only the errorCode gets the status ServiceStack's HttpError helper would use. */
const statusFor = (errorCode: string | undefined): number | undefined => {
  const entry = Object.entries(CANONICAL_ERRORS).find(([, c]) => c.errorCode === errorCode);
  return entry ? Number(entry[0]) : undefined;
};

/** The error a rule scripts, with ServiceStack's defaults filled in; undefined when it scripts none. */
const errorOf = (rule: Rule): Outcome | undefined => {
  const rs = rule.responseStatus;
  if (rule.status === undefined && rs === undefined) return undefined;
  const status = rule.status ?? statusFor(rs?.errorCode) ?? 400;
  const canonical = CANONICAL_ERRORS[status] ?? { errorCode: `Http${status}`, message: `HTTP ${status}` };
  const errorCode = rs?.errorCode ?? canonical.errorCode;
  return {
    kind: 'error',
    status,
    errorCode,
    message: rs?.message ?? canonical.message,
    errors: (rs?.errors ?? []).map((e) => ({ ...e, errorCode: e.errorCode ?? errorCode })),
  };
};

/** What a rule does, in order: its wait, then its error or fault (none: the call proceeds). */
export const outcomesOf = (rule: Rule): Outcome[] => {
  const out: Outcome[] = [];
  if (rule.delayMs !== undefined && rule.delayMs > 0) out.push({ kind: 'delay', ms: rule.delayMs });
  const ending: Outcome | undefined = rule.fault ? { kind: 'fault', fault: rule.fault } : errorOf(rule);
  if (ending) out.push(ending);
  return out;
};

/** The rule's decisive outcome (its fault or error), else its delay; `undefined` for a pass-through rule. */
export const outcomeOf = (rule: Rule): Outcome | undefined => outcomesOf(rule).at(-1);

const isDelayOnly = (rule: Rule): boolean =>
  rule.delayMs !== undefined && rule.fault === undefined && errorOf(rule) === undefined;

const applies = (live: LiveRule, call: CallInfo): boolean => {
  const { rule } = live;
  if (rule.operation !== ANY_OPERATION && rule.operation.toLowerCase() !== call.operation.toLowerCase()) return false;
  if (rule.api !== undefined && rule.api !== call.api) return false;
  if (rule.times !== undefined && live.fired >= rule.times) return false;
  return live.test(call.dto);
};

export class MockRuntime {
  readonly #rules = new Map<string, LiveRule[]>();
  readonly #journal = new Map<string, JournalEntry[]>();
  /** Rules the server started with (its scenario), restored by reset. */
  #startRules: Rule[] = [];
  /**
   * Called with a call's session before the call is journalled. The session registry
   * (server/sessions.ts) sets it: a call that failed before its session was prepared
   * (a 401, an unknown path) must still count as a use, or its journal would never be evicted.
   */
  onRecord: (session: string) => void = () => undefined;

  setStartRules(rules: Rule[]): void {
    this.#startRules = rules;
  }

  /** Appends a rule (checked beforehand: a bad regex throws here). */
  addRule(session: string, rule: Rule): string {
    const live: LiveRule = { rule, id: randomUUID(), fired: 0, test: compileWhen(rule.when) };
    const list = this.#rules.get(session) ?? [];
    list.push(live);
    this.#rules.set(session, list);
    return live.id;
  }

  rules(session: string): LiveRuleView[] {
    return (this.#rules.get(session) ?? []).map((r) => ({ id: r.id, ...r.rule, fired: r.fired }));
  }

  /** Removes one rule; false when the session has no rule with that id. */
  removeRule(session: string, id: string): boolean {
    const list = this.#rules.get(session) ?? [];
    const at = list.findIndex((r) => r.id === id);
    if (at >= 0) list.splice(at, 1);
    return at >= 0;
  }

  clearRules(session: string): void {
    this.#rules.set(session, []);
  }

  /** Replaces a session's rules with a scenario's (its order is the firing order). */
  useRules(session: string, rules: Rule[]): void {
    this.clearRules(session);
    for (const r of rules) this.addRule(session, r);
  }

  /** The outcomes the session's rules script for a call, in the order to apply them; uses up `times`. */
  take(call: CallInfo): Outcome[] {
    const outcomes: Outcome[] = [];
    let delayed = false;
    for (const live of this.#rules.get(call.session) ?? []) {
      if (!applies(live, call)) continue;
      if (isDelayOnly(live.rule)) {
        // One wait per call: a second delay rule is the next step of a sequence, not an addition.
        if (delayed) continue;
        delayed = true;
        live.fired++;
        outcomes.push(...outcomesOf(live.rule));
        continue;
      }
      live.fired++;
      outcomes.push(...outcomesOf(live.rule));
      break;
    }
    return outcomes;
  }

  record(entry: JournalEntry): void {
    this.onRecord(entry.session);
    const list = this.#journal.get(entry.session) ?? [];
    if (list.length === 0) this.#journal.set(entry.session, list);
    list.push(entry);
    // Answers can be large (a page of rows): only the latest ANSWERS_KEPT entries keep theirs, so memory stays bounded.
    const older = list[list.length - 1 - ANSWERS_KEPT];
    if (older?.response !== undefined) delete older.response;
    // Trimmed in batches (the list holds up to 1.5x the limit): a splice per call would shift 1,000 entries each time.
    if (list.length > JOURNAL_LIMIT * 1.5) list.splice(0, list.length - JOURNAL_LIMIT);
  }

  /** Oldest first, newest last: the latest JOURNAL_LIMIT calls. */
  journal(session: string): JournalEntry[] {
    return (this.#journal.get(session) ?? []).slice(-JOURNAL_LIMIT);
  }

  clearJournal(session: string): void {
    this.#journal.delete(session);
  }

  /** Drops everything the runtime holds for a session (evicted or deleted): its rules and its journal. */
  forget(session: string): void {
    this.#rules.delete(session);
    this.#journal.delete(session);
  }

  /** Back to how the server started: its scenario's rules, an empty journal. */
  reset(session: string): void {
    this.clearJournal(session);
    this.useRules(session, this.#startRules);
  }
}
