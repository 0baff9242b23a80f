/** PLACEHOLDER (to be replaced by the fsharp parser before commit). */
import type { DtoParser } from '../model.js';

export const parseFSharpDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'fsharp DTOs are not read yet' }],
});
