/**
 * The subscriptions of one server and what is sent to them, as ServiceStack's MemoryServerEvents
 * keeps and notifies them: by id, by channel, by user name. A subscription belongs to one API and
 * one ssmock session (`X-Ssmock-Session` of its `/event-stream` request, `default` for a browser's
 * EventSource), and only that API's and session's publishers reach it.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { frame, stringMap } from './wire.js';

/** ServerEventsFeature's defaults: the client sends a heartbeat this often, and is dropped after this long without one. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
export const IDLE_TIMEOUT_MS = 30_000;

/** The user a subscription acts for: a signed-in one, or null for an anonymous `userN`. */
export interface EventUser {
  userId: string;
  userName: string;
  displayName: string;
}

export interface Subscription {
  readonly id: string;
  readonly api: string;
  readonly session: string;
  channels: string[];
  readonly userName: string | undefined;
  /** What ServiceStack sends as onJoin/onLeave/onUpdate and answers from /event-subscribers. */
  readonly meta: Record<string, string>;
  lastPulse: number;
  /** The last frame id written (per subscription, from 1). */
  sent: number;
  readonly res: ServerResponse;
  /** A scenario's timed events still to come; cleared when the subscription ends. */
  readonly timers: NodeJS.Timeout[];
}

export interface SubscribeRequest {
  api: string;
  /** The API's absolute base URL (`http://localhost:5050/billiecart`): the heartbeat and unregister URLs are under it. */
  baseUrl: string;
  session: string;
  channels: string[];
  user: EventUser | null;
  res: ServerResponse;
}

export interface PublishRequest {
  /** One API's subscribers, or every API's. */
  api?: string | undefined;
  session: string;
  channel?: string | undefined;
  selector: string;
  body?: unknown;
  toUserName?: string | undefined;
  /** Only this subscription (ServiceStack's NotifySubscription): a scenario's timed events. */
  subscriptionId?: string | undefined;
}

/** A small data URI: ServiceStack sends a default avatar's when the session has no profile URL. */
const DEFAULT_PROFILE_URL = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg"%2F%3E';

