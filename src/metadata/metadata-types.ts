/**
 * `GET <base>/types/metadata`: ServiceStack's `MetadataTypes` document (`{ config, namespaces, types, operations }`,
 * as `NativeTypesService` serialises it) rebuilt from an API's manifest and schemas. It is the document
 * `ssmock derive` reads (src/derive/metadata-types.ts), so deriving what is served gives back the same operations
 * and types. Schemas are flattened (inherited properties included): each type is written with the properties it
 * declares itself, and AutoQuery requests name their `QueryDb<T>` / `ICreateDb<T>` … bases from the manifest.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import type { AutoQueryBinding, CrudAction, OperationManifest } from '../schema/manifest.js';
import type { ApiSchemas } from '../schema/registry.js';
import { validateAttributes } from './validate-attributes.js';

export interface MetadataTypeName {
  name: string;
  namespace?: string;
  genericArgs?: string[];
}

export interface MetadataProperty {
  name: string;
  type: string;
  genericArgs?: string[];
  namespace?: string;
  isValueType?: boolean;
  isSystemType?: boolean;
  isEnum?: boolean;
  isRequired?: boolean;
  /** `[DataMember(Name=…)]`: the name on the wire. */
  dataMember?: { name: string };
  paramType?: string;
  description?: string;
  /** `[Validate(Validator="…")]`, as ServiceStack exports a property's declarative validators. */
  attributes?: MetadataAttribute[];
}

export interface MetadataAttribute {
  name: string;
  args?: { name: string; type: string; value: string }[];
}

export interface MetadataType extends MetadataTypeName {
  description?: string;
  inherits?: MetadataTypeName;
  implements?: MetadataTypeName[];
  isEnum?: boolean;
  isInterface?: boolean;
  /** The request implements `IReturnVoid`. */
  returnVoidMarker?: boolean;
  enumNames?: string[];
  /** A `[Flags]` enum: written as its numbers, `enumValues` (as text). */
  isEnumInt?: boolean;
  enumValues?: string[];
  properties?: MetadataProperty[];
}

export interface MetadataOperationType {
  request: MetadataType;
  response?: MetadataType;
  actions: string[];
  method: string;
  returnsVoid?: boolean;
  returnType?: MetadataTypeName;
  routes: { path: string; verbs?: string }[];
  dataModel?: MetadataTypeName;
  requiresAuth?: boolean;
  requiredRoles?: string[];
  requiresAnyRole?: string[];
  requiredPermissions?: string[];
  requiresAnyPermission?: string[];
}

export interface MetadataTypes {
  config: Record<string, unknown>;
  namespaces: string[];
  types: MetadataType[];
  operations: MetadataOperationType[];
}

