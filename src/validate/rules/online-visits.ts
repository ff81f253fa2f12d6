import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/** Full online handling (online depth 4, 全程网办) means zero visits and the online form. */
export const onlineVisits: Rule = {
  id: 'online-visits',
  severity: 'error',
  scope: 'item',
  description: t('网上办理深度为 4（全程网办）却需要到现场或不提供网上办理', 'online depth 4 (full online) with visits to the hall or without the online form'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const h = item.handling;
      if (h.onlineDepth !== 4) continue;
      if (h.visits > 0) {
        findings.push({
          rule: 'online-visits',
          file,
          path: '/handling/visits',
          message: t(
            `全程网办（onlineDepth: 4）的事项到现场次数应为 0，实为 ${h.visits}；确需到现场的，把网上办理深度降为 3 或以下`,
            `a fully online item (onlineDepth: 4) needs 0 visits, not ${h.visits}; if a visit is really needed, lower the online depth to 3 or below`,
          ),
        });
      }
      if (!h.forms.includes('online')) {
        findings.push({
          rule: 'online-visits',
          file,
          path: '/handling/forms',
          message: t('全程网办（onlineDepth: 4）的事项，办理形式（forms）应包含 online', 'a fully online item (onlineDepth: 4) must list online in its forms'),
        });
      }
    }
    return findings;
  },
};
