/**
 * Ruby DTOs as ServiceStack's RubyGenerator prints them (`/types/ruby`, read with the servicestack gem):
 *
 *   # @Route("/bookings", "POST")
 *   class CreateBooking
 *       include ServiceStack::DTO
 *
 *       # @Validate(Validator: "NotEmpty")
 *       # @return [String]
 *       attr_accessor :name
 *
 *       # @return [List]
 *       attr_accessor :room_numbers
 *
 *       def self.properties
 *           {
 *               name: { name: 'name' },
 *               room_numbers: { name: 'roomNumbers' },
 *           }
 *       end
 *
 *       def response_type() = ServiceStack::IdResponse
 *       def get_type_name() = 'CreateBooking'
 *       def get_method() = 'POST'
 *   end
 *
 *   module RoomType
 *       SINGLE = 'Single'
 *   end
 *
 * Attributes are `# @Name(Arg: value)` comments, descriptions `#`-comment blocks above a type.
 * Property names are snake_case (the wire name is in `self.properties`); `# @return [List]` drops a
 * list's item type, which `self.properties` keeps for DTO items (`type: [Booking]`). Ruby has no
 * generics, no interfaces on classes and no null-safety: every property may be nil, the response is
 * `response_type()` (`nil`: IReturnVoid), the verb `get_method()`, and a `QueryDb` base keeps its
 * table only through its `QueryResponse.of(Table)` response.
 */
import type { DtoParser, TypeDef, TypeRef } from '../model.js';
import { attributeFromComment, type Attribute } from './attributes.js';
import { addResponseType, applyBases, decorateType, newProperty, newType, ParseContext } from './decl.js';
import { parseTypeExpr } from './type-expr.js';
import { toPascalCase } from './type-names.js';
import { addVerbMarker } from './verb-marker.js';

