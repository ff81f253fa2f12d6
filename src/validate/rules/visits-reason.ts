import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/** Every visit to the hall needs a stated reason (到现场原因). */
export const visitsReason: Rule = {
  id: 'visits-reason',
  severity: 'error',
  scope: 'item',
  description: t('到办事现场次数大于 0 却没有说明原因（visitReason）', 'visits to the hall above 0 without a reason (visitReason)'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      if (item.handling.visits === 0 || item.handling.visitReason !== undefined) continue;
      findings.push({
        rule: 'visits-reason',
        file,
        path: '/handling/visits',
        message: t(
          `需到现场 ${item.handling.visits} 次，但没有写明原因；在 handling.visitReason 中说明为什么必须到现场（如“现场核验原件”）`,
          `${item.handling.visits} visit(s) to the hall without a reason; say why in handling.visitReason (such as checking original documents)`,
        ),
      });
    }
    return findings;
  },
};
