/**
 * The slice of OpenAPI 3.1 that `buildOpenApi` writes. Schemas are JSON Schema 2020-12 (OpenAPI 3.1's
 * default dialect), so our DTO schemas go in nearly as they are.
 */
import type { JsonSchema } from '../schema/json-schema.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ParameterObject {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

/** A DTO schema, or a choice of them (an answer that is one resource or a list of them). */
export type OpenApiSchema = JsonSchema | { anyOf: JsonSchema[] };

export interface MediaTypeObject {
  schema: OpenApiSchema;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId: string;
  summary?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  security?: SecurityRequirement[];
  'x-roles'?: string[];
  'x-any-roles'?: string[];
  'x-permissions'?: string[];
  'x-any-permissions'?: string[];
  /** The ServiceStack request DTO behind the operation (operationIds get verb suffixes; this does not). */
  'x-request-type'?: string;
}

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

export type SecuritySchemeObject =
  | { type: 'http'; scheme: 'bearer' | 'basic'; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; description?: string };

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
  };
  tags?: { name: string }[];
}
