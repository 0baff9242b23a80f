/**
 * Request body → a plain object, by the format ServiceStack would read it in:
 * predefined routes use the route's format whatever the Content-Type says (the
 * JS client may send none), user routes use the Content-Type; forms are fields.
 */
import { errors } from '../errors.js';
import { CodecError } from '../formats/codec.js';
import { CODECS, codecForMediaType } from '../formats/index.js';
import { isPlainObject } from '../formats/schema-walk.js';
import type { ApiSchemas } from '../schema/registry.js';
import type { WireFormat } from './route-table.js';

export interface ParsedBody {
  body?: Record<string, unknown>;
  form?: Record<string, string>;
}

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** Text fields of a multipart body (files are not DTO members). */
const multipartFields = (text: string, contentType: string): Record<string, string> => {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw errors.serialization('multipart/form-data body without a boundary');
  const fields: Record<string, string> = {};
  for (const part of text.split(`--${boundary}`)) {
    const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (!name || /filename=/i.test(head)) continue;
    fields[name] = rest.join('\n\n').replace(/\r?\n$/, '');
  }
  return fields;
};

export const readBody = (
  raw: Buffer | undefined,
  contentType: string | undefined,
  routeFormat: WireFormat | undefined,
  api: ApiSchemas,
  requestType: string,
): ParsedBody => {
  if (!raw || raw.length === 0) return {};
  const type = mediaType(contentType);
  const text = raw.toString('utf8');
  if (type === FORM) return { form: Object.fromEntries(new URLSearchParams(text)) };
  if (type === MULTIPART) return { form: multipartFields(text, contentType ?? '') };
  const codec = routeFormat ? CODECS[routeFormat] : codecForMediaType(type);
  if (!codec) throw errors.unsupportedMediaType(type || '(none)');
  if (text.trim() === '') return {};
  try {
    const value = codec.parse(text, {
      schema: api.schemas.get(requestType),
      resolve: api.resolve,
      typeName: requestType,
      xmlNamespace: api.manifest.xmlNamespaces[requestType],
    });
    if (value === undefined || value === null) return {};
    if (!isPlainObject(value))
      throw new CodecError(`expected a ${requestType} object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
    return { body: value };
  } catch (err) {
    if (err instanceof CodecError) {
      throw errors.serialization(
        `Could not deserialize '${codec.contentType.split(';')[0]}' request using ${requestType}: ${err.message}`,
      );
    }
    throw err;
  }
};
