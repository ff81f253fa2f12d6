import { t } from '../../i18n/lang.js';
import type { Rule } from '../rule.js';

/**
 * Rules found in the text of a file (validate/text-fixes.ts, validate/placeholders.ts) rather
 * than in the composed catalog; the fixable ones have a safe fix that `licat validate --fix` applies.
 */
export const textFixableRules: Rule[] = [
  {
    id: 'fullwidth-digits',
    severity: 'error',
    fixable: true,
    description: t('应填数字或代码的位置使用了全角数字或全角空格', 'full-width digits or spaces where a number or a code is expected'),
  },
  {
    id: 'invisible-character',
    severity: 'warning',
    fixable: true,
    description: t('文本中有不可见字符（零宽空格、BOM）或不换行空格', 'invisible characters (zero-width space, byte-order mark) or no-break spaces in a text'),
  },
  {
    id: 'trailing-space',
    severity: 'warning',
    fixable: true,
    description: t('行尾或文本首尾有多余空格', 'spaces at the end of a line or at either end of a text'),
  },
  {
    id: 'time-unit-spelling',
    severity: 'error',
    fixable: true,
    description: t(
      '时限单位写成了“工作日”“自然日”等，应为 working-day、calendar-day 或 instant；时限写成了“20个工作日”，应为 { value: 20, unit: working-day }',
      'a time unit spelled 工作日, 自然日 and the like instead of working-day, calendar-day or instant; a time limit written as text (20个工作日) instead of { value: 20, unit: working-day }',
    ),
  },
  {
    id: 'placeholder',
    severity: 'error',
    description: t(
      '新事项中仍有“【待填写】”的内容（licat new 生成的占位符）',
      'a value of a new item still reads 【待填写】 (a placeholder written by licat new)',
    ),
  },
  {
    id: 'fees-wording',
    severity: 'error',
    fixable: true,
    description: t('不收费写成了“无”“不收费”或留空，应为 fees: []', 'no fee written as 无, 不收费 or left blank instead of fees: []'),
  },
];
