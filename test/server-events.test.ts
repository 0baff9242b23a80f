/**
 * Server Events through the real `ServerEventsClient` of `@servicestack/client` under Node (README,
 * "Server Events"): subscribe → onConnect → published events reach handlers, receivers and triggers by
 * channel and user → heartbeat → channel updates → unregister; join and leave between subscribers;
 * publishing mistakes; shutdown with open streams. Node 20 has no EventSource: the `eventsource`
 * package stands in for the browser's, as the client's docs ask.
 *
 * Every wait is bounded: a message that does not arrive within WAIT_MS fails the test.
 */
import { ServerEventsClient } from '@servicestack/client';
import { EventSource } from 'eventsource';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { MockServer } from '../src/index.js';
import { startTestServer } from './helpers.js';

(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

const WAIT_MS = 5000;
const BASIC_MANAGER = `Basic ${Buffer.from('manager:p@ssw0rd').toString('base64')}`;

interface Message {
  selector: string;
  channel: string | null;
  body: unknown;
}

interface ConnectInfo {
  id: string;
  userId: string;
  displayName: string;
  isAuthenticated: string;
  channels: string;
  heartbeatUrl: string;
  unRegisterUrl: string;
  updateSubscriberUrl: string;
  heartbeatIntervalMs: number;
  idleTimeoutMs: number;
  profileUrl: string;
  createdAt: string;
}

/** The client's EventSource with request headers (a session, credentials), which a browser's cannot send. */
const eventSourceWith = (headers: Record<string, string>) =>
  class extends EventSource {
    constructor(url: string | URL, init?: { withCredentials?: boolean }) {
      super(url, {
        ...init,
        fetch: (input, options) => fetch(input, { ...options, headers: { ...options?.headers, ...headers } }),
      });
    }
  };

/** A started ServerEventsClient that logs what it receives and can await a message, boundedly. */
class Subscriber {
  readonly messages: Message[] = [];
  readonly client: ServerEventsClient;
  readonly shipped: unknown[] = [];
  readonly watched: unknown[] = [];
  readonly triggered: unknown[] = [];
  #waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  constructor(baseUrl: string, channels: string[], headers: Record<string, string> = {}) {
    const record = (msg: { selector: string; channel: string | null; body: unknown }) => {
      const m = { selector: msg.selector, channel: msg.channel, body: msg.body };
      this.messages.push(m);
      this.#waiters = this.#waiters.filter((w) => !(w.test(m) && (w.resolve(m), true)));
    };
    // onJoin, onLeave and onUpdate get the message merged with its body (the subscriber's meta).
    const membership = (merged: Message & Record<string, unknown>) =>
      record({ selector: merged.selector, channel: merged.channel, body: merged });
    this.client = new ServerEventsClient(baseUrl, channels, {
      handlers: {
        onConnect: (connect: Record<string, unknown>, req: Message) => record({ ...req, body: connect }),
        onJoin: membership,
        onLeave: membership,
        onUpdate: membership,
        onHeartbeat: (body: unknown, req: Message) => record({ ...req, body }),
        onMessage: (merged: Message) => record(merged),
        orderShipped: (body: unknown) => this.shipped.push(body),
      },
      receivers: { tv: { watch: (body: unknown) => this.watched.push(body) } },
    });
    this.client.addListener('refresh', (msg: { body: unknown }) => this.triggered.push(msg.body));
    this.client.EventSource = eventSourceWith(headers) as unknown as ServerEventsClient['EventSource'];
    // Its service calls (subscribers, channel updates) go in the same session.
    for (const [name, value] of Object.entries(headers)) this.client.serviceClient.headers.set(name, value);
    this.client.start();
  }

  /** The first message (already received or coming) that passes `test`; rejects after WAIT_MS. */
  next(what: string, test: (m: Message) => boolean): Promise<Message> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms`)), WAIT_MS);
      this.#waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  async connected(): Promise<ConnectInfo> {
    return (await this.next('onConnect', (m) => m.selector === 'cmd.onConnect')).body as ConnectInfo;
  }

  /** Messages of a selector, for assertions that something did NOT arrive before a later marker. */
  of(selector: string): Message[] {
    return this.messages.filter((m) => m.selector === selector);
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}

let mock: MockServer;
let base: string;
const open: Subscriber[] = [];
const subscribe = (channels: string[], headers: Record<string, string> = {}): Subscriber => {
  const s = new Subscriber(base, channels, headers);
  open.push(s);
  return s;
};

beforeAll(async () => {
  mock = await startTestServer({ api: 'billiecart' });
  base = mock.apis[0]!.url;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
});
afterAll(() => mock.close());

describe('subscribing', () => {
  it('sends cmd.onConnect with the subscription, then its own join to each channel', async () => {
    const sub = subscribe(['home', 'news'], { 'X-Ssmock-Session': 'connect' });
    const info = await sub.connected();
    expect(info).toMatchObject({
      isAuthenticated: 'false',
      channels: 'home,news',
      heartbeatUrl: `${base}/event-heartbeat?id=${info.id}`,
      unRegisterUrl: `${base}/event-unregister?id=${info.id}`,
      updateSubscriberUrl: `${base}/event-subscribers/${info.id}`,
      heartbeatIntervalMs: 10000,
      idleTimeoutMs: 30000,
    });
    expect(info.userId).toMatch(/^-\d+$/);
    expect(info.displayName).toBe(`user${info.userId.slice(1)}`);
    expect(sub.client.getSubscriptionId()).toBe(info.id);
    const joins = await Promise.all(
      ['home', 'news'].map((channel) =>
        sub.next(`onJoin of ${channel}`, (m) => m.selector === 'cmd.onJoin' && m.channel === channel),
      ),
    );
    for (const join of joins) expect(join.body).toMatchObject({ userId: info.userId, channels: 'home,news' });
  });

  it('carries the signed-in user when the stream request has credentials', async () => {
    const sub = subscribe(['home'], { 'X-Ssmock-Session': 'identity', Authorization: BASIC_MANAGER });
    expect(await sub.connected()).toMatchObject({
      userId: '1',
      displayName: 'Morgan Manager',
      isAuthenticated: 'true',
    });
  });

  it('answers 400 ArgumentException for a channel with @', async () => {
    const res = await request(base).get('/event-stream?channels=a@b');
    expect(res.status).toBe(400);
    expect(res.body.responseStatus).toMatchObject({ errorCode: 'ArgumentException' });
  });
});

describe('publishing', () => {
  const session = { 'X-Ssmock-Session': 'publishing' };

  it('reaches handlers, receivers and triggers of the channel, with channel@selector', async () => {
    const sub = subscribe(['home', 'news'], session);
    await sub.connected();
    expect(mock.publish({ channel: 'home', selector: 'cmd.orderShipped', body: { orderId: 7 } }, 'publishing')).toBe(1);
    const shipped = await sub.next('cmd.orderShipped', (m) => m.selector === 'cmd.orderShipped');
    expect(shipped).toEqual({ selector: 'cmd.orderShipped', channel: 'home', body: { orderId: 7 } });
    expect(sub.shipped).toEqual([{ orderId: 7 }]);

    mock.publish({ channel: 'news', selector: 'tv.watch', body: 'https://example.com/clip' }, 'publishing');
    await sub.next('tv.watch', (m) => m.selector === 'tv.watch');
    expect(sub.watched).toEqual(['https://example.com/clip']);

    mock.publish({ selector: 'trigger.refresh', body: { page: 2 } }, 'publishing');
    const trigger = await sub.next('trigger.refresh', (m) => m.selector === 'trigger.refresh');
    expect(trigger.channel).toBeNull();
    expect(sub.triggered).toEqual([{ page: 2 }]);
  });

  it('reaches only subscribers of the channel, and only of the publishing session', async () => {
    const home = subscribe(['home'], session);
    const other = subscribe(['other'], session);
    const elsewhere = subscribe(['home'], { 'X-Ssmock-Session': 'elsewhere' });
    await Promise.all([home.connected(), other.connected(), elsewhere.connected()]);
    const res = await request(mock.url)
      .post('/__ssmock/events')
      .set(session)
      .send({ channel: 'home', selector: 'cmd.notice', body: { text: 'hi' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ delivered: 1, session: 'publishing' });
    await home.next('cmd.notice', (m) => m.selector === 'cmd.notice');
    // A broadcast after it: once it arrives, the channel's message would have arrived before it.
    mock.publish({ selector: 'cmd.marker' }, 'publishing');
    await other.next('cmd.marker', (m) => m.selector === 'cmd.marker');
    expect(other.of('cmd.notice')).toEqual([]);
    mock.publish({ selector: 'cmd.marker' }, 'elsewhere');
    await elsewhere.next('cmd.marker', (m) => m.selector === 'cmd.marker');
    expect(elsewhere.of('cmd.notice')).toEqual([]);
  });

  it('reaches only the named user with toUserName (plain selector, as NotifyUserName sends it)', async () => {
    const manager = subscribe(['home'], { ...session, Authorization: BASIC_MANAGER });
    const anonymous = subscribe(['home'], session);
    await Promise.all([manager.connected(), anonymous.connected()]);
    mock.publish({ toUserName: 'Manager', selector: 'cmd.personal', body: { n: 1 } }, 'publishing');
    const personal = await manager.next('cmd.personal', (m) => m.selector === 'cmd.personal');
    expect(personal.channel).toBeNull();
    mock.publish({ channel: 'home', selector: 'cmd.marker' }, 'publishing');
    await anonymous.next('cmd.marker', (m) => m.selector === 'cmd.marker');
    expect(anonymous.of('cmd.personal')).toEqual([]);
  });

  it('journals each publish as event:<selector>', async () => {
    mock.publish({ channel: 'home', selector: 'cmd.audited', body: { ok: true } }, 'journal');
    const entry = mock.requests('journal').find((e) => e.operation === 'event:cmd.audited');
    expect(entry).toMatchObject({
      method: 'EVENT',
      path: 'home@cmd.audited',
      request: { channel: 'home', selector: 'cmd.audited', body: { ok: true }, delivered: 0 },
    });
  });

  it.each([
    [{ selector: 'noDot' }, 'selector'],
    [{ selector: 'cmd.has space' }, 'selector'],
    [{ selector: 'cmd.x', channel: 'a,b' }, 'channel'],
    [{ selector: 'cmd.x', toUserName: '' }, 'toUserName'],
    [{ selector: 'cmd.x', api: 'nope' }, 'api'],
  ])('answers 400 BadRequest for %j', async (event, field) => {
    const res = await request(mock.url).post('/__ssmock/events').send(event);
    expect(res.status).toBe(400);
    expect(res.body.responseStatus).toMatchObject({ errorCode: 'BadRequest', errors: [{ fieldName: field }] });
    expect(() => mock.publish(event as { selector: string })).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('heartbeat, channel updates, unregister', () => {
  const session = { 'X-Ssmock-Session': 'lifecycle' };

  it('a heartbeat answers 200 and sends cmd.onHeartbeat; an unknown id is 404', async () => {
    const sub = subscribe(['home'], session);
    const info = await sub.connected();
    const res = await fetch(info.heartbeatUrl, { method: 'POST' });
    expect(res.status).toBe(200);
    const beat = await sub.next('onHeartbeat', (m) => m.selector === 'cmd.onHeartbeat');
    expect(beat.body).toMatchObject({ userId: info.userId });
    const gone = await request(base).post('/event-heartbeat?id=nope');
    expect(gone.status).toBe(404);
    expect(gone.body.responseStatus).toMatchObject({
      errorCode: 'NotFound',
      message: "Subscription 'nope' does not exist",
    });
  });

  it('two subscribers see each other join, update and leave; the subscribers list follows', async () => {
    const first = subscribe(['room'], session);
    const firstInfo = await first.connected();
    const second = subscribe(['room'], session);
    const secondInfo = await second.connected();
    await first.next(
      'onJoin of the second',
      (m) => m.selector === 'cmd.onJoin' && (m.body as ConnectInfo).userId === secondInfo.userId,
    );

    const listed = (await first.client.getChannelSubscribers()).map((u) => u.userId).sort();
    expect(listed).toEqual([firstInfo.userId, secondInfo.userId].sort());

    await second.client.subscribeToChannels('lobby');
    const update = await first.next('onUpdate', (m) => m.selector === 'cmd.onUpdate');
    expect(update.body).toMatchObject({ userId: secondInfo.userId, channels: 'room,lobby' });

    await second.stop();
    const leave = await first.next('onLeave', (m) => m.selector === 'cmd.onLeave');
    expect(leave.body).toMatchObject({ userId: secondInfo.userId });
    const after = await request(base).get('/event-subscribers?channels=room').set(session);
    expect(after.body.map((m: { userId: string }) => m.userId)).toEqual([firstInfo.userId]);
  });

  it('unregister answers the subscription meta; a second time is 404', async () => {
    const sub = subscribe(['home'], session);
    const info = await sub.connected();
    const res = await request(base).post(`/event-unregister?id=${info.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: info.userId, channels: 'home' });
    const again = await request(base).post(`/event-unregister?id=${info.id}`);
    expect(again.status).toBe(404);
  });
});

