import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/**
 * A material a government body issued should be fetched from the electronic license library
 * (电子证照) rather than asked of the applicant again.
 */
export const eLicenseReuse: Rule = {
  id: 'e-license-reuse',
  severity: 'warning',
  scope: 'item',
  description: t(
    '政府部门核发的材料没有标记为通过电子证照调取（eLicense: true）',
    'a material issued by a government body is not marked as fetched from the electronic license library (eLicense: true)',
  ),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      item.materials.forEach((m, i) => {
        if (m.source !== 'government' || m.eLicense === true) return;
        findings.push({
          rule: 'e-license-reuse',
          file,
          path: m.eLicense === false ? `/materials/${i}/eLicense` : `/materials/${i}/source`,
          message: t(
            `材料「${m.name}」由政府部门核发，应通过电子证照库调取（eLicense: true），不再要求申请人提交`,
            `material “${m.name}” is issued by a government body: fetch it from the electronic license library (eLicense: true) instead of asking the applicant`,
          ),
        });
      });
    }
    return findings;
  },
};
