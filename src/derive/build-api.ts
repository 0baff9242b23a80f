/**
 * A merged draft → the files of `schemas/<api>/`: one schema per reachable DTO
 * type and the operations manifest. Pure: no I/O.
 */
import type { JsonSchema } from '../schema/json-schema.js';
import type {
  ApiLocale,
  ApiManifest,
  AuthRequirement,
  AutoQueryBinding,
  CrudAction,
  OperationManifest,
} from '../schema/manifest.js';
import type { ApiDraft, OperationDraft } from './api-draft.js';
import type { AutoQueryShape } from './autoquery.js';
import { autoQueryBinding, autoQueryShape, autoQueryState, CRUD_VERBS, queryBaseName, tableKey } from './autoquery.js';
import { BUILTIN_TYPES, builtinType, SERVICESTACK_XML_NAMESPACE } from './builtins.js';
import type { FlatType } from './flatten.js';
import { flatten, instanceName } from './flatten.js';
import { inferState } from './infer-state.js';
import type { InferredType, SampleHint } from './precision.js';
import { recoverPrecision } from './precision.js';
import type { Diagnostic, TypeDef, TypeRef } from './model.js';
import type { ParamLocation, Verb } from '../schema/manifest.js';
import type { SchemaContext } from './to-json-schema.js';
import { classSchema, enumSchema, propertyWireName, valueSchema } from './to-json-schema.js';

export interface ApiOutput {
  manifest: ApiManifest;
  schemas: Map<string, JsonSchema>;
  diagnostics: Diagnostic[];
  /** Types refined where the files' language hid them (TypeScript `number` → `int`): derive says so. */
  inferred: InferredType[];
}

const VERB_MARKERS: Record<string, Verb> = {
  IGet: 'GET',
  IPost: 'POST',
  IPut: 'PUT',
  IDelete: 'DELETE',
  IPatch: 'PATCH',
};
const TENANT_MARKERS = new Set(['ITenantedRequest', 'IHasTenantId', 'ITenantRequest']);
const TENANT_PROPERTIES = ['organisationid', 'organizationid', 'tenantid'];

