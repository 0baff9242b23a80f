/**
 * Server Events (README, "Server Events"): ServiceStack's ServerEventsFeature for `ServerEventsClient`,
 * and the publishing QA and tests use (`POST /__ssmock/events`, `MockServer.publish`, scenario `events`).
 */
export { EventHub, HEARTBEAT_INTERVAL_MS, IDLE_TIMEOUT_MS, type PublishRequest, type Subscription } from './hub.js';
export { eventEndpointOf, serveEvents } from './endpoints.js';
export { eventHubOf, parseServerEvent, publishEvent, type ServerEvent } from './publish.js';
