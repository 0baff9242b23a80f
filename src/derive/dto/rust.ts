/** PLACEHOLDER (to be replaced by the rust parser before commit). */
import type { DtoParser } from '../model.js';

export const parseRustDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'rust DTOs are not read yet' }],
});
