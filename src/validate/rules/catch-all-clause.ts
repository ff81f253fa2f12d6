import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { clauseTexts } from '../clause-texts.js';
import { findTerms, termList } from '../terms.js';
import type { Rule } from '../rule.js';

/** Catch-all clauses (兜底条款) from data/terms/catch-all.yaml, in conditions, materials and criteria. */
export const catchAllClause: Rule = {
  id: 'catch-all-clause',
  severity: 'error',
  scope: 'item',
  description: t(
    '受理条件、申请材料或裁量标准中有兜底条款（如“其他材料”“法律法规规定的其他条件”）',
    'a catch-all clause (such as “other materials”, “other conditions set by law”) in conditions, materials or criteria',
  ),
  check(catalog) {
    const terms = termList('catch-all');
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      for (const clause of clauseTexts(item)) {
        for (const m of findTerms(clause.text, terms)) {
          findings.push({
            rule: 'catch-all-clause',
            file,
            path: clause.path,
            message: t(`兜底条款「${m.phrase}」：${m.term.instead.zh}`, `catch-all clause “${m.phrase}”: ${m.term.instead.en}`),
          });
        }
      }
    }
    return findings;
  },
};
