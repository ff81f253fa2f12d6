import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { longestPath, processGraph } from '../../model/process-graph.js';
import { formatDuration, mayExceed, mostWorkingDays } from '../../model/time-limit.js';
import type { TimeUnit } from '../../schema/common.js';
import type { Step } from '../../schema/item.js';
import type { Rule } from '../rule.js';

/**
 * Step limits summed along the longest path fit the promised limit. Special procedures
 * (process.special) are not steps and are not counted. Steps in one unit are summed in that unit;
 * mixed units are summed in working days, a calendar-day step counting as the most working days
 * it can hold.
 */
export const processTimeBudget: Rule = {
  id: 'process-time-budget',
  severity: 'error',
  scope: 'item',
  description: t(
    '沿最长路径累加的环节时限超过承诺时限（特殊程序不计入）',
    'step limits summed along the longest path exceed the promised limit (special procedures excepted)',
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const steps = item.process.steps;
      const units = new Set<TimeUnit>();
      for (const s of steps) if (s.limit && s.limit.unit !== 'instant' && s.limit.value > 0) units.add(s.limit.unit);
      if (units.size === 0) continue;
      const unit: TimeUnit = units.size === 1 ? [...units][0]! : 'working-day';
      const weight = (s: Step) => (!s.limit || s.limit.unit === 'instant' ? 0 : s.limit.unit === unit ? s.limit.value : mostWorkingDays(s.limit));
      const { total, path } = longestPath(processGraph(item), weight);
      const sum = { value: total, unit };
      const promised = item.timeLimit.promised;
      if (!mayExceed(sum, promised)) continue;
      const onPath = path.map((i) => steps[i]!).filter((s) => weight(s) > 0);
      const s = formatDuration(sum);
      const p = formatDuration(promised);
      findings.push({
        rule: 'process-time-budget',
        file,
        path: '/timeLimit/promised',
        message: t(
          `沿最长路径（${onPath.map((x) => `${x.name} ${formatDuration(x.limit!).zh}`).join(' → ')}）环节时限合计 ${s.zh}，超过承诺时限 ${p.zh}；压缩环节时限，或把不计入时限的程序（如专家评审、听证）移到 process.special`,
          `step limits along the longest path (${onPath.map((x) => `${x.id} ${formatDuration(x.limit!).en}`).join(' → ')}) add up to ${s.en}, more than the promised ${p.en}; shorten the steps, or move procedures not counted in the limit (expert review, hearing) to process.special`,
        ),
      });
    }
    return findings;
  },
};
