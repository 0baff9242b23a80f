/**
 * "X Parameters:" tables (the Metadata tab of a page) → IR types. They carry
 * names, locations (path/query/body/form), .NET type names and Required, but
 * not nullability or inheritance, so the tables after the request table that
 * nothing references (`PutOperationTenanted<TResponse>`) are read as its base classes.
 */
import type { MetadataPage, ParamTable } from './metadata-page.js';
import type { Diagnostic, Property, TypeDef, TypeRef } from './model.js';
import type { ParamLocation } from '../schema/manifest.js';
import { parseTypeExpr } from './dto/type-expr.js';

const parseCSharpType = (text: string): TypeRef =>
  parseTypeExpr(text, 'csharp')?.type ?? { kind: 'named', name: text.trim() };

const LOCATIONS: readonly string[] = ['path', 'query', 'body', 'form'];

const splitGeneric = (caption: string): { name: string; params: string[] } => {
  const m = /^(\w+)(?:<(.+)>)?$/.exec(caption.trim());
  return { name: m?.[1] ?? caption, params: m?.[2] ? m[2].split(',').map((s) => s.trim()) : [] };
};

const referencedNames = (ref: TypeRef, into: Set<string>): void => {
  if (ref.kind === 'named') {
    into.add(ref.name);
    ref.args?.forEach((a) => referencedNames(a, into));
  } else if (ref.kind === 'list') referencedNames(ref.of, into);
  else if (ref.kind === 'map') referencedNames(ref.value, into);
};

const rowToProperty = (row: ParamTable['rows'][number], isRequestSide: boolean): Property => {
  const type = parseCSharpType(row.dataType);
  const property: Property = {
    name: row.name,
    type,
    // Tables print `DateTime` for `DateTime?` too, so a table never makes a property non-nullable on merge.
    nullable: true,
    required: row.required,
    line: row.line,
  };
  const description = [
    row.description,
    row.allowableValues?.length ? `Allowable Values: ${row.allowableValues.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (description) property.description = description;
  if (isRequestSide && LOCATIONS.includes(row.location)) property.location = row.location as ParamLocation;
  return property;
};

/**
 * The response type of a page that shows only tables. BaseMetadataHandler lists the request, the types it
 * reaches, then the response (always added, so a response the request already reached prints twice), then
 * the types the response reaches: the repeated table, else the first the request side does not reach.
 */
export const responseFromTables = (page: MetadataPage): string | undefined => {
  const names = page.paramTables.map((t) => splitGeneric(t.typeName).name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) return repeated;
  const rowsOf = new Map(page.paramTables.map((t) => [splitGeneric(t.typeName).name, t.rows]));
  const reached = new Set<string>();
  const reach = (name: string): void => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const row of rowsOf.get(name) ?? []) {
      const refs = new Set<string>();
      referencedNames(parseCSharpType(row.dataType), refs);
      refs.forEach(reach);
    }
  };
  const chain = requestChainLength(page);
  names.slice(0, chain).forEach(reach);
  return names.slice(chain).find((n) => !reached.has(n));
};

/** The request table and the unreferenced, non-response tables right after it: its base classes. */
const requestChainLength = (page: MetadataPage): number => {
  const tables = page.paramTables;
  const referenced = new Set<string>();
  for (const t of tables) for (const r of t.rows) referencedNames(parseCSharpType(r.dataType), referenced);
  const baseCount = tables.slice(1).findIndex((t) => {
    const { name } = splitGeneric(t.typeName);
    return referenced.has(name) || name.endsWith('Response') || name === page.operation;
  });
  return tables.length === 0 ? 0 : 1 + (baseCount === -1 ? tables.length - 1 : baseCount);
};

/** Types described by a page's parameter tables; `responseType` resolves a `TResponse` base argument. */
export const typesFromParamTables = (
  page: MetadataPage,
  responseType: string | undefined,
  diagnostics: Diagnostic[],
): TypeDef[] => {
  const tables = page.paramTables;
  if (tables.length === 0) return [];
  const chainLength = requestChainLength(page);

  const byName = new Map<string, TypeDef>();
  tables.forEach((table, index) => {
    const { name, params } = splitGeneric(table.typeName);
    if (byName.has(name)) return; // pages repeat the response table after its members
    if (index === 0 && name !== page.operation) {
      diagnostics.push({
        severity: 'warning',
        file: page.file,
        line: table.line,
        message: `expected the first parameter table to be '${page.operation}', found '${name}'`,
      });
    }
    const def: TypeDef = {
      name,
      kind: 'class',
      properties: table.rows.map((r) => rowToProperty(r, index < chainLength)),
      line: table.line,
    };
    if (params.length) def.genericParams = params;
    const next = tables[index + 1];
    if (index + 1 < chainLength && next) {
      const base = splitGeneric(next.typeName);
      def.inherits = { name: base.name };
      if (base.params.length) {
        def.inherits.args = base.params.map((p): TypeRef => {
          if (/^TResponse|^TRes/.test(p) && responseType) return { kind: 'named', name: responseType };
          return def.genericParams?.includes(p) ? { kind: 'named', name: p } : { kind: 'primitive', name: 'object' };
        });
      }
    }
    byName.set(name, def);
  });
  return [...byName.values()];
};

/**
 * "X Enum:" tables → enum types. A numeric Value column is the enum's numbers (the wire carries the
 * names); any other value is an `[EnumMember(Value=)]` override, which is what the wire carries.
 */
export const typesFromEnumTables = (page: MetadataPage): TypeDef[] =>
  page.enumTables.map((table) => {
    const def: TypeDef = {
      name: splitGeneric(table.typeName).name,
      kind: 'enum',
      properties: [],
      enumValues: table.members.map((m) => (m.value !== undefined && !/^-?\d+$/.test(m.value) ? m.value : m.name)),
      line: table.line,
    };
    return def;
  });
