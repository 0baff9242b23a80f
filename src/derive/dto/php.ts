/** PLACEHOLDER (to be replaced by the php parser before commit). */
import type { DtoParser } from '../model.js';

export const parsePhpDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'php DTOs are not read yet' }],
});
