/**
 * DTO-source parsers by language, and language detection for sources that
 * arrive without a label (bare "Add ServiceStack Reference" files).
 */
import type { DtoLanguage, DtoParser } from '../model.js';
import { parseCSharpDtos } from './csharp.js';
import { parseDartDtos } from './dart.js';
import { parseJavaDtos } from './java.js';
import { parseKotlinDtos } from './kotlin.js';
import { parsePythonDtos } from './python.js';
import { parseSwiftDtos } from './swift.js';
import { parseTypeScriptDtos } from './typescript.js';
import { parseFSharpDtos } from './fsharp.js';
import { parseVbNetDtos } from './vbnet.js';
import { parseJavaScriptDtos } from './javascript.js';
import { parsePhpDtos } from './php.js';
import { parseRubyDtos } from './ruby.js';
import { parseGoDtos } from './go.js';
import { parseRustDtos } from './rust.js';
import { parseZigDtos } from './zig.js';

export const DTO_PARSERS: Record<DtoLanguage, DtoParser> = {
  python: parsePythonDtos,
  kotlin: parseKotlinDtos,
  csharp: parseCSharpDtos,
  java: parseJavaDtos,
  typescript: parseTypeScriptDtos,
  swift: parseSwiftDtos,
  dart: parseDartDtos,
  fsharp: parseFSharpDtos,
  vbnet: parseVbNetDtos,
  javascript: parseJavaScriptDtos,
  php: parsePhpDtos,
  ruby: parseRubyDtos,
  go: parseGoDtos,
  rust: parseRustDtos,
  zig: parseZigDtos,
};

/** Telltales per language, each worth its weight; the highest total wins. */
const TELLTALES: Record<string, [RegExp, number][]> = {
  python: [
    [/^\s*@dataclass\b/m, 3],
    [/^from servicestack import/m, 3],
    [/^""" Options:/m, 3],
    [/^class \w+(\(.*\))?:\s*$/m, 2],
    [/^\s+\w+: Optional\[/m, 2],
  ],
  kotlin: [
    [/^\s*open class\b/m, 3],
    [/^\s*var \w+\s*:\s*[\w.<>, ?]+\?/m, 3],
    [/companion object/, 2],
    [/^\s*enum class\b/m, 2],
    [/^import net\.servicestack\.client\.\*\s*$/m, 2],
  ],
  csharp: [
    [/\{\s*get;\s*set;\s*\}/, 3],
    [/^\s*namespace\s+[\w.]+/m, 2],
    [/^using [\w.]+;/m, 2],
    [/^\s*\[(Route|DataContract|DataMember|ApiMember)\b/m, 2],
    [/public (partial )?class \w+(<[^>]*>)?\s*(:|$)/m, 1],
  ],
  typescript: [
    [/^\s*export (class|interface|enum|type)\b/m, 3],
    [/^\s*(public )?\w+\?: [\w{[]/m, 2],
    [/constructor\(init\?: Partial</, 3],
    [/implements IReturn</, 1],
    [/^declare (module|namespace)\b/m, 3],
    [/\b\w+\?: [\w{[][^;\n]*;/, 1],
  ],
  java: [
    [/public static (class|enum|interface)\b/, 3],
    [/^import net\.servicestack\.client\.\*;/m, 3],
    [/private static Object responseType =/, 3],
    [/^\s*public [\w<>, [\]]+ \w+ = null;/m, 2],
  ],
  swift: [
    [/^import Foundation/m, 3],
    [/:\s*[^{\n]*\bCodable\b/, 3],
    [/public typealias Return =/, 2],
    [/^\s*public var \w+:/m, 2],
    [/required public init\(\)/, 2],
  ],
  dart: [
    [/import 'package:servicestack/, 3],
    [/implements [^{\n]*\bIConvertible\b/, 3],
    [/fromMap\(Map<String, dynamic> json\)/, 2],
    [/TypeContext\? context = _ctx;/, 3],
  ],
  fsharp: [
    [/^\(\* Options:/m, 3],
    [/^\s*\[<AllowNullLiteral>\]/m, 3],
    [/^\s*member val \w+\s*:/m, 3],
    [/^\s*type \w+(<[^>\n]*>)?\(\)\s*=/m, 2],
    [/^\s*\[<\w+/m, 1],
    [/^open [\w.]+\s*$/m, 1],
  ],
  vbnet: [
    [/^' Options:/m, 3],
    [/^\s*Public (Partial |MustInherit |NotInheritable )*(Class|Interface|Enum|Structure) \w+/m, 3],
    [/^\s*(Public )?(Overridable )?Property \w+ As /m, 3],
    [/^\s*End (Class|Namespace|Enum|Interface)\s*$/m, 2],
    [/^Imports [\w.]+\s*$/m, 2],
    [/\(Of \w/, 1],
  ],
  // MjsGenerator (`/types/mjs`): JSDoc types; CommonJsGenerator (`/types/js`): ES5 classes and `exports`.
  javascript: [
    [/^\s*\/\*\* @type \{/m, 3],
    [/constructor\(init\) \{ (super\(init\); )?Object\.assign\(this, init\) \}/, 3],
    [/\}\} \[init\] \*\//, 2],
    [/^exports\.__esModule = true;/m, 3],
    [/= \/\*\* @class \*\/ \(function \(/, 3],
    [/^"use strict";/m, 1],
  ],
  php: [
    [/^<\?php\b/m, 4],
    [/\bimplements [^{\n]*\bJsonSerializable\b/, 3],
    [/^use ServiceStack\\/m, 2],
    [/^\s*public function __construct\(/m, 1],
  ],
  ruby: [
    [/^\s*include ServiceStack::DTO\s*$/m, 3],
    [/^\s*attr_accessor :\w+/m, 3],
    [/^require 'servicestack'/m, 3],
    [/^=begin\s*$/m, 1],
    [/^\s*def self\.properties\s*$/m, 1],
  ],
  go: [
    [/^package \w+\s*$/m, 2],
    [/^type \w+(\[[^\]\n]*\])? struct \{/m, 3],
    [/`json:"[^"`]*"`/, 3],
    [/^func \(\w+\) (CreateResponse|CreateResponseVoid|HttpMethod)\(\)/m, 2],
  ],
  rust: [
    [/^#\[derive\([^)\n]*\bSerialize\b/m, 3],
    [/^pub (struct|enum) \w+/m, 3],
    [/^use serde::/m, 2],
    [/^impl (IRequest|IReturn|IReturnVoid) for \w+/m, 2],
    [/^\s*pub \w+: [\w<]/m, 1],
  ],
  zig: [
    [/^const std = @import\("std"\);/m, 3],
    [/^pub const \w+ = (struct|enum)\b/m, 3],
    [/^pub fn \w+\((comptime \w+: type(, )?)+\) type \{/m, 2],
    [/^\s*pub const ss_(name|verb) = "/m, 2],
    [/^\s*[\w@"]+: \?[^=\n]+ = null,/m, 2],
  ],
};

/** Guesses the language of DTO source from generator telltales; null when nothing matches. */
export function detectDtoLanguage(source: string): DtoLanguage | null {
  let best: DtoLanguage | null = null;
  let bestScore = 0;
  for (const [lang, telltales] of Object.entries(TELLTALES)) {
    const score = telltales.reduce((sum, [re, weight]) => sum + (re.test(source) ? weight : 0), 0);
    if (score > bestScore) {
      best = lang as DtoLanguage;
      bestScore = score;
    }
  }
  return best;
}
