import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/** A fee states its standard (how much) and its basis (the document that sets it). */
export const feeBasis: Rule = {
  id: 'fee-basis',
  severity: 'error',
  scope: 'item',
  description: t('收费项目缺少收费标准或收费依据', 'a fee without its standard or its basis'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      item.fees.forEach((fee, i) => {
        const missing = (['standard', 'basis'] as const).filter((key) => fee[key] === undefined);
        if (missing.length === 0) return;
        const zh = missing.map((k) => (k === 'standard' ? '收费标准（standard，如“每证 10 元”）' : '收费依据（basis，设定收费的文件及文号）'));
        const en = missing.map((k) => (k === 'standard' ? 'its standard (how much)' : 'its basis (the document that sets it)'));
        findings.push({
          rule: 'fee-basis',
          file,
          path: `/fees/${i}`,
          message: t(`收费项目「${fee.name}」缺少${zh.join('和')}`, `fee “${fee.name}” lacks ${en.join(' and ')}`),
        });
      });
    }
    return findings;
  },
};
