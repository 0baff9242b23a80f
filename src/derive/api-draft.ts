/**
 * Collects every page of one API into one draft: types merged by name (the
 * same type described by a Python page and a parameter table becomes one),
 * operations merged by name (routes and auth united, sources listed).
 */
import type { MetadataPage } from './metadata-page.js';
import type { Diagnostic, Property, TypeDef } from './model.js';
import { mergeTypeRefs, typeText } from './type-merge.js';
import type { AuthRequirement, AuthStyle, Route } from '../schema/manifest.js';
import type { SampleValueType } from './sample-values.js';
import { sampleValueTypes } from './sample-values.js';
import type { SampleFacts } from './samples.js';

export interface OperationDraft {
  name: string;
  routes: Route[];
  auth: AuthRequirement;
  sources: string[];
  /** The file and line that first named the operation (a page's operation name): where its diagnostics point. */
  origin?: { file: string; line: number };
  /** Response type named by an XML sample's root element. */
  responseHint?: string;
  /** Keys the request samples show (checked against the request schema). */
  sampleRequestKeys: { file: string; line: number; keys: string[] }[];
  sampleResponseKeys: { file: string; line: number; keys: string[] }[];
  /** Sample values that show a type (a date, a TimeSpan, a Guid), for properties whose language hid it. */
  sampleTypes: SampleTypeHint[];
}

/** A value of an operation's request or response sample that shows its type (precision.ts). */
export interface SampleTypeHint extends SampleValueType {
  side: 'request' | 'response';
  file: string;
}

export interface ApiDraft {
  id: string;
  title: string;
  host: string | null;
  textCase: 'camel' | 'pascal' | null;
  types: Map<string, TypeDef>;
  operations: Map<string, OperationDraft>;
  /** DataContract namespace per type, from XML samples. */
  xmlNamespaces: Map<string, string>;
  /** Namespaces declared on member elements, resolved to types once all types are known. */
  xmlMembers: { owner: string; member: string; namespace: string }[];
}

export const newDraft = (id: string, title: string): ApiDraft => ({
  id,
  title,
  host: null,
  textCase: null,
  types: new Map(),
  operations: new Map(),
  xmlNamespaces: new Map(),
  xmlMembers: [],
});

const key = (name: string): string => name.replace(/_/g, '').toLowerCase();

const mergeProperty = (
  into: Property,
  from: Property,
  where: string,
  diagnostics: Diagnostic[],
  file: string,
): void => {
  // A precise declaration (C#, a parameter table) wins over one whose language hides precision (TypeScript
  // `number`), even on a contradiction; then the more specific type wins: `int` over `double`, `DateTime` over
  // `string`.
  const [first, second] = into.hiddenPrecision && !from.hiddenPrecision ? [from, into] : [into, from];
  const { type, conflict } = mergeTypeRefs(first.type, second.type);
  if (conflict) {
    diagnostics.push({
      severity: 'warning',
      file,
      line: from.line ?? 1,
      message: `${where}: '${typeText(from.type)}' here, '${typeText(into.type)}' earlier; keeping '${typeText(type)}'`,
    });
  }
  into.type = type;
  if (!from.hiddenPrecision) delete into.hiddenPrecision;
  into.dataMemberName ??= from.dataMemberName;
  into.required ||= from.required;
  into.nullable &&= from.nullable;
  into.location ??= from.location;
  into.description ??= from.description;
};

/** Merges `incoming` into the draft's definition of the same type (DTO source wins over parameter tables: it comes first). */
export const mergeType = (draft: ApiDraft, incoming: TypeDef, file: string, diagnostics: Diagnostic[]): void => {
  const existing = draft.types.get(incoming.name);
  if (!existing) {
    draft.types.set(incoming.name, structuredClone(incoming));
    return;
  }
  for (const prop of incoming.properties) {
    const match = existing.properties.find((p) => key(p.name) === key(prop.name));
    if (match) mergeProperty(match, prop, `${incoming.name}.${prop.name}`, diagnostics, file);
    else existing.properties.push(structuredClone(prop));
  }
  existing.inherits ??= incoming.inherits;
  existing.genericParams ??= incoming.genericParams;
  const known = new Set((existing.implements ?? []).map((i) => i.name));
  for (const iface of incoming.implements ?? []) if (!known.has(iface.name)) (existing.implements ??= []).push(iface);
  if (existing.kind === 'enum') mergeEnum(existing, incoming);
  existing.routes = mergeRoutes(existing.routes ?? [], incoming.routes ?? []);
  if (incoming.auth) existing.auth = { ...existing.auth, ...incoming.auth };
};

