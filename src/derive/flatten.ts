/**
 * Generic substitution and inheritance flattening. Schemas are written flat
 * (every inherited property on the DTO itself) because ServiceStack serialises
 * them flat and `additionalProperties: false` cannot see through `allOf`.
 */
import type { Property, TypeDef, TypeRef } from './model.js';

/** A type by name; `arity` picks among same-named generic forms (`QueryDb<T>`, `QueryDb<From, Into>`). */
export type TypeLookup = (name: string, arity?: number) => TypeDef | undefined;
type Env = Map<string, TypeRef>;

export const substitute = (ref: TypeRef, env: Env): TypeRef => {
  switch (ref.kind) {
    case 'primitive':
      return ref;
    case 'list':
      return { kind: 'list', of: substitute(ref.of, env) };
    case 'map':
      return { kind: 'map', key: substitute(ref.key, env), value: substitute(ref.value, env) };
    case 'named': {
      const bound = env.get(ref.name);
      if (bound && !ref.args?.length) return bound;
      return ref.args?.length ? { kind: 'named', name: ref.name, args: ref.args.map((a) => substitute(a, env)) } : ref;
    }
  }
};

/** `QueryResponse<Order>` → `QueryResponseOfOrder`, the name its schema is written under. */
export const instanceName = (ref: TypeRef): string => {
  switch (ref.kind) {
    case 'primitive':
      return ref.name.charAt(0).toUpperCase() + ref.name.slice(1);
    case 'list':
      return `ArrayOf${instanceName(ref.of)}`;
    case 'map':
      return `DictionaryOf${instanceName(ref.key)}${instanceName(ref.value)}`;
    case 'named':
      return ref.args?.length ? `${ref.name}Of${ref.args.map(instanceName).join('')}` : ref.name;
  }
};

export interface FlatType {
  name: string;
  def: TypeDef;
  /** Own properties first, then each base class's (ServiceStack's JSON order). */
  properties: Property[];
  /** Interfaces of the whole chain, arguments substituted (`IReturn<CreateCustomerResponse>`). */
  interfaces: { name: string; args: TypeRef[] }[];
  /** Base class names, nearest first. */
  bases: string[];
  /** The same bases with their generic arguments substituted (`QueryDb<Booking>`), nearest first. */
  baseRefs: { name: string; args: TypeRef[] }[];
}

export const flatten = (def: TypeDef, args: TypeRef[], lookup: TypeLookup): FlatType => {
  const flat: FlatType = {
    name: instanceName({ kind: 'named', name: def.name, args }),
    def,
    properties: [],
    interfaces: [],
    bases: [],
    baseRefs: [],
  };
  const seen = new Set<string>();
  let current: TypeDef | undefined = def;
  let currentArgs = args;
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    const env: Env = new Map(
      (current.genericParams ?? []).map((p, i) => [p, currentArgs[i] ?? { kind: 'primitive', name: 'object' }]),
    );
    for (const prop of current.properties) {
      if (!flat.properties.some((p) => p.name.toLowerCase() === prop.name.toLowerCase())) {
        flat.properties.push({ ...prop, type: substitute(prop.type, env) });
      }
    }
    for (const iface of current.implements ?? [])
      flat.interfaces.push({ name: iface.name, args: (iface.args ?? []).map((a) => substitute(a, env)) });
    const base: TypeDef['inherits'] = current.inherits;
    if (!base) break;
    flat.bases.push(base.name);
    currentArgs = (base.args ?? []).map((a) => substitute(a, env));
    flat.baseRefs.push({ name: base.name, args: currentArgs });
    const next = lookup(base.name, currentArgs.length);
    if (!next) {
      // An unknown base that still tells us something: a ServiceStack marker used as a base.
      flat.interfaces.push({ name: base.name, args: currentArgs });
    }
    current = next;
  }
  return flat;
};