const TYPE_LINE = /^(class|module)\s+([A-Z]\w*(?:::[A-Z]\w*)*)\s*(?:<\s*(\S.*?))?\s*$/;
const ATTR_ACCESSOR = /^attr_(?:accessor|reader|writer)\s+(.+)$/;
const ENDLESS_DEF = /^def\s+(self\.)?([\w?!]+)\s*(?:\([^)]*\))?\s*=\s*(.+)$/;
const CONSTANT = /^([A-Z][A-Z0-9_]*)\s*=\s*(.+)$/;
const PROPERTY_ROW = /^(\w+):\s*\{\s*name:\s*'([^']*)'\s*(?:,\s*type:\s*(.+?))?\s*\},?$/;
const SKIP_TOP = /^(require(_relative)?\s|# frozen_string_literal:|# encoding:)/;
const AUTOQUERY_BASE = /^Query(Db|Data)$/;
/** Generic parameters survive only as property types: `T`, `TResponse`, `TKey`. */
const GENERIC_PARAM = /^T([A-Z]\w*)?$/;

interface Pending {
  attrs: Attribute[];
  doc: string[];
}

interface Accessor {
  snake: string;
  line: number;
  returns?: string;
  attrs: Attribute[];
}

export const parseRubyDtos: DtoParser = (source, file, firstLine) => {
  const parser = new RubyParser(source.split(/\r?\n/), new ParseContext(file, 'ruby'), firstLine);
  parser.run();
  return parser.ctx.result();
};

class RubyParser {
  private i = 0;
  constructor(
    private readonly lines: string[],
    readonly ctx: ParseContext,
    private readonly firstLine: number,
  ) {}

  private lineNo(index = this.i): number {
    return this.firstLine + index;
  }

  run(): void {
    let pending: Pending = { attrs: [], doc: [] };
    while (this.i < this.lines.length) {
      const text = (this.lines[this.i] ?? '').trim();
      if (text === '' || text.startsWith('=begin')) {
        if (text.startsWith('=begin')) this.skipEmbeddedDoc();
        pending.doc = []; // a description must sit directly above its type
      } else if (TYPE_LINE.test(text)) {
        this.typeDef(text, pending);
        pending = { attrs: [], doc: [] };
        continue;
      } else if (text.startsWith('#')) {
        if (!SKIP_TOP.test(text)) comment(text, this.lineNo(), pending);
      } else if (!SKIP_TOP.test(text)) {
        this.ctx.error(this.lineNo(), `expected a class or module definition, require or comment, found '${text}'`);
        pending = { attrs: [], doc: [] };
      }
      this.i++;
    }
  }

  /** `=begin` … `=end` (the `# Options:` header): skipped, the `=end` line included. */
  private skipEmbeddedDoc(): void {
    const start = this.i;
    while (++this.i < this.lines.length) if ((this.lines[this.i] ?? '').startsWith('=end')) return;
    this.ctx.error(this.lineNo(start), "expected '=end' to close this =begin block");
  }

  /** `class Name < Base` or `module Name` and its body, up to the `end` at its own indentation. */
  private typeDef(text: string, pending: Pending): void {
    const line = this.lineNo();
    const indent = indentOf(this.lines[this.i] ?? '');
    const [, keyword = '', qualified = '', baseText] = TYPE_LINE.exec(text) ?? [];
    this.i++;
    const name = simpleName(qualified);
    const body = this.body(indent, line, name);
    if (keyword === 'module') {
      this.moduleDef(name, line, body, pending);
      return;
    }
    const def = newType(name, 'class', line);
    this.ctx.types.push(def);
    decorateType(this.ctx, def, pending.attrs, []);
    if (pending.doc.length > 0) def.description ??= pending.doc.join(' ');
    this.members(def, body);
    if (baseText) this.base(def, baseText.trim(), line, body);
    const params = genericParams(def);
    if (params.length > 0) def.genericParams = params;
  }

  /** The body's lines (with their indices), consuming the closing `end`. */
  private body(indent: number, line: number, name: string): { text: string; index: number }[] {
    const out: { text: string; index: number }[] = [];
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i] ?? '';
      const text = raw.trim();
      if (text === 'end' && indentOf(raw) <= indent) {
        this.i++;
        return out;
      }
      if (text !== '' && indentOf(raw) <= indent && TYPE_LINE.test(text)) break; // the next type: `end` is missing
      out.push({ text, index: this.i });
      this.i++;
    }
    this.ctx.error(line, `expected 'end' to close ${name}`);
    return out;
  }

  /** A module of constants is an enum; any other module an interface (`module IPost`). */
  private moduleDef(name: string, line: number, body: { text: string; index: number }[], pending: Pending): void {
    const constants = body.flatMap(({ text }) => {
      const m = CONSTANT.exec(text);
      return m ? [m] : [];
    });
    const def = newType(name, constants.length > 0 ? 'enum' : 'interface', line);
    this.ctx.types.push(def);
    decorateType(this.ctx, def, pending.attrs, []);
    if (pending.doc.length > 0) def.description ??= pending.doc.join(' ');
    if (def.kind === 'interface') {
      this.members(def, body);
      return;
    }
    // `TEXT = 'Text'` holds the wire value; an integer enum's `PER_DEV = 2` only its (SHOUTED) name.
    def.enumValues = constants.map(([, constName = '', value = '']) => {
      const quoted = /^(['"])(.*)\1$/.exec(value.trim());
      return quoted ? (quoted[2] ?? '') : toPascalCase(constName.toLowerCase());
    });
  }

  private members(def: TypeDef, body: { text: string; index: number }[]): void {
    const accessors: Accessor[] = [];
    const wire = new Map<string, { name: string; type?: string }>();
    let pending: Pending = { attrs: [], doc: [] };
    let returns: string | undefined;
    for (let k = 0; k < body.length; k++) {
      const { text, index } = body[k] as { text: string; index: number };
      const line = this.lineNo(index);
      const accessor = ATTR_ACCESSOR.exec(text);
      const endless = ENDLESS_DEF.exec(text);
      if (text === '' || text.startsWith('include ') || text.startsWith('extend ')) {
        if (text === '') pending.doc = [];
      } else if (text.startsWith('#')) {
        const ret = /^#\s*@return\s+\[(.*)\]\s*$/.exec(text);
        if (ret) returns = ret[1];
        else comment(text, line, pending);
      } else if (accessor) {
        for (const sym of (accessor[1] ?? '').split(',')) {
          const snake = sym.trim().replace(/^:/, '');
          if (/^\w+$/.test(snake)) accessors.push({ snake, line, returns, attrs: pending.attrs });
          else this.ctx.error(line, `expected a :symbol in attr_accessor of ${def.name}, found '${sym.trim()}'`);
        }
        pending = { attrs: [], doc: [] };
        returns = undefined;
      } else if (text === 'def self.properties') {
        k = this.propertyTable(body, k + 1, wire);
      } else if (endless) {
        this.endlessMethod(def, endless[2] ?? '', (endless[3] ?? '').trim(), line);
      } else if (text.startsWith('def ')) {
        k = skipMethod(body, k);
      } else {
        this.ctx.error(line, `expected attr_accessor, a method or a comment in ${def.name}, found '${text}'`);
      }
    }
    for (const a of accessors) def.properties.push(this.property(def, a, wire.get(a.snake)));
  }

  /** `def self.properties { snake: { name: 'wireName', type: [Booking] }, … } end`; returns the `end`'s index. */
  private propertyTable(
    body: { text: string; index: number }[],
    from: number,
    wire: Map<string, { name: string; type?: string }>,
  ): number {
    let k = from;
    for (; k < body.length; k++) {
      const text = body[k]?.text ?? '';
      if (text === 'end') return k;
      const m = PROPERTY_ROW.exec(text);
      if (m) wire.set(m[1] ?? '', { name: m[2] ?? '', type: m[3] });
    }
    return k;
  }

  /** `def response_type() = X` (`nil`: IReturnVoid), `def get_method() = 'POST'`. */
  private endlessMethod(def: TypeDef, name: string, value: string, line: number): void {
    if (name === 'response_type') {
      if (value === 'nil') (def.implements ??= []).push({ name: 'IReturnVoid' });
      else {
        const type = rubyType(value);
        if (type) addResponseType(def, type);
        else this.ctx.warn(line, `ignored the response type of ${def.name}: cannot read '${value}'`);
      }
    } else if (name === 'get_method') {
      addVerbMarker(def, /^['"](\w+)['"]$/.exec(value)?.[1]);
    }
  }

  private property(
    def: TypeDef,
    a: Accessor,
    wire: { name: string; type?: string } | undefined,
  ): TypeDef['properties'][number] {
    const declared = a.returns === undefined ? undefined : rubyType(a.returns);
    if (a.returns !== undefined && !declared)
      this.ctx.warn(a.line, `read ${def.name}.${a.snake} as an object: cannot read its type '${a.returns}'`);
    const converted = wire?.type === undefined ? undefined : rubyType(wire.type);
    // `@return [List]` loses the item type `type: [Booking]` keeps.
    const type = pickType(declared, converted) ?? OBJECT;
    const name = toPascalCase(wire?.name || a.snake);
    return newProperty(name, { type, nullable: true }, a.line, a.attrs, []);
  }

  /** `< ServiceStack::QueryDb`, `< AiContent`, `< Array` (a DTO inheriting List<T>: its items from `from_hash`). */
  private base(def: TypeDef, text: string, line: number, body: { text: string }[]): void {
    const name = simpleName(text);
    if (name === 'Array' || name === 'Hash') {
      const items = body.map((b) => /from_json_value\((.+),\s*json\)/.exec(b.text)?.[1]).find((t) => t !== undefined);
      const itemType = items === undefined ? undefined : rubyType(items);
      const fallback: TypeRef =
        name === 'Array' ? { kind: 'list', of: OBJECT } : { kind: 'map', key: STRING, value: OBJECT };
      const collection = itemType ?? fallback;
      def.inherits =
        collection.kind === 'list'
          ? { name: 'List', args: [collection.of] }
          : collection.kind === 'map'
            ? { name: 'Dictionary', args: [collection.key, collection.value] }
            : { name: 'List', args: [collection] };
      return;
    }
    applyBases(this.ctx, def, [{ text: name, isBase: true }], line);
    if (!AUTOQUERY_BASE.test(name)) return;
    // Ruby drops QueryDb<T>'s argument; its response QueryResponse.of(T) still names the table.
    const response = def.implements?.find((i) => i.name === 'IReturn')?.args?.[0];
    const table = response?.kind === 'named' && response.name === 'QueryResponse' ? response.args?.[0] : undefined;
    if (table && def.inherits) {
      def.inherits.args = [table];
      this.ctx.warn(
        line,
        `${def.name} reads as ${name}<${table.kind === 'named' ? table.name : 'T'}>: Ruby DTOs erase its generic arguments, and its response QueryResponse.of(…) names the table (a ${name}<From, Into> would query From)`,
      );
    } else {
      this.ctx.warn(
        line,
        `${def.name} extends ${name}, whose generic arguments Ruby DTOs erase: its AutoQuery table is unknown`,
      );
    }
  }
}

const OBJECT: TypeRef = { kind: 'primitive', name: 'object' };
const STRING: TypeRef = { kind: 'primitive', name: 'string' };

/** `# @Route("/x", "GET")` is an attribute; `# text` a line of description; a lone `#` frames it. */
function comment(text: string, line: number, pending: Pending): void {
  const body = text.replace(/^#+/, '').trim();
  if (body === '') return;
  const attr = attributeFromComment(body, line);
  if (attr) pending.attrs.push(attr);
  else pending.doc.push(body);
}

/** Past a multi-line `def … end` at index `k`; returns the index of its `end`. */
function skipMethod(body: { text: string }[], k: number): number {
  let depth = 0;
  for (let j = k; j < body.length; j++) {
    const text = body[j]?.text ?? '';
    if (/^(def|if|unless|while|until|case|begin|class|module)\b/.test(text) && !ENDLESS_DEF.test(text)) depth++;
    else if (/\bdo(\s*\|[^|]*\|)?\s*$/.test(text)) depth++;
    if (text === 'end' && --depth === 0) return j;
  }
  return body.length;
}

/** The declared type unless it lost what the conversion table keeps (a list's or map's item type). */
function pickType(declared: TypeRef | undefined, converted: TypeRef | undefined): TypeRef | undefined {
  if (!declared) return converted;
  if (!converted) return declared;
  const vague = (t: TypeRef) =>
    (t.kind === 'list' && isObject(t.of)) || (t.kind === 'map' && isObject(t.value)) || isObject(t);
  return vague(declared) && !vague(converted) ? converted : declared;
}

function isObject(t: TypeRef): boolean {
  return t.kind === 'primitive' && t.name === 'object';
}

function simpleName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf(':') + 1);
}

/**
 * A Ruby type as the generator prints it: `String`, `[Booking]`, `{ String => Booking }`,
 * `ServiceStack::ResponseStatus`, `ServiceStack::QueryResponse.of(Booking)`, `List`, `Dictionary`.
 */
function rubyType(text: string): TypeRef | undefined {
  const t = text.trim();
  const list = /^\[(.*)\]$/.exec(t);
  if (list) {
    const of = rubyType(list[1] ?? '');
    return of && { kind: 'list', of };
  }
  const map = /^\{\s*(.+?)\s*=>\s*(.+?)\s*\}$/.exec(t);
  if (map) {
    const key = rubyType(map[1] ?? '');
    const value = rubyType(map[2] ?? '');
    return key && value && { kind: 'map', key, value };
  }
  const of = /^([\w:]+)\.of\((.+)\)$/.exec(t);
  if (of) {
    const args = (of[2] ?? '').split(',').map((a) => rubyType(a));
    if (args.some((a) => a === undefined)) return undefined;
    return { kind: 'named', name: simpleName(of[1] ?? ''), args: args as TypeRef[] };
  }
  if (!/^[A-Z][\w]*(::[A-Z]\w*)*$/.test(t)) return undefined;
  const name = simpleName(t);
  if (name === 'Hash') return { kind: 'map', key: STRING, value: OBJECT };
  return parseTypeExpr(name, 'ruby')?.type;
}

/** Generic parameters, erased from the class, are still the types of its properties (`# @return [T]`). */
function genericParams(def: TypeDef): string[] {
  const out: string[] = [];
  const visit = (t: TypeRef) => {
    if (t.kind === 'list') visit(t.of);
    else if (t.kind === 'map') visit(t.value);
    else if (t.kind === 'named' && GENERIC_PARAM.test(t.name) && !out.includes(t.name)) out.push(t.name);
  };
  for (const p of def.properties) visit(p.type);
  return out;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