const mergeEnum = (existing: TypeDef, incoming: TypeDef): void => {
  if (incoming.enumValues && !existing.enumValues?.length) existing.enumValues = incoming.enumValues;
  // Only a file that says the enum travels as numbers ([Flags], isEnumInt) has them.
  if (incoming.enumNumbers?.length === existing.enumValues?.length) existing.enumNumbers ??= incoming.enumNumbers;
};

const mergeRoutes = (a: Route[], b: Route[]): Route[] => {
  const out = [...a];
  for (const r of b) {
    if (!out.some((o) => o.path.toLowerCase() === r.path.toLowerCase() && o.verbs.join() === r.verbs.join()))
      out.push(r);
  }
  return out;
};

const unite = (a: string[], b: string[] = []): string[] => [...new Set([...a, ...b])];

/** An `[Authenticate]`-style marking anywhere wins: its filter refuses before any validator runs. */
export const uniteStyles = (a?: AuthStyle, b?: AuthStyle): AuthStyle | undefined =>
  a === 'attribute' || b === 'attribute' ? 'attribute' : (a ?? b);

export const mergeOperation = (
  draft: ApiDraft,
  op: Omit<OperationDraft, 'sampleRequestKeys' | 'sampleResponseKeys' | 'sampleTypes'>,
): OperationDraft => {
  const existing = draft.operations.get(op.name);
  if (!existing) {
    const created: OperationDraft = {
      ...structuredClone(op),
      sampleRequestKeys: [],
      sampleResponseKeys: [],
      sampleTypes: [],
    };
    draft.operations.set(op.name, created);
    return created;
  }
  existing.routes = mergeRoutes(existing.routes, op.routes);
  existing.auth = {
    required: existing.auth.required || op.auth.required,
    roles: unite(existing.auth.roles, op.auth.roles),
    anyRoles: unite(existing.auth.anyRoles, op.auth.anyRoles),
    permissions: unite(existing.auth.permissions, op.auth.permissions),
    anyPermissions: unite(existing.auth.anyPermissions, op.auth.anyPermissions),
  };
  const style = uniteStyles(existing.auth.style, op.auth.style);
  if (style) existing.auth.style = style;
  existing.sources = unite(existing.sources, op.sources);
  existing.responseHint ??= op.responseHint;
  return existing;
};

/** Values of the page's samples that show a type (dates, TimeSpans, Guids). */
const sampleTypeHints = (page: MetadataPage): SampleTypeHint[] =>
  (
    [
      [page.request, 'request'],
      [page.response, 'response'],
    ] as const
  ).flatMap(([sample, side]) => {
    const type = sample?.headers['content-type'] ?? '';
    const format = /json/.test(type) ? 'json' : /jsv/.test(type) ? 'jsv' : /xml/.test(type) ? 'xml' : page.sampleFormat;
    if (!sample?.body || !format) return [];
    return sampleValueTypes(sample.body, format).map((hint) => ({ ...hint, side, file: page.file }));
  });

/** Records what a page's samples say about the API and its operation. */
export const applySampleFacts = (draft: ApiDraft, page: MetadataPage, op: OperationDraft, facts: SampleFacts): void => {
  draft.host ??= facts.host ?? null;
  draft.textCase ??= facts.textCase ?? null;
  const root = (r: SampleFacts['xmlRequestRoot']) => {
    if (r?.namespace && !draft.xmlNamespaces.has(r.name)) draft.xmlNamespaces.set(r.name, r.namespace);
  };
  root(facts.xmlRequestRoot);
  root(facts.xmlResponseRoot);
  if (facts.xmlResponseRoot) op.responseHint ??= facts.xmlResponseRoot.name;
  for (const el of facts.xmlElements) {
    if (el.parent && el.childNamespace)
      draft.xmlMembers.push({ owner: el.parent, member: el.name, namespace: el.childNamespace });
  }
  op.sampleTypes.push(...sampleTypeHints(page));
  if (facts.requestKeys.length)
    op.sampleRequestKeys.push({ file: page.file, line: page.request?.bodyLine ?? 1, keys: facts.requestKeys });
  if (facts.responseKeys.length)
    op.sampleResponseKeys.push({ file: page.file, line: page.response?.bodyLine ?? 1, keys: facts.responseKeys });
};
