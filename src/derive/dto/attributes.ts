/**
 * ServiceStack attributes as the generators print them — C# `[Route("/x", "GET")]`,
 * Java/Kotlin `@Route(Path="/x", Verbs="GET")`, and the `// @Route(...)` /
 * `# @Route(...)` comments of TypeScript, Swift, Dart and Python — read into
 * one shape and applied to types (routes, auth, description) and properties
 * (required, description, location).
 */
import { type Property, type TypeDef } from '../model.js';
import { ALL_VERBS, type AuthRequirement, type AuthStyle, type Verb } from '../../schema/manifest.js';
import { skipBalanced, splitTopLevel, tokenize, type Token } from './brace-scanner.js';
import { validatorRulesOf } from './validate-attributes.js';

export type AttrValue = string | string[];

export interface Attribute {
  /** Without an `Attribute` suffix: `Route`, `ApiMember`. */
  name: string;
  positional: AttrValue[];
  /** Named arguments, keys as written (`IsRequired`, `Verbs`). */
  named: Record<string, AttrValue>;
  line: number;
}

/** Reads `Name` or `Name(args)` at `i` (the token after `@` or `[`); returns the index after it. */
export function readAttribute(tokens: Token[], i: number): { attr?: Attribute; next: number } {
  const nameTok = tokens[i];
  if (!nameTok || nameTok.kind !== 'ident') return { next: i };
  let k = i + 1;
  let name = nameTok.text;
  // Qualified (`ServiceStack.Route`) or Kotlin use-site (`field:SerializedName`) names: keep the last part.
  while ((tokens[k]?.text === '.' || tokens[k]?.text === ':') && tokens[k + 1]?.kind === 'ident') {
    name = tokens[k + 1]?.text ?? name;
    k += 2;
  }
  // Dart prints argument-less attributes camelCased (`// @authenticate()`), Python decorators are lower-case.
  const pascal = name.charAt(0).toUpperCase() + name.slice(1).replace(/Attribute$/, '');
  const attr: Attribute = { name: pascal, positional: [], named: {}, line: nameTok.line };
  if (tokens[k]?.text === '(') {
    const end = skipBalanced(tokens, k);
    readArgs(tokens.slice(k + 1, end - 1), attr);
    k = end;
  }
  return { attr, next: k };
}

function readArgs(tokens: Token[], attr: Attribute): void {
  for (const arg of splitTopLevel(tokens.filter((t) => t.kind !== 'comment'))) {
    const [first, second] = arg;
    const isNamed = first?.kind === 'ident' && (second?.text === '=' || second?.text === ':') && arg.length > 2;
    const value = argValue(isNamed ? arg.slice(2) : arg);
    if (isNamed && first) attr.named[first.text] = value;
    else attr.positional.push(value);
  }
}

/** A string literal, an array of them (`new[]{"a","b"}`, `["a","b"]`), or the raw text of anything else. */
function argValue(tokens: Token[]): AttrValue {
  const [only] = tokens;
  if (tokens.length === 1 && only) return only.text;
  const strings = tokens.filter((t) => t.kind === 'string');
  const isArray = tokens.some((t) => t.text === '{' || t.text === '[');
  if (isArray) return strings.map((t) => t.text);
  return tokens.map((t) => t.text).join('');
}

/** `[A, B(x)] [C]` groups (C#) starting at `i`; returns the attributes and the index after the last group. */
export function readBracketAttributes(tokens: Token[], i: number): { attrs: Attribute[]; next: number } {
  const attrs: Attribute[] = [];
  let k = i;
  while (tokens[k]?.text === '[' && tokens[k]?.kind === 'punct') {
    const end = skipBalanced(tokens, k);
    for (const part of splitTopLevel(tokens.slice(k + 1, end - 1))) {
      const { attr } = readAttribute(part, 0);
      if (attr) attrs.push(attr);
    }
    k = end;
  }
  return { attrs, next: k };
}

/** `@A @B(x)` annotations (Java, Kotlin, Swift property wrappers) starting at `i`. */
export function readAnnotations(tokens: Token[], i: number): { attrs: Attribute[]; next: number } {
  const attrs: Attribute[] = [];
  let k = i;
  while (tokens[k]?.text === '@' && tokens[k + 1]?.kind === 'ident') {
    const { attr, next } = readAttribute(tokens, k + 1);
    if (attr) attrs.push(attr);
    k = next;
  }
  return { attrs, next: k };
}

