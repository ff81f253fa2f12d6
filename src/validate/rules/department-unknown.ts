import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { didYouMean, suggestion } from '../../diagnostics/did-you-mean.js';

/** An item's department must be a kind declared in departments.yaml. */
export const departmentUnknown: Rule = {
  id: 'department-unknown',
  severity: 'error',
  description: t('事项的主管部门不在 departments.yaml 的部门类别中', "the item's department is not a kind in departments.yaml"),
  check(catalog) {
    const kinds = catalog.departments?.kinds;
    if (!kinds) return [];
    const known = Object.keys(kinds).sort();
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      if (Object.hasOwn(kinds, item.department)) continue;
      const hint = suggestion(didYouMean(item.department, known));
      findings.push({
        rule: 'department-unknown',
        file,
        path: '/department',
        message: t(
          `未知的部门类别 \`${item.department}\`${hint.zh}（departments.yaml 中的部门类别：${known.join('、')}）`,
          `unknown department kind \`${item.department}\`${hint.en} (the kinds in departments.yaml: ${known.join(', ')})`,
        ),
      });
    }
    return findings;
  },
};
