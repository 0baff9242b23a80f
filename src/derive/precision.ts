/**
 * Precision a DTO language hides, recovered. ServiceStack's TypeScript and JavaScript generators print every
 * .NET number as `number` and dates, TimeSpans and Guids as `string` (Rust and Zig those as strings too), so
 * an API known only from those files would fake `id: 850.22` and `bookingStartDate: "accusamus"`. After every
 * file of an API is merged (where a C# page or a parameter table declares the property, its type has already
 * won: api-draft.ts), each property still declared only in such a language is refined:
 *
 * 1. from the page's own samples: ServiceStack fills them with defaults, so a DateTime shows as a date
 *    (`"\/Date(-62135596800000-0000)\/"`, `0001-01-01T00:00:00`), a TimeSpan as `PT0S`, a Guid as zeros;
 * 2. from the other files of the same API: the key of the table a `…Id` names (`CustomerId` is a `long` where
 *    `Customer.Id` is), else a property of the same name they declare precisely (`BookingId` is an `int` on the
 *    C# page of another operation);
 * 3. else from ServiceStack's conventions: `Offset`, `Total`, `Skip`, `Take` (QueryBase, QueryResponse),
 *    `Id` and `…Id`/`…Ids` (OrmLite's int-keyed tables) are `int`; `…Date`, `Date…`, `…At`, `…On`,
 *    `Created`, `Modified`, `Updated` strings are `DateTime`.
 *
 * Every refinement is listed, so `derive` can say which types it inferred.
 */
import type { DtoLanguage, Primitive, Property, TypeDef, TypeRef } from './model.js';
import { mergeTypeRefs, typeText } from './type-merge.js';

/**
 * What each generator prints one type for (NativeTypes' `TypeAliases`): TypeScript and JavaScript every number as
 * `number` and dates, TimeSpans and Guids as `string`; Rust and Zig those as `String`/`[]const u8` (their numbers
 * keep their sizes).
 */
const HIDDEN: Partial<Record<DtoLanguage, ReadonlySet<Primitive>>> = {
  typescript: new Set(['double', 'string']),
  javascript: new Set(['double', 'string']),
  rust: new Set(['string']),
  zig: new Set(['string']),
};

export interface InferredType {
  /** The DTO and the property (C# names). */
  type: string;
  property: string;
  /** As the file declared it (`number`, `string`, `List<number>`) and as derive now writes it (`int`, `DateTime`). */
  declared: string;
  inferred: string;
  /** What showed it: `the sample shows`, or the precise declaration (`Invoice.BookingId`); none: the conventions. */
  from?: string;
  /** The file and line that declared it. */
  file: string;
  line: number;
}

/** `number` and `string` as the hiding languages print them, and the list forms of both. */
const hiddenCore = (t: TypeRef): Primitive | undefined => {
  const core = t.kind === 'list' ? t.of : t;
  return core.kind === 'primitive' && (core.name === 'double' || core.name === 'string') ? core.name : undefined;
};

/** Marks the properties whose type the file's language may have hidden (call right after parsing the file). */
export const markHiddenPrecision = (types: TypeDef[], language: DtoLanguage, file: string): void => {
  const hidden = HIDDEN[language];
  if (!hidden) return;
  for (const t of types)
    for (const p of t.properties) {
      const core = hiddenCore(p.type);
      if (core && hidden.has(core)) p.hiddenPrecision = file;
    }
};

const withCore = (t: TypeRef, name: Primitive): TypeRef =>
  t.kind === 'list' ? { kind: 'list', of: withCore(t.of, name) } : { kind: 'primitive', name };

const INTEGER_NAMES = new Set(['offset', 'total', 'skip', 'take', 'id', 'ids']);
const DATE_NAMES = new Set(['created', 'modified', 'updated']);

/** The type ServiceStack's conventions give a `number` (`double`) or `string` property of this name, if any. */
export const conventionFor = (name: string, core: Primitive): Primitive | undefined => {
  if (core === 'double') return INTEGER_NAMES.has(name.toLowerCase()) || /[a-z0-9]Ids?$/.test(name) ? 'int' : undefined;
  const stem = name.replace(/Utc$/, '');
  const date =
    DATE_NAMES.has(stem.toLowerCase()) || /^Date(?:[A-Z]|$)/.test(stem) || /[a-z0-9](?:Date|At|On)$/.test(stem);
  return core === 'string' && date ? 'datetime' : undefined;
};

interface Declared {
  type: Primitive;
  where: string;
}

/** Precisely declared primitives (or list items) by lower-cased property name; a name with two meanings is dropped. */
const preciseByName = (types: Iterable<TypeDef>): Map<string, Declared | null> => {
  const byName = new Map<string, Declared | null>();
  for (const t of types) {
    for (const p of t.properties) {
      const core = p.type.kind === 'list' ? p.type.of : p.type;
      if (p.hiddenPrecision || core.kind !== 'primitive') continue;
      const key = p.name.toLowerCase();
      const seen = byName.get(key);
      if (seen === undefined) byName.set(key, { type: core.name, where: `${t.name}.${p.name}` });
      else if (seen && seen.type !== core.name) byName.set(key, null);
    }
  }
  return byName;
};