/** `// @Route("/x", "GET")`, `# @ApiMember(IsRequired=true)`: an attribute printed as a comment. */
export function attributeFromComment(text: string, line: number): Attribute | undefined {
  const m = /^\s*@(\w[\w.:]*)\s*(\(.*\))?\s*;?\s*$/s.exec(text);
  if (!m) return undefined;
  // Generators print attribute values raw (`RegularExpression(′^\d+$′)`, never a `\"`): a backslash is itself.
  const { tokens } = tokenize(`${m[1]}${(m[2] ?? '').replace(/\\/g, '\\\\')}`, '', line);
  return readAttribute(tokens, 0).attr;
}

/** Attributes printed as comments among `comments`, in order. */
export function commentAttributes(comments: Token[]): Attribute[] {
  const out: Attribute[] = [];
  for (const c of comments) {
    const attr = attributeFromComment(c.text, c.line);
    if (attr) out.push(attr);
  }
  return out;
}

/** The first positional or named string value among `keys`. */
function first(attr: Attribute, index: number, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = attr.named[key];
    if (typeof v === 'string') return v;
  }
  const v = attr.positional[index];
  return typeof v === 'string' ? v : undefined;
}

function allStrings(attr: Attribute): string[] {
  return [...attr.positional, ...Object.values(attr.named)].flatMap((v) => (typeof v === 'string' ? [v] : v));
}

function isTrue(v: AttrValue | undefined): boolean {
  return typeof v === 'string' && v.toLowerCase() === 'true';
}

/** `"GET,POST"`, `"GET POST"`; `*`, `ANY`, `All Verbs` or nothing mean every verb (`[]`). */
export function parseVerbs(text: string | undefined): { verbs: Verb[]; unknown: string[] } {
  const words = (text ?? '')
    .toUpperCase()
    .split(/[\s,;|]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0 || words.some((w) => w === '*' || w === 'ANY' || w === 'ALL'))
    return { verbs: [], unknown: [] };
  const verbs = ALL_VERBS.filter((v) => words.includes(v));
  return { verbs, unknown: words.filter((w) => !(ALL_VERBS as readonly string[]).includes(w)) };
}

type AuthList = 'roles' | 'anyRoles' | 'permissions' | 'anyPermissions';

/** Role and permission attributes: each implies an authenticated caller. */
const AUTH_LISTS: Record<string, AuthList> = {
  RequiredRole: 'roles',
  ValidateHasRole: 'roles',
  RequiresAnyRole: 'anyRoles',
  RequiredPermission: 'permissions',
  ValidateHasPermission: 'permissions',
  RequiresAnyPermission: 'anyPermissions',
};

/**
 * `[Validate…]` attributes and `[ValidateRequest(...)]` scripts run as validators (a ResponseStatus body);
 * the others are ServiceStack's request filter attributes (an empty 401/403). A type with both is
 * refused by the attribute first: request filter attributes run before the validation filter.
 */
const styleOf = (attributeName: string): AuthStyle =>
  attributeName.startsWith('Validate') ? 'validator' : 'attribute';

function addAuth(def: TypeDef, style: AuthStyle, list?: AuthList, values: string[] = []): void {
  const auth: Partial<AuthRequirement> = def.auth ?? {};
  auth.required = true;
  auth.style = auth.style === 'attribute' ? 'attribute' : style;
  if (list) {
    const target = auth[list] ?? [];
    for (const v of values) if (!target.includes(v)) target.push(v);
    auth[list] = target;
  }
  def.auth = auth;
}

