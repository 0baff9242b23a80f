/// <reference types="jest" preserve="true" />
/**
 * `ssmock/jest`: matchers for consumer tests. Importing this module registers them with jest's
 * global `expect` (and types them on `jest.Matchers`):
 *
 * @example
 * import 'ssmock/jest';
 * expect(body).toMatchDto('billiecart', 'CreateCustomerResponse');
 * expect(mock).toHaveReceived('CreateCustomerRequest', { email: 'ann@example.com' }, { status: 200 });
 */
import path from 'node:path';
import { defaultSchemasRoot } from '../config.js';
import type { JournalEntry } from '../scenarios/model.js';
import { loadApi, type ApiSchemas } from '../schema/registry.js';
import { schemaViolations } from '../verify/violations.js';

export interface MatchDtoOptions {
  /** Schemas root (default: `./schemas`, else the schemas shipped with ssmock). */
  schemas?: string;
}

export interface ReceivedOptions {
  status?: number;
  method?: string;
  /** Exactly this many matching calls (default: at least one). */
  times?: number;
  /** The `X-Ssmock-Session` whose journal to read. */
  session?: string;
}

/** What `toHaveReceived` needs of a MockServer: its journal. */
export interface HasJournal {
  requests(session?: string): JournalEntry[];
}

// Loaded once per (root, API): compiling every schema per assertion would make each test pay ajv's start-up.
const cache = new Map<string, ApiSchemas>();

const apiFor = (root: string, id: string): ApiSchemas => {
  const key = `${path.resolve(root)}\u0000${id}`;
  let api = cache.get(key);
  if (!api) {
    api = loadApi(root, id);
    cache.set(key, api);
  }
  return api;
};

function toMatchDto(
  this: jest.MatcherContext,
  received: unknown,
  api: string,
  type: string,
  options: MatchDtoOptions = {},
): jest.CustomMatcherResult {
  const schemas = apiFor(options.schemas ?? defaultSchemasRoot(), api);
  const validate = schemas.validator(type);
  if (!validate)
    throw new Error(
      `toMatchDto: no DTO type '${type}' in API '${api}' (known: ${[...schemas.schemas.keys()].join(', ')})`,
    );
  const errors = validate(received);
  const violations = errors ? schemaViolations(errors, received) : [];
  const name = `${api} ${type}`;
  const pass = errors === null;
  return {
    pass,
    message: pass
      ? () =>
          `${this.utils.matcherHint('.not.toMatchDto')}\n\nExpected value not to match ${name}, but it does:\n  ${this.utils.printReceived(received)}`
      : () => {
          const lines = violations.length
            ? violations.map((v) => `  ${v.path ?? '$'}: ${v.message}`)
            : (errors ?? []).map((e) => `  $${e.instancePath}: ${e.message ?? e.keyword}`);
          return `${this.utils.matcherHint('.toMatchDto')}\n\nExpected value to match ${name}:\n${lines.join('\n')}\n\nReceived: ${this.utils.printReceived(received)}`;
        },
  };
}

/** The bound request DTO the journal recorded (absent for calls that never reached an operation). */
const requestOf = (entry: JournalEntry): Record<string, unknown> | undefined => {
  const value: unknown = entry.request;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
};

/** Every property of `expected` is in `actual`, recursively; leaves compared with jest's equality (so `expect.any(String)` works). */
const contains = (ctx: jest.MatcherContext, actual: unknown, expected: unknown): boolean => {
  if (
    expected &&
    typeof expected === 'object' &&
    !Array.isArray(expected) &&
    Object.getPrototypeOf(expected) === Object.prototype
  ) {
    if (!actual || typeof actual !== 'object') return false;
    const obj = actual as Record<string, unknown>;
    return Object.entries(expected).every(([key, value]) => {
      // The mock binds names case-insensitively, so a test need not know the wire casing.
      const actualKey = key in obj ? key : Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
      return actualKey !== undefined && contains(ctx, obj[actualKey], value);
    });
  }
  return ctx.equals(actual, expected);
};

const describeEntry = (e: JournalEntry): string =>
  `${e.method} ${e.path} → ${e.operation ?? '(no operation)'} ${e.status}`;

function toHaveReceived(
  this: jest.MatcherContext,
  received: unknown,
  operation: string,
  partialBody?: Record<string, unknown>,
  options: ReceivedOptions = {},
): jest.CustomMatcherResult {
  if (!received || typeof (received as Partial<HasJournal>).requests !== 'function')
    throw new Error('toHaveReceived: expected a MockServer (from startMockServer)');
  const journal = (received as HasJournal).requests(options.session);
  const calls = journal.filter((e) => e.operation?.toLowerCase() === operation.toLowerCase());
  if (partialBody && calls.length && calls.every((e) => requestOf(e) === undefined)) {
    throw new Error(
      `toHaveReceived: this server's journal holds no request bodies, so '${operation}' cannot be matched on ${JSON.stringify(partialBody)}; match on the operation, status and method instead`,
    );
  }
  const matching = calls.filter(
    (e) =>
      (options.status === undefined || e.status === options.status) &&
      (options.method === undefined || e.method.toUpperCase() === options.method.toUpperCase()) &&
      (partialBody === undefined || contains(this, requestOf(e), partialBody)),
  );
  const pass = options.times === undefined ? matching.length > 0 : matching.length === options.times;
  const what = [
    operation,
    partialBody ? `with ${this.utils.printExpected(partialBody)}` : '',
    options.method ? `via ${options.method.toUpperCase()}` : '',
    options.status !== undefined ? `answered ${options.status}` : '',
    options.times !== undefined ? `${options.times} time(s)` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const seen = journal.length
    ? journal
        .slice(-10)
        .map((e) => `  ${describeEntry(e)}`)
        .join('\n')
    : '  (nothing)';
  return {
    pass,
    message: () =>
      `${this.utils.matcherHint(pass ? '.not.toHaveReceived' : '.toHaveReceived')}\n\n` +
      `Expected the mock ${pass ? 'not ' : ''}to have received ${what}; ${matching.length} matching call(s). Journal${journal.length > 10 ? ' (last 10)' : ''}:\n${seen}`,
  };
}

export const ssmockMatchers = { toMatchDto, toHaveReceived };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- jest's matcher types live in this global namespace
  namespace jest {
    interface Matchers<R> {
      /** The value validates against the DTO schema `type` of API `api`; the failure lists each violation as `$.path: message`. */
      toMatchDto(api: string, type: string, options?: MatchDtoOptions): R;
      /** The mock's journal has a call of `operation` (whose request DTO contains `partialBody`, where the journal records bodies). */
      toHaveReceived(operation: string, partialBody?: Record<string, unknown>, options?: ReceivedOptions): R;
    }
  }
}

// Registering is the point of importing `ssmock/jest`; outside jest there is no `expect` to extend.
if (typeof expect !== 'undefined') expect.extend(ssmockMatchers);