/** `x-dotnet-type` (C# keyword or name) → the .NET name `MetadataTypes` uses. */
const SYSTEM_TYPES: Record<string, string> = {
  string: 'String',
  char: 'Char',
  bool: 'Boolean',
  byte: 'Byte',
  sbyte: 'SByte',
  short: 'Int16',
  ushort: 'UInt16',
  int: 'Int32',
  uint: 'UInt32',
  long: 'Int64',
  ulong: 'UInt64',
  float: 'Single',
  double: 'Double',
  decimal: 'Decimal',
  DateTime: 'DateTime',
  DateTimeOffset: 'DateTimeOffset',
  DateOnly: 'DateOnly',
  TimeOnly: 'TimeOnly',
  TimeSpan: 'TimeSpan',
  Guid: 'Guid',
  'byte[]': 'Byte[]',
  object: 'Object',
};
const REFERENCE_SYSTEM_TYPES = new Set(['String', 'Byte[]', 'Object']);
const QUERY_BASE_PROPERTIES = new Set(['Skip', 'Take', 'OrderBy', 'OrderByDesc', 'Include', 'Fields', 'Meta']);
const SERVICESTACK_NAMESPACE = 'ServiceStack';
/** ServiceStack's verb markers (`IGet`, `IPost`, …); other interfaces are the API's own. */
const VERB_MARKERS = /^I(Get|Post|Put|Patch|Delete|Options)$/;
/** ServiceStack's `MetadataTypesConfig` defaults (what `/types/metadata` reports when no option is overridden). */
const CONFIG_DEFAULTS = {
  makePartial: true,
  makeVirtual: true,
  addReturnMarker: true,
  addDescriptionAsComments: true,
  addServiceStackTypes: true,
  defaultNamespaces: [
    'System',
    'System.Collections',
    'System.Collections.Generic',
    'System.Runtime.Serialization',
    'ServiceStack',
    'ServiceStack.DataAnnotations',
  ],
};
/** The interface each AutoQuery CRUD action implements (ServiceStack's `ICreateDb<T>`, …). */
const CRUD_INTERFACES: Record<Exclude<CrudAction, 'query'>, string> = {
  create: 'ICreateDb`1',
  update: 'IUpdateDb`1',
  patch: 'IPatchDb`1',
  delete: 'IDeleteDb`1',
  save: 'ISaveDb`1',
};

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const refName = (ref: string): string => ref.replace(/^.*\//, '').replace(/\.json$/, '');
/** `http://schemas.datacontract.org/2004/07/Acme.ServiceModel` → `Acme.ServiceModel`. */
const namespaceOf = (xmlNamespace: unknown): string | undefined => {
  if (typeof xmlNamespace !== 'string') return undefined;
  if (xmlNamespace === 'http://schemas.servicestack.net/types') return SERVICESTACK_NAMESPACE;
  const tail = /\/2004\/07\/([\w.]+)$/.exec(xmlNamespace)?.[1];
  return tail;
};

/** A property's schema as a C#-style type expression, for `genericArgs` (`List<Order>`, `Nullable<Int32>`). */
const typeExpr = (schema: JsonSchema): string => {
  const { type, genericArgs } = typeOf(schema);
  return genericArgs?.length ? `${type.replace(/`\d+$/, '')}<${genericArgs.join(',')}>` : type;
};

/** A property's schema → `type` + `genericArgs`, as .NET names them (`List`1` of `Order`). */
const typeOf = (schema: JsonSchema): { type: string; genericArgs?: string[] } => {
  if (typeof schema.$ref === 'string') return { type: refName(schema.$ref) };
  const dotnet = schema['x-dotnet-type'];
  if (typeof dotnet === 'string') {
    const name = SYSTEM_TYPES[dotnet] ?? dotnet;
    return schema['x-nullable'] === true && !REFERENCE_SYSTEM_TYPES.has(name)
      ? { type: 'Nullable`1', genericArgs: [name] }
      : { type: name };
  }
  if (schema.type === 'array' && schema.items && typeof schema.items === 'object')
    return { type: 'List`1', genericArgs: [typeExpr(schema.items as JsonSchema)] };
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object')
    return { type: 'Dictionary`2', genericArgs: ['String', typeExpr(schema.additionalProperties as JsonSchema)] };
  return { type: 'Object' };
};

/** An enum schema's members: names (written as names) or names and numbers (a `[Flags]` enum, `x-enum-members`). */
const enumMembersOf = (schema: JsonSchema): Partial<MetadataType> | undefined => {
  if (Array.isArray(schema.enum)) return { isEnum: true, enumNames: schema.enum.map(String), properties: [] };
  const members = schema['x-enum-members'] as { name: string; value: number }[] | undefined;
  if (!Array.isArray(members)) return undefined;
  const enumNames = members.map((e) => e.name);
  return { isEnum: true, isEnumInt: true, enumNames, enumValues: members.map((e) => String(e.value)), properties: [] };
};

