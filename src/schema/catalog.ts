import * as z from 'zod';
import { doc, nonEmptyText, tier } from './common.js';

export const UNIFIED_DEFAULT = ['code', 'name', 'type', 'legalBasis', 'conditions', 'materials', 'process', 'timeLimit', 'fees', 'result'] as const;

/** The schema of catalog.yaml. */
export const catalogSchema = doc(
  z.strictObject({
    id: doc(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), '目录标识', '小写字母、数字和连字符。'),
    name: doc(nonEmptyText, '目录名称', '目录名称。'),
    province: doc(z.string().regex(/^\d{2}$/), '所属省份', '目录所属省份的 2 位区划代码，如 44 广东。'),
    version: doc(nonEmptyText, '版本', '目录版本，如 2026.11。'),
    tiers: doc(z.array(tier).min(1), '层级', '目录使用的大厅层级。'),
    unified: doc(
      z.array(z.string().regex(/^[a-zA-Z]+$/)).min(1),
      '统一要素',
      '各级大厅不得改变的统一要素（十统一），至少包含 code、name、type、legalBasis、conditions、materials、process、timeLimit、fees、result。',
    ),
    rules: doc(z.record(z.string(), z.enum(['off', 'warning', 'error'])), '规则设置', '规则标识 → off（关闭）、warning（警告）或 error（错误）。').optional(),
  }),
  '目录',
  '目录的标识、名称、所属省份、版本、层级和统一要素。',
);
export type CatalogMeta = z.infer<typeof catalogSchema>;
