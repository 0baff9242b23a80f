/**
 * One input file (a metadata page, or a bare "Add ServiceStack Reference" DTO
 * file) → its contribution to an API draft.
 */
import type { ApiDraft } from './api-draft.js';
import { applySampleFacts, mergeOperation, mergeType } from './api-draft.js';
import { DTO_PARSERS, detectDtoLanguage } from './dto/index.js';
import { markHiddenPrecision } from './precision.js';
import type { MetadataPage } from './metadata-page.js';
import type { Diagnostic, DtoLanguage, TypeDef } from './model.js';
import { DTO_LANGUAGES } from './model.js';
import { responseFromTables, typesFromEnumTables, typesFromParamTables } from './param-tables.js';
import { sampleFacts } from './samples.js';

const LANGUAGE_LABELS: Record<string, DtoLanguage> = {
  python: 'python',
  kotlin: 'kotlin',
  'c#': 'csharp',
  csharp: 'csharp',
  typescript: 'typescript',
  'typescript.d': 'typescript',
  java: 'java',
  swift: 'swift',
  dart: 'dart',
  'vb.net': 'vbnet',
  vbnet: 'vbnet',
  'f#': 'fsharp',
  fsharp: 'fsharp',
  javascript: 'javascript',
  js: 'javascript',
  mjs: 'javascript',
  php: 'php',
  ruby: 'ruby',
  go: 'go',
  rust: 'rust',
  zig: 'zig',
};

const parseSource = (
  text: string,
  label: string | undefined,
  file: string,
  firstLine: number,
  diagnostics: Diagnostic[],
): TypeDef[] => {
  const language = LANGUAGE_LABELS[(label ?? '').toLowerCase()] ?? detectDtoLanguage(text);
  if (!language) {
    diagnostics.push({
      severity: 'error',
      file,
      line: firstLine,
      message: `expected DTO source in one of ${DTO_LANGUAGES.join(', ')}; cannot tell the language${label ? ` '${label}'` : ''}`,
    });
    return [];
  }
  return runDtoParser(language, text, file, firstLine, diagnostics);
};

/** Runs one language's parser; a parser that throws is one error at the source's line, never the end of derive. */
export const runDtoParser = (
  language: DtoLanguage,
  text: string,
  file: string,
  firstLine: number,
  diagnostics: Diagnostic[],
): TypeDef[] => {
  try {
    const result = DTO_PARSERS[language](text, file, firstLine);
    diagnostics.push(...result.diagnostics);
    markHiddenPrecision(result.types, language, file);
    return result.types;
  } catch (e) {
    // A parser that trips on unforeseen source must not stop the other pages and files from deriving.
    diagnostics.push({
      severity: 'error',
      file,
      line: firstLine,
      message: `expected ${language} DTO source this parser can read (${e instanceof Error ? e.message : String(e)})`,
    });
    return [];
  }
};

export const addPageToDraft = (
  draft: ApiDraft,
  page: MetadataPage,
  source: string,
  diagnostics: Diagnostic[],
): void => {
  const facts = sampleFacts(page);
  const op = mergeOperation(draft, { name: page.operation, routes: page.routes, auth: page.auth, sources: [source] });
  op.origin ??= { file: page.file, line: page.operationLine };
  applySampleFacts(draft, page, op, facts);
  // After the XML root's answer: a page with only tables names its response by where the table stands.
  op.responseHint ??= responseFromTables(page);
  // DTO source first: it knows nullability and inheritance, which the tables do not print.
  for (const source of page.dtoSources) {
    const types = parseSource(source.text, source.languageLabel, page.file, source.firstLine, diagnostics);
    for (const t of types) mergeType(draft, t, page.file, diagnostics);
  }
  const stem = page.operation.replace(/Request$/, '');
  const responseName =
    op.responseHint ??
    page.paramTables.map((t) => t.typeName).find((n) => n === `${stem}Response` || n === `${page.operation}Response`);
  for (const t of typesFromParamTables(page, responseName, diagnostics)) mergeType(draft, t, page.file, diagnostics);
  for (const t of typesFromEnumTables(page)) mergeType(draft, t, page.file, diagnostics);
};
