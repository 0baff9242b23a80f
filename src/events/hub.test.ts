/**
 * The hub's routing and lifetimes, on fake responses and a fake clock: who receives a publish (all,
 * channel, user, API, session), join/update/leave notices, and expiry after missed heartbeats.
 */
import type { ServerResponse } from 'node:http';
import { EventHub, IDLE_TIMEOUT_MS, type EventUser, type PublishRequest } from './hub.js';

/** A response that keeps what was written, as `data:` lines. */
const fakeResponse = () => {
  const data: string[] = [];
  let onClose: (() => void) | undefined;
  const res = {
    writableEnded: false,
    destroyed: false,
    write: (text: string) => data.push(...text.split('\n').filter((l) => l.startsWith('data: '))),
    end: () => {
      res.writableEnded = true;
      onClose?.();
    },
    once: (_: string, fn: () => void) => (onClose = fn),
    socket: { destroy: () => (res.destroyed = true) },
  };
  return { res, data: () => data.map((l) => l.slice('data: '.length)) };
};

const MANAGER: EventUser = { userId: '1', userName: 'manager', displayName: 'Morgan Manager' };

const setup = () => {
  let now = 1_000_000;
  const hub = new EventHub(() => now);
  const open = (channels: string[], options: { user?: EventUser; api?: string; session?: string } = {}) => {
    const { res, data } = fakeResponse();
    const sub = hub.subscribe({
      api: options.api ?? 'shop',
      baseUrl: 'http://localhost:1/shop',
      session: options.session ?? 'default',
      channels,
      user: options.user ?? null,
      res: res as unknown as ServerResponse,
    });
    return { sub, res, data, selectors: () => data().map((d) => d.slice(0, d.indexOf(' '))) };
  };
  return { hub, open, tick: (ms: number) => (now += ms) };
};

describe('publish reaches', () => {
  const cases: [string, Omit<PublishRequest, 'session'>, string[]][] = [
    ['every subscription with the plain selector', { selector: 'cmd.x' }, ['a:cmd.x', 'b:cmd.x', 'm:cmd.x']],
    ['a channel with channel@selector', { selector: 'cmd.x', channel: 'home' }, ['a:home@cmd.x', 'm:home@cmd.x']],
    ['a user with the plain selector', { selector: 'cmd.x', toUserName: 'MANAGER' }, ['m:cmd.x']],
    ['a user only in the channel', { selector: 'cmd.x', toUserName: 'manager', channel: 'news' }, []],
    ['one API', { selector: 'cmd.x', api: 'other' }, []],
  ];
  it.each(cases)('%s', (_, event, expected) => {
    const { hub, open } = setup();
    const subs = { a: open(['home']), b: open(['news']), m: open(['home'], { user: MANAGER }) };
    open(['home'], { session: 'elsewhere' });
    hub.publish({ ...event, session: 'default' });
    const got = Object.entries(subs).flatMap(([name, s]) =>
      s
        .selectors()
        .filter((sel) => !sel.includes('cmd.on'))
        .map((sel) => `${name}:${sel}`),
    );
    expect(got).toEqual(expected);
  });
});

it('sends onConnect then a join per channel; others of the channel hear the join', () => {
  const { open } = setup();
  const first = open(['home']);
  const second = open(['home', 'news'], { user: MANAGER });
  expect(second.selectors()).toEqual(['cmd.onConnect', 'home@cmd.onJoin', 'news@cmd.onJoin']);
  expect(first.selectors()).toEqual(['cmd.onConnect', 'home@cmd.onJoin', 'home@cmd.onJoin']);
  expect(JSON.parse(first.data()[2]!.split(' ').slice(1).join(' '))).toMatchObject({
    userId: '1',
    displayName: 'Morgan Manager',
    isAuthenticated: 'true',
    channels: 'home,news',
  });
});

it('numbers anonymous subscribers -1, -2 and names them user1, user2', () => {
  const { open } = setup();
  expect([open(['a']).sub.meta, open(['a']).sub.meta]).toMatchObject([
    { userId: '-1', displayName: 'user1', isAuthenticated: 'false' },
    { userId: '-2', displayName: 'user2' },
  ]);
});

it('a channel update tells every channel it was or is in, and the meta follows', () => {
  const { hub, open } = setup();
  const home = open(['home']);
  const news = open(['news']);
  const mover = open(['home']);
  hub.update(mover.sub.id, ['news'], ['home']);
  expect(mover.sub.meta['channels']).toBe('news');
  expect(home.selectors().at(-1)).toBe('home@cmd.onUpdate');
  expect(news.selectors().at(-1)).toBe('news@cmd.onUpdate');
  expect(hub.subscribers('shop', 'default', ['home'])).toEqual([home.sub.meta]);
});

it('unregister ends the stream and tells the channel', () => {
  const { hub, open } = setup();
  const stays = open(['home']);
  const leaves = open(['home']);
  expect(hub.unregister(leaves.sub.id)).toBe(leaves.sub.meta);
  expect(leaves.res.writableEnded).toBe(true);
  expect(stays.selectors().at(-1)).toBe('home@cmd.onLeave');
  expect(hub.unregister(leaves.sub.id)).toBeUndefined();
});

it('drops a subscription whose heartbeats stopped at the next send, and keeps one that beats', () => {
  const { hub, open, tick } = setup();
  const quiet = open(['home']);
  const beating = open(['home']);
  tick(IDLE_TIMEOUT_MS / 2);
  hub.pulse(beating.sub.id);
  tick(IDLE_TIMEOUT_MS / 2 + 1);
  expect(hub.publish({ selector: 'cmd.x', session: 'default' })).toBe(1);
  expect(quiet.res.writableEnded).toBe(true);
  expect(hub.get(quiet.sub.id)).toBeUndefined();
  expect(beating.selectors().slice(-2)).toEqual(['home@cmd.onLeave', 'cmd.x']);
});

it('closeAll cuts every stream and forgets it', () => {
  const { hub, open } = setup();
  const one = open(['home']);
  hub.closeAll();
  expect(one.res.destroyed).toBe(true);
  expect(hub.size).toBe(0);
});
