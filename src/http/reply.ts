/**
 * What a step of the lifecycle hands the responder: handlers never write responses, they return a
 * Reply (or throw a MockError); the single responder (respond.ts) writes it in the call's format.
 */
export interface ReplyCookie {
  name: string;
  value: string;
  /** Seconds; omitted = session cookie. A value of 0 deletes the cookie. */
  maxAge?: number;
  httpOnly?: boolean;
}

export interface Reply {
  status: number;
  /** Response DTO as a plain JSON-shaped value (camelCase); undefined for 204. */
  body?: unknown;
  /** DTO type name: selects the schema (XML root, JSV/XML member types, the self-check). */
  typeName: string;
  /**
   * A body already serialised in a fixed media type (the OpenAPI document, a proxied backend's bytes): sent as is,
   * whatever was negotiated.
   */
  text?: { contentType: string; body: string | Buffer };
  headers?: Record<string, string>;
  cookies?: ReplyCookie[];
  /** Only the fields the caller asked for (AutoQuery's `Fields`): the self-check does not require the others. */
  partial?: boolean;
}
