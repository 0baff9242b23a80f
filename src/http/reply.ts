/**
 * Handlers never write responses. They leave a Reply in `res.locals.reply`
 * (or throw a MockError) and call next(); the single responder (respond.ts)
 * serialises it in the negotiated format, adds cookies and headers, and sends.
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
  /** DTO type name: selects the schema (XML root, JSV/XML member types). */
  typeName: string;
  headers?: Record<string, string>;
  cookies?: ReplyCookie[];
}

export const REPLY_LOCAL = 'reply';
