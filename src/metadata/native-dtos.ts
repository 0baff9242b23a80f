/**
 * What ServiceStack's Go, Rust and Zig generators (`/types/go`, `/types/rust`, `/types/zig`; README, "Metadata
 * surface") share: none prints interfaces or inheritance the C# way, each leaves out the types its client library
 * ships (`LibraryTypes`, unless an API type of its own shadows the name), orders what is left by dependencies
 * (`OrderTypesByDeps`), and prints attributes as comments (`// @Route("/x", "POST")`).
 */
import {
  authAttributes,
  isServiceStackType,
  orderByDeps,
  selectTypes,
  quote,
  routeAttributes,
  type Declared,
  type DtoAttribute,
  type DtoOptions,
} from './dto-options.js';
import { validateArgLists } from './validate-attributes.js';
import type { MetadataOperationType, MetadataProperty, MetadataType } from './metadata-types.js';

/** The library types Go's and Rust's generators reference instead of printing (`GoGenerator.LibraryTypes`). */
export const GO_RUST_LIBRARY_TYPES: readonly string[] = [
  'ResponseStatus',
  'ResponseError',
  'EmptyResponse',
  'IdResponse',
  'StringResponse',
  'StringsResponse',
  'AuditBase',
  'QueryBase',
  'QueryData',
  'QueryDb',
  'QueryResponse',
  'Authenticate',
  'AuthenticateResponse',
  'Register',
  'RegisterResponse',
  'AssignRoles',
  'AssignRolesResponse',
  'UnAssignRoles',
  'UnAssignRolesResponse',
  'ConvertSessionToToken',
  'ConvertSessionToTokenResponse',
  'GetAccessToken',
  'GetAccessTokenResponse',
  'GetApiKeys',
  'GetApiKeysResponse',
  'RegenerateApiKeys',
  'RegenerateApiKeysResponse',
  'UserApiKey',
  'NavItem',
  'GetNavItems',
  'GetNavItemsResponse',
];

/** The .NET collections every one of these generators prints as a list / a map (`ArrayTypes`, `DictionaryTypes`). */
export const LISTS = new Set(['List', 'IEnumerable', 'ICollection', 'HashSet', 'Queue', 'Stack', 'IList']);
export const DICTIONARIES = new Set([
  'Dictionary',
  'IDictionary',
  'IOrderedDictionary',
  'OrderedDictionary',
  'StringDictionary',
]);

const stripArity = (name: string): string => name.replace(/`\d+$/, '');

/** The library types in use: those no type of the API's own (outside ServiceStack's namespace) shadows. */
export const libraryTypesInUse = (d: Declared, library: readonly string[]): Set<string> => {
  const own = new Set(
    [...d.types.values()].filter((t) => t.namespace !== 'ServiceStack').map((t) => stripArity(t.name)),
  );
  return new Set(library.filter((n) => !own.has(n)));
};

/**
 * The types to print, in print order: IncludeTypes / ExcludeTypes applied, ServiceStack's own DTOs only with
 * `AddServiceStackTypes=true` (as every ssmock generator does), no interfaces, no library types, bases before the
 * types extending them and every type after those it refers to.
 */
export const nativeTypesToPrint = (d: Declared, options: DtoOptions, library: ReadonlySet<string>): MetadataType[] => {
  const chosen = selectTypes(d, options).filter(
    (t) =>
      !t.isInterface &&
      !library.has(stripArity(t.name)) &&
      (options.addServiceStackTypes === true || !isServiceStackType(t)),
  );
  return orderByDeps(d, chosen);
};

/** ServiceStack's `ToPascalCase`: `tool_calls` → `ToolCalls`, `firstName` → `FirstName`. */
export const pascalCase = (name: string): string =>
  name
    .split('_')
    .filter((p) => p)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('') || name;

/** ServiceStack's `ToCamelCase` as these generators use it: the first letter lowered. */
export const camelCase = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** A type's attributes as the generators print them: its routes (`Route(path, verbs)`), then the exported ones. */
export const typeAttributes = (
  op: MetadataOperationType | undefined,
  authStyle: string | undefined,
): DtoAttribute[] => [...routeAttributes(op), ...authAttributes(op, authStyle)];

/**
 * `@Route("/x", "POST")`, `@ValidateIsAuthenticated()` (Go, Zig) or, `bare`, Rust's `Route("/x", "POST")` and
 * `ValidateIsAuthenticated`: constructor arguments quoted, in order.
 */
export const attributeText = (a: DtoAttribute, bare: boolean): string =>
  a.args.length || !bare ? `${bare ? '' : '@'}${a.name}(${a.args.map(quote).join(', ')})` : a.name;

/** A property's exported `[Validate]` attributes: `@Validate(Validator="NotEmpty")`. */
export const validateTexts = (p: MetadataProperty, bare: boolean): string[] =>
  validateArgLists(p).map((args) => `${bare ? '' : '@'}Validate(${args})`);

/** One line of comment text: no line breaks, nothing that would end a block comment. */
export const safeComment = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /');

/** A wire enum member as an identifier, and the wire value to keep when it is not one (`Not-Set` → `Not_Set`). */
export const enumIdentifier = (name: string): { id: string; wire?: string } =>
  /^[A-Za-z_]\w*$/.test(name) ? { id: name } : { id: name.replace(/\W/g, '_').replace(/^(\d)/, '_$1'), wire: name };
