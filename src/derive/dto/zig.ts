/** PLACEHOLDER (to be replaced by the zig parser before commit). */
import type { DtoParser } from '../model.js';

export const parseZigDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'zig DTOs are not read yet' }],
});
