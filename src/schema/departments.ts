import * as z from 'zod';
import { doc, nonEmptyText, regionCode, uscc } from './common.js';

const body = doc(
  z.strictObject({
    name: doc(nonEmptyText, '实施主体名称', '该区划内该类部门的实施主体名称。'),
    uscc,
    sample: doc(z.boolean(), '样例代码', '为 true 时，信用代码是按规则生成的样例，而非真实代码。').optional(),
  }),
  '实施主体',
  '实施主体的名称和统一社会信用代码。',
);

/** The schema of departments.yaml. */
export const departmentsSchema = doc(
  z.strictObject({
    kinds: doc(
      z.record(
        z.string().regex(/^[a-z][a-z0-9-]*$/),
        z.strictObject({
          name: doc(nonEmptyText, '部门名称', '部门类别的中文名称。'),
          nameEn: doc(nonEmptyText, '英文名称', '部门类别的英文名称。').optional(),
        }),
      ),
      '部门类别',
      '事项可引用的部门类别。',
    ),
    bodies: doc(z.record(z.string(), z.record(regionCode, body)), '实施主体', '部门类别 → 区划代码 → 实施主体。'),
    absent: doc(
      z.record(z.string(), z.record(regionCode, nonEmptyText)),
      '不设实施主体的区划',
      '部门类别 → 区划代码 → 原因：这些区划不设该类部门（如林场、监狱等镇级统计单位不设镇人民政府），其事项在此不实施。',
    ).optional(),
  }),
  '部门',
  '部门类别及其在各区划的实施主体。',
);
export type Departments = z.infer<typeof departmentsSchema>;
export type Body = z.infer<typeof body>;
