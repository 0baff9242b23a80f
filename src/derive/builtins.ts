/**
 * ServiceStack's own DTOs, which pages reference but never define
 * (ServiceStack.Interfaces: ResponseStatus, ResponseError, …). Their XML
 * namespace and DataMember order come from ServiceStack's source.
 */
import type { Property, TypeDef, TypeRef } from './model.js';

const str: TypeRef = { kind: 'primitive', name: 'string' };
const int: TypeRef = { kind: 'primitive', name: 'int' };
const stringMap: TypeRef = { kind: 'map', key: str, value: str };
const prop = (name: string, type: TypeRef, nullable = true): Property => ({ name, type, nullable, required: false });

export const SERVICESTACK_XML_NAMESPACE = 'http://schemas.servicestack.net/types';

export interface BuiltinType extends TypeDef {
  xmlOrder?: string[];
}

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
];

export const isBuiltin = (name: string): boolean => BUILTIN_TYPES.some((t) => t.name === name);
