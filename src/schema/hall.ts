import * as z from 'zod';
import { basicCode, doc, duration, nonEmptyText, regionCode } from './common.js';

/**
 * The schema of halls/<region>.yaml. Unknown keys are kept (passthrough) so that the
 * unified-override rule can name a unified element a hall tries to set, instead of a schema error.
 */
export const hallSchema = doc(
  z.looseObject({
    region: regionCode,
    name: doc(nonEmptyText, '大厅名称', '服务大厅名称。'),
    address: doc(nonEmptyText, '地址', '大厅地址。').optional(),
    hours: doc(nonEmptyText, '办公时间', '办公时间。').optional(),
    phone: doc(nonEmptyText, '咨询电话', '咨询电话。').optional(),
    complaintPhone: doc(nonEmptyText, '投诉电话', '投诉电话。').optional(),
    windows: doc(z.array(nonEmptyText), '窗口', '窗口设置。').optional(),
    items: doc(
      z.record(
        basicCode,
        z.looseObject({
          window: doc(nonEmptyText, '办理窗口', '办理该事项的窗口。').optional(),
          promised: doc(duration, '本地承诺时限', '比全省统一承诺时限更短的本地承诺时限。').optional(),
          note: doc(nonEmptyText, '说明', '本地说明。').optional(),
        }),
      ),
      '本地事项信息',
      '基本编码 → 本地窗口、本地承诺时限。',
    ).optional(),
    notOffered: doc(
      z.array(
        z.strictObject({
          code: basicCode,
          reason: doc(nonEmptyText, '原因', '本大厅不提供该事项的原因。'),
        }),
      ),
      '不提供的事项',
      '本大厅不提供的事项及原因。',
    ).optional(),
  }),
  '服务大厅',
  '一个服务大厅的本地信息；不得设置统一要素。',
);
export type Hall = z.infer<typeof hallSchema>;
