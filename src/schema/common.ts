import * as z from 'zod';

/** Attach the Chinese title and a bilingual description shown by editors' YAML language servers. */
export function doc<T extends z.ZodType>(schema: T, title: string, description: string): T {
  return schema.meta({ title, description });
}

export const TIERS = ['province', 'city', 'county', 'town', 'village'] as const;
export type Tier = (typeof TIERS)[number];
/** Exercise-level digit (行使层级) of each tier: 2 province … 6 village. */
export const TIER_LEVEL_DIGIT: Record<Tier, string> = { province: '2', city: '3', county: '4', town: '5', village: '6' };

export const tier = doc(z.enum(TIERS), '层级', '服务大厅层级：province 省、city 市、county 县（区）、town 镇（街道）、village 村（社区）。');

export const TIME_UNITS = ['working-day', 'calendar-day', 'instant'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const duration = doc(
  z.strictObject({
    value: doc(z.number().int().min(0).max(3650), '数值', '时限数值；即办（instant）时为 0。'),
    unit: doc(z.enum(TIME_UNITS), '单位', 'working-day 工作日、calendar-day 自然日、instant 即办。'),
  }),
  '时限',
  '一个时限：数值和单位。',
);
export type Duration = z.infer<typeof duration>;

export const nonEmptyText = z.string().trim().min(1);

/** Identifier used for materials, steps and criteria inside one item. */
export const localId = doc(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), '标识', '条目内唯一的标识：小写字母、数字和连字符（kebab-case）。');

/** A 6-, 9- or 12-digit region code. Checked before any use in an output path. */
export const regionCode = doc(z.string().regex(/^(\d{6}|\d{9}|\d{12})$/), '区划代码', '行政区划代码：省市县 6 位，镇（街道）9 位，村（社区）12 位。');

/** A basic code (基本编码): 12 characters, owner + type + main item + sub-item. */
export const basicCode = doc(
  z.string().regex(/^\d{12}$/),
  '基本编码',
  '12 位基本编码：1-2 位目录所属（00 国家或省份代码）、3-4 位事项类型、5-9 位主项、10-12 位子项（无子项为 000）。',
);

/** Unified social credit code (统一社会信用代码, GB 32100-2015), checked by the uscc-checksum rule. */
export const uscc = doc(
  z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
  '统一社会信用代码',
  '18 位统一社会信用代码（GB 32100-2015），字母表不含 I、O、S、V、Z，末位为校验码。',
);
