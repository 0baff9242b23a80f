/**
 * The `/types/metadata` JSON (ServiceStack's `MetadataTypes`: `{ config,
 * namespaces, types, operations }`) → the IR. Names and types are .NET's
 * (`String`, `List`1` + genericArgs, `Nullable`1`, `String[]`), so every type
 * is rebuilt as a C# expression and read by the C# type parser.
 *
 * Parsed by a small JSON reader that remembers the line of every object, so a
 * malformed document or a wrong shape is reported as file:line, never thrown.
 */
import { parseVerbs } from './dto/attributes.js';
import { metadataValidators } from './dto/validate-attributes.js';
import { setEnumNumbers } from './dto/enum-values.js';
import { parseTypeExpr } from './dto/type-expr.js';
import type { Diagnostic, Property, TypeDef, TypeRef } from './model.js';
import type { AuthRequirement, ParamLocation, Route } from '../schema/manifest.js';

export interface MetadataOperation {
  name: string;
  routes: Route[];
  auth: AuthRequirement;
  /** The response as a C# type expression (`CreateCustomerResponse`, `QueryResponse<Order>`). */
  responseType?: string;
  returnsVoid?: boolean;
  /** The verb ServiceStack reports for the request DTO (`POST`), from its `IPost`-style marker. */
  method?: string;
}

export interface MetadataTypesResult {
  types: TypeDef[];
  operations: MetadataOperation[];
  diagnostics: Diagnostic[];
}

