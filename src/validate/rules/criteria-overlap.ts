import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

interface Range {
  index: number;
  min: number;
  max: number;
  unit: string;
}

/** `[25, 50) 米`, with ∞ for an open end. */
function show(r: Range): string {
  const end = (v: number) => (v === Infinity ? '+∞' : v === -Infinity ? '-∞' : String(v));
  return `[${end(r.min)}, ${end(r.max)}) ${r.unit}`;
}

/**
 * The ranges of one criterion ([min, max): min inclusive, max exclusive) neither overlap nor leave
 * a gap between them, and share one unit, so every value has exactly one outcome.
 */
export const criteriaOverlap: Rule = {
  id: 'criteria-overlap',
  severity: 'error',
  scope: 'item',
  description: t(
    '自由裁量标准的区间重叠、相互之间留有缺口、为空区间或单位不一致',
    'discretionary ranges that overlap, leave a gap between them, are empty or mix units',
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      (item.criteria ?? []).forEach((c, i) => {
        if (!c.ranges || c.ranges.length === 0) return;
        const push = (j: number, zh: string, en: string) =>
          findings.push({ rule: 'criteria-overlap', file, path: `/criteria/${i}/ranges/${j}`, message: t(zh, en) });
        const ranges: Range[] = c.ranges.map((r, index) => ({ index, min: r.min ?? -Infinity, max: r.max ?? Infinity, unit: r.unit }));
        const unit = ranges[0]!.unit;
        const odd = ranges.find((r) => r.unit !== unit);
        if (odd) {
          push(
            odd.index,
            `裁量标准 ${c.id} 的区间单位不一致：${unit} 与 ${odd.unit}；同一标准的区间用同一单位`,
            `criterion ${c.id} mixes units ${unit} and ${odd.unit}; use one unit for all its ranges`,
          );
          return;
        }
        const valid: Range[] = [];
        for (const r of ranges) {
          if (r.min >= r.max)
            push(r.index, `区间 ${show(r)} 是空区间：下限（含）应小于上限（不含）`, `range ${show(r)} is empty: min (inclusive) must be below max (exclusive)`);
          else valid.push(r);
        }
        valid.sort((a, b) => a.min - b.min || a.max - b.max || a.index - b.index);
        for (let k = 1; k < valid.length; k++) {
          const prev = valid[k - 1]!;
          const cur = valid[k]!;
          const later = prev.index > cur.index ? prev : cur;
          if (cur.min < prev.max) {
            push(
              later.index,
              `裁量标准 ${c.id} 的区间 ${show(prev)} 与 ${show(cur)} 重叠：同一数值会有两个结果（下限含、上限不含）`,
              `criterion ${c.id}: ranges ${show(prev)} and ${show(cur)} overlap, so one value has two outcomes (min inclusive, max exclusive)`,
            );
          } else if (cur.min > prev.max) {
            push(
              later.index,
              `裁量标准 ${c.id} 的区间 ${show(prev)} 与 ${show(cur)} 之间有缺口 [${prev.max}, ${cur.min})：这些数值没有结果`,
              `criterion ${c.id}: ranges ${show(prev)} and ${show(cur)} leave a gap [${prev.max}, ${cur.min}) with no outcome`,
            );
          }
        }
      });
    }
    return findings;
  },
};
