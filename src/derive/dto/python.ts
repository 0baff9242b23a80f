/**
 * Python DTOs as ServiceStack's PythonGenerator prints them:
 *
 *   # @Route("/customers", "POST")
 *   TResponse = TypeVar('TResponse')
 *
 *   @dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
 *   @dataclass
 *   class PostOperationTenanted(Generic[TResponse], PostOperationUnTenanted[TResponse], ITenantedRequest):
 *       organisation_id: Optional[str] = None
 *
 *   class SkuType(str, Enum):
 *       PRODUCT = 'Product'
 *
 * Attributes are printed as `# @Name(...)` comments, descriptions as `"""…"""` after the member.
 * Property names are snake_case; `Optional[...]` marks nullable; a value-type default is not `required`.
 */
import type { DtoParser, TypeDef } from '../model.js';
import { attributeFromComment, type Attribute } from './attributes.js';
import { applyBases, decorateType, newProperty, newType, ParseContext } from './decl.js';
import { parseTypeExpr } from './type-expr.js';
import { toPascalCase } from './type-names.js';

const CLASS = /^class\s+(\w+)\s*(?:\((.*)\))?\s*:\s*(pass)?\s*$/;
const PROPERTY = /^([A-Za-z_]\w*)\s*:\s*(.+)$/;
const ENUM_MEMBER = /^([A-Za-z_]\w*)\s*=\s*(.+)$/;
const SKIP_TOP = /^(import\s|from\s+\S+\s+import\s|\w+\s*=\s*TypeVar\(|#\s*module\b)/;
const DECORATORS_TO_SKIP = /^@(dataclass_json|dataclass|staticmethod|classmethod|property)\b/;

interface Pending {
  attrs: Attribute[];
  doc: string[];
}

export const parsePythonDtos: DtoParser = (source, file, firstLine) => {
  const parser = new PythonParser(source.split(/\r?\n/), new ParseContext(file, 'python'), firstLine);
  parser.run();
  return parser.ctx.result();
};

class PythonParser {
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
    const pending: Pending = { attrs: [], doc: [] };
    while (this.i < this.lines.length) {
      const text = (this.lines[this.i] ?? '').trim();
      if (text === '') {
        pending.doc = []; // a description comment must sit directly above its class
      } else if (text.startsWith('"""') || text.startsWith("'''")) {
        this.docstring(); // the `""" Options: ... """` header
        continue;
      } else if (text.startsWith('#') || text.startsWith('@')) {
        this.comment(text, pending);
      } else if (text.startsWith('class ') || text.startsWith('class\t')) {
        this.classDef(text, pending);
        pending.attrs = [];
        pending.doc = [];
        continue;
      } else if (!SKIP_TOP.test(text)) {
        this.ctx.error(this.lineNo(), `expected a class definition, import or comment, found '${text}'`);
      }
      this.i++;
    }
  }

  /** `# @Route(...)` and `@route(...)` are attributes; other comments may describe what follows. */
  private comment(text: string, pending: Pending): void {
    if (DECORATORS_TO_SKIP.test(text)) return;
    const body = text.startsWith('#') ? text.slice(1).trim() : text;
    const attr = attributeFromComment(body, this.lineNo());
    if (attr) {
      pending.attrs.push(attr);
    } else if (text.startsWith('#')) {
      pending.doc.push(body);
    } else {
      this.ctx.error(this.lineNo(), `expected a decorator such as @dataclass, found '${text}'`);
    }
  }

  /** Skips a triple-quoted block starting at the current line; returns its text. */
  private docstring(): string {
    const start = this.i;
    const first = (this.lines[this.i] ?? '').trim();
    const quote = first.slice(0, 3);
    let text = first.slice(3);
    const parts: string[] = [];
    while (!text.includes(quote)) {
      parts.push(text);
      if (++this.i >= this.lines.length) {
        this.ctx.error(this.lineNo(start), `expected ${quote} to close this string`);
        return parts.join(' ').trim();
      }
      text = (this.lines[this.i] ?? '').trim();
    }
    parts.push(text.slice(0, text.indexOf(quote)));
    this.i++;
    return parts
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .join(' ');
  }

  private classDef(text: string, pending: Pending): void {
    const line = this.lineNo();
    const indent = indentOf(this.lines[this.i] ?? '');
    this.i++;
    const m = CLASS.exec(text);
    if (!m) {
      this.ctx.error(line, `expected 'class Name(bases):', found '${text}'`);
      this.skipBlock(indent);
      return;
    }
    const [, name = '', basesText = '', pass] = m;
    const bases = splitBases(basesText);
    const isEnum = bases.some((b) => b === 'Enum' || b === 'IntEnum');
    const generic = bases.find((b) => b.startsWith('Generic['));
    const genericParams = generic
      ? generic
          .slice(8, -1)
          .split(',')
          .map((g) => g.trim())
      : [];
    const def = newType(name, isEnum ? 'enum' : 'class', line, genericParams);
    if (isEnum) def.enumValues = [];
    else {
      const entries = bases.filter((b) => b !== generic && b !== 'object').map((b) => ({ text: b }));
      applyBases(this.ctx, def, entries, line);
    }
    decorateType(this.ctx, def, pending.attrs, []);
    if (pending.doc.length > 0) def.description = pending.doc.join(' ');
    this.ctx.types.push(def);
    if (!pass && !this.body(def, indent, bases.includes('IntEnum'))) {
      this.ctx.error(line, `expected an indented body for class ${name}`);
    }
  }

  /** Reads the class body (lines indented deeper than the class); false when there is none. */
  private body(def: TypeDef, classIndent: number, intEnum: boolean): boolean {
    const pending: Pending = { attrs: [], doc: [] };
    let seen = false;
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i] ?? '';
      const text = raw.trim();
      if (text !== '' && indentOf(raw) <= classIndent) break;
      seen ||= text !== '';
      if (text.startsWith('"""') || text.startsWith("'''")) {
        const doc = this.docstring();
        const last = def.properties[def.properties.length - 1];
        if (last) last.description = doc;
        else def.description = doc;
        continue;
      }
      this.member(def, text, pending, intEnum, indentOf(raw));
    }
    return seen;
  }

  private member(def: TypeDef, text: string, pending: Pending, intEnum: boolean, indent: number): void {
    const line = this.lineNo();
    this.i++;
    if (text === '' || text === 'pass') return;
    if (text.startsWith('#') || text.startsWith('@')) {
      this.comment(text, pending);
    } else if (text.startsWith('def ')) {
      this.skipBlock(indent);
    } else if (def.kind === 'enum') {
      const m = ENUM_MEMBER.exec(text);
      if (m) def.enumValues?.push(enumValue(m[1] ?? '', m[2] ?? '', intEnum));
      else this.ctx.error(line, `expected an enum member (NAME = 'Value') in ${def.name}, found '${text}'`);
    } else {
      this.property(def, text, pending, line);
    }
  }

  private property(def: TypeDef, text: string, pending: Pending, line: number): void {
    const m = PROPERTY.exec(text);
    const [typeText, defaultText] = m ? splitDefault(m[2] ?? '') : ['', ''];
    const parsed = m ? parseTypeExpr(typeText, 'python') : undefined;
    if (!m || !parsed) {
      this.ctx.error(line, `expected a property declaration (name: Type) in class ${def.name}, found '${text}'`);
      return;
    }
    // `from_: Optional[str] = field(metadata=config(field_name='from'), default=None)` renames a keyword.
    const wireName = /field_name\s*=\s*['"]([^'"]+)['"]/.exec(defaultText)?.[1] ?? m[1] ?? '';
    const prop = newProperty(toPascalCase(wireName), parsed, line, pending.attrs, [], this.ctx);
    if (!prop.description && pending.doc.length > 0) prop.description = pending.doc.join(' ');
    def.properties.push(prop);
    pending.attrs = [];
    pending.doc = [];
  }

  /** Skips the lines indented deeper than `indent` (a method body or a broken class). */
  private skipBlock(indent: number): void {
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i] ?? '';
      if (raw.trim() !== '' && indentOf(raw) <= indent) return;
      this.i++;
    }
  }
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Splits `Generic[T], Base[T], IFoo` at commas outside brackets. */
function splitBases(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '[' || ch === '(') depth++;
    if (ch === ']' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** `Optional[str] = None` → the type and the default, split at the first `=` outside brackets. */
function splitDefault(text: string): [string, string] {
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charAt(k);
    if (ch === '[' || ch === '(') depth++;
    if (ch === ']' || ch === ')') depth--;
    if (ch === '=' && depth === 0) return [text.slice(0, k).trim(), text.slice(k + 1).trim()];
  }
  return [text.trim(), ''];
}

/** `PER_DEV = 'PerDev'` → `PerDev`; an IntEnum member `PER_DEV = 2` has only its name: `PerDev`. */
function enumValue(name: string, value: string, intEnum: boolean): string {
  const quoted = /^(['"])(.*)\1$/.exec(value.trim());
  if (quoted && !intEnum) return quoted[2] ?? '';
  return /^[A-Z0-9_]+$/.test(name) ? toPascalCase(name.toLowerCase()) : toPascalCase(name);
}
