/**
 * The nearest of `candidates` to a misspelt `word`, case aside, for "did you mean" hints: one edit away, or
 * two for words of eight letters or more (`FETCH` is two edits from `PATCH` but not a misspelling of it).
 */
export const closest = (word: string, candidates: Iterable<string>): string | undefined => {
  const allowed = word.length >= 8 ? 2 : 1;
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d <= allowed && d < (best?.d ?? Infinity)) best = { candidate, d };
  }
  return best?.candidate;
};

/** Levenshtein distance. */
const distance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
};
