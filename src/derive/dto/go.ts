/** PLACEHOLDER (to be replaced by the go parser before commit). */
import type { DtoParser } from '../model.js';

export const parseGoDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'go DTOs are not read yet' }],
});
