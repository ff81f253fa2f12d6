/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
 * and swaps of two neighbours each cost 1), stopping early once it exceeds `limit`.
 * @example editDistance('materail', 'material') // 1
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * The candidates closest to a mistyped `word`, best first: within 2 edits, and fewer edits than
 * half the word's length (so "ab" does not suggest "xy"), or differing only in case. Empty when
 * nothing is close. Ties keep the candidates' order.
 * @example didYouMean('sumbit', ['submit', 'review']) // ['submit']
 */
export function didYouMean(word: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: Array<{ c: string; d: number; i: number }> = [];
  const lower = word.toLowerCase();
  const length = [...word].length;
  const limit = Math.min(2, Math.max(1, Math.floor((length - 1) / 2)));
  let i = 0;
  for (const c of candidates) {
    i++;
    if (c === word) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase(), limit);
    if (d <= limit) scored.push({ c, d, i });
  }
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  return [...new Set(scored.map((s) => s.c))].slice(0, max);
}

/** ` did you mean "x"?` in both languages, or empty texts when there is no suggestion. */
export function suggestion(near: readonly string[]): { zh: string; en: string } {
  if (near.length === 0) return { zh: '', en: '' };
  const list = near.map((n) => `“${n}”`);
  return { zh: `；是否想写 ${list.join('、')}？`, en: `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` };
}