describe('scenario events', () => {
  it('are sent to each subscription of the session, afterMs after it connects, and journalled', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-events-'));
    const file = path.join(dir, 'shipping.json');
    writeFileSync(
      file,
      JSON.stringify({
        events: [
          { afterMs: 0, channel: 'orders', selector: 'cmd.orderShipped', body: { orderId: 9 } },
          { afterMs: 0, channel: 'elsewhere', selector: 'cmd.notMine' },
          { afterMs: 50, selector: 'cmd.later' },
        ],
      }),
    );
    try {
      await mock.useScenario(file, 'timed');
      const sub = subscribe(['orders'], { 'X-Ssmock-Session': 'timed' });
      await sub.connected();
      const shipped = await sub.next('cmd.orderShipped', (m) => m.selector === 'cmd.orderShipped');
      expect(shipped).toEqual({ selector: 'cmd.orderShipped', channel: 'orders', body: { orderId: 9 } });
      await sub.next('cmd.later', (m) => m.selector === 'cmd.later');
      expect(sub.of('cmd.notMine')).toEqual([]);
      const journalled = mock
        .requests('timed')
        .map((e) => e.operation)
        .filter((o) => o?.startsWith('event:'));
      expect(journalled.sort()).toEqual(['event:cmd.later', 'event:cmd.notMine', 'event:cmd.orderShipped']);
      const delivered = mock.requests('timed').find((e) => e.operation === 'event:cmd.notMine')?.request;
      expect(delivered).toMatchObject({ delivered: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad selector in a scenario file is a mistake named with its path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-events-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ events: [{ afterMs: 0, selector: 'noDot' }] }));
    try {
      await expect(mock.useScenario(file, 'bad-events')).rejects.toThrow(/events\[0\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('shutdown', () => {
  it('closes with an open subscription without waiting for it', async () => {
    const own = await startTestServer({ api: 'billiecart' });
    const sub = new Subscriber(own.apis[0]!.url, ['home']);
    await sub.connected();
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`close() still waiting after ${WAIT_MS} ms`)), WAIT_MS);
    });
    try {
      await Promise.race([own.close(), hung]);
    } finally {
      clearTimeout(timer);
      await sub.stop();
    }
  });
});
