import { RULES } from './registry.js';

/**
 * Rule ids close to a misspelt one, nearest first: within an edit distance of 2 (3 for long ids),
 * or containing it. For "did you mean".
 * @example nearestRules('vague-clase') // ['vague-clause']
 */
export function nearestRules(id: string): string[] {
  const scored: Array<[string, number]> = [];
  for (const rule of RULES) {
    if (rule.id === 'internal') continue;
    const d = distance(id, rule.id);
    const limit = id.length > 10 ? 3 : 2;
    if (d <= limit || (id.length >= 3 && rule.id.includes(id))) scored.push([rule.id, d]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .map(([r]) => r)
    .slice(0, 3);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
