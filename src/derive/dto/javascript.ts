/** PLACEHOLDER (to be replaced by the javascript parser before commit). */
import type { DtoParser } from '../model.js';

export const parseJavaScriptDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'javascript DTOs are not read yet' }],
});
