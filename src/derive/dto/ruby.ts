/** PLACEHOLDER (to be replaced by the ruby parser before commit). */
import type { DtoParser } from '../model.js';

export const parseRubyDtos: DtoParser = (_source, file, firstLine) => ({
  types: [],
  diagnostics: [{ severity: 'error', file, line: firstLine, message: 'ruby DTOs are not read yet' }],
});