const DISPLAY: Partial<Record<Primitive, string>> = {
  double: 'number',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  guid: 'Guid',
};
const display = (t: TypeRef): string =>
  typeText(t).replace(/\b(double|datetime|timespan|guid)\b/, (m) => DISPLAY[m as Primitive]!);

/** A sample value's type, at its path below a DTO (`CreateBooking` → `bookingStartDate`). */
export interface SampleHint {
  root: string;
  path: string[];
  type: Primitive;
}

/** A property of a type or of its bases, by its name or its wire name, in any case. */
const findProperty = (types: Map<string, TypeDef>, def: TypeDef, name: string): Property | undefined => {
  const key = name.toLowerCase();
  for (
    let t: TypeDef | undefined = def, depth = 0;
    t && depth < 16;
    t = t.inherits && types.get(t.inherits.name), depth++
  ) {
    const found = t.properties.find((p) => p.name.toLowerCase() === key || p.dataMemberName?.toLowerCase() === key);
    if (found) return found;
  }
  return undefined;
};

/** The property a sample path leads to, through DTO-typed properties and lists of them. */
const propertyAt = (types: Map<string, TypeDef>, root: string, path: string[]): Property | undefined => {
  let def = types.get(root);
  for (let i = 0; def && i < path.length; i++) {
    const prop = findProperty(types, def, path[i]!);
    if (!prop || i === path.length - 1) return prop;
    const item = prop.type.kind === 'list' ? prop.type.of : prop.type;
    if (item.kind !== 'named') return undefined;
    // XML names a list's items by their type: `<Results><Booking>…`.
    if (prop.type.kind === 'list' && path[i + 1]?.toLowerCase() === item.name.toLowerCase()) i++;
    def = types.get(item.name);
  }
  return undefined;
};

const STRING_FORMS = new Set<Primitive>(['datetime', 'timespan', 'guid']);

/** Refines, in place, every property whose precision its language hid; returns what it inferred. */
export const recoverPrecision = (types: Map<string, TypeDef>, samples: SampleHint[] = []): InferredType[] => {
  const inferred: InferredType[] = [];
  const seen = new Map<Property, string>();
  for (const t of types.values()) for (const p of t.properties) seen.set(p, t.name);
  const refineTo = (owner: string, p: Property, type: Primitive, from?: string): void => {
    const before = p.type;
    p.type = withCore(p.type, type);
    inferred.push({
      type: owner,
      property: p.name,
      declared: display(before),
      inferred: display(p.type),
      ...(from ? { from } : {}),
      file: p.hiddenPrecision ?? '',
      line: p.line ?? 1,
    });
  };
  for (const hint of samples) {
    const p = propertyAt(types, hint.root, hint.path);
    if (p?.hiddenPrecision && hiddenCore(p.type) === 'string' && STRING_FORMS.has(hint.type))
      refineTo(seen.get(p) ?? hint.root, p, hint.type, 'the sample shows');
  }
  const declared = preciseByName(types.values());
  for (const t of types.values()) {
    for (const p of t.properties) {
      const found = p.hiddenPrecision ? refine(p, declared, types) : undefined;
      if (found) refineTo(t.name, p, found.type, found.from);
    }
  }
  return inferred;
};

/** Another file's precise declaration of the same name first, else the naming conventions. */
/** `CustomerId` → the key of the API's `Customer` table (`[PrimaryKey]`, else `Id`), when precisely declared. */
const tableKeyOf = (name: string, types: Map<string, TypeDef>): Declared | undefined => {
  const table = types.get(/^(\w+?)Ids?$/.exec(name)?.[1] ?? '');
  const key = table?.properties.find((k) => k.primaryKey) ?? table?.properties.find((k) => k.name === 'Id');
  return table && key?.type.kind === 'primitive' && !key.hiddenPrecision
    ? { type: key.type.name, where: `${table.name}.${key.name}` }
    : undefined;
};

const refine = (
  p: Property,
  declared: Map<string, Declared | null>,
  types: Map<string, TypeDef>,
): { type: Primitive; from?: string } | undefined => {
  const core = hiddenCore(p.type);
  if (!core) return undefined;
  const other = (core === 'double' && tableKeyOf(p.name, types)) || declared.get(p.name.toLowerCase());
  if (other && other.type !== core) {
    const merged = mergeTypeRefs({ kind: 'primitive', name: core }, { kind: 'primitive', name: other.type });
    if (!merged.conflict && merged.type.kind === 'primitive' && merged.type.name === other.type)
      return { type: other.type, from: other.where };
  }
  const type = conventionFor(p.name, core);
  return type && { type };
};

/**
 * One note per file that hid precision, at its first refined property: `dtos.ts:14: note: inferred 2 type(s) …:
 * Booking.Id int, Booking.Cost decimal (as Invoice.Cost)` — what derive decided, so a wrong guess can be found.
 */
export const inferredNotes = (inferred: InferredType[]): string[] => {
  const byFile = new Map<string, InferredType[]>();
  for (const i of inferred) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
  return [...byFile].map(([file, list]) => {
    const line = Math.min(...list.map((i) => i.line));
    const items = list.map((i) => `${i.type}.${i.property} ${i.inferred}${i.from ? ` (as ${i.from})` : ''}`);
    const what = `inferred ${list.length} type(s) its language hides, by ServiceStack's naming conventions unless said`;
    return `${file}:${line}: note: ${what}: ${items.join(', ')}`;
  });
};