export class EventHub {
  readonly #subs = new Map<string, Subscription>();
  #anonymous = 0;
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#subs.size;
  }

  /** Opens the stream: `cmd.onConnect` to the subscriber, then `channel@cmd.onJoin` to each of its channels. */
  subscribe(request: SubscribeRequest): Subscription {
    const { user, res } = request;
    const now = this.#clock();
    const anonymous = ++this.#anonymous;
    const id = randomBytes(15).toString('base64url');
    const userId = user?.userId ?? `-${anonymous}`;
    const meta = {
      userId,
      isAuthenticated: user ? 'true' : 'false',
      displayName: user?.displayName || user?.userName || `user${anonymous}`,
      channels: request.channels.join(','),
      createdAt: String(now),
      profileUrl: DEFAULT_PROFILE_URL,
    };
    const sub: Subscription = {
      id,
      api: request.api,
      session: request.session,
      channels: [...request.channels],
      userName: user?.userName,
      meta,
      lastPulse: now,
      sent: 0,
      res,
      timers: [],
    };
    this.#subs.set(id, sub);
    res.once('close', () => this.unregister(id));
    const query = `?id=${encodeURIComponent(id)}`;
    this.#write(
      sub,
      'cmd.onConnect',
      stringMap({
        ...meta,
        id,
        unRegisterUrl: `${request.baseUrl}/event-unregister${query}`,
        heartbeatUrl: `${request.baseUrl}/event-heartbeat${query}`,
        updateSubscriberUrl: `${request.baseUrl}/event-subscribers/${encodeURIComponent(id)}`,
        heartbeatIntervalMs: String(HEARTBEAT_INTERVAL_MS),
        idleTimeoutMs: String(IDLE_TIMEOUT_MS),
      }),
    );
    this.#notifyChannels(sub, sub.channels, 'cmd.onJoin');
    return sub;
  }

  get(id: string): Subscription | undefined {
    return this.#subs.get(id);
  }

  /**
   * A heartbeat: the subscription stays alive and is sent `cmd.onHeartbeat` (MemoryServerEvents.PulseAsync).
   * As ServiceStack's heartbeat handler, it first drops the subscriptions whose heartbeats stopped.
   */
  pulse(id: string): boolean {
    const sub = this.#subs.get(id);
    if (!sub) return false;
    sub.lastPulse = this.#clock();
    for (const other of [...this.#subs.values()]) this.#alive(other);
    this.#write(sub, 'cmd.onHeartbeat', stringMap(sub.meta));
    return true;
  }

  /** Ends a subscription: its stream closes and its channels hear `cmd.onLeave`. Its meta, or undefined if unknown. */
  unregister(id: string): Record<string, string> | undefined {
    const sub = this.#subs.get(id);
    if (!sub) return undefined;
    this.#subs.delete(id);
    for (const t of sub.timers) clearTimeout(t);
    if (!sub.res.writableEnded) sub.res.end();
    this.#notifyChannels(sub, sub.channels, 'cmd.onLeave');
    return sub.meta;
  }

  /** The meta of an API's and session's subscribers, of the given channels or all (GetEventSubscribers). */
  subscribers(api: string, session: string, channels: string[]): Record<string, string>[] {
    return this.#scope(api, session)
      .filter((s) => channels.length === 0 || s.channels.some((c) => channels.includes(c)))
      .map((s) => s.meta);
  }

  /** UpdateEventSubscriber: leave then join channels; every channel it was or is in hears `cmd.onUpdate`. */
  update(id: string, subscribe: string[], unsubscribe: string[]): void {
    const sub = this.#subs.get(id);
    if (!sub) return;
    const before = sub.channels;
    const after = before.filter((c) => !unsubscribe.includes(c));
    for (const c of subscribe) if (!after.includes(c)) after.push(c);
    sub.channels = after;
    sub.meta['channels'] = after.join(',');
    const merged = [...new Set([...before, ...after])];
    this.#notifyChannels(sub, merged, 'cmd.onUpdate');
  }

  /**
   * Sends an event as ServiceStack's IServerEvents does: to a user name's subscriptions (NotifyUserName,
   * plain selector, only those in `channel` if one is given), to a channel (NotifyChannel, `channel@selector`),
   * or to every subscription (NotifyAll). Returns how many subscriptions it was written to.
   */
  publish(event: PublishRequest): number {
    const json = JSON.stringify(event.body ?? null);
    const targets = [...this.#subs.values()].filter(
      (s) =>
        (event.subscriptionId === undefined || s.id === event.subscriptionId) &&
        (event.api === undefined || s.api === event.api) &&
        s.session === event.session &&
        (event.channel === undefined || s.channels.includes(event.channel)) &&
        (event.toUserName === undefined || s.userName?.toLowerCase() === event.toUserName.toLowerCase()),
    );
    const selector =
      event.channel !== undefined && event.toUserName === undefined
        ? `${event.channel}@${event.selector}`
        : event.selector;
    let sent = 0;
    for (const sub of targets) if (this.#alive(sub)) sent += this.#write(sub, selector, json) ? 1 : 0;
    return sent;
  }

  /** Runs `fire` after `ms` unless the subscription has ended by then. */
  later(id: string, ms: number, fire: () => void): void {
    const sub = this.#subs.get(id);
    if (!sub) return;
    const timer = setTimeout(() => {
      sub.timers.splice(sub.timers.indexOf(timer), 1);
      if (this.#subs.has(id)) fire();
    }, ms);
    // A pending scenario event never keeps a process (a test run, the CLI) alive.
    timer.unref();
    sub.timers.push(timer);
  }

  /** Server shutdown: every stream is cut at once, so closing the server never waits for an EventSource. */
  closeAll(): void {
    for (const sub of this.#subs.values()) {
      for (const t of sub.timers) clearTimeout(t);
      sub.res.socket?.destroy();
    }
    this.#subs.clear();
  }

  #scope(api: string, session: string): Subscription[] {
    return [...this.#subs.values()].filter((s) => s.api === api && s.session === session);
  }

  /** A subscription whose heartbeats stopped is dropped when something is next sent to it, as ServiceStack does. */
  #alive(sub: Subscription): boolean {
    if (this.#clock() - sub.lastPulse <= IDLE_TIMEOUT_MS && !sub.res.writableEnded) return true;
    this.unregister(sub.id);
    return false;
  }

  /** `channel@selector` with the subject's meta to every subscription of each channel, the subject included. */
  #notifyChannels(subject: Subscription, channels: string[], selector: string): void {
    const json = stringMap(subject.meta);
    for (const channel of channels)
      for (const sub of this.#scope(subject.api, subject.session))
        if (sub.channels.includes(channel)) this.#write(sub, `${channel}@${selector}`, json);
  }

  #write(sub: Subscription, selector: string, json: string): boolean {
    if (sub.res.writableEnded || sub.res.destroyed) return false;
    sub.res.write(frame(++sub.sent, selector, json));
    return true;
  }
}
