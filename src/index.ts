/**
 * ssmock's library API. `startMockServer` is what consumer tests use;
 * `deriveSchemas` and `createApp` are the pieces the CLI is built from.
 *
 * @example
 * import { startMockServer } from 'ssmock';
 * const mock = await startMockServer({ port: 0, db: 'memory', api: 'billiecart', seed: 1 });
 * // … point the app or @servicestack/client at mock.url …
 * await mock.close();
 */
export { startMockServer, type MockServer, type MockServerOptions } from './server/start.js';
export { createApp, type AppDeps } from './server/create-app.js';
export { deriveSchemas, apiSlug, type DeriveOptions, type DeriveResult } from './derive/index.js';
export { loadApi, loadApis, compileApi, type ApiSchemas } from './schema/registry.js';
export type { ApiManifest, OperationManifest, StateBinding, StateEffect } from './schema/manifest.js';
export type { Rule, Scenario, JournalEntry } from './scenarios/model.js';
export { MockError, type ResponseStatus, type FieldError } from './errors.js';
export { UserError } from './user-error.js';
export { DEFAULTS } from './config.js';
