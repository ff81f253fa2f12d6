import { t } from '../../i18n/lang.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import { ITEM_TYPE_NAMES } from '../../schema/item.js';
import type { Rule } from '../rule.js';

/** Positions 3-4 of the basic code are the item type and must equal `type`. */
export const codeTypeMismatch: Rule = {
  id: 'code-type-mismatch',
  severity: 'error',
  scope: 'item',
  description: t('基本编码第 3-4 位（事项类型）与 type 不一致', 'positions 3-4 of the basic code (item type) differ from `type`'),
  check(catalog) {
    const findings: Finding[] = [];
    for (const { file, item } of catalog.items) {
      const segment = item.code.slice(2, 4);
      if (segment === item.type) continue;
      const name = (code: string) => ITEM_TYPE_NAMES[code as keyof typeof ITEM_TYPE_NAMES];
      const segmentName = name(segment);
      findings.push({
        rule: 'code-type-mismatch',
        file,
        path: '/code',
        message: t(
          `基本编码 ${item.code} 的第 3-4 位为 ${segment}${segmentName ? `（${segmentName}）` : '（不是事项类型代码）'}，与事项类型 ${item.type}（${name(item.type)}）不一致`,
          `basic code ${item.code} has type segment ${segment}${segmentName ? '' : ' (not an item type code)'} at positions 3-4, but the item's type is ${item.type}`,
        ),
      });
    }
    return findings;
  },
};
