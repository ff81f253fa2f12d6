import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/**
 * The segments of a basic code: owner (positions 1-2) is the catalog's province or `00`
 * (national), and the main item number (positions 5-9) is not `00000`.
 */
export const codeFormat: Rule = {
  id: 'code-format',
  severity: 'error',
  description: t(
    '基本编码的分段不合规：前两位应为目录所属省份或 00，主项编号不能为 00000',
    'a basic code segment is wrong: the owner must be the catalog province or 00, the main item number not 00000',
  ),
  check(catalog) {
    const province = catalog.meta?.province;
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const owner = item.code.slice(0, 2);
      if (province !== undefined && owner !== province && owner !== '00') {
        findings.push({
          rule: 'code-format',
          file,
          path: '/code',
          message: t(
            `基本编码 ${item.code} 的前两位（目录所属）为 ${owner}，应为本省代码 ${province} 或国家目录 00`,
            `basic code ${item.code} starts with owner ${owner}; expected the province ${province} or 00 (national)`,
          ),
        });
      }
      if (item.code.slice(4, 9) === '00000') {
        findings.push({
          rule: 'code-format',
          file,
          path: '/code',
          message: t(
            `基本编码 ${item.code} 的第 5-9 位（主项编号）为 00000，主项编号从 00001 起`,
            `basic code ${item.code} has main item number 00000 (positions 5-9); numbers start at 00001`,
          ),
        });
      }
    }
    return findings;
  },
};
