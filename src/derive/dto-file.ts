/**
 * A file that is not a metadata page: either the `/types/metadata` JSON or a
 * bare DTO file as an "Add ServiceStack Reference" endpoint serves it
 * (`/types/typescript`, `/types/csharp`, …). Both are what front-end teams
 * already keep in their repos; both become types and operations of one API.
 */
import path from 'node:path';
import type { ApiDraft } from './api-draft.js';
import { mergeOperation, mergeType, uniteStyles } from './api-draft.js';
import { detectDtoLanguage } from './dto/index.js';
import { runDtoParser } from './pages-to-draft.js';
import { parseTypeExpr } from './dto/type-expr.js';
import type { MetadataOperation } from './metadata-types.js';
import { parseMetadataTypesJson } from './metadata-types.js';
import type { Diagnostic, TypeDef } from './model.js';
import type { AuthRequirement } from '../schema/manifest.js';
import { DTO_LANGUAGES } from './model.js';
import { ALL_VERBS } from '../schema/manifest.js';

/** No DTO file starts with `{` (nor `[` then a JSON value: C# may start with `[Route(`); broken JSON is still reported as JSON. */
export const isJsonFile = (text: string, file: string): boolean =>
  path.extname(file).toLowerCase() === '.json' || /^\uFEFF?\s*(\{|\[\s*[[{"\d\]-])/.test(text);

/** Adds a non-page file to the draft: the MetadataTypes JSON or a bare DTO file. `source` is `docs/<file name>`. */
export const addDerivedFileToDraft = (
  draft: ApiDraft,
  text: string,
  source: string,
  file: string,
  diagnostics: Diagnostic[],
): void => {
  if (isJsonFile(text, file)) addMetadataTypesToDraft(draft, text, source, file, diagnostics);
  else addBareDtoFileToDraft(draft, text, source, file, diagnostics);
};

const emptyAuth = (): AuthRequirement => ({
  required: false,
  roles: [],
  anyRoles: [],
  permissions: [],
  anyPermissions: [],
});

/**
 * The JSON states each operation's response and verb beside the request type,
 * not on it; build-api reads both from the request's interfaces, so they are
 * written there as the DTO generators would print them (`IReturn<T>`, `IPost`).
 */
const withOperationMarkers = (def: TypeDef, op: MetadataOperation | undefined): TypeDef => {
  if (!op) return def;
  const implemented = [...(def.implements ?? [])];
  const has = (name: string) => implemented.some((i) => i.name === name);
  const response = op.responseType ? parseTypeExpr(op.responseType, 'csharp') : undefined;
  if (response && !has('IReturn')) implemented.push({ name: 'IReturn', args: [response.type] });
  else if (op.returnsVoid && !has('IReturn') && !has('IReturnVoid')) implemented.push({ name: 'IReturnVoid' });
  const verb = ALL_VERBS.find((v) => v === op.method);
  const marker = verb && `I${verb.charAt(0)}${verb.slice(1).toLowerCase()}`;
  if (marker && !has(marker)) implemented.push({ name: marker });
  return implemented.length ? { ...def, implements: implemented } : def;
};

export const addMetadataTypesToDraft = (
  draft: ApiDraft,
  text: string,
  source: string,
  file: string,
  diagnostics: Diagnostic[],
): void => {
  const parsed = parseMetadataTypesJson(text, file);
  diagnostics.push(...parsed.diagnostics);
  const operations = new Map(parsed.operations.map((op) => [op.name, op]));
  for (const t of parsed.types) mergeType(draft, withOperationMarkers(t, operations.get(t.name)), file, diagnostics);
  for (const op of parsed.operations)
    mergeOperation(draft, { name: op.name, routes: op.routes, auth: op.auth, sources: [source] });
};

const parseDtoFile = (text: string, file: string, diagnostics: Diagnostic[]): TypeDef[] => {
  const language = detectDtoLanguage(text);
  if (!language) {
    const message = `expected a metadata page, the /types/metadata JSON or a DTO file in one of ${DTO_LANGUAGES.join(', ')}; cannot tell the language`;
    diagnostics.push({ severity: 'error', file, line: 1, message });
    return [];
  }
  return runDtoParser(language, text, file, 1, diagnostics);
};

/** The type and its base classes, nearest first, as far as the draft knows them. */
const chainOf = (draft: ApiDraft, def: TypeDef): TypeDef[] => {
  const chain: TypeDef[] = [];
  for (let t: TypeDef | undefined = def; t && !chain.includes(t); t = t.inherits && draft.types.get(t.inherits.name))
    chain.push(t);
  return chain;
};

/** The auth attributes of a type and its bases united; a role or permission implies an authenticated caller. */
const chainAuth = (chain: TypeDef[]): AuthRequirement => {
  const auth = emptyAuth();
  for (const c of chain) {
    auth.required ||= c.auth?.required === true;
    for (const list of ['roles', 'anyRoles', 'permissions', 'anyPermissions'] as const) {
      for (const v of c.auth?.[list] ?? []) if (!auth[list].includes(v)) auth[list].push(v);
    }
    const style = uniteStyles(auth.style, c.auth?.style);
    if (style) auth.style = style;
  }
  if (auth.roles.length || auth.anyRoles.length || auth.permissions.length || auth.anyPermissions.length)
    auth.required = true;
  return auth;
};

/**
 * Every concrete class with a route, a response marker or an auth attribute is
 * an operation; one with no route is still served on the predefined routes.
 * Generic definitions (`PostOperationTenanted<TResponse>`) are bases, never operations.
 * Auth attributes apply through inheritance, as ServiceStack reads them.
 */
export const addBareDtoFileToDraft = (
  draft: ApiDraft,
  text: string,
  source: string,
  file: string,
  diagnostics: Diagnostic[],
): void => {
  const types = parseDtoFile(text, file, diagnostics);
  for (const t of types) mergeType(draft, t, file, diagnostics);
  for (const t of types) {
    if (t.kind !== 'class' || t.genericParams?.length) continue;
    const chain = chainOf(draft, draft.types.get(t.name) ?? t);
    const returns = chain.some((c) => c.implements?.some((i) => i.name === 'IReturn' || i.name === 'IReturnVoid'));
    if (!t.routes?.length && !returns && !t.auth) continue;
    mergeOperation(draft, {
      name: t.name,
      routes: t.routes ?? [],
      auth: chainAuth(chain),
      sources: [source],
      origin: { file, line: t.line ?? 1 },
    });
  }
};
