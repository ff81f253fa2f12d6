import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { findTerms, termList } from '../terms.js';
import type { Rule } from '../rule.js';

/** A number: Arabic digits, or Chinese numerals followed by a unit of count, time, money or size. */
const QUANTITY =
  /[0-9０-９]|[零一二两三四五六七八九十百千万半]+(个|项|次|日|天|周|月|年|小时|分钟|倍|元|万元|米|平方米|公里|吨|人|名|家|份|张|件|台|辆|床|座|层|%|％)/;

/**
 * A discretionary criterion decides: its outcomes and rule name one definite result
 * (data/terms/criteria-vague.yaml), and a rule states a number.
 */
export const criteriaVague: Rule = {
  id: 'criteria-vague',
  severity: 'error',
  scope: 'item',
  description: t(
    '自由裁量标准的结果或规则本身含糊（如“酌情”“视情况”“从轻”），或规则没有量化数值',
    'a discretionary outcome or rule that is itself vague (such as 酌情, 视情况, 从轻), or a rule without a number',
  ),
  check(catalog) {
    const terms = termList('criteria-vague');
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      (item.criteria ?? []).forEach((c, i) => {
        const texts: Array<[string, string]> = (c.ranges ?? []).map((r, j) => [`/criteria/${i}/ranges/${j}/outcome`, r.outcome]);
        if (c.rule !== undefined) texts.push([`/criteria/${i}/rule`, c.rule]);
        for (const [path, text] of texts) {
          for (const m of findTerms(text, terms)) {
            findings.push({
              rule: 'criteria-vague',
              file,
              path,
              message: t(`裁量标准 ${c.id} 的结果含糊「${m.phrase}」：${m.term.instead.zh}`, `criterion ${c.id} is vague, “${m.phrase}”: ${m.term.instead.en}`),
            });
          }
        }
        if (c.rule !== undefined && !QUANTITY.test(c.rule)) {
          findings.push({
            rule: 'criteria-vague',
            file,
            path: `/criteria/${i}/rule`,
            message: t(
              `裁量规则 ${c.id} 没有量化的数值：写明数值界限和对应结果，如“逾期不超过 3 个工作日的，准予……”，或改用 ranges`,
              `rule ${c.id} states no number: give the threshold and its outcome (such as “up to 3 working days late: grant …”), or use ranges`,
            ),
          });
        }
      });
    }
    return findings;
  },
};
