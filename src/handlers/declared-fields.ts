/**
 * A built-in operation (Authenticate, GetAccessToken) answers with ServiceStack's DTO, but an API whose DTO files
 * define their own `AuthenticateResponse` promises its clients that type: the answer keeps only the members that
 * type declares, under its spelling (a PascalCase API's `UserId`), so the self-check and the client see the API's
 * own contract.
 */
import { isPlainObject } from '../formats/schema-walk.js';
import type { Reply } from '../http/reply.js';
import type { ApiSchemas } from '../schema/registry.js';

export const onlyDeclaredFields = (api: ApiSchemas | null, reply: Reply): Reply => {
  const schema = api?.schemas.get(reply.typeName);
  if (!schema?.properties || schema.additionalProperties !== false || !isPlainObject(reply.body)) return reply;
  const declared = new Map(Object.keys(schema.properties).map((name) => [name.toLowerCase(), name]));
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(reply.body)) {
    const name = declared.get(key.toLowerCase());
    if (name !== undefined) body[name] = value;
  }
  return { ...reply, body };
};
