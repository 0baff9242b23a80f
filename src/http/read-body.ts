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
  /** A body read as it is, not bound to the DTO: what the journal says of it (its size, never its bytes). */
  unbound?: string;
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

const TEXT = 'text/plain';

/** A request DTO that reads the body itself (`IRequiresRequestStream`): ServiceStack never deserialises it. */
const readsRequestStream = (api: ApiSchemas, requestType: string): boolean => {
  const implemented: unknown = api.schemas.get(requestType)?.['x-implements'];
  return Array.isArray(implemented) && implemented.includes('IRequiresRequestStream');
};

const unbound = (raw: Buffer, type: string): ParsedBody => ({
  unbound: `raw body of ${raw.length} byte(s)${type ? ` (${type})` : ''}, not bound to the request DTO`,
});

export const readBody = (
  raw: Buffer | undefined,
  contentType: string | undefined,
  routeFormat: WireFormat | undefined,
  api: ApiSchemas,
  requestType: string,
): ParsedBody => {
  if (!raw || raw.length === 0) return {};
  const type = mediaType(contentType);
  // ServiceStack's ServiceController gives an IRequiresRequestStream DTO the route's and query's values and the
  // body as a stream, whatever its Content-Type (RequestTypeFactoryMap).
  if (readsRequestStream(api, requestType)) return unbound(raw, type);
  const text = raw.toString('utf8');
  // On a user route no deserialiser is registered for text/plain, so a string body binds nothing
  // (ServiceStackHandlerBase's CreateContentTypeRequestAsync answers an empty DTO). A predefined route reads its own
  // format whatever the Content-Type (JsonApiClient sends JSON as text/plain), so there the text must be a DTO.
  if (type === TEXT && !routeFormat) return unbound(raw, type);
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
