import { t } from '../../i18n/lang.js';
import { pointer, type Finding } from '../../diagnostics/diagnostic.js';
import { formatDuration, mayExceed } from '../../model/time-limit.js';
import type { Item } from '../../schema/item.js';
import type { Rule } from '../rule.js';

/**
 * A hall may promise less than the unified promised limit, never more. Compared conservatively
 * across units, like time-limit-order.
 */
export const localTimeLimit: Rule = {
  id: 'local-time-limit',
  severity: 'error',
  description: t('大厅的本地承诺时限长于全省统一的承诺时限', "a hall's local promised limit is longer than the unified promised limit"),
  check(catalog) {
    const items = new Map<string, Item>();
    for (const { item } of catalog.items) if (!items.has(item.code)) items.set(item.code, item);
    const findings: Finding[] = [];
    for (const { file, hall } of catalog.halls) {
      for (const [code, local] of Object.entries(hall.items ?? {})) {
        const item = items.get(code);
        if (!item || !local.promised) continue;
        const unified = item.timeLimit.promised;
        if (!mayExceed(local.promised, unified)) continue;
        const l = formatDuration(local.promised);
        const u = formatDuration(unified);
        findings.push({
          rule: 'local-time-limit',
          file,
          path: pointer(['items', code, 'promised']),
          message: t(
            `本地承诺时限 ${l.zh} 可能长于事项 ${code}（${item.name}）全省统一的承诺时限 ${u.zh}；本地只能承诺更短的时限`,
            `the local promise of ${l.en} can be longer than the unified promise of ${u.en} for item ${code} (${item.name}); a hall may only promise less`,
          ),
        });
      }
    }
    return findings;
  },
};