const pascal = (text: string): string =>
  text
    .replace(/\(.*?\)/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

export const buildApi = (merged: ApiDraft): ApiOutput => {
  const diagnostics: Diagnostic[] = [];
  // Precision is recovered on a copy: the draft stays as the files described it.
  const draft: ApiDraft = { ...merged, types: structuredClone(merged.types) };
  const inferred = recoverPrecision(draft.types, sampleHints(draft));
  const textCase = draft.textCase ?? 'camel';
  // The file's own definition wins over the built-in, unless only the built-in has the arity asked for
  // (`QueryDb<From, Into>` where the file defines `QueryDb<T>` alone, or one name for both, as JSON's `QueryDb`1`/`2`).
  const arityOf = (t: TypeDef | undefined) => t?.genericParams?.length ?? 0;
  const lookup = (name: string, arity?: number): TypeDef | undefined => {
    const own = draft.types.get(name);
    if (own && (arity === undefined || arityOf(own) === arity)) return own;
    const builtin = builtinType(name, arity) ?? builtinType(queryBaseName(name), arity);
    return own && arityOf(builtin) !== arity ? own : (builtin ?? own);
  };
  const flats = new Map<string, FlatType>();
  const enums = new Map<string, TypeDef>();
  const owner = new Map<string, string>(); // type → the type it was first reached from, for its XML namespace

  const reach = (ref: TypeRef, from: string): void => {
    if (ref.kind === 'list') return reach(ref.of, from);
    if (ref.kind === 'map') return reach(ref.value, from);
    if (ref.kind !== 'named') return;
    const def = lookup(ref.name, ref.args?.length ?? 0);
    if (!def || def.kind === 'interface') return;
    const name = instanceName(ref);
    if (flats.has(name) || enums.has(name)) return;
    owner.set(name, from);
    if (def.kind === 'enum') {
      enums.set(name, def);
      return;
    }
    const flat = flatten(def, ref.args ?? [], lookup);
    flats.set(name, flat);
    flat.properties.forEach((p) => reach(p.type, name));
  };

  const operations: OperationManifest[] = [];
  const resolved = [...draft.operations.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((op) => {
      const def = draft.types.get(op.name);
      if (!def) {
        diagnostics.push({
          severity: 'error',
          file: op.origin?.file ?? op.sources[0] ?? draft.id,
          line: op.origin?.line ?? 1,
          message: `expected the DTO of operation '${op.name}' on its page`,
        });
        return null;
      }
      reach({ kind: 'named', name: op.name }, op.name);
      const flat = flats.get(op.name)!;
      const response = responseOf(op, flat, lookup);
      if (response) reach(response, op.name);
      // The table (and `Into`) get schemas even when no response names them (`ICreateDb<T>` → `IdResponse`).
      const shape = autoQueryShape(flat);
      if (shape) [shape.table, shape.into].forEach((t) => t && reach(t, op.name));
      return { op, flat, shape, responseRef: response, response: response ? instanceName(response) : null };
    });

  // Every API answers errors, so ServiceStack's error DTOs always have schemas.
  for (const builtin of ['ErrorResponse', 'ResponseStatus', 'ResponseError'])
    reach({ kind: 'named', name: builtin }, builtin);
  // The built-in auth operations answer with the API's own DTOs where its files define them (handlers/declared-fields.ts).
  for (const own of ['AuthenticateResponse', 'GetAccessTokenResponse'])
    if (draft.types.get(own)?.kind === 'class') reach({ kind: 'named', name: own }, own);

  const hasSchema = (name: string) => lookup(name) !== undefined && lookup(name)?.kind !== 'interface';
  const ctx: SchemaContext = { api: draft.id, textCase, hasSchema };
  const xmlNamespaces = resolveXmlNamespaces(draft, flats, owner);
  const schemas = new Map<string, JsonSchema>();
  for (const [name, def] of enums)
    schemas.set(
      name,
      enumSchema(name, def.enumValues ?? [], ctx, { 'x-xml-namespace': xmlNamespaces[name] }, def.enumNumbers),
    );
  for (const [name, flat] of flats) {
    const builtin = BUILTIN_TYPES.find((b) => b.name === name);
    const extra: Partial<JsonSchema> = { 'x-xml-namespace': xmlNamespaces[name] };
    if (builtin?.xmlOrder) extra['x-xml-order'] = builtin.xmlOrder;
    schemas.set(name, classSchema(flat, ctx, extra));
  }
  // A response that is no DTO (`IReturn<string>`, `IReturn<byte[]>`, `IReturn<Stream>`, `IReturn<List<string>>`)
  // still gets a schema file, named as instances are (`String`, `Bytes`, `ArrayOfString`): the manifest's
  // `response` always names a file, and the responder reads from it how to write the answer.
  for (const entry of resolved) {
    if (entry?.responseRef && entry.responseRef.kind !== 'named' && !schemas.has(entry.response!))
      schemas.set(entry.response!, valueSchema(entry.response!, entry.responseRef, ctx));
  }

  for (const entry of resolved) {
    if (!entry) continue;
    const { op, flat, shape, response } = entry;
    const autoQuery = shape ? bindAutoQuery(op, shape, flat, flats, schemas, textCase, diagnostics) : null;
    // AutoQuery CRUD answers a missing key itself (400 ArgumentNullException naming it), so its route variables are
    // not required by the schema: a predefined route (`/api/PatchBooking`) carries none of them.
    if (!autoQuery) markRouteVariablesRequired(op, flat, schemas.get(op.name)!, textCase);
    checkSamples(op, schemas, response, diagnostics);
    const tenantProperty =
      flat.interfaces.some((i) => TENANT_MARKERS.has(i.name)) ||
      flat.properties.some((p) => TENANT_PROPERTIES.includes(p.name.toLowerCase()))
        ? propertyWireName(
            flat.properties.find((p) => TENANT_PROPERTIES.includes(p.name.toLowerCase())) ?? { name: 'OrganisationId' },
            textCase,
          )
        : null;
    const parameters: Record<string, ParamLocation> = {};
    for (const p of flat.properties) parameters[propertyWireName(p, textCase)] = p.location ?? defaultLocation(op);
    for (const variable of routeVariables(op)) {
      const prop = flat.properties.find((p) => p.name.toLowerCase() === variable.toLowerCase());
      if (prop) parameters[propertyWireName(prop, textCase)] = 'path';
    }
    operations.push({
      name: op.name,
      request: op.name,
      response,
      routes: op.routes,
      primaryVerb: primaryVerb(op, flat, autoQuery?.action),
      auth: withStyle(op.auth),
      tenantProperty,
      parameters,
      state: autoQuery
        ? autoQueryState(autoQuery)
        : inferState({
            operation: op.name,
            routes: op.routes,
            requestType: op.name,
            responseType: response,
            schemaOf: (t) => schemas.get(t),
          }),
      autoQuery,
      sources: [...op.sources].sort(),
    });
  }

  const manifest: ApiManifest = {
    api: draft.id,
    title: draft.title,
    host: draft.host,
    locale: localeOfHost(draft.host),
    textCase,
    xmlNamespaces,
    operations,
    types: [...schemas.keys()].sort(),
  };
  return { manifest, schemas, diagnostics, inferred };
};

/** The sample values that show a type, below the DTO each sample is of: the request, or what it answers. */
const sampleHints = (draft: ApiDraft): SampleHint[] =>
  [...draft.operations.values()].flatMap((op) => {
    const chain: TypeDef[] = [];
    for (let t = draft.types.get(op.name); t && !chain.includes(t); t = t.inherits && draft.types.get(t.inherits.name))
      chain.push(t);
    const returned = chain.flatMap((t) => t.implements ?? []).find((i) => i.name === 'IReturn')?.args?.[0];
    const stem = op.name.replace(/Request$/, '');
    const response =
      returned?.kind === 'named'
        ? returned.name
        : [op.responseHint, `${stem}Response`, `${op.name}Response`].find((n) => n && draft.types.has(n));
    return op.sampleTypes.flatMap(({ side, path, type }) => {
      const root = side === 'request' ? op.name : response;
      return root ? [{ root, path, type }] : [];
    });
  });

/** An Australian host (`staging-api.billiecart.com.au`) gets Australian names, states and phone numbers. */
export const localeOfHost = (host: string | null): ApiLocale =>
  /\.au\.?(:\d+)?$/i.test(host ?? '') ? 'en-AU' : 'en-US';

const responseOf = (op: OperationDraft, flat: FlatType, lookup: (n: string) => TypeDef | undefined): TypeRef | null => {
  const ireturn = flat.interfaces.find((i) => i.name === 'IReturn' && i.args.length === 1);
  if (ireturn?.args[0]) return ireturn.args[0];
  if (flat.interfaces.some((i) => i.name === 'IReturnVoid')) return null;
  const stem = op.name.replace(/Request$/, '');
  for (const candidate of [op.responseHint, `${stem}Response`, `${op.name}Response`]) {
    if (candidate && lookup(candidate)) return { kind: 'named', name: candidate };
  }
  // A resource DTO used as its own operation (`Customer` on `/Customer/{Id}`) answers with itself.
  if (flat.properties.some((p) => p.name.toLowerCase() === 'id')) return { kind: 'named', name: op.name };
  return null;
};

/** ServiceStack's GetParamType: `query` when no route allows POST or PUT (All Verbs counts as neither), else `body`. */
const defaultLocation = (op: OperationDraft): ParamLocation =>
  op.routes.length && !op.routes.some((r) => r.verbs.includes('POST') || r.verbs.includes('PUT')) ? 'query' : 'body';

/** An `IVerb` marker, else the first route's verb, else the verb ServiceStack's clients pick for the CRUD action. */
const primaryVerb = (op: OperationDraft, flat: FlatType, action: CrudAction | undefined): Verb => {
  for (const i of flat.interfaces) if (VERB_MARKERS[i.name]) return VERB_MARKERS[i.name]!;
  return op.routes.find((r) => r.verbs.length)?.verbs[0] ?? (action ? CRUD_VERBS[action] : 'POST');
};

/** The manifest's `autoQuery`, or null (with a warning) when the table type is not one the API defines. */
const bindAutoQuery = (
  op: OperationDraft,
  shape: AutoQueryShape,
  request: FlatType,
  flats: Map<string, FlatType>,
  schemas: Map<string, JsonSchema>,
  textCase: 'camel' | 'pascal',
  diagnostics: Diagnostic[],
): AutoQueryBinding | null => {
  const tableName = instanceName(shape.table);
  const table = flats.get(tableName);
  const schema = schemas.get(tableName);
  const key = table && tableKey(table, textCase);
  if (!table || !schema || !key) {
    diagnostics.push({
      severity: 'warning',
      file: op.origin?.file ?? op.sources[0] ?? op.name,
      line: op.origin?.line ?? 1,
      message: `${op.name} is an AutoQuery ${shape.action} of '${tableName}', a type with no properties in these files; it is served as an ordinary operation`,
    });
    return null;
  }
  return autoQueryBinding(shape, request, schema, key, textCase);
};

const routeVariables = (op: OperationDraft): string[] => [
  ...new Set(op.routes.flatMap((r) => [...r.path.matchAll(/\{([^}*:?]+)/g)].map((m) => m[1] ?? ''))),
];

/** A variable every route of the operation carries cannot be absent. */
const markRouteVariablesRequired = (
  op: OperationDraft,
  flat: FlatType,
  schema: JsonSchema,
  textCase: 'camel' | 'pascal',
): void => {
  if (!op.routes.length) return;
  for (const variable of routeVariables(op)) {
    if (!op.routes.every((r) => new RegExp(`\\{${variable}[}*:?]`, 'i').test(r.path))) continue;
    const prop = flat.properties.find((p) => p.name.toLowerCase() === variable.toLowerCase());
    if (!prop) continue;
    const name = propertyWireName(prop, textCase);
    schema.required = [...new Set([...(schema.required ?? []), name])];
  }
};

const checkSamples = (
  op: OperationDraft,
  schemas: Map<string, JsonSchema>,
  response: string | null,
  diagnostics: Diagnostic[],
): void => {
  const check = (samples: OperationDraft['sampleRequestKeys'], type: string | null) => {
    const known = new Set(Object.keys((type && schemas.get(type)?.properties) || {}).map((k) => k.toLowerCase()));
    for (const s of samples) {
      for (const key of s.keys) {
        if (!known.has(key.toLowerCase())) {
          diagnostics.push({
            severity: 'warning',
            file: s.file,
            line: s.line,
            message: `sample property '${key}' is not a member of ${type ?? 'the response'}`,
          });
        }
      }
    }
  };
  check(op.sampleRequestKeys, op.name);
  check(op.sampleResponseKeys, response);
};

const resolveXmlNamespaces = (
  draft: ApiDraft,
  flats: Map<string, FlatType>,
  owner: Map<string, string>,
): Record<string, string> => {
  const known = new Map(draft.xmlNamespaces);
  for (const { owner: ownerName, member, namespace } of draft.xmlMembers) {
    const prop = flats.get(ownerName)?.properties.find((p) => p.name.toLowerCase() === member.toLowerCase());
    if (prop?.type.kind === 'named' && !known.has(instanceName(prop.type)))
      known.set(instanceName(prop.type), namespace);
  }
  const fallback = `http://schemas.datacontract.org/2004/07/${pascal(draft.title).replace(/Api$/i, '')}.ServiceModel`;
  const namespaceOf = (name: string, depth = 0): string => {
    const def = flats.get(name)?.def;
    if (def && BUILTIN_TYPES.some((b) => b.name === def.name)) return SERVICESTACK_XML_NAMESPACE;
    if (known.has(name)) return known.get(name)!;
    if (def?.namespace) return `http://schemas.datacontract.org/2004/07/${def.namespace}`;
    // A type no sample shows lives where the type that holds it lives (DataContract members share a namespace).
    const parent = owner.get(name);
    return parent && parent !== name && depth < 16 ? namespaceOf(parent, depth + 1) : fallback;
  };
  return Object.fromEntries([...flats.keys()].sort().map((name) => [name, namespaceOf(name)]));
};

/**
 * A guarded operation says how it refuses (README, Auth): the DTO file's marking, else `validator` —
 * metadata pages print the same "Requires Authentication" row for `[Authenticate]` and
 * `[ValidateIsAuthenticated]`, and a body that says why is what ssmock answered before the choice existed.
 */
const withStyle = ({ style, ...auth }: AuthRequirement): AuthRequirement =>
  auth.required ? { ...auth, style: style ?? 'validator' } : auth;
