/**
 * .NET attributes as the F# and VB.NET generators print them: F# `[<Route("/x", "GET")>]`
 * (several in one group split by `;`) and VB `<Route("/x", "GET")>` (split by `,`, named
 * arguments written `IsRequired:=true`), read into the shared Attribute shape.
 */
import { readAttribute, type Attribute } from './attributes.js';
import { skipBalanced, splitTopLevel, type Token } from './brace-scanner.js';

/** Attribute groups starting at `i`; returns the attributes and the index after the last group. */
export function readAngleAttributes(tokens: Token[], i: number, fsharp: boolean): { attrs: Attribute[]; next: number } {
  const attrs: Attribute[] = [];
  let k = i;
  for (;;) {
    const opensFs = fsharp && tokens[k]?.text === '[' && tokens[k + 1]?.text === '<';
    const opensVb = !fsharp && tokens[k]?.text === '<' && tokens[k + 1]?.kind === 'ident';
    if (!opensFs && !opensVb) break;
    const end = skipBalanced(tokens, k);
    // Inside `[< ... >]` or `< ... >`: without the brackets, one attribute per `;` (F#) or `,` (VB).
    const inner = fsharp ? tokens.slice(k + 2, end - 2) : tokens.slice(k + 1, end - 1);
    for (const part of splitTopLevel(withoutVbAssign(inner), fsharp ? ';' : ',')) {
      const { attr } = readAttribute(part, 0);
      if (attr) attrs.push(attr);
    }
    k = end;
  }
  return { attrs, next: k };
}

/** VB's `Name:=value` read as `Name:value`, a form the shared argument reader knows. */
function withoutVbAssign(tokens: Token[]): Token[] {
  return tokens.filter((t, n) => !(t.kind === 'punct' && t.text === '=' && tokens[n - 1]?.text === ':'));
}
