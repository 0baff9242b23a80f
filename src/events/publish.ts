/**
 * Publishing (README, "Server Events"): the event a publisher sends, checked member by member, sent and
 * journalled; and the one hub of subscriptions each app has.
 */
import type { FieldError } from '../errors.js';
import { errors } from '../errors.js';
import { isPlainObject } from '../formats/schema-walk.js';
import type { MockRuntime } from '../scenarios/runtime.js';
import { EventHub, type PublishRequest } from './hub.js';
import { isChannel, isSelector } from './wire.js';

/** What a publisher sends: `POST /__ssmock/events`, `MockServer.publish`. */
export interface ServerEvent {
  /** Only subscribers of this channel; their selector arrives as `channel@selector`. */
  channel?: string;
  /** `op.target`: `cmd.orderShipped`, `css.background$#top`, `trigger.refresh`, `tv.watch`… */
  selector: string;
  /** Any JSON value: the handler's message. */
  body?: unknown;
  /** Only this user's subscriptions (its userName, any case). */
  toUserName?: string;
  /** Only this API's subscribers (an API id); every API's by default. */
  api?: string;
}

// One hub per app, keyed by the app's deps object: the dispatcher's handlers, the admin API and
// startMockServer reach the same subscriptions without another member on AppDeps.
const hubs = new WeakMap<object, EventHub>();
export const eventHubOf = (app: object): EventHub => {
  let hub = hubs.get(app);
  if (!hub) hubs.set(app, (hub = new EventHub()));
  return hub;
};

/** `serve --watch` serves a reloaded contract with a new app: it keeps the subscriptions of the app it replaces. */
export const shareEventHub = (from: object, to: object): void => {
  hubs.set(to, eventHubOf(from));
};

const problem = (fieldName: string, message: string): FieldError => ({ errorCode: 'Invalid', fieldName, message });

/** A publish request checked member by member: a 400 lists every mistake. */
export const parseServerEvent = (input: unknown, apiIds: string[]): ServerEvent => {
  if (!isPlainObject(input))
    throw errors.badEvent('An event is a JSON object: { "channel"?, "selector", "body"?, "toUserName"? }', []);
  const found: FieldError[] = [];
  let { selector, channel } = input as Record<string, unknown>;
  const { toUserName, api } = input as Record<string, unknown>;
  // `channel@cmd.x` is the selector a channel's subscribers receive: accepted as channel plus selector.
  if (channel === undefined && typeof selector === 'string' && selector.includes('@'))
    [channel, selector] = [selector.slice(0, selector.indexOf('@')), selector.slice(selector.indexOf('@') + 1)];
  if (!isSelector(selector))
    found.push(
      problem(
        'selector',
        `'${String(selector)}' is not a selector: op.target without spaces or '@' (cmd.orderShipped)`,
      ),
    );
  if (channel !== undefined && !isChannel(channel))
    found.push(problem('channel', `'${String(channel)}' is not a channel name: no spaces, ',' or '@'`));
  if (toUserName !== undefined && (typeof toUserName !== 'string' || toUserName === ''))
    found.push(problem('toUserName', 'toUserName is a user name'));
  if (api !== undefined && !apiIds.includes(String(api)))
    found.push(problem('api', `No API '${String(api)}' (serving: ${apiIds.join(', ')})`));
  if (found.length) throw errors.badEvent(found[0]!.message, found);
  const body = (input as Record<string, unknown>)['body'];
  return {
    selector: selector as string,
    ...(channel === undefined ? {} : { channel: channel as string }),
    ...(body === undefined ? {} : { body }),
    ...(toUserName === undefined ? {} : { toUserName: toUserName as string }),
    ...(api === undefined ? {} : { api: String(api) }),
  };
};

/** Sends the event to the session's subscribers (or one subscription) and journals it (operation `event:<selector>`). */
export const publishEvent = (
  hub: EventHub,
  runtime: MockRuntime,
  event: ServerEvent & { subscriptionId?: string },
  session: string,
): number => {
  const request: PublishRequest = { ...event, session };
  const delivered = hub.publish(request);
  runtime.record({
    time: new Date().toISOString(),
    session,
    api: event.api ?? null,
    operation: `event:${event.selector}`,
    method: 'EVENT',
    path: event.channel ? `${event.channel}@${event.selector}` : event.selector,
    status: 200,
    problems: [],
    durationMs: 0,
    request: { ...event, delivered },
  });
  return delivered;
};
