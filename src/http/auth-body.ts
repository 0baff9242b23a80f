/**
 * The auth endpoints read their DTO (`Authenticate`, `GetAccessToken`) from
 * JSON, JSV, XML or form bodies like any operation; they have no derived
 * schema, so the body is read schemaless into `req.body`.
 */
import type { NextFunction, Request, Response } from 'express';
import { errors } from '../errors.js';
import { CodecError } from '../formats/codec.js';
import { CODECS, codecForMediaType } from '../formats/index.js';

/** The auth endpoints' paths under an API base; nothing else goes through the auth router. */
export const AUTH_PATH =
  /^\/(auth(\/|$)|access-token$|(api|json\/reply|jsv\/reply|xml\/reply)\/(Authenticate|GetAccessToken)(\.(json|jsv|xml))?$)/i;

export const parseAuthBody = (req: Request, _res: Response, next: NextFunction): void => {
  if (!AUTH_PATH.test(req.path)) return next();
  const raw = req.body as Buffer | undefined;
  req.body = undefined;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return next();
  const text = raw.toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    req.body = Object.fromEntries(new URLSearchParams(text));
    return next();
  }
  const prefix = /^\/(json|jsv|xml)\//i.exec(req.path)?.[1]?.toLowerCase() as 'json' | 'jsv' | 'xml' | undefined;
  const codec = prefix
    ? CODECS[prefix]
    : /^\/api\//i.test(req.path)
      ? CODECS.json
      : (codecForMediaType(type) ?? CODECS.json);
  try {
    req.body = codec.parse(text, { resolve: () => undefined, typeName: 'Authenticate' });
  } catch (err) {
    if (err instanceof CodecError)
      return next(errors.serialization(`Could not deserialize the Authenticate request: ${err.message}`));
    return next(err);
  }
  next();
};
