/**
 * The integer values of enum members as the generators print them (`A = 1`, `B = 1 << 1`, `AB = A | B`,
 * `None = 0x0`), for the enums ServiceStack writes as numbers: `[Flags]` enums (and every enum under
 * `JsConfig.TreatEnumAsInteger`, which MetadataTypes reports as `isEnumInt`). Other enums travel by name
 * whatever their values, so their values are not kept.
 */
import type { TypeDef } from '../model.js';

/**
 * Evaluates a member's value expression (its tokens' texts after `=`) with the members declared before it;
 * undefined when it is not a constant integer expression.
 */
export function evaluateEnumValue(texts: string[], known: ReadonlyMap<string, number>): number | undefined {
  // Punctuation arrives one character per token: `<` `<` is a shift.
  const toks: string[] = [];
  for (const t of texts) {
    const last = toks[toks.length - 1];
    if ((t === '<' || t === '>') && last === t) toks[toks.length - 1] = t + t;
    else toks.push(t);
  }
  let pos = 0;
  const peek = (): string | undefined => toks[pos];
  // Lowest precedence first, as in C#.
  const LEVELS = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*']];
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '&':
        return a & b;
      case '<<':
        return a * 2 ** b;
      case '>>':
        return Math.floor(a / 2 ** b);
      case '+':
        return a + b;
      case '-':
        return a - b;
      default:
        return a * b;
    }
  };
  const level = (i: number): number | undefined => {
    if (i === LEVELS.length) return unary();
    let left = level(i + 1);
    while (left !== undefined && LEVELS[i]!.includes(peek() ?? '')) {
      const op = toks[pos++]!;
      const right = level(i + 1);
      left = right === undefined ? undefined : apply(op, left, right);
    }
    return left;
  };
  const unary = (): number | undefined => {
    const tok = toks[pos++];
    if (tok === undefined) return undefined;
    if (tok === '-' || tok === '~') {
      const v = unary();
      return v === undefined ? undefined : tok === '-' ? -v : -v - 1;
    }
    if (tok === '(') {
      const v = level(0);
      return toks[pos++] === ')' ? v : undefined;
    }
    // MetadataTypes' `enumValues` hold signed texts (`"-1"`).
    const literal = /^(-?)(0x[0-9a-f]+|\d+)(u?l?|l?u?)$/i.exec(tok);
    if (literal) return (literal[1] ? -1 : 1) * Number(literal[2]);
    // `A`, `MyEnum.A` (one token or three): a member declared earlier.
    let name = tok;
    while (toks[pos] === '.' && /^[A-Za-z_]\w*$/.test(toks[pos + 1] ?? '')) {
      name = toks[pos + 1]!;
      pos += 2;
    }
    return known.get(name.slice(name.lastIndexOf('.') + 1));
  };
  const value = level(0);
  return pos === toks.length ? value : undefined;
}

/**
 * Records the members' numbers on an enum ServiceStack writes as numbers. Each member comes with its value
 * expression (none written: one more than the member before, as in C#). Returns the name of the first member
 * whose value could not be read; then no numbers are kept.
 */
export function setEnumNumbers(def: TypeDef, members: { name: string; value?: string[] }[]): string | undefined {
  const known = new Map<string, number>();
  const numbers: number[] = [];
  for (const [i, { name, value: expr }] of members.entries()) {
    const value = expr?.length ? evaluateEnumValue(expr, known) : (numbers[i - 1] ?? -1) + 1;
    if (value === undefined) return name;
    known.set(name, value);
    numbers.push(value);
  }
  def.enumNumbers = numbers;
  return undefined;
}

/** An enum body split at its top-level commas; `<` and `>` are shifts here (`1 << 2`), never generic brackets. */
export function splitEnumMembers<T extends { text: string; kind: string }>(tokens: T[]): T[][] {
  const parts: T[][] = [[]];
  let nest = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && '([{'.includes(t.text)) nest++;
    if (t.kind === 'punct' && ')]}'.includes(t.text)) nest--;
    if (t.kind === 'punct' && t.text === ',' && nest === 0) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}
