import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { formatDuration, mayExceed } from '../../model/time-limit.js';
import type { Rule } from '../rule.js';

/**
 * The promised limit may not exceed the statutory one. Across units the comparison is
 * conservative (model/time-limit.ts): the promise must fit however the days fall.
 */
export const timeLimitOrder: Rule = {
  id: 'time-limit-order',
  severity: 'error',
  scope: 'item',
  description: t(
    '承诺时限长于法定时限（工作日与自然日按最不利情形换算）',
    'the promised limit is longer than the statutory one (working and calendar days converted conservatively)',
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const { statutory, promised } = item.timeLimit;
      if (!mayExceed(promised, statutory)) continue;
      const p = formatDuration(promised);
      const s = formatDuration(statutory);
      const mixed = promised.unit !== statutory.unit && statutory.unit !== 'instant';
      findings.push({
        rule: 'time-limit-order',
        file,
        path: '/timeLimit/promised',
        message: t(
          mixed
            ? `承诺时限 ${p.zh} 可能长于法定时限 ${s.zh}（按最不利的周末分布换算）；承诺时限不得超过法定时限`
            : `承诺时限 ${p.zh} 长于法定时限 ${s.zh}；承诺时限不得超过法定时限`,
          mixed
            ? `the promised limit of ${p.en} can be longer than the statutory ${s.en} (converted with the least favourable weekends); a promise may not exceed the statutory limit`
            : `the promised limit of ${p.en} is longer than the statutory ${s.en}; a promise may not exceed the statutory limit`,
        ),
      });
    }
    return findings;
  },
};
