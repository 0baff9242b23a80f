/**
 * Provider verification (`ssmock verify`): the interactions sent to a real backend and the report
 * of what came back. The report is plain data; `report.ts` renders it as text, JSON or JUnit.
 */
import type { Verb } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';

/**
 * One request to send, as written in an `--interactions` file. String values `{{Resource.id}}`
 * (e.g. `{{Customer.id}}`) are replaced by the id of the last resource of that type this run created.
 */
export interface Interaction {
  /** Operation name (case-insensitive). */
  operation: string;
  /** The request DTO. */
  request?: Record<string, unknown>;
  /** Verb sent to `/api/{Op}`; default the operation's primary verb (what `@servicestack/client`'s `send()` uses). */
  method?: Verb;
  /** Send no credentials (to check that the backend enforces authentication). */
  anonymous?: boolean;
  /** Default: any 2xx. */
  expect?: { status?: number };
  description?: string;
}

export interface VerifyOptions {
  /** Base URL of the API (`https://staging-api.example.com`, or a mock's `url`). */
  target: string;
  api: ApiSchemas;
  /** Default: generated from the schemas (see plan.ts). */
  interactions?: Interaction[];
  /** Sent as `Authorization: Bearer`. */
  token?: string;
  /** Signs in first with `POST {target}/auth/credentials`. */
  user?: { userName: string; password: string };
  /** Seed of the generated requests (default 0). */
  seed?: number;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

export interface Violation {
  /** JSON path into the response body (`$.customer.id`); absent for status, header and transport problems. */
  path?: string;
  message: string;
  expected?: string;
  actual?: string;
}

export interface InteractionResult {
  operation: string;
  description?: string;
  method: string;
  /** Path sent, relative to the target (`/api/CreateCustomerRequest`). */
  path: string;
  /** HTTP status; null when no answer came (network error, timeout). */
  status: number | null;
  passed: boolean;
  violations: Violation[];
  /** Things worth knowing that are not failures (an accepted empty 401 body). */
  notes: string[];
  durationMs: number;
}

export interface VerifyReport {
  target: string;
  api: string;
  results: InteractionResult[];
  passed: number;
  failed: number;
  /** Set when the target could not be reached before any interaction ran (connection refused, DNS). */
  unreachable?: string;
}
