/**
 * What every Add ServiceStack Reference generator shares (`<base>/types/{lang}`, README "Metadata surface"): the
 * query-string options ServiceStack's `NativeTypesBase` reads, the `Options:` header get-dtos parses back when it
 * updates a file, and the choice and order of the types to print from the served `MetadataTypes`.
 *
 * The header: get-dtos reads the lines after `BaseUrl:` up to the closing line, and sends back every line that does
 * not start with the language's comment prefix (`//`, `#`) as `Key=value` on the next update. So an option the
 * caller set is printed without the prefix (as ServiceStack's `defaultValue(k)` does), and every printed value is
 * one line: a value that could end the comment or start a new line is cut, never echoed.
 */
import type { MetadataOperationType, MetadataProperty, MetadataType, MetadataTypes } from './metadata-types.js';

/** The ServiceStack version the headers report: the generator release whose output this follows. */
export const GENERATOR_VERSION = '8.80';
/** At most this many names of `IncludeTypes` / `ExcludeTypes` are read: a longer list is a hostile one. */
export const MAX_OPTION_NAMES = 1000;
const MAX_OPTION_VALUE = 200;
/** A type name as IncludeTypes takes it: `Name`, `Name.*` (the type and what it references), `Name`1`. */
const TYPE_NAME = /^[A-Za-z_][\w`]*(\.\*)?$/;

export interface DtoOptions {
  /** Undefined when the caller sent none; empty when every name sent was unusable (then nothing matches). */
  includeTypes: string[] | undefined;
  excludeTypes: string[];
  /** `AddServiceStackTypes` as the caller sent it; undefined when not sent (each generator has its default). */
  addServiceStackTypes: boolean | undefined;
  /** Which options the caller set (their header line loses its comment prefix). */
  given: Set<string>;
  /** The caller's value of an option the generator only echoes, as one safe line. */
  echo: (name: string) => string | undefined;
}

/** One line of header text: no line breaks, nothing that closes a comment or a docstring, bounded. */
export const headerSafe = (text: string): string =>
  text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\*\/|"""|\*\)/g, '')
    .slice(0, MAX_OPTION_VALUE);

/** Reads the query-string options every `/types/{lang}` honours or echoes. */
export const dtoOptions = (query: Record<string, unknown>): DtoOptions => {
  const text = (k: string): string | undefined => {
    const v = query[k];
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  };
  const names = (k: string): string[] =>
    (text(k) ?? '')
      .split(',')
      .slice(0, MAX_OPTION_NAMES)
      .map((s) => s.trim().replace(/^\{(.*)\}$/, '$1'))
      .filter((s) => TYPE_NAME.test(s));
  const add = text('AddServiceStackTypes')?.toLowerCase();
  return {
    includeTypes: text('IncludeTypes')?.trim() ? names('IncludeTypes') : undefined,
    excludeTypes: names('ExcludeTypes'),
    addServiceStackTypes: add === undefined || add === '' ? undefined : add === 'true',
    given: new Set(Object.keys(query).filter((k) => text(k))),
    echo: (k) => {
      const v = text(k);
      return v === undefined ? undefined : headerSafe(v);
    },
  };
};

export interface HeaderStyle {
  open: string;
  close: string;
  /** What marks a default option line (`//`, `#`): get-dtos skips such lines. */
  off: string;
  /** Lines a generator prints after `Date:` (Swift's `SwiftVersion: 6.0`). */
  afterDate?: string[];
}

/** .NET's `bool.ToString()`, as the headers print booleans. */
export const dotnetBool = (b: boolean): string => (b ? 'True' : 'False');

/**
 * The `Options:` header: Date, Version, the tip, `BaseUrl:` (what get-dtos updates from), a blank line, then one
 * line per option, `off`-prefixed unless the caller set it. A set option the generator does not honour is printed
 * with the caller's value, so the next update sends it back unchanged.
 */
export const optionsHeader = (
  style: HeaderStyle,
  baseUrl: string,
  options: DtoOptions,
  lines: [name: string, value: string][],
  now: Date,
): string =>
  [
    `${style.open}`,
    `Date: ${now.toISOString().slice(0, 19).replace('T', ' ')}`,
    ...(style.afterDate ?? []),
    `Version: ${GENERATOR_VERSION}`,
    `Tip: To override a DTO option, remove "${style.off}" prefix before updating`,
    `BaseUrl: ${headerSafe(baseUrl)}`,
    '',
    ...lines.map(([name, value]) => {
      const given = options.given.has(name);
      const shown = given && !HONOURED.has(name) ? (options.echo(name) ?? value) : value;
      return `${given ? '' : style.off}${name}: ${shown}`;
    }),
    style.close,
  ].join('\n');
const HONOURED = new Set(['IncludeTypes', 'ExcludeTypes', 'AddServiceStackTypes']);

