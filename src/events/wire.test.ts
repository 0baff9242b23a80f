/**
 * The Server Events text rules (wire.ts): which selectors and channels are accepted, how `?channel(s)=`
 * is read, and that every frame reads back the way `ServerEventsClient` splits it.
 */
import fc from 'fast-check';
import { channelsOf, frame, isChannel, isSelector, stringMap } from './wire.js';

describe('isSelector', () => {
  it.each([
    ['cmd.onConnect', true],
    ['cmd.orderShipped', true],
    ['css.background$#top', true],
    ['trigger.customEvent', true],
    ['tv.watch', true],
    ['cmd.a.b', true],
    ['cmd', false],
    ['.cmd', false],
    ['cmd.', false],
    ['cmd.has space', false],
    ['home@cmd.x', false],
    ['', false],
    [42, false],
  ])('%j → %s', (selector, ok) => expect(isSelector(selector)).toBe(ok));
});

describe('isChannel', () => {
  it.each([
    ['home', true],
    ['orders-42', true],
    ['a,b', false],
    ['a@b', false],
    ['a b', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (channel, ok) => expect(isChannel(channel)).toBe(ok));
});

describe('channelsOf', () => {
  it.each([
    [{}, ['*']],
    [{ channels: '' }, ['*']],
    [{ channels: 'a,b' }, ['a', 'b']],
    [{ channel: 'a', channels: 'b,c' }, ['a', 'b', 'c']],
    [{ channels: ['a', 'b'] }, ['a', 'b']],
  ])('%j → %j', (query, channels) => expect(channelsOf(query)).toEqual(channels));
});

it('writes a string map without its undefined members', () => {
  expect(stringMap({ a: '1', b: undefined, c: 'x"y' })).toBe('{"a":"1","c":"x\\"y"}');
});

/** What ServerEventsClient does with a `data:` line: split on the first space, then on the first `@`. */
const readData = (data: string) => {
  const space = data.indexOf(' ');
  const [head, json] = [data.slice(0, space), data.slice(space + 1)];
  const at = head.indexOf('@');
  return at < 0
    ? { channel: null, selector: head, body: JSON.parse(json) as unknown }
    : { channel: head.slice(0, at), selector: head.slice(at + 1), body: JSON.parse(json) as unknown };
};

const word = fc.stringMatching(/^[A-Za-z0-9_$#-]{1,12}$/);

it('every frame is one id line and one data line that reads back as sent', () => {
  fc.assert(
    fc.property(
      fc.nat(),
      fc.tuple(word, word).map(([op, target]) => `${op}.${target}`),
      fc.option(word, { nil: null }),
      fc.jsonValue(),
      (id, selector, channel, body) => {
        const text = frame(id, channel ? `${channel}@${selector}` : selector, JSON.stringify(body));
        const lines = text.split('\n');
        expect(lines).toHaveLength(4);
        expect(lines[0]).toBe(`id: ${id}`);
        expect(text.endsWith('\n\n')).toBe(true);
        expect(readData(lines[1]!.slice('data: '.length))).toEqual({
          channel,
          selector,
          body: JSON.parse(JSON.stringify(body)) as unknown,
        });
      },
    ),
  );
});
