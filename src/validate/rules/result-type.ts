import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/** A result named …证 or …证书 is a certificate (证照). */
export const resultType: Rule = {
  id: 'result-type',
  severity: 'error',
  scope: 'item',
  description: t('结果名称以“证”结尾，结果类型却不是 certificate', 'a result named …证 whose type is not certificate'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const { name, type } = item.result;
      if (type === 'certificate' || !/证书?$/.test(name.trim())) continue;
      findings.push({
        rule: 'result-type',
        file,
        path: '/result/type',
        message: t(
          `办理结果「${name}」是证照，结果类型应为 certificate，实为 ${type}`,
          `result “${name}” is a certificate, so its type must be certificate, not ${type}`,
        ),
      });
    }
    return findings;
  },
};
