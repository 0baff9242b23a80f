/**
 * One input file (a metadata page, or a bare "Add ServiceStack Reference" DTO
 * file) → its contribution to an API draft.
 */
import type { ApiDraft } from './api-draft.js';
import { applySampleFacts, mergeOperation, mergeType } from './api-draft.js';
import { DTO_PARSERS, detectDtoLanguage } from './dto/index.js';
import type { MetadataPage } from './metadata-page.js';
import type { Diagnostic, DtoLanguage, TypeDef } from './model.js';
import { DTO_LANGUAGES } from './model.js';
import { typesFromParamTables } from './param-tables.js';
import { sampleFacts } from './samples.js';

const LANGUAGE_LABELS: Record<string, DtoLanguage> = {
  python: 'python',
  kotlin: 'kotlin',
  'c#': 'csharp',
  csharp: 'csharp',
  typescript: 'typescript',
  java: 'java',
  swift: 'swift',
  dart: 'dart',
  'vb.net': 'vbnet',
  vbnet: 'vbnet',
  'f#': 'fsharp',
  fsharp: 'fsharp',
};

const parseSource = (
  text: string,
  label: string | undefined,
  file: string,
  firstLine: number,
  diagnostics: Diagnostic[],
): TypeDef[] => {
  const language = LANGUAGE_LABELS[(label ?? '').toLowerCase()] ?? detectDtoLanguage(text);
  const parser = language ? DTO_PARSERS[language] : undefined;
  if (!parser) {
    diagnostics.push({
      severity: 'error',
      file,
      line: firstLine,
      message: `expected DTO source in one of ${DTO_LANGUAGES.join(', ')}; cannot tell the language${label ? ` '${label}'` : ''}`,
    });
    return [];
  }
  const result = parser(text, file, firstLine);
  diagnostics.push(...result.diagnostics);
  return result.types;
};

export const addPageToDraft = (
  draft: ApiDraft,
  page: MetadataPage,
  source: string,
  diagnostics: Diagnostic[],
): void => {
  const facts = sampleFacts(page);
  const op = mergeOperation(draft, { name: page.operation, routes: page.routes, auth: page.auth, sources: [source] });
  applySampleFacts(draft, page, op, facts);
  const sourceTypes = page.dtoSource
    ? parseSource(page.dtoSource.text, page.dtoSource.languageLabel, page.file, page.dtoSource.firstLine, diagnostics)
    : [];
  for (const t of sourceTypes) mergeType(draft, t, page.file, diagnostics);
  const stem = page.operation.replace(/Request$/, '');
  const responseName =
    op.responseHint ??
    page.paramTables.map((t) => t.typeName).find((n) => n === `${stem}Response` || n === `${page.operation}Response`);
  for (const t of typesFromParamTables(page, responseName, diagnostics)) mergeType(draft, t, page.file, diagnostics);
  if (!draft.types.has(page.operation)) {
    diagnostics.push({
      severity: 'error',
      file: page.file,
      line: page.dtoSource?.firstLine ?? 1,
      message: `expected the DTO '${page.operation}' to be defined on its page`,
    });
  }
};
