/**
 * The live, per-session part of the mock that QA and tests steer: scripted
 * rules (in order, with `times`) and the request journal. Sessions come from
 * `X-Ssmock-Session`, so parallel CI jobs sharing one server never see each
 * other's rules or requests.
 */
import { randomUUID } from 'node:crypto';
import { CANONICAL_ERRORS } from '../errors.js';
import type { CallInfo, JournalEntry, Outcome, Rule, RuleMatcher } from './model.js';

export const DEFAULT_SESSION = 'default';
const JOURNAL_LIMIT = 1000;

interface LiveRule extends Rule {
  id: string;
  fired: number;
}

const matches = (matcher: RuleMatcher, value: unknown): boolean => {
  if (matcher !== null && typeof matcher === 'object') {
    if ('exists' in matcher) return (value !== undefined && value !== null && value !== '') === matcher.exists;
    if ('regex' in matcher) {
      try {
        return value !== undefined && value !== null && new RegExp(matcher.regex).test(String(value));
      } catch {
        return false;
      }
    }
    return false;
  }
  if (matcher === null) return value === undefined || value === null;
  return String(value).toLowerCase() === String(matcher).toLowerCase() || value === matcher;
};

const ruleApplies = (rule: LiveRule, call: CallInfo): boolean => {
  if (rule.operation.toLowerCase() !== call.operation.toLowerCase()) return false;
  if (rule.api && rule.api !== call.api) return false;
  if (rule.times !== undefined && rule.fired >= rule.times) return false;
  const fields = new Map(Object.entries(call.dto).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(rule.when ?? {}).every(([name, m]) => matches(m, fields.get(name.toLowerCase())));
};

export const outcomeOf = (rule: Rule): Outcome => {
  if (rule.fault) return { kind: 'fault', fault: rule.fault };
  if (rule.status === undefined && rule.responseStatus === undefined && rule.delayMs !== undefined) return { kind: 'delay', ms: rule.delayMs };
  const status = rule.status ?? 400;
  const canonical = CANONICAL_ERRORS[status] ?? { errorCode: `Http${status}`, message: `HTTP ${status}` };
  return {
    kind: 'error',
    status,
    errorCode: rule.responseStatus?.errorCode ?? canonical.errorCode,
    message: rule.responseStatus?.message ?? canonical.message,
    errors: rule.responseStatus?.errors ?? [],
  };
};

export class MockRuntime {
  readonly #rules = new Map<string, LiveRule[]>();
  readonly #journal = new Map<string, JournalEntry[]>();
  /** Rules the server started with (its scenario), restored by reset. */
  #startRules: Rule[] = [];

  setStartRules(rules: Rule[]): void {
    this.#startRules = rules;
  }

  addRule(session: string, rule: Rule): string {
    const live: LiveRule = { ...rule, id: randomUUID(), fired: 0 };
    const list = this.#rules.get(session) ?? [];
    list.push(live);
    this.#rules.set(session, list);
    return live.id;
  }

  rules(session: string): (Rule & { id: string; fired: number })[] {
    return (this.#rules.get(session) ?? []).map((r) => ({ ...r }));
  }

  clearRules(session: string): void {
    this.#rules.delete(session);
  }

  /** Replaces a session's rules with a scenario's (its order is the firing order). */
  useRules(session: string, rules: Rule[]): void {
    this.#rules.delete(session);
    for (const r of rules) this.addRule(session, r);
  }

  /** The outcomes of the first matching delay rule and the first matching other rule, each consuming one `times`. */
  take(call: CallInfo): Outcome[] {
    const outcomes: Outcome[] = [];
    let delayed = false;
    for (const rule of this.#rules.get(call.session) ?? []) {
      if (!ruleApplies(rule, call)) continue;
      const outcome = outcomeOf(rule);
      if (outcome.kind === 'delay') {
        if (delayed) continue;
        delayed = true;
        rule.fired++;
        outcomes.push(outcome);
        continue;
      }
      rule.fired++;
      outcomes.push(outcome);
      break;
    }
    return outcomes;
  }

  record(entry: JournalEntry): void {
    const list = this.#journal.get(entry.session) ?? [];
    list.push(entry);
    if (list.length > JOURNAL_LIMIT) list.splice(0, list.length - JOURNAL_LIMIT);
    this.#journal.set(entry.session, list);
  }

  journal(session: string): JournalEntry[] {
    return [...(this.#journal.get(session) ?? [])];
  }

  clearJournal(session: string): void {
    this.#journal.delete(session);
  }

  /** Back to how the server started: its scenario's rules, an empty journal. */
  reset(session: string): void {
    this.clearJournal(session);
    this.useRules(session, this.#startRules);
  }
}
