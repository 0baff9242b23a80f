/**
 * The text of Server Events as ServiceStack's ServerEventsFeature writes them (README, "Server Events"):
 * one frame per message, `id: <n>` then `data: <selector> <json>`; selectors are `op.target`
 * (`cmd.onConnect`, `css.background$#top`, `trigger.customEvent`), prefixed `channel@` when a
 * message went to a channel. Pure functions, so the rules are tested in a table.
 */

/** `op.target`: the client splits on the first `.`; a space would end the selector, `@` would start one. */
const SELECTOR = /^[^\s@.]+\.[^\s@]+$/;
/** A channel is a name in a comma-separated list and goes before `@`: neither may appear in it. */
const CHANNEL = /^[^\s@,]+$/;

export const isSelector = (s: unknown): s is string => typeof s === 'string' && SELECTOR.test(s);
export const isChannel = (s: unknown): s is string => typeof s === 'string' && CHANNEL.test(s);

/** ServiceStack's channel of a subscription that named none (EventSubscription.UnknownChannel). */
export const UNKNOWN_CHANNEL = '*';

/** `?channel=a,b` and `?channels=c` (both read by ServerEventsHandler); none at all is `*`. */
export const channelsOf = (query: Record<string, unknown>): string[] => {
  const names = ['channel', 'channels'].flatMap((key) => {
    const value = query[key];
    const list = Array.isArray(value) ? value : [value];
    return list.filter((v): v is string => typeof v === 'string' && v !== '').flatMap((v) => v.split(','));
  });
  return names.length ? names : [UNKNOWN_CHANNEL];
};

/** One SSE frame (EventSubscription.CreateFrame). JSON never holds a raw newline, so one `data:` line suffices. */
export const frame = (id: number, selector: string, json: string): string => `id: ${id}\ndata: ${selector} ${json}\n\n`;

/** ServiceStack writes the subscription's meta and connect args as a JSON object of strings (SerializeDictionary). */
export const stringMap = (map: Record<string, string | undefined>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined)));
