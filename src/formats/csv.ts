/**
 * The CSV codec, as ServiceStack's CsvFormat writes and reads it (ServiceStack.Text's CsvSerializer, CsvWriter,
 * CsvReader, CsvConfig):
 *
 * - rows: answer-rows.ts (a QueryResponse's `results`, a list answer, else the DTO as one row);
 * - a header line of the row type's property names as .NET names them (PascalCase), every declared property,
 *   in declaration order; no header for a list of strings or numbers (one row of the values);
 * - `,` between fields, `\r\n` after every row; a null is an empty field;
 * - a string as it is, a bool `True`/`False`, a date in the shortest XSD form, a nested object or list as its JSV
 *   (`{Name:Ann,Age:3}`), an enum by name;
 * - a field is quoted (`"…"`, inner `"` doubled) when it holds `"`, `,`, `\r` or `\n`, or starts with `[` or `{`.
 *
 * Reading (a request body sent as `text/csv`, which ServiceStack deserialises with CsvSerializer): the header
 * line and the first row; headers match properties whatever their case; each field is typed as JSV is.
 */
import { answerRows } from './answer-rows.js';
import { CodecError, type Codec, type CodecContext } from './codec.js';
import { parseJsv, writeJsv } from './jsv.js';
import {
  blankValue,
  isPlainObject,
  kindOf,
  pascalCase,
  propertyLookup,
  propertySchema,
  resolveSchema,
  setOwn,
  type Resolver,
  type TypingContext,
} from './schema-walk.js';
import type { JsonSchema } from '../schema/json-schema.js';

const ROW_SEPARATOR = '\r\n';
// CsvWriter.HasAnyEscapeChars: CsvConfig.EscapeStrings, or a value that starts like a JSV list or map.
const NEEDS_QUOTES = /["\r\n,]|^[[{]/;

/** `ToCsvField`: quoted with inner quotes doubled when it has to be. */
export function toCsvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `StripQuotes`: JSV wraps a string with special characters in quotes; CSV quotes it its own way. */
const stripQuotes = (text: string): string =>
  text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;

/** One field's text, before quoting: a string as it is, anything else as TypeSerializer (JSV) writes it. */
function fieldText(value: unknown, schema: JsonSchema | undefined, resolve: Resolver | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && kindOf(resolveSchema(schema, resolve)) !== 'date') return value;
  return stripQuotes(writeJsv(value, { schema, resolve }));
}

/** The row type's columns: its declared properties, else (schemaless rows) the keys of the first row. */
function columnsOf(rows: unknown[], schema: JsonSchema | undefined): string[] | undefined {
  if (schema?.properties) return Object.keys(schema.properties);
  const first = rows.find(isPlainObject);
  return first ? Object.keys(first) : undefined;
}

/** Writes rows of one type: the header line, then one line per row. */
export function writeCsvRows(rows: unknown[], rowSchema: JsonSchema | undefined, resolve?: Resolver): string {
  const schema = resolveSchema(rowSchema, resolve);
  const columns = columnsOf(rows, schema);
  // A list of strings or numbers (`List<string>`, `int[]`): one row of the values, no header (GetSingleRow).
  if (!columns)
    return rows.length ? rows.map((r) => toCsvField(fieldText(r, schema, resolve))).join(',') + ROW_SEPARATOR : '';
  const lines = [columns.map(pascalCase).join(',')];
  for (const row of rows) {
    const record = isPlainObject(row) ? row : {};
    lines.push(columns.map((c) => toCsvField(fieldText(record[c], propertySchema(schema, c), resolve))).join(','));
  }
  return lines.join(ROW_SEPARATOR) + ROW_SEPARATOR;
}

/** Writes an answer: its rows by ServiceStack's rule (answer-rows.ts). */
export function writeCsv(value: unknown, ctx: TypingContext): string {
  const { rows, schema } = answerRows(value, ctx.schema, ctx.resolve);
  return rows ? writeCsvRows(rows, schema, ctx.resolve) : '';
}

/**
 * Splits CSV text into records of fields: quoted fields may hold separators, line breaks and `""`; records end at
 * `\n` or `\r\n` outside quotes; empty lines are skipped (CsvReader.ParseLines). Throws CodecError on a quote left
 * open.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let touched = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
    touched = false;
  };
  const endRecord = (): void => {
    if (fields.length || touched || field !== '') endField();
    if (fields.length > 1 || (fields.length === 1 && fields[0] !== '')) records.push(fields);
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      touched = true;
    } else if (c === ',') endField();
    else if (c === '\n') endRecord();
    else if (c === '\r' && text[i + 1] === '\n') continue;
    else field += c;
  }
  if (quoted) throw new CodecError('CSV: a quoted field is not closed');
  endRecord();
  return records;
}

/** A request DTO from CSV: the header line names the fields of the first data row. */
export function parseCsv(text: string, ctx: TypingContext): unknown {
  const [headers, values] = parseCsvRecords(text);
  if (!headers) return undefined;
  const schema = resolveSchema(ctx.schema, ctx.resolve);
  const lookup = schema?.properties ? propertyLookup(schema) : undefined;
  const dto: Record<string, unknown> = {};
  (values ?? []).forEach((raw, i) => {
    const header = (headers[i] ?? '').trim();
    if (!header || raw === '') return;
    const name = lookup?.get(header.toLowerCase()) ?? header;
    const propSchema = propertySchema(schema, name);
    // A string property takes the field as it is; anything else is read as JSV ("{A:1}", "[1,2]", "True").
    const kind = kindOf(resolveSchema(propSchema, ctx.resolve));
    const value = kind === 'string' ? raw : parseJsv(raw, { schema: propSchema, resolve: ctx.resolve });
    if (value !== undefined) setOwn(dto, name, value);
  });
  return dto;
}

export const csvCodec: Codec = {
  name: 'csv',
  contentType: 'text/csv',
  mediaTypes: ['text/csv'],
  parse(text: string, ctx: CodecContext): unknown {
    const value = parseCsv(text, ctx);
    return value === undefined ? blankValue(ctx) : value;
  },
  write(value: unknown, ctx: CodecContext): string {
    return writeCsv(value, ctx);
  },
};
