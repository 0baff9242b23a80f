/**
 * JSONP wrapping (`?callback=`, README, Formats) with Express `res.jsonp`'s safeguards: a
 * restricted callback name, the `/**\/` prefix against Rosetta-Flash-style
 * content sniffing, a `typeof` guard, and U+2028/U+2029 escaped because they
 * end a JavaScript string literal in older engines.
 */

/** Callback names Express accepts; anything else is refused rather than rewritten. */
export const JSONP_CALLBACK = /^[[\]\w$.]+$/;

/** Headers to send with a JSONP body. */
export const JSONP_HEADERS = {
  'Content-Type': 'text/javascript; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
} as const;

/**
 * Wraps JSON text for `?callback=`; null when the callback name is unsafe.
 *
 * @example wrapJsonp('cb', '{"a":1}') // "/**\/ typeof cb === 'function' && cb({\"a\":1});"
 */
export function wrapJsonp(callback: string, jsonText: string): string | null {
  if (!JSONP_CALLBACK.test(callback)) return null;
  const body = jsonText.replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
  return `/**/ typeof ${callback} === 'function' && ${callback}(${body});`;
}