/** A C# type expression (`List<Order>`, `Nullable<Int32>`, `Dictionary<String,Object>`) → name + arguments. */
export interface TypeExpr {
  name: string;
  args: TypeExpr[];
}
export const parseTypeExpr = (text: string): TypeExpr => {
  let i = 0;
  const expr = (): TypeExpr => {
    const start = i;
    while (i < text.length && !'<>,'.includes(text[i]!)) i++;
    const name = text.slice(start, i).trim();
    const args: TypeExpr[] = [];
    if (text[i] === '<') {
      i++;
      for (;;) {
        args.push(expr());
        if (text[i] === ',') i++;
        else break;
      }
      i++; // '>'
    }
    return { name, args };
  };
  return expr();
};
export const genericName = (name: string): string => name.replace(/`\d+$/, '');
export const exprOf = (t: { name: string; genericArgs?: string[] }): TypeExpr => ({
  name: genericName(t.name),
  args: (t.genericArgs ?? []).map(parseTypeExpr),
});
export const propertyExpr = (p: MetadataProperty): TypeExpr => exprOf({ name: p.type, genericArgs: p.genericArgs });

/** The type names a type expression refers to (for `Name.*` and for dependency order). */
export const namesIn = (t: TypeExpr, out: Set<string>): Set<string> => {
  out.add(t.name.replace(/\[\]$/, ''));
  for (const a of t.args) namesIn(a, out);
  return out;
};

/** The types an API's `MetadataTypes` declares, by name, and what each refers to. */
export interface Declared {
  types: Map<string, MetadataType>;
  opByRequest: Map<string, MetadataOperationType>;
  referenced: (t: MetadataType) => Set<string>;
}

export const declaredTypes = (metadata: MetadataTypes): Declared => {
  const opByRequest = new Map(metadata.operations.map((o) => [o.request.name, o]));
  // Closed generic responses (`QueryResponse<Booking>`) are ServiceStack's own `QueryResponse<T>`, not API types.
  const isBuiltinResponse = (t: MetadataType): boolean => t.namespace === 'ServiceStack' && /`\d+$/.test(t.name);
  const responses = metadata.operations.flatMap((o) =>
    o.response && !isBuiltinResponse(o.response) ? [o.response] : [],
  );
  const requests = metadata.operations.map((o) => o.request);
  const types = new Map<string, MetadataType>();
  // A type that is both an operation's request and a response (`Customer : IReturn<Customer>`) is its request.
  for (const t of [...metadata.types, ...requests, ...responses]) if (!types.has(t.name)) types.set(t.name, t);
  const referenced = (t: MetadataType): Set<string> => {
    const out = new Set<string>();
    if (t.inherits) namesIn(exprOf(t.inherits), out);
    for (const i of t.implements ?? []) namesIn(exprOf(i), out);
    for (const p of t.properties ?? []) namesIn(propertyExpr(p), out);
    const returnType = opByRequest.get(t.name)?.returnType;
    if (returnType) namesIn(exprOf(returnType), out);
    return out;
  };
  return { types, opByRequest, referenced };
};

/**
 * The names IncludeTypes / ExcludeTypes leave (ServiceStack's `GetIncludeList`): IncludeTypes keeps the names given
 * (`Name.*` adds every type it references, transitively), ExcludeTypes removes names.
 */
export const chosenNames = (d: Declared, options: Pick<DtoOptions, 'includeTypes' | 'excludeTypes'>): Set<string> => {
  let chosen = [...d.types.keys()];
  if (options.includeTypes) {
    const picked = new Set<string>();
    const visit = (name: string, deep: boolean): void => {
      const t = d.types.get(name);
      if (!t || picked.has(name)) return;
      picked.add(name);
      if (deep) for (const r of d.referenced(t)) visit(r, true);
    };
    for (const n of options.includeTypes) visit(n.replace(/\.\*$/, ''), n.endsWith('.*'));
    chosen = chosen.filter((n) => picked.has(n));
  }
  const excluded = new Set(options.excludeTypes);
  return new Set(chosen.filter((n) => !excluded.has(n)));
};

/**
 * The chosen types in TypeScript's print order: types first, then responses, then requests, each base before the
 * classes extending it (a class cannot extend one declared further down a module).
 */
export const selectTypes = (
  d: Declared,
  options: Pick<DtoOptions, 'includeTypes' | 'excludeTypes'>,
): MetadataType[] => {
  const keep = chosenNames(d, options);
  const ordered: MetadataType[] = [];
  const place = (name: string): void => {
    const t = d.types.get(name);
    if (!t || !keep.delete(name)) return;
    if (t.inherits) place(t.inherits.name);
    ordered.push(t);
  };
  const isResponse = (n: string): boolean => [...d.opByRequest.values()].some((o) => o.response?.name === n);
  const rank = (n: string): number => (d.opByRequest.has(n) ? 2 : isResponse(n) ? 1 : 0);
  for (const n of [...keep].sort((a, b) => rank(a) - rank(b))) place(n);
  return ordered;
};

/**
 * The chosen types with every type after those it refers to (ServiceStack's `OrderTypesByDeps`), for languages
 * that evaluate a class's bases and annotations when the class is defined (Python). Cycles keep first-seen order.
 */
