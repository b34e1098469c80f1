/**
 * Optimal string alignment distance (restricted Damerau-Levenshtein): insertions, deletions,
 * substitutions and swaps of two neighbouring characters each count 1, so `sacle` is one typo from
 * `scale` (plain Levenshtein says two). Compares UTF-16 code units; command names are ASCII.
 * Source: https://en.wikipedia.org/wiki/Damerau%E2%80%93Levenshtein_distance#Optimal_string_alignment_distance
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic-programming table: the one two back is needed for swaps.
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, previous2[j - 2]! + 1);
      current.push(best);
    }
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