/** `IsAuthenticated`, `IsAdmin`, `HasRole('x')`, `HasAnyRole(['a','b'])`, `HasPermission(...)` inside `[ValidateRequest]`. */
function applyValidator(def: TypeDef, expr: string): void {
  if (/\bIsAuthenticated\b/.test(expr)) addAuth(def, 'validator');
  if (/\bIsAdmin\b/.test(expr)) addAuth(def, 'validator', 'roles', ['Admin']);
  const calls: [RegExp, AuthList][] = [
    [/\bHasRole\s*\(([^)]*)\)/g, 'roles'],
    [/\bHasAnyRole\s*\(([^)]*)\)/g, 'anyRoles'],
    [/\bHasPermission\s*\(([^)]*)\)/g, 'permissions'],
    [/\bHasAnyPermission\s*\(([^)]*)\)/g, 'anyPermissions'],
  ];
  for (const [re, list] of calls) {
    for (const m of expr.matchAll(re)) {
      const names = [...(m[1] ?? '').matchAll(/['"`]([^'"`]+)['"`]/g)].map((n) => n[1] ?? '');
      addAuth(def, 'validator', list, names);
    }
  }
}

/** Applies type-level attributes; returns warnings for what it could not use. */
export function applyTypeAttributes(def: TypeDef, attrs: Attribute[]): string[] {
  const warnings: string[] = [];
  for (const attr of attrs) {
    const list = AUTH_LISTS[attr.name];
    if (attr.name === 'Route') {
      const path = first(attr, 0, 'Path');
      if (!path) {
        warnings.push('expected a path in @Route');
        continue;
      }
      const { verbs, unknown } = parseVerbs(first(attr, 1, 'Verbs'));
      if (unknown.length > 0) warnings.push(`ignored unknown verbs ${unknown.join(', ')} on route ${path}`);
      (def.routes ??= []).push({ path, verbs });
    } else if (attr.name === 'Authenticate' || attr.name === 'ValidateIsAuthenticated') {
      addAuth(def, styleOf(attr.name));
    } else if (attr.name === 'ValidateIsAdmin') {
      addAuth(def, 'validator', 'roles', ['Admin']);
    } else if (list) {
      addAuth(
        def,
        styleOf(attr.name),
        list,
        // Kotlin and Java print the argument named (`@ValidateHasRole(Role="manager")`), C# positionally.
        [
          ...attr.positional,
          ...['Role', 'Roles', 'Permission', 'Permissions'].flatMap((k) => attr.named[k] ?? []),
        ].flatMap((v) => (typeof v === 'string' ? [v] : v)),
      );
    } else if (attr.name === 'ValidateRequest') {
      for (const expr of allStrings(attr)) applyValidator(def, expr);
    } else if (attr.name === 'Description' || attr.name === 'Api') {
      def.description = first(attr, 0, 'Description') ?? def.description;
    }
  }
  return warnings;
}

const LOCATIONS = new Set(['path', 'query', 'body', 'form']);

/** Applies property-level attributes: required markers, descriptions, `ParameterType`. */
export function applyPropertyAttributes(prop: Property, attrs: Attribute[]): string[] {
  const warnings: string[] = [];
  for (const attr of attrs) {
    switch (attr.name) {
      case 'Required':
        // DataAnnotations: documented as required (the schema's `required`), never enforced by ServiceStack.
        prop.required = true;
        break;
      case 'ApiMember':
      case 'DataMember':
        if (isTrue(attr.named['IsRequired'])) prop.required = true;
        prop.description = first(attr, -1, 'Description') ?? prop.description;
        setLocation(prop, first(attr, -1, 'ParameterType'));
        // `[DataMember(Name=)]` renames the property on the wire; `[ApiMember(Name=)]` only names it in docs
        // (ServiceStack.Text's serialisers and StringMapTypeDeserializer read DataMember aliases alone).
        if (attr.name === 'DataMember' && first(attr, -1, 'Name')) prop.dataMemberName = first(attr, -1, 'Name');
        break;
      case 'Description':
        prop.description = first(attr, 0, 'Description') ?? prop.description;
        break;
      case 'PrimaryKey':
      case 'AutoIncrement':
        prop.primaryKey = true;
        break;
      default:
        addValidators(prop, attr, warnings);
    }
  }
  return warnings;
}

/** `[Validate(…)]` and its `[ValidateNotEmpty]`-style shorthands: the rules, and NotNull/NotEmpty as required. */
function addValidators(prop: Property, attr: Attribute, warnings: string[]): void {
  const found = validatorRulesOf(attr);
  if (!found) return;
  if ('error' in found) {
    warnings.push(`ignored validator on ${prop.name}: ${found.error}`);
    return;
  }
  (prop.validators ??= []).push(...found.rules);
  if (found.required) prop.required = true;
}

function setLocation(prop: Property, value: string | undefined): void {
  const v = value?.toLowerCase();
  if (v && LOCATIONS.has(v)) prop.location = v as Property['location'];
}