export const orderByDeps = (d: Declared, chosen: MetadataType[]): MetadataType[] => {
  const keep = new Set(chosen.map((t) => t.name));
  const ordered: MetadataType[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: MetadataType): void => {
    if (state.has(t.name)) return;
    state.set(t.name, 'visiting');
    for (const r of d.referenced(t)) {
      const dep = d.types.get(r);
      if (dep && keep.has(r) && r !== t.name) visit(dep);
    }
    state.set(t.name, 'done');
    ordered.push(t);
  };
  chosen.forEach(visit);
  return ordered;
};

/**
 * ServiceStack's `MetadataPropertyType.IsRequired()`: `[Required]`, or a value type that is not `Nullable<T>`
 * (an `int` always has a value). Generators mark the other properties optional or nullable.
 */
export const isRequiredProperty = (p: MetadataProperty): boolean =>
  p.isRequired === true || (p.isValueType === true && p.type !== 'Nullable`1');

/** ServiceStack.Interfaces' DTOs an API's contract may carry a copy of (its client libraries ship them). */
const SERVICESTACK_DTOS = new Set([
  'ResponseStatus',
  'ResponseError',
  'ErrorResponse',
  'EmptyResponse',
  'IdResponse',
  'StringResponse',
  'StringsResponse',
  'QueryBase',
  'QueryResponse',
  'AuditBase',
  'Authenticate',
  'AuthenticateResponse',
]);

/**
 * ServiceStack's own types (`ResponseStatus`, …). By name, not by namespace alone: ServiceStack's default XML
 * namespace (`http://schemas.servicestack.net/types`, which `MetadataTypes` reads as `ServiceStack`) is also every
 * API DTO's that declares none.
 */
export const isServiceStackType = (t: MetadataType): boolean =>
  t.namespace === 'ServiceStack' && SERVICESTACK_DTOS.has(genericName(t.name));

/**
 * The classes a typed-client generator (Java, Kotlin, Dart) prints: the chosen types less interfaces, the types its
 * client library already ships, and ServiceStack's own DTOs unless `AddServiceStackTypes` asks for them.
 */
export const classesToPrint = (d: Declared, options: DtoOptions, libraryTypes: ReadonlySet<string>): MetadataType[] =>
  selectTypes(d, options).filter(
    (t) =>
      !t.isInterface && !libraryTypes.has(t.name) && (options.addServiceStackTypes === true || !isServiceStackType(t)),
  );

/** .NET property name → snake_case as ServiceStack's `ToLowercaseUnderscore` (`AddressLine1` → `address_line1`). */
export const snakeCase = (name: string): string => {
  let out = '';
  for (const [i, c] of [...name].entries()) {
    const lower = c.toLowerCase();
    out += c !== lower && i > 0 && !/[\d_]/.test(c) ? `_${lower}` : lower;
  }
  return out;
};

/** An attribute a generator prints on a type: `[Route("/x", "POST")]`, `# @ValidateHasRole("manager")`. */
export interface DtoAttribute {
  name: string;
  args: string[];
}

/** The `[Route]` attributes of a request, in the metadata's order. */
export const routeAttributes = (op: MetadataOperationType | undefined): DtoAttribute[] =>
  (op?.routes ?? []).map((r) => ({ name: 'Route', args: r.verbs ? [r.path, r.verbs] : [r.path] }));

/**
 * What a request demands of a caller, as the attributes ServiceStack exports to DTOs (`NativeTypesFeature`'s
 * `ExportAttributes`: the `[Validate…]` ones). `[Authenticate]` / `[RequiredRole]` are not exported by ServiceStack,
 * so an operation guarded the attribute way (the manifest's `auth.style`, README "Auth") prints none, as the real
 * endpoint does; its page (`/json/metadata?op=`) still says "Requires Authentication".
 */
export const authAttributes = (op: MetadataOperationType | undefined, style: string | undefined): DtoAttribute[] => {
  if (!op?.requiresAuth || style === 'attribute') return [];
  const quoted = (names: string[]): string => names.map((n) => `'${n}'`).join(',');
  const out: DtoAttribute[] = [
    ...(op.requiredRoles ?? []).map((r) => ({ name: 'ValidateHasRole', args: [r] })),
    ...(op.requiredPermissions ?? []).map((p) => ({ name: 'ValidateHasPermission', args: [p] })),
    ...(op.requiresAnyRole?.length
      ? [{ name: 'ValidateRequest', args: [`HasAnyRole([${quoted(op.requiresAnyRole)}])`] }]
      : []),
    ...(op.requiresAnyPermission?.length
      ? [{ name: 'ValidateRequest', args: [`HasAnyPermission([${quoted(op.requiresAnyPermission)}])`] }]
      : []),
  ];
  return out.length ? out : [{ name: 'ValidateIsAuthenticated', args: [] }];
};

/** A C#-style string literal (also valid in Python comments and TypeScript). */
export const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
