import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { clauseTexts } from '../clause-texts.js';
import { findTerms, overlaps, termList } from '../terms.js';
import type { Rule } from '../rule.js';

/**
 * Vague clauses (模糊条款) from data/terms/vague.yaml. A phrase already reported as a catch-all
 * clause, or as a vague criterion in an outcome or rule, is not reported twice.
 */
export const vagueClause: Rule = {
  id: 'vague-clause',
  severity: 'warning',
  scope: 'item',
  description: t(
    '受理条件、申请材料或裁量标准中有模糊条款（如“相关材料”“必要时”“视情况”）',
    'a vague clause (such as “relevant documents”, “when necessary”, “as the case may be”) in conditions, materials or criteria',
  ),
  check(catalog) {
    const vague = termList('vague');
    const catchAll = termList('catch-all');
    const criteriaVague = termList('criteria-vague');
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      for (const clause of clauseTexts(item)) {
        const matches = findTerms(clause.text, vague);
        if (matches.length === 0) continue;
        const catchAllFound = findTerms(clause.text, catchAll);
        const taken = clause.decision ? [...catchAllFound, ...findTerms(clause.text, criteriaVague)] : catchAllFound;
        for (const m of matches) {
          if (taken.some((other) => overlaps(m, other))) continue;
          findings.push({
            rule: 'vague-clause',
            file,
            path: clause.path,
            message: t(`模糊条款「${m.phrase}」：${m.term.instead.zh}`, `vague clause “${m.phrase}”: ${m.term.instead.en}`),
          });
        }
      }
    }
    return findings;
  },
};
