/**
 * ServerEventsFeature's endpoints under each API base (README, "Server Events"): the stream, the
 * heartbeat, and the three services the client calls either on their own paths or as operations on
 * the JSON API routes (`/api/GetEventSubscribers`, as `ServerEventsClient` sends them).
 */
import { errors } from '../errors.js';
import type { Call } from '../http/call.js';
import { receiveBody } from '../http/receive-body.js';
import type { Send } from '../http/respond.js';
import type { Authenticator } from '../auth/index.js';
import type { AppDeps } from '../server/create-app.js';
import type { EventUser } from './hub.js';
import { eventHubOf, publishEvent } from './publish.js';
import { channelsOf, isChannel } from './wire.js';

type Endpoint = 'stream' | 'heartbeat' | 'unregister' | 'subscribers' | 'update';

/** Operation names of the built-in services, on `/api/{Op}` and `/json/reply/{Op}`. */
const OPERATIONS: Record<string, Endpoint> = {
  geteventsubscribers: 'subscribers',
  updateeventsubscriber: 'update',
  unregistereventsubscriber: 'unregister',
};

const PATHS: Record<string, Endpoint> = {
  '/event-stream': 'stream',
  '/event-heartbeat': 'heartbeat',
  '/event-unregister': 'unregister',
  '/event-subscribers': 'subscribers',
};

/** Which Server Events endpoint a path under an API base is, if any. */
export const eventEndpointOf = (path: string): { endpoint: Endpoint; id?: string } | undefined => {
  const lower = path.toLowerCase().replace(/\/$/, '');
  const exact = PATHS[lower];
  if (exact) return { endpoint: exact };
  const update = /^\/event-subscribers\/([^/]+)$/i.exec(path);
  if (update) return { endpoint: 'update', id: decodeURIComponent(update[1]!) };
  const op = /^\/(?:api|json\/reply)\/([^/]+)$/.exec(lower);
  const endpoint = op ? OPERATIONS[op[1]!] : undefined;
  return endpoint ? { endpoint } : undefined;
};

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .flatMap((v) => v.split(','));

/** The request DTO of a service call: the JSON body over the query string, as ServiceStack binds it. */
const dtoOf = async (call: Call, limit: number): Promise<Record<string, unknown>> => {
  const raw = await receiveBody(call.req, limit);
  const text = raw?.toString('utf8').trim();
  if (!text) return call.query;
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? { ...call.query, ...(body as object) } : call.query;
  } catch {
    throw errors.serialization(`Could not deserialize '${call.req.headers['content-type'] ?? ''}' request`);
  }
};

/** A case-insensitive DTO member (`Id` or `id`). */
const member = (dto: Record<string, unknown>, name: string): unknown =>
  dto[Object.keys(dto).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name];

const assertChannels = (channels: string[]): void => {
  const bad = channels.find((c) => !isChannel(c) && c !== '*');
  if (bad !== undefined) throw errors.eventChannelInvalid(bad);
};

/** The signed-in user of the stream request; credentials that do not identify anyone leave it anonymous. */
const userOf = async (call: Call, authenticator: Authenticator): Promise<EventUser | null> => {
  const principal = await authenticator.identify(call.req).catch(() => null);
  return principal && { userId: principal.userId, userName: principal.userName, displayName: principal.displayName };
};

/** The timed events of the session's scenario (none without one, or when its file no longer loads). */
const scenarioEvents = async (app: AppDeps, session: string) => {
  const name = app.sessions.scenarioOf(session);
  if (!name) return [];
  const scenario = await app.catalog.load(name).catch(() => undefined);
  return scenario?.events ?? [];
};

/** The endpoints of one API (`api`, served at `base`) of an app. */
export const serveEvents = (app: AppDeps, api: string, base: string, send: Send) => {
  const hub = eventHubOf(app);
  const found = (id: string) => {
    const sub = hub.get(id);
    if (!sub || sub.api !== api) throw errors.subscriptionNotFound(id);
    return sub;
  };

  const stream = async (call: Call): Promise<void> => {
    const channels = channelsOf(call.query);
    assertChannels(channels);
    const user = await userOf(call, app.authenticator);
    const { req, res } = call;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    // An SSE stream is never idle-timed-out by Node: its end is the client's close, an unregister or shutdown.
    req.socket.setTimeout(0);
    const sub = hub.subscribe({
      api,
      baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}${base}`,
      session: call.session,
      channels,
      user,
      res,
    });
    // The scenario's timed events go to this subscription alone, each afterMs after it connected.
    for (const { afterMs, ...event } of await scenarioEvents(app, call.session))
      hub.later(sub.id, afterMs, () =>
        publishEvent(hub, app.runtime, { ...event, subscriptionId: sub.id }, sub.session),
      );
  };

  return async (call: Call, target: { endpoint: Endpoint; id?: string }): Promise<void> => {
    const { req } = call;
    switch (target.endpoint) {
      case 'stream':
        if (req.method !== 'GET') throw errors.notFoundRoute(req.path);
        return stream(call);
      case 'heartbeat': {
        const id = String(call.query['id'] ?? '');
        found(id);
        hub.pulse(id);
        return send(call, { status: 200, typeName: 'Heartbeat', text: { contentType: 'text/plain', body: '' } });
      }
      case 'unregister': {
        const id = String(member(await dtoOf(call, app.bodyLimit), 'id') ?? '');
        found(id);
        return send(call, { status: 200, typeName: 'UnRegisterEventSubscriber', body: hub.unregister(id) });
      }
      case 'subscribers': {
        const channels = strings(member(call.query, 'channels')).concat(strings(member(call.query, 'channel')));
        return send(call, {
          status: 200,
          typeName: 'GetEventSubscribers',
          body: hub.subscribers(api, call.session, channels),
        });
      }
      case 'update': {
        const dto = await dtoOf(call, app.bodyLimit);
        const id = target.id ?? String(member(dto, 'id') ?? '');
        const subscribe = strings(member(dto, 'subscribeChannels'));
        const unsubscribe = strings(member(dto, 'unsubscribeChannels'));
        assertChannels([...subscribe, ...unsubscribe]);
        found(id);
        hub.update(id, subscribe, unsubscribe);
        return send(call, { status: 200, typeName: 'UpdateEventSubscriberResponse', body: {} });
      }
    }
  };
};
