/** The subset of JSON Schema 2020-12 that derive writes and the runtime reads. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  format?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  /** The .NET type it came from (`decimal`, `long`, `TimeSpan`, …). */
  'x-dotnet-type'?: string;
  /** The DTO's base class, kept for documentation. */
  'x-inherits'?: string;
  [key: `x-${string}`]: unknown;
}
