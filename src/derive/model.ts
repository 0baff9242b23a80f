/**
 * The intermediate representation every DTO-language parser produces and the
 * schema writer consumes. Names are kept as the C# server declares them
 * (PascalCase); the wire casing is applied only when schemas are written.
 */
import type { AuthRequirement, ParamLocation, Route } from '../schema/manifest.js';
import type { ValidatorRule } from '../schema/validator-rules.js';

/** ServiceStack's built-in scalar types, as .NET names them (lower-cased). */
export const PRIMITIVES = [
  'string',
  'char',
  'bool',
  'byte',
  'sbyte',
  'short',
  'ushort',
  'int',
  'uint',
  'long',
  'ulong',
  'float',
  'double',
  'decimal',
  'datetime',
  'datetimeoffset',
  'dateonly',
  'timeonly',
  'timespan',
  'guid',
  'bytes',
  'object',
] as const;
export type Primitive = (typeof PRIMITIVES)[number];

export type TypeRef =
  /** `nullable` only inside generic arguments and arrays (`List<int?>`, `int?[]`): the items may be null. */
  | { kind: 'primitive'; name: Primitive; nullable?: true }
  | { kind: 'list'; of: TypeRef }
  | { kind: 'map'; key: TypeRef; value: TypeRef }
  /** A DTO, enum or generic parameter, possibly with generic arguments (`QueryResponse<Order>`). */
  | { kind: 'named'; name: string; args?: TypeRef[] };

export interface Property {
  /** C# property name, PascalCase (`AddressLine1`), whatever the source language wrote. */
  name: string;
  type: TypeRef;
  /** `Optional[...]`, `String?`, `int?`, `?:` — may be absent on the wire. */
  nullable: boolean;
  /** Only from explicit markers: `[Required]`, `IsRequired`, the parameter table, route variables. */
  required: boolean;
  description?: string;
  /** `[PrimaryKey]`/`[AutoIncrement]` (or the JSON's `isPrimaryKey`): the table's key, whatever its name. */
  primaryKey?: boolean;
  /** Where the parameter table or a route says the value travels. */
  location?: ParamLocation;
  /** Declarative validators (`[Validate("GreaterThan(0)")]`, `[ValidateNotEmpty]`), in the order ServiceStack runs them. */
  validators?: ValidatorRule[];
  /** 1-based line of the declaration in its page, for diagnostics. */
  line?: number;
  /** `[DataMember(Name="x")]`: the name on the wire, as written, in every text case (ServiceStack.Text's alias). */
  dataMemberName?: string;
  /**
   * The file that declared it in a language whose types hide the .NET one (TypeScript/JavaScript `number` for every
   * number, `string` for dates): derive may refine it from the other files of the API or from ServiceStack's
   * conventions (precision.ts).
   */
  hiddenPrecision?: string;
}

export interface TypeDef {
  name: string;
  kind: 'class' | 'enum' | 'interface';
  /** Generic parameters of a generic definition (`TResponse`). */
  genericParams?: string[];
  /** Base class, with its generic arguments. */
  inherits?: { name: string; args?: TypeRef[] };
  /** Implemented interfaces (`IReturn<T>`, `IPost`, `ITenantedRequest`, …). */
  implements?: { name: string; args?: TypeRef[] }[];
  properties: Property[];
  /** Enum member names (wire values), in declaration order. */
  enumValues?: string[];
  /**
   * The members' integer values when ServiceStack writes enums as numbers (`[Flags]` enums, `isEnumInt` in
   * MetadataTypes), in the order of `enumValues`.
   */
  enumNumbers?: number[];
  namespace?: string;
  description?: string;
  /** What a bare DTO file states about an operation: `[Route]`, `@Route`, route comments, auth validators. */
  routes?: Route[];
  auth?: Partial<AuthRequirement>;
  line?: number;
}

/** What a DTO-language parser returns. */
export interface DtoParseResult {
  types: TypeDef[];
  diagnostics: Diagnostic[];
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}

export const DTO_LANGUAGES = [
  'python',
  'kotlin',
  'csharp',
  'typescript',
  'java',
  'swift',
  'dart',
  'vbnet',
  'fsharp',
  'javascript',
  'php',
  'ruby',
  'go',
  'rust',
  'zig',
] as const;
export type DtoLanguage = (typeof DTO_LANGUAGES)[number];

/** A DTO parser: source text (with the 1-based line it starts at in its file) → types. */
export type DtoParser = (source: string, file: string, firstLine: number) => DtoParseResult;
