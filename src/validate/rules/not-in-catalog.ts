import { t } from '../../i18n/lang.js';
import { pointer, type Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/** An item not in the catalog may not be implemented (不在目录的一律不得实施): a hall names only catalog items. */
export const notInCatalog: Rule = {
  id: 'not-in-catalog',
  severity: 'error',
  description: t(
    '大厅文件列出了目录中没有的事项（不在目录的一律不得实施）',
    'a hall lists an item that is not in the catalog (an item not in the catalog may not be implemented)',
  ),
  check(catalog) {
    // An item whose file failed to load is still in the catalog: its own file reports why.
    const codes = new Set([...catalog.items.map((e) => e.item.code), ...catalog.unloadedCodes]);
    const findings: Finding[] = [];
    for (const { file, hall } of catalog.halls) {
      for (const code of Object.keys(hall.items ?? {})) {
        if (codes.has(code)) continue;
        findings.push({
          rule: 'not-in-catalog',
          file,
          path: pointer(['items', code]),
          at: 'key',
          message: t(
            `事项 ${code} 不在目录中，不得实施：先把它加入目录（items/），或从本大厅删除`,
            `item ${code} is not in the catalog and may not be implemented: add it to the catalog (items/) first, or remove it from this hall`,
          ),
        });
      }
      hall.notOffered?.forEach((entry, i) => {
        if (codes.has(entry.code)) return;
        findings.push({
          rule: 'not-in-catalog',
          file,
          path: `/notOffered/${i}/code`,
          message: t(
            `notOffered 中的事项 ${entry.code} 不在目录中（编码写错了？）`,
            `item ${entry.code} under notOffered is not in the catalog (a wrong code?)`,
          ),
        });
      });
    }
    return findings;
  },
};
