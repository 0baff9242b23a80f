/**
 * One interface for every wire format, so negotiation and the responder never
 * branch on the format. A codec gets the DTO's JSON Schema (with a resolver for
 * `$ref`s) because JSV and XML need types to read scalars and to order members.
 */
import type { JsonSchema } from '../schema/json-schema.js';

export interface CodecContext {
  /** The schema of the value being read or written (may be undefined: schemaless). */
  schema?: JsonSchema | undefined;
  /** Resolves a `$ref` (e.g. `Customer.json`) to its schema within the same API. */
  resolve: (ref: string) => JsonSchema | undefined;
  /** DTO type name: the XML root element. */
  typeName: string;
  /** XML default namespace of the root type (`http://schemas.datacontract.org/2004/07/…`). */
  xmlNamespace?: string | undefined;
}

export interface Codec {
  name: 'json' | 'jsv' | 'xml' | 'csv' | 'jsonl';
  /** The Content-Type this codec writes. */
  contentType: string;
  /** Content-Types (without parameters, lower-case) this codec reads. */
  mediaTypes: readonly string[];
  /** Text → plain JSON-shaped value with camelCase keys. Throws CodecError on malformed text. */
  parse(text: string, ctx: CodecContext): unknown;
  /** Plain JSON-shaped value → text. */
  write(value: unknown, ctx: CodecContext): string;
}

export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}
