import { t } from '../../i18n/lang.js';
import type { Rule } from '../rule.js';

/** Problems `licat import` reports on the spreadsheet itself, located as `sheet!cell`. */
export const importStageRules: Rule[] = [
  {
    id: 'import-sheet',
    severity: 'error',
    description: t('导入的表格中找不到事项表头，或缺少“基本编码”列', 'the imported spreadsheet has no header row of items, or no 基本编码 column'),
  },
  {
    id: 'import-sheet-skipped',
    severity: 'warning',
    description: t(
      '导入的表格中有未导入的工作表（其列不足以识别为事项、申请材料、收费标准、办理流程或自由裁量标准表）',
      'a sheet of the imported spreadsheet is not imported (its columns do not make it a sheet of items, materials, fees, process steps or criteria)',
    ),
  },
  {
    id: 'import-column',
    severity: 'warning',
    description: t('导入的表格中有未识别的列，未导入', 'a column of the imported spreadsheet is not recognised and not imported'),
  },
  {
    id: 'import-cell',
    severity: 'error',
    description: t(
      '导入的表格中某个单元格的值无法识别（如时限、层级、是/否、基本编码、不存在的环节或材料名称）',
      'a cell of the imported spreadsheet cannot be read (a time limit, a tier, 是/否, a basic code, the name of a step or material the item lacks…)',
    ),
  },
];