export const buildMetadataTypes = (api: ApiSchemas, baseUrl: string): MetadataTypes => {
  const { manifest } = api;
  const schemaOf = (name: string): JsonSchema | undefined => api.schemas.get(name);
  const isEnum = (name: string): boolean =>
    Array.isArray(schemaOf(name)?.enum) || Array.isArray(schemaOf(name)?.['x-enum-members']);
  const namespaceOfType = (name: string): string | undefined =>
    namespaceOf(schemaOf(name)?.['x-xml-namespace'] ?? manifest.xmlNamespaces[name]);

  const property = (wire: string, schema: JsonSchema, required: boolean, paramType?: string): MetadataProperty => {
    const { type, genericArgs } = typeOf(schema);
    // A [DataMember(Name)] alias keeps its C# name in `x-member-name`; other names are the wire name PascalCased.
    const member = schema['x-member-name'];
    const name = typeof member === 'string' ? member : manifest.textCase === 'camel' ? pascal(wire) : wire;
    const p: MetadataProperty = { name, type };
    if (genericArgs) p.genericArgs = genericArgs;
    const system = Object.values(SYSTEM_TYPES).includes(type) || type === 'Nullable`1';
    if (system) {
      p.namespace = 'System';
      p.isSystemType = true;
      if (!REFERENCE_SYSTEM_TYPES.has(type)) p.isValueType = true;
    } else if (isEnum(type)) {
      p.isValueType = true;
      p.isEnum = true;
    }
    if (required) p.isRequired = true;
    if (paramType) p.paramType = paramType;
    if (typeof schema.description === 'string') p.description = schema.description;
    if (typeof schema['x-xml-name'] === 'string') p.dataMember = { name: wire };
    const validators = validateAttributes(schema);
    if (validators.length) p.attributes = validators;
    return p;
  };

  /** One schema as a `MetadataType`; `skip` leaves out properties a named base declares. */
  const metadataType = (
    name: string,
    extra: Partial<MetadataType> = {},
    skip: Set<string> = new Set(),
    params: Record<string, string> = {},
  ): MetadataType => {
    const schema = schemaOf(name) ?? {};
    const m: MetadataType = { name };
    const ns = namespaceOfType(name);
    if (ns) m.namespace = ns;
    if (typeof schema.description === 'string') m.description = schema.description;
    const asEnum = enumMembersOf(schema);
    if (asEnum) return { ...m, ...asEnum, ...extra };
    const base = typeof schema['x-inherits'] === 'string' ? schema['x-inherits'] : undefined;
    const baseProps = new Set(
      base && manifest.types.includes(base) ? Object.keys(schemaOf(base)?.properties ?? {}) : [],
    );
    if (base && baseProps.size) m.inherits = { name: base, namespace: namespaceOfType(base) };
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    m.properties = Object.entries(schema.properties ?? {})
      .filter(([wire]) => !baseProps.has(wire) && !skip.has(pascal(wire)))
      .map(([wire, s]) => property(wire, s, required.has(wire), params[wire]));
    const implemented = markerInterfaces(schema, extra.implements ?? []);
    const out = { ...m, ...extra };
    out.implements = [...(extra.implements ?? []), ...implemented];
    if (!out.implements.length) delete out.implements;
    return out;
  };

  const operations = manifest.operations.map((op) => operation(op));
  function operation(op: OperationManifest): MetadataOperationType {
    const aq = op.autoQuery;
    const response = op.response ? responseOf(op.response, aq) : undefined;
    const requestExtra = autoQueryBases(aq, response);
    const request = metadataType(
      op.request,
      requestExtra,
      aq?.action === 'query' ? QUERY_BASE_PROPERTIES : new Set(),
      op.parameters,
    );
    const verbs = [...new Set(op.routes.flatMap((r) => r.verbs))];
    const o: MetadataOperationType = {
      request,
      actions: verbs.length ? verbs : ['ANY'],
      method: op.primaryVerb,
      routes: op.routes.map((r) => (r.verbs.length ? { path: r.path, verbs: r.verbs.join(',') } : { path: r.path })),
    };
    if (response) {
      o.response = response.type;
      o.returnType = response.returnType;
    } else {
      o.returnsVoid = true;
      request.returnVoidMarker = true;
    }
    if (aq) o.dataModel = { name: aq.table, namespace: namespaceOfType(aq.table) };
    const { auth } = op;
    if (auth.required) o.requiresAuth = true;
    if (auth.roles.length) o.requiredRoles = auth.roles;
    if (auth.anyRoles.length) o.requiresAnyRole = auth.anyRoles;
    if (auth.permissions.length) o.requiredPermissions = auth.permissions;
    if (auth.anyPermissions.length) o.requiresAnyPermission = auth.anyPermissions;
    return o;
  }

  /** A `QueryResponseOf<Row>` schema is the closed generic `QueryResponse<Row>`, answered through `returnType`. */
  function responseOf(
    name: string,
    aq: AutoQueryBinding | null,
  ): { type: MetadataType; returnType: MetadataTypeName; generic: boolean } {
    const row = aq?.action === 'query' ? (aq.into ?? aq.table) : undefined;
    if (row && name === `QueryResponseOf${row}`) {
      const closed = { name: 'QueryResponse`1', namespace: SERVICESTACK_NAMESPACE, genericArgs: [row] };
      return { type: { ...metadataType(name), ...closed }, returnType: closed, generic: true };
    }
    return { type: metadataType(name), returnType: { name, namespace: namespaceOfType(name) }, generic: false };
  }

  function autoQueryBases(
    aq: AutoQueryBinding | null,
    response: { returnType: MetadataTypeName } | undefined,
  ): Partial<MetadataType> {
    const returns = response
      ? [{ name: 'IReturn`1', namespace: SERVICESTACK_NAMESPACE, genericArgs: [typeExprOf(response.returnType)] }]
      : [{ name: 'IReturnVoid', namespace: SERVICESTACK_NAMESPACE }];
    if (!aq) return { implements: returns };
    if (aq.action === 'query') {
      const args = aq.into ? [aq.table, aq.into] : [aq.table];
      return {
        inherits: { name: `QueryDb\`${args.length}`, namespace: SERVICESTACK_NAMESPACE, genericArgs: args },
        implements: returns,
      };
    }
    return {
      implements: [
        ...returns,
        { name: CRUD_INTERFACES[aq.action], namespace: SERVICESTACK_NAMESPACE, genericArgs: [aq.table] },
      ],
    };
  }

  // Closed generic instances (`QueryResponseOfBooking`) are uses of a generic, not definitions of their own.
  const instances = new Set(
    manifest.operations.flatMap((op) => {
      const row = op.autoQuery?.action === 'query' ? (op.autoQuery.into ?? op.autoQuery.table) : undefined;
      return row && op.response === `QueryResponseOf${row}` ? [op.response] : [];
    }),
  );
  const inOperations = new Set(manifest.operations.flatMap((op) => [op.request, op.response ?? '']));
  const types = manifest.types.filter((t) => !instances.has(t) && !inOperations.has(t)).map((t) => metadataType(t));
  const all = [...types, ...operations.flatMap((o) => [o.request, ...(o.response ? [o.response] : [])])];
  const namespaces = [
    ...new Set([
      'System',
      'System.Collections.Generic',
      SERVICESTACK_NAMESPACE,
      ...all.flatMap((t) => t.namespace ?? []),
    ]),
  ];
  return { config: { baseUrl, ...CONFIG_DEFAULTS }, namespaces, types, operations };
};

/** `x-implements` names (`IPost`, `ITenantedRequest`) not already written with their generic arguments. */
const markerInterfaces = (schema: JsonSchema, written: MetadataTypeName[]): MetadataTypeName[] => {
  const ifaces = Array.isArray(schema['x-implements']) ? (schema['x-implements'] as string[]) : [];
  const skip = new Set(['IReturn', 'IReturnVoid', ...written.map((i) => i.name.replace(/`\d+$/, ''))]);
  return ifaces
    .filter((i) => !skip.has(i))
    .map((i) => (VERB_MARKERS.test(i) ? { name: i, namespace: SERVICESTACK_NAMESPACE } : { name: i }));
};

const typeExprOf = (t: MetadataTypeName): string =>
  t.genericArgs?.length ? `${t.name.replace(/`\d+$/, '')}<${t.genericArgs.join(',')}>` : t.name;
