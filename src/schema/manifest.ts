/**
 * The operations manifest (`schemas/<api>/manifest.json`): what derive learnt
 * about each operation and what the server routes, authorises and stores by.
 * It is the contract between the two halves of ssmock.
 */

export const PARAM_LOCATIONS = ['path', 'query', 'body', 'form'] as const;
/** Where a request property travels, as the page's parameter table says. */
export type ParamLocation = (typeof PARAM_LOCATIONS)[number];
export const isParamLocation = (v: unknown): v is ParamLocation => (PARAM_LOCATIONS as readonly unknown[]).includes(v);

/** The verbs ServiceStack's "All Verbs" stands for. */
export const ALL_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Verb = (typeof ALL_VERBS)[number];
export const isVerb = (v: unknown): v is Verb => (ALL_VERBS as readonly unknown[]).includes(v);

export interface Route {
  path: string;
  /** Empty means "All Verbs". */
  verbs: Verb[];
}

/** What `[Authenticate]`, `[RequiredRole]`, `[RequiresAnyRole]`, … (or the page's auth rows) demand of a caller. */
export interface AuthRequirement {
  required: boolean;
  roles: string[];
  anyRoles: string[];
  permissions: string[];
  anyPermissions: string[];
  /**
   * How a refusal is answered, as the marking ServiceStack runs: `attribute` (`[Authenticate]`,
   * `[RequiredRole]`, …: an empty 401/403 whose status line says why) or `validator`
   * (`[ValidateIsAuthenticated]`, `[ValidateHasRole]`, `ValidateRequest("IsAuthenticated")`: a
   * ResponseStatus body). Absent means `validator` (README, Auth).
   */
  style?: AuthStyle;
}

export const AUTH_STYLES = ['attribute', 'validator'] as const;
export type AuthStyle = (typeof AUTH_STYLES)[number];

export type StateEffect = 'create' | 'read' | 'update' | 'delete' | 'list' | 'read-or-list' | 'none';

export interface StateBinding {
  /** Collection name = the resource's DTO type (`Customer`). */
  resource: string;
  /** The resource's id property, wire name (`id`). */
  idProperty: string;
  /** JSON type of the id: string ids are UUIDs, integer ids count up. */
  idType: 'string' | 'integer';
  /** Property of the response that holds the resource (`customer`); null when the response is the resource. */
  resultProperty: string | null;
  /** Effect per verb the operation answers. */
  effects: Partial<Record<Verb, StateEffect>>;
}

export interface OperationManifest {
  name: string;
  /** Request DTO type (schema `<request>.json`). */
  request: string;
  /** Response DTO type, or null for a void operation (204). */
  response: string | null;
  routes: Route[];
  /** The verb the predefined routes document and `@servicestack/client` `send()` uses. */
  primaryVerb: Verb;
  auth: AuthRequirement;
  /** Wire name of the tenant property (`organisationId`), or null when untenanted. */
  tenantProperty: string | null;
  /** Wire property name → where the parameter table says it travels. */
  parameters: Record<string, ParamLocation>;
  state: StateBinding | null;
  /** What an AutoQuery operation (`QueryDb<T>`, `ICreateDb<T>`, …) does to its table; null for other operations. */
  autoQuery: AutoQueryBinding | null;
  /** The docs this operation was derived from (relative to the API folder). */
  sources: string[];
}

/** AutoQuery CRUD's interfaces and QueryDb, by what they do (ServiceStack's `AutoQueryFeature`, `AutoCrud`). */
export const CRUD_ACTIONS = ['query', 'create', 'update', 'patch', 'delete', 'save'] as const;
export type CrudAction = (typeof CRUD_ACTIONS)[number];

/** A declared filter property of a `QueryDb` request: the table field it filters and how (`=`, `GreaterThan`, `In`, …). */
export interface AutoQueryFilter {
  field: string;
  convention: string;
}

export interface AutoQueryBinding {
  action: CrudAction;
  /** The table (row) type: `T` of `QueryDb<T>`, `ICreateDb<T>`, …; `From` of `QueryDb<From, Into>`. */
  table: string;
  /** `Into` of `QueryDb<From, Into>`: the row type answered; null when rows are answered as the table type. */
  into: string | null;
  /** The table's primary key (wire name) and its JSON type: integer keys count up, string keys are seeded UUIDs. */
  idProperty: string;
  idType: 'string' | 'integer';
  /** Request property (wire name) → the filter it declares; queries only. */
  filters: Record<string, AutoQueryFilter>;
}

/** The locale an API's fake data is made in (names, addresses, states, phone numbers). */
export const API_LOCALES = ['en-AU', 'en-US'] as const;
export type ApiLocale = (typeof API_LOCALES)[number];

export interface ApiManifest {
  /** Folder id (`billiecart`). */
  api: string;
  /** The page title (`Billiecart API`). */
  title: string;
  /** Host the samples name (`staging-api.billiecart.com.au`), if any. */
  host: string | null;
  /** Derived from the host: an `.au` host gives `en-AU`, any other `en-US`. */
  locale: ApiLocale;
  /** Property casing on the JSON wire, from the samples. */
  textCase: 'camel' | 'pascal';
  /** XML default namespace per DTO type, from XML samples (`http://schemas.datacontract.org/2004/07/…`). */
  xmlNamespaces: Record<string, string>;
  operations: OperationManifest[];
  /** Every DTO type with a schema file `<Type>.json`. */
  types: string[];
}

export const SCHEMA_BASE = 'https://schemas.ssmock.dev';
export const schemaId = (api: string, type: string): string => `${SCHEMA_BASE}/${api}/${type}.json`;
