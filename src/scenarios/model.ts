/**
 * Scenario files (`fixtures/scenarios/<name>.json`, fixtures/README.md) and the
 * scripted outcomes their rules produce. The JSON Schema that checks a file is
 * `schemas/meta/scenario.schema.json`; this is its TypeScript side.
 */
import type { FieldError } from '../errors.js';

/** An exact value (compared as text), a regular expression, or presence. */
export type RuleMatcher = string | number | boolean | null | { regex: string; flags?: string } | { exists: boolean };

export const FAULTS = ['reset', 'timeout', 'malformed'] as const;
export type Fault = (typeof FAULTS)[number];

/** `"operation": "*"` scripts every operation (a slow network, an outage). */
export const ANY_OPERATION = '*';

export interface Rule {
  /** Operation name (case-insensitive), or `*`. */
  operation: string;
  /** For people reading the file; ignored. */
  description?: string;
  /** Request fields that must match (names case-insensitive, dotted for nested fields). */
  when?: Record<string, RuleMatcher>;
  /** API id, when several are served and the operation name is ambiguous. */
  api?: string;
  status?: number;
  responseStatus?: {
    errorCode?: string;
    message?: string;
    errors?: (Omit<FieldError, 'errorCode'> & { errorCode?: string })[];
  };
  /** Wait first; alone, the request then proceeds. */
  delayMs?: number;
  fault?: Fault;
  /** How often it fires; unlimited when absent. */
  times?: number;
}

/** An account as `users.json` and scenario files write it (userId optional). */
export interface ScenarioUser {
  userId?: string | number;
  userName: string;
  password: string;
  displayName?: string;
  roles?: string[];
  permissions?: string[];
  apiKey?: string;
}

export interface Scenario {
  description?: string;
  /** `{ "<api>": { "<Resource>": [ { …, "$tenant"?: "org-1" } ] } }` */
  data?: Record<string, Record<string, Record<string, unknown>[]>>;
  users?: ScenarioUser[];
  rules?: Rule[];
  /** Server Events each subscription of the session is sent, `afterMs` after it connects (README, Server Events). */
  events?: { afterMs: number; channel?: string; selector: string; body?: unknown; toUserName?: string }[];
}

/** What the pipeline does with a request a rule matched. */
export type Outcome =
  | { kind: 'error'; status: number; errorCode: string; message: string; errors: FieldError[] }
  | { kind: 'delay'; ms: number }
  | { kind: 'fault'; fault: Fault };

/** A call as rules see it. */
export interface CallInfo {
  session: string;
  api: string;
  operation: string;
  dto: Record<string, unknown>;
}

export interface JournalEntry {
  time: string;
  session: string;
  api: string | null;
  operation: string | null;
  method: string;
  path: string;
  status: number;
  /** Validation problems, binding errors, and (under --strict or not) unknown or wrong-case names. */
  problems: string[];
  durationMs: number;
  /** The bound request DTO, when the call reached an operation. */
  request?: Record<string, unknown>;
  /** The answer's body (a response DTO or a ResponseStatus), when it had one: the QA dashboard shows it. */
  response?: unknown;
  /** The item's position in an auto-batched call (`POST /api/{Op}[]`); each item is an entry of its own. */
  batchIndex?: number;
}

/** The scenarios a server can activate: files in `<fixtures>/scenarios/`, or paths. */
export interface ScenarioCatalog {
  list(): Promise<{ name: string; description: string }[]>;
  /** Loads and validates a scenario by name or path; throws ScenarioError listing each mistake with its JSON path. */
  load(nameOrPath: string): Promise<Scenario>;
  /**
   * As `load`, for a name or path an HTTP client sent: only a name, the path the server started with, or a
   * `.json` file under the fixtures folder (else a ScenarioError whose failure is 'refused').
   */
  loadRequested(nameOrPath: string): Promise<Scenario>;
}
