import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/** A basic code names one item: two item files with the same code are both reported. */
export const codeDuplicate: Rule = {
  id: 'code-duplicate',
  severity: 'error',
  description: t('多个事项使用同一个基本编码', 'two or more items have the same basic code'),
  check(catalog) {
    const byCode = new Map<string, string[]>();
    for (const { file, item } of catalog.items) {
      const files = byCode.get(item.code);
      if (files) files.push(file);
      else byCode.set(item.code, [file]);
    }
    const findings: Finding[] = [];
    for (const [code, files] of byCode) {
      if (files.length < 2) continue;
      for (const file of files) {
        const others = files.filter((f) => f !== file);
        findings.push({
          rule: 'code-duplicate',
          file,
          path: '/code',
          message: t(`基本编码 ${code} 重复，也用于：${others.join('、')}`, `basic code ${code} is also used by ${others.join(', ')}`),
        });
      }
    }
    return findings;
  },
};
