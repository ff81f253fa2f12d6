import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { clauseTexts } from '../clause-texts.js';
import { findTraditional } from '../traditional.js';
import type { Rule } from '../rule.js';

/**
 * Traditional characters mixed into the Simplified text of an item (a clause pasted from a Hong
 * Kong, Macao or Taiwan source, or an input method left in Traditional mode): the name,
 * conditions, materials and criteria. Each is reported with its Simplified form.
 */
export const traditionalCharacters: Rule = {
  id: 'traditional-characters',
  severity: 'warning',
  scope: 'item',
  description: t(
    '事项名称、受理条件、申请材料或裁量标准中混有繁体字',
    'Traditional characters in the Simplified text of the name, conditions, materials or criteria',
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      for (const clause of [{ path: '/name', text: item.name }, ...clauseTexts(item)]) {
        const found = findTraditional(clause.text);
        if (found.length === 0) continue;
        const chars = [...new Set(found.map((f) => f.char))];
        const pairs = [...new Map(found.map((f) => [f.char, `“${f.char}”→“${f.simplified}”`])).values()];
        const fixed = [...clause.text].map((c) => found.find((f) => f.char === c)?.simplified ?? c).join('');
        findings.push({
          rule: 'traditional-characters',
          file,
          path: clause.path,
          message: t(
            `混有繁体字 ${chars.join('')}（${pairs.join('，')}）；是否想写“${fixed}”？`,
            `Traditional characters ${chars.join('')} in Simplified text (${pairs.join(', ')}); did you mean “${fixed}”?`,
          ),
        });
      }
    }
    return findings;
  },
};