type Json = null | boolean | number | string | Json[] | JsonObject;
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (o: JsonObject, key: string): string | undefined => (typeof o[key] === 'string' ? o[key] : undefined);
const texts = (o: JsonObject, key: string): string[] => {
  const v = o[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
const list = (o: JsonObject, key: string): Json[] => {
  const v = o[key];
  return Array.isArray(v) ? v : [];
};

const KEY_ATTRIBUTES = new Set(['PrimaryKey', 'AutoIncrement']);
/** .NET's generic arity suffix: `List`1` → `List`. */
const bare = (name: string): string => name.replace(/`\d+/g, '');
/**
 * A generic argument. An array of nullables is printed `Nullable`1[]` with its element's argument lost
 * (`Type.GetOperationName`), so its items can only be read as objects.
 */
const argumentExpr = (arg: string): string => bare(arg).replace(/\bNullable(?=\s*(\[|,|>|$))/g, 'Object');
/**
 * `List`1` + `["Order"]` → `List<Order>`; nested arguments already read `List<Order>`. An array's arguments are
 * its element's: `Nullable`1[]` + `["Int32"]` (an `int?[]`) → `Nullable<Int32>[]`.
 */
const csharpExpr = (name: string, args: string[]): string => {
  const array = /(\[\])+$/.exec(name)?.[0] ?? '';
  const head = bare(name.slice(0, name.length - array.length));
  return (args.length ? `${head}<${args.map(argumentExpr).join(',')}>` : argumentExpr(head)) + array;
};
/** Generic parameters (`T`, `TResponse`) as opposed to the arguments of a closed generic (`Order`). */
const isParamName = (name: string): boolean => /^T([A-Z0-9]\w*)?$/.test(name);
/** Primitives that are .NET reference types: nullable without `Nullable<>`. */
const REFERENCE_PRIMITIVES = new Set(['string', 'bytes', 'object']);
const LOCATIONS = new Set<string>(['path', 'query', 'body', 'form']);

export const parseMetadataTypesJson = (source: string, file: string): MetadataTypesResult => {
  const result: MetadataTypesResult = { types: [], operations: [], diagnostics: [] };
  const parsed = readJson(source);
  if ('error' in parsed) {
    result.diagnostics.push({
      severity: 'error',
      file,
      line: parsed.line,
      message: `expected the /types/metadata JSON; ${parsed.error}`,
    });
    return result;
  }
  const { lines } = parsed;
  const lineOf = (v: Json | undefined, fallback = 1): number =>
    typeof v === 'object' && v !== null ? (lines.get(v) ?? fallback) : fallback;
  const report = (severity: Diagnostic['severity'], at: Json | undefined, message: string): void => {
    result.diagnostics.push({ severity, file, line: lineOf(at), message });
  };
  // `/metadata/app` wraps the same document in `api`.
  const root = isObject(parsed.value) && isObject(parsed.value['api']) ? parsed.value['api'] : parsed.value;
  if (!isObject(root) || !Array.isArray(root['types']) || !Array.isArray(root['operations'])) {
    report('error', root, "expected the /types/metadata JSON: an object with 'types' and 'operations' arrays");
    return result;
  }

  const typeRef = (expr: string, at: Json): ReturnType<typeof parseTypeExpr> => {
    const t = parseTypeExpr(expr, 'csharp');
    if (!t) report('error', at, `expected a .NET type name, found '${expr}'`);
    return t;
  };
  const args = (o: JsonObject): TypeRef[] => texts(o, 'genericArgs').flatMap((a) => typeRef(a, o)?.type ?? []);
  const named = (o: Json): { name: string; args?: TypeRef[] } | undefined => {
    if (!isObject(o) || !text(o, 'name')) return undefined;
    const a = args(o);
    return a.length ? { name: bare(text(o, 'name')!), args: a } : { name: bare(text(o, 'name')!) };
  };

  /** `[Validate(…)]` attributes (README, "Declarative validators"); what cannot be enforced is a warning. */
  const addValidators = (prop: Property, p: JsonObject, owner: string): void => {
    const declared = metadataValidators(p['attributes']);
    if (declared.rules.length) prop.validators = declared.rules;
    for (const w of declared.warnings) report('warning', p, `ignored validator on ${owner}.${prop.name}: ${w}`);
  };

  const property = (p: Json, owner: string): Property | undefined => {
    const name = isObject(p) ? text(p, 'name') : undefined;
    const type = isObject(p) ? text(p, 'type') : undefined;
    if (!isObject(p) || !name || !type) {
      report('error', p, `expected a property of ${owner} with 'name' and 'type'`);
      return undefined;
    }
    const parsedType = typeRef(csharpExpr(type, texts(p, 'genericArgs')), p);
    if (!parsedType) return undefined;
    const t = parsedType.type;
    const valueType =
      p['isValueType'] === true ||
      p['isEnum'] === true ||
      (t.kind === 'primitive' && !REFERENCE_PRIMITIVES.has(t.name));
    const dataMember = isObject(p['dataMember']) ? p['dataMember'] : {};
    const prop: Property = {
      name,
      type: t,
      nullable: parsedType.nullable || !valueType,
      required: p['isRequired'] === true || dataMember['isRequired'] === true,
      line: lineOf(p),
    };
    if (text(p, 'description')) prop.description = text(p, 'description');
    addValidators(prop, p, owner);
    const alias = text(dataMember, 'name');
    if (alias) prop.dataMemberName = alias;
    if (
      p['isPrimaryKey'] === true ||
      list(p, 'attributes').some((a) => isObject(a) && KEY_ATTRIBUTES.has(text(a, 'name') ?? ''))
    )
      prop.primaryKey = true;
    const location = text(p, 'paramType')?.toLowerCase();
    if (location && LOCATIONS.has(location)) prop.location = location as ParamLocation;
    return prop;
  };

  /** Names and wire values; the numbers too when ServiceStack writes the enum as numbers. */
  const enumMembers = (m: JsonObject, def: TypeDef): void => {
    const name = def.name;
    const names = texts(m, 'enumNames');
    const wire = list(m, 'enumMemberValues');
    if (!names.length) report('warning', m, `expected enumNames on the enum ${name}`);
    // `[EnumMember(Value=…)]` replaces the member name on the wire.
    def.enumValues = names.map((n, i) => (typeof wire[i] === 'string' && wire[i] !== '' ? (wire[i] as string) : n));
    // `isEnumInt` ([Flags], TreatEnumAsInteger): written as its numbers, listed in `enumValues` as text.
    if (m['isEnumInt'] === true) {
      const values = texts(m, 'enumValues');
      const unread = setEnumNumbers(
        def,
        names.map((n, i) => (values[i] ? { name: n, value: [values[i]] } : { name: n })),
      );
      if (unread) report('warning', m, `expected an integer in enumValues for ${name}.${unread}; written by name`);
    }
  };

  const typeDef = (m: Json): TypeDef | undefined => {
    const rawName = isObject(m) ? text(m, 'name') : undefined;
    if (!isObject(m) || !rawName) {
      report('error', m, "expected a MetadataType with a 'name'");
      return undefined;
    }
    const name = bare(rawName);
    const kind = m['isEnum'] === true ? 'enum' : m['isInterface'] === true ? 'interface' : 'class';
    const def: TypeDef = {
      name,
      kind,
      properties: list(m, 'properties').flatMap((p) => property(p, name) ?? []),
      line: lineOf(m),
    };
    const params = texts(m, 'genericArgs');
    if (params.length && (m['isGenericTypeDef'] === true || params.every(isParamName))) def.genericParams = params;
    const base = named(m['inherits'] ?? null);
    if (base && base.name !== 'Object') def.inherits = base;
    const ifaces = list(m, 'implements').flatMap((i) => named(i) ?? []);
    if (ifaces.length) def.implements = ifaces;
    if (kind === 'enum') enumMembers(m, def);
    if (text(m, 'namespace')) def.namespace = text(m, 'namespace');
    if (text(m, 'description')) def.description = text(m, 'description');
    return def;
  };

  const seen = new Set<string>();
  const addType = (m: Json): void => {
    // A closed generic (`QueryResponse`1` of `Order`) is a use of a type, not a definition.
    if (
      isObject(m) &&
      texts(m, 'genericArgs').length &&
      m['isGenericTypeDef'] !== true &&
      !texts(m, 'genericArgs').every(isParamName)
    )
      return;
    const def = typeDef(m);
    if (def && !seen.has(def.name)) {
      seen.add(def.name);
      result.types.push(def);
    }
  };
  for (const m of root['types'] as Json[]) addType(m);

  for (const op of root['operations'] as Json[]) {
    const request = isObject(op) ? op['request'] : undefined;
    if (!isObject(op) || !isObject(request) || !text(request, 'name')) {
      report('error', op, "expected an operation with a 'request' type that has a 'name'");
      continue;
    }
    addType(request);
    const operation: MetadataOperation = {
      name: bare(text(request, 'name')!),
      routes: routes(op, request, report),
      auth: auth(op),
    };
    const responseType = answeredType(op, addType);
    if (responseType) operation.responseType = responseType;
    if (op['returnsVoid'] === true) operation.returnsVoid = true;
    if (text(op, 'method')) operation.method = text(op, 'method')!.toUpperCase();
    result.operations.push(operation);
  }
  return result;
};

type Report = (severity: Diagnostic['severity'], at: Json | undefined, message: string) => void;

/**
 * The type an operation answers, as a C# type expression. `response` is the response's type definition: for a
 * generic one (`QueryResponse`1` of `T`) its properties are already those of this operation's instance, so only
 * `returnType` (`QueryResponse`1` of `Booking`) says which instance is answered, and the definition is left to
 * `types` or the built-ins.
 */
const answeredType = (op: JsonObject, addType: (m: Json) => void): string | undefined => {
  const response = isObject(op['response']) && text(op['response'], 'name') ? op['response'] : undefined;
  const returnType = isObject(op['returnType']) && text(op['returnType'], 'name') ? op['returnType'] : undefined;
  if (response && !(returnType && texts(response, 'genericArgs').length)) addType(response);
  const answered = returnType ?? response;
  return answered && csharpExpr(text(answered, 'name')!, texts(answered, 'genericArgs'));
};

/** `routes: [{ path, verbs: "GET,POST" }]`; older servers put them on the request type. No verbs means all verbs. */
const routes = (op: JsonObject, request: JsonObject, report: Report): Route[] => {
  const raw = Array.isArray(op['routes']) ? op['routes'] : list(request, 'routes');
  return raw.flatMap((r) => {
    const path = isObject(r) ? text(r, 'path') : undefined;
    if (!isObject(r) || !path) {
      report('error', r, "expected a route with a 'path'");
      return [];
    }
    const { verbs, unknown } = parseVerbs(text(r, 'verbs'));
    if (unknown.length) report('warning', r, `ignored unknown verbs ${unknown.join(', ')} on route ${path}`);
    return [{ path, verbs }];
  });
};

/** Only what the document states; a role or permission implies an authenticated caller, as in ServiceStack. */
const auth = (op: JsonObject): AuthRequirement => {
  const a: AuthRequirement = {
    required: op['requiresAuth'] === true,
    roles: texts(op, 'requiredRoles'),
    anyRoles: texts(op, 'requiresAnyRole'),
    permissions: texts(op, 'requiredPermissions'),
    anyPermissions: texts(op, 'requiresAnyPermission'),
  };
  if (a.roles.length || a.anyRoles.length || a.permissions.length || a.anyPermissions.length) a.required = true;
  return a;
};

/** Strict JSON → value, with the 1-based line where each object and array starts. */
const readJson = (
  source: string,
): { value: Json; lines: WeakMap<object, number> } | { error: string; line: number } => {
  const lines = new WeakMap<object, number>();
  const src = source.replace(/^\uFEFF/, '');
  let pos = 0;
  let line = 1;
  const fail = (expected: string): never => {
    const c = src.charAt(pos);
    // A control character is shown escaped so the diagnostic stays on one line.
    const found = pos >= src.length ? 'the end of the file' : c < ' ' ? JSON.stringify(c) : `'${c}'`;
    throw new SyntaxError(`expected ${expected}, found ${found}`);
  };
  const skip = (): void => {
    for (; pos < src.length; pos++) {
      const c = src[pos];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
    }
  };
  const token = (re: RegExp, expected: string): string => {
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) return fail(expected);
    pos = re.lastIndex;
    return m[0];
  };
  const eat = (c: string): void => {
    skip();
    if (src[pos] !== c) fail(`'${c}'`);
    pos++;
  };
  const STRING = /"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const string = (): string => {
    const start = pos;
    const raw = token(STRING, 'a string');
    // JSON strings hold no raw control characters (a raw newline would also put every later line off by one).
    const bad = [...raw].findIndex((c) => c.charCodeAt(0) < 0x20);
    if (bad >= 0) {
      pos = start + bad;
      fail('a control character written as an escape');
    }
    return JSON.parse(raw) as string;
  };
  const value = (): Json => {
    skip();
    const at = line;
    if (src[pos] === '"') return string();
    if (src[pos] !== '{' && src[pos] !== '[') return JSON.parse(token(SCALAR, 'a JSON value')) as Json;
    const close = src[pos] === '{' ? '}' : ']';
    // A null prototype keeps a `__proto__` key an ordinary property.
    const out: Json[] | JsonObject = close === ']' ? [] : (Object.create(null) as JsonObject);
    lines.set(out, at);
    pos++;
    skip();
    if (src[pos] === close) {
      pos++;
      return out;
    }
    for (;;) {
      if (Array.isArray(out)) out.push(value());
      else {
        skip();
        if (src[pos] !== '"') fail('a property name in double quotes');
        const key = string();
        eat(':');
        out[key] = value();
      }
      skip();
      if (src[pos] !== ',') break;
      pos++;
    }
    if (src[pos] !== close) fail(`',' or '${close}'`);
    pos++;
    return out;
  };
  try {
    const result = value();
    skip();
    if (pos < src.length) fail('the end of the file');
    return { value: result, lines };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), line };
  }
};
