/**
 * ServiceStack's own DTOs, which pages reference but never define
 * (ServiceStack.Interfaces: ResponseStatus, ResponseError, …). Their XML
 * namespace and DataMember order come from ServiceStack's source.
 */
import type { Property, TypeDef, TypeRef } from './model.js';

const str: TypeRef = { kind: 'primitive', name: 'string' };
const int: TypeRef = { kind: 'primitive', name: 'int' };
const dateTime: TypeRef = { kind: 'primitive', name: 'datetime' };
const named = (name: string, args?: TypeRef[]): TypeRef =>
  args ? { kind: 'named', name, args } : { kind: 'named', name };
const stringMap: TypeRef = { kind: 'map', key: str, value: str };
const prop = (name: string, type: TypeRef, nullable = true): Property => ({ name, type, nullable, required: false });

export const SERVICESTACK_XML_NAMESPACE = 'http://schemas.servicestack.net/types';

export interface BuiltinType extends TypeDef {
  xmlOrder?: string[];
}

/**
 * AutoQuery's request bases (ServiceStack.Interfaces `QueryBase.cs`). `QueryDb` and `QueryData` each come in a
 * one- and a two-argument form (`QueryDb<T>`, `QueryDb<From, Into>`): two entries of one name, told apart by
 * their generic arity (see `builtinType`). Each carries the `IReturn<QueryResponse<…>>` C# declares on it, so a
 * request that does not repeat it still answers `QueryResponse`.
 */
const queryBase = (name: string, params: string[]): BuiltinType => ({
  name,
  kind: 'class',
  namespace: 'ServiceStack',
  genericParams: params,
  inherits: { name: 'QueryBase' },
  implements: [
    { name: name === 'QueryDb' ? 'IQueryDb' : 'IQueryData', args: params.map((p) => named(p)) },
    { name: 'IReturn', args: [named('QueryResponse', [named(params[params.length - 1]!)])] },
  ],
  properties: [],
});

export const AUTOQUERY_BUILTINS: BuiltinType[] = [
  {
    name: 'QueryBase',
    kind: 'class',
    namespace: 'ServiceStack',
    properties: [
      prop('Skip', int),
      prop('Take', int),
      prop('OrderBy', str),
      prop('OrderByDesc', str),
      prop('Include', str),
      prop('Fields', str),
      prop('Meta', stringMap),
    ],
    xmlOrder: ['Skip', 'Take', 'OrderBy', 'OrderByDesc', 'Include', 'Fields', 'Meta'],
  },
  queryBase('QueryDb', ['T']),
  queryBase('QueryDb', ['From', 'Into']),
  queryBase('QueryData', ['T']),
  queryBase('QueryData', ['From', 'Into']),
  // ServiceStack.AuditBase: the audit columns AutoQuery CRUD's `[AutoPopulate]` fills; C# files never print it.
  {
    name: 'AuditBase',
    kind: 'class',
    namespace: 'ServiceStack',
    properties: [
      prop('CreatedDate', dateTime, false),
      { ...prop('CreatedBy', str), required: true },
      prop('ModifiedDate', dateTime, false),
      { ...prop('ModifiedBy', str), required: true },
      prop('DeletedDate', dateTime),
      prop('DeletedBy', str),
    ],
    xmlOrder: ['CreatedDate', 'CreatedBy', 'ModifiedDate', 'ModifiedBy', 'DeletedDate', 'DeletedBy'],
  },
];

export const BUILTIN_TYPES: BuiltinType[] = [
  {
    name: 'ResponseStatus',
    kind: 'class',
    namespace: 'ServiceStack',
    properties: [
      prop('ErrorCode', str),
      prop('Message', str),
      prop('StackTrace', str),
      prop('Errors', { kind: 'list', of: { kind: 'named', name: 'ResponseError' } }),
      prop('Meta', stringMap),
    ],
    xmlOrder: ['ErrorCode', 'Message', 'StackTrace', 'Errors', 'Meta'],
  },
  {
    name: 'ResponseError',
    kind: 'class',
    namespace: 'ServiceStack',
    properties: [prop('ErrorCode', str), prop('FieldName', str), prop('Message', str), prop('Meta', stringMap)],
    xmlOrder: ['ErrorCode', 'FieldName', 'Message', 'Meta'],
  },
  {
    name: 'ErrorResponse',
    kind: 'class',
    namespace: 'ServiceStack',
    properties: [prop('ResponseStatus', { kind: 'named', name: 'ResponseStatus' })],
  },
  {
    name: 'EmptyResponse',
    kind: 'class',
    namespace: 'ServiceStack',
    properties: [prop('ResponseStatus', { kind: 'named', name: 'ResponseStatus' })],
  },
  {
    name: 'IdResponse',
    kind: 'class',
    namespace: 'ServiceStack',
    properties: [prop('Id', str), prop('ResponseStatus', { kind: 'named', name: 'ResponseStatus' })],
  },
  {
    name: 'QueryResponse',
    kind: 'class',
    namespace: 'ServiceStack',
    genericParams: ['T'],
    properties: [
      prop('Offset', int, false),
      prop('Total', int, false),
      prop('Results', { kind: 'list', of: { kind: 'named', name: 'T' } }),
      prop('Meta', stringMap),
      prop('ResponseStatus', { kind: 'named', name: 'ResponseStatus' }),
    ],
  },
  ...AUTOQUERY_BUILTINS,
];

/**
 * The built-in of that name; with `arity`, the form taking that many generic arguments (`QueryDb<T>` or
 * `QueryDb<From, Into>`), else the first of the name.
 */
export const builtinType = (name: string, arity?: number): BuiltinType | undefined => {
  const all = BUILTIN_TYPES.filter((t) => t.name === name);
  return (arity !== undefined && all.find((t) => (t.genericParams?.length ?? 0) === arity)) || all[0];
};

export const isBuiltin = (name: string): boolean => BUILTIN_TYPES.some((t) => t.name === name);
