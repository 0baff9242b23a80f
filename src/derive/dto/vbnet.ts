/** PLACEHOLDER (to be replaced by the vbnet parser before commit). */
import type { DtoParser } from '../model.js';

export const parseVbNetDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'vbnet DTOs are not read yet' }],
});
